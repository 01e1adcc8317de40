import { defineRule, isCorsPreflight, isObject, writesUnreadRequestBody, responsesUndescribed, schemaRefSiblingsApply, someParameter, type Located, type Operation, type RuleContext } from '../src/engine/define-rule.js';
import { mediaTypeEssence, mediaTypesOf } from '../src/engine/body.js';

interface Options {
  /** The exact status codes an operation with a request body must document. */
  codes: string[];
}

/** "400", "400 or 422", "400, 409 or 422": what is missing, read as "documents no … response". */
function list(codes: readonly string[]): string {
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} or ${codes[codes.length - 1]}`;
}

/**
 * The reason "cannot tell a malformed request (400) from an invalid one (422)" holds only when
 * the rule asks for both; with other codes (e.g. `['400']` for an API that answers every bad
 * body with 400) it would argue for a code the team chose not to use. It also needs one of the
 * two to be missing: with both documented, a client can tell them apart, whatever else
 * (a 409 the option asks for) is missing.
 */
function argues400Against422(codes: readonly string[], missing: readonly string[]): boolean {
  return codes.includes('400') && codes.includes('422') && (missing.includes('400') || missing.includes('422'));
}

/**
 * Whether the operation writes `code` under `responses`. Read from the keys: a response behind
 * a `$ref` that is not followed (a remote URL) is documented, though the model leaves it out.
 */
function namesStatus(operation: Operation, code: string): boolean {
  return operation.responsesNode !== undefined && Object.hasOwn(operation.responsesNode.value, code);
}

/**
 * An OAS 3 `requestBody` whose `content` is an empty map accepts no media type, so no body
 * can be sent: a converter's leftover (often `required: false`) for an operation without one.
 */
function listsNoMediaType(context: RuleContext<Options>, operation: Operation): boolean {
  if (context.spec.version === '2.0' || !operation.requestBody) return false;
  const body = context.deref(operation.requestBody);
  const content = body && context.child(body, 'content');
  const media = content && context.deref(content);
  return isObjectNode(media) && mediaTypesOf(media.value).length === 0;
}

/**
 * Keywords that a generator writes beside `additionalProperties: false` meaning to add members
 * (ShipEngine's `allOf` of the shared options plus a `oneOf` of the two request shapes): read
 * strictly, they cannot widen what the schema admits, but the body plainly carries data.
 */
const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'dependencies', '$ref', '$dynamicRef', 'unevaluatedProperties'];

/**
 * Whether a schema (through `$ref`s) is plainly the empty object: `type: object` with
 * `additionalProperties: false`, no `properties` or `patternProperties` to let a member in, and
 * no composition keyword beside it. Stripe's description gives each GET and DELETE such a
 * form-encoded body (`required: false`): a generator's placeholder for "no parameters in the
 * body", not a body.
 */
function admitsOnlyEmptyObject(context: RuleContext<Options>, schema: Located | undefined): boolean {
  // Keywords written beside a `$ref` (applied from OAS 3.1 on) may be what the body carries.
  if (isObjectNode(schema) && typeof schema.value.$ref === 'string' && Object.keys(schema.value).some((key) => key !== '$ref' && key !== 'description' && key !== 'summary')) return false;
  const resolved = schema && context.deref(schema);
  if (!isObjectNode(resolved)) return false;
  const { type, additionalProperties, properties, patternProperties } = resolved.value;
  return (
    type === 'object' &&
    additionalProperties === false &&
    isEmptyMap(properties) &&
    isEmptyMap(patternProperties) &&
    !COMPOSITION.some((keyword) => Object.hasOwn(resolved.value, keyword))
  );
}

/**
 * Media types whose content an object schema describes member by member: JSON (`+json`
 * included) and forms. A placeholder object schema on a JWE, a file or XML says nothing about
 * what the body may carry (Open Banking's file-payment `File` body).
 */
const OBJECT_MEDIA = /^(?:application\/(?:[\w.*-]+\+)?json|text\/json|application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i;

/** Absent, or an object with no members. */
function isEmptyMap(value: unknown): boolean {
  return value === undefined || (isObject(value) && Object.keys(value).length === 0);
}

/**
 * Whether the body the operation declares can carry nothing: every media type of its OAS 3
 * `requestBody` is JSON or a form (Swagger 2.0: its body parameter, with no form parameter
 * beside it) with a schema that is plainly the empty object. There is nothing in it to be
 * malformed or invalid. A media type without a schema admits anything, so it is a body.
 */
function carriesNothing(context: RuleContext<Options>, operation: Operation): boolean {
  if (context.spec.version === '2.0') {
    let body = false;
    const somethingElse = someParameter(context, operation, (parameter) => {
      if (parameter.value.in === 'formData') return true;
      if (parameter.value.in !== 'body') return false;
      body = true;
      return !admitsOnlyEmptyObject(context, context.child(parameter, 'schema'));
    });
    return body && !somethingElse;
  }
  const body = operation.requestBody && context.deref(operation.requestBody);
  const content = body && context.child(body, 'content');
  const media = content && context.deref(content);
  if (!isObjectNode(media)) return false;
  const types = mediaTypesOf(media.value);
  if (types.length === 0) return false;
  for (const type of types) {
    if (!OBJECT_MEDIA.test(type)) return false;
    const entry = context.deref(context.child(media, type)!);
    if (!isObjectNode(entry) || !admitsOnlyEmptyObject(context, context.child(entry, 'schema'))) return false;
  }
  return true;
}

/** Whether a node holds a JSON object (not null, not an array). */
function isObjectNode(node: Located | undefined): node is Located<Record<string, unknown>> {
  return node !== undefined && isObject(node.value);
}

/**
 * Whether a schema (through `$ref`s, one level of `allOf`, and the alternatives of a `oneOf` or
 * `anyOf` with their own `allOf`) has the members of an OAuth 2.0 token or revocation request
 * (`ownsOAuthMembers`). A token endpoint that takes several grants often writes its body as a
 * `oneOf` of them, each an `allOf` of a shared part that holds `grant_type` (Shopware's Admin
 * API). From OAS 3.1, keywords beside a `$ref` apply with what it names (JSON Schema 2020-12),
 * so members written there count; before 3.1 they are ignored.
 */
function hasOAuthMembers(context: RuleContext<Options>, schema: Located | undefined): boolean {
  if (!schema) return false;
  const siblingsApply = schemaRefSiblingsApply(context.spec);
  if (siblingsApply && isObjectNode(schema) && typeof schema.value.$ref === 'string' && declaresOAuthMembers(context, schema, siblingsApply, true)) return true;
  const resolved = context.deref(schema);
  return isObjectNode(resolved) && declaresOAuthMembers(context, resolved, siblingsApply, true);
}

/**
 * Whether the schema object itself, or one of its `allOf` members, declares those members; with
 * `alternatives`, also one of its `oneOf` or `anyOf` members, read the same way (one level: an
 * alternative's own alternatives are not read).
 */
function declaresOAuthMembers(context: RuleContext<Options>, schema: Located<Record<string, unknown>>, siblingsApply: boolean, alternatives: boolean): boolean {
  if (ownsOAuthMembers(context, schema)) return true;
  for (const keyword of alternatives ? ['allOf', 'oneOf', 'anyOf'] : ['allOf']) {
    const list = context.child(schema, keyword);
    if (!list || !Array.isArray(list.value)) continue;
    for (let index = 0; index < list.value.length; index++) {
      const written = context.child(list, index)!;
      const member = context.deref(written);
      if (keyword === 'allOf') {
        if (siblingsApply && isObjectNode(written) && typeof written.value.$ref === 'string' && ownsOAuthMembers(context, written)) return true;
        if (isObjectNode(member) && ownsOAuthMembers(context, member)) return true;
      } else {
        if (siblingsApply && isObjectNode(written) && typeof written.value.$ref === 'string' && declaresOAuthMembers(context, written, siblingsApply, false)) return true;
        if (isObjectNode(member) && declaresOAuthMembers(context, member, siblingsApply, false)) return true;
      }
    }
  }
  return false;
}

/**
 * Whether the schema object's own `properties` are those of a request to an OAuth 2.0 endpoint
 * that answers errors as RFC 6749 §5.2 does: `grant_type` (a token request), or a revocation
 * request (RFC 7009 §2.1), whose errors "conform to the definition in Section 5.2 of [RFC6749]"
 * (§2.2.1): its `token` beside `token_type_hint`, or beside the `client_secret` of client
 * credentials sent in the body (RFC 6749 §2.3.1), as the request carries them. An introspection
 * request (RFC 7662 §2.1) takes the same members. `token` alone is too common a member name.
 */
function ownsOAuthMembers(context: RuleContext<Options>, schema: Located<Record<string, unknown>>): boolean {
  const properties = context.child(schema, 'properties');
  if (!isObjectNode(properties)) return false;
  const names = properties.value;
  if (Object.hasOwn(names, 'grant_type')) return true;
  return Object.hasOwn(names, 'token') && (Object.hasOwn(names, 'token_type_hint') || Object.hasOwn(names, 'client_secret'));
}

/**
 * An OAuth 2.0 access token request: its body carries `grant_type` (RFC 6749 §4.1.3, §4.3.2,
 * §4.4.2, §6), as a form parameter in Swagger 2.0 or a property of a media type's schema.
 * RFC 6749 §5.2: the token endpoint "responds with an HTTP 400 (Bad Request) status code
 * (unless specified otherwise)" (401 for `invalid_client`), so a 422 there breaks the protocol.
 * A token revocation request (`token` with `token_type_hint` or `client_secret`, RFC 7009)
 * answers its errors the same way (§2.2.1).
 */
function isTokenRequest(context: RuleContext<Options>, operation: Operation): boolean {
  if (context.spec.version === '2.0') {
    // A revocation request's form parameters may be written apart (path item and operation).
    let token = false;
    let beside = false;
    return someParameter(context, operation, (parameter) => {
      if (parameter.value.in === 'body') return hasOAuthMembers(context, context.child(parameter, 'schema'));
      if (parameter.value.in !== 'formData') return false;
      const { name } = parameter.value;
      if (name === 'token') token = true;
      else if (name === 'token_type_hint' || name === 'client_secret') beside = true;
      return name === 'grant_type' || (token && beside);
    });
  }
  const body = operation.requestBody && context.deref(operation.requestBody);
  const content = body && context.child(body, 'content');
  const media = content && context.deref(content);
  if (!isObjectNode(media)) return false;
  for (const type of Object.keys(media.value)) {
    const entry = context.deref(context.child(media, type)!);
    if (entry && hasOAuthMembers(context, context.child(entry, 'schema'))) return true;
  }
  return false;
}

const SCIM = 'application/scim+json';

/**
 * A SCIM 2.0 request: its body may be `application/scim+json` (OAS 3 `content`, or Swagger 2.0
 * `consumes` of the operation, else of the document). RFC 7644 §3.12 answers a body that cannot
 * be parsed (`invalidSyntax`) or holds a bad value (`invalidValue`, `mutability`, …) with 400 and
 * a `scimType`, so a 422 there is outside the protocol clients implement.
 */
function isScimRequest(context: RuleContext<Options>, operation: Operation): boolean {
  if (context.spec.version === '2.0') {
    const own = operation.node.value.consumes;
    const consumes = Array.isArray(own) ? own : context.spec.root.value.consumes;
    return Array.isArray(consumes) && consumes.some((type) => typeof type === 'string' && mediaTypeEssence(type) === SCIM);
  }
  const body = operation.requestBody && context.deref(operation.requestBody);
  const content = body && context.child(body, 'content');
  const media = content && context.deref(content);
  return isObjectNode(media) && mediaTypesOf(media.value).some((type) => mediaTypeEssence(type) === SCIM);
}

export default defineRule<Options>({
  id: 'require-validation-error',
  meta: {
    description: 'Require 400 and 422 responses on operations that accept a request body',
    severity: 'warning',
    references: ['RFC 9110 §15.5.1', 'RFC 9110 §15.5.21'],
    messages: {
      missing: '{{method}} {{path}} accepts a request body but documents no {{missing}} response; clients cannot tell a malformed request (400) from an invalid one (422).',
      missingCodes: '{{method}} {{path}} accepts a request body but documents no {{missing}} response; document the status a client gets for a body the operation cannot accept.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        codes: { type: 'array', items: { type: 'string', pattern: '^4\\d\\d$' }, description: 'exact 4xx codes to require' },
      },
    },
    recommended: true,
  },
  defaultOptions: { codes: ['400', '422'] },

  create(context) {
    // A code listed twice is asked for once: "documents no 400 or 400 response" says nothing.
    const codes = [...new Set(context.options.codes)];
    return {
      Operation(operation) {
        if (!(operation.acceptsBody || writesUnreadRequestBody(context.spec, operation)) || listsNoMediaType(context, operation) || responsesUndescribed(context.spec, operation) || isCorsPreflight(operation)) return;
        // A 4XX range or `default` promises nothing about which code a bad body gets.
        let missing = codes.filter((code) => !namesStatus(operation, code));
        if (missing.length === 0) return;
        // A body that admits only `{}` is no body to validate; read only for an operation that would be reported.
        if (carriesNothing(context, operation)) return;
        // Read the schemas only for an operation that would be reported, and only when 422 is missing.
        // OAuth 2.0 and SCIM give every bad body 400: their protocols have no 422.
        const answers400 = missing.includes('422') && (isTokenRequest(context, operation) || isScimRequest(context, operation));
        if (answers400) missing = missing.filter((code) => code !== '422');
        if (missing.length === 0) return;
        context.report({
          messageId: !answers400 && argues400Against422(codes, missing) ? 'missing' : 'missingCodes',
          at: operation.node,
          data: { method: operation.method.toUpperCase(), path: operation.path, missing: list(missing) },
        });
      },
    };
  },
});
