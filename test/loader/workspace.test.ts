// The workspace's cache: a spec released after linting is read again when a later spec
// references it, and every path read is still reported.
import { linkSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { Workspace } from '../../src/loader/resolve.js';
import { projectRoots } from '../../src/loader/project-root.js';
import type { SourceFile } from '../../src/loader/parse.js';
import { lint } from '../../src/lint.js';
import { rules } from '../../rules/index.js';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-workspace-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ openapi: '3.0.3', info: { title: 'a', version: '1' }, paths: {}, components: { responses: { Gone: { description: 'gone' } } } }));
  writeFileSync(
    join(dir, 'b.json'),
    JSON.stringify({ openapi: '3.0.3', info: { title: 'b', version: '1' }, paths: { '/x': { get: { responses: { '410': { $ref: 'a.json#/components/responses/Gone' } } } } } }),
  );
  return dir;
}

describe('Workspace.release', () => {
  it('forgets a linted spec, reads it again when another spec references it, and still lists it as read', () => {
    const dir = folder();
    const workspace = new Workspace({ rootFor: () => dir });
    const a = workspace.load(join(dir, 'a.json'));
    workspace.checkReferences(a);
    workspace.release(a);
    expect(workspace.load(join(dir, 'a.json'))).not.toBe(a);

    const b = workspace.load(join(dir, 'b.json'));
    workspace.checkReferences(b);
    const target = workspace.deref({ file: b, pointer: '/paths/~1x/get/responses/410', value: { $ref: 'a.json#/components/responses/Gone' } });
    expect(target?.value).toStrictEqual({ description: 'gone' });
    expect(target?.file.path).toBe(join(dir, 'a.json'));
    expect(workspace.loadedPaths).toStrictEqual([join(dir, 'a.json'), join(dir, 'b.json')]);
    // What a lane sends on after each spec: only the paths it had not sent, each once.
    expect(workspace.loadedSince(1)).toStrictEqual([join(dir, 'b.json')]);
    expect(workspace.loadedSince(2)).toStrictEqual([]);
  });

  it('keeps a spec that a file read so far references', () => {
    const dir = folder();
    const workspace = new Workspace({ rootFor: () => dir });
    const b = workspace.load(join(dir, 'b.json'));
    workspace.checkReferences(b);
    const a = workspace.load(join(dir, 'a.json'));
    workspace.release(a);
    expect(workspace.load(join(dir, 'a.json'))).toBe(a);
  });
});

describe('Workspace.checkReferences on a long $ref chain', () => {
  const LINKS = 2_000;
  /**
   * R0 → R1 → … → R{LINKS}, alternating between a.json and b.json, R{LINKS} being `last`;
   * the spec's one response names R0.
   */
  function chain(last: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-chain-'));
    const files: Record<string, Record<string, unknown>> = { 'a.json': {}, 'b.json': {} };
    const fileOf = (index: number): string => (index % 2 === 0 ? 'a.json' : 'b.json');
    for (let index = 0; index < LINKS; index++) files[fileOf(index)]![`R${index}`] = { $ref: `${fileOf(index + 1)}#/R${index + 1}` };
    files[fileOf(LINKS)]![`R${LINKS}`] = last;
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
    const responses = { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'a.json#/R0' } } } } };
    writeFileSync(join(dir, 'api.json'), JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses } } } }));
    return dir;
  }
  /** Checks the spec, counting the links followed; past twice the chain's length it gives up. */
  function check(dir: string): { steps: number; error?: string } {
    const workspace = new Workspace({ rootFor: () => dir });
    const step = workspace.step.bind(workspace);
    let steps = 0;
    workspace.step = (node) => {
      if (++steps > 2 * LINKS) throw new Error(`more than ${2 * LINKS} links followed`);
      return step(node);
    };
    try {
      workspace.checkReferences(workspace.load(join(dir, 'api.json')));
      return { steps };
    } catch (error) {
      return { steps, error: error instanceof LoadError ? error.describe(dir) : String(error) };
    }
  }

  it('follows each link once, not once for every link before it', () => {
    const { steps, error } = check(chain({ type: 'object' }));
    expect(error).toBeUndefined();
    expect(steps).toBeLessThanOrEqual(LINKS);
  });

  it('still refuses a chain that ends in a loop, at the first $ref that enters it', () => {
    const { error } = check(chain({ $ref: `a.json#/R${LINKS / 2}` }));
    expect(error).toMatch(/^api\.json:\d+:\d+: cannot resolve \$ref 'a\.json#\/R0': the \$ref chain loops back on itself without reaching a value$/);
  });

  it('still refuses a chain that ends in a broken $ref, at that $ref', () => {
    const { error } = check(chain({ $ref: 'a.json#/Missing' }));
    expect(error).toMatch(/^a\.json:\d+:\d+: cannot resolve \$ref 'a\.json#\/Missing': no such location$/);
  });
});

describe('Workspace.checkReferences on a bare schema name', () => {
  const refused = (spec: string): string => {
    const dir = folder();
    writeFileSync(join(dir, 'api.yaml'), spec);
    const workspace = new Workspace({ rootFor: () => dir });
    try {
      workspace.checkReferences(workspace.load(join(dir, 'api.yaml')));
    } catch (error) {
      // The inner error names the missing file by its absolute path.
      if (error instanceof LoadError) return error.describe(dir).replaceAll(`${dir}/`, '');
      throw error;
    }
    throw new Error('accepted');
  };

  it.each([
    ["swagger: '2.0'\npaths: {}\nx: {$ref: Pet}\ndefinitions: {Pet: {}}\n", "api.yaml:3:5: cannot resolve $ref 'Pet': Pet: no such file; did you mean '#/definitions/Pet'?"],
    ['openapi: 3.0.3\npaths: {}\nx: {$ref: Pet}\ncomponents: {schemas: {Pet: {}}}\n', "api.yaml:3:5: cannot resolve $ref 'Pet': Pet: no such file; did you mean '#/components/schemas/Pet'?"],
    // No schema by that name: a file was meant, and the error says only that it is missing.
    ['openapi: 3.0.3\npaths: {}\nx: {$ref: Cat}\ncomponents: {schemas: {Pet: {}}}\n', "api.yaml:3:5: cannot resolve $ref 'Cat': Cat: no such file"],
  ])('%j', (spec, expected) => {
    expect(refused(spec)).toBe(expected);
  });
});

