import { defineRule, isCorsPreflight, responsesUndescribed, securitySchemeOf, type Operation, type Security, type Spec } from '../src/engine/define-rule.js';

/** Scheme types whose requirement lists scopes the token must carry. */
const SCOPED_TYPES = new Set(['oauth2', 'openIdConnect']);

interface Needs {
  unauthorized: boolean;
  forbidden: boolean;
}

function schemeType(spec: Spec, name: string, security: Security): string | undefined {
  const type = securitySchemeOf(spec, name, security)?.value.type;
  return typeof type === 'string' ? type : undefined;
}

/** Which auth failures the operation's security requirements make possible. */
function needs(spec: Spec, operation: Operation): Needs {
  let unauthorized = false;
  let forbidden = false;
  for (const requirement of operation.security.requirements) {
    for (const [name, scopes] of Object.entries(requirement)) {
      // A client certificate is checked in the TLS handshake, before any HTTP status exists.
      if (schemeType(spec, name, operation.security) !== 'mutualTLS') unauthorized = true;
      if (asksForScopes(spec, name, scopes, operation.security)) forbidden = true;
    }
  }
  return { unauthorized, forbidden };
}

/** Whether a requirement's scheme is OAuth 2 or OpenID Connect and names scopes the token must carry. */
function asksForScopes(spec: Spec, name: string, scopes: unknown, security: Security): boolean {
  const type = schemeType(spec, name, security);
  return type !== undefined && SCOPED_TYPES.has(type) && Array.isArray(scopes) && scopes.length > 0;
}

export default defineRule({
  id: 'require-auth-errors',
  meta: {
    description: 'Require 401 on operations that need credentials, and 403 where they need OAuth scopes',
    severity: 'warning',
    references: ['RFC 9110 §15.5.2', 'RFC 9110 §15.5.4'],
    messages: {
      missingBoth:
        "Operation requires credentials with OAuth scopes ({{schemes}}) but documents neither 401 nor 403; add '401' for a missing or invalid token and '403' for a token that lacks the scope.",
      missingUnauthorized:
        "Operation requires credentials ({{schemes}}) but documents no 401; add a '401' response for requests with missing or invalid credentials.",
      missingForbidden:
        "Operation requires OAuth scopes ({{schemes}}) but documents no 403; add a '403' response for a valid token that lacks the scope.",
    },
    recommended: true,
  },
  defaultOptions: {},

  create(context) {
    // Most operations take the root's `security` list: work out what a list needs, and how
    // its schemes are named, once per list as written rather than once per operation.
    const byList = new Map<unknown, { need: Needs; schemes?: string; scoped?: string }>();
    return {
      Operation(operation) {
        if (responsesUndescribed(context.spec, operation) || isCorsPreflight(operation)) return;
        // Public (`security: []`), optional (`{}` alternative) or undescribed: nothing to require.
        if (operation.security.kind !== 'required') return;
        const list = operation.security.declaredAt?.value;
        let known = byList.get(list);
        if (!known) {
          known = { need: needs(context.spec, operation) };
          if (list !== undefined) byList.set(list, known);
        }
        // A range or `default` does not tell the client which of the two it got: exact codes only.
        const missingUnauthorized = known.need.unauthorized && !documents(operation, '401');
        const missingForbidden = known.need.forbidden && !documents(operation, '403');
        if (!missingUnauthorized && !missingForbidden) return;
        const messageId = missingUnauthorized && missingForbidden ? 'missingBoth' : missingUnauthorized ? 'missingUnauthorized' : 'missingForbidden';
        // A message about scopes names the schemes that ask for them, not an API key beside them.
        const schemes = missingForbidden ? (known.scoped ??= describe(operation, (name, scopes) => asksForScopes(context.spec, name, scopes, operation.security))) : (known.schemes ??= describe(operation));
        context.report({ messageId, at: operation.node, data: { schemes } });
      },
    };
  },
});

/**
 * Whether the operation lists `status` under `responses`. The key is what documents it: a `$ref`
 * that is not followed (a remote URL) leaves no response in the model, but the operation still
 * says it answers with that status.
 */
function documents(operation: Operation, status: string): boolean {
  return operation.response(status) !== undefined || (operation.responsesNode !== undefined && Object.hasOwn(operation.responsesNode.value, status));
}

/** The schemes the requirements name (those `keep` takes), quoted once each: `'oauth', 'apiKey'`. */
function describe(operation: Operation, keep: (name: string, scopes: unknown) => boolean = () => true): string {
  const names = new Set(operation.security.requirements.flatMap((requirement) => Object.entries(requirement).filter(([name, scopes]) => keep(name, scopes)).map(([name]) => name)));
  return [...names].map((name) => `'${name}'`).join(', ');
}
