import rule from '../../rules/require-www-authenticate.js';
import { header, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: 401 with WWW-Authenticate`, spec: withResponses(v, { 401: { description: 'Unauthorized', headers: { 'WWW-Authenticate': header(v) } } }) },
    { name: `${v}: header name in another case`, spec: withResponses(v, { 401: { description: 'Unauthorized', headers: { 'www-authenticate': header(v) } } }) },
    { name: `${v}: no 401 at all`, spec: withResponses(v, { 200: { description: 'OK' }, 403: { description: 'Forbidden' } }) },
    { name: `${v}: a 4XX range or default is not a 401`, spec: withResponses(v, { default: { description: 'Error' }, ...(v === '2.0' ? {} : { '4XX': { description: 'Client error' } }) }) },
    {
      name: `${v}: shared 401 response with the header`,
      spec: {
        ...withResponses(v, { 401: { $ref: responsesRef(v, 'Unauthorized') } }),
        ...sharedResponses(v, { Unauthorized: { description: 'Unauthorized', headers: { 'WWW-Authenticate': header(v) } } }),
      },
    },
  );
  invalid.push(
    { name: `${v}: inline 401 without headers`, spec: withResponses(v, { 401: { description: 'Unauthorized' } }), errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/401' }] },
    {
      name: `${v}: 401 with other headers only`,
      spec: withResponses(v, { 401: { description: 'Unauthorized', headers: { 'X-Request-Id': header(v) } } }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/401' }],
    },
    {
      name: `${v}: shared 401 reported once, at the definition`,
      spec: {
        ...withResponses(v, { 401: { $ref: responsesRef(v, 'Unauthorized') } }),
        ...sharedResponses(v, { Unauthorized: { description: 'Unauthorized' } }),
        paths: {
          '/a': { get: { responses: { 401: { $ref: responsesRef(v, 'Unauthorized') } } } },
          '/b': { post: { responses: { 401: { $ref: responsesRef(v, 'Unauthorized') } } } },
        },
      },
      errors: [{ messageId: 'missing', at: responsesRef(v, 'Unauthorized').slice(1) }],
    },
    {
      name: `${v}: 401 in another file points into that file`,
      spec: withResponses(v, { 401: { $ref: 'common/responses.yaml#/Unauthorized' } }),
      files: { 'common/responses.yaml': 'Ok:\n  description: OK\nUnauthorized:\n  description: Unauthorized\n' },
      errors: [{ messageId: 'missing', at: 'common/responses.yaml#/Unauthorized', line: 3 }],
    },
  );
}

testRule(rule, { valid, invalid });
