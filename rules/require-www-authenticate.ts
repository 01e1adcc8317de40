import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'require-www-authenticate',
  meta: {
    description: 'Require a WWW-Authenticate header on every 401 response',
    severity: 'error',
    references: ['RFC 9110 §15.5.2', 'RFC 9110 §11.6.1'],
    messages: {
      missing: "401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').",
    },
    recommended: true,
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response) {
        // RFC 9110 §15.5.2: a server generating a 401 MUST send WWW-Authenticate.
        if (response.status !== '401' || response.header('WWW-Authenticate')) return;
        context.report({ messageId: 'missing', at: response.node });
      },
    };
  },
});