describe('Workspace.checkReferences on a pointer that names nothing', () => {
  const refused = (spec: string, files: Record<string, string> = {}): string => {
    const dir = folder();
    writeFileSync(join(dir, 'api.yaml'), spec);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const workspace = new Workspace({ rootFor: () => dir });
    try {
      workspace.checkReferences(workspace.load(join(dir, 'api.yaml')));
    } catch (error) {
      if (error instanceof LoadError) return error.describe(dir);
      throw error;
    }
    throw new Error('accepted');
  };
  const responses = "openapi: 3.0.3\npaths: {/a: {get: {responses: {'429': {description: s}}}}}\ncomponents: {responses: {NotFound: {description: n}, 'a/b': {description: s}}}\n";

  it.each([
    // A misspelt or miscased step, anywhere along the pointer, in this file or another.
    ['#/components/respones/NotFound', "did you mean '#/components/responses/NotFound'?"],
    ['#/components/responses/notFound', "did you mean '#/components/responses/NotFound'?"],
    ['#/components/responses/a~1c', "did you mean '#/components/responses/a~1b'?"],
    ['other.yaml#/notfound', "did you mean 'other.yaml#/NotFound'?"],
    // Nothing close: only what is wrong.
    ['#/components/responses/Gone', 'no such location'],
    ['other.yaml#/Elsewhere', 'no such location'],
    ['#/paths/~1a/get/responses/428', 'no such location'],
    // A pointer that lost its first '/'.
    ['#components/responses/NotFound', "did you mean '#/components/responses/NotFound'?"],
  ])('%s', (ref, hint) => {
    const message = refused(responses + `x: {$ref: '${ref}'}\n`, { 'other.yaml': 'NotFound: {description: n}\n' });
    expect(message).toBe(`api.yaml:4:5: cannot resolve $ref '${ref}': no such location${hint === 'no such location' ? '' : `; ${hint}`}`);
  });

  it('in OpenAPI 3.1, a pointer that lost its first slash is refused, not passed over as a JSON Schema anchor', () => {
    const spec = responses.replace('3.0.3', '3.1.0') + "x: {$ref: '#components/responses/NotFound'}\n";
    expect(refused(spec)).toBe("api.yaml:4:5: cannot resolve $ref '#components/responses/NotFound': no such location; did you mean '#/components/responses/NotFound'?");
  });
});

describe('a whole file named by a $ref', () => {
  // A response kept in a file of its own (components/responses/Unauthorized.yaml) is reported
  // at the file's root: its first line of content, whatever comes before it.
  const cases: Array<[string, string, string, [number, number, number]]> = [
    ['YAML after comments, a blank line and ---', 'resp.yaml', '# Shared 401\n# licence\n\n---\ndescription: Unauthorized\n', [5, 1, 26]],
    ['YAML read through yaml (an anchor)', 'resp.yaml', '# c\n\nx: &a 1\ndescription: Unauthorized\ny: *a\n', [3, 1, 8]],
    ['YAML with CRLF line ends', 'resp.yaml', '# c\r\n\r\ndescription: Unauthorized\r\n', [3, 1, 26]],
    ['YAML after an indented comment and a --- with a comment', 'resp.yaml', '  # Shared 401\n--- # licence\ndescription: Unauthorized\n', [3, 1, 26]],
    ['YAML without a final line break', 'resp.yaml', 'description: Unauthorized', [1, 1, 26]],
    ['indented JSON after blank lines', 'resp.json', '\n\n  {"description": "Unauthorized"}\n', [3, 3, 34]],
    // Read through yaml, which the fast reader leaves these to: the content is not at the `---`.
    ['YAML content on the --- line', 'resp.yaml', '# c\n--- {description: Unauthorized}\n', [2, 5, 32]],
    ['YAML whose root has an anchor on the --- line', 'resp.yaml', '--- &r\ndescription: Unauthorized\n', [2, 1, 26]],
    ['YAML whose root has a tag, after a directive', 'resp.yaml', '%YAML 1.2\n--- !!map\ndescription: Unauthorized\n', [3, 1, 26]],
  ];
  for (const [name, file, text, [line, column, endColumn]] of cases) {
    it(name, () => {
      const dir = mkdtempSync(join(tmpdir(), 'statuslint-root-'));
      writeFileSync(join(dir, file), text);
      const region = new Workspace({ rootFor: () => dir }).load(join(dir, file)).locate(['']).get('');
      expect(region).toMatchObject({ line, column, endLine: line, endColumn });
    });
  }
});

