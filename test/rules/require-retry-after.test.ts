import rule from '../../rules/require-retry-after.js';
import { header, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];

/** Responses numbered from 480 to `last`, one per modelled exception, as the AWS descriptions write them. */
function numbered(last: number, skip?: number): Record<string, { description: string }> {
  const responses: Record<string, { description: string }> = { 200: { description: 'Success' } };
  for (let code = 480; code <= last; code++) if (code !== skip) responses[code] = { description: `Exception${code}` };
  return responses;
}

const invalid: InvalidCase[] = [];
const SECONDS = 'Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date).';

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: 429 with Retry-After`, spec: withResponses(v, { 429: { description: 'Slow down', headers: { 'Retry-After': header(v, 'integer') } } }) },
    { name: `${v}: 503 with retry-after in lower case`, spec: withResponses(v, { 503: { description: 'Down', headers: { 'retry-after': header(v) } } }) },
    { name: `${v}: other 4xx/5xx need no Retry-After`, spec: withResponses(v, { 400: { description: 'Bad' }, 500: { description: 'Oops' }, 502: { description: 'Bad gateway' } }) },
    { name: `${v}: default is not checked`, spec: withResponses(v, { default: { description: 'Any error' } }) },
    {
      name: `${v}: header given through a shared header $ref`,
      spec: withResponses(v, { 429: { description: 'Slow down', headers: { 'Retry-After': { $ref: 'headers.yaml#/RetryAfter' } } } }),
      files: { 'headers.yaml': { RetryAfter: header(v, 'integer') } },
    },
  );
  valid.push({ name: `${v}: a 503 among exceptions numbered from 480 is no 503`, spec: withResponses(v, numbered(515)) });
  if (v !== '2.0') valid.push({ name: `${v}: a 5XX range is not a 503`, spec: withResponses(v, { '5XX': { description: 'Server error' } }) });
  invalid.push(
    {
      name: `${v}: --fix adds a Retry-After in seconds to a 429 without headers`,
      spec: withResponses(v, { 429: { description: 'Slow down' } }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/429', message: "429 response declares no 'Retry-After' header; tell clients when to retry (delay-seconds or an HTTP-date)." }],
      // Swagger 2.0 headers take no example: the fix writes it into the description.
      fixed: withResponses(v, {
        429: {
          description: 'Slow down',
          headers: {
            'Retry-After':
              v === '2.0'
                ? { description: `${SECONDS} Example: 60`, type: 'integer', minimum: 0 }
                : { description: SECONDS, schema: { type: 'integer', minimum: 0 }, example: 60 },
          },
        },
      }),
    },
    { name: `${v}: 503 without headers`, spec: withResponses(v, { 503: { description: 'Down' } }), errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/503' }] },
    {
      name: `${v}: a 503 beside a 480 but not a full run of numbered exceptions is still a 503`,
      spec: withResponses(v, numbered(503, 490)),
      errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/503' }],
    },
    {
      name: `${v}: both, with unrelated headers`,
      spec: withResponses(v, { 429: { description: 'Slow', headers: { 'X-RateLimit-Remaining': header(v, 'integer') } }, 503: { description: 'Down' } }),
      errors: [
        { messageId: 'missing', at: '/paths/~1items/get/responses/429' },
        { messageId: 'missing', at: '/paths/~1items/get/responses/503' },
      ],
    },
    {
      // Rate-limit fields are not the standard field that generic clients and retry middleware honour.
      name: `${v}: RateLimit and X-RateLimit-Reset are not Retry-After`,
      spec: withResponses(v, { 429: { description: 'Slow', headers: { RateLimit: header(v), 'RateLimit-Policy': header(v), 'X-RateLimit-Reset': header(v, 'integer') } } }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/429' }],
    },
    {
      name: `${v}: shared 429 reported once at its definition`,
      spec: {
        ...withResponses(v, { 429: { $ref: responsesRef(v, 'TooMany') } }),
        paths: {
          '/a': { get: { responses: { 200: { description: 'ok' }, 429: { $ref: responsesRef(v, 'TooMany') } } } },
          '/b': { get: { responses: { 200: { description: 'ok' }, 429: { $ref: responsesRef(v, 'TooMany') } } } },
        },
        ...sharedResponses(v, { TooMany: { description: 'Too many requests' } }),
      },
      errors: [{ messageId: 'missing', at: responsesRef(v, 'TooMany').slice(1) }],
    },
    {
      name: `${v}: a 429 and a 503 sharing one response are reported at its definition, once for each status`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Later: { description: 'Try again later' } }),
        paths: { '/a': { get: { responses: { 429: { $ref: responsesRef(v, 'Later') }, 503: { $ref: responsesRef(v, 'Later') } } } } },
      },
      errors: [
        { messageId: 'missing', at: responsesRef(v, 'Later').slice(1) },
        { messageId: 'missing', at: responsesRef(v, 'Later').slice(1) },
      ],
    },
    {
      name: `${v}: an inline 429 that another operation names through $ref as its 500 is reported where it is written, as shared`,
      spec: namedInline(v, { status: '429', response: { description: 'Slow down' }, other: '500' }),
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/get/responses/429',
          message:
            "This 429 response is named through $ref elsewhere for 500, so a 'Retry-After' header added here would be declared there too; give those a response of their own, then add the header here.",
        },
      ],
    },
    {
      name: `${v}: a 429 and 503 that use a generic error response are reported where the operation names them`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Error: { description: 'An error' } }),
        paths: { '/a': { get: { responses: { 429: { $ref: responsesRef(v, 'Error') }, 500: { $ref: responsesRef(v, 'Error') }, 503: { $ref: responsesRef(v, 'Error') } } } } },
      },
      errors: [
        {
          messageId: 'sharedMissing',
          at: '/paths/~1a/get/responses/429',
          message: `This 429 uses '${responsesRef(v, 'Error')}', which declares no 'Retry-After' header and is also used for 500; give the 429 a response of its own with a 'Retry-After' header telling clients when to retry.`,
        },
        { messageId: 'sharedMissing', at: '/paths/~1a/get/responses/503' },
      ],
    },
  );
}

// A spec that already defines the header under components/headers (by any case) has --fix name
// it through $ref rather than write a second definition (OAS 3 only: 2.0 has no shared headers).
for (const v of ['3.0', '3.1', '3.2'] as const) {
  const root = { components: { headers: { 'retry-after': { schema: { type: 'integer' } } } } };
  invalid.push({
    name: `${v}: --fix reuses the Retry-After the spec defines under components/headers`,
    spec: withResponses(v, { 429: { description: 'Slow down' } }, { root }),
    errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/429' }],
    fixed: withResponses(v, { 429: { description: 'Slow down', headers: { 'Retry-After': { $ref: '#/components/headers/retry-after' } } } }, { root }),
  });
}

testRule(rule, { valid, invalid });
