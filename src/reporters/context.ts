import type { Finding } from '../engine/types.js';
import { printable } from '../errors.js';
import { FIXED_METHODS } from '../loader/normalize.js';
import { SUPPRESSION_KEY } from '../loader/value-scan.js';
import { unescapeSegment } from '../loader/pointer.js';
import { plural } from '../plural.js';
import type { Report, ReporterOptions, RunNotification } from './types.js';

/**
 * The run's input errors: each input that could not be linted (unreadable, unparseable, a
 * `$ref` that does not resolve, not OpenAPI) or, with --validate, is not valid. They are
 * why the run exits 2; warnings (a remote `$ref` not followed) are not among them.
 */
export function inputErrors(report: Report): RunNotification[] {
  return (report.notifications ?? []).filter((item) => item.level === 'error' && !item.internal);
}

/** Bugs met while linting: the specs they struck were not wholly linted, and the run exits 2. */
export function internalErrors(report: Report): RunNotification[] {
  return (report.notifications ?? []).filter((item) => item.level === 'error' && item.internal === true);
}

/** `2 errors, 1 warning, 0 info`: the findings of each severity, as the summaries count them. */
export function severityCounts(findings: readonly Finding[]): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
}

/**
 * The run in one line, for a report's last: `3 problems (1 error, 2 warnings, 0 info) in 2
 * files`, `no problems in 2 files`, with `; 1 input error` after it, or `1 input error; no
 * file linted` when nothing was. Input errors are counted so that the line never reads as a
 * clean run of one that exits 2. Problems in files that the specs reference are counted as in
 * those files too (`in 1 file and 2 files it references`): the report lists them under their
 * own names, and `in 1 file` alone would say they are all in one.
 */
export function summaryLine(report: Report): string {
  const total = report.findings.length;
  const linted = new Set(report.files);
  const referenced = new Set(report.findings.flatMap((finding) => (linted.has(finding.file) ? [] : [finding.file]))).size;
  const reach = referenced > 0 ? ` and ${plural(referenced, 'file')} ${report.files.length === 1 ? 'it references' : 'they reference'}` : '';
  const files = plural(report.files.length, 'file') + reach;
  const found = total === 0 ? `no problems in ${files}` : `${plural(total, 'problem')} (${severityCounts(report.findings)}) in ${files}`;
  const failed = inputErrors(report).length;
  const bugs = internalErrors(report).length;
  const errors = [...(failed > 0 ? [plural(failed, 'input error')] : []), ...(bugs > 0 ? [plural(bugs, 'internal error')] : [])].join(', ');
  if (errors === '') return found;
  return report.files.length === 0 ? `${errors}; no file linted` : `${found}; ${errors}`;
}

/** A reported file as the repository names it (see `ReporterOptions.repoPaths`). */
export function repoPath(file: string, options: ReporterOptions): string {
  return options.repoPaths?.get(file) ?? file.split('\\').join('/');
}

/**
 * The message as it must read alone, in a list of alerts or annotations: led by the
 * operation it is about (`GET /pets: 401 response …`), so that its first sentence says the
 * whole problem. A finding in a shared definition belongs to no one operation: it is led by
 * the definition its pointer names (`response 'Unauthorized': 401 response …`, see
 * `definitionOf`), or keeps its message as it is when the pointer names none (the root of a
 * file reached by `$ref`, whose name the report already gives) or the message names it.
 */
export function headline(finding: Finding): string {
  const lead = finding.operation
    ? operationLabel(finding.operation.method, finding.operation.path)
    : listOnAMap(finding)
      ? undefined
      : definitionOf(finding.pointer);
  if (lead === undefined) return finding.message;
  // The spec's own text: escaped as the message escapes it, so that it is found there, and
  // so that no escape sequence or bidi override reaches a CI log or a SARIF viewer.
  if (finding.operation ? finding.message.includes(lead) : finding.message.toLowerCase().includes(lead.toLowerCase())) return finding.message;
  return `${lead}: ${finding.message}`;
}