describe('one file reached by several spellings', () => {
  it('is read once and reported once, under the first: a link, a linked folder, a hard link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-spellings-'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'resp.yaml'), 'U:\n  description: Unauthorized\n');
    symlinkSync(join(dir, 'real', 'resp.yaml'), join(dir, 'link.yaml'));
    symlinkSync(join(dir, 'real'), join(dir, 'linkdir'));
    linkSync(join(dir, 'real', 'resp.yaml'), join(dir, 'hard.yaml'));
    const operation = (ref: string) => ({ get: { responses: { '200': { description: 'ok' }, '400': { description: 'bad' }, '401': { $ref: ref } } } });
    writeFileSync(join(dir, 'api.json'), JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a': operation('real/resp.yaml#/U'), '/b': operation('link.yaml#/U'), '/c': operation('linkdir/resp.yaml#/U'), '/d': operation('hard.yaml#/U') },
    }));
    const result = lint([join(dir, 'api.json')], { cwd: dir, rules: [{ rule: rules['require-www-authenticate']!, severity: 'error' }] });
    expect(result.failures.map((failure) => failure.describe())).toEqual([]);
    expect(result.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.pointer}`)).toEqual(['real/resp.yaml:1:1 /U']);
  });
});

describe('the relative $refs of a file reached through a link', () => {
  // A `common/` folder linked into a service, whose file names `../lib/slow.yaml`: the file is
  // read once, so its `$ref`s can name one file only, whichever spelling reached it first. They
  // name what the file system does (`services/a/common/../lib` is `lib`), as a folder run finds
  // the file (by its own path): a service with a `lib/` of its own neither breaks the run nor
  // hides the shared one's finding, and the order of the specs changes nothing.
  function project(): string {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-linked-'));
    for (const folder of ['common', 'lib', 'services/a/lib', 'v2']) mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, 'common', 'r.yaml'), "Slow:\n  $ref: '../lib/slow.yaml'\n");
    writeFileSync(join(dir, 'lib', 'slow.yaml'), 'description: slow\n');
    writeFileSync(join(dir, 'services/a/lib', 'slow.yaml'), 'description: slow\nheaders: {Retry-After: {schema: {type: integer}}}\n');
    symlinkSync('../../common', join(dir, 'services/a/common'));
    const spec = (ref: string): string =>
      JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok' }, '429': { $ref: ref } } } } } });
    writeFileSync(join(dir, 'api.json'), spec('common/r.yaml#/Slow'));
    writeFileSync(join(dir, 'services/a/api.json'), spec('common/r.yaml#/Slow'));
    // A spec linked from elsewhere (`latest.json -> v2/api.json`) names its files from v2/.
    writeFileSync(join(dir, 'v2', 'api.json'), spec('slow.yaml'));
    writeFileSync(join(dir, 'v2', 'slow.yaml'), 'description: slow\n');
    symlinkSync('v2/api.json', join(dir, 'latest.json'));
    return dir;
  }
  const run = (dir: string, specs: string[]): string[] => {
    const result = lint(specs.map((spec) => join(dir, spec)), { cwd: dir, rules: [{ rule: rules['require-retry-after']!, severity: 'warning' }] });
    return [...result.failures.map((failure) => failure.describe()), ...result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.pointer}`)];
  };

  it('names the files the file system does, whichever spec reached the file first', () => {
    const dir = project();
    expect(run(dir, ['services/a/api.json'])).toEqual(['lib/slow.yaml:1 ']);
    expect(run(dir, ['services/a/api.json', 'api.json'])).toEqual(['lib/slow.yaml:1 ']);
    expect(run(dir, ['api.json', 'services/a/api.json'])).toEqual(['lib/slow.yaml:1 ']);
  });

  it('a linked spec names its files from the folder of the file it links to, named alone or beside it', () => {
    const dir = project();
    expect(run(dir, ['latest.json'])).toEqual(['v2/slow.yaml:1 ']);
    expect(run(dir, ['latest.json', 'v2/api.json'])).toEqual(['v2/slow.yaml:1 ']);
    expect(run(dir, ['v2/api.json', 'latest.json'])).toEqual(['v2/slow.yaml:1 ']);
  });
});

/**
 * Writes `files` (by path relative to a new folder; a value `{ link }` makes a symbolic link)
 * and checks the references of the first: the error the CLI would print, with the folder's
 * path left out, or the notices, each as `file pointer: message`.
 */
function checkFiles(files: Record<string, string | { link: string }>, options: { root?: string; allowExternalRefs?: boolean; maxFileBytes?: number } = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-refs-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    if (typeof content === 'string') writeFileSync(join(dir, name), content);
    else symlinkSync(content.link, join(dir, name));
  }
  const root = join(dir, options.root ?? '');
  const workspace = new Workspace({ rootFor: () => root, allowExternalRefs: options.allowExternalRefs, maxFileBytes: options.maxFileBytes });
  const strip = (text: string): string => text.replaceAll(`${dir}/`, '').replaceAll(dir, '<dir>');
  try {
    workspace.checkReferences(workspace.load(join(dir, Object.keys(files)[0]!), true));
  } catch (error) {
    if (error instanceof LoadError) return [strip(error.describe(dir))];
    throw error;
  }
  return workspace.notices.map((notice) => strip(`${notice.file.path} ${notice.pointer}: ${notice.message}`));
}

/** A spec of the given version whose one response is `{$ref: ref}`, and `more` top-level YAML. */
const refSpec = (version: string, ref: string, more = ''): string =>
  `openapi: ${version}\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '401': {$ref: '${ref}'}\n${more}`;
const at = '/paths/~1a/get/responses/401/$ref';

