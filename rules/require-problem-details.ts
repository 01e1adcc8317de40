import { defineRule, isExactStatus, statusClass, type Response } from '../src/engine/define-rule.js';

/** The media type without parameters, lower-cased. */
function essence(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase();
}

const PROBLEM_TYPES: ReadonlySet<string> = new Set(['application/problem+json', 'application/problem+xml']);

const PLAIN_STRUCTURED = /^(application|text)\/(json|xml)$/;
const SUFFIX_STRUCTURED = /^application\/[^/]+\+(json|xml)$/;

/** JSON or XML: the formats RFC 9457 gives a problem-details form (§3, Appendix B). */
function isStructured(type: string): boolean {
  return PLAIN_STRUCTURED.test(type) || SUFFIX_STRUCTURED.test(type);
}

/** The structured types an error body is offered in, when none of them is problem details. */
function nonProblemTypes(response: Response): string[] {
  const types = response.content.map((media) => essence(media.type));
  if (types.some((type) => PROBLEM_TYPES.has(type))) return [];
  return types.filter(isStructured);
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
        context.report({ messageId: 'notProblem', at: response.node, data: { types: [...new Set(types)].map((type) => `'${type}'`).join(', ') } });
      },
    };
  },
});
