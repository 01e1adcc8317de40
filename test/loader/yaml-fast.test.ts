// The fast loader paths against a straightforward reference: `yaml`'s full Document model for
// values and positions. Same values, same key order, same line:column (and end column) for
// every key and item, same findings; on the fixtures, on hand-written edge cases, and on
// generated specs written out in many YAML styles and as JSON.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Alias, Document, isMap, isSeq, parseDocument, visit, type ToStringOptions } from 'yaml';
import { LoadError } from '../../src/errors.js';
import { yaml } from '../../src/lazy-yaml.js';
import { locateFindings, runRules } from '../../src/engine/run.js';
import { defaultRules } from '../../src/lint.js';
import { normalize } from '../../src/loader/normalize.js';
import { parseGuarded } from '../../src/loader/guards.js';
import { mayHaveAnchors, parseSource, SourceFile } from '../../src/loader/parse.js';
import { Workspace } from '../../src/loader/resolve.js';
import { MAX_NESTING } from '../../src/loader/value-scan.js';
import { tryReadYamlFast, type Spans } from '../../src/loader/yaml-fast.js';
import { projectRoot } from '../cli-harness.js';
import { pointersOf } from '../pointers.js';

/** Keys in written order all the way down, which deep equality does not check. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([key, item]) => [key, keyOrder(item)]);
  return value;
}

/** Parses `text` both ways and checks that values and every position agree. */
function expectSameAsReference(name: string, text: string): { fast: SourceFile; reference: SourceFile } {
  const reference = parseSource(`/virtual/${name}`, text, { yamlDocument: true });
  const fast = parseSource(`/virtual/${name}`, text);
  expect(fast.value).toStrictEqual(reference.value);
  expect(keyOrder(fast.value)).toStrictEqual(keyOrder(reference.value));
  const pointers = pointersOf(reference.value).slice(1);
  const expected = reference.locate(pointers);
  const actual = fast.locate(pointers);
  // The reference cannot name keys that are not strings in YAML (`~:`); compare what it can.
  for (const [pointer, region] of expected) expect({ pointer, region: actual.get(pointer) }).toStrictEqual({ pointer, region });
  return { fast, reference };
}

function expectFast(text: string): void {
  const { reason } = tryReadYamlFast(text);
  expect(reason).toBeUndefined();
}

const fixtureFiles = (function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    // fixtures/invalid holds inputs that must be refused; test/robustness.test.ts covers them.
    if (name === 'invalid') return [];
    return statSync(path).isDirectory() ? walk(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
})(join(projectRoot, 'fixtures'));

describe('fixtures', () => {
  for (const path of fixtureFiles) {
    const name = path.slice(projectRoot.length + 1);
    it(`${name}: same values and positions`, () => {
      const text = readFileSync(path, 'utf8');
      // Anchors and aliases are `yaml`'s to read (fixtures/yaml-styles); a leading byte-order
      // mark is dropped before either reader sees the text.
      if (/\.ya?ml$/.test(path) && !mayHaveAnchors(text)) expectFast(text.replace(/^\uFEFF/, ''));
      expectSameAsReference(name, text);
    });
  }

  it('same findings, lines and columns on every fixture', () => {
    const roots = fixtureFiles.filter((path) => /\/(openapi|swagger)\.(ya?ml|json)$/.test(path));
    expect(roots.length).toBeGreaterThan(0);
    expect(findingsOf(roots, false)).toStrictEqual(findingsOf(roots, true));
  });
});

function findingsOf(paths: string[], yamlDocument: boolean): unknown[] {
  const workspace = new Workspace({ yamlDocument });
  const raw = paths.flatMap((path) => {
    const file = workspace.load(path);
    workspace.checkReferences(file);
    return runRules(normalize(workspace, file), defaultRules());
  });
  return locateFindings(raw, projectRoot);
}

