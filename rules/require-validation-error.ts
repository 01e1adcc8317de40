import { defineRule, responsesUndescribed } from '../src/engine/define-rule.js';

interface Options {
  /** The exact status codes an operation with a request body must document. */
  codes: string[];
}

function list(codes: readonly string[]): string {
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}

export default defineRule<Options>({
  id: 'require-validation-error',
  meta: {
    description: 'Require 400 and 422 responses on operations that accept a request body',
    severity: 'warning',
    references: ['RFC 9110 §15.5.1', 'RFC 9110 §15.5.21'],
    messages: {
      missing: '{{method}} {{path}} accepts a request body but documents no {{missing}} response; clients cannot tell a malformed request (400) from an invalid one (422).',
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
    return {
      Operation(operation) {
        if (!operation.acceptsBody || responsesUndescribed(context.spec, operation)) return;
        // A 4XX range or `default` promises nothing about which code a bad body gets.
        const missing = context.options.codes.filter((code) => !operation.response(code));
        if (missing.length === 0) return;
        context.report({
          messageId: 'missing',
          at: operation.node,
          data: { method: operation.method.toUpperCase(), path: operation.path, missing: list(missing) },
        });
      },
    };
  },
});
