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
