import { defineRule, missingHeader, reportSharedUse, sharedWithOtherStatuses, type HeaderRequirement } from '../src/engine/define-rule.js';

const UPGRADE: HeaderRequirement = { header: 'Upgrade', statuses: ['426'] };

export default defineRule({
  id: 'require-upgrade',
  meta: {
    description: 'Require an Upgrade header on every 426 response',
    severity: 'warning',
    references: ['RFC 9110 §15.5.22', 'RFC 9110 §7.8'],
    messages: {
      missing: "426 response declares no 'Upgrade' header; add one naming the protocol the client must switch to (e.g. 'TLS/1.2, HTTP/1.1').",
      namedElsewhere:
        "This {{status}} response is named through $ref elsewhere for {{others}}, so an 'Upgrade' header added here would be declared there too; give those a response of their own, then add the header here.",
      sharedMissing:
        "This 426 uses '{{ref}}', which declares no 'Upgrade' header and is also used for {{others}}; give the 426 a response of its own with an 'Upgrade' header naming the protocol the client must switch to.",
    },
    recommended: true,
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response) {
        // RFC 9110 §15.5.22: the server MUST send Upgrade in a 426.
        const missing = missingHeader(response, UPGRADE);
        if (!missing) return;
        // The mistake is this use of a definition that other statuses share, not the definition.
        const shared = sharedWithOtherStatuses(context.spec, response, UPGRADE);
        if (shared) reportSharedUse(context, response, shared, 'sharedMissing');
        else context.report({ messageId: 'missing', at: missing.response });
      },
    };
  },
});
