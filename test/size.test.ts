import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { formatBytes, parseSize } from '../src/size.js';

describe('parseSize (--max-file-size)', () => {
  // docs/robustness.md: a number of bytes, or a size with a unit, in powers of 1024 whichever way spelt.
  it.each([
    ['1048576', 1_048_576],
    ['1', 1],
    ['100b', 100],
    ['100B', 100],
    ['512k', 512 * 1024],
    ['512kb', 512 * 1024],
    ['512KiB', 512 * 1024],
    ['64m', 64 * 1024 ** 2],
    ['64MB', 64 * 1024 ** 2],
    ['64mib', 64 * 1024 ** 2],
    ['2g', 2 * 1024 ** 3],
    ['2GB', 2 * 1024 ** 3],
    ['2GiB', 2 * 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['1.5kb', 1536],
    // Rounded down to a whole byte.
    ['1.0001kb', 1024],
    [' 64 mb ', 64 * 1024 ** 2],
    ['512K', 512 * 1024],
    ['64mb', 64 * 1024 ** 2],
    ['64MiB', 64 * 1024 ** 2],
    ['64 m', 64 * 1024 ** 2],
    ['1.5GB', 1.5 * 1024 ** 3],
    ['2b', 2],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each([
    ['64 megabytes', "--max-file-size must be a size like 64mb, 512kb or 1048576 (bytes); got '64 megabytes'"],
    ['', "--max-file-size must be a size like 64mb, 512kb or 1048576 (bytes); got ''"],
    ['-1', "--max-file-size must be a size like 64mb, 512kb or 1048576 (bytes); got '-1'"],
    ['1e6', "--max-file-size must be a size like 64mb, 512kb or 1048576 (bytes); got '1e6'"],
    ['.5mb', "--max-file-size must be a size like 64mb, 512kb or 1048576 (bytes); got '.5mb'"],
    ['10 mb extra', "--max-file-size must be a size like 64mb, 512kb or 1048576 (bytes); got '10 mb extra'"],
    ['1.5', "--max-file-size must be a whole number of bytes, or a size with a unit like 1.5mb; got '1.5'"],
    ['1.5b', "--max-file-size must be a whole number of bytes, or a size with a unit like 1.5mb; got '1.5b'"],
    ['0', "--max-file-size must be at least 1 byte; got '0'"],
    ['0.0001kb', "--max-file-size must be at least 1 byte; got '0.0001kb'"],
  ])('refuses %j', (text, message) => {
    expect(() => parseSize(text)).toThrow(new UsageError(message));
  });

  it('names the option it reads in its message', () => {
    expect(() => parseSize('lots', 'maxFileSize')).toThrow(/^maxFileSize must be a size like 64mb/);
  });
});

describe('formatBytes', () => {
  it.each([
    [1, '1 byte'],
    [2, '2 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024, '10 KiB'],
    [1024 * 1024 - 1, '1024 KiB'],
    [1024 * 1024, '1 MiB'],
    [1.25 * 1024 * 1024, '1.3 MiB'],
    [64 * 1024 * 1024, '64 MiB'],
  ])('%d bytes: %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