describe('Workspace.checkReferences: refs that are not followed', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['a remote URL', { 'api.yaml': refSpec('3.0.3', 'https://example.com/shared.yaml#/Unauthorized') }, [`api.yaml ${at}: remote $ref 'https://example.com/shared.yaml#/Unauthorized' is not fetched; what it names is not linted`]],
    ['a URL without a scheme', { 'api.yaml': refSpec('3.0.3', '//example.com/shared.yaml') }, [`api.yaml ${at}: remote $ref '//example.com/shared.yaml' is not fetched; what it names is not linted`]],
    ['a URL whose scheme is in capitals', { 'api.yaml': refSpec('3.0.3', 'HTTPS://example.com/shared.yaml') }, [`api.yaml ${at}: remote $ref 'HTTPS://example.com/shared.yaml' is not fetched; what it names is not linted`]],
    ['a URN', { 'api.yaml': refSpec('3.1.0', 'urn:example:unauthorized') }, [`api.yaml ${at}: $ref 'urn:example:unauthorized' names a URI, not a file, and is not fetched; what it names is not linted`]],
    ['a remote URL in a file another names', { 'api.yaml': refSpec('3.0.3', 'common.yaml#/U'), 'common.yaml': 'U: {$ref: "https://example.com/u.yaml"}\n' }, ["common.yaml /U/$ref: remote $ref 'https://example.com/u.yaml' is not fetched; what it names is not linted"]],
    ['a JSON Schema anchor in OAS 3.1', { 'api.yaml': refSpec('3.1.0', '#unauthorized') }, [`api.yaml ${at}: $ref '#unauthorized' names a JSON Schema anchor, which statuslint does not follow; what it names is not linted`]],
    ['a JSON Schema anchor in OAS 3.2, in another file', { 'api.yaml': refSpec('3.2.0', 'common.yaml#unauthorized'), 'common.yaml': 'U: {description: u}\n' }, [`api.yaml ${at}: $ref 'common.yaml#unauthorized' names a JSON Schema anchor, which statuslint does not follow; what it names is not linted`]],
    [
      "a ref under a schema's $id in OAS 3.1",
      { 'api.yaml': refSpec('3.1.0', '#/components/responses/U', "components:\n  responses:\n    U:\n      description: u\n      content: {application/json: {schema: {$id: 'https://example.com/schemas/problem', properties: {detail: {$ref: 'detail.json'}}}}}\n") },
      ["api.yaml /components/responses/U/content/application~1json/schema/properties/detail/$ref: $ref 'detail.json' is resolved against the schema's $id 'https://example.com/schemas/problem', which statuslint does not follow; what it names is not linted"],
    ],
    [
      "a ref under nested schemas' $ids: the innermost",
      { 'api.yaml': refSpec('3.1.0', '#/components/schemas/Problem', "components:\n  schemas:\n    Problem: {$id: 'https://example.com/problem', properties: {error: {$id: 'https://example.com/error', items: {$ref: 'detail.json'}}}}\n") },
      ["api.yaml /components/schemas/Problem/properties/error/items/$ref: $ref 'detail.json' is resolved against the schema's $id 'https://example.com/error', which statuslint does not follow; what it names is not linted"],
    ],
    [
      "a pointer under a schema's $id, into that schema's own resource",
      { 'api.yaml': refSpec('3.1.0', '#/components/schemas/Problem', "components:\n  schemas:\n    Problem: {$id: 'https://example.com/problem', $defs: {D: {type: string}}, properties: {detail: {$ref: '#/$defs/D'}}}\n") },
      ["api.yaml /components/schemas/Problem/properties/detail/$ref: $ref '#/$defs/D' is resolved against the schema's $id 'https://example.com/problem', which statuslint does not follow; what it names is not linted"],
    ],
    [
      "a ref beside the $id of its own schema",
      { 'api.yaml': refSpec('3.1.0', '#/components/schemas/Detail', "components:\n  schemas:\n    Detail: {$id: 'https://example.com/detail', $ref: 'detail.json'}\n") },
      ["api.yaml /components/schemas/Detail/$ref: $ref 'detail.json' is resolved against the schema's $id 'https://example.com/detail', which statuslint does not follow; what it names is not linted"],
    ],
    ['a ref to the $self of an OAS 3.1 document, where $self means nothing', { 'api.yaml': refSpec('3.1.0', 'https://example.com/api.yaml#/components/responses/U', "$self: 'https://example.com/api.yaml'\ncomponents: {responses: {U: {description: u}}}\n") }, [`api.yaml ${at}: remote $ref 'https://example.com/api.yaml#/components/responses/U' is not fetched; what it names is not linted`]],
    ['a ref to another document than $self names', { 'api.yaml': refSpec('3.2.0', 'https://example.com/other.yaml#/components/responses/U', "$self: 'https://example.com/api.yaml'\ncomponents: {responses: {U: {description: u}}}\n") }, [`api.yaml ${at}: remote $ref 'https://example.com/other.yaml#/components/responses/U' is not fetched; what it names is not linted`]],
    ['a ref to a relative $self, which no retrieval URI resolves', { 'api.yaml': refSpec('3.2.0', 'https://example.com/api.yaml#/components/responses/U', "$self: '/api.yaml'\ncomponents: {responses: {U: {description: u}}}\n") }, [`api.yaml ${at}: remote $ref 'https://example.com/api.yaml#/components/responses/U' is not fetched; what it names is not linted`]],
  ])('%s: a notice at the $ref', (_name, files, expected) => {
    expect(checkFiles(files)).toEqual(expected);
  });
});

