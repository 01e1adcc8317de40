import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-success-response.js';
import { lintCase, responsesOptional, testRule, VERSIONS, withoutResponses, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const ok = { description: 'ok' };
const op = '/paths/~1items/get';
/** Swagger 2.0 has no range keys: the messages suggest none there. */
const range = (v: string) => (v === '2.0' ? '' : ", or a '2XX' range");

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: a 200`, spec: withResponses(v, { 200: ok, 404: ok }) },
    { name: `${v}: a 204 only`, spec: withResponses(v, { 204: ok }, { method: 'delete' }) },
    { name: `${v}: a redirect (3xx) is a documented outcome`, spec: withResponses(v, { 302: ok, 400: ok }) },
    { name: `${v}: 304 alone`, spec: withResponses(v, { 304: ok }) },
    { name: `${v}: 101 Switching Protocols for a WebSocket upgrade`, spec: withResponses(v, { 101: ok }, { path: '/ws' }) },
    { name: `${v}: 101 on a POST that hijacks the connection`, spec: withResponses(v, { 101: ok, 400: ok }, { method: 'post', path: '/session' }) },
    { name: `${v}: default alone, with allowDefaultOnly`, options: { allowDefaultOnly: true }, spec: withResponses(v, { default: ok }) },
    { name: `${v}: default beside an extension key, with allowDefaultOnly`, options: { allowDefaultOnly: true }, spec: withResponses(v, { default: ok, 'x-error-codes': ['E1'] }) },
  );
  invalid.push(
    {
      name: `${v}: only errors`,
      spec: withResponses(v, { 400: ok, 404: ok, 500: ok }),
      errors: [{ messageId: 'missing', at: op, message: `GET /items documents no success response (only '400', '404', '500'); add the 2xx or 3xx response it returns when it works (e.g. '200')${range(v)}.` }],
    },
    {
      name: `${v}: default alone does not name a success status`,
      spec: withResponses(v, { default: ok }),
      errors: [
        {
          messageId: 'onlyDefault',
          at: op,
          message: `GET /items documents no 2xx or 3xx response (only 'default'); 'default' names no status, so clients cannot tell which code means success: add it (e.g. '200')${range(v)}.`,
        },
      ],
    },
    { name: `${v}: errors and default`, spec: withResponses(v, { 400: ok, default: ok }), errors: [{ messageId: 'onlyDefault', at: op }] },
    // The page: the finding says 'default' names no status whether it reads as a success or as an error.
    { name: `${v}: default described as an error`, spec: withResponses(v, { default: { description: 'Unexpected error' } }), errors: [{ messageId: 'onlyDefault', at: op }] },
    {
      name: `${v}: allowDefaultOnly does not excuse errors beside default`,
      options: { allowDefaultOnly: true },
      spec: withResponses(v, { 400: ok, default: ok }),
      errors: [{ messageId: 'onlyDefault', at: op }],
    },
    { name: `${v}: 1xx other than 101 is interim, not a success`, spec: withResponses(v, { 100: ok, 103: ok }), errors: [{ messageId: 'missing', at: op }] },
    {
      // Nor are they named among what the operation documents.
      name: `${v}: x- keys do not count`,
      spec: withResponses(v, { 'x-200': ok, 404: ok }),
      errors: [{ messageId: 'missing', at: op, message: `GET /items documents no success response (only '404'); add the 2xx or 3xx response it returns when it works (e.g. '200')${range(v)}.` }],
    },
    {
      name: `${v}: allowDefaultOnly does not excuse an operation without default`,
      options: { allowDefaultOnly: true },
      spec: withResponses(v, { 404: ok }),
      errors: [{ messageId: 'missing', at: op }],
    },
    {
      name: `${v}: an empty responses map`,
      spec: withResponses(v, {}, { method: 'post' }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/post', message: `POST /items documents no success response (no responses at all); add the 2xx or 3xx response it returns when it works (e.g. '200')${range(v)}.` }],
    },
    {
      name: `${v}: an operation in another file points into that file`,
      spec: { ...withResponses(v, {}), paths: { '/items': { $ref: 'paths/items.yaml' } } },
      files: { 'paths/items.yaml': "get:\n  responses:\n    '404':\n      description: missing\n" },
      errors: [{ messageId: 'missing', at: 'paths/items.yaml#/get', line: 1 }],
    },
  );
}

for (const v of VERSIONS) {
  // Required in 2.0 and 3.0; from 3.1 on, an operation without it has not described its responses yet.
  const undescribed = { name: `${v}: an operation with no responses member`, spec: withoutResponses(v) };
  if (responsesOptional(v)) valid.push(undescribed);
  else {
    invalid.push({
      ...undescribed,
      errors: [{ messageId: 'missing', at: op, message: `GET /items documents no success response (no responses at all); add the 2xx or 3xx response it returns when it works (e.g. '200')${range(v)}.` }],
    });
  }
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push(
    { name: `${v}: a 2XX range`, spec: withResponses(v, { '2XX': ok, '4XX': ok }) },
    { name: `${v}: a 3XX range`, spec: withResponses(v, { '3XX': ok }) },
    { name: `${v}: a lower-case 2xx range (no-unknown-status reports the spelling)`, spec: withResponses(v, { '2xx': ok }) },
  );
  invalid.push(
    { name: `${v}: 4XX and 5XX ranges only`, spec: withResponses(v, { '4XX': ok, '5XX': ok }), errors: [{ messageId: 'missing', at: op }] },
    {
      name: `${v}: allowDefaultOnly does not excuse a range written after default`,
      options: { allowDefaultOnly: true },
      spec: withResponses(v, { default: ok, '4XX': ok }),
      errors: [{ messageId: 'onlyDefault', at: op }],
    },
  );
}

testRule(rule, { valid, invalid });

describe('require-success-response: the remedy its messages suggest', () => {
  // Swagger 2.0 has no range keys (no-unknown-status reports '2XX' there): the messages suggest none.
  for (const v of VERSIONS) {
    const ending = v === '2.0' ? "(e.g. '200')." : "(e.g. '200'), or a '2XX' range.";
    it.each([
      ['missing', { 404: ok }],
      ['onlyDefault', { default: ok }],
    ])(`${v}: %s`, (_, responses) => {
      const result = lintCase(rule, { name: 'remedy', spec: withResponses(v, responses) });
      expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringMatching(new RegExp(`${ending.replace(/[().]/g, '\\$&')}$`))]);
    });
  }
});
