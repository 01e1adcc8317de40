import { chmodSync, closeSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
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
export function writeFileAtomic(path: string, content: string | Iterable<string>, options: WriteOptions = {}): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // a new file: default mode
  }
  try {
    if (typeof content === 'string') writeFileSync(temporary, content);
    else writePieces(temporary, content);
    // Replacing a file must not change who may read or run it.
    if (mode !== undefined) chmodSync(temporary, mode);
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

/** Writes the pieces one after another, each encoded only when its turn comes. */
function writePieces(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    }
  } finally {
    closeSync(fd);
  }
}