// Each case is read by the fast path (`fast: true`) or may be left to `yaml`; either way the
// result must be the reference's.
const CASES: Array<{ name: string; text: string; fast: boolean; error?: boolean }> = [
  { name: 'comments everywhere', fast: true, text: '# head\n\nopenapi: 3.1.0 # trailing\n# between\ninfo:   # after key\n  # inside\n  title: T   \n\n  version: "1"  # c\n# end\n' },
  { name: 'document start', fast: true, text: '--- # start\na: 1\n' },
  { name: 'numeric-looking keys', fast: true, text: "200: a\n'201': b\n1.10: c\n0x1F: d\n0o17: e\n1e3: f\ntrue: g\nnull: h\n-5: i\n+7: j\n.inf: k\n.NaN: l\n4XX: m\n" },
  { name: 'scalars of the core schema', fast: true, text: 'a: [~, null, Null, NULL, true, False, TRUE, 12, -3, +4, 0o17, 0x1f, 1.5, 1.50, -.5, 1e3, 2E-2, .inf, -.Inf, .nan, 012, 1_000, 0b11, yes, no, on, 2001-12-14]\n' },
  { name: 'plain multi-line', fast: true, text: 'a: this is\n  continued here\n\n  and a new paragraph\nb:\n  on its own\n   line\nc: x\n' },
  { name: 'quoted multi-line', fast: true, text: 'a: "one\n  two\n\n  three \\t four"\nb: \'it\'\'s\n  folded  \n\n\n  twice\'\nc: "\\u00e9\\x41\\U0001F600\\n\\"\\\\\\/ \\N\\_\\L\\P\\0\\a\\b\\e\\f\\r\\v"\n' },
  { name: 'block scalars', fast: true, text: 'a: |\n  line 1\n    more\n  line 3\n\nb: >\n  folded\n  text\n\n  para\n    indented\n  back\nc: |-\n  stripped\n\n\nd: >-\n  x\n  y\ne: |2\n     two more\n   base\nf: |\n  trailing spaces line\n      \ng: 1\n' },
  { name: 'sequences', fast: true, text: 'a:\n- 1\n- two\n-\n  k: v\n- - nested\n  - seq\n- k1: v1\n  k2: v2\n-   spaced: 1\n    more: 2\nb:\n  - x\n  -\n  - # comment\n    y: 1\n' },
  { name: 'flow collections', fast: true, text: 'a: [1, "two", \'three\', {k: v, "q": [x, y]}, [], {}]\nb: {a: 1, b: , c: [d]}\nc: [\n    one, two,\n    three\n  ]\nd: {"json":"style","n":1}\ne: [-1, a:b, http://x.y/z?q=1#frag]\n' },
  { name: 'keys with spaces and quotes', fast: true, text: '"a b": 1\n\'c: d\': 2\ne f : 3\n"": 4\nx-ümlaut: é\n"\\t": 5\n' },
  { name: 'indented root', fast: true, text: '  a: 1\n  b:\n    c: 2\n' },
  { name: 'values with hashes and colons', fast: true, text: 'a: b#c\nd: http://e:80/f\ng: "h # i"\nj: k: l\n'.replace('j: k: l\n', 'j: "k: l"\n') },
  { name: 'anchors and aliases', fast: false, text: 'a: &x {b: 1}\nc: *x\n' },
  { name: 'tags', fast: false, text: 'a: !!str 12\n' },
  { name: 'keep chomping', fast: true, text: 'a: |+\n  x\n\nb: |+\n  y\n   \n\n# c\nc: |+\n  z\nd: >+\n  w\n\n' },
  { name: 'empty block scalars', fast: true, text: 'a: |\nb: >-\n\nc: |\n    \nd: 1\n' },
  { name: 'keep chomping of nothing', fast: false, text: 'a: |+\n\nb: 1\n' },
  { name: 'crlf', fast: true, text: 'a: 1\r\nb:\r\n  c: [d,\r\n    e]\r\nf: |\r\n  g\r\n\r\n  h\r\ni: "j\r\n  k" # l\r\nm:\r\n- n\r\n- o: p\r\n' },
  { name: 'crlf without a final line break', fast: true, text: 'a: 1\r\nb: x' },
  { name: 'a carriage return alone', fast: false, error: true, text: 'a: 1\rb: 2\n' },
  { name: 'crlf and lf mixed', fast: true, text: 'a: 1\nb:\r\n  c: 2\n  d: 3\r\n' },
  { name: 'tabs as white space', fast: true, text: 'a:\tb\nc: "d\te"\nf: g\th \t# c\ni: [j,\tk]\n' },
  { name: 'tabs as indentation', fast: false, error: true, text: 'a:\n\tb: 1\n' },
  // `yaml`'s own stringify writes a description that starts with a tab this way.
  { name: 'a block scalar whose first line starts with a tab', fast: true, text: 'a: |-\n    \t\n    x\nb: |\n    \tx\n    y\nc: >\n    \tx\n    y\n\n    z\nd: |2\n    \tx\ne:\n  f: |\n    \t \n    g\n  h: 1\n' },
  { name: 'more-indented trailing lines under an indentation indicator', fast: false, text: 'p:\n  a: |1\n       - z\n       #c\n     \n  b: 1\nc: >1-\n     x\n   - z\n     \nd: 1\n' },
  { name: 'a tab where a block scalar line is less indented', fast: false, error: true, text: 'a: |\n    x\n  \ty\n' },
  { name: 'continuation lines starting with indicators', fast: true, text: 'a: one\n  - two\n  [three] *four &five !six |seven >eight\n' },
  { name: 'explicit key', fast: false, text: '? a\n: 1\n' },
  { name: 'quoted merge-looking key', fast: true, text: 'b: {x: 1}\n"<<": 2\nc: {\'<<\': 3}\n' },
  { name: 'merge key with a value that is not a mapping', fast: false, error: true, text: 'b: {x: 1}\n<<: 2\n' },
  { name: 'escaped line break', fast: true, text: 'a: "x\\\n   y \\\n  z"\n' },
  { name: 'trailing commas in flow collections', fast: true, text: 'a: {x: 1,}\nb: [1, 2,]\nc: { x: [y ,] , }\nd: [ {k: v,},\n  ]\n' },
  { name: 'a flow example as Prettier writes it', fast: true, text: "example:\n  {\n    'total': 2,\n    'apis':\n      [\n        {\n          'apiKey': 'oa_citations',\n          'apiUrl': 'https://x.test/v1/fields',\n        },\n      ],\n  }\n" },
  { name: 'a comma with no entry before it', fast: false, error: true, text: 'a: [1,,]\n' },
  { name: 'a lone comma in a flow mapping', fast: false, error: true, text: 'a: {,}\n' },
  { name: 'multi-line flow plain', fast: true, text: 'a: [b\n  c, d\n\n  e\n  ]\nf: {g: h\n  i}\n' },
  { name: 'multi-line flow key', fast: false, text: 'a: {b\n  c: d}\n' },
  { name: 'under-indented flow', fast: false, error: true, text: 'a: [b,\nc]\n' },
  { name: 'nested mapping on one line', fast: false, error: true, text: 'a: b: c\n' },
  { name: 'sequence after a value', fast: false, error: true, text: 'a: 1\n- b\n' },
  { name: 'over-indented key', fast: false, error: true, text: 'a: 1\n  b: 2\n' },
  { name: 'comment glued to a quoted value', fast: false, error: true, text: 'a: "b"#c\n' },
  { name: 'closing bracket at the parent indent', fast: false, text: 'a: [\n  b\n]\n' },
  // `yaml` counts an implicit key's 1024 characters from its start to the colon, quotes and spaces included.
  { name: 'keys of 1023 characters', fast: true, text: `${'k'.repeat(1023)}: 1\n"${'q'.repeat(1021)}": 2\n` },
  { name: 'a quoted key over 1024 characters', fast: false, error: true, text: `"${'k'.repeat(1023)}": 1\n` },
  { name: 'a document end marker on the first line', fast: false, error: true, text: '... :\n' },
  { name: 'a byte order mark opening the first content line', fast: false, text: '# c\n\ufeffa: 1\n' },
  { name: 'two byte order marks', fast: false, text: '\ufeff\ufeffa: 1\n' },
  { name: 'a byte order mark opening a later line', fast: true, text: 'a: 1\n\ufeffb: 2\n' },
  // A comment less indented than the value below it lets `yaml` continue that plain scalar onto less-indented lines.
  { name: 'a short comment less indented than a plain value below', fast: false, error: true, text: 'a:\n##\n b\nc: 1\n' },
  { name: 'a short comment less indented than a plain item below', fast: false, text: 'a:\n- \n##\n  b\n- c\n' },
  { name: 'comments less indented than a mapping below, or as indented as a plain value', fast: true, text: 'a:\n##\n  b: 1\nc:\n  ##\n  d\ne: 1\n' },
  { name: 'a key whose colon is over 1024 characters away', fast: false, error: true, text: `${'k'.repeat(1000)}${' '.repeat(25)}: 1\n` },
  // After an empty value that closes a nested collection, `yaml` counts the blank lines too.
  { name: 'a short key after 1,025 blank lines', fast: false, error: true, text: `a:\n-\n${'\n'.repeat(1025)}k: 1\n` },
  { name: 'a short key after 600 blank CRLF lines', fast: false, error: true, text: `a:\r\n  b:\r\n${'\r\n'.repeat(600)}k: 1\r\n` },
  // Values on the line after their key, as specs write long ones: none of them starts a mapping.
  { name: 'scalars on the line below their key, below a first key with a space and a hash', fast: true, text: 'a:\n  "One line"\nb:\n  \'it\'\'s\'\nc:\n  "over\n  lines"\nd:\n  http://x.test/a:b\ne:\n  Not found  # see: RFC 9110\nf:\n  plain\n  text\ng:\n  C# SDK: 1\n  h:\n    "deep"\n  i: 1\n' },
  { name: 'quoted, flow and plain values below a less-indented comment', fast: true, text: 'a:\n# c\n  "b"\nc:\n# c\n  [d]\ne:\n# c\n  {f: g}\n' },
  { name: 'quoted keys with escapes, doubled quotes and a space before the colon', fast: true, text: 'r:\n  "say \\"hi\\"" : 1\n  \'it\'\'s\': 2\n  \'\': 3\n  \'C:\\\': 4\n  "a\\\\": 5\n' },
  { name: 'a comment on the last line, without a line break', fast: true, text: 'a: 1\n# end' },
  { name: 'an empty value on the last line, without a line break', fast: true, text: 'a: 1\nb:' },
  { name: 'a key named __proto__', fast: false, text: 'a: 1\n__proto__: {x: 1}\n' },
  { name: 'a key named __proto__ in a flow mapping', fast: false, text: 'a: 1\nb: {__proto__: [2]}\n' },
  { name: 'text after a quoted value', fast: false, error: true, text: 'a: "b" c\nd: 1\n' },
  { name: 'text after a flow value', fast: false, error: true, text: 'a: [b] c\nd: 1\n' },
  { name: 'a quoted key over two lines', fast: false, error: true, text: 'a: 1\n"b\n  c": 2\n' },
  { name: 'a first quoted key over two lines', fast: false, error: true, text: '"b\n  c": 2\n' },
  { name: 'a quoted key with an escaped line break', fast: false, error: true, text: 'a: 1\n"b\\\n  c": 2\n' },
  { name: 'an unterminated quoted key at the end', fast: false, error: true, text: 'a: 1\n"b: 2' },
  { name: 'a comment inside a key', fast: false, error: true, text: 'a: 1\nb #c: 2\n' },
  { name: 'block scalar headers with a comment, and indicators in either order', fast: true, text: 'a: | # note\n  x\nb: >- # c\n  y\n  z\nc: |-2\n   z\nd: |2-\n   w\n\ne: |+ # keep\n  v\n\nf: |1\n  x\ng: |9\n          x\nh: 1\n' },
  { name: 'comments inside flow collections', fast: true, text: 'a: [b, # one\n  c]\nd: {e: 1, # two\n  f: 2}\ng: [ # first\n  h,\n  # own line\n  i\n  ]\n' },
  { name: 'a comment glued to a comma in a flow collection', fast: false, error: true, text: 'a: [b,# c\n  d]\n' },
  { name: 'a flow collection left open by a comment on the last line', fast: false, error: true, text: 'a: [b, # c' },
  { name: 'block scalars on the last line, without a line break', fast: true, text: 'a: |\n  x\n  y' },
  { name: 'a kept block scalar on the last line, without a line break', fast: true, text: 'a: |+\n  x' },
  { name: 'a folded, stripped block scalar on the last line, without a line break', fast: true, text: 'a: >-\n  x\n\n  y' },
  { name: 'an empty block scalar whose header ends the text with a comment', fast: true, text: 'a: 1\nb: | # c' },
  { name: 'a block scalar less indented than its indentation indicator', fast: false, error: true, text: 'a: |2\n x\n' },
  { name: 'a tab in a block scalar line\'s indentation', fast: false, error: true, text: 'a: |\n  x\n \ty\n' },
  { name: 'a tab indenting a flow collection\'s line', fast: false, error: true, text: 'a: [b,\n\tc]\n' },
  { name: 'a block scalar header with three indicators', fast: false, error: true, text: 'a: |1-2\n  x\n' },
  { name: 'a block scalar header with both chomping indicators', fast: false, error: true, text: 'a: |-+\n  x\n' },
  { name: 'text after a block scalar header', fast: false, error: true, text: 'a: | x\n  y\n' },
  { name: 'a comment glued to a block scalar header', fast: false, error: true, text: 'a: |# c\n  x\n' },
  { name: 'a block scalar header with two chomping indicators', fast: false, error: true, text: 'a: |--\n  x\n' },
  { name: 'a block scalar header with two indentation digits', fast: false, error: true, text: 'a: |22\n  x\n' },
  { name: 'a block scalar header with indentation 0', fast: false, error: true, text: 'a: |0\n  x\n' },
];

