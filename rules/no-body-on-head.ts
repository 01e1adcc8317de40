import { declaredBody, definitionKey, isReferenced, refText, responseUses, type ResponseUse } from '../src/engine/body.js';
import { defineRule } from '../src/engine/define-rule.js';

interface Options {
  /** Accept `content: {}`, which lists no media type and so describes no body. */
  allowEmptyContent: boolean;
}

export default defineRule<Options>({
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
    let uses: Map<string, ResponseUse> | undefined;
    return {
      Response(response, operation) {
        if (operation.method !== 'head') return;
        const body = declaredBody(context.spec, response);
        if (!body) return;
        const data = {
          status: response.status,
          types: body.types.map((type) => `'${type}'`).join(', '),
          field: context.spec.version === '2.0' ? 'schema' : 'content',
        };
        if (body.types.length === 0) {
          if (!context.options.allowEmptyContent) context.report({ messageId: 'emptyContent', at: body.at, data });
          return;
        }
        // A response shared with GET is right for GET; the mistake is HEAD's use of it.
        if (isReferenced(response)) {
          uses ??= responseUses(context.spec);
          const users = uses.get(definitionKey(response.node))?.operations ?? [];
          if (users.some((user) => user.method !== 'head')) {
            context.report({ messageId: 'sharedHasContent', at: response.entry, data: { ...data, ref: refText(response.entry) } });
            return;
          }
        }
        context.report({ messageId: 'hasContent', at: body.at, data });
      },
    };
  },
});
