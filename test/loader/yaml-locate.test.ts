import { afterEach, describe, expect, it, vi } from 'vitest';
import { yaml } from '../../src/lazy-yaml.js';
import { parseSource } from '../../src/loader/parse.js';

// Locating findings in YAML that `yaml`'s Document reads (anchors, aliases, merge keys): each
// lookup must cost the depth of its pointer, not a walk over the document or a mapping.

afterEach(() => {
  vi.restoreAllMocks();
});

const N = 2_000;
const head = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\n`;

describe('locating findings in YAML read by the yaml library', () => {
  it('behind aliases, at the anchored node, without walking the document for each alias', () => {
    let text = `${head}x-shared:\n  error: &error\n    description: Error\npaths:\n`;
    for (let index = 0; index < N; index++) text += `  /p${index}:\n    get:\n      responses:\n        '500': *error\n`;
    const file = parseSource('api.yaml', text, { yamlDocument: true });
    const resolve = vi.spyOn(yaml().Alias.prototype, 'resolve');
    const pointers = Array.from({ length: N }, (_, index) => `/paths/~1p${index}/get/responses/500/description`);
    const found = file.locate(pointers);
    expect(found.get(pointers[0]!)).toMatchObject({ line: 5, column: 5 });
    expect(found.get(pointers[N - 1]!)).toMatchObject({ line: 5, column: 5 });
    // `Alias.resolve(document)` without a context walks the whole document each time.
    expect(resolve.mock.calls.filter((call) => call[1] === undefined).length).toBe(0);
  });

  it('in a mapping of thousands of keys, looking at each key about once', () => {
    let text = `${head}x-anchor: &a 1\npaths:\n`;
    for (let index = 0; index < N; index++) text += `  /p${index}:\n    get: {responses: {'200': {description: ok}}}\n`;
    const file = parseSource('api.yaml', text, { yamlDocument: true });
    const isScalar = vi.spyOn(yaml(), 'isScalar');
    const pointers = Array.from({ length: N }, (_, index) => `/paths/~1p${index}/get/responses/200`);
    const found = file.locate(pointers);
    expect(found.get(pointers[N - 1]!)).toMatchObject({ line: 5 + 2 * (N - 1) + 1 });
    expect(isScalar.mock.calls.length).toBeLessThan(20 * N);
  });
});

describe('locating a member whose key is an alias (`*code :`)', () => {
  // `yaml` names the member by the scalar the alias names; it is written where the alias is.
  const text = [
    head.trimEnd(),
    "x-code: &code '429'",
    'x-base: &base',
    '  *code : {description: merged}',
    'paths:',
    '  /a:',
    '    get:',
    '      responses:',
    "        '200': {description: ok}",
    '        *code : {description: slow down}',
    '    put:',
    '      responses: {<<: *base}',
    '',
  ].join('\n');

  it('at the alias, as a key written out is, in the mapping and through a << merge', () => {
    const file = parseSource('api.yaml', text);
    expect(file.value).toMatchObject({ paths: { '/a': { get: { responses: { '429': { description: 'slow down' } } } } } });
    const pointers = ['/paths/~1a/get/responses/429', '/paths/~1a/get/responses/429/description', '/paths/~1a/put/responses/429'];
    const found = file.locate(pointers);
    expect(found.get(pointers[0]!)).toEqual({ line: 11, column: 9, endLine: 11, endColumn: 14 });
    expect(found.get(pointers[1]!)).toMatchObject({ line: 11, column: 18 });
    expect(found.get(pointers[2]!)).toEqual({ line: 5, column: 3, endLine: 5, endColumn: 8 });
  });
});

describe('SourceFile.mergesIn: whether a mapping takes a member from a << merge key', () => {
  const text = [
    head.trimEnd(),
    'x-common: &common',
    '  x-statuslint-ignore: [require-retry-after]',
    'x-own: &own',
    '  description: own',
    'paths:',
    '  /a:',
    '    get:',
    '      parameters:',
    '        - {name: q, in: query, <<: *common}',
    '        - {name: r, in: query, <<: *common, x-statuslint-ignore: [a]}',
    '        - {name: s, in: query, <<: [*own, *common]}',
    '      responses:',
    "        '200': &ok {description: ok}",
    "        '201': *ok",
    '',
  ].join('\n');
  const key = 'x-statuslint-ignore';

  it('is true for a member brought in by << (from any of its sources), false for one written, absent, or under an alias', () => {
    // Read inside the test, not while vitest collects the file: a mutation run would otherwise
    // count the whole YAML path as "static" and try each of its mutants against every test.
    const file = parseSource('api.yaml', text, { yamlDocument: true });
    expect(file.mergesIn('/paths/~1a/get/parameters/0', key)).toBe(true);
    expect(file.mergesIn('/paths/~1a/get/parameters/2', key)).toBe(true);
    expect(file.mergesIn('/paths/~1a/get/parameters/1', key)).toBe(false);
    expect(file.mergesIn('/x-common', key)).toBe(false);
    expect(file.mergesIn('/paths/~1a/get/responses/201', 'description')).toBe(false);
    expect(file.mergesIn('/paths/~1a/get/responses/201', key)).toBe(false);
    expect(file.mergesIn('/paths/~1nowhere', key)).toBe(false);
  });

  it('is false, with no YAML document made, where no node can be shared (JSON, YAML without an anchor)', () => {
    expect(parseSource('api.json', JSON.stringify({ a: { b: 1 } })).mergesIn('/a', 'b')).toBe(false);
    expect(parseSource('api.yaml', `${head}paths: {}\n`).mergesIn('', 'paths')).toBe(false);
  });
});

describe('SourceFile.locate: the region of each pointer, and none for a pointer that names nothing', () => {
  const paths = Array.from({ length: 20 }, (_, index) => `/p${index}`);
  const yamlText = ['openapi: 3.0.3', 'x-list: [a, b]', 'x-note: scalar', 'paths:', ...paths.map((path) => `  ${path}: {}`), ''].join('\n');
  const jsonText = JSON.stringify({ openapi: '3.0.3', 'x-list': ['a', 'b'], 'x-note': 'scalar', paths: Object.fromEntries(paths.map((path) => [path, {}])) }, null, 2);
  // Past an item, under a scalar, beside a key: nothing. Every path of a mapping large enough to
  // be indexed by key after a few lookups, the first key last, then one it does not write.
  const pointers = ['/x-list/1', '/x-list/2', '/x-note/x', '/x-list/0/x', '/missing', ...paths.map((path) => `/paths/~1${path.slice(1)}`).reverse(), '/paths/~1none'];
  const named = (found: Map<string, { line: number; column: number; endColumn: number }>): string[] =>
    pointers.map((pointer) => {
      const region = found.get(pointer);
      return region ? `${region.line}:${region.column}-${region.endColumn}` : '-';
    });
  const yamlRegions = ['2:13-14', '-', '-', '-', '-', ...paths.map((_, index) => `${5 + index}:3-${index < 10 ? 6 : 7}`).reverse(), '-'];

  it.each<[string, string, string, { yamlDocument?: boolean }]>([
    ['YAML the fast reader reads', 'api.yaml', yamlText, {}],
    ['YAML with CRLF line ends', 'api.yaml', yamlText.replaceAll('\n', '\r\n'), {}],
    ['YAML read by the yaml library', 'api.yaml', yamlText, { yamlDocument: true }],
    ['YAML with an anchor', 'api.yaml', `${yamlText}x-a: &a 1\n`, {}],
  ])('%s', (_, path, text, options) => {
    expect(named(parseSource(path, text, options).locate(pointers))).toEqual(yamlRegions);
  });

  it('JSON', () => {
    expect(named(parseSource('api.json', jsonText).locate(pointers))).toEqual(['5:5-8', '-', '-', '-', '-', ...paths.map((_, index) => `${9 + index}:5-${index < 10 ? 10 : 11}`).reverse(), '-']);
  });
});

describe('SourceFile.writtenPointers: where a node reached through an alias or a << merge is written', () => {
  const text = ['A: &a', '  description: x', 'B: *a', 'L: &l', '  - {x: 1}', '  - y', 'M: *l', 'C:', '  <<: *a', '  own: 1', 'D:', '  <<: {q: 1}', 'E: [*a]', ''].join('\n');

  it('moves what an alias or a merge reaches to where it is written, and leaves the rest as reached', () => {
    const pointers = ['/A/description', '/B/description', '/B', '/M/0/x', '/M/1', '/M/5', '/C/description', '/C/own', '/D/q', '/E/0/description', '/B/nothing', '/A/description/deeper'];
    expect(Object.fromEntries(parseSource('api.yaml', text).writtenPointers(pointers))).toEqual({
      '/B/description': '/A/description',
      '/M/0/x': '/L/0/x',
      '/M/1': '/L/1',
      '/C/description': '/A/description',
      '/E/0/description': '/A/description',
    });
  });
});
