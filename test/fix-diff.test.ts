import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffPath, headerName, reachableByPatch, unifiedDiff } from '../src/fix/diff.js';
import { applyPatch } from './fix-specs.js';

// Each expected hunk is what GNU `diff -u` prints for the same two texts.
describe('unifiedDiff', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['a final newline added', 'x\ny', 'x\ny\n', ['@@ -1,2 +1,2 @@', ' x', '-y', '\\ No newline at end of file', '+y']],
    ['a final newline removed', 'x\ny\n', 'x\ny', ['@@ -1,2 +1,2 @@', ' x', '-y', '+y', '\\ No newline at end of file']],
    ['a line added before an unterminated last line', 'x\ny', 'x\nz\ny', ['@@ -1,2 +1,3 @@', ' x', '+z', ' y', '\\ No newline at end of file']],
    ['lines added after an unterminated last line', 'x\ny', 'x\ny\nz', ['@@ -1,2 +1,3 @@', ' x', '-y', '\\ No newline at end of file', '+y', '+z', '\\ No newline at end of file']],
    ['a one-line file without newline', 'a', 'b', ['@@ -1 +1 @@', '-a', '\\ No newline at end of file', '+b', '\\ No newline at end of file']],
    ['a line added to a one-line file', 'a\n', 'a\nb\n', ['@@ -1 +1,2 @@', ' a', '+b']],
    ['text added to an empty file', '', 'a\n', ['@@ -0,0 +1 @@', '+a']],
    ['terminated lines', 'a\nb\nc\n', 'a\nB\nc\n', ['@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c']],
    ['a longer last line without newline', 'openapi: 3.0.3\npaths: {}', 'openapi: 3.1.0\npaths: {}', ['@@ -1,2 +1,2 @@', '-openapi: 3.0.3', '+openapi: 3.1.0', ' paths: {}', '\\ No newline at end of file']],
  ];
  for (const [name, before, after, hunk] of cases) {
    it(name, () => {
      expect(unifiedDiff('a/s.yaml', 'b/s.yaml', before, after)).toBe(['--- a/s.yaml', '+++ b/s.yaml', ...hunk, ''].join('\n'));
    });
  }

  it('is empty for equal texts', () => {
    expect(unifiedDiff('a', 'b', 'x\ny', 'x\ny')).toBe('');
  });
});

describe('unifiedDiff hunks', () => {
  const numbered = (count: number, from = 1) => Array.from({ length: count }, (_, index) => `line ${from + index}`);
  const diff = (before: string[], after: string[]) => unifiedDiff('a', 'b', `${before.join('\n')}\n`, `${after.join('\n')}\n`).split('\n').slice(2, -1);

  it('gives three lines of context on each side, and numbers both sides', () => {
    const before = numbered(20);
    const after = [...before.slice(0, 9), 'new', ...before.slice(9)];
    expect(diff(before, after)).toEqual(['@@ -7,6 +7,7 @@', ' line 7', ' line 8', ' line 9', '+new', ' line 10', ' line 11', ' line 12']);
  });

  it('joins changes at most six lines apart into one hunk, and starts a new one further apart', () => {
    const before = numbered(30);
    const near = [...before];
    near[4] = 'five';
    near[11] = 'twelve';
    expect(diff(before, near)).toEqual(['@@ -2,14 +2,14 @@', ...['2', '3', '4'].map((n) => ` line ${n}`), '-line 5', '+five', ...['6', '7', '8', '9', '10', '11'].map((n) => ` line ${n}`), '-line 12', '+twelve', ' line 13', ' line 14', ' line 15']);
    const far = [...before];
    far[4] = 'five';
    far[12] = 'thirteen';
    expect(diff(before, far)).toEqual([
      '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+five', ' line 6', ' line 7', ' line 8',
      '@@ -10,7 +10,7 @@', ' line 10', ' line 11', ' line 12', '-line 13', '+thirteen', ' line 14', ' line 15', ' line 16',
    ]);
  });

  it('numbers a hunk that only removes lines, and one that empties the file', () => {
    expect(diff(numbered(5), ['line 1', 'line 5'])).toEqual(['@@ -1,5 +1,2 @@', ' line 1', '-line 2', '-line 3', '-line 4', ' line 5']);
    expect(unifiedDiff('a', 'b', 'line 1\nline 2\n', '')).toBe(['--- a', '+++ b', '@@ -1,2 +0,0 @@', '-line 1', '-line 2', ''].join('\n'));
  });

  // Over 4,000,000 line pairs between the first and the last change, the diff is a walk that
  // looks a bounded distance ahead instead of an exact table: a first and a last line changed.
  const large = (middle: (lines: string[]) => string[]): string[] => {
    const before = numbered(2_100);
    const after = middle(before);
    after[1] = 'first';
    after[after.length - 2] = 'last';
    return diff(before, after);
  };
  const ends = {
    first: ['@@ -1,5 +1,5 @@', ' line 1', '-line 2', '+first', ' line 3', ' line 4', ' line 5'],
    last: ['@@ -2096,5 +2096,5 @@', ' line 2096', ' line 2097', ' line 2098', '-line 2099', '+last', ' line 2100'],
  };

  it('finds in a large file the hunks an exact diff finds: lines inserted, removed and replaced', () => {
    const hunks = large((before) => [...before.slice(0, 1000), 'headers:', '  Retry-After: {}', ...before.slice(1000, 1500), ...before.slice(1502, 1800), 'changed', ...before.slice(1801)]);
    expect(hunks).toEqual([
      ...ends.first,
      '@@ -998,6 +998,8 @@', ' line 998', ' line 999', ' line 1000', '+headers:', '+  Retry-After: {}', ' line 1001', ' line 1002', ' line 1003',
      '@@ -1498,8 +1500,6 @@', ' line 1498', ' line 1499', ' line 1500', '-line 1501', '-line 1502', ' line 1503', ' line 1504', ' line 1505',
      '@@ -1798,7 +1798,7 @@', ' line 1798', ' line 1799', ' line 1800', '-line 1801', '+changed', ' line 1802', ' line 1803', ' line 1804',
      ...ends.last,
    ]);
  });

  it('in a large file, takes a line found again as where the texts agree only when the two after it agree too', () => {
    // A block inserted before a `headers:` line holds a `headers:` of its own: one line alike is
    // no anchor, so the whole block shows as added, as an exact diff shows it.
    const before = numbered(2_100);
    before[1000] = 'headers:';
    const after = [...before.slice(0, 1000), 'X-Region:', 'headers:', '  Retry-After: {}', ...before.slice(1000)];
    after[1] = 'first';
    after[after.length - 2] = 'last';
    expect(diff(before, after)).toEqual([...ends.first, '@@ -998,6 +998,9 @@', ' line 998', ' line 999', ' line 1000', '+X-Region:', '+headers:', '+  Retry-After: {}', ' headers:', ' line 1002', ' line 1003', ...ends.last.map((line) => line.replace('+2096,5', '+2099,5'))]);
  });
});

