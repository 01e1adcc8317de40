import rule from '../../rules/no-auth-errors-on-public.js';
import { header, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase, type Version } from '../rule-tester.js';

type Json = Record<string, unknown>;

function bearer(version: Version): Json {
  const scheme = version === '2.0' ? { type: 'apiKey', in: 'header', name: 'Authorization' } : { type: 'http', scheme: 'bearer' };
  return version === '2.0' ? { securityDefinitions: { bearer: scheme } } : { components: { securitySchemes: { bearer: scheme } } };
}

/** A parameter shaped for the version. */
function parameter(version: Version, name: string, where: string): Json {
  return version === '2.0' ? { name, in: where, type: 'string', required: where === 'path' } : { name, in: where, required: where === 'path', schema: { type: 'string' } };
}

/** Operation fields that give it a request body of `schema`, shaped for the version. */
function body(version: Version, schema: Json, type = 'application/json'): Json {
  return version === '2.0'
    ? { consumes: [type], parameters: [{ name: 'body', in: 'body', required: true, schema }] }
    : { requestBody: { content: { [type]: { schema } } } };
}

const ok = { 200: { description: 'OK' } };
const unauthorized = { description: 'Unauthorized' };
const AT = '/paths/~1items/get/responses/401';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

for (const v of VERSIONS) {
  const root = { ...bearer(v), security: [{ bearer: [] }] };
  valid.push(
    { name: `${v}: public operation without 401`, spec: withResponses(v, ok, { operation: { security: [] }, root }) },
    { name: `${v}: public operation with 403 (refusals need no credentials)`, spec: withResponses(v, { ...ok, 403: { description: 'Forbidden' } }, { operation: { security: [] }, root }) },
    { name: `${v}: optional auth ({} alternative) can answer 401`, spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [{}, { bearer: [] }] }, root: bearer(v) }) },
    { name: `${v}: secured operation with 401`, spec: withResponses(v, { ...ok, 401: unauthorized }, { root }) },
    { name: `${v}: no security anywhere says nothing`, spec: withResponses(v, { ...ok, 401: unauthorized }) },
    {
      name: `${v}: top-level security: [] is not trusted by default`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { root: { ...bearer(v), security: [] } }),
    },
    {
      name: `${v}: operation overriding a public top level`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [{ bearer: [] }] }, root: { ...bearer(v), security: [] } }),
      options: { topLevel: true },
    },
    { name: `${v}: login endpoint checks the credentials it is sent`, spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/auth/login', operation: { security: [] }, root }) },
    { name: `${v}: token endpoint (by operationId)`, spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/oauth2/v1', operation: { security: [], operationId: 'createAccessToken' }, root }) },
    {
      name: `${v}: credential in the path (download by token)`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { path: '/downloads/{token}', operation: { security: [], parameters: [parameter(v, 'token', 'path')] }, root }),
    },
    {
      name: `${v}: credential in a header parameter`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [], parameters: [parameter(v, 'X-Service-Token', 'header')] }, root }),
    },
    {
      name: `${v}: a webhook receiver checking the request's signature`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/events', operation: { security: [], parameters: [parameter(v, 'X-Hub-Signature-256', 'header')] }, root }),
    },
    {
      name: `${v}: a webhook receiver checking its shared secret (X-Webhook-Secret)`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/events', operation: { security: [], parameters: [parameter(v, 'X-Webhook-Secret', 'header')] }, root }),
    },
    {
      name: `${v}: a webhook receiver checking its token (webhook_token query)`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/events', operation: { security: [], parameters: [parameter(v, 'webhook_token', 'query')] }, root }),
    },
    {
      name: `${v}: a one-time code header`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [], parameters: [parameter(v, 'X-GitHub-OTP', 'header')] }, root }),
    },
    {
      name: `${v}: a session cookie`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [], parameters: [parameter(v, v === '2.0' ? 'Cookie' : 'JSESSIONID', v === '2.0' ? 'header' : 'cookie')] }, root }),
    },
    // Swagger 2.0 has no cookie parameters.
    ...(v === '2.0'
      ? []
      : [{ name: `${v}: Express's session cookie (connect.sid)`, spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [], parameters: [parameter(v, 'connect.sid', 'cookie')] }, root }) }]),
    {
      name: `${v}: a security list of names, not requirement objects, is malformed rather than public`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: ['bearer'] }, root }),
    },
    { name: `${v}: a single sign-on endpoint`, spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/sso/saml/acs', operation: { security: [] }, root }) },
    {
      name: `${v}: credential in a query parameter of the path item`,
      spec: { ...withResponses(v, {}, { root }), paths: { '/items': { parameters: [parameter(v, 'api_key', 'query')], get: { security: [], responses: { ...ok, 401: unauthorized } } } } },
    },
    {
      // Every version lets a path item's fields sit beside its $ref.
      name: `${v}: credential in a query parameter written beside the path item's $ref`,
      spec: { ...withResponses(v, {}, { root }), paths: { '/items': { $ref: 'paths/items.yaml', parameters: [parameter(v, 'api_key', 'query')] } } },
      files: { 'paths/items.yaml': { get: { security: [], responses: { ...ok, 401: unauthorized } } } },
    },
    {
      // Swagger 2.0's formData password counted already; the same form as a body did not.
      name: `${v}: credentials in the request body (an account unlocked with its password)`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/accounts/{id}/unlock', operation: { security: [], ...body(v, { $ref: 'schemas.yaml#/Unlock' }) }, root }),
      files: { 'schemas.yaml': { Unlock: { type: 'object', allOf: [{ $ref: '#/Base' }], properties: { password: { type: 'string' } } }, Base: { type: 'object', properties: { reason: { type: 'string' } } } } },
    },
    {
      name: `${v}: a client secret in a form body, beside other members composed with allOf`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/devices/pair', operation: { security: [], ...body(v, { allOf: [{ type: 'object', properties: { device: { type: 'string' } } }, { type: 'object', properties: { client_secret: { type: 'string' } } }] }, 'application/x-www-form-urlencoded') }, root }),
    },
    {
      name: `${v}: one alternative of the request body carries a credential`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/devices/pair', operation: { security: [], ...body(v, { oneOf: [{ type: 'object', properties: { code: { type: 'string' } } }, { type: 'object', properties: { api_key: { type: 'string' } } }] }) }, root }),
    },
    {
      name: `${v}: credential in the path (a share by its key)`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { path: '/shares/{key}', operation: { security: [], parameters: [parameter(v, 'key', 'path')] }, root }),
    },
    {
      name: `${v}: a password header`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'delete', operation: { security: [], parameters: [parameter(v, 'X-Account-Password', 'header')] }, root }),
    },
    {
      name: `${v}: one anyOf alternative of the request body carries a credential`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/devices/pair', operation: { security: [], ...body(v, { anyOf: [{ type: 'object', properties: { code: { type: 'string' } } }, { type: 'object', properties: { password: { type: 'string' } } }] }) }, root }),
    },
    {
      // Read word by word: 'share' and 'token' in camelCase.
      name: `${v}: a share link's token in a camelCase query parameter (shareToken)`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { path: '/files', operation: { security: [], parameters: [parameter(v, 'shareToken', 'query')] }, root }),
    },
    {
      name: `${v}: a token endpoint named so by its camelCase operationId alone`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/identity/exchange', operation: { security: [], operationId: 'exchangeToken' }, root }),
    },
    { name: `${v}: Devise's sign-in path (/users/sign_in)`, spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/users/sign_in', operation: { security: [] }, root }) },
    {
      name: `${v}: a password among other members of the request body`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/accounts/{id}/close', operation: { security: [], ...body(v, { type: 'object', properties: { reason: { type: 'string' }, password: { type: 'string' } } }) }, root }),
    },
    // The words the page names: an endpoint that takes the credentials it checks.
    ...['login', 'auth', 'token', 'refresh', 'authorize', 'callback', 'sso', 'saml'].map((word) => ({
      name: `${v}: an endpoint named '${word}'`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: `/v1/${word}`, operation: { security: [] }, root }),
    })),
  );
  if (v === '2.0') {
    valid.push({
      name: `${v}: a password as a formData parameter`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/accounts/{id}/unlock', operation: { security: [], consumes: ['application/x-www-form-urlencoded'], parameters: [parameter(v, 'password', 'formData')] }, root }),
    });
  }
  if (v !== '2.0') {
    // Flask-JWT-Extended's double-submit cookie: it guards against CSRF, it is not what authenticates.
    invalid.push({
      name: `${v}: a CSRF cookie named like an access token (csrf_access_token) is not a credential`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', operation: { security: [], parameters: [parameter(v, 'csrf_access_token', 'cookie')] }, root }),
      errors: [{ messageId: 'publicOperation', at: '/paths/~1items/post/responses/401' }],
    });
    // JSON Schema 2020-12 (OAS 3.1 on) applies keywords beside a `$ref`; before 3.1 they are ignored.
    const besideRef = {
      name: `${v}: a password written beside the request body's $ref`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', path: '/accounts/{id}/unlock', operation: { security: [], ...body(v, { $ref: 'schemas.yaml#/Base', properties: { password: { type: 'string' } } }) }, root }),
      files: { 'schemas.yaml': { Base: { type: 'object', properties: { reason: { type: 'string' } } } } },
    };
    if (v === '3.0') invalid.push({ ...besideRef, errors: [{ messageId: 'publicOperation', at: '/paths/~1accounts~1{id}~1unlock/post/responses/401' }] });
    else valid.push(besideRef);
  }
  invalid.push(
    {
      name: `${v}: a request body without credentials changes nothing`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', operation: { security: [], ...body(v, { type: 'object', properties: { name: { type: 'string' }, page_token: { type: 'string' } } }) }, root }),
      errors: [{ messageId: 'publicOperation', at: '/paths/~1items/post/responses/401' }],
    },
    {
      name: `${v}: public operation with an inline 401`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [] }, root }),
      errors: [
        {
          messageId: 'publicOperation',
          at: AT,
          message:
            "Operation is public ('security: []') but documents 401, which answers missing or invalid credentials; remove the 401, or declare the security it accepts (add '{}' as an alternative if credentials are optional).",
        },
      ],
    },
    {
      name: `${v}: public operation without any scheme declared`,
      spec: withResponses(v, { ...ok, 401: { ...unauthorized, headers: { 'WWW-Authenticate': header(v) } } }, { operation: { security: [] } }),
      errors: [{ messageId: 'publicOperation', at: AT }],
    },
    {
      name: `${v}: shared 401 is reported where the public operation uses it, not at the definition`,
      spec: {
        ...withResponses(v, {}, { root }),
        ...sharedResponses(v, { Unauthorized: unauthorized }),
        ...(v === '2.0' ? {} : { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, responses: { Unauthorized: unauthorized } } }),
        paths: {
          '/items': { get: { security: [], responses: { ...ok, 401: { $ref: responsesRef(v, 'Unauthorized') } } } },
          '/private': { get: { responses: { ...ok, 401: { $ref: responsesRef(v, 'Unauthorized') } } } },
        },
      },
      errors: [{ messageId: 'publicOperation', at: AT }],
    },
    {
      name: `${v}: 401 in another file is reported at the operation's key`,
      spec: withResponses(v, { ...ok, 401: { $ref: 'common/responses.yaml#/Unauthorized' } }, { operation: { security: [] }, root }),
      files: { 'common/responses.yaml': 'Unauthorized:\n  description: Unauthorized\n' },
      errors: [{ messageId: 'publicOperation', at: AT }],
    },
    {
      name: `${v}: a request body of allOf parts that name no credential changes nothing`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', operation: { security: [], ...body(v, { allOf: [{ type: 'object', properties: { name: { type: 'string' } } }, { type: 'object', properties: { page_token: { type: 'string' } } }] }) }, root }),
      errors: [{ messageId: 'publicOperation', at: '/paths/~1items/post/responses/401' }],
    },
    {
      // Nothing that is read names a credential; the finding stands, as for a body with no credential.
      name: `${v}: a request body whose schema is a remote $ref that is not fetched`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', operation: { security: [], ...body(v, { $ref: 'https://example.com/schemas.yaml#/Item' }) }, root }),
      errors: [{ messageId: 'publicOperation', at: '/paths/~1items/post/responses/401' }],
    },
    {
      // Swagger 2.0 sends a file as a formData parameter, OAS 3 as a media type without a schema.
      name: `${v}: a public file upload with no schema to read`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, {
        method: 'post',
        path: '/uploads',
        operation: {
          security: [],
          ...(v === '2.0'
            ? { consumes: ['multipart/form-data'], parameters: [{ name: 'file', in: 'formData', type: 'file' }] }
            : { requestBody: { content: { 'application/octet-stream': {} } } }),
        },
        root,
      }),
      errors: [{ messageId: 'publicOperation', at: '/paths/~1uploads/post/responses/401' }],
    },
    {
      name: `${v}: a pagination token is not a credential`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { operation: { security: [], parameters: [parameter(v, 'page_token', 'query'), parameter(v, '_token', 'query')] }, root }),
      errors: [{ messageId: 'publicOperation', at: AT }],
    },
    {
      name: `${v}: a CSRF token header is not a credential`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { method: 'post', operation: { security: [], parameters: [parameter(v, 'X-CSRF-Token', 'header')] }, root }),
      errors: [{ messageId: 'publicOperation', at: '/paths/~1items/post/responses/401' }],
    },
    {
      name: `${v}: top-level security: [] counts when opted in`,
      spec: withResponses(v, { ...ok, 401: unauthorized }, { root: { ...bearer(v), security: [] } }),
      options: { topLevel: true },
      errors: [
        {
          messageId: 'publicApi',
          at: AT,
          message: "Operation is public (the top-level 'security' is '[]' and the operation does not override it) but documents 401; remove the 401, or declare the security it accepts.",
        },
      ],
    },
  );
}

testRule(rule, { valid, invalid });
