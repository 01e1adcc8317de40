import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { resolve } from 'node:path';
import { displayPath, LoadError } from './errors.js';
import { pathKind } from './path-kind.js';
import { SPEC_EXTENSION } from './spec-files.js';
import { FindingSet, keepMostSevere, locateFindings, RuleError, runRules } from './engine/run.js';
import { silencedKey, silencedPlaces, unusedSuppression, withoutSilencedEntries, writtenAt } from './engine/suppress.js';
import type { EnabledRule, Finding, RawFinding, Rule, Severity } from './engine/types.js';
import { decodeWide, wideEncodingOf } from './loader/guards.js';
import { detectVersion, isObject, normalize } from './loader/normalize.js';
import { parseSource, type SourceFile } from './loader/parse.js';
import { projectRoots, realPath } from './loader/project-root.js';
import { Workspace, type Located, type RefNotice } from './loader/resolve.js';
import { agreeOn, fixContent, type FixIntent } from './fix/intents.js';
import { rules as allRules } from '../rules/index.js';

/** A problem that did not stop the lint but left part of a spec unread. */
export interface Notice {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** A bug in statuslint met while linting a spec: the result cannot be trusted. */
export interface InternalError {
  /** The spec being linted, as the user names it. */
  file: string;
  /** The rule that threw, when it was a rule. */
  ruleId?: string;
  /** Where the rule was looking, as `file:line:col`, when known. */
  at?: string;
  message: string;
  /** The error itself, for `--debug`. */
  error: unknown;
}

export interface LintResult {
  findings: Finding[];
  /** Specs that were loaded and linted. */
  files: string[];
  /** Inputs that could not be linted, each with its reason. */
  failures: LoadError[];
  notices: Notice[];
  /** Files found in a folder or by a glob and not linted as specs, as the user names them. */
  skipped: {
    /** Files with no `openapi` or `swagger` version key that no linted spec references. */
    notOpenApi: string[];
    /** Files a linted spec references: linted through that spec, not on their own. */
    fragments: string[];
  };
  /** Every file read to lint the specs: the specs and the files they reference. */
  sources: string[];
  /** The rules that ran on at least one spec (and the engine's own check, if it reported). */
  rules: Rule<any>[];
  /** The mechanical repairs that rules offered for their findings. */
  fixes: FixIntent[];
  /** Bugs met on the way; the other specs and rules were still run. */
  internalErrors: InternalError[];
  /** Absolute paths of every file read: the specs and what their `$ref`s name. */
  readPaths: string[];
}

export interface LintOptions {
  /** The rules to run, or a function giving them per spec (absolute path); the recommended set when absent. */
  rules?: readonly EnabledRule[] | ((path: string) => readonly EnabledRule[]);
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
  /** Folder that reported paths are relative to; the process's by default. */
  cwd?: string;
  /**
   * Inputs found by expanding a folder or glob (absolute paths): those that are not OpenAPI
   * documents, or that are fragments a linted spec references, are skipped instead of refused.
   */
  discovered?: ReadonlySet<string>;
  /** Severity of `unused-suppression` findings, or `off`; `info` by default. */
  unusedSuppressions?: Severity | 'off';
  /** Called after each input is done with, for a progress display. */
  onProgress?: (done: number, total: number) => void;
  /** File texts to lint instead of what is on disk, by absolute path. */
  overlay?: ReadonlyMap<string, string>;
  /** Follow `$ref`s to files outside the project root (see `projectRoots`). */
  allowExternalRefs?: boolean;
  /**
   * The folders named on the command line (Inputs.namedFolders): a spec found in one from
   * outside the project may use the files of that folder (see projectRoots).
   */
  namedFolders?: readonly string[];
  /**
   * Name each file that several paths name as lintParallel does (canonicalPathsOf), not by the
   * path met first: what --fix reports when it lints on this thread.
   */
  namedAsParallel?: boolean;
}

/** The `recommended` set: every registered rule not marked opt-in, at its default severity. */
export function defaultRules(): EnabledRule[] {
  return Object.values(allRules)
    .filter((rule) => rule.meta.recommended !== false)
    .map((rule) => ({ rule, severity: rule.meta.severity }));
}

export function ruleById(id: string): Rule<any> | undefined {
  return Object.hasOwn(allRules, id) ? allRules[id] : undefined;
}

export { allRules };
export type { Finding, Severity };

function hasVersionKey(value: unknown): boolean {
  return isObject(value) && ('openapi' in value || 'swagger' in value || 'swaggerVersion' in value);
}

/** A spec with paths or webhooks of its own, as opposed to one that only holds components. */
function hasOperations(value: unknown): boolean {
  if (!isObject(value)) return false;
  return [value.paths, value.webhooks].some((member) => isObject(member) && Object.keys(member).length > 0);
}

/**
 * Whether a file was meant to be a spec: it names a version key, in UTF-8 or in the UTF-16 or
 * UTF-32 that some editors and shells save (Windows PowerShell 5 writes UTF-16 by default),
 * which the loader refuses: such a spec in a folder must be reported, not skipped as "not
 * OpenAPI". Used for a file that failed to load (so the failure is worth reporting), and by
 * the CLI, which never writes over one.
 */
export function mentionsVersionKey(path: string, where: 'anywhere' | 'atTopLevel' = 'anywhere'): boolean {
  const pattern = where === 'anywhere' ? ANY_VERSION_KEY : WRITTEN_AT_TOP_LEVEL;
  try {
    const stats = statSync(path);
    // A device or pipe is not read again (`/dev/zero` never ends): the loader's error stands.
    if (!stats.isFile()) return true;
    if (stats.size > WHOLE_READ_BYTES) return searchInPieces(path, pattern);
    return pattern.test(textOf(readFileSync(path)));
  } catch {
    return true; // unreadable: let the loader's own error stand
  }
}

/**
 * Past this a file is searched a piece at a time: a folder's 1 GB data dump, refused by the
 * loader for its size, would otherwise be read whole (and over 512 MB, be too long for a
 * string, and so reported as a spec over the limit).
 */
const WHOLE_READ_BYTES = 16 * 1024 * 1024;
const PIECE_BYTES = 1024 * 1024;
/** How much of a line a piece that ends inside it carries into the next. */
const CARRIED_CHARS = 4096;

/** Whether UTF-8 text matches `pattern` (a search for one line's text), read a piece at a time. */
function searchInPieces(path: string, pattern: RegExp): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(PIECE_BYTES);
    const decoder = new StringDecoder('utf8');
    let carried = '';
    for (let first = true; ; first = false) {
      const read = readSync(fd, buffer, 0, PIECE_BYTES, null);
      if (read === 0) return false;
      // UTF-16 or UTF-32 this large: the loader's error is worth reporting, the text not worth decoding.
      if (first && wideEncodingOf(buffer.subarray(0, read))) return true;
      const text = carried + decoder.write(buffer.subarray(0, read));
      if (pattern.test(text)) return true;
      // The start of the line the piece ends in, so that `^` is at a line's start next time.
      carried = text.slice(Math.max(text.lastIndexOf('\n') + 1, text.length - CARRIED_CHARS));
    }
  } finally {
    closeSync(fd);
  }
}

