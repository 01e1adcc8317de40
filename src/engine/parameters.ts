import type { Operation } from '../loader/normalize.js';
import type { Located } from '../loader/resolve.js';
import type { RuleContext } from './types.js';

/**
 * Whether any parameter the operation takes, its own or its path item's, followed through
 * `$ref`, passes `test`. Parameters that are not objects are skipped.
 */
export function someParameter(
  context: Pick<RuleContext<object>, 'child' | 'deref'>,
  operation: Operation,
  test: (parameter: Located<Record<string, unknown>>) => boolean,
): boolean {
  for (const parameters of [context.child(operation.node, 'parameters'), operation.pathParameters]) {
    if (!parameters || !Array.isArray(parameters.value)) continue;
    for (let index = 0; index < parameters.value.length; index++) {
      const entry = context.child(parameters, index);
      const parameter = entry && context.deref(entry);
      const value = parameter?.value;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && test(parameter as Located<Record<string, unknown>>)) return true;
    }
  }
  return false;
}
