import type { Rule } from './types.js';

/** Declares a rule; the identity function exists for its type inference. */
export function defineRule<Options extends object>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

export type { Rule, RuleContext, RuleMeta, RuleVisitors, Severity } from './types.js';
export type { Operation, Response, Header, MediaType, Spec, Security } from '../loader/normalize.js';
export type { Located } from '../loader/resolve.js';
export { isExactStatus, isStatusRange, isSuccessStatus, statusClass } from './status.js';
export { addHeaderFix, type HeaderTemplate } from './fixes.js';
export type { FixIntent } from '../fix/intents.js';
export { missingHeader, reportSharedUse, sharedWithOtherStatuses, type HeaderRequirement, type MissingHeader, type SharedWithOthers } from './require-header.js';
export { responsesUndescribed } from './undescribed.js';
export { isCorsPreflight } from './cors-preflight.js';
export { writesUnreadRequestBody } from './request-body.js';
export { someParameter } from './parameters.js';
export { schemaRefSiblingsApply } from './ref-siblings.js';
export { isObject, securitySchemeOf } from '../loader/normalize.js';
