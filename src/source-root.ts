// Where code scanning and workflow annotations look for files: paths relative to the root of
// the repository, with `/` separators and symlinks resolved. GitHub matches those paths against
// the files committed to the repository; an absolute path, a `./` prefix, or a path through a
// symlink matches nothing, and the finding is shown without its place in the code.

import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';
import { gitTopLevel, gitTopLevels, isInside, realPath as realpath } from './loader/project-root.js';

/**
 * The folder that reported paths are relative to, found from the working directory: the
 * git top-level (the nearest folder holding `.git`, a directory or a worktree's file), else
 * `GITHUB_WORKSPACE` or GitLab's `CI_PROJECT_DIR` when the working directory is inside it (a
 * checkout made without git has no `.git`), else the working directory itself. Symlinks are
 * resolved.
 */
export function findSourceRoot(cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const start = realpath(resolve(cwd));
  const topLevel = gitTopLevel(start);
  if (topLevel) return topLevel;
  // GitLab's runner clones with `.git`, but a job with `GIT_STRATEGY: none` gets the files alone.
  for (const variable of [env.GITHUB_WORKSPACE, env.CI_PROJECT_DIR]) {
    const workspace = variable ? realpath(resolve(variable)) : undefined;
    if (workspace && isInside(start, workspace)) return workspace;
  }
  return start;
}

/**
 * The folder each reported file (absolute) is relative to, when no --sarif-root is given: the
 * git top-level of the working directory; when the working directory is in no git work tree,
 * the git top-level holding the file. The action runs in GITHUB_WORKSPACE, which holds no
 * `.git` when `actions/checkout` was given a `path:`: the repository is then a subfolder, and
 * paths from the workspace would carry a prefix that is not in it. A file in no work tree
 * falls back to findSourceRoot's answer (GITHUB_WORKSPACE or CI_PROJECT_DIR, else the working
 * directory).
 */
export function sourceRoots(cwd: string, env: NodeJS.ProcessEnv = {}): (file: string) => string {
  const fallback = findSourceRoot(cwd, env);
  if (gitTopLevel(realpath(resolve(cwd))) !== undefined) return () => fallback;
  const topLevel = gitTopLevels();
  return (file) => topLevel(dirname(realpath(file))) ?? fallback;
}

/** `--sarif-root DIR` as an absolute, symlink-free folder; a UsageError when it is not one. */
export function sourceRootOption(dir: string, cwd: string): string {
  const absolute = resolve(cwd, dir);
  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new UsageError(`--sarif-root '${dir}' is not a directory`);
  return realpath(absolute);
}

export interface RootPath {
  /** Relative to the root, `/`-separated; starts with `../` when the file is outside it. */
  path: string;
  inside: boolean;
}

/** Where `file` (absolute) is under `root` (absolute, symlinks resolved), after resolving its own symlinks. */
export function pathUnderRoot(file: string, root: string): RootPath {
  const rel = relative(root, realpath(file));
  const inside = rel !== '' && isInside(join(root, rel), root);
  return { path: rel.split(sep).join('/'), inside };
}
