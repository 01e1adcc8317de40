import { lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES } from './config/load.js';
import { displayPath, LoadError, printable, UsageError } from './errors.js';
import { compileGlob, type Glob, GlobError, hasMagic, splitGlob } from './glob.js';
import { isInside, type ProjectRoots } from './loader/project-root.js';
import { pathKind } from './path-kind.js';
import { skippedFolder, SPEC_EXTENSION } from './spec-files.js';

/** The files a run lints, from what the user typed. */
export interface Inputs {
  /** Absolute paths, in the order given (folders and globs sorted), without duplicates. */
  files: string[];
  /**
   * Files found by expanding a folder or glob rather than named one by one: the linter skips
   * those that are not OpenAPI documents instead of refusing them.
   */
  discovered: Set<string>;
  /** Files named one by one that the configuration ignores; they are not in `files`. */
  ignored: string[];
  /**
   * statuslint's own files (`exclude`) that a folder or glob found: not linted, but a spec
   * among them must still not be written over (see the CLI's refuseToOverwriteInput).
   */
  ownFilesFound: string[];
  /** How many files a folder or glob found that the configuration's `ignore` covers. */
  ignoredFound: number;
  /** Folders and globs as typed whose every file the configuration's `ignore` covers. */
  ignoredInputs: string[];
  /** Dot folders and `node_modules` a folder or glob passed over: named when nothing is found. */
  passedOver: string[];
  /**
   * What a folder or glob met but could not take: a folder it may not read, a name that is not
   * UTF-8, a link out of the project. Input errors, like a spec that cannot be read, so that
   * the rest is still linted and the report says what was left out.
   */
  failures: LoadError[];
  /**
   * The folders named on the command line, absolute: a spec found in one from outside the
   * project may use the files of that folder (see projectRoots). A glob's base folder is not
   * among them: a glob names the files it matches, not every file under its base.
   */
  namedFolders: string[];
}

export interface ExpandOptions {
  cwd: string;
  /** Whether the configuration's `ignore` covers a file (absolute path). */
  isIgnored?: (path: string) => boolean;
  /** statuslint's own files (config, baseline, report), never taken from a folder or glob. */
  exclude?: ReadonlySet<string>;
  /**
   * Absolute paths that name one file even when none exists there and they hold `*`, `[` or
   * `{`: the path --stdin-filepath gives standard input's text (`pages/[id].yaml`), which is
   * not a pattern.
   */
  literal?: ReadonlySet<string>;
  /**
   * The project roots of the run (see projectRoots): a file or folder that a folder or glob
   * reaches through a symbolic link must stay inside the root of the folder searched
   * (`ofFolder`), as a `$ref` of a spec found there must. Not given with --allow-external-refs.
   */
  rootFor?: Pick<ProjectRoots, 'ofFolder'>;
}

const CONFIG_NAMES = new Set<string>(CONFIG_FILE_NAMES);

/** A backslash before a character that has a meaning in a glob: that character, literally. */
const GLOB_ESCAPE = /\\[*?[\]{}!\\]/;
const GLOB_ESCAPES = /\\([*?[\]{}!\\])/g;

/** What walking folders learns besides the files found. */
interface Found {
  /** What could not be taken (see Inputs.failures). */
  failures: LoadError[];
  /** Each file found, with its path once symbolic links are resolved. */
  realPaths: Map<string, string>;
  /** Dot folders and `node_modules` not entered, though the walk would otherwise have searched them. */
  passedOver: string[];
  /** How paths are shown in messages. */
  cwd: string;
}

/**
 * Expands folders (every `.yaml`, `.yml` and `.json` below them) and globs (quoted, so the
 * shell leaves them alone) into files. A path that names nothing is passed on as it is, for
 * the loader to report; a glob that matches nothing is a usage error.
 */