/** A file's text, in UTF-8 or in the UTF-16 or UTF-32 its first bytes show. */
function textOf(bytes: Buffer): string {
  const wide = wideEncodingOf(bytes);
  return wide ? decodeWide(bytes, wide) : bytes.toString('utf8');
}

/** A version key, at any depth: what the CLI will not write over. */
const ANY_VERSION_KEY = /(^|[{,])\s*["']?(openapi|swagger|swaggerVersion)["']?\s*:/m;

/**
 * A version key where a top-level one is written: at the start of a line in block YAML, after
 * `{` or `,` in flow YAML or JSON, or as a JSON member name. Not an indented `openapi:`: a
 * Kubernetes ConfigMap or Helm template that embeds a spec in a block scalar (and so fails to
 * parse as YAML, for its `---` or `{{ }}`) is not a broken spec. Nor a report or a diff quoting
 * one: so a file that names none is not parsed by isOpenApiDocument.
 */
const WRITTEN_AT_TOP_LEVEL = /(?:^\ufeff?|[{,]\s*)["']?(?:openapi|swagger|swaggerVersion)["']?[ \t]*:|"(?:openapi|swagger|swaggerVersion)"\s*:/m;

/** Past this an existing file is not parsed to tell whether it is a spec: no report is that large. */
const MAX_DOCUMENT_LOOK = 256 * 1024 * 1024;

/**
 * Whether an existing regular file is an OpenAPI document (a top-level `openapi` or `swagger`
 * key), so that no report or baseline replaces one. A file whose text names no such key, as a
 * previous report does not, costs one read and no parse.
 */
export function isOpenApiDocument(path: string): boolean {
  let text: string;
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > MAX_DOCUMENT_LOOK) return false;
    // A spec saved as UTF-16 (Windows PowerShell 5's default) is refused by the loader, but it is still the user's spec.
    text = textOf(readFileSync(path));
  } catch {
    return false;
  }
  if (!WRITTEN_AT_TOP_LEVEL.test(text)) return false;
  try {
    const value = parseSource(path, text).value;
    return value !== null && typeof value === 'object' && !Array.isArray(value) && ('openapi' in value || 'swagger' in value);
  } catch {
    return false;
  }
}

/** What a first look at an input finds: not a spec, a discovered spec holding only components, or a spec. */
export type FirstLook = { kind: 'notSpec'; path: string } | { kind: 'componentsOnly'; file: SourceFile } | { kind: 'spec'; file: SourceFile };

/** Loads an input and says what it is; throws LoadError for an input that must be refused. */
export function firstLook(workspace: Workspace, path: string, discovered: boolean): FirstLook {
  let file: SourceFile;
  try {
    if (discovered && pathKind(path) === 'fifo') {
      throw new LoadError(path, 'a named pipe (FIFO) found in a folder is not read, since it may wait for a writer forever; name it on the command line to lint it');
    }
    file = workspace.load(path, true);
  } catch (error) {
    // Only a YAML or JSON file is taken for a broken spec: a glob also finds READMEs and pages
    // that quote a spec (`openapi: 3.1.0` in a code block) without being one.
    if (discovered && error instanceof LoadError && !(SPEC_EXTENSION.test(path) && mentionsVersionKey(path, 'atTopLevel'))) return { kind: 'notSpec', path };
    throw error;
  }
  if (discovered && !hasVersionKey(file.value)) return { kind: 'notSpec', path: file.path };
  // Refuse a file that is not OpenAPI before complaining about its references.
  detectVersion(file);
  if (discovered && !hasOperations(file.value)) return { kind: 'componentsOnly', file };
  return { kind: 'spec', file };
}

/** What `lintRoot` needs besides the spec: the same for every spec of a run. */
export interface RootSettings {
  cwd: string;
  unusedSuppressions?: Severity | 'off';
  knownRules: readonly string[];
}

/**
 * Lints one loaded spec (throws LoadError for a broken reference). `onRules` is called once
 * the rules are about to run, so that they count as run even if one of them fails.
 */
export function lintRoot(
  workspace: Workspace,
  file: SourceFile,
  enabled: readonly EnabledRule[],
  settings: RootSettings,
  onRules: () => void,
): { raw: RawFinding[]; internalErrors: InternalError[]; silenced: Located[] } {
  workspace.checkReferences(file);
  const spec = normalize(workspace, file);
  onRules();
  const ruleErrors: RuleError[] = [];
  const onRuleError = (error: RuleError): void => void ruleErrors.push(error);
  const silenced: Located[] = [];
  const onSilenced = (entry: Located): void => void silenced.push(entry);
  const raw = runRules(spec, enabled, { unusedSuppressions: settings.unusedSuppressions, knownRules: settings.knownRules, onRuleError, onSilenced });
  const internalErrors = ruleErrors.map((error): InternalError => {
    const region = error.at.file.locate([error.at.pointer]).get(error.at.pointer);
    return {
      file: displayPath(file.path, settings.cwd),
      ruleId: error.ruleId,
      at: `${displayPath(error.at.file.path, settings.cwd)}${region ? `:${region.line}:${region.column}` : ''}`,
      message: messageOf(error.cause),
      error: error.cause,
    };
  });
  return { raw, internalErrors, silenced };
}

/** A notice as the user sees it. */
export function locateNotice(notice: RefNotice, cwd: string): Notice {
  const region = notice.file.locate([notice.pointer]).get(notice.pointer);
  return { file: displayPath(notice.file.path, cwd), line: region?.line, column: region?.column, message: notice.message };
}

/** Keeps the first of equal items, by key: a shared file is reported once. */
export class FirstSeen {
  private readonly seen = new Set<string>();
  add(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

/** By file and position: the order files were read in depends on the threads. */
export function compareNotices(a: Notice, b: Notice): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** The places (silencedKey) that an `unused-suppression` finding is about: its pointer, and where it is written. */
export const silencedKeysOf = (finding: Finding): [string, string] => [silencedKey(finding.file, finding.pointer), silencedKey(finding.file, writtenAt(finding.line, finding.column))];

export const noticeKey = (notice: Notice): string => `${notice.file}\u0000${notice.line}\u0000${notice.column}\u0000${notice.message}`;
export const failureKey = (failure: LoadError): string => `${failure.file}\u0000${failure.position?.line}\u0000${failure.position?.column}\u0000${failure.detail}`;

/**
 * Lints each spec on its own; one that cannot be loaded is recorded as a failure and the
 * others are still linted. Shared files are parsed once per run, and a problem in a file that
 * several specs reference is reported once.
 */
export function lint(paths: readonly string[], options: LintOptions = {}): LintResult {
  const fixed = options.rules ?? defaultRules();
  const rulesFor = typeof fixed === 'function' ? fixed : () => fixed;
  const cwd = options.cwd ?? process.cwd();
  const settings: RootSettings = { cwd, unusedSuppressions: options.unusedSuppressions, knownRules: Object.keys(allRules) };
  const workspace = new Workspace({
    maxFileBytes: options.maxFileBytes,
    overlay: options.overlay,
    allowExternalRefs: options.allowExternalRefs,
    rootFor: projectRoots(cwd, options.namedFolders),
  });
  const result = emptyResult();
  const raw: RawFinding[] = [];
  /** The suppression entries that silenced something for some spec (silencedKey). */
  const silenced = new Set<string>();
  const ran = new Map<string, Rule<any>>();
  const notSpecs: string[] = [];
  // A discovered spec holding only components waits until every other spec has said which
  // files it references: if one does, it is a fragment.
  const componentsOnly: SourceFile[] = [];
  const failures = new FirstSeen();

  const attempt = (path: string, action: () => void): void => {
    try {
      action();
    } catch (error) {
      // Specs sharing a file with a broken reference all stop there: say it once.
      if (error instanceof LoadError) {
        if (failures.add(failureKey(error))) result.failures.push(error);
      } else result.internalErrors.push({ file: displayPath(resolve(path), cwd), message: messageOf(error), error });
    }
  };
  const lintHere = (file: SourceFile): void => {
    const enabled = rulesFor(file.path);
    const outcome = lintRoot(workspace, file, enabled, settings, () => {
      for (const entry of enabled) ran.set(entry.rule.id, entry.rule);
    });
    // Not `push(...)`: a 100 MB spec has more findings than a call has room for arguments.
    for (const finding of outcome.raw) raw.push(finding);
    for (const error of outcome.internalErrors) result.internalErrors.push(error);
    for (const [file, place] of silencedPlaces(outcome.silenced)) silenced.add(silencedKey(displayPath(file.path, cwd), place));
    result.files.push(displayPath(file.path, cwd));
  };

  paths.forEach((path, index) => {
    const discovered = options.discovered?.has(path) ?? false;
    attempt(path, () => {
      const look = firstLook(workspace, path, discovered);
      if (look.kind === 'notSpec') notSpecs.push(look.path);
      else if (look.kind === 'componentsOnly') componentsOnly.push(look.file);
      else lintHere(look.file);
    });
    options.onProgress?.(index + 1, paths.length);
  });
  for (const file of componentsOnly) {
    if (workspace.referenced.has(file)) result.skipped.fragments.push(displayPath(file.path, cwd));
    else attempt(file.path, () => lintHere(file));
  }
  const referencedPaths = new Set([...workspace.referenced].map((file) => file.path));
  for (const path of notSpecs) {
    (referencedPaths.has(path) ? result.skipped.fragments : result.skipped.notOpenApi).push(displayPath(path, cwd));
  }

  // Two specs sharing a file find the same problems in it: keep the first report, with the most
  // severe of their settings.
  const seen = new FindingSet<RawFinding>();
  // But not only the first one's fix when another spec asks for something else there (a
  // Swagger 2.0 and an OpenAPI 3 spec sharing a response): --fix must see that they disagree.
  const disagreeing: FixIntent[] = [];
  const unique = raw.filter((finding) => {
    const kept = seen.keep(finding, finding.at.file.path, finding.at.pointer);
    if (kept === undefined) return true;
    keepMostSevere(kept, finding);
    if (finding.fix && kept.fix) {
      if (fixContent(kept.fix) !== fixContent(finding.fix)) disagreeing.push(finding.fix);
      // Specs that differ in the example alone have the header written without one.
      else kept.fix = agreeOn(kept.fix, finding.fix);
    }
    return false;
  });
  // Located first: an entry is also known by where it is written (silencedPlaces).
  result.findings = withoutSilencedEntries(locateFindings(unique, cwd), silenced, silencedKeysOf);
  for (const finding of unique) if (finding.fix) result.fixes.push(finding.fix);
  for (const fix of disagreeing) result.fixes.push(fix);
  result.sources = sourcesOf(result.files, [...workspace.referenced].map((file) => displayPath(file.path, cwd)));
  result.rules = [...ran.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (result.findings.some((finding) => finding.ruleId === unusedSuppression.id)) result.rules.push(unusedSuppression);
  // A walk stopped by a broken reference is walked again by the next spec that reaches it.
  const notices = new FirstSeen();
  for (const notice of workspace.notices) {
    const located = locateNotice(notice, cwd);
    if (notices.add(noticeKey(located))) result.notices.push(located);
  }
  result.notices.sort(compareNotices);
  result.readPaths = workspace.loadedPaths.sort();
  return options.namedAsParallel ? namedOnce(result, workspace, paths, cwd) : result;
}

/**
 * The one name of each file that several paths name, for each of its other paths (absolute),
 * the same whatever path each lane met first and whatever the number of lanes: the first
 * input that names it (a spec is reported as it was given), else its real path (for hard
 * links, each one a real path, the first in sorted order). `aliases`: the paths read of each
 * such file; `inputs`: absolute, in input order.
 */
export function canonicalPathsOf(aliases: Iterable<Iterable<string>>, inputs: readonly string[]): Map<string, string> {
  const canonical = new Map<string, string>();
  let inputOrder: Map<string, number> | undefined;
  for (const named of aliases) {
    if (!inputOrder) {
      inputOrder = new Map();
      for (const [index, input] of inputs.entries()) if (!inputOrder.has(input)) inputOrder.set(input, index);
    }
    const order = inputOrder;
    // A lane may also have met the file by its real path, which no link leads to and so
    // was not sent as another name.
    const reals = [...named].map(realPath);
    const paths = new Set([...named, ...reals]);
    const given = [...paths].filter((path) => order.has(path)).sort((a, b) => order.get(a)! - order.get(b)!);
    const chosen = given[0] ?? reals.sort()[0]!;
    for (const path of paths) if (path !== chosen) canonical.set(path, chosen);
  }
  return canonical;
}

/**
 * A result of lint() with each file that several paths name under the name lintParallel gives
 * it (canonicalPathsOf), not the one this workspace met first: --fix on one thread reports as a
 * plain run does, and a baseline written by one matches. Costs a look-up per path read when no
 * file read has another name.
 */
function namedOnce(result: LintResult, workspace: Workspace, inputs: readonly string[], cwd: string): LintResult {
  const byIdentity = new Map<string, string[]>();
  for (const path of result.readPaths) {
    const identity = workspace.multiNamedIdentity(path);
    if (identity === undefined) continue;
    const named = byIdentity.get(identity);
    if (named) named.push(path);
    else byIdentity.set(identity, [path]);
  }
  if (byIdentity.size === 0) return result;
  const paths = canonicalPathsOf(byIdentity.values(), inputs.map((input) => resolve(input)));
  const names = new Map([...paths].map(([path, chosen]) => [displayPath(path, cwd), displayPath(chosen, cwd)]));
  if (![...names].some(([name, chosen]) => name !== chosen)) return result;
  const nameOf = (file: string): string => names.get(file) ?? file;
  const seen = new FindingSet<Finding>();
  result.findings = result.findings.map((finding) => (names.has(finding.file) ? { ...finding, file: nameOf(finding.file) } : finding)).filter((finding) => {
    const kept = seen.keep(finding, finding.file, finding.pointer);
    if (kept === undefined) return true;
    keepMostSevere(kept, finding);
    return false;
  });
  const notices = new FirstSeen();
  result.notices = result.notices.map((notice) => (names.has(notice.file) ? { ...notice, file: nameOf(notice.file) } : notice)).filter((notice) => notices.add(noticeKey(notice)));
  const failures = new FirstSeen();
  result.failures = result.failures.map((failure) => (paths.has(failure.file) ? new LoadError(paths.get(failure.file)!, failure.detail, failure.position) : failure)).filter((failure) => failures.add(failureKey(failure)));
  result.files = result.files.map(nameOf);
  result.internalErrors = result.internalErrors.map((bug) => ({ ...bug, file: nameOf(bug.file) }));
  for (const kind of Object.keys(result.skipped) as Array<keyof LintResult['skipped']>) result.skipped[kind] = [...new Set(result.skipped[kind].map(nameOf))];
  result.sources = [...new Set(result.sources.map(nameOf))];
  return result;
}

/**
 * The specs in input order, then the files they reference, sorted: which file a thread
 * happened to read first must not change the result.
 */
export function sourcesOf(files: readonly string[], referenced: readonly string[]): string[] {
  return [...new Set([...files, ...[...referenced].sort()])];
}

export function emptyResult(): LintResult {
  return {
    findings: [],
    files: [],
    failures: [],
    notices: [],
    skipped: { notOpenApi: [], fragments: [] },
    sources: [],
    rules: [],
    fixes: [],
    internalErrors: [],
    readPaths: [],
  };
}

export { lintParallel, type ParallelLintOptions } from './lint-parallel.js';

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
