import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeInJson, locateInJson } from '../src/loader/json-locate.js';
import { appendPointer, getAtPointer } from '../src/loader/pointer.js';

/** Every pointer into a value, the root included. */
function pointersOf(value: unknown, pointer = ''): string[] {
  const out = [pointer];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...pointersOf(item, appendPointer(pointer, index))));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...pointersOf(item, appendPointer(pointer, key)));
  return out;
}

describe('describeInJson', () => {
  it('finds, for every pointer, the text of its value and key and an object’s members, however the JSON is laid out', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom<string | number | undefined>(undefined, 2, '\t', 4), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed: unknown = JSON.parse(text);
        const pointers = pointersOf(parsed);
        const found = describeInJson(text, pointers);
        for (const pointer of pointers) {
          const node = found.get(pointer)!;
          const expected = getAtPointer(parsed, pointer).value;
          expect(JSON.parse(text.slice(...node.valueSpan)), pointer).toEqual(expected);
          if (node.keySpan) expect(JSON.parse(text.slice(...node.keySpan))).toBe(pointer.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~'));
          if (node.kind === 'object') {
            expect(node.members!.map((member) => member.key)).toEqual(Object.keys(expected as object));
            for (const member of node.members!) expect(JSON.parse(text.slice(...member.valueSpan))).toEqual((expected as Record<string, unknown>)[member.key]);
          }
        }
        // The locator the reporters use agrees on every key.
        const located = locateInJson(text, pointers);
        for (const pointer of pointers) if (found.get(pointer)!.keySpan) expect(located.get(pointer)).toEqual(found.get(pointer)!.keySpan);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes escaped keys, and takes the last of duplicated keys as JSON.parse does', () => {
    const text = '{"a\\/b": {"x": 1}, "d": {"h": 1}, "d": {"h": 2, "k": []}}';
    const found = describeInJson(text, ['/a~1b/x', '/d', '/missing']);
    expect(text.slice(...found.get('/a~1b/x')!.valueSpan)).toBe('1');
    expect(found.get('/d')!.members!.map((member) => member.key)).toEqual(['h', 'k']);
    expect(found.has('/missing')).toBe(false);
  });
});
