import type { Rule } from '../src/engine/types.js';
import requireRetryAfter from './require-retry-after.js';
import requireValidationError from './require-validation-error.js';
import requireWwwAuthenticate from './require-www-authenticate.js';

/** Every rule, by id. A sorted literal map: no directory scanning. */
export const rules: Readonly<Record<string, Rule<any>>> = {
  'require-retry-after': requireRetryAfter,
  'require-validation-error': requireValidationError,
  'require-www-authenticate': requireWwwAuthenticate,
};
