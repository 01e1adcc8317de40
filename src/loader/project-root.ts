import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Is `path` the folder `root` or inside it (by path, without touching the file system)? */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  // '..' or '../x' leaves the root; a folder that is only named '..x' does not.
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** The top-level folder of the git work tree holding `folder`, if any (`.git` is a folder, or a file in worktrees and submodules). */
export function gitTopLevel(folder: string): string | undefined {
  return gitTopLevels()(folder);
}

/**
 * gitTopLevel with the answers kept: every folder passed on the way up shares the answer of
 * the folder it ends at, so a run over hundreds of specs in nearby folders asks the file
 * system about each folder once, not once per spec and level.
 */
export function gitTopLevels(): (folder: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (folder) => {
    const passed: string[] = [];
    let found: string | undefined;
    for (let current = resolve(folder); ; current = dirname(current)) {
      if (known.has(current)) {
        found = known.get(current);
        break;
      }
      passed.push(current);
      if (existsSync(resolve(current, '.git'))) {
        found = current;
        break;
      }
      if (dirname(current) === current) break;
    }
    for (const path of passed) known.set(path, found);
    return found;
  };
}

/** The project roots of a run: see projectRoots. */
export interface ProjectRoots {
  /** The folder the `$ref`s of the spec at `specPath` (absolute) must stay inside. */
  (specPath: string): string;
  /**
   * The folder that what is found in `folder` (absolute) must stay inside: the project root
   * when the folder is in it, else the folder's own project, its git top-level, else itself.
   * What a folder or glob reaches through a symbolic link is held to it (inputs.ts).
   */
  ofFolder(folder: string): string;
}

/**
 * The folder a spec's `$ref`s must stay inside: the project root (the git top-level of the
 * working directory, else the working directory) when the spec is inside it. A spec named
 * from elsewhere is trusted, and so is its own project: its git top-level; in none, for one
 * found in a folder named on the command line (`namedFolders`; not a glob's base, as a glob
 * names only the files it matches), that folder (the outermost, when several hold it); else
 * its own folder. A named folder that holds the project itself
 * (`statuslint ..`, `statuslint ~`), by path, by real path or in another case, lends no wider
 * root: a spec in a sibling folder must not make a run read the user's other files.
 * One function serves a run: it asks the file system about each folder once.
 */
export function projectRoots(cwd: string, namedFolders: readonly string[] = []): ProjectRoots {
  const topLevel = gitTopLevels();
  let projectRoot: string | undefined;
  const rootOfProject = (): string => (projectRoot ??= topLevel(cwd) ?? resolve(cwd));
  const named = new Set(namedFolders.map((folder) => resolve(folder)));
  /**
   * The named folders that do not hold the project, by path nor by real path: a link to the
   * home folder (`~` where it is one, macOS's `/tmp`) holds it as the folder itself does, and
   * so does a name spelt in another case (`/users/me`), which macOS and Windows take for the
   * same folder: compared without case on every system, since a folder that only looks as if
   * it held the project merely lends no wider root. Worked out once a run, with a `realpath`
   * per named folder.
   */
  let lending: ReadonlySet<string> | undefined;
  const lendingFolders = (): ReadonlySet<string> => {
    if (lending) return lending;
    const roots = [rootOfProject(), realPath(rootOfProject())].map((root) => root.toLowerCase());
    const holdsProject = (folder: string): boolean => [folder, realPath(folder)].some((path) => roots.some((root) => isInside(root, path.toLowerCase())));
    return (lending = new Set([...named].filter((folder) => !holdsProject(folder))));
  };
  /** For a folder a spec outside every repository is in: the outermost named folder holding it (not the project), else itself. */
  const holderOf = (folder: string): string => {
    if (named.size === 0) return folder;
    let holder = folder;
    for (const candidate of lendingFolders()) if (candidate.length < holder.length && isInside(folder, candidate)) holder = candidate;
    return holder;
  };
  const ofFolder = (folder: string): string => {
    if (isInside(folder, rootOfProject())) return rootOfProject();
    return topLevel(folder) ?? folder;
  };
  const rootFor = (specPath: string): string => {
    // First: a named folder may hold the project (`statuslint ..`), whose specs keep its root.
    if (isInside(specPath, rootOfProject())) return rootOfProject();
    const folder = dirname(specPath);
    return topLevel(folder) ?? holderOf(folder);
  };
  return Object.assign(rootFor, { ofFolder });
}

/** `realpath`, or the path itself when it does not exist (yet). */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Real paths of many files in few folders, as the files of a split spec are: each folder is
 * resolved once, and listed once for the names in it that are no link. `realpath` makes a call
 * for each folder on the way to every file: following the `$ref`s of a spec split over 2,581
 * files spent 265 ms in them, and an `lstat` per file still 42 ms. Any other name (a link, a
 * file not there, a name spelt in another case on a file system that ignores case, a folder
 * that cannot be listed) is resolved by `realpath` itself.
 */
export class RealPaths {
  /** Each folder's real path, ready to have a name appended, and the names in it that are no link. */
  private readonly folders = new Map<string, { prefix: string; plain: ReadonlySet<string> }>();

  of(path: string): string {
    const folder = dirname(path);
    let known = this.folders.get(folder);
    if (!known) {
      const real = realPath(folder);
      this.folders.set(folder, (known = { prefix: real.endsWith(sep) ? real : real + sep, plain: plainNamesIn(folder) }));
    }
    const name = basename(path);
    return known.plain.has(name) ? known.prefix + name : realPath(path);
  }
}

/**
 * Paths with the links of their folder followed and their own name kept, each folder resolved
 * once: where a file is for a key that must not hang on how its folder was named (a linked
 * checkout, macOS's `/tmp`), while a file that is itself a link stays where it is named.
 */
export class RealFolders {
  private readonly folders = new Map<string, string>();

  of(path: string): string {
    const folder = dirname(path);
    let real = this.folders.get(folder);
    if (real === undefined) this.folders.set(folder, (real = realPath(folder)));
    return join(real, basename(path));
  }
}

/** The names in a folder that are not symbolic links (none if it cannot be listed). */
function plainNamesIn(folder: string): Set<string> {
  try {
    return new Set(readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isSymbolicLink() ? [] : [entry.name])));
  } catch {
    return new Set();
  }
}
