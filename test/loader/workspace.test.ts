// The workspace's cache: a spec released after linting is read again when a later spec
// references it, and every path read is still reported.
import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { Workspace } from '../../src/loader/resolve.js';
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
