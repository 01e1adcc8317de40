import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../src/errors.js';
import { readOwnFile } from '../src/own-file.js';

/** readOwnFile on `name` in a fresh folder holding `files`: its text, or the refusal as printed. */
function read(files: Record<string, string | Buffer>, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-own-file-'));
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  try {
    return readOwnFile(join(dir, name), 'baseline', 'no baseline there');
  } catch (error) {
    if (!(error instanceof LoadError)) throw error;
    return `refused: ${error.describe(dir)}`;
  }
}

describe('readOwnFile (a configuration or a baseline)', () => {
  it('reads UTF-8 text, without its byte order mark', () => {
    expect(read({ 'b.json': '{"é": 1}\n' }, 'b.json')).toBe('{"é": 1}\n');
    expect(read({ 'b.json': '\ufeff{"a": 1}\n' }, 'b.json')).toBe('{"a": 1}\n');
    expect(read({ 'b.json': '' }, 'b.json')).toBe('');
    // Past a few bytes, well within the 64 MB limit: a baseline of many findings.
    const large = `{"findings": [${'"x", '.repeat(20_000)}"x"]}\n`;
    expect(read({ 'b.json': large }, 'b.json')).toBe(large);
  });

  it('says what the caller gives for a missing file, and the code for another failure', () => {
    expect(read({}, 'b.json')).toBe('refused: b.json: no baseline there');
    expect(read({ file: 'x' }, 'file/b.json')).toBe('refused: file/b.json: cannot read the baseline (ENOTDIR)');
  });

  it('refuses a folder, a device and a file too large to be one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-own-file-'));
    mkdirSync(join(dir, 'b.json'));
    expect(() => readOwnFile(join(dir, 'b.json'), 'baseline', 'none')).toThrow(new LoadError(join(dir, 'b.json'), 'the baseline is a directory, not a file'));
    expect(() => readOwnFile('/dev/null', 'configuration', 'none')).toThrow(/^the configuration is not a regular file \(a FIFO, socket or device\)$/);
    // A sparse file: its size counts, nothing is read.
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 64 * 1024 * 1024 + 1);
    expect(() => readOwnFile(big, 'baseline', 'none')).toThrow(/^the baseline is over 64 MB, more than any baseline holds$/);
  });

  it('refuses text that is not UTF-8, naming a wider encoding it recognises', () => {
    expect(read({ 'b.json': Buffer.from('\ufeff{}', 'utf16le') }, 'b.json')).toBe('refused: b.json: the baseline is not UTF-8 text (it is UTF-16); save it as UTF-8');
    expect(read({ 'b.json': Buffer.from('{}\n', 'utf16le') }, 'b.json')).toBe('refused: b.json: the baseline is not UTF-8 text (it is UTF-16); save it as UTF-8');
    expect(read({ 'b.json': Buffer.from([0x7b, 0xe9, 0x7d]) }, 'b.json')).toBe('refused: b.json: the baseline is not UTF-8 text; save it as UTF-8');
  });
});
