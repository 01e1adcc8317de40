import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-unknown-status.js';
import { lintCase, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const ok = { description: 'ok' };
const at = (status: string) => `/paths/~1items/get/responses/${status}`;

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: registered codes and default`, spec: withResponses(v, { 200: ok, 201: ok, 304: ok, 404: ok, 422: ok, 429: ok, 451: ok, 511: ok, default: ok }) },
    { name: `${v}: 1xx, 103 and the temporary 104`, spec: withResponses(v, { 101: ok, 103: ok, 104: ok, 200: ok }) },
    { name: `${v}: obsolete but registered codes (305, 510)`, spec: withResponses(v, { 305: ok, 510: ok }) },
    { name: `${v}: x- extension keys`, spec: withResponses(v, { 200: ok, 'x-codegen': { any: 'thing' } }) },
    { name: `${v}: a private code on the allow list`, options: { allow: ['299', '420'] }, spec: withResponses(v, { 299: ok, 420: ok }) },
    { name: `${v}: no responses member at all`, spec: { ...withResponses(v, {}), paths: { '/items': { get: { summary: 'x' } } } } },
  );
  invalid.push(
    {
      name: `${v}: unregistered codes 299, 420, 499 and 520`,
      spec: withResponses(v, { 200: ok, 299: ok, 420: ok, 499: ok, 520: ok }),
      errors: ['299', '420', '499', '520'].map((status) => ({ messageId: 'unregistered', at: at(status) })),
    },
    {
      name: `${v}: 306 and 418 are registered as (Unused)`,
      spec: withResponses(v, { 306: ok, 418: ok }),
      errors: [{ messageId: 'unused', at: at('306') }, { messageId: 'unused', at: at('418') }],
    },
    {
      name: `${v}: codes outside 100-599`,
      spec: withResponses(v, { '099': ok, 600: ok, 20: ok, 2000: ok }),
      errors: ['099', '600', '20', '2000'].map((status) => ({
        messageId: 'outOfRange',
        at: at(status),
        message: `'${status}' is not a valid status code: status codes are three digits from 100 to 599 (RFC 9110 §15).`,
      })),
    },
    {
      name: `${v}: malformed keys`,
      spec: withResponses(v, { '4XXX': ok, '20X': ok, '2**': ok, '200-299': ok, Default: ok, OK: ok }),
      // Swagger 2.0 has no range keys: its message does not offer one.
      errors: ['4XXX', '20X', '2**', '200-299', 'Default', 'OK'].map((status) => ({ messageId: v === '2.0' ? 'malformedSwagger2' : 'malformed', at: at(status) })),
    },
    {
      name: `${v}: the key is reported even when its response is a $ref the model reads`,
      spec: { ...withResponses(v, { 299: { $ref: responsesRef(v, 'Odd') } }), ...sharedResponses(v, { Odd: ok }) },
      errors: [{ messageId: 'unregistered', at: at('299') }],
    },
    {
      name: `${v}: the key is reported even when its response cannot be read (remote $ref)`,
      spec: withResponses(v, { 200: ok, 420: { $ref: 'https://example.com/responses.yaml#/Calm' } }),
      errors: [{ messageId: 'unregistered', at: at('420') }],
    },
    {
      name: `${v}: 418 is reported as unused, not as unregistered`,
      spec: withResponses(v, { 200: ok, 418: ok }, { path: '/teapot' }),
      errors: [{ messageId: 'unused', at: '/paths/~1teapot/get/responses/418' }],
    },
  );
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push({ name: `${v}: range keys 1XX to 5XX`, spec: withResponses(v, { '1XX': ok, '2XX': ok, '3XX': ok, '4XX': ok, '5XX': ok }) });
  invalid.push(
    {
      name: `${v}: lower-case ranges`,
      spec: withResponses(v, { '2xx': ok, '4Xx': ok }),
      errors: [{ messageId: 'lowercaseRange', at: at('2xx') }, { messageId: 'lowercaseRange', at: at('4Xx') }],
    },
    {
      name: `${v}: --fix renames a lower-case range to its uppercase spelling`,
      spec: withResponses(v, { 200: ok, '4xx': ok }),
      errors: [{ messageId: 'lowercaseRange', at: at('4xx'), message: "Range key '4xx' must be written with an uppercase X; write '4XX'." }],
      fixed: withResponses(v, { 200: ok, '4XX': ok }),
    },
    {
      // Renaming onto a key that is already there would write the key twice.
      name: `${v}: --fix leaves a lower-case range whose uppercase spelling is also written`,
      spec: withResponses(v, { '5XX': ok, '5xx': { description: 'other' } }),
      errors: [{ messageId: 'lowercaseRange', at: at('5xx') }],
      fixed: withResponses(v, { '5XX': ok, '5xx': { description: 'other' } }),
    },
    {
      name: `${v}: no 6XX range`,
      spec: withResponses(v, { '6XX': ok }),
      errors: [{ messageId: 'malformed', at: at('6XX'), message: "Response key '6XX' is not a status code, a range ('1XX' to '5XX') or 'default'." }],
    },
  );
}

invalid.push(
  {
    name: '2.0: range keys do not exist in Swagger 2.0',
    spec: withResponses('2.0', { '2XX': ok, '4xx': ok }),
    errors: [
      { messageId: 'rangeInSwagger2', at: at('2XX'), message: "Swagger 2.0 has no range keys such as '2XX' (they came with OpenAPI 3); list the codes, or use 'default'." },
      { messageId: 'rangeInSwagger2', at: at('4xx') },
    ],
  },
  {
    name: '2.0: a 6XX key is no range in any version, and 2.0 has none to offer',
    spec: withResponses('2.0', { 200: ok, '6XX': ok }),
    errors: [{ messageId: 'malformedSwagger2', at: at('6XX'), message: "Response key '6XX' is not a status code or 'default' (Swagger 2.0 has no range keys)." }],
  },
  {
    name: '3.1: an unregistered key in a path item from another file points into that file',
    spec: { openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: { '/items': { $ref: 'paths/items.yaml' } } },
    files: { 'paths/items.yaml': "get:\n  responses:\n    '200':\n      description: ok\n    '299':\n      description: odd\n" },
    errors: [{ messageId: 'unregistered', at: 'paths/items.yaml#/get/responses/299', line: 5 }],
  },
);

testRule(rule, { valid, invalid });

describe('no-unknown-status: what its messages say', () => {
  // RFC 9110 §15: a client treats an unrecognised code as the x00 of its class.
  it.each([
    ['420', "Status '420' is not in the IANA HTTP Status Code Registry; clients will treat it as 400 (RFC 9110 §15)."],
    ['299', "clients will treat it as 200 (RFC 9110 §15)"],
    ['520', "clients will treat it as 500 (RFC 9110 §15)"],
    // Each "(Unused)" code cites its own section.
    ['306', "Status '306' is reserved and unused in the IANA registry (RFC 9110 §15.4.7)"],
    ['418', "Status '418' is reserved and unused in the IANA registry (RFC 9110 §15.5.19)"],
  ])('%s', (status, expected) => {
    const result = lintCase(rule, { name: status, spec: withResponses('3.1', { 200: ok, [status]: ok }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(expected)]);
  });
});

describe('no-unknown-status: the IANA registry, code by code', () => {
  // The registry as IANA lists it (https://www.iana.org/assignments/http-status-codes, RFC 9110
  // §15 for the core codes), written as ranges so that it is not a copy of the table it checks.
  const span = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);
  const registered = [...span(100, 104), ...span(200, 208), 226, ...span(300, 308), ...span(400, 418), ...span(421, 426), 428, 429, 431, 451, ...span(500, 508), 510, 511];
  const unused = [306, 418];

  it('every code from 100 to 599 is accepted if registered, unused if listed "(Unused)", unregistered otherwise', () => {
    const responses = Object.fromEntries(span(100, 599).map((code) => [code, ok]));
    const result = lintCase(rule, { name: 'every code', spec: withResponses('3.1', responses) });
    const flagged = new Map(result.findings.map((finding) => [Number(finding.pointer.split('/').pop()), finding.messageId]));
    const expected = new Map(
      span(100, 599)
        .filter((code) => !registered.includes(code) || unused.includes(code))
        .map((code) => [code, unused.includes(code) ? 'unused' : 'unregistered']),
    );
    expect(flagged).toEqual(expected);
  });
});
