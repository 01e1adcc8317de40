import { describe, expect, it, vi } from 'vitest';

// Counts the Documents built: the check that an edited YAML text parses again should not build
// one when the fast reader takes the text (on GitHub's 10 MB description that was 1.9 s of 7.3).
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return { ...actual, parseDocument: (...args: Parameters<typeof actual.parseDocument>) => (built.count++, actual.parseDocument(...args)) };
});

const { applyParsable } = await import('../src/fix/apply.js');

describe('the parse check after a YAML edit', () => {
  it('reads plain YAML with the fast reader, without building a Document', () => {
    built.count = 0;
    const text = 'a: 1\nb:\n  c: 2\n';
    expect(applyParsable(text, [{ start: 15, end: 15, text: '  d: 3\n' }], 'yaml')).toEqual({ text: 'a: 1\nb:\n  c: 2\n  d: 3\n', dropped: new Set() });
    expect(built.count).toBe(0);
  });

  it('leaves to yaml what the fast reader declines, and still refuses a duplicate key', () => {
    built.count = 0;
    // An anchor: outside the fast reader's subset, so yaml decides (and accepts).
    const anchored = 'a: &x 1\nb: *x\n';
    expect(applyParsable(anchored, [{ start: 14, end: 14, text: 'c: 2\n' }], 'yaml').dropped).toEqual(new Set());
    expect(built.count).toBeGreaterThan(0);
    const duplicated = 'a: 1\nb: 2\n';
    expect(applyParsable(duplicated, [{ start: 10, end: 10, text: 'a: 3\n' }], 'yaml')).toEqual({ text: duplicated, dropped: new Set([0]) });
  });
});
