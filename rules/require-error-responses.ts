import { defineRule, isCorsPreflight, writesUnreadRequestBody, responsesUndescribed, type Operation, type Response, type RuleContext } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'require-error-responses',
  meta: {
    description: 'Require every operation to document a client-error response (4xx, 4XX or default)',
    severity: 'warning',
    references: ['RFC 9110 §15.5'],
    messages: {
      missing:
        "{{method}} {{path}} documents no client-error response; add the 4xx codes it returns (e.g. '400', '404'){{range}}, or a 'default' error response.",
    },
    recommended: true,
  },
  defaultOptions: {},

  create(context) {
    // Whether the description states security operation by operation: read once, and only for
    // an operation that has no client error and takes no input.
    let securityPerOperation: boolean | undefined;
    const perOperation = () => (securityPerOperation ??= statesSecurityPerOperation(context.spec.operations));
    return {
      Operation(operation) {
        if (responsesUndescribed(context.spec, operation) || isCorsPreflight(operation)) return;
        // Most operations answer from their model responses (every one has its status key);
        // only the rest need the keys as written, which include entries the model leaves out.
        if (operation.responses.some(isClientErrorResponse)) return;
        const keys = operation.responsesNode ? Object.keys(operation.responsesNode.value) : [];
        if (keys.some(documentsClientError)) return;
        if (takesNoInput(context, operation, perOperation)) return;
        // Swagger 2.0 has no range keys (no-unknown-status reports one): suggest none there.
        const range = context.spec.version === '2.0' ? '' : ", a '4XX' range";
        context.report({ messageId: 'missing', at: operation.node, data: { method: operation.method.toUpperCase(), path: operation.path, range } });
      },
    };
  },
});

const CLIENT_ERROR = /^4(\d\d|xx)$/i;

function isClientErrorResponse(response: Response): boolean {
  return documentsClientError(response.status);
}

/** A lower-case '4xx' still documents client errors; no-unknown-status reports its spelling. */
function documentsClientError(key: string): boolean {
  return key === 'default' || CLIENT_ERROR.test(key);
}

/**
 * An operation that is declared public (`security: []`) and takes no parameter, no body and
 * no path variable: nothing the client sends can be wrong (a health or version check), so it
 * has no client error of its own to document. One that declares no security counts as public
 * when the description states security operation by operation (with no root `security` to
 * inherit, an operation that states none requires none); in a description that states it
 * nowhere, or on a few operations only, authentication may be described in prose, and a 401 is
 * still possible.
 */
function takesNoInput(context: RuleContext<object>, operation: Operation, securityPerOperation: () => boolean): boolean {
  if (operation.acceptsBody || writesUnreadRequestBody(context.spec, operation) || operation.path.includes('{')) return false;
  if (!declaredPublic(operation) && !(operation.security.kind === 'undeclared' && securityPerOperation())) return false;
  for (const parameters of [context.child(operation.node, 'parameters'), operation.pathParameters]) {
    if (parameters && Array.isArray(parameters.value) && parameters.value.length > 0) return false;
  }
  return true;
}

/**
 * Whether the description states its security operation by operation: with no root `security`
 * (else no operation is undeclared), at least half of its operations declare their own. Where a
 * few operations carry a requirement and most none (ClickSend's Basic on 19 of 205), the author
 * annotated some and left the rest to prose, and an operation without one may still take
 * credentials; where most declare theirs (Jellyfin, PeerTube, Dialogporten), one that declares
 * none is public.
 */
function statesSecurityPerOperation(operations: readonly Operation[]): boolean {
  let declared = 0;
  for (const each of operations) if (each.security.kind !== 'undeclared') declared++;
  return declared * 2 >= operations.length;
}

/**
 * `security: []`, or only empty requirements (`[{}]`): "an empty security requirement ({}) can
 * be included in the array" to make security optional (OAS 3.0.3, Operation Object), and with no other
 * alternative nothing is required. `[{}, {key: []}]` still takes credentials that can be wrong.
 */
function declaredPublic(operation: Operation): boolean {
  const { kind, requirements } = operation.security;
  return kind === 'public' || (kind === 'optional' && requirements.every((requirement) => Object.keys(requirement).length === 0));
}