describe('edge cases', () => {
  for (const { name, text, fast, error } of CASES) {
    it(name, () => {
      if (fast) expectFast(text);
      if (!error) {
        expectSameAsReference(name, text);
        return;
      }
      // What `yaml` refuses, the fast reader leaves to it, so the user sees `yaml`'s error.
      expect(tryReadYamlFast(text).result).toBeUndefined();
      expect(() => parseSource('/virtual/spec.yaml', text)).toThrow(LoadError);
    });
  }
});

describe('nesting', () => {
  it('reads up to MAX_NESTING collections deep and declines one more, the depth at which the loader refuses a file', () => {
    // The root mapping is one level; each bracket one more, in block and flow collections alike.
    const flow = (depth: number): string => `a: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`;
    const block = (depth: number): string => Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}${level === depth - 1 ? 'k: v' : 'k:'}`).join('\n') + '\n';
    for (const nested of [flow, block]) {
      expect(tryReadYamlFast(nested(MAX_NESTING)).result).toBeDefined();
      expect(tryReadYamlFast(nested(MAX_NESTING + 1))).toEqual({ reason: 'nesting too deep' });
    }
  });
});

describe('nesting, when the yaml library reads the file', () => {
  const errorOf = (text: string): string | undefined => {
    try {
      parseSource('/virtual/spec.yaml', text, { yamlDocument: true });
      return undefined;
    } catch (error) {
      if (error instanceof LoadError) return error.describe('/virtual');
      throw error;
    }
  };
  // Each shape at `depth` collections, the root mapping being the first.
  const SHAPES: Array<[string, (depth: number) => string, string]> = [
    ['flow sequences', (depth) => `a: ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}\n`, '1:259'],
    ['flow mappings', (depth) => `a: ${'{k: '.repeat(depth - 1)}1${'}'.repeat(depth - 1)}\n`, '1:1024'],
    ['block mappings, a level a line', (depth) => Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}${level === depth - 1 ? 'k: v' : 'k:'}`).join('\n') + '\n', '257:257'],
    ['lists opened on one line', (depth) => `a:\n  ${'- '.repeat(depth - 1)}x\n`, '2:513'],
    ['a mapping in lists opened on one line', (depth) => `a:\n  ${'- '.repeat(depth - 2)}k: v\n`, '2:513'],
    ['flow sequences in lists opened on one line', (depth) => `a:\n  - - ${'['.repeat(depth - 3)}${']'.repeat(depth - 3)}\n`, '2:260'],
    // `[k: v]` holds a mapping of its own for the pair: two levels a bracket.
    ['pairs in flow sequences', (depth) => `a: ${'[k: '.repeat((depth - 2) >> 1)}${depth % 2 ? '[[]]' : '[]'}${']'.repeat((depth - 2) >> 1)}\n`, '1:513'],
  ];

  it.each(SHAPES)(`%s: ${MAX_NESTING} levels are read, one more is refused at the first collection past them`, (_, nested, at) => {
    expect(errorOf(nested(MAX_NESTING))).toBeUndefined();
    expect(errorOf(nested(MAX_NESTING + 1))).toBe(`spec.yaml:${at}: nesting deeper than 256 levels`);
  });

  it('explicit keys opened on one line are refused for their nesting past the limit, as keys that are mappings under it', () => {
    expect(errorOf(`a:\n  ${'? '.repeat(MAX_NESTING)}x\n`)).toBe('spec.yaml:2:513: nesting deeper than 256 levels');
    expect(errorOf(`a:\n  ${'? '.repeat(MAX_NESTING - 1)}x\n`)).toBe('spec.yaml:2:5: a mapping key that is itself a mapping or sequence; OpenAPI keys are strings');
  });

  it('counts collections opened on one line only: hundreds of keys or items, one a line, are read', () => {
    // A file that a $ref names, of strings at its root (DigitalOcean's description.yml), and a list.
    const strings = Array.from({ length: 600 }, (_, index) => `text${index}: Words ${index}.`).join('\n');
    expect(errorOf(`x-base: &base Words.\n${strings}\n`)).toBeUndefined();
    expect(errorOf(`- &first a\n${'- b\n'.repeat(600)}`)).toBeUndefined();
    expect(errorOf(`a:\n${'  - [b]\n'.repeat(600)}${'  - {b: c}\n'.repeat(600)}`)).toBeUndefined();
  });

  it('stops reading a line of lists, or of brackets, at the first level past the limit', () => {
    // 200,000 levels on one line: built whole, the syntax tree would take hundreds of megabytes first.
    // The parser of the `yaml` that statuslint loads (lazy-yaml), called once a lexeme.
    const next = vi.spyOn(yaml().Parser.prototype, 'next');
    const levels = 200_000;
    try {
      for (const text of [`a:\n  ${'- '.repeat(levels)}x\n`, `a:\n  ${'? '.repeat(levels)}x\n`, `a: ${'['.repeat(levels)}${']'.repeat(levels)}\n`, `a: ${'{k: '.repeat(levels)}1${'}'.repeat(levels)}\n`]) {
        next.mockClear();
        expect(errorOf(text)).toMatch(/^spec\.yaml:\d+:\d+: nesting deeper than 256 levels$/);
        expect(next.mock.calls.length).toBeLessThan(2_000);
      }
    } finally {
      next.mockRestore();
    }
  });
});

