import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve as resolvePath } from 'node:path';
import { displayPath, LoadError, quoted } from '../errors.js';
import { formatBytes } from '../size.js';
import { decodeSource, parseGuarded } from './guards.js';
import type { ParseOptions, SourceFile } from './parse.js';
import { appendPointer, appendSegment, getAtPointer, splitPointer } from './pointer.js';
import { closest } from '../suggest.js';
import { fingerprintOf, type Fingerprint } from './fingerprint.js';
import { isInside, projectRoots, realPath, RealPaths } from './project-root.js';
import { MAX_NESTING, scanValue, type ValueScan } from './value-scan.js';

/** A value together with where it was written: the file and its JSON pointer there. */
export interface Located<T = unknown> {
  readonly file: SourceFile;
  readonly pointer: string;
  readonly value: T;
}

/** A `$ref` that is not followed, and why; the node behind it is treated as unknown. */
export interface RefNotice {
  readonly file: SourceFile;
  readonly pointer: string;
  readonly message: string;
}

export interface WorkspaceOptions extends ParseOptions {
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
  /** Follow `$ref`s to files outside a spec's project root. */
  allowExternalRefs?: boolean;
  /** The folder that the `$ref`s of a spec named directly must stay inside; see `projectRoots`. */
  rootFor?: (specPath: string) => string;
  /** Texts to use instead of what is on disk, by absolute path (`--fix` passes in memory). */
  overlay?: ReadonlyMap<string, string>;
  /** Record each regular file's fingerprint as it is read, for `--cache` (fingerprintOf). */
  fingerprints?: boolean;
}

/**
 * Largest file read by default: 64 MiB. The biggest real spec we know of (Microsoft Graph
 * beta, 47 MB of JSON) fits; parsing costs several times a file's size in memory (about 6×
 * for JSON and far more for YAML), so a limit keeps a stray dump from exhausting it.
 */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A `$ref` that statuslint will not follow, and why. */
class RefRefused extends Error {}

function isRemote(ref: string): boolean {
  // Most refs are local (`#/…`): no pattern run for them.
  if (ref.startsWith('#')) return false;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('//') || namesUri(ref);
}

/**
 * OAS 3.2 `$self`: "the self-assigned URI of this document, which also serves as its base URI".
 * A `$ref` to that URI (`https://example.com/api.yaml#/components/…`) names a place in this
 * file, as `#/components/…` does; any other absolute URI stays remote. Only an absolute `$self`
 * counts: a relative one is resolved against a retrieval URI, which a file read from disk lacks.
 * Asked only of refs that look remote, so a spec without `$self` pays nothing.
 */
function asOwnRef(file: SourceFile, ref: string): string {
  const root = file.value as { openapi?: unknown; $self?: unknown } | null;
  const self = root !== null && typeof root === 'object' ? root.$self : undefined;
  if (typeof self !== 'string' || typeof root!.openapi !== 'string' || !root!.openapi.startsWith('3.2.') || !/^[a-z][a-z0-9+.-]*:/i.test(self)) return ref;
  const hash = ref.indexOf('#');
  if ((hash === -1 ? ref : ref.slice(0, hash)) !== self) return ref;
  return hash === -1 ? '#' : ref.slice(hash);
}

/**
 * A URI with a scheme and no authority (`urn:example:pet`, `tag:…`, `mailto:…`): an OAS 3.1
 * schema `$id`, never a file. A relative file reference cannot have a colon in its first
 * segment (RFC 3986 §4.2), and one letter before it is a Windows drive (`C:\\specs`).
 */
function namesUri(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]+:(?!\/\/)/i.test(ref);
}

/**
 * The files of one lint run and the `$ref`s between them. Files are read and parsed once;
 * references are followed lazily, so circular references cost nothing.
 */
