import { isReferenced, mediaTypeEssence, refText, sharedUse } from '../src/engine/body.js';
import { defineRule, isExactStatus, statusClass, type Response, type Spec } from '../src/engine/define-rule.js';

const PROBLEM_TYPES: ReadonlySet<string> = new Set(['application/problem+json', 'application/problem+xml']);

const PLAIN_STRUCTURED = /^(application|text)\/(json|xml)$/;
const SUFFIX_STRUCTURED = /^application\/[^/]+\+(json|xml)$/;

/** JSON or XML: the formats RFC 9457 gives a problem-details form (§3, Appendix B). */
function isStructured(type: string): boolean {
  return PLAIN_STRUCTURED.test(type) || SUFFIX_STRUCTURED.test(type);
}

/** The structured types an error body is offered in, when none of them is problem details. */
function nonProblemTypes(response: Response): string[] {
  const types = response.content.map((media) => mediaTypeEssence(media.type));
  if (types.some((type) => PROBLEM_TYPES.has(type))) return [];
  return types.filter(isStructured);
}

/**
 * The statuses outside 4xx and 5xx that the response object is also used for (a `Result` that
 * is a 200 and a 500), sorted; `default` names no class and is left out. Empty for a response
 * used for errors alone.
 */
function nonErrorUses(spec: Spec, response: Response): string[] {
  // sharedUse, not a responseUses key per response: most error responses are written inline and named nowhere else.
  const statuses = sharedUse(spec, response)?.statuses;
  if (!statuses || statuses.size < 2) return [];
  return [...statuses].filter((status) => (statusClass(status) ?? 4) < 4).sort();
}

/** `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`: the message goes on after the list with a comma. */
function andList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export default defineRule({
  id: 'require-problem-details',
  meta: {
    description: 'Require 4xx and 5xx bodies in JSON or XML to be offered as RFC 9457 problem details',
    severity: 'warning',
    references: ['RFC 9457 §3'],
    messages: {
      // About the media type only: a schema with the RFC 9457 members may be declared as
      // 'application/json', and "not problem details" would be untrue of it.
      notProblem:
        "Error response body is offered as {{types}}, without a problem-details media type; offer 'application/problem+json' (or 'application/problem+xml') with the RFC 9457 members type, title, status, detail.",
      namedElsewhere:
        "This {{status}} response, offered as {{types}} without a problem-details media type, is named through $ref elsewhere for {{others}}; give those a response of their own, then offer this one as 'application/problem+json' (or 'application/problem+xml') with the RFC 9457 members type, title, status, detail.",
      sharedNotProblem:
        "This {{status}} uses '{{ref}}', whose body is offered as {{types}}, without a problem-details media type, and which is also used for {{others}}; give the {{status}} a response of its own offered as 'application/problem+json' (or 'application/problem+xml') with the RFC 9457 members type, title, status, detail.",
    },
    // A house style, not an HTTP requirement: teams that adopt RFC 9457 turn it on.
    recommended: false,
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response) {
        const statusKind = statusClass(response.status);
        if (!isExactStatus(response.status) || (statusKind !== 4 && statusKind !== 5)) return;
        const types = nonProblemTypes(response);
        if (types.length === 0) return;
        const quoted = andList([...new Set(types)].map((type) => `'${type}'`));
        // Reported at the definition, the finding would call a success body an error: the
        // mistake is this use of it.
        const others = nonErrorUses(context.spec, response);
        if (others.length > 0) {
          const referenced = isReferenced(response);
          const ref = referenced ? refText(response.entry) : '';
          context.report({ messageId: referenced ? 'sharedNotProblem' : 'namedElsewhere', at: response.entry, data: { status: response.status, ref, types: quoted, others: others.join(', ') } });
          return;
        }
        context.report({ messageId: 'notProblem', at: response.node, data: { types: quoted } });
      },
    };
  },
});
