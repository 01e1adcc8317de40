import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countKeysInText } from '../src/loader/json-duplicates.js';
import { describeInJson, locateInJson, type Span } from '../src/loader/json-locate.js';
import { JsonOutline } from '../src/loader/json-outline.js';
import { LineIndex } from '../src/loader/line-index.js';
import { getAtPointer } from '../src/loader/pointer.js';
import { scanValue } from '../src/loader/value-scan.js';
import { pointersOf } from './pointers.js';

/** The pointer of the container that opens at `offset` in the little text of the outline test. */
function pointerAt(text: string, offset: number): string {
  return { 0: '', [text.indexOf('[')]: '/a', [text.indexOf('{"b"')]: '/a/1', [text.indexOf('{}')]: '/a/1/b' }[offset]!;
}

/** What describeInJson calls the kind of a parsed value. */
function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value !== null && typeof value === 'object' ? 'object' : 'scalar';
}

/** `items` in an order drawn from `seed` (Fisher–Yates over a linear congruential sequence). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let index = out.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const other = state % (index + 1);
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}

/**
 * JSON as people write it by hand, not as JSON.stringify lays it out: array elements opening on
 * the line where the previous one closes (`}, {`), a space or a tab before a comma, a value
 * that ends its line.
 */
const HAND_WRITTEN = [
  '{',
  '  "tags": [{',
  '    "name": "pets"',
  '  }, {',
  '    "name": "store"',
  '  }],',
  '  "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok"} , "404": {"description": "missing"}}}}, "/store": {}},',
  '  "x-codes": [200 , 404\t, 500',
  '  ]',
  '}',
].join('\n');

