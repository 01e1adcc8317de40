import type { Rule } from '../src/engine/types.js';
import noUnsupportedMediaTypeWithoutBody from './no-unsupported-media-type-without-body.js';
import requireAllow from './require-allow.js';
import requireContentRange from './require-content-range.js';
import requireLocation from './require-location.js';
import requireProblemDetails from './require-problem-details.js';
import requireUpgrade from './require-upgrade.js';
import requireWwwAuthenticate from './require-www-authenticate.js';

/** Every rule, by id. A sorted literal map: no directory scanning. */
export const rules: Readonly<Record<string, Rule<any>>> = {
  'no-unsupported-media-type-without-body': noUnsupportedMediaTypeWithoutBody,
  'require-allow': requireAllow,
  'require-content-range': requireContentRange,
  'require-location': requireLocation,
  'require-problem-details': requireProblemDetails,
  'require-upgrade': requireUpgrade,
  'require-www-authenticate': requireWwwAuthenticate,
};
