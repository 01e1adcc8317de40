import { defineRule, responsesUndescribed } from '../src/engine/define-rule.js';

interface Options {
  /** Accept an operation whose only documented outcome is `default`. */
  allowDefaultOnly: boolean;
}

const SUCCESS_OR_REDIRECT = /^[23](\d\d|xx)$/i;

/**
 * 101 Switching Protocols is how an upgrade (e.g. to WebSocket) succeeds (RFC 9110 §15.2.2).
 * A lower-case '2xx' still documents success; no-unknown-status reports its spelling.
 */
function documentsSuccess(key: string): boolean {
  return key === '101' || SUCCESS_OR_REDIRECT.test(key);
}

export default defineRule<Options>({
  id: 'require-success-response',
  meta: {
    description: 'Require every operation to document a 2xx or 3xx response',
    severity: 'error',
    references: ['RFC 9110 §15.3', 'RFC 9110 §15.4', 'RFC 9110 §15.2.2'],
    messages: {
      missing:
        "{{method}} {{path}} documents no success response ({{found}}); add the 2xx or 3xx response it returns when it works (e.g. '200'){{range}}.",
      onlyDefault:
        "{{method}} {{path}} documents no 2xx or 3xx response ({{found}}); 'default' names no status, so clients cannot tell which code means success: add it (e.g. '200'){{range}}.",
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { allowDefaultOnly: { type: 'boolean', description: "Accept 'default' as the only response" } },
    },
    recommended: true,
  },
  defaultOptions: { allowDefaultOnly: false },

  create(context) {
    return {
      Operation(operation) {
        if (responsesUndescribed(context.spec, operation)) return;
        const keys = operation.responsesNode ? Object.keys(operation.responsesNode.value) : [];
        if (keys.some(documentsSuccess)) return;
        const written = keys.filter((key) => !key.startsWith('x-'));
        if (context.options.allowDefaultOnly && written.length === 1 && written[0] === 'default') return;
        const found = written.length === 0 ? 'no responses at all' : `only ${written.map((key) => `'${key}'`).join(', ')}`;
        context.report({
          messageId: written.includes('default') ? 'onlyDefault' : 'missing',
          at: operation.node,
          // Swagger 2.0 has no range keys (no-unknown-status reports one): suggest none there.
          data: { method: operation.method.toUpperCase(), path: operation.path, found, range: context.spec.version === '2.0' ? '' : ", or a '2XX' range" },
        });
      },
    };
  },
});