describe('describeInJson', () => {
  it('finds, for every pointer, the text of its value and key and an object’s members, however the JSON is laid out', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom<string | number | undefined>(undefined, 2, '\t', 4), fc.boolean(), fc.nat(), (value, indent, crlf, seed) => {
        // A string cannot hold a raw newline, so each one written is layout.
        const pretty = JSON.stringify(value, null, indent);
        const text = crlf ? pretty.replace(/\n/g, '\r\n') : pretty;
        const parsed: unknown = JSON.parse(text);
        const pointers = pointersOf(parsed);
        const found = describeInJson(text, pointers);
        for (const pointer of pointers) {
          const node = found.get(pointer)!;
          const expected = getAtPointer(parsed, pointer).value;
          expect(JSON.parse(text.slice(...node.valueSpan)), pointer).toEqual(expected);
          if (node.keySpan) expect(JSON.parse(text.slice(...node.keySpan))).toBe(pointer.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~'));
          expect(node.kind, pointer).toBe(kindOf(expected));
          expect(node.members === undefined, pointer).toBe(node.kind !== 'object');
          if (node.kind === 'object') {
            expect(node.members!.map((member) => member.key)).toEqual(Object.keys(expected as object));
            for (const member of node.members!) {
              const memberValue = (expected as Record<string, unknown>)[member.key];
              expect(JSON.parse(text.slice(...member.valueSpan))).toEqual(memberValue);
              expect(member.kind).toBe(kindOf(memberValue));
            }
          }
        }
        // The locator the reporters use agrees on every key and every array element, lines
        // counted as LineIndex counts them.
        const located = locateInJson(text, pointers);
        const lines = new LineIndex(text);
        for (const pointer of pointers.slice(1)) {
          const { keySpan, valueSpan } = found.get(pointer)!;
          expect(located.get(pointer), pointer).toEqual(lines.region(...(keySpan ?? valueSpan)));
        }
        // Pointers share prefixes with their neighbours in any order, not only depth first:
        // the findings of several rules arrive interleaved.
        expect(locateInJson(text, [...pointers].reverse())).toEqual(located);
        expect(locateInJson(text, shuffled(pointers, seed))).toEqual(located);
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

  it('describes exactly the values asked for, as written by hand, and nothing for a pointer that is not there', () => {
    for (const text of [HAND_WRITTEN, HAND_WRITTEN.replace(/\n/g, '\r\n')]) {
      // Not there: past the end of an array, inside a string.
      const found = describeInJson(text, ['/tags/1/name', '/x-codes/1', '/x-codes/2', '/tags/2', '/tags/1/name/0', '/paths/~1pets/get/responses']);
      expect([...found.keys()].sort()).toEqual(['/paths/~1pets/get/responses', '/tags/1/name', '/x-codes/1', '/x-codes/2']);
      const written = (span: Span | undefined): string | undefined => span && text.slice(...span);
      const name = found.get('/tags/1/name')!;
      expect([name.kind, written(name.keySpan), written(name.valueSpan), name.members]).toEqual(['scalar', '"name"', '"store"', undefined]);
      // A number ends where its digits do, not at the tab, space or line end after it.
      expect(written(found.get('/x-codes/1')!.valueSpan)).toBe('404');
      expect(written(found.get('/x-codes/2')!.valueSpan)).toBe('500');
      const responses = found.get('/paths/~1pets/get/responses')!;
      expect(responses.kind).toBe('object');
      expect(responses.members!.map((member) => [member.key, member.kind, written(member.keySpan), written(member.valueSpan)])).toEqual([
        ['200', 'object', '"200"', '{"description": "ok"}'],
        ['404', 'object', '"404"', '{"description": "missing"}'],
      ]);
    }
  });

  it('reads a text that still starts with a byte-order mark', () => {
    const text = '\ufeff{"openapi": "3.1.0"}';
    const found = describeInJson(text, ['', '/openapi']);
    expect(found.get('')).toMatchObject({ kind: 'object', valueSpan: [1, text.length] });
    expect(text.slice(...found.get('/openapi')!.valueSpan)).toBe('"3.1.0"');
  });
});

/** The outline the loader records for `text` (guards.ts): room for the parsed value's containers. */
function outlineOf(text: string): JsonOutline {
  const outline = new JsonOutline(scanValue(JSON.parse(text), false).containers);
  countKeysInText(text, outline);
  return outline;
}

describe('locateInJson', () => {
  it('with the text’s outline, finds every key and element where reading the text finds them', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom<string | number | undefined>(undefined, 2, '\t', 4), fc.boolean(), (value, indent, crlf) => {
        const pretty = JSON.stringify(value, null, indent);
        const text = crlf ? pretty.replace(/\n/g, '\r\n') : pretty;
        const pointers = pointersOf(JSON.parse(text));
        const outline = outlineOf(text);
        expect(outline.complete).toBe(true);
        // Every pointer at once, and each one alone: alone, the reader steps over far more.
        expect(locateInJson(text, pointers, outline)).toEqual(locateInJson(text, pointers));
        for (const pointer of pointers) expect(locateInJson(text, [pointer], outline), pointer).toEqual(locateInJson(text, [pointer]));
      }),
      { numRuns: 300 },
    );
  });

  it('describeInJson, with the text’s outline, describes every value as reading the text does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom<string | number | undefined>(undefined, 2, '\t', 4), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const pointers = pointersOf(JSON.parse(text));
        const outline = outlineOf(text);
        expect(describeInJson(text, pointers, outline)).toEqual(describeInJson(text, pointers));
        for (const pointer of pointers) expect(describeInJson(text, [pointer], outline), pointer).toEqual(describeInJson(text, [pointer]));
      }),
      { numRuns: 300 },
    );
  });

  it('outlines every container and line, and says when the containers did not fit', () => {
    const text = '{\n  "a": [1, {"b": {}}],\n  "c": "{[\\"]}"\n}';
    const outline = outlineOf(text);
    expect(outline.complete).toBe(true);
    for (const open of [0, text.indexOf('['), text.indexOf('{"b"'), text.indexOf('{}')]) {
      const end = outline.endOf(open);
      expect(JSON.parse(text.slice(open, end)), text.slice(open, end)).toEqual(getAtPointer(JSON.parse(text), pointerAt(text, open)).value);
    }
    // Brackets inside a string open nothing.
    expect(outline.endOf(text.indexOf('"{[') + 1)).toBe(-1);
    expect(outline.lineStarts).toEqual([0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)]);
    expect(outline.lines!.position(text.indexOf('"c"'))).toEqual({ line: 3, column: 3 });

    // A text holding more containers than the value (a repeated key dropped one) is not outlined.
    const repeated = '{"a": {"x": [1]}, "a": {}}';
    const short = new JsonOutline(scanValue(JSON.parse(repeated), false).containers);
    countKeysInText(repeated, short);
    expect(short.complete).toBe(false);
    // Nor used: not even the containers recorded before room ran out.
    for (const open of [0, repeated.indexOf('{"x"'), repeated.indexOf('[')]) expect(short.endOf(open)).toBe(-1);
  });

  it('marks a key, or the first line of an element, before the CR of a CRLF', () => {
    const text = '{\r\n  "a": [\r\n    1,\r\n    {\r\n      "b": 2\r\n    }\r\n  ]\r\n}';
    const located = locateInJson(text, ['/a', '/a/0', '/a/1', '/a/1/b', '']);
    expect(located.get('')).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(located.get('/a')).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 6 });
    expect(located.get('/a/0')).toEqual({ line: 3, column: 5, endLine: 3, endColumn: 6 });
    expect(located.get('/a/1')).toEqual({ line: 4, column: 5, endLine: 4, endColumn: 6 });
    expect(located.get('/a/1/b')).toEqual({ line: 5, column: 7, endLine: 5, endColumn: 10 });
  });

  it('finds keys and elements as written by hand, with or without the outline, and skips pointers that are not there', () => {
    // [pointer, line, the text marked on it]; the order is one in which findings of several
    // rules arrive: back into a path after a finding on another.
    const expected: Array<[string, number, string]> = [
      ['/paths/~1pets/get', 7, '"get"'],
      ['/paths/~1store', 7, '"/store"'],
      ['/paths/~1pets/get/responses/404', 7, '"404"'],
      ['/tags/1', 4, '{'],
      ['/tags/1/name', 5, '"name"'],
      ['/x-codes/0', 8, '200'],
      ['/x-codes/1', 8, '404'],
      ['/x-codes/2', 8, '500'],
    ];
    // Not there: past the end of an array, inside a string, a member the object lacks.
    const missing = ['/tags/2', '/tags/1/name/0', '/paths/~1pets/post'];
    for (const text of [HAND_WRITTEN, HAND_WRITTEN.replace(/\n/g, '\r\n')]) {
      const lines = text.split('\n');
      for (const outline of [undefined, outlineOf(text)]) {
        const located = locateInJson(text, [...expected.map(([pointer]) => pointer), ...missing], outline);
        const marked = [...located].map(([pointer, region]) => {
          expect(region.endLine, pointer).toBe(region.line);
          return [pointer, region.line, lines[region.line - 1]!.slice(region.column - 1, region.endColumn - 1)];
        });
        expect(marked).toEqual(expect.arrayContaining(expected));
        expect(marked).toHaveLength(expected.length);
      }
    }
  });

  it('refuses what is not a JSON pointer', () => {
    expect(() => locateInJson('{"paths": {}}', ['paths'])).toThrow("not a JSON pointer: 'paths'");
  });

  it('tells apart keys that are prefixes of each other, escaped keys, and nested arrays on one line', () => {
    const text = '{"ab":[[0,[1,{"a\\u0062\\"":2}]]],"a":{"a/b~c":3},"abc":4}';
    const located = locateInJson(text, ['/ab/0/1/1/ab"', '/a/a~1b~0c', '/abc', '/ab/0/1']);
    const at = (pointer: string): string => {
      const region = located.get(pointer)!;
      return text.slice(region.column - 1, region.endColumn - 1);
    };
    expect(at('/ab/0/1/1/ab"')).toBe('"a\\u0062\\""');
    expect(at('/a/a~1b~0c')).toBe('"a/b~c"');
    expect(at('/abc')).toBe('"abc"');
    expect(at('/ab/0/1')).toBe('[1,{"a\\u0062\\"":2}]');
  });
});
