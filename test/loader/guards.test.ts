import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { decodeSource, decodeWide, parseGuarded, wideEncodingOf, type WideEncoding } from '../../src/loader/guards.js';

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

/** `text` in a wide encoding, with a byte-order mark when `bom`. */
function encoded(text: string, encoding: WideEncoding, bom: boolean): Buffer {
  const whole = bom ? `\ufeff${text}` : text;
  if (encoding === 'utf-16le') return Buffer.from(whole, 'utf16le');
  if (encoding === 'utf-16be') return Buffer.from(whole, 'utf16le').swap16();
  const points = [...whole].map((character) => character.codePointAt(0)!);
  const bytes = Buffer.alloc(points.length * 4);
  points.forEach((point, index) => (encoding === 'utf-32le' ? bytes.writeUInt32LE(point, index * 4) : bytes.writeUInt32BE(point, index * 4)));
  return bytes;
}

describe('wideEncodingOf and decodeWide: a spec saved as UTF-16 or UTF-32 is recognised and read', () => {
  const ENCODINGS: WideEncoding[] = ['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'];
  const text = "openapi: 3.1.0\ninfo: {title: 'Fusée 🚀', version: '1'}\n";

  it.each(ENCODINGS.flatMap((encoding) => [[encoding, true] as const, [encoding, false] as const]))('%s, byte-order mark %s', (encoding, bom) => {
    const bytes = encoded(text, encoding, bom);
    expect(wideEncodingOf(bytes)).toBe(encoding);
    expect(decodeWide(bytes, encoding)).toBe(text);
  });

  it('JSON, whose first character is a brace, too', () => {
    for (const encoding of ENCODINGS) expect(wideEncodingOf(encoded('{"openapi": "3.1.0"}', encoding, false)), encoding).toBe(encoding);
  });

  it('UTF-8 text, with or without a byte-order mark, and files too short to tell, are none of them', () => {
    for (const bytes of [Buffer.from(text), Buffer.from(`\ufeff${text}`), Buffer.from('{}'), Buffer.from('a: 1'), Buffer.from([0x61, 0, 0x62]), Buffer.alloc(0), Buffer.from('\u00e9t\u00e9: 1')]) {
      expect(wideEncodingOf(bytes), JSON.stringify(bytes.toString('latin1'))).toBeUndefined();
    }
  });

  it('a byte-order mark alone tells the encoding of a file too short for the NUL pattern', () => {
    expect(wideEncodingOf(Buffer.from([0xff, 0xfe]))).toBe('utf-16le');
    expect(wideEncodingOf(Buffer.from([0xfe, 0xff]))).toBe('utf-16be');
    expect(wideEncodingOf(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
    expect(wideEncodingOf(Buffer.from([0xff, 0xfe, 0, 0]))).toBe('utf-32le');
    expect(wideEncodingOf(Buffer.from([0, 0, 0xfe, 0xff]))).toBe('utf-32be');
  });

  it('drops a dangling odd byte of UTF-16 and an incomplete UTF-32 unit; a UTF-32 unit past U+10FFFF reads as U+FFFD', () => {
    expect(decodeWide(Buffer.concat([encoded('a: 1', 'utf-16be', true), Buffer.from([0x62])]), 'utf-16be')).toBe('a: 1');
    expect(decodeWide(Buffer.concat([encoded('a: 1', 'utf-16le', false), Buffer.from([0x62])]), 'utf-16le')).toBe('a: 1');
    expect(decodeWide(Buffer.concat([encoded('a', 'utf-32le', false), Buffer.from([0x62, 0, 0])]), 'utf-32le')).toBe('a');
    expect(decodeWide(Buffer.from([0, 0, 0x11, 0, 0x61, 0, 0, 0]), 'utf-32le')).toBe('\ufffda');
    expect(decodeWide(Buffer.from([0, 0x10, 0xff, 0xff]), 'utf-32be')).toBe('\u{10ffff}');
  });
});

describe('decodeSource refuses what is no UTF-8 text, saying why and where', () => {
  const why = (bytes: Buffer) => refusal(bytes)?.describe();
  it.each([
    ['UTF-16 with a byte-order mark', encoded('openapi: 3.1.0\n', 'utf-16le', true), 'api.yaml: the file is UTF-16 (or UTF-32) text; save it as UTF-8'],
    ['UTF-32 without one', encoded('openapi: 3.1.0\n', 'utf-32be', false), 'api.yaml: the file is UTF-16 (or UTF-32) text; save it as UTF-8'],
    ['a NUL byte', Buffer.from('openapi: 3.1.0\ninfo: {title: \u0000}\n'), 'api.yaml:2:15: binary content (a NUL byte), not a YAML or JSON text file'],
    ['Latin-1 text', Buffer.from('openapi: 3.1.0\ninfo: {title: caf\u00e9}\n', 'latin1'), 'api.yaml:2:18: not valid UTF-8 (byte 0xe9); save the file as UTF-8'],
    ['a lone continuation byte after a character of three bytes', Buffer.concat([Buffer.from('a: \u20ac'), Buffer.from([0x85])]), 'api.yaml:1:5: not valid UTF-8 (byte 0x85); save the file as UTF-8'],
    ['a character of four bytes cut short', Buffer.concat([Buffer.from('a: \u{1f680}'), Buffer.from([0xf0, 0x9f, 0x9a])]), 'api.yaml:1:6: not valid UTF-8 (byte 0xf0); save the file as UTF-8'],
  ])('%s', (_, bytes, expected) => {
    expect(why(bytes)).toBe(expected);
  });

  it('keeps a UTF-8 byte-order mark and text with characters of every length', () => {
    const text = '\ufeffa: "\u00e9 \u20ac \u{1f680}"\n';
    expect(decodeSource('api.yaml', Buffer.from(text))).toBe(text);
  });
});

describe('parseGuarded turns what a parser says on absurd input into one clear refusal', () => {
  const refused = (path: string, text: string): string => {
    try {
      parseGuarded(path, text);
    } catch (error) {
      if (error instanceof LoadError) return error.describe('/p');
      throw error;
    }
    throw new Error('accepted');
  };

  it('a second YAML document, at its marker', () => {
    expect(refused('/p/api.yaml', 'openapi: 3.1.0\npaths: {}\n---\nopenapi: 3.0.3\n')).toBe("api.yaml:3:1: invalid YAML: a second document starts here ('---'); an OpenAPI spec is one document");
    // In a file the yaml library reads (it has an anchor), as in one statuslint's own reader reads.
    expect(refused('/p/api.yaml', 'openapi: 3.1.0\nx-ok: &ok {description: OK}\npaths: {}\n---\nopenapi: 3.0.3\n')).toBe("api.yaml:4:1: invalid YAML: a second document starts here ('---'); an OpenAPI spec is one document");
  });

  it('aliases that multiply the document more than ten times over a hundred thousand nodes, not fewer', () => {
    // A mapping of `keys` members, aliased `uses` times.
    const aliased = (keys: number, uses: number) =>
      `base: &b\n${Array.from({ length: keys }, (_, index) => `  k${index}: v`).join('\n')}\n${Array.from({ length: uses }, (_, index) => `u${index}: *b`).join('\n')}\n`;
    expect(refused('/p/api.yaml', aliased(1000, 120))).toBe(
      'api.yaml: invalid YAML: aliases expand 1,002 nodes to 121,122, over 10 times as many; write the repeated parts out or share them with $ref',
    );
    // Under the floor, however many times over: 21,022 nodes.
    expect(() => parseGuarded('/p/api.yaml', aliased(1000, 20))).not.toThrow();
    // The same aliases with 30,000 more nodes written out: 151,122, under ten times 31,002.
    const written = `${Array.from({ length: 30_000 }, (_, index) => `w${index}: v`).join('\n')}\n${aliased(1000, 120)}`;
    expect(() => parseGuarded('/p/api.yaml', written)).not.toThrow();
  });
});