export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  /**
   * Files by device and inode: one file reached by two spellings (a symlink, a linked folder,
   * a hard link) is read and reported once, under the first. An overlay's text (--fix) is its
   * file's under every spelling, the overlay naming it by one or by all (see editedPathOf).
   */
  private readonly byIdentity = new Map<string, SourceFile>();
  private readonly identityOf = new WeakMap<SourceFile, string>();
  /** Every path read, released or not: to tell a new one. */
  private readonly read = new Set<string>();
  /** The same paths, in the order first read: a lane sends on what is new after each spec. */
  private readonly readInOrder: string[] = [];
  /** The files whose `$ref`s were all checked, by the project root they were checked against. */
  private readonly checked = new Map<string, WeakSet<SourceFile>>();
  /**
   * The project root of the spec being linted, set when its references are checked: every
   * `$ref` followed for it, in whatever file, must stay inside it, even in a file that a spec
   * of another root read and checked first.
   */
  private activeRoot: string | undefined;
  readonly notices: RefNotice[] = [];
  /** Files that a checked file names in a `$ref`, so a folder's shared fragments are told from its specs. */
  readonly referenced = new Set<SourceFile>();
  /** The files each checked file's `$ref`s name, by absolute path: the files a spec references (dependenciesOf; kept with fingerprints only). */
  private readonly refersTo = new Map<string, Set<string>>();
  /** Every file a `$ref` written in each file was followed to, loaded or not: what a spec's result depends on (likewise). */
  private readonly reaches = new Map<string, Set<string>>();
  /** What checkPermitted found, by project root and target: '' when permitted, else why not. */
  private readonly permitted = new Map<string, Map<string, string>>();
  private readonly realPaths = new RealPaths();
  /** The absolute path each file-part of a `$ref` names, by the file it is written in. */
  private readonly targets = new WeakMap<SourceFile, Map<string, string>>();
  /**
   * The files read that another path may also name (reached through a link inside the project,
   * or with several hard links), by path: their identity. Such a file is read once per lane,
   * named by whichever path that lane met first; lintParallel gives it one name across lanes.
   */
  private readonly multiNamed = new Map<string, string>();
  /** Each regular file's fingerprint as read, when the options ask for them (a text from the overlay or a pipe has none). */
  private readonly prints: Map<string, Fingerprint> | undefined;
  private readonly maxFileBytes: number;
  private readonly overlay: ReadonlyMap<string, string> | undefined;
  private readonly parseOptions: ParseOptions;
  private readonly allowExternalRefs: boolean;
  private readonly rootFor: (specPath: string) => string;
  /** Where the `$ref` chain from each ref written in a file ends, once followed by deref. */
  private readonly chainEnds = new WeakMap<SourceFile, Map<string, Located | undefined>>();

  constructor(options: WorkspaceOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.allowExternalRefs = options.allowExternalRefs ?? false;
    this.overlay = options.overlay;
    this.parseOptions = { yamlDocument: options.yamlDocument };
    this.rootFor = options.rootFor ?? projectRoots(process.cwd());
    if (options.fingerprints) this.prints = new Map();
  }

  /**
   * A file's fingerprint as it was read, if the workspace records them, the file was read from
   * disk, and no other path may name it: such a file is named by whichever spelling a lane met
   * first, so a replay could report its findings again under another name (a symlinked
   * `common/` folder in each service of a monorepo), and what reaches it is not kept.
   */
  fingerprintOf(path: string): Fingerprint | undefined {
    return this.multiNamed.has(path) ? undefined : this.prints?.get(path);
  }

  /**
   * The files held now that write an `x-statuslint-ignore` list (their scan found one; a file
   * with no scan is counted in). None in nearly every run: a spec, whose files are all held
   * while it is linted, then has no suppression to read.
   */
  filesWithSuppressions(): SourceFile[] {
    const found: SourceFile[] = [];
    for (const file of this.files.values()) if ((!file.scan || file.scan.suppressions.length > 0) && !found.includes(file)) found.push(file);
    return found;
  }

  /** Every file read so far (parsed or not), by absolute path, in the order first read. */
  get loadedPaths(): string[] {
    return [...this.readInOrder];
  }

  /** The files first read after the first `count` of loadedPaths. */
  loadedSince(count: number): string[] {
    return this.readInOrder.slice(count);
  }

  /**
   * Forgets a spec that has been linted and located, unless a file read so far references it:
   * its text and values can then be collected while they are young, instead of being carried
   * (and copied by the collector) to the end of a run over hundreds of specs. A spec that a
   * later one references is read again.
   */
  release(file: SourceFile): void {
    if (this.referenced.has(file) || this.files.get(file.path) !== file) return;
    this.files.delete(file.path);
    const identity = this.identityOf.get(file);
    if (identity !== undefined && this.byIdentity.get(identity) === file) this.byIdentity.delete(identity);
    // A weak key is no help here: once the file is in the old generation, every young
    // collection treats it as live and copies what its chain ends hold (the targets, and
    // through them the parsed spec). Measured on the 200-spec sample: 70 → 36 MB promoted.
    this.chainEnds.delete(file);
  }

  /**
   * Reads and parses a file (once); throws LoadError on any failure. Only a file the user
   * named (`named`) is read when it is a FIFO: one a `$ref` names may wait for a writer forever.
   */
  load(path: string, named = false): SourceFile {
    const absolute = resolvePath(path);
    const cached = this.files.get(absolute);
    if (cached) return cached;
    const given = this.overlay?.get(absolute);
    const read = given !== undefined ? { text: given, identity: this.identityOnDisk(absolute), edited: undefined } : this.readText(absolute, named);
    const identity = read.identity;
    // Counted as read before it is parsed: a file that does not parse is still the user's,
    // and no report may be written over it (the CLI's guard reads loadedPaths).
    if (!this.read.has(absolute)) {
      this.read.add(absolute);
      this.readInOrder.push(absolute);
    }
    // Reached by a spelling the overlay does not use: the overlay's text is the file's.
    const same = read.edited !== undefined ? this.load(read.edited) : identity === undefined ? undefined : this.byIdentity.get(identity);
    if (same) {
      this.files.set(absolute, same);
      if (!same.reachedThroughLink && this.realPaths.of(absolute) !== absolute) same.reachedThroughLink = true;
      // What the file's own `$ref`s reach is recorded under its first path: a spec that
      // reaches it by this one depends on them too (--cache).
      this.noteEdge(this.reaches, absolute, same.path);
      return same;
    }
    const file = parseGuarded(absolute, read.text!, this.parseOptions);
    file.realPath = given === undefined ? this.realPaths.of(absolute) : this.realPathOf(absolute);
    file.reachedThroughLink = file.realPath !== absolute;
    this.files.set(absolute, file);
    if (identity !== undefined) {
      this.byIdentity.set(identity, file);
      this.identityOf.set(file, identity);
    }
    return file;
  }

  /**
   * The real path of a file the overlay gives the text of: for a name that is not there
   * (`--stdin-filepath` of a file not saved yet), its folder's real path and the name.
   */
  private realPathOf(absolute: string): string {
    return existsSync(absolute) ? this.realPaths.of(absolute) : join(realPath(dirname(absolute)), basename(absolute));
  }

  /** Each regular file the overlay gives a text for, by its identity: built when first asked. */
  private editedByIdentity: Map<string, string> | undefined;

  /** The path the overlay gives the text of the file with this identity by, if it gives one. */
  private editedPathOf(identity: string): string | undefined {
    if (this.overlay === undefined) return undefined;
    if (this.editedByIdentity === undefined) {
      this.editedByIdentity = new Map();
      for (const path of this.overlay.keys()) {
        const known = this.identityOnDisk(path);
        if (known !== undefined && !this.editedByIdentity.has(known)) this.editedByIdentity.set(known, path);
      }
    }
    return this.editedByIdentity.get(identity);
  }

  /** The identity of the regular file at `absolute`, whose text the overlay gives; none if it is no such file (standard input's name). */
  private identityOnDisk(absolute: string): string | undefined {
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      return undefined;
    }
    return stats.isFile() ? this.identify(absolute, stats) : undefined;
  }

  /** A regular file's identity (device and inode), noting it as multiNamed when another path may name it; `real`: its real path. */
  private identify(absolute: string, stats: Stats, real = this.realPaths.of(absolute)): string {
    const identity = `${stats.dev}:${stats.ino}`;
    if (stats.nlink > 1 || this.throughLink(absolute, real)) this.multiNamed.set(absolute, identity);
    return identity;
  }

  /**
   * A file's text from disk, within the size limit and checked to be UTF-8 text, and for a
   * regular file its identity (device and inode, as its stat gave them). For a file whose text
   * the overlay gives by another spelling, that spelling (`edited`) and no text: what is on disk
   * is not read, and may be unreadable, too large or not UTF-8 (an editor's unsaved buffer).
   */
  private readText(absolute: string, named: boolean): { text: string; identity: string | undefined; edited: undefined } | { text: undefined; identity: string; edited: string } {
    let bytes: Buffer;
    let identity: string | undefined;
    try {
      const stats = statSync(absolute);
      if (stats.isFile()) {
        if (this.overlay !== undefined) {
          identity = this.identify(absolute, stats);
          const edited = this.editedPathOf(identity);
          if (edited !== undefined) return { text: undefined, identity, edited };
        }
        if (stats.size > this.maxFileBytes) {
          throw new LoadError(absolute, `the file is ${formatBytes(stats.size)}, over the ${formatBytes(this.maxFileBytes)} limit (raise it with --max-file-size)`);
        }
        bytes = readFileSync(absolute);
        // Found once for both: for a file reached through a link, a realpath call.
        const real = this.realPaths.of(absolute);
        identity ??= this.identify(absolute, stats, real);
        if (this.prints) this.prints.set(absolute, fingerprintOf(stats, bytes, real));
      } else if (stats.isDirectory()) {
        throw new LoadError(absolute, 'is a directory, not a file');
      } else if (stats.isFIFO()) {
        if (!named) throw new LoadError(absolute, 'a named pipe (FIFO) is not read through a $ref, since it may wait for a writer forever');
        // A pipe (`<(…)`) reports no size and may never end: read no more than the limit.
        bytes = readAtMost(absolute, this.maxFileBytes);
      } else {
        // A device (`/dev/zero` never ends) or a socket: nothing a spec is kept in.
        throw new LoadError(absolute, 'not a regular file (a socket or device)');
      }
      // A file that grew after it was measured (or a pipe) is checked on what was read.
      if (bytes.length > this.maxFileBytes) {
        throw new LoadError(absolute, `the file is over the ${formatBytes(this.maxFileBytes)} limit (raise it with --max-file-size)`);
      }
    } catch (error) {
      if (error instanceof LoadError) throw error;
      throw new LoadError(absolute, describeFsError(error as NodeJS.ErrnoException));
    }
    return { text: decodeSource(absolute, bytes), identity, edited: undefined };
  }

  /** The identity (device and inode) of a file read by `path`, if another path may also name it (see multiNamed). */
  multiNamedIdentity(path: string): string | undefined {
    return this.multiNamed.get(path);
  }

  /**
   * Whether a link below the project root (a linked file or folder) takes `absolute` to its
   * real path: a path to the project itself through a link (a shell's logical `$PWD`) is no
   * such link, since every file of the project is reached through it alike.
   */
  private throughLink(absolute: string, real: string): boolean {
    const root = this.rootFor(absolute);
    return relative(root, absolute) !== relative(this.realPaths.of(root), real);
  }

  /** Records in `edges` that a `$ref` in `from` names `to`: only for dependenciesOf, which only `--cache` (fingerprints) asks. */
  private noteEdge(edges: Map<string, Set<string>>, from: string, to: string): void {
    if (!this.prints) return;
    let named = edges.get(from);
    if (!named) edges.set(from, (named = new Set()));
    named.add(to);
  }

  /**
   * Every file a checked spec's result depends on: itself and every file a `$ref` from it was
   * followed to, however deep, by absolute path, whichever spec of the lane followed it first;
   * and those of them its checked `$ref`s name. `undefined` when the result would not say it
   * all: one of the files has a notice (reported with the first spec that reaches a file).
   */
  dependenciesOf(file: SourceFile): { files: string[]; referenced: string[] } | undefined {
    const reached = closure(file.path, this.reaches);
    const referenced = new Set<string>();
    for (const path of closure(file.path, this.refersTo)) for (const named of this.refersTo.get(path) ?? []) referenced.add(named);
    if (this.notices.some((notice) => reached.has(notice.file.path))) return undefined;
    return { files: [...reached], referenced: [...referenced] };
  }

  root(file: SourceFile): Located {
    return { file, pointer: '', value: file.value };
  }

  /**
   * Follows `$ref` chains from `node` to the value they name. Returns `undefined` for a
   * reference that is not followed (remote) or loops on itself; broken references were
   * already refused by `checkReferences`.
   */
  deref<T = unknown>(node: Located<T>): Located | undefined {
    const ref = refOf(node.value);
    if (ref === undefined) return node;
    // Rules and the model follow the same few hundred refs of a spec thousands of times. Where
    // a chain ends depends only on the ref and the file it is written in (a loop is a loop from
    // whichever of its members it is entered), so each is walked once.
    let known = this.chainEnds.get(node.file);
    if (!known) this.chainEnds.set(node.file, (known = new Map()));
    if (known.has(ref)) return known.get(ref);
    const end = this.chainEnd(node);
    const target = typeof end === 'string' ? undefined : end;
    known.set(ref, target);
    return target;
  }

  /**
   * The value one `$ref` names, not following any `$ref` it holds in turn; `undefined` when
   * `node` is no reference or its target is not reached.
   */
  step(node: Located): Located | undefined {
    const ref = refOf(node.value);
    if (ref === undefined) return undefined;
    try {
      return this.follow(node.file, ref);
    } catch (error) {
      if (error instanceof LoadError || error instanceof RefRefused) return undefined;
      throw error;
    }
  }

  /**
   * Where a `$ref` chain ends, or why it does not reach a value. With `known`, the ends of
   * chains walked before, by the file a ref is written in and the ref: a walk stops at the
   * first link it has met before, and leaves every link it walked there (each ends where the
   * chain does, a loop included), so the links of one long chain are walked once, not once
   * for each link that starts a walk.
   */
  private chainEnd(node: Located, known?: Map<SourceFile, Map<string, Located | 'loop' | 'unresolved'>>): Located | 'loop' | 'unresolved' {
    let current: Located = node;
    const seen = new Set<string>();
    const walked: Array<{ file: SourceFile; ref: string }> = [];
    let end: Located | 'loop' | 'unresolved';
    for (;;) {
      const ref = refOf(current.value);
      if (ref === undefined) {
        end = current;
        break;
      }
      const before = known?.get(current.file)?.get(ref);
      if (before !== undefined) {
        end = before;
        break;
      }
      const key = current.file.path + '#' + current.pointer;
      if (seen.has(key)) {
        end = 'loop';
        break;
      }
      seen.add(key);
      if (known) walked.push({ file: current.file, ref });
      // Refused or unloadable: checkReferences has said so; rules see an unknown node.
      const target = this.step(current);
      if (!target) {
        end = 'unresolved';
        break;
      }
      current = target;
    }
    if (known) {
      for (const link of walked) {
        let inFile = known.get(link.file);
        if (!inFile) known.set(link.file, (inFile = new Map()));
        inFile.set(link.ref, end);
      }
    }
    return end;
  }

  /** The value a `$ref` written in `from` names, if it is there. */
  private follow(from: SourceFile, written: string): Located | undefined {
    const ref = isRemote(written) ? asOwnRef(from, written) : written;
    if (isRemote(ref)) return undefined;
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    let file = from;
    if (filePart !== '') {
      // A file's refs name the same few files again and again (each chain walk follows them).
      let named = this.targets.get(from);
      if (!named) this.targets.set(from, (named = new Map()));
      let target = named.get(filePart);
      if (target === undefined) named.set(filePart, (target = resolvePath(dirname(from.realPath), decodeUri(filePart))));
      // Whoever follows it (the check, the model, a rule), and whether or not it loads: a
      // spec's result depends on the file, or on its absence.
      this.noteEdge(this.reaches, from.path, target);
      this.checkPermitted(from, target);
      file = this.load(target);
    }
    const pointer = decodeFragment(fragment);
    if (pointer !== '' && !pointer.startsWith('/')) return undefined; // `#name` anchors are not JSON pointers
    const { found, value } = getAtPointer(file.value, pointer);
    if (!found) return undefined;
    return { file, pointer, value };
  }

  /**
   * `; did you mean '…'?` with the location a `$ref` that names none was most likely meant to
   * name (a misspelt or miscased key: `#/components/respones/NotFound`), or ''. An error path only.
   */
  private meantLocation(from: SourceFile, ref: string): string {
    const hash = ref.indexOf('#');
    if (hash === -1) return '';
    const fragment = decodeFragment(ref.slice(hash + 1));
    // `#components/schemas/Pet`: a pointer that lost its first '/'.
    const pointer = fragment.startsWith('/') ? fragment : fragment.includes('/') ? `/${fragment}` : undefined;
    if (pointer === undefined) return '';
    let root: unknown;
    try {
      root = hash === 0 ? from.value : this.follow(from, ref.slice(0, hash))?.value;
    } catch {
      return '';
    }
    const meant = closestPointer(root, pointer);
    return meant === undefined ? '' : `; did you mean '${ref.slice(0, hash)}#${meant}'?`;
  }

  /**
   * Refuses a `$ref` from `from` to `target` (absolute) that leaves the project root: checked
   * before the file is touched, so a refused reference reveals nothing about it, and again
   * through symbolic links.
   */
  private checkPermitted(from: SourceFile, target: string): void {
    if (this.allowExternalRefs) return;
    // Before any spec's references are checked (a test following a `$ref` by hand), the file's own.
    const root = this.activeRoot ?? this.rootFor(from.path);
    // Once per root and target: a spec split over 2,581 files spent 265 ms in `realpath`'s
    // `lstat`s, following the same targets again and again.
    let known = this.permitted.get(root);
    if (!known) this.permitted.set(root, (known = new Map()));
    let refusal = known.get(target);
    if (refusal === undefined) known.set(target, (refusal = this.refusalOf(root, target)));
    if (refusal !== '') throw new RefRefused(refusal);
  }

  /** Why a `$ref` to `target` (absolute) may not be followed from a spec whose project root is `root`, or '' if it may. */
  private refusalOf(root: string, target: string): string {
    const realRoot = this.realPaths.of(root);
    if (!isInside(target, root) && !isInside(target, realRoot)) return `it is outside the project root ${displayPath(root)}; pass --allow-external-refs to follow it`;
    if (!isInside(this.realPaths.of(target), realRoot)) return `a symbolic link takes it outside the project root ${displayPath(root)}; pass --allow-external-refs to follow it`;
    return '';
  }

  /**
   * Whether a `$ref` that does not resolve against its file is, everywhere it is written,
   * inside a schema with an `$id`, which gives it another base URI in OAS 3.1 and 3.2 (JSON Schema
   * 2020-12 §8.2.1, OAS 3.1.0 §4.8.24): a notice, as for a remote `$ref`, not an error. Asked
   * only of refs that failed; in 2.0 and 3.0 `$id` means nothing.
   */
  private unfollowedUnderId(file: SourceFile, scan: ValueScan, ref: string, schemaIds: boolean): boolean {
    if (!schemaIds) return false;
    const ids = holdersOf(file.value, ref).map((pointer) => innermostId(file.value, pointer));
    const id = ids[0];
    if (id === undefined || ids.includes(undefined)) return false;
    const message = `$ref ${quoted(ref)} is resolved against the schema's $id ${quoted(id)}, which statuslint does not follow; what it names is not linted`;
    this.notices.push({ file, pointer: refPointer(scan, ref), message });
    return true;
  }

  /**
   * Resolves every `$ref` reachable from `file`, loading the files they name, so that a
   * broken reference anywhere stops the run with its position, not only where a rule looks.
   */
  checkReferences(file: SourceFile): void {
    const root = this.rootFor(file.path);
    this.activeRoot = root;
    let checked = this.checked.get(root);
    if (!checked) this.checked.set(root, (checked = new WeakSet()));
    const pending = [file];
    const schemaIds = /^3\.[12]\./.test(String((file.value as { openapi?: unknown } | null)?.openapi));
    // Files are marked checked only when the whole walk succeeds: a broken reference in a
    // shared file must stop every spec that reaches it, not only the first one linted (which
    // would make the result depend on the order specs are linted in, or the thread).
    const visited = new Set<SourceFile>();
    // Where the chains met so far end (see chainEnd): one long chain is walked once.
    const ends = new Map<SourceFile, Map<string, Located | 'loop' | 'unresolved'>>();
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (checked.has(current) || visited.has(current)) continue;
      visited.add(current);
      const scan = (current.scan ??= scanValue(current.value, current.sharesNodes));
      const tooDeep = scan.tooDeep;
      if (tooDeep !== undefined) {
        throw new LoadError(current.path, `nesting deeper than ${MAX_NESTING} levels`, current.locate([tooDeep]).get(tooDeep));
      }
      for (const ref of scan.refs) {
        // Where the `$ref` is written is only needed to report it: looked up then (see
        // ValueScan.holderOf), so a ref that resolves (nearly all) costs no pointer.
        if (isRemote(ref) && isRemote(asOwnRef(current, ref))) {
          const what = namesUri(ref) ? `$ref ${quoted(ref)} names a URI, not a file, and is not fetched` : `remote $ref ${quoted(ref)} is not fetched`;
          this.notices.push({ file: current, pointer: refPointer(scan, ref), message: `${what}; what it names is not linted` });
          continue;
        }
        // Anchors (`#pet`) are JSON Schema 2020-12's, so OAS 3.1's and later; before, a
        // fragment that is no JSON pointer names nothing, and the run must not pass on it.
        if (namesAnchor(ref) && schemaIds) {
          this.notices.push({ file: current, pointer: refPointer(scan, ref), message: `$ref ${quoted(ref)} names a JSON Schema anchor, which statuslint does not follow; what it names is not linted` });
          continue;
        }
        let target: Located | undefined;
        try {
          target = this.follow(current, ref);
        } catch (error) {
          if (this.unfollowedUnderId(current, scan, ref, schemaIds)) continue;
          if (error instanceof RefRefused) refuseRef(current, scan, ref, error.message, schemaIds);
          // Name the $ref as well as the file it could not load.
          if (error instanceof LoadError && error.file !== current.path) refuseRef(current, scan, ref, error.describe() + meantPointer(current, ref) + meantLiteral(current, ref, error), schemaIds);
          throw error;
        }
        if (!target) {
          if (this.unfollowedUnderId(current, scan, ref, schemaIds)) continue;
          refuseRef(current, scan, ref, 'no such location' + this.meantLocation(current, ref), schemaIds);
        }
        if (target.file !== current) {
          this.referenced.add(target.file);
          this.noteEdge(this.refersTo, current.path, target.file.path);
          pending.push(target.file);
        }
        // Most targets are values; only a target that is itself a `$ref` needs the chain walked.
        const end = refOf(target.value) === undefined ? target : this.chainEnd(target, ends);
        if (end === 'loop') refuseRef(current, scan, ref, 'the $ref chain loops back on itself without reaching a value', schemaIds);
        // A chain that ends in another broken or remote $ref is reported at that one.
        if (typeof end !== 'string' && isScalar(end.value)) {
          refuseRef(current, scan, ref, `it names ${end.value === null ? 'null' : `a ${typeof end.value}`}, where an object is expected`, schemaIds);
        }
      }
    }
    for (const done of visited) checked.add(done);
  }
}