describe('Workspace.checkReferences: refs that are followed', () => {
  it.each<[string, Record<string, string | { link: string }>, { root?: string; allowExternalRefs?: boolean }?]>([
    ['a file in a subfolder, whose own refs name files beside it', { 'api.yaml': refSpec('3.0.3', 'responses/errors.yaml#/Unauthorized'), 'responses/errors.yaml': 'Unauthorized: {$ref: "./unauthorized.yaml"}\n', 'responses/unauthorized.yaml': 'description: u\n' }],
    ['a file in a parent folder inside the project root', { 'api/v1/api.yaml': refSpec('3.0.3', '../../shared/errors.yaml#/Unauthorized'), 'shared/errors.yaml': 'Unauthorized: {description: u}\n' }],
    ['a file outside the project root, with --allow-external-refs', { 'api/api.yaml': refSpec('3.0.3', '../shared.yaml'), 'shared.yaml': 'description: u\n' }, { root: 'api', allowExternalRefs: true }],
    ['a link to a file inside the project root', { 'api.yaml': refSpec('3.0.3', 'linked.yaml'), 'linked.yaml': { link: 'real/unauthorized.yaml' }, 'real/unauthorized.yaml': 'description: u\n' }],
    ['a percent-encoded file name', { 'api.yaml': refSpec('3.0.3', 'error%20responses/un%23authorized.yaml'), 'error responses/un#authorized.yaml': 'description: u\n' }],
    ['a file name with a stray percent sign, in a percent-encoded folder', { 'api.yaml': refSpec('3.0.3', 'error%20responses/100%.yaml#/U'), 'error responses/100%.yaml': 'U: {description: u}\n' }],
    ['a percent-encoded pointer', { 'api.yaml': refSpec('3.0.3', '#/components/responses/Not%20allowed', 'components: {responses: {Not allowed: {description: u}}}\n') }],
    ['a pointer with a stray percent sign', { 'api.yaml': refSpec('3.0.3', '#/components/responses/100%', "components: {responses: {'100%': {description: u}}}\n") }],
    ['a ref to the $self of an OAS 3.2 document', { 'api.yaml': refSpec('3.2.0', 'https://example.com/api.yaml#/components/responses/U', "$self: 'https://example.com/api.yaml'\ncomponents: {responses: {U: {description: u}}}\n") }],
    ['a chain of refs across files that ends in a value', { 'api.yaml': refSpec('3.0.3', 'a.yaml#/U'), 'a.yaml': 'U: {$ref: "b.yaml#/U"}\nV: {description: u}\n', 'b.yaml': 'U: {$ref: "a.yaml#/V"}\n' }],
    ['a boolean schema in OAS 3.1', { 'api.yaml': refSpec('3.1.0', '#/components/responses/U', 'components: {responses: {U: {description: u, content: {application/json: {schema: {$ref: "#/components/schemas/Any"}}}}}, schemas: {Any: true}}\n') }],
  ])('%s', (_name, files, options) => {
    expect(checkFiles(files, options)).toEqual([]);
  });
});

