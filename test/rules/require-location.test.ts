import rule from '../../rules/require-location.js';
import { header, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const post = { method: 'post' } as const;

for (const v of VERSIONS) {
  const located = (description: string) => ({ description, headers: { Location: header(v) } });
  /** A Location header as the fix writes it: 2.0 puts the type on the header. */
  const uriHeader = (description: string) => (v === '2.0' ? { description, type: 'string', format: 'uri-reference' } : { description, schema: { type: 'string', format: 'uri-reference' } });
  valid.push(
    { name: `${v}: POST 201 with Location`, spec: withResponses(v, { 201: located('Created') }, post) },
    { name: `${v}: header name in another case`, spec: withResponses(v, { 201: { description: 'Created', headers: { location: header(v) } } }, post) },
    { name: `${v}: PUT 201 names the target URI`, spec: withResponses(v, { 201: { description: 'Created' } }, { method: 'put', path: '/items/{id}' }) },
    { name: `${v}: PATCH 201 creates at the target URI`, spec: withResponses(v, { 201: { description: 'Created' } }, { method: 'patch', path: '/items/{id}' }) },
    {
      name: `${v}: a POST to an item URI with nothing below it may create at that URI`,
      spec: withResponses(v, { 201: { description: 'Basket created' } }, { method: 'post', path: '/baskets/{name}' }),
    },
    {
      name: `${v}: items below another path do not count, nor literal paths below this one`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/baskets/{name}/': { post: { responses: { 201: { description: 'Created' } } } },
          '/baskets/{name}/requests': { get: { responses: { 200: { description: 'Requests' } } } },
          '/other/{id}/{sub}': { get: { responses: { 200: { description: 'Other' } } } },
        },
      },
    },
    { name: `${v}: a 201 to GET is not checked`, spec: withResponses(v, { 201: { description: 'Created' } }) },
    { name: `${v}: redirects with Location`, spec: withResponses(v, { 301: located('Moved'), 302: located('Found'), 303: located('See other'), 307: located('Temporary'), 308: located('Permanent') }) },
    { name: `${v}: 300 and 304 need no Location`, spec: withResponses(v, { 300: { description: 'Choices' }, 304: { description: 'Not modified' } }) },
    {
      name: `${v}: a 308 that declares Range is a resumable upload's Resume Incomplete, not a redirect`,
      spec: withResponses(v, { 308: { description: 'Resume incomplete', headers: { Range: header(v) } } }, { method: 'put', path: '/uploads/{id}' }),
    },
    { name: `${v}: 305 is not one of the redirects checked`, spec: withResponses(v, { 305: { description: 'Use proxy' } }) },
    { name: `${v}: default is never a 201 or a redirect`, spec: withResponses(v, { default: { description: 'Anything' } }, post) },
    {
      name: `${v}: shared 201 with Location`,
      spec: { ...withResponses(v, { 201: { $ref: responsesRef(v, 'Created') } }, post), ...sharedResponses(v, { Created: located('Created') }) },
    },
    {
      // The header is found in other files, whatever its case.
      name: `${v}: a shared redirect in another file that declares the header`,
      spec: withResponses(v, { 302: { $ref: 'common/responses.yaml#/Found' } }),
      files: { 'common/responses.yaml': { Found: { description: 'Found elsewhere', headers: { LOCATION: header(v) } } } },
    },
    {
      name: `${v}: shared 201 used only by PUT`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Created: { description: 'Created' } }),
        paths: { '/items/{id}': { put: { responses: { 201: { $ref: responsesRef(v, 'Created') } } } } },
      },
    },
  );
  if (v !== '2.0') {
    valid.push(
      { name: `${v}: a 2XX or 3XX range is not checked`, spec: withResponses(v, { '2XX': { description: 'Created' }, '3XX': { description: 'Redirect' } }, post) },
      {
        name: `${v}: Location through a $ref to components/headers`,
        spec: withResponses(v, { 201: { description: 'Created', headers: { Location: { $ref: '#/components/headers/Location' } } } }, {
          ...post,
          root: { components: { headers: { Location: { schema: { type: 'string', format: 'uri' } } } } },
        }),
      },
      {
        name: `${v}: Location through a $ref to a header in another file`,
        spec: withResponses(v, { 201: { description: 'Created', headers: { Location: { $ref: 'common/headers.yaml#/Location' } } } }, post),
        files: { 'common/headers.yaml': { Location: { schema: { type: 'string', format: 'uri' } } } },
      },
    );
    // A link tells generated code which operation to call next, not an HTTP client where the resource is.
    invalid.push({
      name: `${v}: a 201 whose links name the operation that reads the new item`,
      spec: withResponses(v, { 201: { description: 'Created', links: { GetItem: { operationId: 'getItem', parameters: { id: '$response.body#/id' } } } } }, { ...post, operation: { operationId: 'createItem' } }),
      errors: [{ messageId: 'created', at: '/paths/~1items/post/responses/201' }],
    });
  }

  invalid.push(
    {
      name: `${v}: --fix adds a Location naming the created resource to a POST's 201`,
      spec: withResponses(v, { 201: { description: 'Created' } }, post),
      errors: [
        {
          messageId: 'created',
          at: '/paths/~1items/post/responses/201',
          message: "201 response declares no 'Location' header; add one with the URI of the resource that was created, or use 200 if the request created nothing.",
        },
      ],
      fixed: withResponses(v, { 201: { description: 'Created', headers: { Location: uriHeader('The URI of the created resource (RFC 9110 §10.2.2).') } } }, post),
    },
    {
      name: `${v}: --fix adds a Location naming the target to a 302`,
      spec: withResponses(v, { 302: { description: 'Found' } }),
      errors: [{ messageId: 'redirect', at: '/paths/~1items/get/responses/302', message: "302 response declares no 'Location' header; add one with the URI the client is redirected to." }],
      fixed: withResponses(v, { 302: { description: 'Found', headers: { Location: uriHeader('The URI to follow (RFC 9110 §10.2.2).') } } }),
    },
    {
      name: `${v}: POST 201 with other headers only`,
      spec: withResponses(v, { 201: { description: 'Created', headers: { 'Content-Location': header(v) } } }, post),
      errors: [{ messageId: 'created', at: '/paths/~1items/post/responses/201' }],
    },
    ...['301', '302', '303', '307', '308'].map((status) => ({
      name: `${v}: ${status} without Location`,
      spec: withResponses(v, { [status]: { description: 'Redirect' } }),
      errors: [{ messageId: 'redirect', at: `/paths/~1items/get/responses/${status}` }],
    })),
    {
      name: `${v}: a POST to a path with items one parameter below it creates a member there`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/flags/{projectKey}': { post: { responses: { 201: { description: 'Flag created' } } } },
          '/flags/{projectKey}/{flagKey}/': { get: { responses: { 200: { description: 'A flag' } } } },
        },
      },
      errors: [{ messageId: 'created', at: '/paths/~1flags~1{projectKey}/post/responses/201' }],
    },
    {
      name: `${v}: a 308 whose headers name no Range is a redirect`,
      spec: withResponses(v, { 308: { description: 'Moved', headers: { 'Content-Range': header(v) } } }),
      errors: [{ messageId: 'redirect', at: '/paths/~1items/get/responses/308' }],
    },
    {
      name: `${v}: 201 shared by a PUT and a POST is reported once, at the definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Created: { description: 'Created' } }),
        paths: {
          '/items': { post: { responses: { 201: { $ref: responsesRef(v, 'Created') } } } },
          '/items/{id}': { put: { responses: { 201: { $ref: responsesRef(v, 'Created') } } } },
          '/things': { post: { responses: { 201: { $ref: responsesRef(v, 'Created') } } } },
        },
      },
      errors: [{ messageId: 'created', at: responsesRef(v, 'Created').slice(1) }],
    },
    {
      name: `${v}: a POST's 201 that is also a GET's 200 and a DELETE's 204 is reported where the POST names it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Item: { description: 'An item' } }),
        paths: {
          '/items': { post: { responses: { 201: { $ref: responsesRef(v, 'Item') } } }, get: { responses: { 200: { $ref: responsesRef(v, 'Item') } } } },
          '/items/{id}': { put: { responses: { 201: { $ref: responsesRef(v, 'Item') } } }, delete: { responses: { 204: { $ref: responsesRef(v, 'Item') } } } },
        },
      },
      errors: [
        {
          messageId: 'sharedCreated',
          at: '/paths/~1items/post/responses/201',
          message: `This 201 uses '${responsesRef(v, 'Item')}', which declares no 'Location' header and is also used for 200, 204; give the 201 a response of its own with a 'Location' header naming the created resource, or use 200 if the request created nothing.`,
        },
      ],
    },
    {
      // As bundlers write a response met twice: the second use names the first, in place.
      name: `${v}: a POST's inline 201 that a GET names through $ref as its 200 is reported where it is written, as shared`,
      spec: namedInline(v, { status: '201', response: { description: 'The item' }, other: '200', method: 'post' }),
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/post/responses/201',
          message:
            "This 201 response is named through $ref elsewhere for 200, so a 'Location' header added here would be declared there too; give those a response of their own, then add the header here.",
        },
      ],
    },
    {
      name: `${v}: a redirect shared with a 200 is reported at each use`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Download: { description: 'The file, or where to fetch it' } }),
        paths: {
          '/a': { get: { responses: { 200: { $ref: responsesRef(v, 'Download') }, 302: { $ref: responsesRef(v, 'Download') } } } },
          '/b': { get: { responses: { 307: { $ref: responsesRef(v, 'Download') } } } },
        },
      },
      errors: [
        {
          messageId: 'sharedRedirect',
          at: '/paths/~1a/get/responses/302',
          message: `This 302 uses '${responsesRef(v, 'Download')}', which declares no 'Location' header and is also used for 200; give the 302 a response of its own with a 'Location' header naming the URI the client is redirected to.`,
        },
        { messageId: 'sharedRedirect', at: '/paths/~1b/get/responses/307' },
      ],
    },
    {
      name: `${v}: shared redirect in another file points into that file`,
      spec: withResponses(v, { 302: { $ref: 'common/responses.yaml#/Found' } }),
      files: { 'common/responses.yaml': 'Ok:\n  description: OK\nFound:\n  description: Found elsewhere\n' },
      errors: [{ messageId: 'redirect', at: 'common/responses.yaml#/Found', line: 3 }],
    },
  );
}

testRule(rule, { valid, invalid });
