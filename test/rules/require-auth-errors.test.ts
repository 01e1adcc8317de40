import rule from '../../rules/require-auth-errors.js';
import { describe, expect, it } from 'vitest';
import { lintCase, preflightAnswer, responsesOptional, responsesRef, testRule, VERSIONS, withoutResponses, withResponses, type InvalidCase, type ValidCase, type Version } from '../rule-tester.js';

type Json = Record<string, unknown>;

/** Security schemes of each kind, shaped for the version. */
function scheme(version: Version, kind: 'bearer' | 'basic' | 'apiKey' | 'oauth' | 'openId' | 'mtls'): Json {
  if (kind === 'apiKey') return { type: 'apiKey', in: 'header', name: 'X-API-Key' };
  if (version === '2.0') {
    if (kind === 'basic') return { type: 'basic' };
    if (kind === 'oauth') return { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: { read: 'Read', write: 'Write' } };
    return { type: 'apiKey', in: 'header', name: 'Authorization' };
  }
  if (kind === 'basic') return { type: 'http', scheme: 'basic' };
  if (kind === 'oauth') return { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'Read', write: 'Write' } } } };
  if (kind === 'openId') return { type: 'openIdConnect', openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration' };
  if (kind === 'mtls') return { type: 'mutualTLS' };
  return { type: 'http', scheme: 'bearer' };
}

function schemes(version: Version, named: Record<string, Json>): Json {
  return version === '2.0' ? { securityDefinitions: named } : { components: { securitySchemes: named } };
}

/** A spec with one secured operation: `security` on the operation, schemes at the root. */
function secured(version: Version, responses: Json, security: unknown[], named: Record<string, Json>, where: 'operation' | 'root' = 'operation'): Json {
  return where === 'root'
    ? withResponses(version, responses, { root: { ...schemes(version, named), security } })
    : withResponses(version, responses, { operation: { security }, root: schemes(version, named) });
}

const OP = '/paths/~1items/get';
const ok = { 200: { description: 'OK' } };
const unauthorized = { description: 'Unauthorized' };
const forbidden = { description: 'Forbidden' };

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

