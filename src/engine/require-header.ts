import type { Response, Spec } from '../loader/normalize.js';
import type { Located } from '../loader/resolve.js';
import { isReferenced, refText, sharedUse } from './body.js';
import type { ReportDescriptor } from './types.js';

/** A header that responses with some exact status codes must declare. */
export interface HeaderRequirement {
  /** The header's registered spelling (`Location`); matched whatever its case (RFC 9110 §5.1). */
  readonly header: string;
  /** Exact status keys that need it. A range (`3XX`) or `default` is never one of them. */
  readonly statuses: readonly string[];
}

/** A response that lacks a header it must declare: what a report, or a fix, needs to know. */
export interface MissingHeader {
  readonly header: string;
  readonly status: string;
  /**
   * The response object after `$ref`s, where the header belongs: a shared response is
   * reported (and would be fixed) once, at its definition.
   */
  readonly response: Located<Record<string, unknown>>;
}

/**
 * Whether `response` has one of the requirement's statuses and declares no such header,
 * directly or through a `$ref`. Pure: the caller decides what an exemption is.
 */
export function missingHeader(response: Response, requirement: HeaderRequirement): MissingHeader | undefined {
  if (!requirement.statuses.includes(response.status) || response.header(requirement.header)) return undefined;
  return { header: requirement.header, status: response.status, response: response.node };
}

/** A shared response that also serves statuses the header does not belong on. */
export interface SharedWithOthers {
  /** Where this operation names the shared response (its `$ref` entry), or writes it inline. */
  readonly at: Located;
  /**
   * The `$ref` as written, for messages; undefined for the use written inline, which the
   * others name: that use is no `$ref` to a response of another, and its message says so.
   */
  readonly ref: string | undefined;
  /** The other status keys it is used for, e.g. `'200, 204'`. */
  readonly others: string;
}

/**
 * Whether `response` is a shared definition that the spec also uses for statuses outside the
 * requirement (a POST's 201 that is a GET's 200 too). The header cannot be added to such a
 * definition without declaring it on those as well: what is wrong is this use of it, to be
 * reported where the operation names it, with no fix. A response written inline in one
 * operation is such a definition too when others name it through `$ref` (bundlers write a
 * response met twice so: `$ref: '#/paths/~1items/post/responses/201'`). Undefined for a
 * response used once, or a shared one whose every use needs the header.
 */
export function sharedWithOtherStatuses(spec: Spec, response: Response, requirement: HeaderRequirement): SharedWithOthers | undefined {
  const statuses = sharedUse(spec, response)?.statuses;
  if (!statuses || statuses.size < 2) return undefined;
  const others = [...statuses].filter((status) => !requirement.statuses.includes(status)).sort();
  if (others.length === 0) return undefined;
  const entry = response.entry;
  return { at: entry, ref: isReferenced(response) ? refText(entry) : undefined, others: others.join(', ') };
}

/**
 * Reports this use of a shared response (see sharedWithOtherStatuses): with the rule's
 * `messageId` at a `$ref` to it, or with `namedElsewhere` at the use written inline that the
 * others name. Both are given `status`, `ref` and `others`.
 */
export function reportSharedUse(context: { report(descriptor: ReportDescriptor): void }, response: Response, shared: SharedWithOthers, messageId: string): void {
  context.report({ messageId: shared.ref === undefined ? 'namedElsewhere' : messageId, at: shared.at, data: { status: response.status, ref: shared.ref ?? '', others: shared.others } });
}