describe('merge keys (<<)', () => {
  const at = (file: SourceFile, pointer: string): string => {
    const region = file.locate([pointer]).get(pointer);
    return region ? `${region.line}:${region.column}` : 'nowhere';
  };

  it('merges a mapping in, keys written beside `<<` winning, and locates merged keys where their source writes them', () => {
    const text = 'base: &base\n  x: 1\n  y: 2\nuse:\n  <<: *base\n  y: 3\n';
    expect(tryReadYamlFast(text).result).toBeUndefined();
    const file = parseSource('/virtual/spec.yaml', text);
    expect(file.value).toStrictEqual({ base: { x: 1, y: 2 }, use: { x: 1, y: 3 } });
    expect(at(file, '/use/x')).toBe('2:3');
    expect(at(file, '/use/y')).toBe('6:3');
  });

  it('merges a sequence of sources in order, the first to name a key winning, in block and flow mappings', () => {
    const text = 'a: &a {k: from-a}\nb: &b {k: from-b, m: from-b}\nuse: {<<: [*a, *b], n: 1}\n';
    expect(tryReadYamlFast(text).result).toBeUndefined();
    const file = parseSource('/virtual/spec.yaml', text);
    expect(file.value).toMatchObject({ use: { k: 'from-a', m: 'from-b', n: 1 } });
    expect(at(file, '/use/k')).toBe('1:8');
    expect(at(file, '/use/m')).toBe('2:19');
  });

  it('locates through thousands of merges with one walk of the document, not one per alias', () => {
    const text = 'c: &c {"299": {description: odd}}\npaths:\n' + Array.from({ length: 2000 }, (_, i) => `  p${i}:\n    <<: *c\n    "404": {}\n`).join('');
    const file = parseSource('/virtual/spec.yaml', text);
    const pointers = Array.from({ length: 2000 }, (_, i) => `/paths/p${i}/299`);
    // `Alias.resolve` searches the whole document each time: 2,000 × 10,000 nodes took seconds.
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const regions = file.locate(pointers);
      expect(regions.get('/paths/p1999/299')).toMatchObject({ line: 1, column: 8 });
      expect(regions.size).toBe(2000);
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  it('follows merges through merges, and into inline mappings', () => {
    const text = 'a: &a {deep: 1}\nb: &b\n  <<: *a\nuse:\n  <<: *b\n  inline:\n    <<: {q: 2}\n';
    const file = parseSource('/virtual/spec.yaml', text);
    expect(file.value).toMatchObject({ use: { deep: 1, inline: { q: 2 } } });
    expect(at(file, '/use/deep')).toBe('1:8');
    expect(at(file, '/use/inline/q')).toBe('7:10');
  });
});

describe('tags of types JSON cannot hold', () => {
  // `yaml` resolves these even under the 1.2 core schema: bytes, a Date, a Map, a Set.
  it('reads each as it is written: a string, a sequence or a mapping', () => {
    const text = 'a: !!binary aGVsbG8=\nb: !!timestamp 2001-12-14\nc: !!omap [{x: 1}, {y: 2}]\nd: !!pairs [{x: 1}]\ne: !!set {x, y}\nf: !!str 12\ng: !!int 7\nh: &h {k: 1}\ni: {!!merge <<: *h}\n';
    expect(tryReadYamlFast(text).result).toBeUndefined();
    expect(parseSource('/virtual/spec.yaml', text).value).toStrictEqual({
      a: 'aGVsbG8=', b: '2001-12-14', c: [{ x: 1 }, { y: 2 }], d: [{ x: 1 }], e: { x: null, y: null }, f: '12', g: 7, h: { k: 1 }, i: { k: 1 },
    });
  });

  it('under %YAML 1.1 too, where an unquoted date would be a Date, and keeps 1.1\'s booleans and octals', () => {
    const text = '%YAML 1.1\n---\na: 2001-12-14\nb: !!binary aGk=\nc: yes\nd: 017\ne: !!set {x}\n';
    expect(parseSource('/virtual/spec.yaml', text).value).toStrictEqual({ a: '2001-12-14', b: 'aGk=', c: true, d: 15, e: { x: null } });
  });

  it('names a tagged key by its text, locates it, and prints no warning of `yaml`\'s', () => {
    const warnings: unknown[] = [];
    const listen = (warning: unknown): void => void warnings.push(warning);
    process.on('warning', listen);
    try {
      const file = parseSource('/virtual/spec.yaml', 'r:\n  !!binary MjAw: a\n  !!timestamp 2001-12-14: b\n');
      expect(file.value).toStrictEqual({ r: { MjAw: 'a', '2001-12-14': 'b' } });
      expect(file.locate(['/r/MjAw']).get('/r/MjAw')).toMatchObject({ line: 2, column: 12 });
    } finally {
      process.off('warning', listen);
    }
    expect(warnings).toEqual([]);
  });
});

describe('errors keep yaml\'s message and position', () => {
  const errorOf = (text: string): string => {
    try {
      parseSource('/virtual/spec.yaml', text);
    } catch (error) {
      expect(error).toBeInstanceOf(LoadError);
      return (error as LoadError).describe('/virtual');
    }
    throw new Error('no error');
  };

  it('refuses duplicate keys at the duplicate', () => {
    expect(errorOf('openapi: 3.1.0\npaths:\n  /a: {}\n  /a: {}\n')).toBe('spec.yaml:4:3: invalid YAML: Map keys must be unique');
    expect(errorOf('a: {b: 1, b: 2}\n')).toMatch(/^spec\.yaml:1:11: invalid YAML: Map keys must be unique/);
    // In an item of a list (parameters), and the first in the text where mappings nested in one another both repeat a key.
    expect(errorOf('parameters:\n  - {name: a, in: query, name: b}\n')).toBe('spec.yaml:2:26: invalid YAML: Map keys must be unique');
    expect(errorOf('x: 1\nx: 2\ny: {a: 1, a: 2}\n')).toBe('spec.yaml:2:1: invalid YAML: Map keys must be unique');
    // A file with a syntax error and a duplicate key: whichever comes first in the text.
    expect(errorOf('openapi: 3.1.0\ntags: [a, b\npaths:\n  /a: {}\n  /a: {}\n')).toBe('spec.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
    expect(errorOf('openapi: 3.1.0\npaths:\n  /a: {}\n  /a: {}\ntags: [a, b\n')).toBe('spec.yaml:4:3: invalid YAML: Map keys must be unique');
  });

  it('refuses two keys that one member name would hold, such as a status code written as 200 and as a string', () => {
    // `yaml` keeps the last and drops the first unsaid: a Swagger 2.0 response would go unlinted.
    const responses = "swagger: '2.0'\npaths:\n  /a:\n    get:\n      responses:\n";
    const cases: Array<[string, string]> = [
      ["        200: {description: ok}\n        '200': {description: again}\n", "spec.yaml:7:9: invalid YAML: keys 200 and '200' in one mapping are one member once read, as in JSON and so OpenAPI; keep one"],
      ['        "401": {description: a}\n        401: {description: b}\n', 'spec.yaml:7:9: invalid YAML: keys "401" and 401 in one mapping are one member once read, as in JSON and so OpenAPI; keep one'],
      ["        x-a: {true: 1, 'true': 2}\n", "spec.yaml:6:24: invalid YAML: keys true and 'true' in one mapping are one member once read, as in JSON and so OpenAPI; keep one"],
      ["        x-a: {~: 1, '': 2}\n", "spec.yaml:6:21: invalid YAML: keys ~ and '' in one mapping are one member once read, as in JSON and so OpenAPI; keep one"],
    ];
    for (const [keys, message] of cases) expect(errorOf(`${responses}${keys}`)).toBe(message);
    // In two mappings, or one key written once, nothing is lost.
    expect(() => parseSource('/virtual/spec.yaml', `${responses}        200: {description: ok}\n        x-a: {'200': 1}\n`)).not.toThrow();
  });

  it('refuses a key written as an alias beside the key it stands for, at the second', () => {
    // `yaml` keeps the last of the two and drops the first unsaid, where the first was located.
    const spec = "swagger: '2.0'\nx-code: &code '429'\npaths:\n  /a:\n    get:\n      responses:\n";
    expect(errorOf(`${spec}        *code : {description: a}\n        '429': {description: b}\n`)).toBe('spec.yaml:8:9: invalid YAML: Map keys must be unique');
    expect(errorOf(`${spec}        429: {description: a}\n        *code : {description: b}\n`)).toBe("spec.yaml:8:9: invalid YAML: keys 429 and *code in one mapping are one member once read, as in JSON and so OpenAPI; keep one");
    expect(() => parseSource('/virtual/spec.yaml', `${spec}        *code : {description: a}\n        '430': {description: b}\n`)).not.toThrow();
  });

  it('refuses a file of nothing but whitespace, and more aliases than statuslint reads at the first one past them', () => {
    expect(errorOf('')).toBe('spec.yaml: the file is empty');
    expect(errorOf(' \n\t\n')).toBe('spec.yaml: the file is empty');
    const aliases = (count: number): string => `x: &a 1\nl:\n${'  - *a\n'.repeat(count)}`;
    // At the 10,001st: one alias fewer, and it would be read.
    expect(errorOf(aliases(10_001))).toBe('spec.yaml:10003:5: invalid YAML: more than 10,000 aliases (*name), the most statuslint reads; write the repeated parts out or share them with $ref');
  });

  it('reads text that starts with { or [ as JSON whatever the file is named, and as YAML where JSON.parse refuses it, but in a .json file', () => {
    expect(parseSource('/virtual/openapi', '  {"openapi": "3.1.0"}').format).toBe('json');
    expect(parseSource('/virtual/list', '[1, 2]').format).toBe('json');
    // Flow-style YAML starts with { too.
    const flow = parseSource('/virtual/spec.yaml', '{"openapi": "3.1.0", paths: {}}');
    expect([flow.format, flow.value]).toEqual(['yaml', { openapi: '3.1.0', paths: {} }]);
    for (const name of ['spec.json', 'spec.JSON']) {
      expect(() => parseSource(`/virtual/${name}`, '{"openapi": "3.1.0", paths: {}}')).toThrow(expect.objectContaining({ detail: 'invalid JSON: Expected double-quoted property name', position: { line: 1, column: 22 } }));
    }
    // YAML saved under a .json name is no JSON: refused, not read as YAML.
    expect(() => parseSource('/virtual/spec.json', 'openapi: 3.1.0\npaths: {}\n')).toThrow(expect.objectContaining({ detail: expect.stringMatching(/^invalid JSON: /), position: { line: 1, column: 1 } }));
  });

  it('names the line and column of a syntax error', () => {
    expect(errorOf('a:\n  b: 1\n c: 2\n')).toMatch(/^spec\.yaml:3:\d+: invalid YAML: /);
    expect(errorOf('a: "unterminated\n')).toMatch(/^spec\.yaml:\d+:\d+: invalid YAML: /);
    expect(errorOf('a: 1\n---\nb: 2\n')).toMatch(/^spec\.yaml:2:1: invalid YAML: Source contains multiple documents/);
  });

  it('says why a quoted string continued on a line no deeper than its key is refused, at that line', () => {
    // Docker Engine API 1.41's swagger.yaml: js-yaml and Go's yaml read it, YAML 1.2 does not;
    // yaml's own "Missing closing quote" points at a line whose quote is closed on the next.
    const docker = 'definitions:\n  HostConfig:\n    properties:\n      SecurityOpt:\n        type: "array"\n        description: "A list of string values to customize labels for MLS\n        systems, such as SELinux."\n        items:\n          type: "string"\n';
    expect(errorOf(docker)).toBe(
      "spec.yaml:7:9: invalid YAML: the quoted string that starts on line 6 goes on here, at no deeper an indent than its key; indent its continuation lines further (js-yaml reads this, YAML 1.2 does not)",
    );
    expect(errorOf("a:\n  b: 'one\n  two'\n")).toBe("spec.yaml:3:3: invalid YAML: the quoted string that starts on line 2 goes on here, at no deeper an indent than its key; indent its continuation lines further (js-yaml reads this, YAML 1.2 does not)");
    // A quote never closed keeps yaml's message, also when a later line holds another quoted string.
    expect(errorOf('info:\n  title: "unclosed\n  version: 1\npaths: {}\n')).toMatch(/^spec\.yaml:\d+:\d+: invalid YAML: Missing closing "quote/);
    expect(errorOf('info:\n  title: "unclosed\n  version: "1"\n')).toMatch(/^spec\.yaml:\d+:\d+: invalid YAML: Missing closing "quote/);
  });

  it('names the line such a string starts on, whatever its lines before the one at the key\'s indent, and where its close is', () => {
    const said = (opened: number): string => `invalid YAML: the quoted string that starts on line ${opened} goes on here, at no deeper an indent than its key; indent its continuation lines further (js-yaml reads this, YAML 1.2 does not)`;
    const lines = (count: number): string => '  more text\n'.repeat(count);
    const cases: Array<[string, string, string]> = [
      // yaml's "Missing closing quote" is where what it read as the string ends, not where it starts.
      ['a paragraph break before that line', "info:\n  description: 'First paragraph.\n\n  Second paragraph.'\n", `spec.yaml:4:3: ${said(2)}`],
      ['a line indented further before it', 'info:\n  description: "First line,\n      then one indented further,\n  then one at the key\'s."\n', `spec.yaml:4:3: ${said(2)}`],
      ['the close a few lines on', 'info:\n  description: "One,\n  two,\n  three."\n', `spec.yaml:3:3: ${said(2)}`],
      ['the close on the last line of a file without a final line break', "info:\n  description: 'One,\n  two.'", `spec.yaml:3:3: ${said(2)}`],
      ["'' before the close of a single-quoted one", "info:\n  description: 'One,\n  it''s two.'\n", `spec.yaml:3:3: ${said(2)}`],
      ['\\" before the close of a double-quoted one', 'info:\n  description: "One,\n  say \\"two\\"."\n', `spec.yaml:3:3: ${said(2)}`],
      // The close is looked for on the 50 lines after yaml's position (an error path, not a scan of the file).
      ['the close on the 50th line after', `info:\n  description: "One,\n${lines(49)}  end."\n`, `spec.yaml:3:3: ${said(2)}`],
      ['the close on the 51st line after', `info:\n  description: "One,\n${lines(50)}  end."\n`, 'spec.yaml:2:21: invalid YAML: Missing closing "quote'],
    ];
    for (const [what, text, expected] of cases) expect(errorOf(text), what).toBe(expected);
  });

  it('refuses a key that is a mapping or a sequence, which JSON cannot hold, at that key', () => {
    expect(errorOf('a:\n  ? [x]\n  : 1\n')).toBe('spec.yaml:2:5: a mapping key that is itself a mapping or sequence; OpenAPI keys are strings');
    expect(errorOf('k: &k {x: 1}\nb:\n  ? *k\n  : 1\n')).toBe('spec.yaml:3:5: a mapping key that is itself a mapping or sequence; OpenAPI keys are strings');
    expect(errorOf('l:\n  - ? [x]\n    : 1\n')).toBe('spec.yaml:2:7: a mapping key that is itself a mapping or sequence; OpenAPI keys are strings');
  });

  it('locates a null key (`~:`), which the value names \'\', when `yaml` reads the file', () => {
    const file = parseSource('/virtual/spec.yaml', 'a: &x 1\nb:\n  ~: 2\n');
    expect(file.value).toStrictEqual({ a: 1, b: { '': 2 } });
    expect(file.locate(['/b/']).get('/b/')).toMatchObject({ line: 3, column: 3 });
  });

  it('names the `<<` whose value is not a mapping', () => {
    expect(errorOf('b: {x: 1}\n<<: 2\n')).toBe('spec.yaml:2:1: invalid YAML: Merge sources must be maps or map aliases');
    expect(errorOf('a: &a [1]\nb:\n  <<: [*a]\n')).toBe('spec.yaml:3:3: invalid YAML: Merge sources must be maps or map aliases');
    expect(errorOf('a: &a {x: 1}\nl: &l [1]\nb:\n  <<: [*a, *l]\n')).toBe('spec.yaml:4:3: invalid YAML: Merge sources must be maps or map aliases');
  });

  it('names a `<<` that merges a mapping it is inside of, a cycle that used to overflow the stack', () => {
    expect(errorOf('a: &a\n  <<: *a\n  b: 1\n')).toBe("spec.yaml:2:3: invalid YAML: this '<<' merges a mapping that holds it, which has no end");
    expect(errorOf('x: 1\na: &a\n  c:\n    <<: [{q: 1}, *a]\n')).toBe("spec.yaml:4:5: invalid YAML: this '<<' merges a mapping that holds it, which has no end");
  });

  it('bounds what merge keys copy, which yaml\'s alias count lets through (one count per `<<`, whatever it copies)', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `  k${i}: v`).join('\n');
    const uses = Array.from({ length: 1000 }, (_, i) => `u${i}:\n  <<: *b`).join('\n');
    expect(errorOf(`b: &b\n${keys}\n${uses}\n`)).toBe('spec.yaml: invalid YAML: merge keys (<<) copy 5,003 nodes to 2,006,003, over 10 times as many; write the repeated parts out or share them with $ref');
    // A few merges of a small mapping, far under the bound, are read as before.
    expect(parseSource('/virtual/spec.yaml', `b: &b\n${keys}\nu:\n  <<: *b\n  k1: w\n`).value).toMatchObject({ u: { k0: 'v', k1: 'w', k999: 'v' } });
  });

  it('counts what merge keys copy through lists, aliases inside a source, merges of merges and lists of sources', () => {
    const lines = (count: number, line: (index: number) => string): string => Array.from({ length: count }, (_, index) => line(index)).join('\n');
    const keys = (count: number, value = 'v'): string => lines(count, (index) => `  k${index}: ${value}`);
    const copy = (written: string, expanded: string): string => `spec.yaml: invalid YAML: merge keys (<<) copy ${written} nodes to ${expanded}, over 10 times as many; write the repeated parts out or share them with $ref`;
    // Each value written counts once, each key once, each mapping and list once; a `<<` adds what its sources hold, each time.
    const cases: Array<[string, string, string]> = [
      ['into the items of a list (parameters)', `b: &b\n${keys(1000)}\nl:\n${lines(1000, (index) => `  - <<: *b\n    n: ${index}`)}\n`, copy('6,005', '2,007,005')],
      ['into the items of a flow list', `b: &b\n${keys(1000)}\nl: [${lines(1000, () => '{<<: *b}').replaceAll('\n', ', ')}]\n`, copy('4,005', '2,005,005')],
      // An alias shares its value: one node where it is written, and one more in each copy.
      ['a source whose values are aliases', `s: &s {type: string, format: uri}\nb: &b\n${keys(500, '*s')}\n${lines(1000, (index) => `u${index}:\n  <<: *b`)}\n`, copy('4,009', '1,005,009')],
      ['a source that merges another', `a: &a\n${keys(100)}\nb: &b\n  <<: *a\n  x: 1\nc: &c\n  <<: *b\n  y: 1\n${lines(1000, (index) => `u${index}: {<<: *c}`)}\n`, copy('3,213', '212,619')],
      ['a list of sources', `a: &a\n${keys(500)}\nb: &b\n${keys(500).replaceAll('  k', '  j')}\n${lines(1000, (index) => `u${index}: {<<: [*a, *b]}`)}\n`, copy('5,005', '2,007,005')],
    ];
    for (const [what, text, expected] of cases) expect(errorOf(text), what).toBe(expected);
  });

  it('refuses merges that copy over ten times the nodes written, past 100,000, and reads them at either edge', () => {
    // `keys` keys merged `uses` times copy 3 + 2 keys + uses (4 + 2 keys) nodes from 3 + 2 keys + 3 uses
    // written; a list of `items` adds items + 2 to both.
    const merged = (keys: number, uses: number, items: number): string =>
      `b: &b\n${Array.from({ length: keys }, (_, index) => `  k${index}: v`).join('\n')}\n${Array.from({ length: uses }, (_, index) => `u${index}:\n  <<: *b`).join('\n')}\nx: [${Array(items).fill(1).join(', ')}]\n`;
    const copy = (written: string, expanded: string): string => `spec.yaml: invalid YAML: merge keys (<<) copy ${written} nodes to ${expanded}, over 10 times as many; write the repeated parts out or share them with $ref`;
    // 100,000 nodes from 3,194, 31 times as many: read; one more is refused.
    expect(() => parseSource('/virtual/spec.yaml', merged(48, 998, 99))).not.toThrow();
    expect(errorOf(merged(48, 998, 100))).toBe(copy('3,195', '100,001'));
    // 223,110 nodes from 22,311, ten times as many: read; one node less written is refused.
    expect(() => parseSource('/virtual/spec.yaml', merged(100, 999, 19_109))).not.toThrow();
    expect(errorOf(merged(100, 999, 19_108))).toBe(copy('22,310', '223,109'));
  });

  it('bounds alias expansion (billion laughs)', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    expect(() => parseGuarded('/virtual/spec.yaml', lines.join('\n') + '\n')).toThrow(/invalid YAML: aliases expand/);
  });
});

/** A small seeded generator (mulberry32), so that a failure names a reproducible seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AWKWARD = [
  '200', '4XX', 'default', '1.10', '0x1F', 'true', 'null', '~', '', ' lead', 'trail ', 'a: b', 'a #b', '#hash', '- dash',
  "it's", 'say "hi"', '[x]', '{y}', '*star', '&amp', '!bang', '%pct', '@at', '`tick', '|pipe', '>gt', '?q', 'a,b', 'é✓ ünï',
  'line\nbreak', 'two\n\nbreaks', 'tab\there', 'end\n', 'ends\n\n', '\\back', 'x: y: z', '- [a]', '---', '...', '1e3', '-.5',
  '+12', '0o17', 'yes', 'No', '2001-12-14', 'http://x/y#z', 'a:b', 'a\u2028b', '  ', 'long '.repeat(30),
];
const WORDS = ['user', 'repo', 'the', 'status', 'code', 'returns', 'a', 'list', 'of', 'items', 'when', 'token', 'is', 'missing'];

function generateValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const roll = next();
  if (depth > 3 || roll < 0.45) {
    const kind = next();
    if (kind < 0.25) return pick(AWKWARD);
    if (kind < 0.55) return Array.from({ length: 1 + Math.floor(next() * 25) }, () => pick(WORDS)).join(next() < 0.1 ? '\n' : ' ');
    if (kind < 0.7) return Math.floor(next() * 2000) - 500;
    if (kind < 0.8) return Math.round(next() * 1e4) / 100;
    if (kind < 0.9) return next() < 0.5;
    return null;
  }
  if (roll < 0.65) return Array.from({ length: Math.floor(next() * 4) }, () => generateValue(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--) object[next() < 0.3 ? pick(AWKWARD) : `${pick(WORDS)}${i}`] = generateValue(next, depth + 1);
  return object;
}

/** An OpenAPI document with responses the rules look at, and awkward values around them. */
function generateSpec(seed: number): Record<string, unknown> {
  const next = random(seed);
  const statuses = ['200', '201', '204', '401', '403', '404', '4XX', 'default'];
  const paths: Record<string, unknown> = {};
  for (let p = 0; p < 1 + Math.floor(next() * 4); p++) {
    const operation: Record<string, unknown> = { summary: generateValue(next, 3), responses: {} };
    for (const status of statuses) {
      if (next() < 0.4) continue;
      const response: Record<string, unknown> = { description: `${status} ${WORDS[p]}` };
      if (next() < 0.4) response.headers = { 'WWW-Authenticate': { schema: { type: 'string' } } };
      if (next() < 0.5) response.content = { 'application/json': { schema: { type: 'object', example: generateValue(next, 1) } } };
      (operation.responses as Record<string, unknown>)[status] = response;
    }
    if (next() < 0.5) operation.security = next() < 0.5 ? [] : [{ token: [] }];
    operation['x-extra'] = generateValue(next, 0);
    paths[`/items${p}/{id}`] = { [next() < 0.5 ? 'get' : 'post']: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: generateValue(next, 4), version: '1.0' },
    paths,
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
  };
}

const STYLES: Array<{ name: string; options: ToStringOptions; flow?: boolean; comments?: boolean }> = [
  { name: 'default', options: {} },
  { name: 'narrow (folded lines)', options: { lineWidth: 30, minContentWidth: 0 } },
  { name: 'unfolded', options: { lineWidth: 0 } },
  { name: 'compact sequences, 4 spaces', options: { indentSeq: false, indent: 4 } },
  { name: 'double-quoted', options: { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } },
  { name: 'single-quoted', options: { defaultStringType: 'QUOTE_SINGLE' } },
  { name: 'literal blocks', options: { defaultStringType: 'BLOCK_LITERAL' } },
  { name: 'folded blocks', options: { defaultStringType: 'BLOCK_FOLDED', lineWidth: 40 } },
  { name: 'flow collections inside', options: {}, flow: true },
  { name: 'with comments', options: {}, comments: true },
];

function writeYaml(value: unknown, style: (typeof STYLES)[number], seed: number): string {
  const next = random(seed ^ 0x5eed);
  const document = new Document(value);
  visit(document, {
    Map(_, node) {
      if (style.flow && next() < 0.3 && node !== document.contents) node.flow = true;
      if (style.comments && next() < 0.3) node.commentBefore = ' a comment';
    },
    Seq(_, node) {
      if (style.flow && next() < 0.3) node.flow = true;
    },
    Pair(_, pair) {
      if (style.comments && next() < 0.2 && isMap(pair.value) === false && isSeq(pair.value) === false && pair.value) {
        (pair.value as { comment?: string }).comment = ' trailing # with hash';
      }
    },
  });
  return document.toString(style.options);
}

describe('generated block scalars', () => {
  // Headers, indentation and whitespace-only lines in the combinations hand-written cases miss:
  // a tab after the indentation, more-indented trailing lines, indentation indicators.
  const HEADERS = ['|', '|-', '|+', '>', '>-', '>+', '|2', '>1-', '|1', '|+1', '>2+'];
  const INDENTS = ['', ' ', '  ', '   ', '    ', '     '];
  const CONTENTS = ['', '\t', '\t ', ' \t', 'x', '\tx', 'x\t', ' y', '#c', '- z', 'k: v', '\t\t', ' ', '"q"'];

  it('whatever the fast path reads, it reads as yaml does (values and positions)', () => {
    const next = random(2026);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    let fast = 0;
    for (let n = 0; n < 4000; n++) {
      const parent = pick(['', '  ']);
      const lines = Array.from({ length: 1 + Math.floor(next() * 6) }, () => parent + pick(INDENTS) + pick(CONTENTS));
      const text = `${parent ? 'p:\n' : ''}${parent}a: ${pick(HEADERS)}\n${lines.join('\n')}\n${parent}b: 1\n`;
      if (!tryReadYamlFast(text).result) continue;
      fast++;
      expect(parseDocument(text, { uniqueKeys: true }).errors, JSON.stringify(text)).toEqual([]);
      expectSameAsReference(`block-${n}.yaml`, text);
    }
    // Most of them: a fast path that declined everything would pass the loop above.
    expect(fast).toBeGreaterThan(1000);
  });
});

/** Whatever the fast path reads, `yaml` reads without error and to the same values and positions. */
function expectSameWhenFast(name: string, text: string): boolean {
  // As the loader reads it: without the text's byte order mark.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!tryReadYamlFast(body).result) return false;
  expect(parseDocument(body, { uniqueKeys: true }).errors, JSON.stringify(text)).toEqual([]);
  expectSameAsReference(name, text);
  return true;
}

describe('generated corners', () => {
  // Seeded combinations around the limits and quirks where `yaml` reads YAML its own way.
  it('keys near 1024 characters, or after many blank lines, plain or quoted, in mappings and sequences', () => {
    const next = random(1024);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    // What comes before the key, and the key's indentation.
    const HEADS: Array<[string, string]> = [
      ['', ''], ['a: 1\n', ''], ['a:\n', ''], ['a:\n-\n', ''], ['a:\n  b:\n', ''], ['x:\n  a:\n    -\n', '  '], ['a:\n- b:\n', ''],
      ['a: # c\n', ''], ['a:\n-\n# c\n', ''], ['a:\n  b: |\n', ''], ['a:\n', '  '], ['a:\n', '- '], ['a:\n  - x: 1\n', '    '],
    ];
    let fast = 0;
    for (let n = 0; n < 150; n++) {
      const length = pick([1, 20, 1000, 1015 + Math.floor(next() * 15)]);
      const key = pick(['plain', 'double', 'single']);
      const written = key === 'plain' ? 'k'.repeat(length) : key === 'double' ? `"${'k'.repeat(length)}"` : `'${'k'.repeat(length)}'`;
      const [head, indent] = pick(HEADS);
      const blank = pick(['', ' ', '  ']) + '\n';
      const text = `${head}${blank.repeat(pick([0, 0, 1, 3, 500, 1000, 1030]))}${indent}${written}${' '.repeat(Math.floor(next() * 4))}: 1\n`;
      if (expectSameWhenFast(`key-${n}.yaml`, text)) fast++;
      if (next() < 0.3 && expectSameWhenFast(`key-${n}-crlf.yaml`, text.replaceAll('\n', '\r\n'))) fast++;
    }
    expect(fast).toBeGreaterThan(50);
  });

  it('document markers, byte order marks, directives and comments around the root', () => {
    const next = random(1);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const LINES = ['', '# c', '\ufeff', '\ufeff# c', '---', '--- # c', '...', '... # c', '%YAML 1.2', ' ', '  # c'];
    const ROOTS = ['a: 1', '... :', '...: 1', '--- :', '\ufeffa: 1', '\ufeff: 1', ' \ufeffa: 1', '\ufeff  a: 1', '  a: 1', '.. : 1', '-- : 1'];
    let fast = 0;
    for (let n = 0; n < 400; n++) {
      const before = Array.from({ length: Math.floor(next() * 3) }, () => pick(LINES));
      const after = Array.from({ length: Math.floor(next() * 2) }, () => pick(LINES));
      const text = [...before, pick(ROOTS), ...(next() < 0.5 ? ['b: 2'] : []), ...after].join('\n') + pick(['', '\n']);
      if (expectSameWhenFast(`markers-${n}.yaml`, text)) fast++;
    }
    expect(fast).toBeGreaterThan(60);
  });

  it('comment and blank lines between a key or dash and its value, at every indentation', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const BETWEEN = ['', ' ', '#', '##', '# c', '#c', ' #c', '  ##', '   # c', '    #x'];
    const VALUES = ['b', 'b\n  c', '"b"', "'b\n  c'", '[b,\n  c]', 'b: 1', '- b', 'b #c'];
    const AFTER = ['c: 1', '- c', ' c', '  c', '   c', ' c: 1', '  - c', '#c', ''];
    let fast = 0;
    for (let n = 0; n < 600; n++) {
      const parent = pick(['', '  ']);
      const head = pick([`${parent}a:`, `${parent}a:\n${parent}-`, `${parent}a:\n${parent}- `, `${parent}a:\n${parent}- k:`]);
      const between = Array.from({ length: Math.floor(next() * 3) }, () => parent + pick(BETWEEN));
      const indent = parent + pick([' ', '  ', '   ', '    ']);
      const value = pick(VALUES).replaceAll('\n', `\n${indent}`);
      const after = Array.from({ length: Math.floor(next() * 3) }, () => parent + pick(AFTER));
      const text = `${parent ? 'p:\n' : ''}${[head, ...between, indent + value, ...after].join('\n')}\n`;
      if (expectSameWhenFast(`between-${n}.yaml`, text)) fast++;
    }
    expect(fast).toBeGreaterThan(120);
  });
});

describe('generated documents', () => {
  // Lines as specs write them, one after another as the line before allows (a key after
  // `key:`, an item or a key after `- `, text under `|`), at indentations that step in, out and
  // sometimes off by one, and now and then a line that breaks the structure: the block structure
  // and where it ends. Whatever the fast path reads, `yaml` must read without error and to the
  // same values and positions; what `yaml` refuses, the fast path must decline.
  const LEAF = [
    'description: Not found', 'type: string', 'example: 1.5', 'summary: a b # note', 'schema: {type: object}', 'enum: [a, b]',
    'x-tags: []', "pattern: '^[a-z]+$'", 'url: http://x.test:80/a', 'required: true', 'nullable:', 'a:b: c', '"k" : 1',
    "'q': [1, {a: b}]", 'format: "date-time"', "'201': {description: Created}",
  ];
  const OPEN = ['content:', "'404':", '"200":', '200:', 'application/json:', 'properties:', 'x-e: # c'];
  const ITEM = ['- name: id', '- in: path', '- 200', '- {name: q}', '- "quoted"', '- [a, b]', '- a b'];
  const ITEM_OPEN = ['-', '- # c', '- - x', '- k:'];
  const BLOCK = ['description: |', 'description: >-', '- |', 'x: |+', 'y: >2'];
  const MULTI = ['description: "starts here', "summary: 'it''s", 'tags: [a,', '- [b,', 'x: {k: v,', 'd: plain text'];
  const TEXT = ['text continued', 'a second line', 'ends here"', "ends there'", 'b]', 'c}', '  more', ''];
  const BROKEN = ['k: v: w', '? k', ': v', 'x: "y"#z', '\tk: v', 'k:\tv', '- \tx', '&a k: v', 'k: *a', '--- ', '...', '#c', '# c'];

  it('spec-like lines at stepping indentations, with LF and CRLF line ends', () => {
    const next = random(30);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    let fast = 0;
    let refused = 0;
    for (let n = 0; n < 3000; n++) {
      let indent = 0;
      let kind: 'open' | 'item' | 'leaf' | 'text' = 'open';
      const lines = ['openapi: 3.1.0', 'paths:'];
      for (let i = Math.floor(next() * 7); i >= 0; i--) {
        const roll = next();
        let line: string;
        if (roll < 0.06) [line, kind] = [pick(BROKEN), 'leaf'];
        else if (kind === 'text' || roll < 0.12) [line, kind] = [pick(TEXT), 'text'];
        else if (roll < 0.2) [line, kind] = [pick(next() < 0.5 ? BLOCK : MULTI), 'text'];
        else if (roll < 0.4) [line, kind] = [pick(OPEN), 'open'];
        else if (roll < 0.55) [line, kind] = [pick(ITEM_OPEN), 'item'];
        else if (roll < 0.7) [line, kind] = [pick(ITEM), next() < 0.5 ? 'item' : 'leaf'];
        else [line, kind] = [pick(LEAF), 'leaf'];
        const step = kind === 'leaf' ? pick([0, 0, -2, -4, 2]) : pick([2, 2, 4, 0, -2]);
        indent = Math.max(0, indent + (next() < 0.05 ? step + pick([1, -1]) : step));
        lines.push(' '.repeat(indent) + line);
      }
      let text = lines.join('\n') + pick(['\n', '\n', '']);
      if (next() < 0.25) text = text.replaceAll('\n', '\r\n');
      if (expectSameWhenFast(`lines-${n}.yaml`, text)) fast++;
      else if (parseDocument(text, { uniqueKeys: true }).errors.length > 0) refused++;
    }
    expect(fast).toBeGreaterThan(600);
    expect(refused).toBeGreaterThan(600);
  });
});

describe('generated flow collections', () => {
  it('nested, broken over lines, with and without a comma after the last entry', () => {
    const next = random(1212);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const SCALARS = ['1', 'b', '"q"', "'s'", '-1', 'a b', 'http://x.test/y', '~', ''];
    const space = (indent: string): string => pick(['', ' ', '  ', `\n${indent}`, ` \n${indent}  `]);
    const node = (depth: number, indent: string): string => {
      if (depth > 2 || next() < 0.35) return pick(SCALARS.filter(Boolean));
      const entries = Array.from({ length: Math.floor(next() * 4) }, (_, index) =>
        next() < 0.5 ? node(depth + 1, `${indent}  `) : `k${index}:${pick([' ', ' ', ''])}${pick([node(depth + 1, `${indent}  `), ''])}`,
      );
      const mapping = entries.length > 0 && entries.every((entry) => /^k\d:/.test(entry)) && next() < 0.8;
      const items = mapping ? entries : entries.map((entry) => (/^k\d:$/.test(entry) ? 'x' : entry));
      const trailing = items.length > 0 && next() < 0.7 ? `,${space(indent)}` : '';
      const body = items.map((entry) => entry + space(indent)).join(`,${space(indent)}`);
      return mapping ? `{${space(indent)}${body}${trailing}}` : `[${space(indent)}${body}${trailing}]`;
    };
    let fast = 0;
    let trailing = 0;
    for (let n = 0; n < 800; n++) {
      const text = `a:\n  b: ${node(0, '    ')}\n  c: 1\n`;
      if (parseDocument(text, { uniqueKeys: true }).errors.length > 0) continue;
      if (expectSameWhenFast(`flow-${n}.yaml`, text)) {
        fast++;
        if (/,\s*[\]}]/.test(text)) trailing++;
      }
    }
    expect(fast).toBeGreaterThan(400);
    expect(trailing).toBeGreaterThan(100);
  });
});

