import { reportBody, type NoBodyOptions, type ResponseUse } from '../src/engine/body.js';
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
        "This HEAD {{status}} response uses '{{ref}}', which declares a body ({{types}}) for other operations too; a response to HEAD never has content (RFC 9110 §9.3.2): give HEAD a response without a body.",
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
    const servesOtherMethods = new Map<ResponseUse, boolean>();
    const notOnlyHead = (use: ResponseUse): boolean => {
      let answer = servesOtherMethods.get(use);
      if (answer === undefined) servesOtherMethods.set(use, (answer = use.operations.some((user) => user.method !== 'head')));
      return answer;
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
