import type { Rule } from '../src/engine/types.js';
import noAuthErrorsOnPublic from './no-auth-errors-on-public.js';
import noStatusDescriptionMismatch from './no-status-description-mismatch.js';
import requireAuthErrors from './require-auth-errors.js';
import requireWwwAuthenticate from './require-www-authenticate.js';

/** Every rule, by id. A sorted literal map: no directory scanning. */
export const rules: Readonly<Record<string, Rule<any>>> = {
  'no-auth-errors-on-public': noAuthErrorsOnPublic,
  'no-status-description-mismatch': noStatusDescriptionMismatch,
  'require-auth-errors': requireAuthErrors,
  'require-www-authenticate': requireWwwAuthenticate,
};
