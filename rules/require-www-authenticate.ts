import { definitionKey, sharedUse } from '../src/engine/body.js';
import { addHeaderFix, defineRule, missingHeader, reportSharedUse, securitySchemeOf, sharedWithOtherStatuses, type HeaderRequirement, type Operation, type Response, type Spec } from '../src/engine/define-rule.js';

const WWW_AUTHENTICATE: HeaderRequirement = { header: 'WWW-Authenticate', statuses: ['401'] };

/**
 * The header for a 401 whose users take different schemes: one spec's operations (exampleSchemes)
 * or the specs of a run that share the response (their fixes written without an example).
 */
const GENERIC_CHALLENGE = {
  description: 'The authentication challenge the client must answer: an auth-scheme and its parameters (RFC 9110 §11.6.1).',
  schema: { type: 'string' },
} as const;

/**
 * The statuses a challenge fits on: a 401, and a 403, where RFC 6750 §3.1 sends one with
 * `error="insufficient_scope"`. A shared response used for those alone can take the header.
 */
const CHALLENGED: HeaderRequirement = { header: 'WWW-Authenticate', statuses: ['401', '403'] };

/**
 * The challenge schemes a client should expect, from the schemes the operation accepts: Bearer
 * for http bearer and OAuth 2 / OpenID Connect (RFC 6750), Basic for http basic. Both when it
 * takes either (Stripe, Jira): a 401 then carries both challenges, as RFC 9110 §11.6.1 lets one
 * field do. Empty when it takes neither (an API key has no standard challenge).
 */
function challengeSchemes(spec: Spec, operation: Operation): string {
  let bearer = false;
  let basic = false;
  for (const requirement of operation.security.requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = securitySchemeOf(spec, name, operation.security)?.value;
      if (!scheme) continue;
      const type = String(scheme.type ?? '').toLowerCase();
      const httpScheme = String(scheme.scheme ?? '').toLowerCase();
      if (type === 'oauth2' || type === 'openidconnect' || (type === 'http' && httpScheme === 'bearer')) bearer = true;
      else if (type === 'basic' || (type === 'http' && httpScheme === 'basic')) basic = true;
    }
  }
  return basic && bearer ? 'Basic, Bearer' : basic ? 'Basic' : bearer ? 'Bearer' : '';
}

const agreedBySpec = new WeakMap<Spec, Map<string, string>>();

/**
 * The challenge schemes for the message's example and the fix: the operation's, or for a
 * response that several operations use, the ones they all take, else none. A shared definition
 * is reported once, at itself; an example per operation would make two findings of it there.
 */
function exampleSchemes(spec: Spec, response: Response, operation: Operation): string[] {
  const own = challengeSchemes(spec, operation);
  // Most 401s are written inline and named nowhere else: no key for them.
  const use = sharedUse(spec, response);
  let agreed = own;
  if (use && use.operations.length >= 2) {
    let bySpec = agreedBySpec.get(spec);
    if (!bySpec) agreedBySpec.set(spec, (bySpec = new Map()));
    const key = definitionKey(response.node);
    const known = bySpec.get(key);
    if (known !== undefined) agreed = known;
    else {
      // The schemes every operation takes: Basic for one that takes Basic or Bearer and one
      // that takes Basic alone, none for Basic and Bearer.
      let basic = own.includes('Basic');
      let bearer = own.includes('Bearer');
      for (const other of use.operations) {
        if (!basic && !bearer) break;
        if (other === operation) continue;
        const theirs = challengeSchemes(spec, other);
        basic &&= theirs.includes('Basic');
        bearer &&= theirs.includes('Bearer');
      }
      agreed = basic && bearer ? 'Basic, Bearer' : basic ? 'Basic' : bearer ? 'Bearer' : '';
      bySpec.set(key, agreed);
    }
  }
  return agreed === '' ? [] : agreed.split(', ');
}

export default defineRule({
  id: 'require-www-authenticate',
  meta: {
    description: 'Require a WWW-Authenticate header on every 401 response',
    severity: 'error',
    references: ['RFC 9110 §15.5.2', 'RFC 9110 §11.6.1'],
    messages: {
      // The example is the operation's challenges when known (Basic for Swagger 2.0 `type: basic`, both for Basic or Bearer), else Bearer.
      missing: "401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. '{{challenge}}').",
      namedElsewhere:
        "This {{status}} response is named through $ref elsewhere for {{others}}, so a 'WWW-Authenticate' header added here would be declared there too; give those a response of their own, then add the header here.",
      sharedMissing:
        "This 401 uses '{{ref}}', which declares no 'WWW-Authenticate' header and is also used for {{others}}; give the 401 a response of its own with a 'WWW-Authenticate' header carrying the challenge the client must answer.",
    },
    recommended: true,
    fixable: "Adds a 'WWW-Authenticate' string header, described and exemplified with the operation's challenge (Bearer, Basic, or a generic scheme), or a $ref to components/headers when the spec defines one.",
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response, operation) {
        // RFC 9110 §15.5.2: a server generating a 401 MUST send WWW-Authenticate.
        if (!missingHeader(response, WWW_AUTHENTICATE)) return;
        // A challenge added to a definition that is also, say, a 404 or a 500 would be declared there too.
        const shared = sharedWithOtherStatuses(context.spec, response, CHALLENGED);
        if (shared) {
          reportSharedUse(context, response, shared, 'sharedMissing');
          return;
        }
        // A shared 401 takes the schemes its operations agree on, else a generic challenge: one
        // definition gets one header, not the scheme of whichever operation was read first.
        const schemes = exampleSchemes(context.spec, response, operation);
        const challenge = schemes.map((scheme) => `${scheme} realm="api"`).join(', ');
        const fix = addHeaderFix(context.spec, response, 'WWW-Authenticate', {
          description:
            schemes.length === 0
              ? GENERIC_CHALLENGE.description
              : schemes.length === 1
                ? `The ${schemes[0]} challenge the client must answer (RFC 9110 §11.6.1).`
                : `The ${schemes.join(' and ')} challenges, one of which the client must answer (RFC 9110 §11.6.1).`,
          schema: { type: 'string' },
          example: schemes.length > 0 ? challenge : undefined,
        }, GENERIC_CHALLENGE);
        context.report({ messageId: 'missing', at: response.node, data: { challenge: challenge || 'Bearer realm="api"' }, fix });
      },
    };
  },
});
