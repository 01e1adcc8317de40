import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, constants, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseSize } from '../src/size.js';
import { project, projectRoot, runBinary, runCli, runCliUnprivileged, type CliRun } from './cli-harness.js';

// Hostile inputs generated at test time: each must end in bounded time with a clear answer,
// never a stack overflow, a hang or an exhausted heap.

const dir = mkdtempSync(join(tmpdir(), 'statuslint-hostile-'));
let counter = 0;

function write(name: string, content: string | Buffer): string {
  const path = join(dir, `${counter++}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** Runs the CLI and checks the shape every bad input must have: exit 2, one line, no stack. */
async function refused(args: string[], expected: RegExp, seconds = 5): Promise<CliRun> {
  const started = Date.now();
  const run = await runCli(args, { cwd: dir });
  expect((Date.now() - started) / 1000, 'seconds').toBeLessThan(seconds);
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(expected);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  return run;
}

const HEAD = { openapi: '3.0.3', info: { title: 't', version: '1' } };
const DEPTH = 10_000;

function nestedSchema(depth: number): string {
  let schema = '{"type":"string"}';
  for (let level = 0; level < depth; level++) schema = `{"type":"object","properties":{"a":${schema}}}`;
  return schema;
}

function specWithSchema(schema: string): string {
  const response = `{"description":"ok","content":{"application/json":{"schema":${schema}}}}`;
  return `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":${response},"401":${response},"429":${response}}}}}}`;
}

describe('10,000 levels of nesting', () => {
  it('JSON, in a response schema (what rules walk)', async () => {
    await refused([write('deep-schema.json', specWithSchema(nestedSchema(DEPTH)))], /deep-schema\.json:1:\d+: nesting deeper than 256 levels$/);
  });

  it('JSON, in an example and in an extension (data rules might read)', async () => {
    const arrays = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
    const example = `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"example":${arrays}}}}}}}}}`;
    await refused([write('deep-example.json', example)], /deep-example\.json:1:\d+: nesting deeper than 256 levels$/);
    await refused([write('deep-extension.json', `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x-deep":${arrays}}`)], /nesting deeper than 256 levels$/);
  });

  it('YAML, flow style', async () => {
    await refused([write('deep-flow.yaml', `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`)], /deep-flow\.yaml:4:264: nesting deeper than 256 levels$/);
  });

  it('YAML, block style (1,000 levels: 10,000 would be 100 MB of indentation)', async () => {
    let body = '';
    let indent = '    ';
    for (let level = 0; level < 1_000; level++) {
      body += `${indent}properties:\n${indent}  a:\n`;
      indent += '    ';
    }
    const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n${body.replace(/^/gm, '            ')}${indent}            type: string\n`;
    await refused([write('deep-block.yaml', text)], /deep-block\.yaml:\d+:\d+: nesting deeper than 256 levels$/);
  });

  // One line of `- - - …` nests a list per indicator but writes no value the yaml library's
  // budget counts: 12 MB of it took 3.4 GB, and on a small heap (as on a large file) V8 ended
  // the process. It is refused as soon as the line passes the limit, before the tree is built.
  it('YAML, block lists opened on one line (300,000 levels, on a 64 MB heap)', () => {
    const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep:\n${'- '.repeat(300_000)}1\n`;
    const run = runBinary([write('deep-compact.yaml', text)], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.stderr).toMatch(/^statuslint: \S*deep-compact\.yaml:5:511: nesting deeper than 256 levels\n/);
    expect(run.code).toBe(2);
  });

  it('YAML, flow style past the yaml library\'s value budget, is refused for its nesting, where it is', () => {
    const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`;
    const run = runBinary([write('deep-flow-budget.yaml', text)], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.stderr).toMatch(/^statuslint: \S*deep-flow-budget\.yaml:4:264: nesting deeper than 256 levels\n/);
    expect(run.code).toBe(2);
  });

  it('YAML, 200 lists opened on one line, under the limit, are read', async () => {
    const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-ok:\n${'- '.repeat(200)}&a !!str 1\n`;
    const run = await runCli(['--format', 'json', write('compact-ok.yaml', text)], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('just under the limit (250 levels), every rule walks the schemas without overflowing', async () => {
    const path = write('deep-ok.json', specWithSchema(nestedSchema(120)));
    const run = await runCli(['--format', 'json', path], { cwd: dir });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(JSON.parse(run.stdout).summary.files).toBe(1);
  });
});

describe('circular references', () => {
  it('recursive schemas, mutual recursion through allOf/oneOf and shared responses lint normally', async () => {
    const spec = {
      ...HEAD,
      paths: {
        '/tree': {
          get: {
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
              '401': { $ref: '#/components/responses/Unauthorized' },
              default: { $ref: '#/components/responses/Error' },
            },
          },
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } },
            responses: { '201': { description: 'made', content: { 'application/json': { schema: { $ref: '#/components/schemas/B' } } } } },
          },
        },
      },
      components: {
        schemas: {
          Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, parent: { $ref: '#/components/schemas/Node' } } },
          A: { allOf: [{ $ref: '#/components/schemas/B' }, { type: 'object', properties: { error: { $ref: '#/components/schemas/A' } } }] },
          B: { oneOf: [{ $ref: '#/components/schemas/A' }, { type: 'object', properties: { message: { type: 'string' }, code: { type: 'integer' } } }] },
          Error: { type: 'object', properties: { error: { $ref: '#/components/schemas/Error' }, detail: { type: 'string' } } },
        },
        responses: {
          Unauthorized: { description: 'no', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          Error: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    };
    const started = Date.now();
    const run = await runCli(['--format', 'json', write('circular.yaml', stringify(spec))], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(JSON.parse(run.stdout).summary.files).toBe(1);
  });

  it('a $ref chain across files that loops (a.yaml → b.yaml → a.yaml) is refused, not followed forever', async () => {
    const folder = join(dir, 'loop-files');
    mkdirSync(folder);
    writeFileSync(join(folder, 'api.yaml'), stringify({ ...HEAD, paths: { '/a': { get: { responses: { '200': { $ref: './a.yaml#/Ok' } } } } } }));
    writeFileSync(join(folder, 'a.yaml'), stringify({ Ok: { $ref: './b.yaml#/Ok' } }));
    writeFileSync(join(folder, 'b.yaml'), stringify({ Ok: { $ref: './a.yaml#/Ok' } }));
    await refused(['loop-files/api.yaml'], /^statuslint: loop-files\/api\.yaml:\d+:\d+: cannot resolve \$ref '\.\/a\.yaml#\/Ok': the \$ref chain loops back on itself/);
  });
});

describe("a $ref to the whole document ('' or '#')", () => {
  // RFC 3986 §4.4: both are same-document references; RFC 6901 §6: '#' names the whole
  // document. swagger-parser dereferences (and validates) them as circular references, and OAS
  // 3.1.1 ("Structural Interoperability") leaves reading one object as two Object types to
  // the implementation. statuslint follows them as it follows any $ref, and lints.
  const specWith = (version: string, ref: string): Record<string, unknown> => {
    const head = version === '2.0' ? { swagger: '2.0' } : { openapi: version };
    const schema = { $ref: ref };
    const ok = version === '2.0' ? { description: 'ok', schema } : { description: 'ok', content: { 'application/json': { schema } } };
    return { ...head, info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': ok, '404': { $ref: ref } } } }, '/b': { $ref: ref } } };
  };
  for (const version of ['2.0', '3.0.3', '3.1.0']) {
    for (const format of ['yaml', 'json']) {
      it(`${version}, ${format}: in a response, in a schema and at a path item, '' and '#' lint alike`, async () => {
        const found: string[][] = [];
        for (const ref of ['', '#']) {
          const spec = specWith(version, ref);
          const text = format === 'json' ? JSON.stringify(spec, null, 2) : stringify(spec);
          const run = await runCli(['--format', 'json', '--fail-on', 'none', write(`whole-document.${format}`, text)], { cwd: dir });
          expect(run.stderr).toBe('');
          expect(run.code).toBe(0);
          const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; pointer: string; line: number }>; inputErrors: unknown[]; summary: { files: number } };
          expect(report.inputErrors).toEqual([]);
          expect(report.summary.files).toBe(1);
          found.push(report.findings.map((finding) => `${finding.ruleId} ${finding.pointer} ${finding.line}`));
        }
        // The 404 is read through its $ref: GET /a documents a client error.
        expect(found[0]!.filter((finding) => finding.startsWith('require-error-responses '))).toEqual([]);
        expect(found[1]).toEqual(found[0]);
      });
    }
  }

  it('a document whose root is itself such a $ref is refused where it is written: the chain reaches no value', async () => {
    const head = '\nopenapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n';
    await refused([write('root-ref.yaml', `$ref: '#'${head}`)], /root-ref\.yaml:1:1: cannot resolve \$ref '#': the \$ref chain loops back on itself/);
    await refused([write('root-ref.json', '{"$ref": "", "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}')], /root-ref\.json:1:2: cannot resolve \$ref '': the \$ref chain loops back on itself/);
  });
});

describe('$refs in data', () => {
  it('a $ref inside an example value, an example or an extension is data: not followed, not refused', async () => {
    const spec = {
      ...HEAD,
      paths: {
        '/a': {
          get: {
            responses: {
              '302': {
                description: 'found',
                content: { 'text/html': { examples: { response: { value: { $ref: '#/components/schemas/Redirect/example' } } }, example: { $ref: '#/nowhere' } } },
              },
            },
          },
        },
      },
      components: { schemas: { Redirect: { type: 'string', example: 'Moved temporarily' } } },
      'x-data': { $ref: './no-such-file.yaml' },
    };
    const run = await runCli([write('example-refs.yaml', stringify(spec))], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('$refs as descriptions', () => {
  it('a description included from a Markdown file or from a YAML string is not followed: the spec lints', async () => {
    // DigitalOcean's root: `info.description: {$ref: "description.yml#/introduction"}` (a string);
    // Redocly's openapi-starter: `info.description: {$ref: ./info-description.md}` (not YAML at all).
    const root = project({
      'openapi.yaml': {
        openapi: '3.0.0',
        info: { title: 't', version: '1', description: { $ref: 'description.yml#/introduction' } },
        tags: [{ name: 'a', description: { $ref: './tag.md' } }],
        paths: { '/a': { get: { responses: { '200': { description: 'ok' }, '404': { description: 'missing' } } } } },
      },
      'description.yml': 'introduction: |\n  # Introduction\n  Prose.\n',
      'tag.md': 'Some *Markdown*: not YAML.\n\n[a link](https://example.com) and more text\n',
    });
    const run = await runCli(['--format', 'json', 'openapi.yaml'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
  });
});

describe('percent-encoded $ref file names', () => {
  it('are decoded in full: %23, %3F, %25 and %20 name #, ?, % and a space', async () => {
    const response = "description: Too many\nheaders: {Retry-After: {schema: {type: integer}}}\n";
    const folder = project({ 'a#b?.yaml': response, 'c% d.yaml': response });
    const spec = { ...HEAD, paths: { '/a': { get: { responses: { '200': { description: 'ok' }, '429': { $ref: 'a%23b%3F.yaml' }, '404': { $ref: 'c%25%20d.yaml' } } } } } };
    writeFileSync(join(folder, 'spec.yaml'), stringify(spec));
    const run = await runCli(['spec.yaml'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('$refs under a schema $id (OAS 3.1)', () => {
  it('one that the $id takes elsewhere is a warning, as a remote $ref is, and the spec lints', async () => {
    const folder = project({
      'schemas/result.yaml': "$id: 'https://example.com/schemas/result'\ntype: object\nproperties:\n  error: {$ref: 'err'}\n",
      'spec.yaml': { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'schemas/result.yaml' } } } } } } } } },
    });
    const run = await runCli(['spec.yaml'], { cwd: folder });
    expect(run.stderr).toBe("statuslint: warning: schemas/result.yaml:4:11: $ref 'err' is resolved against the schema's $id 'https://example.com/schemas/result', which statuslint does not follow; what it names is not linted\n");
    // Linted: exit 1 for the findings (no 4xx documented), not 2 for a broken input.
    expect(run.code).toBe(1);
  });

  it('in 3.0, where $id means nothing, or where the same $ref is also written outside any $id, is refused', async () => {
    const schema = "$id: 'https://example.com/schemas/result'\ntype: object\nproperties:\n  error: {$ref: 'err'}\n";
    const body = (version: string, extra: Record<string, unknown> = {}) => ({
      openapi: version,
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'schemas/result.yaml' } } } }, ...extra } } } },
    });
    const old = project({ 'schemas/result.yaml': schema, 'spec.yaml': body('3.0.3') });
    expect((await runCli(['spec.yaml'], { cwd: old })).code).toBe(2);
    const nested = "type: object\nproperties:\n  inner: {$id: 'https://example.com/schemas/inner', properties: {e: {$ref: 'err'}}}\n  plain: {$ref: 'err'}\n";
    const twice = project({ 'schemas/result.yaml': nested, 'spec.yaml': body('3.1.0') });
    const run = await runCli(['spec.yaml'], { cwd: twice });
    // At the use outside any $id (line 4), the broken one, not the first written (line 3).
    expect(run.stderr).toMatch(/^statuslint: schemas\/result\.yaml:4:11: cannot resolve \$ref 'err': .*schemas\/err: no such file\n$/);
    expect(run.code).toBe(2);
  });

  it('one that resolves against its file, or that no $id encloses, is checked as any other', async () => {
    const folder = project({
      'schemas/result.yaml': "$id: 'https://example.com/schemas/result'\ntype: object\nproperties:\n  error: {$ref: '#/properties/code'}\n  code: {type: string}\n",
      'spec.yaml': { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'schemas/result.yaml' } } } }, '404': { $ref: 'err' } } } } } },
    });
    const run = await runCli(['spec.yaml'], { cwd: folder });
    expect(run.stderr).toMatch(/^statuslint: spec\.yaml:\d+:\d+: cannot resolve \$ref 'err': /);
    expect(run.code).toBe(2);
  });
});

