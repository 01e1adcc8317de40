import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { decodeSource, parseGuarded } from '../../src/loader/guards.js';

function refusal(bytes: Buffer): LoadError | undefined {
  try {
    decodeSource('api.yaml', bytes);
    return undefined;
  } catch (error) {
    if (error instanceof LoadError) return error;
    throw error;
  }
}

describe('decodeSource', () => {
  it('refuses overlong forms, surrogates and code points past U+10FFFF, as UTF-8 does', () => {
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]]) {
      expect(refusal(Buffer.from([0x61, ...bad]))?.position, bad.join(' ')).toEqual({ line: 1, column: 2 });
    }
  });

  it('property: valid text decodes unchanged; one bad byte is reported at its line and column', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constant('\n')), { maxLength: 20 }), fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff), (parts, cut, bad) => {
        const text = parts.join('').replace(/\u0000/g, '');
        expect(decodeSource('api.yaml', Buffer.from(text))).toBe(text);
        // Cut between characters, never inside one.
        const characters = [...text];
        const at = characters.length === 0 ? 0 : cut % characters.length;
        const before = characters.slice(0, at).join('');
        const bytes = Buffer.concat([Buffer.from(before), Buffer.from([bad]), Buffer.from(characters.slice(at).join(''))]);
        const lines = before.split('\n');
        expect(refusal(bytes)?.position).toEqual({ line: lines.length, column: lines.at(-1)!.length + 1 });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseGuarded', () => {
  it('outlines a JSON text while checking it, so that findings are located without reading it again', () => {
    const text = '{\n  "openapi": "3.0.3",\n  "paths": {"/a": {"get": {"responses": {}}}}\n}\n';
    const file = parseGuarded('/specs/api.json', text);
    expect(file.outline?.complete).toBe(true);
    expect([...file.outline!.opens]).toEqual([...text.matchAll(/\{/g)].map((match) => match.index));
    expect(file.outline!.endOf(text.indexOf('{"/a"'))).toBe(text.lastIndexOf('}}}}') + 4);
    expect(file.locate(['/paths/~1a/get'])).toEqual(new Map([['/paths/~1a/get', { line: 3, column: 20, endLine: 3, endColumn: 25 }]]));
    expect(parseGuarded('/specs/api.yaml', 'openapi: 3.0.3\n').outline).toBeUndefined();
  });

  it("refuses a $ref that is not a string, at its line and column, in YAML and JSON", () => {
    const yaml = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '401': {$ref: 5}\n";
    const refusal = (path: string, text: string): LoadError => {
      try {
        parseGuarded(path, text);
      } catch (error) {
        if (error instanceof LoadError) return error;
        throw error;
      }
      throw new Error('accepted');
    };
    expect(refusal('/p/api.yaml', yaml).describe('/p')).toBe("api.yaml:6:17: $ref must be a string, a URI such as '#/components/schemas/Pet', not the number 5");
    const json = '{"openapi": "3.0.3",\n "paths": {"/a": {"get": {"responses": {"401": {"$ref": {"a": 1}}}}}}}';
    expect(refusal('/p/api.json', json).describe('/p')).toBe("api.json:2:49: $ref must be a string, a URI such as '#/components/schemas/Pet', not a mapping");
    expect(() => parseGuarded('/p/api.yaml', 'openapi: 3.1.0\ncomponents: {schemas: {A: {properties: {$ref: {type: string}}}}}\n')).not.toThrow();
  });
});