for (const v of VERSIONS) {
  const bearer = { bearer: scheme(v, 'bearer') };
  const oauth = { oauth: scheme(v, 'oauth') };
  valid.push(
    { name: `${v}: bearer-secured operation with 401`, spec: secured(v, { ...ok, 401: unauthorized }, [{ bearer: [] }], bearer) },
    { name: `${v}: root security, operation documents 401`, spec: secured(v, { ...ok, 401: unauthorized }, [{ bearer: [] }], bearer, 'root') },
    { name: `${v}: basic auth with 401`, spec: secured(v, { ...ok, 401: unauthorized }, [{ basic: [] }], { basic: scheme(v, 'basic') }) },
    { name: `${v}: api key with 401 (no scopes, so no 403 needed)`, spec: secured(v, { ...ok, 401: unauthorized }, [{ key: [] }], { key: scheme(v, 'apiKey') }) },
    { name: `${v}: OAuth scopes with 401 and 403`, spec: secured(v, { ...ok, 401: unauthorized, 403: forbidden }, [{ oauth: ['read'] }], oauth) },
    { name: `${v}: OAuth without scopes needs only 401`, spec: secured(v, { ...ok, 401: unauthorized }, [{ oauth: [] }], oauth) },
    { name: `${v}: optional auth ({} alternative) needs nothing`, spec: secured(v, ok, [{}, { bearer: [] }], bearer) },
    { name: `${v}: public operation overriding root security`, spec: { ...secured(v, ok, [{ bearer: [] }], bearer, 'root'), paths: { '/items': { get: { security: [], responses: ok } } } } },
    { name: `${v}: no security anywhere says nothing`, spec: withResponses(v, ok) },
    {
      // "A CORS-preflight request never includes credentials" (Fetch Standard), whatever the root requires.
      name: `${v}: a CORS preflight under root security`,
      spec: withResponses(v, preflightAnswer(v), { method: 'options', root: { ...schemes(v, bearer), security: [{ bearer: [] }] } }),
    },
    {
      // Shopware's admin API: summary 'MCP CORS preflight', '204: CORS preflight accepted.', no Access-Control-* header.
      name: `${v}: a CORS preflight said in words only, under root security with scopes`,
      spec: withResponses(v, { 204: { description: 'CORS preflight accepted.' } }, { method: 'options', operation: { summary: 'MCP CORS preflight' }, root: { ...schemes(v, oauth), security: [{ oauth: ['write'] }] } }),
    },
    {
      name: `${v}: a cross-origin pre-flight said in the operation's description`,
      spec: withResponses(v, ok, { method: 'options', operation: { description: 'Answers the cross-origin pre-flight request.' }, root: { ...schemes(v, bearer), security: [{ bearer: [] }] } }),
    },
    {
      name: `${v}: 401 and 403 through shared responses`,
      spec: {
        ...secured(v, { ...ok, 401: { $ref: responsesRef(v, 'Unauthorized') }, 403: { $ref: responsesRef(v, 'Forbidden') } }, [{ oauth: ['read'] }], oauth),
        ...(v === '2.0' ? { responses: { Unauthorized: unauthorized, Forbidden: forbidden } } : { components: { securitySchemes: oauth, responses: { Unauthorized: unauthorized, Forbidden: forbidden } } }),
      },
    },
    {
      // The remote file is not fetched, so the model has no response there; the key still documents it.
      name: `${v}: 401 and 403 as remote $refs that are not fetched`,
      spec: secured(
        v,
        { ...ok, 401: { $ref: 'https://example.com/common.yaml#/Unauthorized' }, 403: { $ref: 'https://example.com/common.yaml#/Forbidden' } },
        [{ oauth: ['read'] }],
        oauth,
      ),
    },
    {
      name: `${v}: 401 in another file`,
      spec: secured(v, { ...ok, 401: { $ref: 'common/responses.yaml#/Unauthorized' } }, [{ bearer: [] }], bearer),
      files: { 'common/responses.yaml': 'Unauthorized:\n  description: Unauthorized\n' },
    },
  );
  invalid.push(
    { name: `${v}: bearer-secured operation without 401`, spec: secured(v, ok, [{ bearer: [] }], bearer), errors: [{ messageId: 'missingUnauthorized', at: OP }] },
    {
      name: `${v}: root security applies to an OPTIONS that answers no preflight`,
      spec: withResponses(v, ok, { method: 'options', root: { ...schemes(v, bearer), security: [{ bearer: [] }] } }),
      errors: [{ messageId: 'missingUnauthorized', at: '/paths/~1items/options' }],
    },
    {
      // "Preflight" alone is not CORS (a deployment's preflight checks).
      name: `${v}: an OPTIONS that says preflight but not CORS`,
      spec: withResponses(v, { 200: { description: 'Preflight checks passed' } }, { method: 'options', root: { ...schemes(v, bearer), security: [{ bearer: [] }] } }),
      errors: [{ messageId: 'missingUnauthorized', at: '/paths/~1items/options' }],
    },
    {
      name: `${v}: a CORS preflight's words on a GET do not make it one`,
      spec: withResponses(v, { 200: { description: 'CORS preflight accepted.' } }, { root: { ...schemes(v, bearer), security: [{ bearer: [] }] } }),
      errors: [{ messageId: 'missingUnauthorized', at: OP }],
    },
    {
      name: `${v}: CORS preflight words on an error response do not make the OPTIONS one`,
      spec: withResponses(v, { ...ok, 403: { description: 'CORS preflight refused' } }, { method: 'options', root: { ...schemes(v, bearer), security: [{ bearer: [] }] } }),
      errors: [{ messageId: 'missingUnauthorized', at: '/paths/~1items/options' }],
    },
    { name: `${v}: root security applies to the operation`, spec: secured(v, ok, [{ bearer: [] }], bearer, 'root'), errors: [{ messageId: 'missingUnauthorized', at: OP }] },
    { name: `${v}: api key without 401`, spec: secured(v, { ...ok, 403: forbidden }, [{ key: [] }], { key: scheme(v, 'apiKey') }), errors: [{ messageId: 'missingUnauthorized', at: OP }] },
    {
      name: `${v}: default never stands in for 401`,
      spec: secured(v, { ...ok, default: { description: 'Error' } }, [{ bearer: [] }], bearer),
      errors: [{ messageId: 'missingUnauthorized', at: OP }],
    },
    { name: `${v}: OAuth scopes, no 401 and no 403`, spec: secured(v, ok, [{ oauth: ['read', 'write'] }], oauth), errors: [{ messageId: 'missingBoth', at: OP }] },
    { name: `${v}: OAuth scopes with 401 but no 403`, spec: secured(v, { ...ok, 401: unauthorized }, [{ oauth: ['read'] }], oauth), errors: [{ messageId: 'missingForbidden', at: OP }] },
    { name: `${v}: OAuth scopes with 403 but no 401`, spec: secured(v, { ...ok, 403: forbidden }, [{ oauth: ['read'] }], oauth), errors: [{ messageId: 'missingUnauthorized', at: OP }] },
    {
      name: `${v}: scopes in one alternative of several are enough to need 403`,
      spec: secured(v, { ...ok, 401: unauthorized }, [{ bearer: [] }, { oauth: ['read'] }], { ...bearer, ...oauth }),
      errors: [{ messageId: 'missingForbiddenWhereScoped', at: OP }],
    },
    {
      // The 401 is for either alternative, the 403 for the OAuth one alone.
      name: `${v}: scopes in one alternative, none in another, neither 401 nor 403`,
      spec: secured(v, ok, [{ basic: [] }, { oauth: ['read'] }], { basic: scheme(v, 'basic'), ...oauth }),
      errors: [{ messageId: 'missingBothWhereScoped', at: OP }],
    },
    {
      name: `${v}: operation security replaces a public root`,
      spec: { ...secured(v, ok, [], bearer, 'root'), paths: { '/items': { get: { security: [{ bearer: [] }], responses: ok } } } },
      errors: [{ messageId: 'missingUnauthorized', at: OP }],
    },
    {
      // Nothing says it is a bearer token: the 401 answers credentials.
      name: `${v}: scheme not declared anywhere still needs credentials`,
      spec: withResponses(v, ok, { operation: { security: [{ undeclared: [] }] } }),
      errors: [
        {
          messageId: 'missingUnauthorized',
          at: OP,
          message: "Operation requires credentials ('undeclared') but documents no 401; add a '401' response for requests with missing or invalid credentials.",
        },
      ],
    },
    {
      // A scheme that cannot be read asks for no scopes: what its list names is unknown.
      name: `${v}: a scope list on a scheme declared nowhere needs a 401, not a 403`,
      spec: withResponses(v, ok, { operation: { security: [{ undeclared: ['read'] }] } }),
      errors: [{ messageId: 'missingUnauthorized', at: OP }],
    },
    { name: `${v}: an empty responses map`, spec: secured(v, {}, [{ bearer: [] }], bearer), errors: [{ messageId: 'missingUnauthorized', at: OP }] },
    {
      name: `${v}: operation in another file is reported there`,
      spec: { ...secured(v, ok, [{ bearer: [] }], bearer, 'root'), paths: { '/items': { $ref: 'paths/items.yaml' } } },
      files: { 'paths/items.yaml': 'get:\n  responses:\n    "200":\n      description: OK\n' },
      errors: [{ messageId: 'missingUnauthorized', at: 'paths/items.yaml#/get', line: 1 }],
    },
  );
  if (v !== '2.0') {
    valid.push(
      { name: `${v}: OpenID Connect scopes with 401 and 403`, spec: secured(v, { ...ok, 401: unauthorized, 403: forbidden }, [{ oidc: ['profile'] }], { oidc: scheme(v, 'openId') }) },
      {
        name: `${v}: a 4XX range does not stand in, but exact codes do`,
        spec: secured(v, { ...ok, '4XX': { description: 'Client error' }, 401: unauthorized }, [{ bearer: [] }], bearer),
      },
    );
    invalid.push(
      {
        name: `${v}: a 4XX range never stands in for 401 and 403`,
        spec: secured(v, { ...ok, '4XX': { description: 'Client error' } }, [{ oauth: ['read'] }], oauth),
        errors: [{ messageId: 'missingBoth', at: OP }],
      },
      {
        name: `${v}: OpenID Connect scopes without 403`,
        spec: secured(v, { ...ok, 401: unauthorized }, [{ oidc: ['profile'] }], { oidc: scheme(v, 'openId') }),
        errors: [{ messageId: 'missingForbidden', at: OP }],
      },
      {
        name: `${v}: shared components do not change where the operation is reported`,
        spec: { ...secured(v, { 200: { $ref: responsesRef(v, 'Ok') } }, [{ bearer: [] }], bearer), components: { securitySchemes: bearer, responses: { Ok: { description: 'OK' } } } },
        errors: [{ messageId: 'missingUnauthorized', at: OP }],
      },
    );
  }
}