export function expandInputs(args: readonly string[], options: ExpandOptions): Inputs {
  const isIgnored = options.isIgnored ?? (() => false);
  const explicit = new Set<string>();
  const discovered = new Set<string>();
  const ordered: string[] = [];
  const ignored: string[] = [];
  const ownFilesFound: string[] = [];
  let ignoredFound = 0;
  const ignoredInputs: string[] = [];
  const found: Found = { failures: [], realPaths: new Map(), passedOver: [], cwd: options.cwd };
  const namedFolders: string[] = [];
  const limitOf = (folder: string) => (options.rootFor ? linkLimit(folder, options.rootFor) : undefined);
  const add = (path: string, named: boolean): void => {
    if (named) {
      if (isIgnored(path)) {
        ignored.push(path);
        return;
      }
      // Named as well as found in a folder: keep its place, but lint it as named.
      if (!explicit.has(path) && !discovered.delete(path)) ordered.push(path);
      explicit.add(path);
    } else if (options.exclude?.has(path)) {
      if (!ownFilesFound.includes(path)) ownFilesFound.push(path);
    } else if (!explicit.has(path) && !discovered.has(path)) {
      if (isIgnored(path)) {
        ignoredFound++;
        return;
      }
      if (CONFIG_NAMES.has(basename(path))) return;
      discovered.add(path);
      ordered.push(path);
    }
  };

  /** Adds what a folder or glob found; one the user asked for and `ignore` empties is worth a warning. */
  const addFound = (arg: string, files: readonly string[]): void => {
    const ignoredBefore = ignoredFound;
    for (const file of files) add(file, false);
    if (files.length > 0 && ignoredFound - ignoredBefore === files.length) ignoredInputs.push(arg);
  };

  for (const arg of args) {
    // resolve('') is the working directory: an unset variable in `statuslint "$SPEC"` would lint all of it.
    if (arg === '') throw new UsageError(`an empty argument names no spec (an unset variable?); give a file, a folder or a glob, or '.' for the working directory`);
    let path = resolve(options.cwd, arg);
    let kind = pathKind(path);
    // An escape with no glob syntax left (`'a\*.yaml'`, `'api\[v1]'`) names one path, as the
    // same escape does in a glob or in `ignore`; a file really spelt with the backslash wins.
    if (kind === 'missing' && !hasMagic(arg) && GLOB_ESCAPE.test(arg)) {
      const unescaped = resolve(options.cwd, arg.replace(GLOB_ESCAPES, '$1'));
      const unescapedKind = pathKind(unescaped);
      if (unescapedKind !== 'missing') [path, kind] = [unescaped, unescapedKind];
    }
    // A FIFO or device named one by one is the loader's to read or refuse.
    if ((kind !== 'folder' && kind !== 'missing') || options.literal?.has(path)) {
      add(path, true);
    } else if (kind === 'folder') {
      namedFolders.push(path);
      addFound(arg, walk(path, WHOLE_FOLDER, found, limitOf(path)));
    } else if (hasMagic(arg)) {
      const passedBefore = found.passedOver.length;
      const failuresBefore = found.failures.length;
      const matches = expandGlob(arg, options.cwd, found, limitOf);
      // What it met but could not take (an unreadable folder) is reported as such, not as nothing.
      const metFailures = found.failures.length > failuresBefore;
      if (matches.length === 0 && !metFailures && arg.startsWith('!')) throw new UsageError(`no files match '${arg}': a glob cannot be negated; leave files out with 'ignore' in the configuration`);
      if (matches.length === 0 && !metFailures) throw new UsageError(`no files match '${arg}'${notSearchedNote(found.passedOver.slice(passedBefore), options.cwd)}`);
      addFound(arg, matches);
    } else {
      add(path, true); // the loader says "no such file" with the path as typed
    }
  }
  return { files: withoutLinkedCopies(ordered, discovered, found.realPaths), discovered, ignored, ownFilesFound, ignoredFound, ignoredInputs, passedOver: found.passedOver, failures: found.failures, namedFolders };
}

/**
 * The same file reached again through a symbolic link (`specs/*` with `specs/latest -> v2`, or
 * both folders named) is linted once, not reported twice under two names. A file named on the
 * command line is kept as named; of found ones, the path through the fewest links (its own),
 * else the first.
 */
