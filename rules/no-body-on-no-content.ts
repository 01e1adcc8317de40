import { declaredBody, definitionKey, isReferenced, refText, responseUses, type ResponseUse } from '../src/engine/body.js';
import { defineRule } from '../src/engine/define-rule.js';

interface Options {
  /** Accept `content: {}`, which lists no media type and so describes no body. */
  allowEmptyContent: boolean;
}

/** Statuses whose responses end with the header section: RFC 9110 §15.3.5, §15.3.6, §15.4.5. */
const NO_CONTENT = new Set(['204', '205', '304']);

export default defineRule<Options>({
  id: 'no-body-on-no-content',
  meta: {
    description: 'Disallow a response body on 204, 205 and 304 responses',
    severity: 'error',
    references: ['RFC 9110 §15.3.5', 'RFC 9110 §15.3.6', 'RFC 9110 §15.4.5'],
    messages: {
      hasContent: 'A {{status}} response cannot have content (RFC 9110 §{{section}}), but this one declares {{types}}; remove the {{field}} and keep only headers.',
      emptyContent: "A {{status}} response has no content; 'content: {}' says nothing, remove it.",
      sharedHasContent:
        "This {{status}} response uses '{{ref}}', which declares a body ({{types}}) and is also used for other statuses; a {{status}} cannot have content (RFC 9110 §{{section}}): give it a response without a body.",
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
    const section: Record<string, string> = { '204': '15.3.5', '205': '15.3.6', '304': '15.4.5' };
    let uses: Map<string, ResponseUse> | undefined;
    return {
      Response(response) {
        if (!NO_CONTENT.has(response.status)) return;
        const body = declaredBody(context.spec, response);
        if (!body) return;
        const data = {
          status: response.status,
          section: section[response.status]!,
          types: body.types.map((type) => `'${type}'`).join(', '),
          field: context.spec.version === '2.0' ? 'schema' : 'content',
        };
        if (body.types.length === 0) {
          if (!context.options.allowEmptyContent) context.report({ messageId: 'emptyContent', at: body.at, data });
          return;
        }
        // A shared response that also serves, say, a 200 is right there; the mistake is using it for a 204.
        if (isReferenced(response)) {
          uses ??= responseUses(context.spec);
          const statuses = uses.get(definitionKey(response.node))?.statuses ?? new Set();
          if ([...statuses].some((status) => !NO_CONTENT.has(status))) {
            context.report({ messageId: 'sharedHasContent', at: response.entry, data: { ...data, ref: refText(response.entry) } });
            return;
          }
        }
        context.report({ messageId: 'hasContent', at: body.at, data });
      },
    };
  },
});