/** `start` and every path `edges` lead to from it, however far. */
function closure(start: string, edges: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const reached = new Set([start]);
  for (const path of reached) for (const next of edges.get(path) ?? []) reached.add(next);
  return reached;
}

/**
 * `pointer` with each step that `root` does not have replaced by its closest key there, when
 * that reaches a value; `undefined` when nothing close does.
 */
function closestPointer(root: unknown, pointer: string): string | undefined {
  let node = root;
  const steps: string[] = [];
  for (const segment of splitPointer(pointer)) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const keys = Object.keys(node);
    // A key spelt in another case is the likeliest slip (`notFound`), however short. A number
    // (a status code) one digit from another is no slip: '428' does not mean '429'.
    const key = Object.hasOwn(node, segment) ? segment : (keys.find((name) => name.toLowerCase() === segment.toLowerCase()) ?? (/^\d+$/.test(segment) ? undefined : closest(segment, keys)));
    if (key === undefined) return undefined;
    steps.push(key);
    node = (node as Record<string, unknown>)[key];
  }
  return appendPointer('', ...steps);
}

/** The pointer of every object under `root` whose `$ref` is `ref` (shared objects walked once). */
function holdersOf(root: unknown, ref: string): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, pointer: string): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if ((value as Record<string, unknown>).$ref === ref) found.push(pointer);
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], appendSegment(pointer, key));
  };
  walk(root, '');
  return found;
}

