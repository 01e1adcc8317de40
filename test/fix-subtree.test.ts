import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';

// Every text the editor reads into a tree, to tell a member's lines from the whole file.
const { parsedTexts } = vi.hoisted(() => ({ parsedTexts: [] as string[] }));
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      parsedTexts.push(args[0]);
      return actual.parseDocument(...args);
    },
  };
});
import { EditableFile } from '../src/fix/edit.js';
import { parseSource, type SourceFile } from '../src/loader/parse.js';
import { appendPointer } from '../src/loader/pointer.js';
import { pointersOf } from './pointers.js';

// --fix reads the lines of the one member it edits when the fast YAML reader read the file
// (EditableFile.subtree), not the whole text into a tree: every map and key it sees there must
// be what a tree of the whole text shows, offsets included.

/** What an edit reads at `pointer`: the map there, and where its key is written. */
function seen(file: EditableFile, pointer: string): unknown {
  return { map: file.mapAt(pointer), key: file.keySpan(pointer) };
}

/**
 * Compares the two readings at every pointer: each pointer asked first of a fresh file (the
 * tree is then that member's own), and all of them of one file, deepest first and then in
 * order (a tree made for a member serves the members below it).
 */
function expectSameViews(source: SourceFile, pointers: readonly string[]): void {
  const whole = new EditableFile(source.path, source.text, 'yaml');
  for (const pointer of pointers) {
    expect(seen(new EditableFile(source.path, source.text, 'yaml', source), pointer), pointer).toEqual(seen(whole, pointer));
  }
  const shared = new EditableFile(source.path, source.text, 'yaml', source);
  for (const pointer of [...pointers].reverse()) expect(seen(shared, pointer), pointer).toEqual(seen(whole, pointer));
  const inOrder = new EditableFile(source.path, source.text, 'yaml', source);
  for (const pointer of pointers) expect(seen(inOrder, pointer), pointer).toEqual(seen(whole, pointer));
}

/** Parsed by the fast reader, or undefined when the text is not YAML it takes. */
function fastRead(text: string): SourceFile | undefined {
  let source: SourceFile;
  try {
    source = parseSource('/specs/api.yaml', text);
  } catch {
    return undefined;
  }
  const first = Object.keys(source.value as object)[0];
  return first === undefined || source.keyStart(appendPointer('', first)) === undefined ? undefined : source;
}

describe('--fix on YAML the fast reader read', () => {
  const layouts: Array<[string, string[]]> = [
    ['a comment at column 0 inside a member, and after it', ['r:', '  401:', '    description: x', '# between', '    content: {}', '# after', '  403:', '    description: y']],
    ['a kept block scalar ending a member, blank lines after it', ['r:', "  '401':", '    description: |+', '      text', '', '', '  403: {description: y}']],
    ['a sequence at its key’s indentation', ['r:', '  401:', '    tags:', '    - a', '    - b', '  403:', '    description: y']],
    ['a member written inside a flow map and in a sequence item', ['r: {401: {description: x}}', 's:', '  - a: 1', '    b: {c: 2}']],
    ['a member named as the flow map around it', ['x: {x: {y: 1}}', 'z:', '  z: {z: 2}']],
    ['a sequence item written on the line after its dash', ['x:', '-', '  0: {a: 1}', '  1: 2', '- y']],
    ['a tab inside a block scalar, after its indentation', ['r:', '  401:', '    description: |', '      a', '      \t', '      b', '    x: 1', '  403: {y: 2}']],
    ['a comment line indented under a member’s last entry', ['r:', '  s:', '    b: false', '    a:', '      - 0', '      # note', '  t: 1']],
    ['no final newline', ['r:', '  401:', '    description: x', '    headers:', '      X-A: {schema: {type: string}}']],
    ['CRLF line ends', ['r:\r', '  401:\r', '    description: x\r', '  403:\r', '    description: y\r']],
    ['a document start, comments before the first key', ['# head', '---', 'r:', '  # note', '  401:', '      description: deeper', '  403:', '    x: 1']],
  ];
  for (const [name, lines] of layouts) {
    it(`sees each map and key as the whole text’s tree does: ${name}`, () => {
      const text = lines.join('\n') + (name === 'no final newline' ? '' : '\n');
      const source = fastRead(text);
      expect(source, 'read by the fast reader').toBeDefined();
      expectSameViews(source!, pointersOf(source!.value));
    });
  }

  it('sees each map and key as the whole text’s tree does, whatever the values and layout', () => {
    const key = fc.oneof(fc.constantFrom('200', '401', 'headers', 'description', 'a b', '#x', "it's", '- y'), fc.string({ maxLength: 6 }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('line\nnext', 'kept\n\n', ' lead', 'a: b')), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    const options = fc.record({ indent: fc.constantFrom(2, 4), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 20, 80), singleQuote: fc.boolean() });
    // Comment lines dropped in between lines, at some indentation: where yaml rejects the text
    // or the fast reader declines it, the case is skipped.
    const comments = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 })), { maxLength: 3 });
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), options, comments, fc.boolean(), (root, style, notes, crlf) => {
        const lines = stringify(root, style).split('\n');
        for (const [at, indent] of notes) lines.splice(at % lines.length, 0, `${' '.repeat(indent)}# note`);
        const text = crlf ? lines.join('\r\n') : lines.join('\n');
        const source = fastRead(text);
        fc.pre(source !== undefined);
        expectSameViews(source!, pointersOf(source!.value));
      }),
      { numRuns: 250 },
    );
  });
});