// mutualTLS is OAS 3.1 on: the certificate is refused in the TLS handshake, before HTTP.
valid.push({ name: '3.1: mutualTLS-only operation needs no 401', spec: secured('3.1', ok, [{ mtls: [] }], { mtls: scheme('3.1', 'mtls') }) });
// OAS 3.2 lets a requirement name its scheme by URI as well as by component name.
valid.push(
  { name: '3.2: mutualTLS named by its URI needs no 401', spec: secured('3.2', ok, [{ '#/components/securitySchemes/mtls': [] }], { mtls: scheme('3.2', 'mtls') }) },
  {
    name: '3.2: mutualTLS named by a URI into another file needs no 401',
    spec: secured('3.2', ok, [{ 'common/security.yaml#/mtls': [] }], {}),
    files: { 'common/security.yaml': 'mtls:\n  type: mutualTLS\n' },
  },
  {
    // Resolved from the root file, '../common/…' would name no file, and the scheme would need a 401.
    name: '3.2: a scheme URI is resolved against the file the requirement is written in',
    spec: { ...withResponses('3.2', {}), paths: { '/items': { $ref: 'paths/items.yaml' } } },
    files: {
      'paths/items.yaml': { get: { security: [{ '../common/security.yaml#/mtls': [] }], responses: ok } },
      'common/security.yaml': 'mtls:\n  type: mutualTLS\n',
    },
  },
  {
    // The component name wins over the same text read as a relative URI (`./mtls` would be the file).
    name: '3.2: a key that is a component name is that component',
    spec: secured('3.2', ok, [{ mtls: [] }], { mtls: scheme('3.2', 'mtls') }),
    files: { mtls: 'type: http\nscheme: bearer\n' },
  },
);
invalid.push(
  {
    name: '3.2: OAuth scopes on a scheme named by its URI need 403',
    spec: secured('3.2', { ...ok, 401: unauthorized }, [{ '#/components/securitySchemes/oauth': ['read'] }], { oauth: scheme('3.2', 'oauth') }),
    errors: [{ messageId: 'missingForbidden', at: OP }],
  },
  {
    name: '3.2: a URI that names no scheme (missing file, remote) still needs credentials',
    spec: secured('3.2', ok, [{ 'missing.yaml#/mtls': [] }, { 'https://example.com/security.yaml#/mtls': [] }], {}),
    errors: [{ messageId: 'missingUnauthorized', at: OP }],
  },
  {
    // 3.1 names schemes by component name only.
    name: '3.1: a key written as a URI is no scheme',
    spec: secured('3.1', ok, [{ '#/components/securitySchemes/mtls': [] }], { mtls: scheme('3.1', 'mtls') }),
    errors: [{ messageId: 'missingUnauthorized', at: OP }],
  },
);
// From OAS 3.1 a requirement of any other scheme may list the roles it needs (3.0 and 2.0: MUST be empty).
for (const v of ['3.1', '3.2'] as const) {
  invalid.push(
    {
      name: `${v}: roles on a bearer scheme need 403, as scopes do`,
      spec: secured(v, { ...ok, 401: unauthorized }, [{ bearer: ['admin'] }], { bearer: scheme(v, 'bearer') }),
      errors: [{ messageId: 'missingForbidden', at: OP, message: "Operation requires roles ('bearer') but documents no 403; add a '403' response for valid credentials that lack the role." }],
    },
    {
      // OAuth scopes on one way in, an API key with a role on the other: the messages name both.
      name: `${v}: OAuth scopes or an API key with a role, neither 401 nor 403`,
      spec: secured(v, ok, [{ oauth: ['read'] }, { key: ['auditor'] }], { oauth: scheme(v, 'oauth'), key: scheme(v, 'apiKey') }),
      errors: [
        {
          messageId: 'missingBoth',
          at: OP,
          message:
            "Operation requires credentials with OAuth scopes or roles ('oauth', 'key') but documents neither 401 nor 403; add '401' for missing or invalid credentials and '403' for credentials that lack the scope or role.",
        },
      ],
    },
    {
      name: `${v}: OAuth scopes or an API key with a role, 401 but no 403`,
      spec: secured(v, { ...ok, 401: unauthorized }, [{ oauth: ['read'] }, { key: ['auditor'] }], { oauth: scheme(v, 'oauth'), key: scheme(v, 'apiKey') }),
      errors: [
        {
          messageId: 'missingForbidden',
          at: OP,
          message: "Operation requires OAuth scopes or roles ('oauth', 'key') but documents no 403; add a '403' response for valid credentials that lack the scope or role.",
        },
      ],
    },
    {
      name: `${v}: roles on an API key, neither 401 nor 403`,
      spec: secured(v, ok, [{ key: ['auditor'] }], { key: scheme(v, 'apiKey') }),
      errors: [{ messageId: 'missingBoth', at: OP }],
    },
    {
      // The certificate was accepted in the handshake; the role is checked in HTTP.
      name: `${v}: roles on a mutualTLS scheme need 403 but no 401`,
      spec: secured(v, ok, [{ mtls: ['operator'] }], { mtls: scheme(v, 'mtls') }),
      errors: [{ messageId: 'missingForbidden', at: OP }],
    },
  );
  valid.push({ name: `${v}: roles with 401 and 403`, spec: secured(v, { ...ok, 401: unauthorized, 403: forbidden }, [{ bearer: ['admin'] }], { bearer: scheme(v, 'bearer') }) });
}
for (const v of ['2.0', '3.0'] as const) {
  valid.push({ name: `${v}: a list on a scheme that takes no scopes is no roles (it must be empty)`, spec: secured(v, { ...ok, 401: unauthorized }, [{ key: ['admin'] }], { key: scheme(v, 'apiKey') }) });
}
invalid.push({
  name: '3.1: mutualTLS together with a bearer token still needs 401',
  spec: secured('3.1', ok, [{ mtls: [], bearer: [] }], { mtls: scheme('3.1', 'mtls'), bearer: scheme('3.1', 'bearer') }),
  errors: [{ messageId: 'missingUnauthorized', at: OP }],
});

