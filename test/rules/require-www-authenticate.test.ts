import rule from '../../rules/require-www-authenticate.js';
import { describe, expect, it } from 'vitest';
import { fixWritten } from '../../src/fix/intents.js';
import { header, lintCase, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase, type Version } from '../rule-tester.js';

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
    {
      // Named by the other use, not naming one: the message says to give the others their own.
      name: `${v}: an inline 401 that another operation names through $ref as its 404 is reported where it is written`,
      spec: namedInline(v, { status: '401', response: { description: 'Inline' }, other: '404' }),
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/get/responses/401',
          message:
            "This 401 response is named through $ref elsewhere for 404, so a 'WWW-Authenticate' header added here would be declared there too; give those a response of their own, then add the header here.",
        },
      ],
    },
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
    {
      name: `${v}: a 401 that uses a generic error response is reported where the operation names it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Error: { description: 'An error' } }),
        paths: { '/a': { get: { responses: { 401: { $ref: responsesRef(v, 'Error') }, 404: { $ref: responsesRef(v, 'Error') }, 500: { $ref: responsesRef(v, 'Error') } } } } },
      },
      errors: [
        {
          messageId: 'sharedMissing',
          at: '/paths/~1a/get/responses/401',
          message: `This 401 uses '${responsesRef(v, 'Error')}', which declares no 'WWW-Authenticate' header and is also used for 404, 500; give the 401 a response of its own with a 'WWW-Authenticate' header carrying the challenge the client must answer.`,
        },
      ],
    },
    {
      // RFC 6750 §3.1 answers a missing scope with a 403 that carries a challenge: the header fits there too.
      name: `${v}: a 401 that shares its response with a 403 is reported once, at the definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { AuthError: { description: 'Not authorised' } }),
        paths: { '/a': { get: { responses: { 401: { $ref: responsesRef(v, 'AuthError') }, 403: { $ref: responsesRef(v, 'AuthError') } } } } },
      },
      errors: [{ messageId: 'missing', at: responsesRef(v, 'AuthError').slice(1) }],
    },
  );
}

/** A 401 header as the fix writes it: 2.0 puts the type on the header and the example in the description. */
function challengeHeader(v: Version, description: string, example?: string): Record<string, unknown> {
  if (v === '2.0') return { description: example === undefined ? description : `${description} Example: ${example}`, type: 'string' };
  return { description, schema: { type: 'string' }, ...(example === undefined ? {} : { example }) };
}

const GENERIC = 'The authentication challenge the client must answer: an auth-scheme and its parameters (RFC 9110 §11.6.1).';
const BEARER_CHALLENGE = 'The Bearer challenge the client must answer (RFC 9110 §11.6.1).';
const missingWith = (challenge: string) => `401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. '${challenge}').`;

