import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Is `path` the folder `root` or inside it (by path, without touching the file system)? */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  // '..' or '../x' leaves the root; a folder that is only named '..x' does not.
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** The top-level folder of the git work tree holding `folder`, if any (`.git` is a folder, or a file in worktrees and submodules). */
export function gitTopLevel(folder: string): string | undefined {
  for (let current = resolve(folder); ; current = dirname(current)) {
    if (existsSync(resolve(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The folder a spec's `$ref`s must stay inside: the project root (the git top-level of the
 * working directory, else the working directory) when the spec is inside it; for a spec
 * named from elsewhere, its own git top-level, else its own folder. A spec named on the
 * command line is trusted; what it references is not, unless it belongs to the same project.
 */
export function projectRootFor(specPath: string, cwd: string): string {
  const projectRoot = gitTopLevel(cwd) ?? resolve(cwd);
  if (isInside(specPath, projectRoot)) return projectRoot;
  const folder = dirname(specPath);
  return gitTopLevel(folder) ?? folder;
}

/** `realpath`, or the path itself when it does not exist (yet). */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
