import rule from '../../rules/require-allow.js';
import { header, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: 405 with Allow`, spec: withResponses(v, { 405: { description: 'Method not allowed', headers: { Allow: header(v) } } }, { method: 'delete' }) },
    { name: `${v}: header name in another case`, spec: withResponses(v, { 405: { description: 'Method not allowed', headers: { ALLOW: header(v) } } }) },
    { name: `${v}: no 405 at all`, spec: withResponses(v, { 200: { description: 'OK' }, 404: { description: 'Not found' } }) },
    { name: `${v}: default is never a 405`, spec: withResponses(v, { default: { description: 'Error' } }) },
    {
      name: `${v}: shared 405 with Allow`,
      spec: {
        ...withResponses(v, { 405: { $ref: responsesRef(v, 'MethodNotAllowed') } }),
        ...sharedResponses(v, { MethodNotAllowed: { description: 'Method not allowed', headers: { Allow: header(v) } } }),
      },
    },
  );
  if (v !== '2.0') {
    valid.push(
      { name: `${v}: a 4XX range is not a 405`, spec: withResponses(v, { '4XX': { description: 'Client error' } }) },
      {
        name: `${v}: Allow through a $ref to components/headers`,
        spec: withResponses(v, { 405: { description: 'Method not allowed', headers: { Allow: { $ref: '#/components/headers/Allow' } } } }, {
          root: { components: { headers: { Allow: { schema: { type: 'string' }, example: 'GET, HEAD' } } } },
        }),
      },
    );
  }

  const twoPaths = (allowed: Record<string, unknown> = {}) => ({
    ...withResponses(v, {}),
    paths: {
      '/items': { get: { responses: { 200: { description: 'OK' } } }, post: { responses: { 405: { description: 'Method not allowed', ...allowed } } } },
      '/other': { delete: { responses: { 204: { description: 'Gone' } } } },
    },
  });
  const allow = 'The methods the target resource supports (RFC 9110 §10.2.1).';
  invalid.push(
    {
      // The example lists the methods of the 405's own path, not of every path.
      name: `${v}: --fix adds an Allow header naming the methods its path defines`,
      spec: twoPaths(),
      errors: [
        {
          messageId: 'missing',
          at: '/paths/~1items/post/responses/405',
          message: "405 response declares no 'Allow' header; add one listing the methods the resource supports (e.g. 'GET, HEAD'), or use another status if the method is not what was refused.",
        },
      ],
      // Swagger 2.0 headers take no example: the fix writes it into the description.
      fixed: twoPaths({
        headers: { Allow: v === '2.0' ? { description: `${allow} Example: GET, POST`, type: 'string' } : { description: allow, schema: { type: 'string' }, example: 'GET, POST' } },
      }),
    },
    {
      // Named by the other use, not naming one: the message says to give the others their own.
      name: `${v}: an inline 405 that another operation names through $ref as its 400 is reported where it is written`,
      spec: namedInline(v, { status: '405', response: { description: 'Inline' }, other: '400' }),
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/get/responses/405',
          message: "This 405 response is named through $ref elsewhere for 400, so an 'Allow' header added here would be declared there too; give those a response of their own, then add the header here.",
        },
      ],
    },
    { name: `${v}: inline 405 without headers`, spec: withResponses(v, { 405: { description: 'Method not allowed' } }, { method: 'post' }), errors: [{ messageId: 'missing', at: '/paths/~1items/post/responses/405' }] },
    {
      name: `${v}: 405 with other headers only`,
      spec: withResponses(v, { 405: { description: 'Invalid input', headers: { 'X-Request-Id': header(v) } } }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/405' }],
    },
    {
      name: `${v}: shared 405 reported once, at the definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { MethodNotAllowed: { description: 'Method not allowed' } }),
        paths: {
          '/a': { get: { responses: { 405: { $ref: responsesRef(v, 'MethodNotAllowed') } } } },
          '/b': { post: { responses: { 405: { $ref: responsesRef(v, 'MethodNotAllowed') } } } },
        },
      },
      errors: [{ messageId: 'missing', at: responsesRef(v, 'MethodNotAllowed').slice(1) }],
    },
    {
      name: `${v}: a 405 that uses a generic error response is reported where the operation names it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Error: { description: 'An error' } }),
        // The other statuses are listed sorted, whichever use comes first.
        paths: {
          '/b': { post: { responses: { 405: { $ref: responsesRef(v, 'Error') }, default: { $ref: responsesRef(v, 'Error') } } } },
          '/a': { get: { responses: { 400: { $ref: responsesRef(v, 'Error') }, 405: { $ref: responsesRef(v, 'Error') } } } },
        },
      },
      errors: ['/paths/~1a/get/responses/405', '/paths/~1b/post/responses/405'].map((at) => ({
        messageId: 'sharedMissing',
        at,
        message: `This 405 uses '${responsesRef(v, 'Error')}', which declares no 'Allow' header and is also used for 400, default; give the 405 a response of its own with an 'Allow' header listing the methods the resource supports, or use another status if the method is not what was refused.`,
      })),
    },
    {
      name: `${v}: 405 in another file points into that file`,
      spec: withResponses(v, { 405: { $ref: 'common/responses.yaml#/MethodNotAllowed' } }),
      files: { 'common/responses.yaml': 'Ok:\n  description: OK\nMethodNotAllowed:\n  description: Method not allowed\n' },
      errors: [{ messageId: 'missing', at: 'common/responses.yaml#/MethodNotAllowed', line: 3 }],
    },
  );
}

testRule(rule, { valid, invalid });
