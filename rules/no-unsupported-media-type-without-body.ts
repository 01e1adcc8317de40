import { defineRule, writesUnreadRequestBody, type Operation, type RuleContext } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'no-unsupported-media-type-without-body',
  meta: {
    description: 'Disallow a 415 response on an operation that takes no request body',
    severity: 'warning',
    references: ['RFC 9110 §15.5.16', 'RFC 9110 §15.5.7'],
    messages: {
      noBody: "415 Unsupported Media Type refuses the request's content, but this operation declares no request body; remove it, declare the request body, or use 406 if the client's Accept header is the problem.",
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
        if (response.status !== '415' || operation.acceptsBody || mayDeclareUnreadBody(context, operation)) return;
        context.report({ messageId: 'noBody', at: response.entry });
      },
    };
  },
});

/**
 * Whether the operation declares something that may be its body but could not be read: an
 * OAS 3 `requestBody` whose `$ref` is not followed (remote, or looping), or a Swagger 2.0
 * parameter, on the operation or its path item, whose `$ref` is not followed and so may be
 * `in: body`. The model counts neither as a body, yet "this operation declares no request body"
 * would be untrue of the first and unknown of the second.
 */
function mayDeclareUnreadBody(context: RuleContext<object>, operation: Operation): boolean {
  if (context.spec.version !== '2.0') return writesUnreadRequestBody(context.spec, operation);
  for (const parameters of [context.child(operation.node, 'parameters'), operation.pathParameters]) {
    if (!parameters || !Array.isArray(parameters.value)) continue;
    for (let index = 0; index < parameters.value.length; index++) {
      if (!context.deref(context.child(parameters, index)!)) return true;
    }
  }
  return false;
}