// Whatever the texts, `patch` turns the old one into the new with the diff: small texts take
// the exact diff, large ones the walk that looks ahead; lines repeat, ends lack a newline.
describe('unifiedDiff, applied by patch', () => {
  let seed = 20261128;
  const random = (below: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % below;
  };
  const texts = (large: boolean): [string, string] => {
    const words = 1 + random(large ? 40 : 5);
    const line = (): string => `x${random(words)}`;
    const before = Array.from({ length: large ? 2_100 + random(900) : random(30) }, () => (random(3) === 0 ? `line ${random(100_000)}` : line()));
    const after = [...before];
    for (let edit = random(large ? 25 : 6); edit > 0; edit--) {
      const at = random(after.length + 1);
      const kind = random(4);
      if (kind === 0) after.splice(at, 0, ...Array.from({ length: 1 + random(5) }, line));
      else if (kind === 1) after.splice(at, 1 + random(4));
      else if (kind === 2) after.splice(at, 1, `changed ${random(words)}`);
      else after.splice(at, random(3), ...Array.from({ length: random(600) }, line));
    }
    // Changes at both ends leave thousands of lines between them: the walk, not the table.
    if (large) after.splice(1, 1, 'first'), after.splice(after.length - 2, 1, 'last');
    const end = (): string => (random(4) === 0 ? '' : '\n');
    return [before.join('\n') + end(), after.join('\n') + end()];
  };

  it.skipIf(process.platform === 'win32')('gives a diff that turns the old text into the new', () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-diff-patch-'));
    const file = join(dir, 'spec.yaml');
    for (let round = 0; round < 60; round++) {
      const [before, after] = texts(round % 4 === 0);
      writeFileSync(file, before);
      const diff = unifiedDiff('a/spec.yaml', 'b/spec.yaml', before, after);
      if (before === after) {
        expect(diff).toBe('');
        continue;
      }
      const patch = applyPatch(['-p1', '-s', '--batch', '-d', dir], { input: diff, encoding: 'utf8' });
      expect(patch.status, `${patch.stderr}${patch.stdout}`).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(after);
    }
  });
});

describe('the names a dry-run diff gives', () => {
  it('writes a name as patch reads it: a tab after one with a space, C escapes in quotes where needed', () => {
    expect(headerName('a/api.yaml')).toBe('a/api.yaml');
    expect(headerName('a/my api.yaml')).toBe('a/my api.yaml\t');
    expect(headerName('a/say "hi".yaml')).toBe('"a/say \\"hi\\".yaml"');
    expect(headerName('a\\b\tc\nd\re\x01f\x7f.yaml')).toBe('"a\\\\b\\tc\\nd\\re\\001f\\177.yaml"');
    expect(unifiedDiff('a/my api.yaml', 'b/my api.yaml', 'x\n', 'y\n').split('\n').slice(0, 2)).toEqual(['--- a/my api.yaml\t', '+++ b/my api.yaml\t']);
  });

  it('tells the names patch -p1 reaches from the working directory', () => {
    expect(['api.yaml', 'sub/api.yaml', 'a..b/api.yaml'].map(reachableByPatch)).toEqual([true, true, true]);
    expect(['../api.yaml', 'sub/../../api.yaml', '/abs/api.yaml'].map(reachableByPatch)).toEqual([false, false, false]);
  });

  it.skipIf(process.platform === 'win32')('names a file by its real path from the real working directory, and one not there from its folder', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-diff-path-')));
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'api.yaml'), 'x\n');
    symlinkSync('specs/api.yaml', join(dir, 'link.yaml'));
    symlinkSync(dir, join(dir, 'here'));
    expect(diffPath(join(dir, 'link.yaml'), join(dir, 'here'))).toBe('specs/api.yaml');
    expect(diffPath(join(dir, 'here', 'specs', 'new.yaml'), dir)).toBe('specs/new.yaml');
    expect(diffPath(join(dir, 'gone', 'new.yaml'), dir)).toBe('gone/new.yaml');
  });
});
