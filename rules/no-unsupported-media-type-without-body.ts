import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'no-unsupported-media-type-without-body',
  meta: {
    description: 'Disallow a 415 response on an operation that takes no request body',
    severity: 'warning',
    references: ['RFC 9110 §15.5.16', 'RFC 9110 §15.5.7'],
    messages: {
      noBody: "415 Unsupported Media Type refuses the request's content, but this operation takes none; remove it, declare the request body, or use 406 if the client's Accept header is the problem.",
    },
    recommended: true,
  },
  defaultOptions: {},

  create(context) {
    return {
      Response(response, operation) {
        // RFC 9110 §15.5.16: a 415 refuses content "in a format not supported"; without
        // content there is nothing to refuse. The operation's use of the status is at fault,
        // not a shared definition, so the finding points where the operation names it.
        if (response.status !== '415' || operation.acceptsBody) return;
        context.report({ messageId: 'noBody', at: response.entry });
      },
    };
  },
});