describe('YAML aliases', () => {
  it('a large anchored mapping aliased thousands of times (under the alias count) is refused quickly', async () => {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-item: &item\n";
    for (const method of ['get', 'put', 'post', 'delete']) {
      text += `  ${method}:\n    responses:\n`;
      for (let status = 200; status < 500; status++) text += `      '${status}': {description: d}\n`;
    }
    text += 'paths:\n';
    for (let index = 0; index < 5_000; index++) text += `  /p${index}: *item\n`;
    await refused([write('alias-expansion.yaml', text)], /alias-expansion\.yaml: invalid YAML: aliases expand [\d,]+ nodes to [\d,]+, over 10 times as many/, 10);
  });

  // `yaml`'s own count multiplies an alias inside an anchored node by that anchor's uses, and
  // measures each by a walk of the whole document: a 2 MB spec with 8,000 such aliases, which
  // expands to little, took 86 s and was then refused.
  it('aliases inside anchored nodes that expand to little are read', async () => {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-base: &base {description: d}\nx-outer: &outer\n";
    for (let index = 0; index < 200; index++) text += `  k${index}: *base\n`;
    text += 'paths:\n';
    for (let index = 0; index < 100; index++) text += `  /p${index}: {get: {responses: {'200': {description: ok}, x-o: *outer}}}\n`;
    const run = await runCli(['--format', 'json', '--fail-on', 'none', write('nested-aliases.yaml', text)], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('more aliases than statuslint reads are refused at the first one past the limit', async () => {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-base: &base 1\nx-uses:\n";
    for (let index = 0; index < 10_001; index++) text += '  - *base\n';
    await refused([write('many-aliases.yaml', text)], /many-aliases\.yaml:10006:5: invalid YAML: more than 10,000 aliases \(\*name\), the most statuslint reads/);
  });

  it('a few aliases that repeat small parts are fine', async () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '401': &unauthorized\n          description: no\n          headers:\n            WWW-Authenticate: {schema: {type: string}}\n  /b:\n    get:\n      responses:\n        '401': *unauthorized\n";
    const run = await runCli(['--format', 'json', write('aliases.yaml', text)], { cwd: dir });
    expect(run.stderr).toBe('');
    // Linted normally: the shared 401 has its header, so no rule about it reports.
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }> };
    expect(findings.filter((finding) => finding.ruleId === 'require-www-authenticate')).toEqual([]);
    expect(run.code).not.toBe(2);
  });
});

