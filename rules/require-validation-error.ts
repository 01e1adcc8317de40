import { defineRule, isCorsPreflight, responsesUndescribed, type Operation, type RuleContext } from '../src/engine/define-rule.js';

interface Options {
  /** The exact status codes an operation with a request body must document. */
  codes: string[];
}

/** "400", "400 or 422", "400, 409 or 422": what is missing, read as "documents no … response". */
function list(codes: readonly string[]): string {
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} or ${codes[codes.length - 1]}`;
}

/**
 * The reason "cannot tell a malformed request (400) from an invalid one (422)" holds only when
 * the rule asks for both; with other codes (e.g. `['400']` for an API that answers every bad
 * body with 400) it would argue for a code the team chose not to use. It also needs one of the
 * two to be missing: with both documented, a client can tell them apart, whatever else
 * (a 409 the option asks for) is missing.
 */
function argues400Against422(codes: readonly string[], missing: readonly string[]): boolean {
  return codes.includes('400') && codes.includes('422') && (missing.includes('400') || missing.includes('422'));
}

/**
 * Whether the operation writes `code` under `responses`. Read from the keys: a response behind
 * a `$ref` that is not followed (a remote URL) is documented, though the model leaves it out.
 */
function namesStatus(operation: Operation, code: string): boolean {
  return operation.responsesNode !== undefined && Object.hasOwn(operation.responsesNode.value, code);
}

/**
 * An OAS 3 `requestBody` whose `content` is an empty map accepts no media type, so no body
 * can be sent: a converter's leftover (often `required: false`) for an operation without one.
 */
function listsNoMediaType(context: RuleContext<Options>, operation: Operation): boolean {
  if (context.spec.version === '2.0' || !operation.requestBody) return false;
  const body = context.deref(operation.requestBody);
  const content = body && context.child(body, 'content');
  const media = content && context.deref(content);
  return media !== undefined && media.value !== null && typeof media.value === 'object' && !Array.isArray(media.value) && Object.keys(media.value).length === 0;
}

export default defineRule<Options>({
  id: 'require-validation-error',
  meta: {
    description: 'Require 400 and 422 responses on operations that accept a request body',
    severity: 'warning',
    references: ['RFC 9110 §15.5.1', 'RFC 9110 §15.5.21'],
    messages: {
      missing: '{{method}} {{path}} accepts a request body but documents no {{missing}} response; clients cannot tell a malformed request (400) from an invalid one (422).',
      missingCodes: '{{method}} {{path}} accepts a request body but documents no {{missing}} response; document the status a client gets for a body the operation cannot accept.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        codes: { type: 'array', items: { type: 'string', pattern: '^4\\d\\d$' }, description: 'exact 4xx codes to require' },
      },
    },
    recommended: true,
  },
  defaultOptions: { codes: ['400', '422'] },

  create(context) {
    // A code listed twice is asked for once: "documents no 400 or 400 response" says nothing.
    const codes = [...new Set(context.options.codes)];
    return {
      Operation(operation) {
        if (!operation.acceptsBody || listsNoMediaType(context, operation) || responsesUndescribed(context.spec, operation) || isCorsPreflight(operation)) return;
        // A 4XX range or `default` promises nothing about which code a bad body gets.
        const missing = codes.filter((code) => !namesStatus(operation, code));
        if (missing.length === 0) return;
        context.report({
          messageId: argues400Against422(codes, missing) ? 'missing' : 'missingCodes',
          at: operation.node,
          data: { method: operation.method.toUpperCase(), path: operation.path, missing: list(missing) },
        });
      },
    };
  },
});
