import { defineRule, isObject, schemaRefSiblingsApply, someParameter, type Located, type Operation, type RuleContext } from '../src/engine/define-rule.js';

interface Options {
  topLevel: boolean;
}

/** `X-Sds-Service-Token`, `authKey`, `access_key` → lower-case words. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Path or operationId words of an endpoint that authenticates its caller itself. */
const AUTH_ENDPOINT = new Set([
  'login', 'logon', 'signin', 'logout', 'signout', 'authenticate', 'authentication', 'authn', 'auth', 'oauth', 'oauth2',
  'token', 'tokens', 'refresh', 'authorize', 'authorise', 'authorization', 'authorisation', '2fa', 'mfa', 'otp',
  'session', 'sessions', 'revoke', 'password', 'callback',
  // Single sign-on and its protocols, and passwordless sign-in: the request carries the assertion.
  'sso', 'saml', 'saml2', 'oidc', 'openid', 'webauthn', 'passkey', 'passkeys', 'signon',
]);

/** A parameter named like one of these carries the caller's credentials. */
const CREDENTIAL_NAME = /^(?:x-)?(?:api[-_]?key|apikey|key|token|access[-_]?token|auth[-_]?token|id[-_]?token|auth|auth[-_]?key|authkey|authorization|password|secret|signature|sig|jwt|bearer|cookie|sid)$/;
/**
 * A word that makes any name a credential: a password, the request's signature (a webhook's
 * `X-Hub-Signature-256`, `Stripe-Signature`), a one-time code (`X-GitHub-OTP`).
 */
const CREDENTIAL_WORD = new Set(['password', 'passwd', 'authorization', 'signature', 'hmac', 'otp']);
/** A session identifier, as cookies name it: `session`, `sessionid`, `JSESSIONID`, `PHPSESSID`, Express's `connect.sid`. */
const SESSION_WORD = /^(?:(?:j|php)?sess(?:ion)?(?:id)?|sid)$/;
const CREDENTIAL_NOUN = new Set(['token', 'key', 'password', 'passwd', 'secret', 'jwt', 'credential', 'credentials', 'authorization']);
// `webhook`: a receiver's shared secret or token (`X-Webhook-Secret`) authenticates the sender, as its signature would.
const CREDENTIAL_QUALIFIER = new Set(['api', 'access', 'auth', 'service', 'share', 'app', 'client', 'session', 'bearer', 'id', 'refresh', 'security', 'subscription', 'license', 'developer', 'user', 'webhook']);

function isCredentialParameter(name: string): boolean {
  if (CREDENTIAL_NAME.test(name.toLowerCase())) return true;
  const words = wordsOf(name);
  if (words.includes('csrf') || words.includes('xsrf')) return false;
  if (words.some((word) => CREDENTIAL_WORD.has(word) || SESSION_WORD.test(word))) return true;
  return words.some((word) => CREDENTIAL_NOUN.has(word)) && words.some((word) => CREDENTIAL_QUALIFIER.has(word));
}

/**
 * Whether the operation takes credentials outside its security requirements: a login or token
 * endpoint, or a `token`, `api_key` or `X-Service-Token` parameter. Such an operation can answer
 * 401 although it declares `security: []`.
 */
function takesOwnCredentials(context: RuleContext<Options>, operation: Operation): boolean {
  const operationId = operation.node.value.operationId;
  const names = [...wordsOf(operation.path), ...(typeof operationId === 'string' ? wordsOf(operationId) : [])];
  if (names.some((word) => AUTH_ENDPOINT.has(word)) || names.join(' ').includes('sign in')) return true;
  if (someParameter(context, operation, ({ value }) => typeof value.name === 'string' && value.in !== 'body' && isCredentialParameter(value.name))) return true;
  return bodyTakesCredentials(context, operation);
}

// Enough for a body's own `$ref` and `allOf` layers; the members that matter are near the top.
const MAX_BODY_DEPTH = 4;

/**
 * Whether a top-level member of the request body is named as a credential: a `password` to
 * confirm, a `client_secret`, an `api_key`. Swagger 2.0 `formData` parameters count as
 * parameters; the same form written as a body (OAS 3 `requestBody`, a 2.0 `in: body` schema)
 * carries them just as well. `$ref`s are followed, `allOf` parts merged and each `oneOf` or
 * `anyOf` alternative read.
 */
