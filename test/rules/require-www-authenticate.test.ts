import rule from '../../rules/require-www-authenticate.js';
import { describe, expect, it } from 'vitest';
import { fixWritten } from '../../src/fix/intents.js';
import { header, lintCase, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

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
      errors: [{ messageId: 'namedElsewhere', at: '/paths/~1a/get/responses/401' }],
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
      errors: [{ messageId: 'sharedMissing', at: '/paths/~1a/get/responses/401' }],
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
