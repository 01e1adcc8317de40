import type { Operation, Spec } from '../loader/normalize.js';

/**
 * Whether an OAS 3 operation writes a `requestBody` that the model could not read: one behind a
 * `$ref` that is not followed (remote, or looping). The model's `acceptsBody` counts only a body
 * it can read, yet such an operation takes a body all the same, whatever the `$ref` names.
 * (A Swagger 2.0 parameter behind such a `$ref` may be `in: body` or a query parameter: unknown,
 * so not answered here.)
 */
export function writesUnreadRequestBody(spec: Spec, operation: Operation): boolean {
  if (spec.version === '2.0' || operation.acceptsBody) return false;
  const body = operation.node.value.requestBody;
  return body !== null && typeof body === 'object';
}