describe('generated specs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-fast-'));
  let fast = 0;
  let total = 0;
  for (const style of STYLES) {
    it(`YAML, ${style.name}: same values, positions and findings`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const spec = generateSpec(seed * 7919 + style.name.length);
        const text = writeYaml(spec, style, seed);
        total++;
        const attempt = tryReadYamlFast(text);
        if (attempt.result) fast++;
        else if (process.env.SHOW_REASONS) console.log(style.name, seed, attempt.reason);
        expectSameAsReference(`${style.name}-${seed}.yaml`, text);
        const path = join(folder, `spec-${seed}.yaml`);
        writeFileSync(path, text);
        expect(findingsOf([path], false), `seed ${seed}`).toStrictEqual(findingsOf([path], true));
        // The same with CRLF line ends, as a Windows checkout writes it: read as fast, or not at all.
        const crlf = text.replaceAll('\n', '\r\n');
        expect(tryReadYamlFast(crlf).result === undefined, `seed ${seed}, CRLF`).toBe(attempt.result === undefined);
        expectSameAsReference(`${style.name}-${seed}-crlf.yaml`, crlf);
        writeFileSync(path, crlf);
        expect(findingsOf([path], false), `seed ${seed}, CRLF`).toStrictEqual(findingsOf([path], true));
      }
    });
  }

  it('most generated YAML takes the fast path', () => {
    // Only documents with `|+` blocks, tabs and the like should be left to `yaml`.
    expect(total).toBe(STYLES.length * 12);
    expect(fast / total).toBeGreaterThan(0.7);
  });

  it('JSON, indented and minified: same values and positions', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const spec = generateSpec(seed);
      for (const text of [JSON.stringify(spec, null, 2), JSON.stringify(spec), JSON.stringify(spec, null, '\t')]) {
        // JSON is YAML: `yaml`'s Document of the same text is the reference for positions.
        const document = parseDocument(text);
        const reference = new SourceFile('/virtual/spec.json', text, 'yaml', document.toJS(), document);
        const json = parseSource('/virtual/spec.json', text);
        expect(json.format).toBe('json');
        expect(json.value).toStrictEqual(reference.value);
        const pointers = pointersOf(reference.value).slice(1);
        const expected = reference.locate(pointers);
        const actual = json.locate(pointers);
        for (const [pointer, region] of expected) expect({ pointer, region: actual.get(pointer) }).toStrictEqual({ pointer, region });
      }
    }
  });
});

