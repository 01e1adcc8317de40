import type { Operation, Spec } from '../loader/normalize.js';

/**
 * OAS 3.1 made an operation's `responses` optional (3.0 and Swagger 2.0 require it): an
 * operation without it has not described its responses yet, as in a design-first draft or
 * an example about parameters. Rules that ask which statuses are documented leave it alone,
 * as Spectral's and Redocly's do; `responses: {}` is described, and empty.
 */
export function responsesUndescribed(spec: Spec, operation: Operation): boolean {
  return (spec.version === '3.1' || spec.version === '3.2') && !Object.hasOwn(operation.node.value, 'responses');
}
