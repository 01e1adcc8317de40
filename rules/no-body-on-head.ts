import { listText, reportBody, type NoBodyOptions, type ResponseUse } from '../src/engine/body.js';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule<NoBodyOptions>({
  id: 'no-body-on-head',
  meta: {
    description: 'Disallow a response body on HEAD operations',
    severity: 'warning',
    references: ['RFC 9110 §9.3.2'],
    messages: {
      hasContent:
        'A response to HEAD never has content (RFC 9110 §9.3.2), but this {{status}} response declares {{types}}; remove the {{field}}: a HEAD response carries headers only.',
      emptyContent: "A response to HEAD has no content; 'content: {}' says nothing, remove it.",
      sharedHasContent:
        "This HEAD {{status}} response uses '{{ref}}', which declares a body ({{types}}) for other operations too ({{others}}); a response to HEAD never has content (RFC 9110 §9.3.2): give HEAD a response without a body.",
      namedElsewhere:
        'This HEAD {{status}} response is named through $ref elsewhere for {{others}}, so removing its {{field}} here would remove the body there too; give those a response of their own, then remove the {{field}} here: a response to HEAD never has content (RFC 9110 §9.3.2).',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { allowEmptyContent: { type: 'boolean', description: "Accept 'content: {}'" } },
    },
    recommended: true,
  },
  defaultOptions: { allowEmptyContent: true },

  create(context) {
    // Asked once per HEAD use of a shared response: without the memo, one shared by thousands
    // of HEAD operations and nothing else was searched in full for each of them.
    const otherMethods = new Map<ResponseUse, string | null>();
    /** The operations other than HEAD that use a shared response (`GET /items`), or undefined. */
    const notOnlyHead = (use: ResponseUse): string | undefined => {
      let answer = otherMethods.get(use);
      if (answer === undefined) {
        const users = use.operations.filter((user) => user.method !== 'head').map((user) => `${user.method.toUpperCase()} ${user.path}`);
        otherMethods.set(use, (answer = users.length === 0 ? null : listText(users)));
      }
      return answer ?? undefined;
    };
    return {
      Response(response, operation) {
        if (operation.method !== 'head') return;
        // A response shared with GET is right for GET; the mistake is HEAD's use of it.
        reportBody(context, response, {}, notOnlyHead);
      },
    };
  },
});