describe('many findings under one large mapping', () => {
  const PATHS = 2_000;
  const spec = (paths: number): string => 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n' +
    Array.from({ length: paths }, (_, i) => `  /p${i}:\n    get:\n      responses:\n        '401': {description: no}\n`).join('');
  const text = spec(PATHS);
  const pointers = Array.from({ length: PATHS }, (_, i) => `/paths/~1p${i}/get/responses/401`);

  /** The span tree with every read of a member counted; past `budget` reads it gives up. */
  function counted(spans: Spans, budget: number): { spans: Spans; reads: () => number } {
    let reads = 0;
    const wrap = (tree: Spans): Spans => {
      const inner = tree.map((item) => (Array.isArray(item) ? wrap(item) : item));
      return new Proxy(inner, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key) && ++reads > budget) throw new Error(`more than ${budget} reads`);
          return Reflect.get(target, key, receiver);
        },
      });
    };
    return { spans: wrap(spans), reads: () => reads };
  }

  it('locates each finding with reads in proportion to its depth, not to the size of /paths', () => {
    const { result } = tryReadYamlFast(text);
    const { spans, reads } = counted(result!.spans, 40 * PATHS);
    const file = new SourceFile('/virtual/many.yaml', text, 'yaml', result!.value, undefined, spans);
    const regions = file.locate(pointers);
    for (let i = 0; i < PATHS; i++) expect(regions.get(pointers[i]!)).toMatchObject({ line: 7 + 4 * i, column: 9 });
    // About 27 reads a pointer, the index included; a scan of /paths for each was 2,000 × 1,000.
    expect(reads()).toBeLessThanOrEqual(40 * PATHS);
  });

  it('same positions as the reference, for every key and item, once the mapping is indexed', () => {
    expectSameAsReference('many.yaml', spec(300));
  });
});
