import { addHeaderFix, defineRule, missingHeader, reportSharedUse, sharedWithOtherStatuses, type HeaderRequirement } from '../src/engine/define-rule.js';

const ALLOW: HeaderRequirement = { header: 'Allow', statuses: ['405'] };

export default defineRule({
  id: 'require-allow',
  meta: {
    description: 'Require an Allow header on every 405 response',
    severity: 'warning',
    references: ['RFC 9110 §15.5.6', 'RFC 9110 §10.2.1'],
    messages: {
      missing: "405 response declares no 'Allow' header; add one listing the methods the resource supports (e.g. 'GET, HEAD'), or use another status if the method is not what was refused.",
      namedElsewhere:
        "This {{status}} response is named through $ref elsewhere for {{others}}, so an 'Allow' header added here would be declared there too; give those a response of their own, then add the header here.",
      sharedMissing:
        "This 405 uses '{{ref}}', which declares no 'Allow' header and is also used for {{others}}; give the 405 a response of its own with an 'Allow' header listing the methods the resource supports, or use another status if the method is not what was refused.",
    },
    recommended: true,
    fixable: "Adds an 'Allow' string header whose example lists the methods the operation's path defines (no example on a shared 405 whose paths allow different methods).",
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response, operation) {
        // RFC 9110 §15.5.6: the origin server MUST generate Allow in a 405.
        const missing = missingHeader(response, ALLOW);
        if (!missing) return;
        // An Allow added to a definition that is also, say, a 400 would be declared there too.
        const shared = sharedWithOtherStatuses(context.spec, response, ALLOW);
        if (shared) {
          reportSharedUse(context, response, shared, 'sharedMissing');
          return;
        }
        // Once each: an OAS 3.2 additionalOperations key may name a method a fixed field has too.
        const methods = new Set(context.spec.operations.filter((other) => other.path === operation.path).map((other) => other.method.toUpperCase()));
        const fix = addHeaderFix(context.spec, response, 'Allow', {
          description: 'The methods the target resource supports (RFC 9110 §10.2.1).',
          schema: { type: 'string' },
          example: [...methods].join(', '),
        });
        context.report({ messageId: 'missing', at: missing.response, fix });
      },
    };
  },
});
