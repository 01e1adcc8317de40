import { defineRule, isExactStatus, isStatusRange, type FixIntent, type Located } from '../src/engine/define-rule.js';
import { classFallback, registeredStatus } from '../src/engine/status-registry.js';

interface Options {
  /** Private codes to accept although the registry does not list them, e.g. `['299']`. */
  allow: string[];
}

const RANGE_ANY_CASE = /^[1-5]XX$/i;
const DIGITS = /^\d+$/;

/** Where RFC 9110 marks a code "(Unused)". */
const UNUSED_SECTION: Record<string, string> = { '306': '15.4.7', '418': '15.5.19' };

export default defineRule<Options>({
  id: 'no-unknown-status',
  meta: {
    description: 'Disallow response keys that are not registered status codes, OpenAPI 3 ranges or default',
    severity: 'warning',
    references: ['RFC 9110 §15', 'RFC 9110 §16.2.1', 'RFC 9110 §15.4.7', 'RFC 9110 §15.5.19'],
    messages: {
      unregistered:
        "Status '{{status}}' is not in the IANA HTTP Status Code Registry; clients will treat it as {{fallback}} (RFC 9110 §15). Use a registered code, or list it in the 'allow' option if it is a deliberate private code.",
      unused:
        "Status '{{status}}' is reserved and unused in the IANA registry (RFC 9110 §{{section}}): it is not a code to send. Use a registered code that says what happened.",
      outOfRange: "'{{status}}' is not a valid status code: status codes are three digits from 100 to 599 (RFC 9110 §15).",
      lowercaseRange: "Range key '{{status}}' must be written with an uppercase X; write '{{fix}}'.",
      rangeInSwagger2: "Swagger 2.0 has no range keys such as '{{status}}' (they came with OpenAPI 3); list the codes, or use 'default'.",
      malformed: "Response key '{{status}}' is not a status code, a range ('1XX' to '5XX') or 'default'.",
      // Swagger 2.0 has no range keys: offering one would send the author to another rule's finding.
      malformedSwagger2: "Response key '{{status}}' is not a status code or 'default' (Swagger 2.0 has no range keys).",
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: { type: 'array', items: { type: 'string', pattern: '^[1-5][0-9][0-9]$' }, description: 'Private codes to accept' },
      },
    },
    recommended: true,
    fixable: "Renames a lowercase range key such as '4xx' to '4XX', keeping its quoting, unless the uppercase key already exists.",
  },
  defaultOptions: { allow: [] },

  create(context) {
    const allowed = new Set(context.options.allow);
    const swagger2 = context.spec.version === '2.0';
    // One function for the whole spec (AWS specs have thousands of unusual keys), not one per key.
    const report = (at: Located, messageId: string, data: Record<string, string>, fix?: FixIntent): void => context.report({ messageId, at, data, fix });
    return {
      // Walk the keys as written: the model leaves out entries it cannot build a response from.
      Operation(operation) {
        const responses = operation.responsesNode;
        if (!responses) return;
        // for-in: no array of keys, nor an iterator result per key (parsed objects inherit nothing enumerable).
        for (const status in responses.value) {
          // Both versions allow `^x-` extension keys in a Responses Object.
          if (status === 'default' || status.startsWith('x-')) continue;
          // Most keys are codes in use: settle them before building a node or trying a pattern.
          const registered = registeredStatus(status);
          if (registered && registered.state !== 'unused') continue;
          const at = context.child(responses, status)!;
          if (RANGE_ANY_CASE.test(status)) {
            if (swagger2) report(at, 'rangeInSwagger2', { status });
            else if (!isStatusRange(status)) {
              const upper = status.toUpperCase();
              // Renaming onto a key that already exists would make a duplicate key.
              const fix: FixIntent | undefined = Object.hasOwn(responses.value, upper) ? undefined : { kind: 'rename-key', entry: at, to: upper };
              report(at, 'lowercaseRange', { status, fix: upper }, fix);
            }
            continue;
          }
          if (DIGITS.test(status)) {
            if (!isExactStatus(status)) report(at, 'outOfRange', { status });
            else if (allowed.has(status)) continue;
            else if (!registered) report(at, 'unregistered', { status, fallback: classFallback(status)! });
            else if (registered.state === 'unused') report(at, 'unused', { status, section: UNUSED_SECTION[status] ?? '15' });
            continue;
          }
          report(at, swagger2 ? 'malformedSwagger2' : 'malformed', { status });
        }
      },
    };
  },
});