function withoutLinkedCopies(files: string[], discovered: Set<string>, realPaths: ReadonlyMap<string, string>): string[] {
  const byRealPath = new Map<string, string[]>();
  for (const path of files) {
    const real = realPaths.get(path) ?? realPathOf(path);
    const same = byRealPath.get(real);
    if (same) same.push(path);
    else byRealPath.set(real, [path]);
  }
  const copies = new Set<string>();
  for (const same of byRealPath.values()) {
    if (same.length < 2) continue;
    const found = same.filter((path) => discovered.has(path));
    const kept = found.length < same.length ? undefined : fewestLinks(found);
    for (const path of found) if (path !== kept) copies.add(path);
  }
  if (copies.size === 0) return files;
  for (const path of copies) discovered.delete(path);
  return files.filter((path) => !copies.has(path));
}

function realPathOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path; // missing or a link loop: the loader says so
  }
}

/** The first of `paths` with the fewest symbolic links on the way. */
function fewestLinks(paths: readonly string[]): string {
  let best = paths[0]!;
  let bestCount = linksOnPath(best);
  for (const path of paths.slice(1)) {
    const count = linksOnPath(path);
    if (count < bestCount) [best, bestCount] = [path, count];
  }
  return best;
}

function linksOnPath(path: string): number {
  let count = 0;
  for (let current = path; dirname(current) !== current; current = dirname(current)) {
    try {
      if (lstatSync(current).isSymbolicLink()) count++;
    } catch {
      // a path that does not resolve has nothing more to count
    }
  }
  return count;
}

function expandGlob(pattern: string, cwd: string, found: Found, limitOf: (folder: string) => string | undefined): string[] {
  const posix = pattern.split(sep).join('/');
  const { base, rest } = splitGlob(posix);
  const relativePattern = rest.replace(/^(\.\/)+/, '');
  let selector: Selector;
  try {
    selector = globSelector(relativePattern);
  } catch (error) {
    if (error instanceof GlobError) throw new UsageError(`invalid glob: ${error.message}`);
    throw error;
  }
  // The folder is a path, not a pattern: `api\[v1]/*.yaml` walks `api[v1]`.
  const root = resolve(cwd, base === '' ? '.' : base.replace(/\\(.)/g, '$1'));
  if (pathKind(root) !== 'folder') return [];
  return walk(root, selector, found, limitOf(root));
}

/** What a walk takes: files by their `/`-separated path below the walk's root, and folders to search, take whole or leave. */
interface Selector {
  takesFile(relativePath: string): boolean;
  /** `passOver`: left out only for being a dot folder or `node_modules`. */
  folder(relativePath: string, name: string): 'search' | 'whole' | 'skip' | 'passOver';
}

/** A named folder, or one a glob matched: every spec file below it, outside dependencies and dot folders. */
const WHOLE_FOLDER: Selector = {
  takesFile: (relativePath) => SPEC_EXTENSION.test(relativePath),
  folder: (_relativePath, name) => (skippedFolder(name) ? 'passOver' : 'search'),
};

/**
 * A glob takes the files it matches, and a folder it matches whole, as when the shell expands
 * `apis/*` to it; it searches only folders below which it may still match. A dot folder or
 * `node_modules` is searched only when the glob names it (`.well-known/*.yaml`, `.*`,
 * `{node_modules,lib}/**`), never because a `*` or `**` happens to cover it.
 */
function globSelector(pattern: string): Selector {
  const glob = compileGlob(pattern);
  const explicitDots = compileGlob(pattern, { explicitDots: true });
  const namesNodeModules = pattern.includes('node_modules');
  return {
    takesFile: (relativePath) => glob.test(relativePath),
    folder: (relativePath, name) => {
      const way = (matcher: Glob): 'search' | 'whole' | 'skip' =>
        matcher.test(relativePath) || matcher.test(relativePath + '/') ? 'whole' : matcher.allowsPrefix(relativePath + '/') ? 'search' : 'skip';
      const unnamed = (name === 'node_modules' && !namesNodeModules) || (name.startsWith('.') && way(explicitDots) === 'skip');
      if (unnamed) return way(glob) === 'skip' ? 'skip' : 'passOver';
      return way(glob);
    },
  };
}

/**
 * Files below `root` that `selector` takes, each folder's entries in sorted order. A folder
 * reached through a symbolic link is entered after every folder reached without one, so that a
 * spec reached both ways is found under its own path first; each real folder is entered once
 * per way of taking it, so a link loop ends.
 */
