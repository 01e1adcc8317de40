import { addHeaderFix, defineRule, securitySchemeOf, type Operation, type Spec } from '../src/engine/define-rule.js';

/**
 * The challenge scheme a client should expect, from the schemes the operation accepts:
 * Bearer for http bearer and OAuth 2 / OpenID Connect (RFC 6750), Basic for http basic.
 */
function challengeScheme(spec: Spec, operation: Operation): string | undefined {
  for (const requirement of operation.security.requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = securitySchemeOf(spec, name, operation.security)?.value;
      if (!scheme) continue;
      const type = String(scheme.type ?? '').toLowerCase();
      const httpScheme = String(scheme.scheme ?? '').toLowerCase();
      if (type === 'oauth2' || type === 'openidconnect' || (type === 'http' && httpScheme === 'bearer')) return 'Bearer';
      if (type === 'basic' || (type === 'http' && httpScheme === 'basic')) return 'Basic';
    }
  }
  return undefined;
}

export default defineRule({
  id: 'require-www-authenticate',
  meta: {
    description: 'Require a WWW-Authenticate header on every 401 response',
    severity: 'error',
    references: ['RFC 9110 §15.5.2', 'RFC 9110 §11.6.1'],
    messages: {
      missing: "401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').",
    },
    recommended: true,
    fixable: "Adds a 'WWW-Authenticate' string header, described and exemplified with the operation's challenge (Bearer, Basic, or a generic scheme), or a $ref to components/headers when the spec defines one.",
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response, operation) {
        // RFC 9110 §15.5.2: a server generating a 401 MUST send WWW-Authenticate.
        if (response.status !== '401' || response.header('WWW-Authenticate')) return;
        const scheme = challengeScheme(context.spec, operation);
        const fix = addHeaderFix(context.spec, response, 'WWW-Authenticate', {
          description: scheme
            ? `The ${scheme} challenge the client must answer (RFC 9110 §11.6.1).`
            : 'The authentication challenge the client must answer: an auth-scheme and its parameters (RFC 9110 §11.6.1).',
          schema: { type: 'string' },
          example: scheme ? `${scheme} realm="api"` : undefined,
        });
        context.report({ messageId: 'missing', at: response.node, fix });
      },
    };
  },
});
