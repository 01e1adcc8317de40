import type { Rule } from '../src/engine/types.js';
import noAuthErrorsOnPublic from './no-auth-errors-on-public.js';
import noBodyOnHead from './no-body-on-head.js';
import noBodyOnNoContent from './no-body-on-no-content.js';
import noErrorInSuccess from './no-error-in-success.js';
import noStatusDescriptionMismatch from './no-status-description-mismatch.js';
import noUnknownStatus from './no-unknown-status.js';
import noUnsupportedMediaTypeWithoutBody from './no-unsupported-media-type-without-body.js';
import requireAllow from './require-allow.js';
import requireAuthErrors from './require-auth-errors.js';
import requireContentRange from './require-content-range.js';
import requireErrorResponses from './require-error-responses.js';
import requireLocation from './require-location.js';
import requireProblemDetails from './require-problem-details.js';
import requireRetryAfter from './require-retry-after.js';
import requireSuccessResponse from './require-success-response.js';
import requireUpgrade from './require-upgrade.js';
import requireValidationError from './require-validation-error.js';
import requireWwwAuthenticate from './require-www-authenticate.js';

/** Every rule, by id. A sorted literal map: no directory scanning. */
export const rules: Readonly<Record<string, Rule<any>>> = {
  'no-auth-errors-on-public': noAuthErrorsOnPublic,
  'no-body-on-head': noBodyOnHead,
  'no-body-on-no-content': noBodyOnNoContent,
  'no-error-in-success': noErrorInSuccess,
  'no-status-description-mismatch': noStatusDescriptionMismatch,
  'no-unknown-status': noUnknownStatus,
  'no-unsupported-media-type-without-body': noUnsupportedMediaTypeWithoutBody,
  'require-allow': requireAllow,
  'require-auth-errors': requireAuthErrors,
  'require-content-range': requireContentRange,
  'require-error-responses': requireErrorResponses,
  'require-location': requireLocation,
  'require-problem-details': requireProblemDetails,
  'require-retry-after': requireRetryAfter,
  'require-success-response': requireSuccessResponse,
  'require-upgrade': requireUpgrade,
  'require-validation-error': requireValidationError,
  'require-www-authenticate': requireWwwAuthenticate,
};