for (const v of VERSIONS) {
  // Swagger 2.0 has no HTTP bearer: its bearer tokens are OAuth 2.0's.
  const token = v === '2.0' ? { type: 'oauth2', flow: 'application', tokenUrl: 'https://example.com/token', scopes: {} } : { type: 'http', scheme: 'bearer' };
  const named = (schemes: Record<string, unknown>) => (v === '2.0' ? { securityDefinitions: schemes } : { components: { securitySchemes: schemes } });
  const key = { type: 'apiKey', in: 'header', name: 'X-API-Key' };
  const basic = v === '2.0' ? { type: 'basic' } : { type: 'http', scheme: 'basic' };
  const secured = (security: unknown[], schemes: Record<string, unknown>, headers?: Record<string, unknown>) =>
    withResponses(v, { 200: { description: 'OK' }, 401: { description: 'Unauthorized', ...(headers && { headers }) } }, { root: { ...named(schemes), security } });
  /** Two operations whose security is `a` and `b`, in that order, sharing one 401 (with `headers` once fixed). */
  const sharedBy = (a: unknown[], b: unknown[], schemes: Record<string, unknown>, headers?: Record<string, unknown>) => {
    const unauthorized = { $ref: responsesRef(v, 'Unauthorized') };
    const shared = sharedResponses(v, { Unauthorized: { description: 'Unauthorized', ...(headers && { headers }) } });
    return {
      ...withResponses(v, {}),
      ...(v === '2.0' ? { ...named(schemes), ...shared } : { components: { securitySchemes: schemes, ...(shared.components as object) } }),
      paths: {
        '/items': { get: { security: a, responses: { 200: { description: 'OK' }, 401: unauthorized } } },
        '/other': { get: { security: b, responses: { 200: { description: 'OK' }, 401: unauthorized } } },
      },
    };
  };
  const at = '/paths/~1items/get/responses/401';
  const sharedAt = responsesRef(v, 'Unauthorized').slice(1);
  invalid.push(
    {
      name: `${v}: --fix adds a Bearer challenge to the 401 of an operation that takes a bearer token`,
      spec: secured([{ token: [] }], { token }),
      errors: [{ messageId: 'missing', at, message: missingWith('Bearer realm="api"') }],
      fixed: secured([{ token: [] }], { token }, { 'WWW-Authenticate': challengeHeader(v, BEARER_CHALLENGE, 'Bearer realm="api"') }),
    },
    {
      // An API key has no standard challenge: the header is described, with no example to copy.
      name: `${v}: --fix adds a generic challenge, without an example, for an API key`,
      spec: secured([{ key: [] }], { key }),
      errors: [{ messageId: 'missing', at, message: missingWith('Bearer realm="api"') }],
      fixed: secured([{ key: [] }], { key }, { 'WWW-Authenticate': challengeHeader(v, GENERIC) }),
    },
    {
      name: `${v}: a scheme declared nowhere gets the generic challenge`,
      spec: secured([{ undeclared: [] }], {}),
      errors: [{ messageId: 'missing', at }],
      fixed: secured([{ undeclared: [] }], {}, { 'WWW-Authenticate': challengeHeader(v, GENERIC) }),
    },
    {
      name: `${v}: a shared 401 whose every operation takes a bearer token gets the Bearer challenge`,
      spec: sharedBy([{ token: [] }], [{ token: [] }], { token }),
      errors: [{ messageId: 'missing', at: sharedAt, message: missingWith('Bearer realm="api"') }],
      fixed: sharedBy([{ token: [] }], [{ token: [] }], { token }, { 'WWW-Authenticate': challengeHeader(v, BEARER_CHALLENGE, 'Bearer realm="api"') }),
    },
    // Which operation is read first makes no difference: what they all take is none of the two.
    {
      name: `${v}: a shared 401 used by a bearer operation, then a Basic one, gets the generic challenge`,
      spec: sharedBy([{ token: [] }], [{ basic: [] }], { token, basic }),
      errors: [{ messageId: 'missing', at: sharedAt, message: missingWith('Bearer realm="api"') }],
      fixed: sharedBy([{ token: [] }], [{ basic: [] }], { token, basic }, { 'WWW-Authenticate': challengeHeader(v, GENERIC) }),
    },
    {
      name: `${v}: a shared 401 used by a bearer operation, then an API-key one, gets the generic challenge`,
      spec: sharedBy([{ token: [] }], [{ key: [] }], { token, key }),
      errors: [{ messageId: 'missing', at: sharedAt }],
      fixed: sharedBy([{ token: [] }], [{ key: [] }], { token, key }, { 'WWW-Authenticate': challengeHeader(v, GENERIC) }),
    },
  );
  if (v !== '2.0') {
    // HTTP Digest (MongoDB Atlas's Admin API) is neither Basic nor Bearer.
    const digest = { type: 'http', scheme: 'digest' };
    invalid.push({
      name: `${v}: an HTTP Digest scheme is not Basic`,
      spec: secured([{ digest: [] }], { digest }),
      errors: [{ messageId: 'missing', at, message: missingWith('Bearer realm="api"') }],
      fixed: secured([{ digest: [] }], { digest }, { 'WWW-Authenticate': challengeHeader(v, GENERIC) }),
    });
  }
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push({
    name: `${v}: WWW-Authenticate through a $ref to components/headers`,
    spec: withResponses(v, { 401: { description: 'Unauthorized', headers: { 'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticate' } } } }, {
      root: { components: { headers: { WWWAuthenticate: { schema: { type: 'string' } } } } },
    }),
  });
}

testRule(rule, { valid, invalid });