function walk(root: string, selector: Selector, context: Found, limit: string | undefined): string[] {
  const found: string[] = [];
  const entered = new Map<string, Selector[]>();
  const links: Array<[path: string, selector: Selector]> = [];
  let linksFollowed = false;
  const visit = (folder: string, current: Selector): void => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (error) {
      // Listed a moment ago, yet not there: most often a name that is not UTF-8 (below).
      context.failures.push(new LoadError(folder, folderError(error as NodeJS.ErrnoException, folder)));
      return;
    }
    if (limit !== undefined && !isInside(real, limit)) {
      context.failures.push(new LoadError(folder, leavesProject(limit, context.cwd)));
      return;
    }
    const ways = entered.get(real) ?? [];
    // Taken whole already, or already searched the same way: nothing new below.
    if (ways.includes(WHOLE_FOLDER) || ways.includes(current)) return;
    entered.set(real, [...ways, current]);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      context.failures.push(new LoadError(folder, folderError(error as NodeJS.ErrnoException, folder)));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const relativePath = relative(root, path).split(sep).join('/');
      const isLink = entry.isSymbolicLink();
      if (entry.isDirectory() || (isLink && pathKind(path) === 'folder')) {
        const way = current.folder(relativePath, entry.name);
        if (way === 'passOver') context.passedOver.push(path);
        if (way === 'skip' || way === 'passOver') continue;
        const next = way === 'whole' ? WHOLE_FOLDER : current;
        if (isLink && !linksFollowed) links.push([path, next]);
        else visit(path, next);
      } else if (current.takesFile(relativePath)) {
        if (unopenableName(path)) {
          context.failures.push(new LoadError(path, NOT_UTF8_NAME));
          continue;
        }
        // Known without a system call unless the file is a link.
        const realFile = isLink ? realPathOf(path) : join(real, entry.name);
        if (isLink && limit !== undefined && !isInside(realFile, limit)) {
          context.failures.push(new LoadError(path, leavesProject(limit, context.cwd)));
          continue;
        }
        found.push(path);
        context.realPaths.set(path, realFile);
      }
    }
  };
  visit(root, selector);
  linksFollowed = true;
  for (const [path, next] of links) visit(path, next);
  return found;
}

/**
 * The real folder that what a walk of `folder` finds through links must stay inside: the
 * project root, or for a folder named from outside the project, its own (a folder named on the
 * command line is trusted, as a spec named from elsewhere is, wherever a link to it points).
 */
function linkLimit(folder: string, rootFor: Pick<ProjectRoots, 'ofFolder'>): string {
  return realPathOf(rootFor.ofFolder(realPathOf(folder)));
}

/** As for a `$ref` that a link takes out of the project: a pull request must not make a run read the machine's files. */
function leavesProject(root: string, cwd: string): string {
  return `a symbolic link takes it outside the project root ${displayPath(root, cwd)}; pass --allow-external-refs to lint it`;
}

/** Why a folder could not be listed, in the words used for a file that cannot be read. */
function folderError(error: NodeJS.ErrnoException, folder: string): string {
  if (unopenableName(folder)) return NOT_UTF8_NAME;
  const reason = error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied' : (error.code ?? error.message);
  return `cannot read the folder: ${reason}`;
}

const NOT_UTF8_NAME = 'its name is not valid UTF-8, so it cannot be opened by that name; rename it';

/**
 * Node reads a name that is not UTF-8 (Latin-1 from an old archive) with U+FFFD in place of the
 * bad bytes, and no file has that name: it cannot be opened, nor a folder entered. Said so,
 * rather than "no such file" or, for a folder, nothing at all.
 */
function unopenableName(path: string): boolean {
  return basename(path).includes('\uFFFD') && pathKind(path) === 'missing';
}

/**
 * Why a folder or glob may have found nothing though specs are there: `; node_modules and
 * folders whose name starts with a dot are not searched unless named (here: a/.x, a/node_modules)`.
 */
export function notSearchedNote(passedOver: readonly string[], cwd: string): string {
  if (passedOver.length === 0) return '';
  const shown = passedOver.slice(0, 3).map((path) => printable(displayPath(path, cwd)));
  const more = passedOver.length > shown.length ? ` and ${passedOver.length - shown.length} more` : '';
  return `; node_modules and folders whose name starts with a dot are not searched unless named (here: ${shown.join(', ')}${more})`;
}