describe('what --fix reads of a YAML spec the fast reader read', () => {
  const text = [
    'openapi: 3.0.3',
    'paths:',
    '  /a:',
    '    get:',
    '      responses:',
    "        '401':",
    '          description: no',
    "        '429':",
    '          description: slow',
    '          headers:',
    '            X-A: {schema: {type: string}}',
    '  /b:',
    '    get:',
    '      responses: {200: {description: ok}}',
    '',
  ].join('\n');
  /** The text from the start of the line holding `from` to just before `to`, or to the end. */
  const lines = (from: string, to?: string): string => text.slice(text.lastIndexOf('\n', text.indexOf(from)) + 1, to === undefined ? text.length : text.indexOf(to));

  it('is the lines of the member it edits, once for the nodes below it, and the whole text only for a member written inline', () => {
    const source = parseSource('/specs/api.yaml', text);
    const file = new EditableFile(source.path, source.text, 'yaml', source);
    parsedTexts.length = 0;
    expect(file.mapAt('/paths/~1a/get/responses/429')).toBeDefined();
    expect(file.mapAt('/paths/~1a/get/responses/429/headers')).toBeDefined();
    expect(file.keySpan('/paths/~1a/get/responses/429/headers/X-A')).toBeDefined();
    expect(file.mapAt('/paths/~1a/get/responses/429')).toBeDefined();
    expect(parsedTexts).toEqual([lines("'429':", '  /b:')]);
    expect(file.mapAt('/paths/~1a/get/responses/401')).toBeDefined();
    expect(parsedTexts.slice(1)).toEqual([lines("'401':", "        '429':")]);
    // `200` is written inside a flow map: its own line is `responses:`, whose lines are read.
    expect(file.mapAt('/paths/~1b/get/responses/200')).toBeDefined();
    expect(parsedTexts.slice(2)).toEqual([lines('      responses: {200')]);
    // Without what the loader learnt, the whole text, once.
    parsedTexts.length = 0;
    const whole = new EditableFile(source.path, source.text, 'yaml');
    expect(whole.mapAt('/paths/~1a/get/responses/429')).toBeDefined();
    expect(whole.mapAt('/paths/~1a/get/responses/401')).toBeDefined();
    expect(parsedTexts).toEqual([text]);
  });
});

describe('SourceFile.keyStart', () => {
  it('finds each key of a large mapping, asked one at a time, also once the mapping is indexed', () => {
    const names = Array.from({ length: 200 }, (_, index) => `/items/${(index * 7919) % 1000}`);
    const text = ['paths:', ...names.flatMap((name) => [`  ${name}:`, '    get: {}'])].join('\n') + '\n';
    const source = parseSource('/specs/api.yaml', text);
    // Every key twice, in an order other than the text's: the first lookups scan the mapping,
    // the later ones go through the index the scans led to.
    for (const name of [...names.slice(100), ...names, ...names.slice(0, 100)]) {
      expect(source.keyStart(appendPointer('/paths', name)), name).toBe(text.indexOf(`\n  ${name}:`) + 3);
      expect(source.keyStart(appendPointer('/paths', name, 'get'))).toBe(text.indexOf('get', text.indexOf(`\n  ${name}:`)));
    }
    expect(source.keyStart('/paths/~1nowhere')).toBeUndefined();
  });
});
