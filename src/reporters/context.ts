import type { Finding } from '../engine/types.js';
import type { Report, ReporterOptions, RunNotification } from './types.js';

/**
 * The run's input errors: each input that could not be linted (unreadable, unparseable, a
 * `$ref` that does not resolve, not OpenAPI) or, with --validate, is not valid. They are
 * why the run exits 2; warnings (a remote `$ref` not followed) are not among them.
 */
export function inputErrors(report: Report): RunNotification[] {
  return (report.notifications ?? []).filter((item) => item.level === 'error' && !item.internal);
}

/** A reported file as the repository names it (see `ReporterOptions.repoPaths`). */
export function repoPath(file: string, options: ReporterOptions): string {
  return options.repoPaths?.get(file) ?? file.split('\\').join('/');
}

/**
 * The message as it must read alone, in a list of alerts or annotations: led by the
 * operation it is about (`GET /pets: 401 response …`), so that its first sentence says the
 * whole problem. A finding in a shared definition belongs to no one operation and keeps its
 * message as it is.
 */
export function headline(finding: Finding): string {
  if (!finding.operation) return finding.message;
  const operation = `${finding.operation.method.toUpperCase()} ${finding.operation.path}`;
  return finding.message.includes(operation) ? finding.message : `${operation}: ${finding.message}`;
}

// RFC 3986 `pchar` is unreserved / pct-encoded / sub-delims / ':' / '@'. encodeURIComponent
// leaves unreserved and `!'()*` alone; give back the other sub-delims and '@', which it
// escapes without need. ':' stays escaped: in the first segment of a relative reference it
// would read as a scheme (RFC 3986 §4.2), as in a Windows drive letter.
const KEEP = /%(2[46BC]|3[BD]|40)/gi;

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(KEEP, (escape) => decodeURIComponent(escape)))
    .join('/');
}