/**
 * Whether the finding is about a suppression list written on a map of definitions itself
 * (`components: {responses: {x-statuslint-ignore: [...]}}`): its pointer ends where a
 * definition's name would be, but the message says the list is not read on the map, and no
 * definition has that name.
 */
// The engine's check on suppressions (src/engine/suppress.ts), named here rather than imported
// so that the reporters do not load the engine.
const UNUSED_SUPPRESSION = 'unused-suppression';

function listOnAMap(finding: Finding): boolean {
  if (finding.ruleId !== UNUSED_SUPPRESSION || !finding.pointer.endsWith(`/${SUPPRESSION_KEY}`)) return false;
  const depth = finding.pointer.split('/').length;
  return finding.pointer.startsWith('/components/') ? depth === 4 : depth === 3;
}

function operationLabel(method: string, path: string): string {
  return printable(`${method.toUpperCase()} ${path}`);
}

// What each map of shared definitions holds, as a message names it (no-error-in-success
// writes `Schema 'PetResult', used as …`, and is then not led twice).
const COMPONENTS: ReadonlyMap<string, string> = new Map([
  ['schemas', 'schema'],
  ['responses', 'response'],
  ['parameters', 'parameter'],
  ['examples', 'example'],
  ['requestBodies', 'request body'],
  ['headers', 'header'],
  ['securitySchemes', 'security scheme'],
  ['links', 'link'],
  ['callbacks', 'callback'],
  ['pathItems', 'path item'],
  ['mediaTypes', 'media type'],
]);
const SWAGGER2: ReadonlyMap<string, string> = new Map([
  ['definitions', 'schema'],
  ['responses', 'response'],
  ['parameters', 'parameter'],
  ['securityDefinitions', 'security scheme'],
]);

/**
 * The definition a finding's pointer is in, read from the pointer alone (counting its uses
 * would cost a walk): `response 'Unauthorized'` for `/components/responses/Unauthorized/…`
 * or Swagger 2.0's `/responses/Unauthorized/…`, `schema 'Pet'` for `/components/schemas/Pet/…`
 * or `/definitions/Pet/…`, and `GET /pets` for a finding written in an operation that carries
 * none: a response written there and named by `$ref` from others that were reached first
 * (`/paths/~1pets/get/responses/401`), or an `x-statuslint-ignore` entry, which the engine
 * checks after the walk; `GET /pets callback 'onEvent'` and `webhook 'newPet'` for one written
 * in a callback or a webhook (which are not linted, but their responses may be named by an
 * operation's `$ref`). `undefined` for any other pointer, such as a top-level key of a file
 * reached by `$ref`, which may be a definition's name or a field of the object the file holds.
 */
function definitionOf(pointer: string): string | undefined {
  const segments = pointer.split('/', 7);
  if (segments.length < 3) return undefined;
  const [, top, second, third, fourth, fifth, sixth] = segments as [string, string, string, string | undefined, string | undefined, string | undefined, string | undefined];
  if (top === 'components') {
    const kind = third !== undefined ? COMPONENTS.get(second) : undefined;
    return kind && `${kind} '${printable(unescapeSegment(third!))}'`;
  }
  if (top === 'paths') {
    // A callback of the operation is not the operation: a response written there and named by
    // another operation's `$ref` is the callback's (the operation may not document that status).
    if (third !== undefined && FIXED_METHODS.has(third)) return inCallback(operationLabel(third, unescapeSegment(second)), fourth, fifth);
    // OpenAPI 3.2: `LINK`, `PURGE`, … keyed as the spec writes them.
    if (third === 'additionalOperations' && fourth !== undefined) return inCallback(operationLabel(unescapeSegment(fourth), unescapeSegment(second)), fifth, sixth);
    return undefined;
  }
  if (top === 'webhooks') return `webhook '${printable(unescapeSegment(second))}'`;
  const kind = SWAGGER2.get(top);
  return kind && `${kind} '${printable(unescapeSegment(second))}'`;
}

/** `operation`, or its callback when the pointer goes on into `callbacks/<name>`. */
function inCallback(operation: string, field: string | undefined, name: string | undefined): string {
  return field === 'callbacks' && name !== undefined ? `${operation} callback '${printable(unescapeSegment(name))}'` : operation;
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
