import { reportBody, type NoBodyOptions } from '../src/engine/body.js';
import { defineRule } from '../src/engine/define-rule.js';

/** Statuses without content: 204 and 304 end with the header section (RFC 9110 §15.3.5, §15.4.5); a server MUST NOT generate content in a 205 (§15.3.6). */
const NO_CONTENT = new Set(['204', '205', '304']);

export default defineRule<NoBodyOptions>({
  id: 'no-body-on-no-content',
  meta: {
    description: 'Disallow a response body on 204, 205 and 304 responses',
    severity: 'error',
    references: ['RFC 9110 §15.3.5', 'RFC 9110 §15.3.6', 'RFC 9110 §15.4.5'],
    messages: {
      hasContent: 'A {{status}} response {{rule}} (RFC 9110 §{{section}}), but this one declares {{types}}; remove the {{field}} and keep only headers.',
      emptyContent: "A {{status}} response has no content; 'content: {}' says nothing, remove it.",
      sharedHasContent:
        "This {{status}} response uses '{{ref}}', which declares a body ({{types}}) and is also used for other statuses; a {{status}} {{rule}} (RFC 9110 §{{section}}): give it a response without a body.",
      namedElsewhere:
        'This {{status}} response is named through $ref elsewhere for {{others}}, so removing its {{field}} here would remove the body there too; give those a response of their own, then remove the {{field}} here: a {{status}} {{rule}} (RFC 9110 §{{section}}).',
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
    // 204 and 304 end with their header section, so cannot contain content; for 205 RFC 9110
    // §15.3.6 says only that a server MUST NOT generate any.
    const rule: Record<string, string> = { '204': 'cannot have content', '205': 'must not have content', '304': 'cannot have content' };
    return {
      Response(response) {
        if (!NO_CONTENT.has(response.status)) return;
        // A shared response that also serves, say, a 200 is right there; the mistake is using it for a 204.
        reportBody(context, response, { section: section[response.status]!, rule: rule[response.status]! }, (use) => {
          const others = [...use.statuses].filter((status) => !NO_CONTENT.has(status)).sort();
          return others.length === 0 ? undefined : others.join(', ');
        });
      },
    };
  },
});
