import { readFileSync, statSync } from 'node:fs';
import { LoadError } from './errors.js';
import { wideEncodingOf } from './loader/guards.js';

/** A configuration or a baseline past this is not one statuslint wrote or a person would. */
const MAX_OWN_FILE_BYTES = 64 * 1024 * 1024;

/** Drops a leading byte order mark itself (ignoreBOM is false). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file statuslint keeps its own settings in (the configuration, a baseline): a regular
 * file of UTF-8 text, its byte order mark dropped. A device (`/dev/zero` never ends), a FIFO
 * (which may wait for a writer forever) or a huge file is refused in one line, as a spec is.
 * `missing` is what to say when there is no such file.
 */
export function readOwnFile(path: string, what: string, missing: string): string {
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new LoadError(path, `the ${what} is a directory, not a file`);
    if (!stats.isFile()) throw new LoadError(path, `the ${what} is not a regular file (a FIFO, socket or device)`);
    if (stats.size > MAX_OWN_FILE_BYTES) throw new LoadError(path, `the ${what} is over 64 MB, more than any ${what} holds`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LoadError(path, code === 'ENOENT' ? missing : `cannot read the ${what} (${code ?? (error as Error).message})`);
  }
  // As the loader tells a spec's encoding: by its byte-order mark, or by the NULs that pad an
  // ASCII first character (which UTF-8 decoding would let through).
  const wide = wideEncodingOf(bytes);
  if (wide !== undefined) throw new LoadError(path, `the ${what} is not UTF-8 text (it is ${wide.slice(0, 6).toUpperCase()}); save it as UTF-8`);
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new LoadError(path, `the ${what} is not UTF-8 text; save it as UTF-8`);
  }
}