function bodyTakesCredentials(context: RuleContext<Options>, operation: Operation): boolean {
  const declared = operation.requestBody && context.deref(operation.requestBody);
  if (!declared || !isObject(declared.value)) return false;
  const schemas: Located[] = [];
  if (context.spec.version === '2.0') {
    const schema = declared.value.in === 'body' ? context.child(declared, 'schema') : undefined;
    if (schema) schemas.push(schema);
  } else {
    const content = context.child(declared, 'content');
    const media = content && context.deref(content);
    if (media && isObject(media.value)) {
      for (const type of Object.keys(media.value)) {
        const entry = context.deref(context.child(media, type)!);
        const schema = entry && context.child(entry, 'schema');
        if (schema) schemas.push(schema);
      }
    }
  }
  const seen = new Set<unknown>();
  // JSON Schema 2020-12 (OAS 3.1 on) applies keywords beside a `$ref` with what it names:
  // `{$ref: Base, properties: {password}}` takes a password. Before 3.1 they are ignored.
  const siblingsApply = schemaRefSiblingsApply(context.spec);
  const named = (node: Located, depth: number): boolean => {
    if (depth > MAX_BODY_DEPTH) return false;
    if (siblingsApply && isObject(node.value) && typeof node.value.$ref === 'string' && declares(node as Located<Record<string, unknown>>, depth)) return true;
    const schema = context.deref(node);
    if (!schema || !isObject(schema.value) || seen.has(schema.value)) return false;
    seen.add(schema.value);
    return declares(schema as Located<Record<string, unknown>>, depth);
  };
  const declares = (schema: Located<Record<string, unknown>>, depth: number): boolean => {
    if (isObject(schema.value.properties) && Object.keys(schema.value.properties).some(isCredentialParameter)) return true;
    // An alternative that carries credentials is enough: the operation may be sent them.
    for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
      const parts = context.child(schema, keyword);
      if (!parts || !Array.isArray(parts.value)) continue;
      for (let index = 0; index < parts.value.length; index++) if (named(context.child(parts, index)!, depth + 1)) return true;
    }
    return false;
  };
  return schemas.some((schema) => named(schema, 0));
}

/** Whether the `security` list in force is written as `[]`. */
function writtenEmpty(operation: Operation): boolean {
  const list = operation.security.declaredAt?.value;
  return Array.isArray(list) && list.length === 0;
}

export default defineRule<Options>({
  id: 'no-auth-errors-on-public',
  meta: {
    description: 'Disallow a 401 response on operations that require no credentials',
    severity: 'warning',
    references: ['RFC 9110 §15.5.2'],
    messages: {
      publicOperation:
        "Operation is public ('security: []') but documents 401, which answers missing or invalid credentials; remove the 401, or declare the security it accepts (add '{}' as an alternative if credentials are optional).",
      publicApi:
        "Operation is public (the top-level 'security' is '[]' and the operation does not override it) but documents 401; remove the 401, or declare the security it accepts.",
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        topLevel: { type: 'boolean', description: "Also treat a top-level 'security: []' as making its operations public" },
      },
    },
    recommended: true,
  },
  defaultOptions: { topLevel: false },

  create(context) {
    return {
      Response(response, operation) {
        // Only an explicit empty list says "no credentials": a `{}` alternative is optional auth,
        // where a bad token still earns a 401, and no `security` at all says nothing.
        if (response.status !== '401' || operation.security.kind !== 'public') return;
        // A list that holds no requirement objects (`- bearer` for `- bearer: []`) is malformed,
        // not the `[]` the message quotes.
        if (!writtenEmpty(operation)) return;
        // A top-level `[]` is often a placeholder for auth configured elsewhere (Apache Airflow).
        if (!operation.security.explicitlyPublic && !context.options.topLevel) return;
        if (takesOwnCredentials(context, operation)) return;
        // The shared 401 is fine for other operations; this operation's use of it is the mistake.
        context.report({ messageId: operation.security.explicitlyPublic ? 'publicOperation' : 'publicApi', at: response.entry });
      },
    };
  },
});