describe('a YAML mapping of many keys, in a file the yaml library reads (it has an anchor)', () => {
  // `yaml` compared each key with every key before it: 100,000 keys took over a minute.
  const manyKeys = (extra: string): string => {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-note: &note n\nx-keys:\n";
    for (let index = 0; index < 100_000; index++) text += `  k${index}: 1\n`;
    return text + extra;
  };

  it('is read in linear time', async () => {
    const started = Date.now();
    const run = await runCli(['--format', 'json', write('many-keys.yaml', manyKeys(''))], { cwd: dir });
    expect((Date.now() - started) / 1000, 'seconds').toBeLessThan(10);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a key written twice among them is still refused, at its second writing', async () => {
    await refused([write('many-keys-twice.yaml', manyKeys('  k5: 2\n'))], /many-keys-twice\.yaml:100006:3: invalid YAML: Map keys must be unique$/, 10);
  });
});

describe('YAML the yaml library would need more than half the heap to read', () => {
  // `yaml` costs about 1.5 KB per value: a 60 MB file with one anchor grew to V8's heap limit,
  // where V8 ended the process with its own trace (on the main thread; a worker died instead).
  // A small heap stands in for a large file.
  const heap = { NODE_OPTIONS: '--max-old-space-size=256' };
  const listOf = (count: number): string => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-note: &note n\nx-list: [${Array(count).fill('1').join(',')}]\n`;

  it('is refused in one line, on the main thread and on a worker alike, and the other specs are reported', () => {
    const folder = mkdtempSync(join(dir, 'heap-'));
    writeFileSync(join(folder, 'huge.yaml'), listOf(400_000));
    for (let index = 0; index < 16; index++) writeFileSync(join(folder, `spec-${index}.yaml`), `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a${index}:\n    get:\n      responses:\n        '200': {description: ok}\n`);
    const runs = [1, 2].map((threads) => runBinary(['--format', 'json', folder], { cwd: dir, env: { ...heap, STATUSLINT_THREADS: String(threads) } }));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^statuslint: \S+huge\.yaml: over [\d,]+ YAML values in a file that the yaml library reads \(it has anchors, tags or other forms statuslint's own reader leaves to it\), which needs more than half of Node's [\d.]+ GB heap; convert it to JSON, or raise the heap \(NODE_OPTIONS=--max-old-space-size=<MB>\)\n$/);
      expect((JSON.parse(run.stdout) as { summary: { files: number } }).summary.files).toBe(16);
    }
    expect(runs[1]).toStrictEqual(runs[0]);
  });

  it('a file well within it is read', () => {
    const run = runBinary(['--format', 'json', write('list.yaml', listOf(20_000))], { cwd: dir, env: heap });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('YAML merge keys', () => {
  it('responses merged in with `<<` count as written, and a finding in one is placed where its source writes it', async () => {
    const text = [
      'openapi: 3.0.3',
      "info: {title: t, version: '1'}",
      'x-errors: &errors',
      "  '400': {description: Bad request}",
      "  '429': {description: Too many requests}",
      'paths:',
      '  /a:',
      '    post:',
      '      requestBody: {content: {application/json: {schema: {type: object}}}}',
      '      responses:',
      '        <<: *errors',
      "        '201': {description: Created, headers: {Location: {schema: {type: string}}}}",
      "        '422': {description: Invalid}",
      '',
    ].join('\n');
    const run = await runCli(['--format', 'json', '--no-config', write('merge.yaml', text)], { cwd: dir });
    expect(run.stderr).toBe('');
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; pointer: string; line: number; column: number }> };
    // Not '<<' as a status, nor a missing 400: only the merged 429's missing Retry-After, under
    // the pointer of where it is written, as its line is.
    expect(findings.map(({ ruleId, pointer, line, column }) => ({ ruleId, pointer, line, column }))).toEqual([
      { ruleId: 'require-retry-after', pointer: '/x-errors/429', line: 5, column: 3 },
    ]);
  });
});

describe('size limit', () => {
  it('a 100 MB spec is refused at once by the default 64 MiB limit, naming the flag that raises it', async () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, 100_000_000); // sparse: nothing is written, nothing is read
    await refused([path], /huge\.json: the file is 95\.4 MiB, over the 64 MiB limit \(raise it with --max-file-size\)$/, 2);
  });

  it('--max-file-size lowers or raises it; a bad value is a usage error', async () => {
    await refused(['--max-file-size', '1kb', join(projectRoot, 'fixtures/petstore/openapi.yaml')], /openapi\.yaml: the file is [\d.]+ KiB, over the 1 KiB limit/);
    await refused(['--max-file-size', '1', join(projectRoot, 'fixtures/petstore/openapi.yaml')], /openapi\.yaml: the file is [\d.]+ KiB, over the 1 byte limit/);
    await refused(['--max-file-size', '2', join(projectRoot, 'fixtures/petstore/openapi.yaml')], /openapi\.yaml: the file is [\d.]+ KiB, over the 2 bytes limit/);
    expect((await runCli(['--max-file-size', '2MiB', join(projectRoot, 'fixtures/clean/openapi.yaml')])).code).toBe(0);
    for (const bad of ['abc', '-1', '0', '12 parsecs', '1.5', '2.5b']) {
      await refused(['--max-file-size', bad, join(projectRoot, 'fixtures/clean/openapi.yaml')], /--max-file-size must be/);
    }
  });

  // docs/robustness.md: a number of bytes, or a size with a unit, in powers of 1024 whichever way spelt.
  it.each([
    ['1048576', 1_048_576],
    ['512kb', 512 * 1024],
    ['512K', 512 * 1024],
    ['512KiB', 512 * 1024],
    ['64mb', 64 * 1024 ** 2],
    ['64MiB', 64 * 1024 ** 2],
    ['64 m', 64 * 1024 ** 2],
    ['1.5g', 1.5 * 1024 ** 3],
    ['1.5GB', 1.5 * 1024 ** 3],
    ['2b', 2],
  ])('--max-file-size %s is %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
});

describe('files that cannot be read', () => {
  it('a socket is not a regular file', async () => {
    const socket = join(dir, 'api.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await refused([socket], /api\.sock: not a regular file \(a socket or device\)$/);
    } finally {
      server.close();
    }
  });

  it.skipIf(process.getuid?.() !== 0)('a character device (like /dev/zero, which never ends) is refused unread, named or in a folder', async () => {
    const folder = mkdtempSync(join(dir, 'device-'));
    const zero = join(folder, 'zero.yaml');
    expect(spawnSync('mknod', [zero, 'c', '1', '5']).status).toBe(0);
    try {
      await refused([zero], /zero\.yaml: not a regular file \(a socket or device\)$/);
      writeFileSync(join(folder, 'api.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
      await refused([folder], /zero\.yaml: not a regular file \(a socket or device\)$/);
    } finally {
      rmSync(zero, { force: true });
    }
  });

  /** A FIFO fed by `script` (a shell command writing to file descriptor 3); the writer is killed afterwards. */
  async function withPipe(script: string, body: (fifo: string) => Promise<void>): Promise<void> {
    const fifo = join(mkdtempSync(join(dir, 'pipe-')), 'spec.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `exec 3>"$0"; ${script}`, fifo], { stdio: 'ignore', detached: true });
    try {
      await body(fifo);
    } finally {
      try {
        process.kill(-writer.pid!, 'SIGKILL');
      } catch {
        // ended already
      }
    }
  }

  it('a pipe is read only up to the size limit (it may never end), and linted when it fits', async () => {
    // 4 MB written and the pipe held open: reading to the end would wait for the writer.
    await withPipe(`yes 'a: b' | head -c 4000000 >&3; sleep 20`, async (fifo) => {
      await refused(['--max-file-size', '1mb', fifo], /spec\.yaml: the file is over the 1 MiB limit \(raise it with --max-file-size\)$/);
    });
    await withPipe(`cat '${join(projectRoot, 'fixtures/clean/openapi.yaml')}' >&3`, async (fifo) => {
      const run = await runCli([fifo], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
    });
  });

  it('a named pipe inside a linted folder is reported, not opened (it would wait for a writer)', async () => {
    const folder = mkdtempSync(join(dir, 'fifo-folder-'));
    writeFileSync(join(folder, 'api.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    expect(spawnSync('mkfifo', [join(folder, 'pipe.yaml')]).status).toBe(0);
    // A process of its own: before the fix, opening the pipe blocked until the harness's timeout.
    const run = runBinary(['--format', 'json', folder], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    const report = JSON.parse(run.stdout) as { inputErrors: { file: string; message: string }[] };
    expect(report.inputErrors).toHaveLength(1);
    expect(report.inputErrors[0]!.file).toMatch(/pipe\.yaml$/);
    expect(report.inputErrors[0]!.message).toMatch(/named pipe \(FIFO\) found in a folder is not read/);
  });

  it('a named pipe a $ref names is refused, not opened, when linting and when validating; so is a file over the limit', () => {
    const folder = mkdtempSync(join(dir, 'fifo-ref-'));
    expect(spawnSync('mkfifo', [join(folder, 'pipe.yaml')]).status).toBe(0);
    writeFileSync(join(folder, 'api.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '401': {$ref: 'pipe.yaml#/U'}\n");
    // swagger-parser also follows $refs in extensions, which the linter leaves alone.
    writeFileSync(join(folder, 'ext.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-e: {$ref: 'pipe.yaml'}\npaths: {}\n");
    writeFileSync(join(folder, 'big.yaml'), `a: ${'x'.repeat(20_000)}\n`);
    writeFileSync(join(folder, 'big-ext.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-e: {$ref: 'big.yaml'}\npaths: {}\n");
    // Processes of their own: before the fix, opening the pipe blocked forever.
    const lint = runBinary(['api.yaml'], { cwd: folder });
    expect(lint.code).toBe(2);
    expect(lint.stderr).toBe("statuslint: api.yaml:8:17: cannot resolve $ref 'pipe.yaml#/U': pipe.yaml: a named pipe (FIFO) is not read through a $ref, since it may wait for a writer forever\n");
    const validate = runBinary(['--validate', 'ext.yaml'], { cwd: folder });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toBe('statuslint: ext.yaml: cannot validate: a $ref names pipe.yaml, which is not a regular file\n');
    const big = runBinary(['--validate', '--max-file-size', '10kb', 'big-ext.yaml'], { cwd: folder });
    expect(big.code).toBe(2);
    expect(big.stderr).toBe('statuslint: big-ext.yaml: cannot validate: a $ref names big.yaml, which is over the 10 KiB limit (raise it with --max-file-size)\n');
  });

  it('permission denied', async (context) => {
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    const spec = join(folder, 'api.yaml');
    writeFileSync(spec, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    chmodSync(spec, 0o000);
    if (process.getuid?.() !== 0) {
      await refused([spec], /api\.yaml: permission denied$/);
      return;
    }
    const run = await runCliUnprivileged([spec], dir, (note) => context.skip(note));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: locked/api.yaml: permission denied\n');
  });
});

describe('output that cannot be written', () => {
  const bin = join(projectRoot, 'bin', 'statuslint.js');
  const args = ['fixtures/petstore', '--format', 'json'];

  it('a reader that goes away (`| head`): the rest is dropped, no stack trace, the exit code is the run\'s', async () => {
    const finished = spawnSync(process.execPath, [bin, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
    expect(finished.stdout.length).toBeGreaterThan(0);
    // The pipe's reading end is closed before the CLI writes its report, so the write fails with EPIPE.
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((settle) => child.on('close', settle));
    expect(stderr).toBe('');
    expect(code).toBe(finished.status);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk: one line naming the error, exit code 2', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('statuslint: cannot write the report to stdout (ENOSPC)\n');
      expect(run.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });

  // Node before 20.4 threw from write() on a full disk instead of emitting 'error'; a preload
  // makes this Node do the same.
  it.each(['stdout', 'stderr'] as const)('a full disk where writing %s throws, as in Node before 20.4', (stream) => {
    const preload = join(mkdtempSync(join(dir, 'throwing-')), 'throw.cjs');
    writeFileSync(preload, `process.${stream}.write = () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); };\n`);
    const folder = project({ 'api.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", 'other.yaml': 'foo: bar\n' });
    const run = spawnSync(process.execPath, ['--require', preload, bin, folder, '--format', 'json'], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
    if (stream === 'stdout') {
      expect(run.stderr).toMatch(/statuslint: cannot write the report to stdout \(ENOSPC\)\n$/);
      expect(run.status).toBe(2);
    } else {
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).summary.files).toBe(1);
      expect(run.status).toBe(0);
    }
  });

  it.skipIf(!existsSync('/dev/full'))('stderr on a full disk: the report and the exit code are the run\'s', () => {
    // A folder with a file that is not OpenAPI: the run says on stderr that it skipped it.
    const dir = project({ 'api.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", 'other.yaml': 'foo: bar\n' });
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [bin, dir, '--format', 'json'], { cwd: projectRoot, stdio: ['ignore', 'pipe', full], encoding: 'utf8', timeout: 30_000 });
      expect(JSON.parse(run.stdout).summary.files).toBe(1);
      expect(run.status).toBe(0);
    } finally {
      closeSync(full);
    }
  });
});

describe('a signal while the report is written (Ctrl-C, a cancelled CI job)', () => {
  const output = pathToFileURL(join(projectRoot, 'dist', 'src', 'output.js')).href;

  /**
   * Writes a report of 20 pieces in a process of its own that sends itself `signal` after the
   * fifth, as a Ctrl-C during a long write would come; returns how the process ended.
   */
  function interruptedWrite(path: string, signal: NodeJS.Signals): { signal: NodeJS.Signals | null; status: number | null } {
    const script = `
