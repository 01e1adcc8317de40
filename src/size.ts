import { UsageError } from './errors.js';
import { plural } from './plural.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/**
 * A size such as `64mb`, `512KiB`, `1.5g` or `1048576` (bytes), in bytes. Units are powers
 * of 1024 whichever way they are spelt: a size limit is a guard, not a disk label.
 */
export function parseSize(text: string, what = '--max-file-size'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new UsageError(`${what} must be a size like 64mb, 512kb or 1048576 (bytes); got '${text}'`);
  // `1.5` bytes was read as 1: a fraction only means something with a unit.
  if (unit === 1 && !Number.isInteger(Number(match[1]))) throw new UsageError(`${what} must be a whole number of bytes, or a size with a unit like 1.5mb; got '${text}'`);
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1) throw new UsageError(`${what} must be at least 1 byte; got '${text}'`);
  return bytes;
}

/** `64 MiB`, `1.5 KiB`, `1 byte`: a size as a message names it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return plural(bytes, 'byte');
}
