import type { Rule } from '../src/engine/types.js';
import noBodyOnHead from './no-body-on-head.js';
import noBodyOnNoContent from './no-body-on-no-content.js';
import noUnknownStatus from './no-unknown-status.js';
import requireErrorResponses from './require-error-responses.js';
import requireRetryAfter from './require-retry-after.js';
import requireSuccessResponse from './require-success-response.js';
import requireValidationError from './require-validation-error.js';
import requireWwwAuthenticate from './require-www-authenticate.js';

/** Every rule, by id. A sorted literal map: no directory scanning. */
export const rules: Readonly<Record<string, Rule<any>>> = {
  'no-body-on-head': noBodyOnHead,
  'no-body-on-no-content': noBodyOnNoContent,
  'no-unknown-status': noUnknownStatus,
  'require-error-responses': requireErrorResponses,
  'require-retry-after': requireRetryAfter,
  'require-success-response': requireSuccessResponse,
  'require-validation-error': requireValidationError,
  'require-www-authenticate': requireWwwAuthenticate,
};