describe('Workspace.checkReferences: refs that stop the run, with the file and position of the $ref', () => {
  const outside = 'it is outside the project root api; pass --allow-external-refs to follow it';
  it.each<[string, Record<string, string | { link: string }>, string, { root?: string; maxFileBytes?: number; allowExternalRefs?: boolean }?]>([
    ['a file that is not there', { 'api.yaml': refSpec('3.0.3', 'errors.yaml#/U') }, "api.yaml:7:17: cannot resolve $ref 'errors.yaml#/U': errors.yaml: no such file"],
    // One letter before a colon is a Windows drive, not a URI scheme.
    ['a Windows path', { 'api.yaml': refSpec('3.0.3', 'C:/specs/errors.yaml') }, "api.yaml:7:17: cannot resolve $ref 'C:/specs/errors.yaml': C:/specs/errors.yaml: no such file"],
    ['a device', { 'api.yaml': refSpec('3.0.3', '/dev/null') }, "api.yaml:7:17: cannot resolve $ref '/dev/null': /dev/null: not a regular file (a socket or device)", { allowExternalRefs: true }],
    ['a folder', { 'api.yaml': refSpec('3.0.3', 'errors'), 'errors/u.yaml': '' }, "api.yaml:7:17: cannot resolve $ref 'errors': errors: is a directory, not a file"],
    ['a file taken for a folder', { 'api.yaml': refSpec('3.0.3', 'errors.yaml/u.yaml'), 'errors.yaml': '' }, "api.yaml:7:17: cannot resolve $ref 'errors.yaml/u.yaml': errors.yaml/u.yaml: no such file (a folder on its path is a file)"],
    ['a link that names itself', { 'api.yaml': refSpec('3.0.3', 'loop.yaml'), 'loop.yaml': { link: 'loop.yaml' } }, "api.yaml:7:17: cannot resolve $ref 'loop.yaml': loop.yaml: too many levels of symbolic links"],
    ['a file name too long for the file system', { 'api.yaml': refSpec('3.0.3', `${'e'.repeat(300)}.yaml`) }, `api.yaml:7:17: cannot resolve $ref '${'e'.repeat(120)}…': ${'e'.repeat(300)}.yaml: the file name is too long`],
    ['a file over the size limit', { 'api.yaml': refSpec('3.0.3', 'errors.yaml#/U'), 'errors.yaml': `U: {description: '${'u'.repeat(2000)}'}\n` }, "api.yaml:7:17: cannot resolve $ref 'errors.yaml#/U': errors.yaml: the file is 2 KiB, over the 1 KiB limit (raise it with --max-file-size)", { maxFileBytes: 1024 }],
    ['a file that does not parse', { 'api.yaml': refSpec('3.0.3', 'errors.json#/U'), 'errors.json': '{"U": {"description": "u"}' }, "api.yaml:7:17: cannot resolve $ref 'errors.json#/U': errors.json:1:27: "],
    ['a file nested too deep', { 'api.yaml': refSpec('3.0.3', 'errors.json#/U'), 'errors.json': `{"U": {"description": "u"}, "x-deep": ${'['.repeat(300)}${']'.repeat(300)}}` }, 'errors.json:1:294: nesting deeper than 256 levels'],
    ['a file outside the project root', { 'api/api.yaml': refSpec('3.0.3', '../shared.yaml'), 'shared.yaml': 'description: u\n' }, `api/api.yaml:7:17: cannot resolve $ref '../shared.yaml': ${outside}`, { root: 'api' }],
    ['an absolute path outside the project root', { 'api/api.yaml': refSpec('3.0.3', '/etc/passwd') }, `api/api.yaml:7:17: cannot resolve $ref '/etc/passwd': ${outside}`, { root: 'api' }],
    [
      'a link inside the project root to a file outside it',
      { 'api/api.yaml': refSpec('3.0.3', 'shared.yaml'), 'api/shared.yaml': { link: '../secret.yaml' }, 'secret.yaml': 'description: u\n' },
      "api/api.yaml:7:17: cannot resolve $ref 'shared.yaml': a symbolic link takes it outside the project root api; pass --allow-external-refs to follow it",
      { root: 'api' },
    ],
    ['a file outside the project root, named by a file inside it', { 'api/api.yaml': refSpec('3.0.3', 'errors.yaml#/U'), 'api/errors.yaml': 'U: {$ref: "../shared.yaml"}\n', 'shared.yaml': 'description: u\n' }, `api/errors.yaml:1:5: cannot resolve $ref '../shared.yaml': ${outside}`, { root: 'api' }],
    ['a location that is not there', { 'api.yaml': refSpec('3.0.3', '#/components/responses/Gone') }, "api.yaml:7:17: cannot resolve $ref '#/components/responses/Gone': no such location"],
    ['a JSON Schema anchor before OAS 3.1', { 'api.yaml': refSpec('3.0.3', '#unauthorized') }, "api.yaml:7:17: cannot resolve $ref '#unauthorized': no such location"],
    ['a string', { 'api.yaml': refSpec('3.0.3', '#/info/title') }, "api.yaml:7:17: cannot resolve $ref '#/info/title': it names a string, where an object is expected"],
    ['a number', { 'api.yaml': refSpec('3.0.3', '#/x-limit', 'x-limit: 5\n') }, "api.yaml:7:17: cannot resolve $ref '#/x-limit': it names a number, where an object is expected"],
    ['null', { 'api.yaml': refSpec('3.0.3', '#/x-none', 'x-none: null\n') }, "api.yaml:7:17: cannot resolve $ref '#/x-none': it names null, where an object is expected"],
    ['a string at the end of a chain', { 'api.yaml': refSpec('3.0.3', 'a.yaml#/U'), 'a.yaml': 'U: {$ref: "#/V"}\nV: text\n' }, "api.yaml:7:17: cannot resolve $ref 'a.yaml#/U': it names a string, where an object is expected"],
    ['a chain that loops', { 'api.yaml': refSpec('3.0.3', 'a.yaml#/U'), 'a.yaml': 'U: {$ref: "b.yaml#/U"}\n', 'b.yaml': 'U: {$ref: "a.yaml#/U"}\n' }, "api.yaml:7:17: cannot resolve $ref 'a.yaml#/U': the $ref chain loops back on itself without reaching a value"],
    ['a ref to itself', { 'api.yaml': refSpec('3.0.3', '#/components/responses/U', "components: {responses: {U: {$ref: '#/components/responses/U'}}}\n") }, "api.yaml:7:17: cannot resolve $ref '#/components/responses/U': the $ref chain loops back on itself without reaching a value"],
    ['a broken ref in OAS 3.1 that is under no $id', { 'api.yaml': refSpec('3.1.0', 'detail.json') }, "api.yaml:7:17: cannot resolve $ref 'detail.json': detail.json: no such file"],
    [
      "a broken ref in OAS 3.1, written under a schema's $id and outside it: the one outside",
      { 'api.yaml': refSpec('3.1.0', '#/components/responses/U', "components:\n  responses:\n    U:\n      description: u\n      content: {application/json: {schema: {$id: 'https://example.com/p', properties: {detail: {$ref: '#/$defs/D'}}}}}\n    V:\n      description: v\n      content: {application/json: {schema: {$ref: '#/$defs/D'}}}\n") },
      "api.yaml:15:45: cannot resolve $ref '#/$defs/D': no such location",
    ],
    ['a ref under a $id before OAS 3.1, where $id means nothing', { 'api.yaml': refSpec('3.0.3', '#/components/responses/U', "components: {responses: {U: {description: u, content: {application/json: {schema: {$id: 'https://example.com/p', properties: {d: {$ref: 'detail.json'}}}}}}}}\n") }, "api.yaml:8:131: cannot resolve $ref 'detail.json': detail.json: no such file"],
  ])('%s', (_name, files, expected, options) => {
    const [error, ...rest] = checkFiles(files, options);
    expect(rest).toEqual([]);
    // A parser's own wording is not statuslint's to pin.
    if (expected.endsWith(': ')) expect(error).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S`));
    else expect(error).toBe(expected);
  });
});

describe('Workspace.deref and step, as the model and rules follow a $ref', () => {
  function workspaceOf(files: Record<string, string>): { workspace: Workspace; api: SourceFile; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-deref-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const workspace = new Workspace({ rootFor: () => dir });
    return { workspace, api: workspace.load(join(dir, 'api.yaml')), dir };
  }
  const files = {
    'api.yaml': "U: {$ref: 'a.yaml#/U'}\nRemote: {$ref: 'https://example.com/u.yaml'}\nLoop: {$ref: '#/Loop'}\nBroken: {$ref: '#/Gone'}\nAnchor: {$ref: '#u'}\nPlain: {description: p}\n",
    'a.yaml': "U: {$ref: 'b.yaml#/U'}\n",
    'b.yaml': 'U: {description: u}\n',
  };
  const node = (api: SourceFile, key: string) => ({ file: api, pointer: `/${key}`, value: (api.value as Record<string, unknown>)[key] });

  it('deref follows a chain across files to the value, where it is written', () => {
    const { workspace, api, dir } = workspaceOf(files);
    for (let round = 0; round < 2; round++) {
      const end = workspace.deref(node(api, 'U'));
      expect([end?.file.path, end?.pointer, end?.value]).toEqual([join(dir, 'b.yaml'), '/U', { description: 'u' }]);
    }
    expect(workspace.deref(node(api, 'Plain'))).toEqual(node(api, 'Plain'));
  });

  it.each(['Remote', 'Loop', 'Broken', 'Anchor'])('deref gives nothing for %s', (key) => {
    const { workspace, api } = workspaceOf(files);
    expect(workspace.deref(node(api, key))).toBeUndefined();
  });

  it('step follows one $ref only, and gives nothing for a value or a ref it cannot follow', () => {
    const { workspace, api, dir } = workspaceOf(files);
    const first = workspace.step(node(api, 'U'));
    expect([first?.file.path, first?.pointer, first?.value]).toEqual([join(dir, 'a.yaml'), '/U', { $ref: 'b.yaml#/U' }]);
    expect(workspace.step(node(api, 'Plain'))).toBeUndefined();
    expect(workspace.step({ file: api, pointer: '/U', value: { $ref: 'missing.yaml' } })).toBeUndefined();
    expect(workspace.step({ file: api, pointer: '/U', value: { $ref: '/etc/hosts' } })).toBeUndefined();
  });
});

describe('Workspace.dependenciesOf and fingerprintOf, what --cache keeps of a spec', () => {
  function project(): string {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-deps-'));
    mkdirSync(join(dir, 'responses'));
    writeFileSync(join(dir, 'api.yaml'), refSpec('3.0.3', 'responses/errors.yaml#/Unauthorized'));
    writeFileSync(join(dir, 'responses', 'errors.yaml'), "Unauthorized: {$ref: 'unauthorized.yaml'}\n");
    writeFileSync(join(dir, 'responses', 'unauthorized.yaml'), 'description: u\n');
    writeFileSync(join(dir, 'other.yaml'), refSpec('3.0.3', 'https://example.com/u.yaml'));
    return dir;
  }

  it('lists the spec and every file its $refs reach, however deep, with a fingerprint for each', () => {
    const dir = project();
    const workspace = new Workspace({ rootFor: () => dir, fingerprints: true });
    const api = workspace.load(join(dir, 'api.yaml'), true);
    workspace.checkReferences(api);
    const reached = [join(dir, 'api.yaml'), join(dir, 'responses/errors.yaml'), join(dir, 'responses/unauthorized.yaml')];
    expect(workspace.dependenciesOf(api)).toEqual({ files: reached, referenced: reached.slice(1) });
    for (const path of reached) expect(workspace.fingerprintOf(path), path).toBeDefined();
  });

  it('records a file a rule follows a $ref to, though it is not there, and nothing for a spec with a notice', () => {
    const dir = project();
    const workspace = new Workspace({ rootFor: () => dir, fingerprints: true });
    const api = workspace.load(join(dir, 'api.yaml'), true);
    workspace.checkReferences(api);
    expect(workspace.step({ file: api, pointer: '/x', value: { $ref: 'responses/later.yaml' } })).toBeUndefined();
    expect(workspace.dependenciesOf(api)?.files).toContain(join(dir, 'responses/later.yaml'));
    const other = workspace.load(join(dir, 'other.yaml'), true);
    workspace.checkReferences(other);
    expect(workspace.dependenciesOf(other)).toBeUndefined();
  });

  it('counts what a file reaches for a spec that names it by another spelling', () => {
    const dir = project();
    symlinkSync('responses', join(dir, 'linked'));
    writeFileSync(join(dir, 'second.yaml'), refSpec('3.0.3', 'linked/errors.yaml#/Unauthorized'));
    const workspace = new Workspace({ rootFor: () => dir, fingerprints: true });
    workspace.checkReferences(workspace.load(join(dir, 'api.yaml'), true));
    const second = workspace.load(join(dir, 'second.yaml'), true);
    workspace.checkReferences(second);
    expect(workspace.dependenciesOf(second)?.files).toEqual([join(dir, 'second.yaml'), join(dir, 'linked/errors.yaml'), join(dir, 'responses/errors.yaml'), join(dir, 'responses/unauthorized.yaml')]);
  });

  it('keeps no edges and no fingerprints unless asked to', () => {
    const dir = project();
    const workspace = new Workspace({ rootFor: () => dir });
    const api = workspace.load(join(dir, 'api.yaml'), true);
    workspace.checkReferences(api);
    expect(workspace.dependenciesOf(api)).toEqual({ files: [join(dir, 'api.yaml')], referenced: [] });
    expect(workspace.fingerprintOf(join(dir, 'api.yaml'))).toBeUndefined();
  });

  it('gives no fingerprint for a text the overlay gives, nor for a file another path also names', () => {
    const dir = project();
    linkSync(join(dir, 'responses/unauthorized.yaml'), join(dir, 'responses/401.yaml'));
    const overlay = new Map([[join(dir, 'api.yaml'), refSpec('3.0.3', 'responses/401.yaml')]]);
    const workspace = new Workspace({ rootFor: () => dir, fingerprints: true, overlay });
    const api = workspace.load(join(dir, 'api.yaml'), true);
    workspace.checkReferences(api);
    expect(workspace.fingerprintOf(join(dir, 'api.yaml'))).toBeUndefined();
    expect(workspace.fingerprintOf(join(dir, 'responses/401.yaml'))).toBeUndefined();
    expect(workspace.multiNamedIdentity(join(dir, 'responses/401.yaml'))).toMatch(/^\d+:\d+$/);
    expect(workspace.multiNamedIdentity(join(dir, 'api.yaml'))).toBeUndefined();
  });
});

describe('Workspace with an overlay (--fix, --stdin-filepath)', () => {
  it("reads the overlay's text for a file by any spelling, and for a name not on disk", () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-overlay-'));
    writeFileSync(join(dir, 'errors.yaml'), 'U: {description: on disk}\n');
    symlinkSync('errors.yaml', join(dir, 'linked.yaml'));
    const overlay = new Map([
      [join(dir, 'errors.yaml'), 'U: {description: edited}\n'],
      [join(dir, 'new.yaml'), refSpec('3.0.3', 'linked.yaml#/U')],
    ]);
    const workspace = new Workspace({ rootFor: () => dir, overlay });
    const api = workspace.load(join(dir, 'new.yaml'), true);
    workspace.checkReferences(api);
    expect(api.realPath).toBe(join(realpathSync(dir), 'new.yaml'));
    const end = workspace.deref({ file: api, pointer: at.slice(0, -5), value: { $ref: 'linked.yaml#/U' } });
    expect([end?.file.path, end?.value]).toEqual([join(dir, 'errors.yaml'), { description: 'edited' }]);
    expect(workspace.load(join(dir, 'linked.yaml'))).toBe(workspace.load(join(dir, 'errors.yaml')));
    // Each spelling counts as read (no report may be written over it), in the order met.
    expect(workspace.loadedPaths).toEqual([join(dir, 'new.yaml'), join(dir, 'linked.yaml'), join(dir, 'errors.yaml')]);
  });
});

describe('the project root of a spec named from outside the project', () => {
  it("holds every file its $refs reach to the spec's root, not to the root each file would have alone", () => {
    // A spec in a plain folder (no repository) has that folder as its root; a file in a
    // subfolder of it may name a file beside the spec.
    const project = mkdtempSync(join(tmpdir(), 'statuslint-project-'));
    const specs = mkdtempSync(join(tmpdir(), 'statuslint-specs-'));
    mkdirSync(join(specs, 'responses'));
    writeFileSync(join(specs, 'api.yaml'), refSpec('3.0.3', 'responses/errors.yaml#/Unauthorized'));
    writeFileSync(join(specs, 'responses', 'errors.yaml'), "Unauthorized: {$ref: '../common.yaml#/Unauthorized'}\n");
    writeFileSync(join(specs, 'common.yaml'), 'Unauthorized: {description: u}\n');
    const workspace = new Workspace({ rootFor: projectRoots(project) });
    expect(() => workspace.checkReferences(workspace.load(join(specs, 'api.yaml'), true))).not.toThrow();
  });
});

describe('a project root reached through a symbolic link (macOS\'s /tmp, a linked checkout)', () => {
  it('follows a $ref inside it, which names the real path of its file, and takes no file for one reached through a link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-linked-root-'));
    mkdirSync(join(dir, 'project'));
    writeFileSync(join(dir, 'project', 'api.yaml'), refSpec('3.0.3', 'errors.yaml#/U'));
    writeFileSync(join(dir, 'project', 'errors.yaml'), 'U: {description: u}\n');
    symlinkSync('project', join(dir, 'linked'));
    const workspace = new Workspace({ rootFor: () => join(dir, 'linked'), fingerprints: true });
    expect(() => workspace.checkReferences(workspace.load(join(dir, 'linked', 'api.yaml'), true))).not.toThrow();
    // Every file of the project is reached through that link alike: none is named twice, and --cache keeps each.
    expect(workspace.multiNamedIdentity(join(dir, 'linked', 'api.yaml'))).toBeUndefined();
    expect(workspace.fingerprintOf(join(dir, 'linked', 'api.yaml'))).toBeDefined();
  });
});

describe('Workspace.load of one file by several spellings', () => {
  function spellings(): string {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-load-'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'errors.yaml'), "U:\n  description: u\n  x-statuslint-ignore: [require-www-authenticate]\n");
    writeFileSync(join(dir, 'real', 'plain.yaml'), 'V: {description: v}\n');
    symlinkSync('real/errors.yaml', join(dir, 'errors.yaml'));
    symlinkSync('real', join(dir, 'linked'));
    return dir;
  }

  it('gives the file first read, marks it reached through a link (which --fix does not write through), and tells it from a file one path names', () => {
    const dir = spellings();
    const workspace = new Workspace({ rootFor: () => dir });
    const real = workspace.load(join(dir, 'real', 'errors.yaml'));
    expect(real.reachedThroughLink).toBe(false);
    expect(workspace.load(join(dir, 'errors.yaml'))).toBe(real);
    expect(workspace.load(join(dir, 'linked', 'errors.yaml'))).toBe(real);
    expect(real.reachedThroughLink).toBe(true);
    expect(workspace.multiNamedIdentity(join(dir, 'errors.yaml'))).toMatch(/^\d+:\d+$/);
    expect(workspace.multiNamedIdentity(join(dir, 'linked', 'errors.yaml'))).toMatch(/^\d+:\d+$/);
    expect(workspace.multiNamedIdentity(join(dir, 'real', 'errors.yaml'))).toBeUndefined();
    const first = new Workspace({ rootFor: () => dir }).load(join(dir, 'linked', 'plain.yaml'));
    expect([first.path, first.realPath, first.reachedThroughLink]).toEqual([join(dir, 'linked', 'plain.yaml'), join(dir, 'real', 'plain.yaml'), true]);
  });

  it('lists a file with a suppression list once, however many spellings reached it, and not a file without one', () => {
    const dir = spellings();
    const workspace = new Workspace({ rootFor: () => dir });
    const errors = workspace.load(join(dir, 'errors.yaml'));
    workspace.load(join(dir, 'real', 'errors.yaml'));
    workspace.checkReferences(workspace.load(join(dir, 'real', 'plain.yaml')));
    expect(workspace.filesWithSuppressions()).toEqual([errors]);
  });

  it('reads a file of exactly the size limit, and refuses one a byte over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-limit-'));
    writeFileSync(join(dir, 'api.yaml'), 'openapi: 3.0.3\n');
    expect(new Workspace({ rootFor: () => dir, maxFileBytes: 15 }).load(join(dir, 'api.yaml')).value).toEqual({ openapi: '3.0.3' });
    expect(() => new Workspace({ rootFor: () => dir, maxFileBytes: 14 }).load(join(dir, 'api.yaml'))).toThrow('the file is 15 bytes, over the 14 bytes limit (raise it with --max-file-size)');
  });
});

describe('Workspace.referenced', () => {
  it('holds the files a checked spec names in a $ref, not the spec for its refs to itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-referenced-'));
    writeFileSync(join(dir, 'api.yaml'), refSpec('3.0.3', 'errors.yaml#/U', "components: {responses: {U: {$ref: 'errors.yaml#/U'}, V: {$ref: '#/components/responses/U'}}}\n"));
    writeFileSync(join(dir, 'errors.yaml'), 'U: {description: u}\n');
    const workspace = new Workspace({ rootFor: () => dir });
    workspace.checkReferences(workspace.load(join(dir, 'api.yaml'), true));
    expect([...workspace.referenced].map((file) => file.path)).toEqual([join(dir, 'errors.yaml')]);
  });
});