for (const v of VERSIONS) {
  // Required in 2.0 and 3.0; from 3.1 on, an operation without it has not described its responses yet.
  const undescribed = {
    name: `${v}: a bearer-secured operation with no responses member`,
    spec: withoutResponses(v, { operation: { security: [{ bearer: [] }] }, root: schemes(v, { bearer: scheme(v, 'bearer') }) }),
  };
  if (responsesOptional(v)) valid.push(undescribed);
  else invalid.push({ ...undescribed, errors: [{ messageId: 'missingUnauthorized', at: OP }] });
}

testRule(rule, { valid, invalid });

describe('require-auth-errors: the schemes its messages name', () => {
  const named = { oauth: scheme('3.0', 'oauth'), key: scheme('3.0', 'apiKey') };
  it.each([
    // A message about scopes names the schemes that ask for them, not an API key required beside them.
    [{ 401: { description: 'Unauthorized' }, 200: { description: 'OK' } }, "requires OAuth scopes ('oauth') but documents no 403"],
    [{ 200: { description: 'OK' } }, "requires credentials with OAuth scopes ('oauth') but documents neither 401 nor 403"],
    // Any credentials can be missing: a message about 401 names them all.
    [{ 403: { description: 'Forbidden' }, 200: { description: 'OK' } }, "requires credentials ('oauth', 'key') but documents no 401"],
  ])('%j', (responses, expected) => {
    const result = lintCase(rule, { name: 'named', spec: secured('3.0', responses, [{ oauth: ['read'], key: [] }], named) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(expected)]);
  });

  // What the 401 answers is a token only when every scheme that can be refused is one.
  it.each([
    ['3.0', [{ oauth: ['read'] }], "add '401' for a missing or invalid token and '403' for a token that lacks the scope."],
    ['3.0', [{ oauth: ['read'], key: [] }], "add '401' for missing or invalid credentials and '403' for a token that lacks the scope."],
    // Credentials without scopes are one way in: the operation does not require scoped ones.
    [
      '3.0',
      [{ key: [] }, { oauth: ['read'] }],
      "Operation requires credentials ('key', 'oauth'; OAuth scopes for 'oauth') but documents neither 401 nor 403; add '401' for missing or invalid credentials and '403' for a token that lacks the scope.",
    ],
    [
      '3.1',
      [{ key: [] }, { bearer: ['admin'] }],
      "Operation requires credentials ('key', 'bearer'; roles for 'bearer') but documents neither 401 nor 403; add '401' for missing or invalid credentials and '403' for credentials that lack the role.",
    ],
    [
      '3.0',
      [{ key: [] }, { oauth: ['read'] }],
      "Operation requires OAuth scopes when called with 'oauth' but documents no 403; add a '403' response for a valid token that lacks the scope.",
      { 401: { description: 'Unauthorized' } },
    ],
    // With the 403 documented, the 401 alone is missing, and says the same of what it answers.
    ['3.1', [{ bearer: [] }], "documents no 401; add a '401' response for requests with a missing or invalid token.", { 403: { description: 'Forbidden' } }],
    ['3.0', [{ key: [] }], "documents no 401; add a '401' response for requests with missing or invalid credentials.", { 403: { description: 'Forbidden' } }],
    // The page names OpenID Connect among the bearer tokens, and Basic among the credentials that are not.
    ['3.0', [{ oidc: ['profile'] }], "add '401' for a missing or invalid token and '403' for a token that lacks the scope."],
    ['3.0', [{ basic: [] }], "documents no 401; add a '401' response for requests with missing or invalid credentials.", { 403: { description: 'Forbidden' } }],
  ] as const)('%s %j', (version, security, expected, responses: object = {}) => {
    const all = { oauth: scheme(version, 'oauth'), key: scheme(version, 'apiKey'), bearer: scheme(version, 'bearer'), oidc: scheme(version, 'openId'), basic: scheme(version, 'basic') };
    const result = lintCase(rule, { name: 'wording', spec: secured(version, { 200: { description: 'OK' }, ...responses }, [...security], all) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(expected)]);
  });
});
