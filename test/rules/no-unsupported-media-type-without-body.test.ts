import rule from '../../rules/no-unsupported-media-type-without-body.js';
import { requestBody, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const unsupported = { description: 'Unsupported media type' };

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: POST with a body may refuse its format`, spec: withResponses(v, { 201: { description: 'Created' }, 415: unsupported }, { method: 'post', operation: requestBody(v) }) },
    { name: `${v}: GET without 415`, spec: withResponses(v, { 200: { description: 'OK' }, 406: { description: 'Not acceptable' } }) },
    { name: `${v}: default is never a 415`, spec: withResponses(v, { default: { description: 'Error' } }) },
    {
      name: `${v}: a body declared on the path item counts`,
      spec: {
        ...withResponses(v, {}),
        paths:
          v === '2.0'
            ? { '/items': { parameters: [{ name: 'item', in: 'body', schema: { type: 'object' } }], put: { responses: { 415: unsupported } } } }
            : { '/items': { put: { requestBody: { $ref: '#/components/requestBodies/Item' }, responses: { 415: unsupported } } } },
        ...(v === '2.0' ? {} : { components: { requestBodies: { Item: { content: { 'application/json': { schema: { type: 'object' } } } } } } }),
      },
    },
  );
  // A body behind a $ref that is not fetched is still declared: "declares no request body" would be untrue.
  valid.push(
    v === '2.0'
      ? {
          name: `${v}: a parameter behind a remote $ref may be the body`,
          spec: withResponses(v, { 201: { description: 'Created' }, 415: unsupported }, { method: 'post', operation: { parameters: [{ $ref: 'https://example.com/params.yaml#/Body' }] } }),
        }
      : {
          name: `${v}: a request body behind a remote $ref`,
          spec: withResponses(v, { 201: { description: 'Created' }, 415: unsupported }, { method: 'post', operation: { requestBody: { $ref: 'https://example.com/bodies.yaml#/Item' } } }),
        },
  );
  if (v === '2.0') {
    valid.push({
      name: `${v}: a body parameter written beside the path item's $ref counts`,
      spec: { ...withResponses(v, {}), paths: { '/items': { $ref: 'paths/items.yaml', parameters: [{ name: 'item', in: 'body', schema: { type: 'object' } }] } } },
      files: { 'paths/items.yaml': { put: { responses: { 200: { description: 'OK' }, 415: unsupported } } } },
    });
    valid.push({
      name: `${v}: a path-level parameter behind a remote $ref may be the body`,
      spec: { ...withResponses(v, {}), paths: { '/items': { parameters: [{ $ref: 'https://example.com/params.yaml#/Body' }], put: { responses: { 200: { description: 'OK' }, 415: unsupported } } } } },
    });
  }
  invalid.push({
    name: `${v}: a parameter that resolves to a query parameter is no body`,
    spec: {
      ...withResponses(v, { 200: { description: 'OK' }, 415: unsupported }, { operation: { parameters: [{ $ref: v === '2.0' ? '#/parameters/Q' : '#/components/parameters/Q' }] } }),
      ...(v === '2.0'
        ? { parameters: { Q: { name: 'q', in: 'query', type: 'string' } } }
        : { components: { parameters: { Q: { name: 'q', in: 'query', schema: { type: 'string' } } } } }),
    },
    errors: [{ messageId: 'noBody', at: '/paths/~1items/get/responses/415' }],
  });
  if (v === '2.0') {
    valid.push({
      name: `${v}: a form upload counts as a body`,
      spec: withResponses(v, { 415: unsupported }, { method: 'post', operation: { consumes: ['multipart/form-data'], parameters: [{ name: 'file', in: 'formData', type: 'file' }] } }),
    });
  } else {
    valid.push({ name: `${v}: a 4XX range is not a 415`, spec: withResponses(v, { '4XX': { description: 'Client error' } }) });
  }

  invalid.push(
    {
      name: `${v}: GET declaring 415`,
      spec: withResponses(v, { 200: { description: 'OK' }, 415: unsupported }),
      errors: [
        {
          messageId: 'noBody',
          at: '/paths/~1items/get/responses/415',
          message: "415 Unsupported Media Type refuses the request's content, but this operation declares no request body; remove it, declare the request body, or use 406 if the client's Accept header is the problem.",
        },
      ],
    },
    { name: `${v}: DELETE declaring 415`, spec: withResponses(v, { 415: unsupported }, { method: 'delete' }), errors: [{ messageId: 'noBody', at: '/paths/~1items/delete/responses/415' }] },
    {
      name: `${v}: POST whose body is not declared`,
      spec: withResponses(v, { 415: { description: 'Bad image' } }, { method: 'post', path: '/images' }),
      errors: [{ messageId: 'noBody', at: '/paths/~1images/post/responses/415' }],
    },
    {
      name: `${v}: a shared 415 is reported where each bodiless operation names it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Unsupported: unsupported }),
        paths: {
          '/items': {
            get: { responses: { 415: { $ref: responsesRef(v, 'Unsupported') } } },
            post: { ...requestBody(v), responses: { 415: { $ref: responsesRef(v, 'Unsupported') } } },
          },
          '/things': { get: { responses: { 415: { $ref: responsesRef(v, 'Unsupported') } } } },
        },
      },
      errors: [
        { messageId: 'noBody', at: '/paths/~1items/get/responses/415' },
        { messageId: 'noBody', at: '/paths/~1things/get/responses/415' },
      ],
    },
  );
}

// `requestBody: null` (a draft's placeholder) is no body, and Swagger 2.0 has no `requestBody`
// at all: a key left over from a conversion declares nothing there.
for (const v of VERSIONS) {
  invalid.push({
    name: `${v}: a requestBody that is null, or one Swagger 2.0 does not read, is no body`,
    spec: withResponses(v, { 201: { description: 'Created' }, 415: unsupported }, { method: 'post', operation: { requestBody: v === '2.0' ? { content: { 'application/json': { schema: { type: 'object' } } } } : null } }),
    errors: [{ messageId: 'noBody', at: '/paths/~1items/post/responses/415' }],
  });
}

testRule(rule, { valid, invalid });
