import { defineRule, isCorsPreflight, responsesUndescribed, securitySchemeOf, type Operation, type Security, type Spec } from '../src/engine/define-rule.js';

/** Scheme types whose requirement lists scopes the token must carry. */
const SCOPED_TYPES = new Set(['oauth2', 'openIdConnect']);

interface Needs {
  unauthorized: boolean;
  /** What the requirements that need a 403 ask for: OAuth scopes, roles, or both (neither: no 403 needed). */
  scopes: boolean;
  roles: boolean;
  /** Some alternative asks for no scopes or roles: the operation takes credentials without them. */
  unscopedAlternative: boolean;
  /** Every scheme a 401 can refuse is a bearer token (OAuth 2, OpenID Connect, HTTP bearer). */
  tokensOnly: boolean;
}

/** Whether a scheme's credentials are a bearer token (RFC 6750), as OAuth 2 and OpenID Connect issue. */
function isToken(spec: Spec, name: string, security: Security): boolean {
  const scheme = securitySchemeOf(spec, name, security)?.value;
  if (!scheme) return false;
  return SCOPED_TYPES.has(String(scheme.type)) || (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer');
}

function schemeType(spec: Spec, name: string, security: Security): string | undefined {
  const type = securitySchemeOf(spec, name, security)?.value.type;
  return typeof type === 'string' ? type : undefined;
}

/** Which auth failures the operation's security requirements make possible. */
function needs(spec: Spec, operation: Operation): Needs {
  let unauthorized = false;
  let scopes = false;
  let roles = false;
  let unscopedAlternative = false;
  let tokensOnly = true;
  for (const requirement of operation.security.requirements) {
    let asksAny = false;
    for (const [name, listed] of Object.entries(requirement)) {
      // A client certificate is checked in the TLS handshake, before any HTTP status exists.
      if (schemeType(spec, name, operation.security) !== 'mutualTLS') {
        unauthorized = true;
        if (tokensOnly && !isToken(spec, name, operation.security)) tokensOnly = false;
      }
      const asked = asksFor(spec, name, listed, operation.security);
      if (asked === 'scopes') scopes = true;
      else if (asked === 'roles') roles = true;
      if (asked !== undefined) asksAny = true;
    }
    if (!asksAny) unscopedAlternative = true;
  }
  return { unauthorized, scopes, roles, unscopedAlternative, tokensOnly };
}

/**
 * What a requirement's list asks the credentials to carry: the scopes of an OAuth 2 or OpenID
 * Connect scheme, or, from OAS 3.1, the roles "required for the execution" for a scheme of any
 * other type (Security Requirement Object). Either way, credentials without them earn a 403.
 * Swagger 2.0 and OAS 3.0 say the list MUST be empty for other schemes: what is written there is
 * no role. A scheme that cannot be read asks for nothing.
 */
function asksFor(spec: Spec, name: string, listed: unknown, security: Security): 'scopes' | 'roles' | undefined {
  if (!Array.isArray(listed) || listed.length === 0) return undefined;
  const type = schemeType(spec, name, security);
  if (type === undefined) return undefined;
  if (SCOPED_TYPES.has(type)) return 'scopes';
  return spec.version === '3.1' || spec.version === '3.2' ? 'roles' : undefined;
}

/**
 * How messages name what the credentials must carry, and what a 401 and a 403 answer. A 401
 * answers "a missing or invalid token" only when every scheme it can refuse issues one: beside
 * an API key or Basic credentials, what is missing may be those.
 */
function permissionWords(need: Needs): Record<'permissions' | 'invalid' | 'lacking' | 'refused', string> {
  const invalid = !need.roles && need.tokensOnly ? 'a missing or invalid token' : 'missing or invalid credentials';
  if (!need.roles) {
    return { permissions: 'OAuth scopes', invalid, lacking: 'a token that lacks the scope', refused: 'a valid token that lacks the scope' };
  }
  const what = need.scopes ? 'the scope or role' : 'the role';
  return {
    permissions: need.scopes ? 'OAuth scopes or roles' : 'roles',
    invalid,
    lacking: `credentials that lack ${what}`,
    refused: `valid credentials that lack ${what}`,
  };
}

export default defineRule({
  id: 'require-auth-errors',
  meta: {
    description: 'Require 401 on operations that need credentials, and 403 where they need OAuth scopes or roles',
    severity: 'warning',
    references: ['RFC 9110 §15.5.2', 'RFC 9110 §15.5.4'],
    messages: {
      missingBoth:
        "Operation requires credentials with {{permissions}} ({{schemes}}) but documents neither 401 nor 403; add '401' for {{invalid}} and '403' for {{lacking}}.",
      missingBothWhereScoped:
        "Operation requires credentials ({{schemes}}; {{permissions}} for {{scoped}}) but documents neither 401 nor 403; add '401' for {{invalid}} and '403' for {{lacking}}.",
      missingUnauthorized:
        "Operation requires credentials ({{schemes}}) but documents no 401; add a '401' response for requests with {{invalid}}.",
      missingForbidden:
        "Operation requires {{permissions}} ({{schemes}}) but documents no 403; add a '403' response for {{refused}}.",
      missingForbiddenWhereScoped:
        "Operation requires {{permissions}} when called with {{schemes}} but documents no 403; add a '403' response for {{refused}}.",
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
        const missingForbidden = (known.need.scopes || known.need.roles) && !documents(operation, '403');
        if (!missingUnauthorized && !missingForbidden) return;
        // A message about scopes or roles names the schemes that ask for them, not an API key beside them.
        const scoped = () => (known.scoped ??= describe(operation, (name, listed) => asksFor(context.spec, name, listed, operation.security) !== undefined));
        const all = () => (known.schemes ??= describe(operation));
        const words = permissionWords(known.need);
        if (!missingUnauthorized) {
          // Credentials without scopes are also accepted: the scopes are required on one way in only.
          const messageId = known.need.unscopedAlternative ? 'missingForbiddenWhereScoped' : 'missingForbidden';
          context.report({ messageId, at: operation.node, data: { schemes: scoped(), ...words } });
        } else if (!missingForbidden) {
          context.report({ messageId: 'missingUnauthorized', at: operation.node, data: { schemes: all(), ...words } });
        } else if (known.need.unscopedAlternative) {
          // Credentials without scopes are also accepted: it does not require scoped ones.
          context.report({ messageId: 'missingBothWhereScoped', at: operation.node, data: { schemes: all(), scoped: scoped(), ...words } });
        } else {
          context.report({ messageId: 'missingBoth', at: operation.node, data: { schemes: scoped(), ...words } });
        }
      },
    };
  },
});

/**
 * Whether the operation lists `status` under `responses`. The key is what documents it: a `$ref`
 * that is not followed (a remote URL) leaves no response in the model, but the operation still
 * says it answers with that status (and every response in the model has its key there).
 */
function documents(operation: Operation, status: string): boolean {
  return operation.responsesNode !== undefined && Object.hasOwn(operation.responsesNode.value, status);
}

/** The schemes the requirements name (those `keep` takes), quoted once each: `'oauth', 'apiKey'`. */
function describe(operation: Operation, keep: (name: string, scopes: unknown) => boolean = () => true): string {
  const names = new Set(operation.security.requirements.flatMap((requirement) => Object.entries(requirement).filter(([name, scopes]) => keep(name, scopes)).map(([name]) => name)));
  return [...names].map((name) => `'${name}'`).join(', ');
}
