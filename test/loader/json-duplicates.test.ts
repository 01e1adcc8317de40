import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { countKeysInText, findDuplicateKey, refuseDuplicateKeys } from '../../src/loader/json-duplicates.js';
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

/** What the loader says of `text` (guards.ts), or undefined when it takes it. */
function refusal(text: string): string | undefined {
  try {
    refuseDuplicateKeys('/p/api.json', text, countKeysInValue(JSON.parse(text)));
  } catch (error) {
    if (error instanceof LoadError) return `${error.position?.line}:${error.position?.column}: ${error.detail}`;
    throw error;
  }
  return undefined;
}

describe('refuseDuplicateKeys', () => {
  const keepOne = 'tools disagree on which value wins, so keep one';
  const cases: Array<[string, string, string | undefined]> = [
    ['the same name in different objects', '{"200": {"description": "OK"}, "404": {"200": 1}}', undefined],
    [
      'a status code written twice',
      '{\n  "responses": {\n    "200": {"description": "OK"},\n    "404": {"description": "Not found"},\n    "200": {"description": "Created"}\n  }\n}',
      `5:5: invalid JSON: duplicate key "200" (first at line 3, column 5); ${keepOne}`,
    ],
    ['a name with a quote, as JSON writes it', '{"a\\"b": 1, "a\\u0022b": 2}', `1:13: invalid JSON: duplicate key "a\\"b" (first at line 1, column 2); ${keepOne}`],
    ['a name of 81 characters, cut at 80', `{"${'x'.repeat(81)}": 1,\n"${'x'.repeat(81)}": 2}`, `2:1: invalid JSON: duplicate key "${'x'.repeat(80)}…" (first at line 1, column 2); ${keepOne}`],
    ['a name of 80 characters, whole', `{"${'x'.repeat(80)}": 1,\n"${'x'.repeat(80)}": 2}`, `2:1: invalid JSON: duplicate key "${'x'.repeat(80)}" (first at line 1, column 2); ${keepOne}`],
  ];
  for (const [name, text, expected] of cases) {
    it(`${expected ? 'refuses' : 'takes'} ${name}`, () => {
      expect(refusal(text)).toBe(expected);
    });
  }
});