const { writeFileAtomic } = await import(${JSON.stringify(output)});
function* pieces() {
  for (let index = 0; index < 20; index++) {
    if (index === 5) process.kill(process.pid, ${JSON.stringify(signal)});
    yield 'piece ' + index + '\\n';
  }
}
writeFileAtomic(${JSON.stringify(path)}, pieces());
`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    return { signal: run.signal, status: run.status };
  }

  const whole = Array.from({ length: 20 }, (_, index) => `piece ${index}\n`).join('');

  it('the file is written whole and no temporary file is left; then the process stops by that signal', () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const folder = mkdtempSync(join(dir, 'signal-'));
      const path = join(folder, 'report.json');
      writeFileSync(path, 'the report of an earlier run\n');
      expect(interruptedWrite(path, signal)).toStrictEqual({ signal, status: null });
      expect(readdirSync(folder)).toStrictEqual(['report.json']);
      expect(readFileSync(path, 'utf8')).toBe(whole);
    }
  });

  it('--fix writing many files in a row listens once, with no warning of a listener leak', () => {
    const folder = mkdtempSync(join(dir, 'signal-fix-'));
    for (let index = 0; index < 15; index++) {
      writeFileSync(join(folder, `spec-${index}.yaml`), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '429': {description: slow}\n");
    }
    const run = runBinary(['--fix', '.'], { cwd: folder });
    expect(run.stderr).toBe('statuslint: fixed 15 problems in 15 files\n');
    expect(run.code).toBe(0);
  });

  it('a report with a second hard link, rewritten in place, is not left cut short', () => {
    const folder = mkdtempSync(join(dir, 'signal-'));
    const path = join(folder, 'report.json');
    writeFileSync(path, 'the report of an earlier run\n');
    linkSync(path, join(folder, 'other-link.json'));
    expect(interruptedWrite(path, 'SIGTERM')).toStrictEqual({ signal: 'SIGTERM', status: null });
    expect(readdirSync(folder).sort()).toStrictEqual(['other-link.json', 'report.json']);
    expect(readFileSync(path, 'utf8')).toBe(whole);
  });
});

describe('--output onto a symbolic link, a device or a FIFO', () => {
  const bin = join(projectRoot, 'bin', 'statuslint.js');
  const spec = join(projectRoot, 'fixtures/clean/openapi.yaml');
  const isRoot = process.getuid?.() === 0;

  /** A character device of our own (mknod needs root), deleted afterwards. */
  function withDevice(name: string, major: number, minor: number, body: (path: string) => Promise<void>): () => Promise<void> {
    return async () => {
      const path = join(mkdtempSync(join(dir, 'dev-')), name);
      const made = spawnSync('mknod', [path, 'c', String(major), String(minor)]);
      expect(made.status, String(made.stderr)).toBe(0);
      try {
        await body(path);
      } finally {
        rmSync(path, { force: true });
      }
    };
  }

  it.skipIf(!isRoot)(
    'a character device (like /dev/null) is written to, not replaced by a plain file',
    withDevice('null', 1, 3, async (path) => {
      const run = await runCli(['-o', path, spec], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(lstatSync(path).isCharacterDevice()).toBe(true);
    }),
  );

  it.skipIf(!isRoot)(
    'a device that fails the write (like /dev/full): one "cannot write" line, exit 2, the device kept',
    withDevice('full', 1, 7, async (path) => {
      const run = await runCli(['-o', path, spec], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^statuslint: cannot write .*full: no space left on the device \(ENOSPC\)\n$/);
      expect(lstatSync(path).isCharacterDevice()).toBe(true);
    }),
  );

  it('a socket is refused: one line, exit 2, the socket kept', async () => {
    const socket = join(mkdtempSync(join(dir, 'out-socket-')), 'report.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const run = await runCli(['-o', socket, spec], { cwd: dir });
      expect([run.code, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toMatch(/^statuslint: cannot write .*report\.sock: it is a socket; write the report to a file, a character device or a FIFO\n$/);
      expect(lstatSync(socket).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('a symbolic link is written through to its target, atomically there; the link stays', async () => {
    const folder = mkdtempSync(join(dir, 'link-'));
    writeFileSync(join(folder, 'real.txt'), 'old');
    chmodSync(join(folder, 'real.txt'), 0o640);
    symlinkSync('real.txt', join(folder, 'lnk'));
    symlinkSync('new.txt', join(folder, 'dangling'));
    expect((await runCli(['-o', join(folder, 'lnk'), '--format', 'json', spec], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(folder, 'lnk')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, 'real.txt'), 'utf8')).summary.files).toBe(1);
    expect(statSync(join(folder, 'real.txt')).mode & 0o777).toBe(0o640);
    // A link to a file not yet there: the file is made where the link points.
    expect((await runCli(['-o', join(folder, 'dangling'), spec], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(folder, 'dangling')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(folder, 'new.txt'), 'utf8')).toMatch(/no problems/);
    expect(readdirSync(folder).sort()).toEqual(['dangling', 'lnk', 'new.txt', 'real.txt']);
  });

  it('/dev/stdout into a pipe or a socket (`| cat`, a spawner\'s stdio): the report on stdout, the exit code by findings', () => {
    const petstore = join(projectRoot, 'fixtures/petstore/openapi.yaml');
    // Node's spawn gives the child a socket; a shell's `|` gives it a pipe.
    const spawned = runBinary(['-f', 'json', '-o', '/dev/stdout', petstore]);
    expect(spawned.stderr).toBe('');
    expect(spawned.code).toBe(1);
    expect(JSON.parse(spawned.stdout).summary.files).toBe(1);
    const piped = spawnSync('sh', ['-c', '"$0" "$1" -f json -o /dev/stdout "$2" | cat', process.execPath, bin, petstore], { encoding: 'utf8', timeout: 30_000 });
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout).summary.files).toBe(1);
  });

  it('/dev/stdout or a FIFO whose reader goes away (`-o /dev/stdout | head`): the rest is dropped, the exit code is the run\'s', () => {
    // Far more than a pipe holds, so that the reader is gone while the report is written.
    const paths = Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`/item${index}`, { get: { responses: { '401': { description: 'no' } } } }]));
    const big = join(mkdtempSync(join(dir, 'big-')), 'openapi.json');
    writeFileSync(big, JSON.stringify({ ...HEAD, paths }));
    const fifo = join(dirname(big), 'report');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const script = [
      '"$0" "$1" -f json -o /dev/stdout "$2" | head -c 10 > /dev/null; echo "stdout $?" >&2',
      // `head` opens the FIFO first, then stops reading after 10 bytes.
      'head -c 10 "$3" > /dev/null & sleep 0.2; "$0" "$1" -f json -o "$3" "$2"; echo "fifo $?" >&2; wait',
    ].join('\n');
    const run = spawnSync('bash', ['-c', `set -o pipefail\n${script}`, process.execPath, bin, big, fifo], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('stdout 1\nfifo 1\n');
  });

  it('/dev/stdout onto a file opened for appending (`>>`): the report is added, the earlier content stays', () => {
    const log = join(mkdtempSync(join(dir, 'append-')), 'log.txt');
    writeFileSync(log, 'hi\n');
    const out = openSync(log, 'a');
    try {
      const run = spawnSync(process.execPath, [bin, '-o', '/dev/stdout', spec], { cwd: projectRoot, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      closeSync(out);
    }
    expect(readFileSync(log, 'utf8')).toMatch(/^hi\n.*no problems/s);
  });

  it('a FIFO with a reader gets the report; one with no reader fails at once, and stays a FIFO', async () => {
    const fifo = join(mkdtempSync(join(dir, 'fifo-')), 'report');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await refused(['-o', fifo, spec], /cannot write .*report: it is a FIFO that no process is reading \(ENXIO\)/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    // A reader that does not block: the report (small) waits in the pipe until read.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const run = await runCli(['-o', fifo, '--format', 'json', spec], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      const buffer = Buffer.alloc(1 << 16);
      const read = readSync(reader, buffer);
      expect(JSON.parse(buffer.subarray(0, read).toString('utf8')).summary.files).toBe(1);
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
