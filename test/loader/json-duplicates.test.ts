import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countKeysInText, findDuplicateKey } from '../../src/loader/json-duplicates.js';
import { scanValue } from '../../src/loader/value-scan.js';

const countKeysInValue = (value: unknown): number => scanValue(value, false).keys;

/** The first match of `pattern` (global) whose first group took part. */
function firstMatch(pattern: RegExp, text: string): RegExpExecArray | undefined {
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) if (match[1] !== undefined) return match;
  return undefined;
}

describe('duplicate keys in JSON', () => {
  it('finds the second occurrence and the first, at any depth, and only within one object', () => {
    expect(findDuplicateKey('{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}')).toBeUndefined();
    const text = '{"a": {"x": 1, "y": [1, {"x": 2}], "x": 3}}';
    expect(findDuplicateKey(text)).toEqual({ key: 'x', offset: text.lastIndexOf('"x"'), firstOffset: text.indexOf('"x"') });
  });

  it('reads escaped names as JSON does, and is not fooled by quotes, braces and commas in strings', () => {
    expect(findDuplicateKey('{"a\\u0062": 1, "ab": 2}')?.key).toBe('ab');
    expect(findDuplicateKey('{"a\\"": 1, "a\\\\": 2, "s": "}, {\\"a\\": 1, \\"a\\": 2"}')).toBeUndefined();
    expect(findDuplicateKey('{"k": "\\\\", "k": 1}')?.key).toBe('k');
    expect(findDuplicateKey('{"__proto__": 1, "__proto__": 2}')?.key).toBe('__proto__');
  });

  it('property: for any JSON value, the text and the value count the same keys, and a repeated key is found', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(undefined, 1, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(findDuplicateKey(text)).toBeUndefined();
        expect(countKeysInText(text)).toBe(countKeysInValue(JSON.parse(text)));
        // Repeat the first member of the first non-empty object. Strings are matched whole, so
        // a `{` inside one (as in ["{", ":"]) is not taken for an object.
        const match = firstMatch(/"(?:[^"\\]|\\.)*"|\{\s*("(?:[^"\\]|\\.)*")\s*:/g, text);
        if (!match) return;
        const repeated = text.slice(0, match.index + 1) + `${match[1]}: null, ` + text.slice(match.index + 1);
        expect(findDuplicateKey(repeated)?.key).toBe(JSON.parse(match[1]!));
        expect(countKeysInText(repeated)).toBe(countKeysInValue(JSON.parse(repeated)) + 1);
      }),
      // The first: a `{` and a `":` inside strings, which once passed for an object's first member.
      { numRuns: 300, examples: [[[['{', ':'], null], undefined]] },
    );
  });
});
