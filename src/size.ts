import { UsageError } from './errors.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/**
 * A size such as `64mb`, `512KiB`, `1.5g` or `1048576` (bytes), in bytes. Units are powers
 * of 1024 whichever way they are spelt: a size limit is a guard, not a disk label.
 */
export function parseSize(text: string, what = '--max-file-size'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new UsageError(`${what} must be a size like 64mb, 512kb or 1048576 (bytes); got '${text}'`);
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1) throw new UsageError(`${what} must be at least 1 byte; got '${text}'`);
  return bytes;
}
