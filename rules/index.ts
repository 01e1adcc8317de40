import type { Rule } from '../src/engine/types.js';
import noErrorInSuccess from './no-error-in-success.js';
import requireWwwAuthenticate from './require-www-authenticate.js';

/** Every rule, by id. A sorted literal map: no directory scanning. */
export const rules: Readonly<Record<string, Rule<any>>> = {
  'no-error-in-success': noErrorInSuccess,
  'require-www-authenticate': requireWwwAuthenticate,
};
