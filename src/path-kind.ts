import { lstatSync, statSync } from 'node:fs';

/** What a path names, symbolic links followed: `missing` when nothing (or nothing statuslint may look at) is there. */
export type PathKind = 'file' | 'folder' | 'fifo' | 'other' | 'missing';

export function pathKind(path: string): PathKind {
  try {
    const stats = statSync(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : stats.isFIFO() ? 'fifo' : 'other';
  } catch {
    return 'missing';
  }
}

/** Whether anything is at `path`, a dangling symbolic link included: what discovery and `init` count as a configuration there. */
export function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