/** The `$id` of the innermost object holding one, along `pointer` from `root` (its end included). */
function innermostId(root: unknown, pointer: string): string | undefined {
  let id: string | undefined;
  let value = root;
  const segments = splitPointer(pointer);
  for (let index = 0; ; index++) {
    if (value === null || typeof value !== 'object') return id;
    const own = (value as Record<string, unknown>).$id;
    if (!Array.isArray(value) && typeof own === 'string') id = own;
    if (index === segments.length) return id;
    value = (value as Record<string, unknown>)[segments[index]!];
  }
}

/** The pointer of the first `$ref` member that names `ref`. */
function refPointer(scan: ValueScan, ref: string): string {
  return appendSegment(scan.holderOf(ref), '$ref');
}

/**
 * Some Swagger 2.0 tools took `$ref: Pet` for `#/definitions/Pet`; the specs do not, and the
 * loader reads it as a file. When the document has a schema by that name, the hint names it.
 */
function meantPointer(file: SourceFile, ref: string): string {
  if (ref.includes('/') || ref.includes('#')) return '';
  const root = file.value as { definitions?: unknown; components?: { schemas?: unknown } } | null;
  for (const [map, prefix] of [[root?.definitions, '#/definitions/'], [root?.components?.schemas, '#/components/schemas/']] as const) {
    if (map !== null && typeof map === 'object' && Object.hasOwn(map, ref)) return `; did you mean '${prefix}${ref.replaceAll('~', '~0')}'?`;
  }
  return '';
}

