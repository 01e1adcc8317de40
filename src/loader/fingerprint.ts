import { createRequire } from 'node:module';
import type { Stats } from 'node:fs';

/**
 * What `--cache` records of each file a result depends on: its size, modification and change
 * times (ms), a SHA-256 of its bytes, and its real path. Times alone would miss an edit within
 * the clock's resolution that keeps the size; the hash alone would read every file on every
 * run. A file whose size and times are unchanged is taken as unchanged, as ESLint's cache does;
 * one whose times moved (a `git checkout`, a `touch`) is read and its hash compared. The real
 * path tells a symbolic link pointed elsewhere (outside the project root, say) at a copy.
 */
export type Fingerprint = [size: number, mtimeMs: number, ctimeMs: number, sha256: string, realPath: string];

/**
 * A file changed less than this long before it was read may change again within the same
 * tick of the file system's clock (a second on ext2 and HFS+, two on FAT) and keep its size:
 * its times are not trusted, and the next run compares its hash (git's "racy clean" rule).
 */
export const RACY_MS = 3000;

let hashBytes: ((bytes: Uint8Array | string) => string) | undefined;

/** SHA-256 of a file's bytes (or of a text's UTF-8), base64. */
export function contentHash(bytes: Uint8Array | string): string {
  // node:crypto takes ~5 ms to load: only runs with --cache pay for it.
  if (!hashBytes) {
    const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    hashBytes =
      typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'base64') : (data) => crypto.createHash('sha256').update(data).digest('base64');
  }
  return hashBytes(bytes);
}

export function fingerprintOf(stats: Stats, bytes: Uint8Array, realPath: string): Fingerprint {
  return [racy(stats) ? -1 : stats.size, stats.mtimeMs, stats.ctimeMs, contentHash(bytes), realPath];
}

/** Whether a file changed so recently that another change in the same clock tick could go unseen. */
export function racy(stats: Pick<Stats, 'mtimeMs' | 'ctimeMs'>): boolean {
  return Date.now() - Math.max(stats.mtimeMs, stats.ctimeMs) < RACY_MS;
}

/** Whether a file's stats still match what was recorded, so that its bytes need not be read. */
export function sameStats(recorded: Fingerprint, stats: Stats): boolean {
  return recorded[0] === stats.size && recorded[1] === stats.mtimeMs && recorded[2] === stats.ctimeMs;
}
