import { linkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface WriteOptions {
  /** Refuse (EEXIST) rather than replace a file that is already there. */
  exclusive?: boolean;
}

/**
 * Writes a file so that readers see either the old or the whole new content: into a
 * temporary file beside it, then a rename, which is atomic on one file system. An exclusive
 * write links the temporary file instead, which fails if the target exists, with no window
 * between checking and writing.
 */
export function writeFileAtomic(path: string, content: string, options: WriteOptions = {}): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, content);
    if (options.exclusive) linkSync(temporary, path);
    else renameSync(temporary, path);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // renamed away, or never written
    }
  }
}
