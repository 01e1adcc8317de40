import type { Response } from '../loader/normalize.js';
import type { Located } from '../loader/resolve.js';

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
