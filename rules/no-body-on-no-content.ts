import { reportBody, type NoBodyOptions } from '../src/engine/body.js';
import { defineRule } from '../src/engine/define-rule.js';

/**
 * Statuses without content, with the RFC 9110 section and what it says: 204 and 304 end with
 * their header section, so cannot contain content; a server MUST NOT generate any in a 205.
 */
const WHY_NO_CONTENT: Record<string, { section: string; rule: string }> = {
  '204': { section: '15.3.5', rule: 'cannot have content' },
  '205': { section: '15.3.6', rule: 'must not have content' },
  '304': { section: '15.4.5', rule: 'cannot have content' },
};
const NO_CONTENT = new Set(Object.keys(WHY_NO_CONTENT));

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
        "This {{status}} response uses '{{ref}}', which declares a body ({{types}}) and is also used for {{others}}; a {{status}} {{rule}} (RFC 9110 §{{section}}): give it a response without a body.",
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
    return {
      Response(response) {
        if (!NO_CONTENT.has(response.status)) return;
        // A shared response that also serves, say, a 200 is right there; the mistake is using it for a 204.
        reportBody(context, response, { ...WHY_NO_CONTENT[response.status]! }, (use) => {
          const others = [...use.statuses].filter((status) => !NO_CONTENT.has(status)).sort();
          return others.length === 0 ? undefined : others.join(', ');
        });
      },
    };
  },
});