describe('require-www-authenticate message', () => {
  // The example challenge is the operation's scheme, as the fix's is: a Basic API is not told to send Bearer.
  for (const v of VERSIONS) {
    const basic = v === '2.0' ? { securityDefinitions: { basic: { type: 'basic' } } } : { components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' } } } };
    const bearer = v === '2.0' ? { securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } : { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } };
    it(`${v}: names Basic for an operation that takes Basic credentials`, () => {
      const spec = withResponses(v, { 401: { description: 'Unauthorized' } }, { root: { ...basic, security: [{ basic: [] }] } });
      expect(lintCase(rule, { name: 'basic', spec }).findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`(e.g. 'Basic realm="api"')`)]);
    });
    it(`${v}: a shared 401 used by a Basic and a Bearer operation is reported once, with the Bearer example`, () => {
      const named = v === '2.0' ? { securityDefinitions: { basic: { type: 'basic' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } : { components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' }, key: { type: 'http', scheme: 'bearer' } } } };
      const unauthorized = { $ref: responsesRef(v, 'Unauthorized') };
      const base = withResponses(v, {}, { root: named });
      const shared = sharedResponses(v, { Unauthorized: { description: 'Unauthorized' } });
      const spec = {
        ...base,
        ...(v === '2.0' ? { ...named, ...shared } : { components: { ...(named.components as object), ...(shared.components as object) } }),
        paths: {
          '/login': { post: { security: [{ basic: [] }], responses: { 200: { description: 'ok' }, 401: unauthorized } } },
          '/items': { get: { security: [{ key: [] }], responses: { 200: { description: 'ok' }, 401: unauthorized } } },
        },
      };
      // One definition, one finding: an example per operation would report it twice.
      const mixed = lintCase(rule, { name: 'mixed', spec });
      expect(mixed.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`(e.g. 'Bearer realm="api"')`)]);
      // Nor does the fix name the first operation's scheme for both: the header it adds is generic.
      expect(mixed.fixes.map(fixWritten)).toEqual([expect.stringContaining('The authentication challenge the client must answer')]);
      const basicOnly = { ...spec, paths: { ...spec.paths, '/items': { get: { security: [{ basic: [] }], responses: { 401: unauthorized } } } } };
      expect(lintCase(rule, { name: 'basic only', spec: basicOnly }).findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`(e.g. 'Basic realm="api"')`)]);
    });
    it(`${v}: names both challenges for an operation that takes Basic or Bearer credentials`, () => {
      // Swagger 2.0's Bearer is OAuth 2.0; OAS 3 has HTTP bearer.
      const schemes = v === '2.0'
        ? { securityDefinitions: { basic: { type: 'basic' }, token: { type: 'oauth2', flow: 'application', tokenUrl: 'https://example.com/token', scopes: {} } } }
        : { components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' }, token: { type: 'http', scheme: 'bearer' } } } };
      const spec = withResponses(v, { 401: { description: 'Unauthorized' } }, { root: { ...schemes, security: [{ token: [] }, { basic: [] }] } });
      const result = lintCase(rule, { name: 'either', spec });
      expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`(e.g. 'Basic realm="api", Bearer realm="api"')`)]);
      expect(result.fixes.map(fixWritten)).toEqual([expect.stringContaining('The Basic and Bearer challenges, one of which the client must answer')]);
    });
    it(`${v}: keeps the Bearer example otherwise`, () => {
      const name = v === '2.0' ? 'key' : 'bearer';
      const spec = withResponses(v, { 401: { description: 'Unauthorized' } }, { root: { ...bearer, security: [{ [name]: [] }] } });
      expect(lintCase(rule, { name: 'other', spec }).findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`(e.g. 'Bearer realm="api"')`)]);
    });
  }
});

describe('require-www-authenticate: the challenge the fix names', () => {
  // Bearer for OAuth 2 and OpenID Connect (RFC 6750), as for HTTP bearer; an API key has no standard challenge.
  const schemes = {
    oauth2: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://example.com/token', scopes: {} } } },
    openIdConnect: { type: 'openIdConnect', openIdConnectUrl: 'https://example.com/.well-known/openid-configuration' },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-Key' },
  };
  it.each([
    ['oauth2', 'The Bearer challenge the client must answer'],
    ['openIdConnect', 'The Bearer challenge the client must answer'],
    ['apiKey', 'The authentication challenge the client must answer'],
  ] as const)('3.1: %s', (name, expected) => {
    const spec = withResponses('3.1', { 401: { description: 'Unauthorized' } }, { root: { components: { securitySchemes: { [name]: schemes[name] } }, security: [{ [name]: [] }] } });
    expect(lintCase(rule, { name, spec }).fixes.map(fixWritten)).toEqual([expect.stringContaining(expected)]);
  });

  /** A 3.1 spec whose operations share one 401 and take Basic or Bearer as `security` says. */
  const sharedUnauthorized = (security: Record<string, Array<Record<string, string[]>>>) => {
    const unauthorized = { $ref: responsesRef('3.1', 'Unauthorized') };
    return {
      ...withResponses('3.1', {}),
      components: {
        securitySchemes: { basic: { type: 'http', scheme: 'basic' }, token: { type: 'http', scheme: 'bearer' } },
        responses: { Unauthorized: { description: 'Unauthorized' } },
      },
      paths: {
        '/a': { get: { security: security['/a'], responses: { 401: unauthorized } } },
        '/b': { post: { security: security['/b'], responses: { 401: unauthorized } } },
      },
    };
  };

  it('3.1: a shared 401 whose every operation takes Basic or Bearer names both', () => {
    const either: Array<Record<string, string[]>> = [{ token: [] }, { basic: [] }];
    const result = lintCase(rule, { name: 'shared either', spec: sharedUnauthorized({ '/a': either, '/b': either }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`(e.g. 'Basic realm="api", Bearer realm="api"')`)]);
  });

  it('3.1: a shared 401 whose operations take Basic or Bearer, and Basic alone, names Basic, the scheme they all take', () => {
    // Jira's shared 401s, as a bundler writes them: every operation takes Basic, only some Bearer.
    const spec = sharedUnauthorized({ '/a': [{ token: [] }, { basic: [] }], '/b': [{ basic: [] }] });
    for (const order of [spec, { ...spec, paths: { '/b': spec.paths['/b'], '/a': spec.paths['/a'] } }]) {
      const result = lintCase(rule, { name: 'shared basic', spec: order });
      expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(`(e.g. 'Basic realm="api"')`)]);
      expect(result.fixes.map(fixWritten)).toEqual([expect.stringContaining('The Basic challenge the client must answer')]);
    }
  });
});
