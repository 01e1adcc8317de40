import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/fix/diff.js';

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