/**
 * A `$ref` is a URI, in which `%20` is a space: a file whose name holds `%20` as written is
 * named with `%2520`. When the decoded name is not there and the name as written is, the hint
 * says so.
 */
function meantLiteral(file: SourceFile, ref: string, error: LoadError): string {
  const filePart = ref.split('#')[0]!;
  if (!filePart.includes('%') || error.detail !== 'no such file') return '';
  const literal = resolvePath(dirname(file.realPath), filePart);
  return literal !== error.file && existsSync(literal) ? `; a $ref is a URI, in which '%' starts an escape: to name the file ${basename(literal)}, write each '%' in it as '%25'` : '';
}

function refuseRef(file: SourceFile, scan: ValueScan, ref: string, reason: string, schemaIds: boolean): never {
  // Where one use of the text sits under a schema `$id` (resolved against it, so not broken)
  // and another does not, the error names the one that is broken, not the first written.
  const free = schemaIds ? holdersOf(file.value, ref).find((pointer) => innermostId(file.value, pointer) === undefined) : undefined;
  const at = free === undefined ? refPointer(scan, ref) : appendSegment(free, '$ref');
  throw new LoadError(file.path, `cannot resolve $ref ${quoted(ref)}: ${reason}`, file.locate([at]).get(at));
}

/**
 * A string, number or null: never what a Reference Object or schema `$ref` may name.
 * Booleans are valid schemas in OpenAPI 3.1 (JSON Schema 2020-12); arrays are left to the
 * rules, which skip shapes they do not understand.
 */
function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number';
}

/**
 * Reads a pipe in chunks until it ends or holds more than `limit` bytes: then stops, with one
 * byte over the limit read, so the caller refuses it instead of filling memory with an endless
 * stream.
 */
function readAtMost(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(PIPE_CHUNK, limit + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > limit) break;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

const PIPE_CHUNK = 1 << 20;


/**
 * A `$ref`'s file part as a path: each segment percent-decoded in full, so that `a%23b.yaml`
 * names `a#b.yaml` (`decodeURI` keeps `%23`, `%3F` and the like encoded).
 */
function decodeUri(part: string): string {
  if (!part.includes('%')) return part;
  return part.split('/').map(decodeSegment).join('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray '%' is taken literally
  }
}

/**
 * `#name` (a JSON Schema `$anchor`, OAS 3.1) rather than `#/json/pointer`: spelt as an anchor
 * must be (JSON Schema 2020-12 §8.2.2), so that `#components/schemas/Pet`, a pointer that lost
 * its first '/', is refused as the broken reference it is, not passed over as an anchor.
 */
function namesAnchor(ref: string): boolean {
  const hash = ref.indexOf('#');
  if (hash === -1 || hash === ref.length - 1) return false;
  // `#/…`, nearly every ref, needs no decoding to tell.
  if (ref.charCodeAt(hash + 1) === 0x2f) return false;
  return ANCHOR.test(decodeFragment(ref.slice(hash + 1)));
}

const ANCHOR = /^[A-Za-z_][-A-Za-z0-9._]*$/;

function refOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as Record<string, unknown>).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function decodeFragment(fragment: string): string {
  // Without a '%' there is nothing to decode (and nothing to throw on): most fragments.
  if (!fragment.includes('%')) return fragment;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment; // a stray '%' is taken literally
  }
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'no such file (a folder on its path is a file)';
    case 'ENXIO':
    case 'EOPNOTSUPP':
      return 'not a regular file (a socket or device)';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    default:
      return `cannot read the file (${error.code ?? error.message})`;
  }
}
