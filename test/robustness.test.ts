import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { project, projectRoot, runCli } from './cli-harness.js';
import { dir, HEAD, refused, write } from './hostile.js';

// Hostile inputs generated at test time: each must end in bounded time with a clear answer,
// never a stack overflow, a hang or an exhausted heap.

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

  it('a file whose name holds an escape as written is named with %25, which the error says', async () => {
    const folder = project({ 'resp%20file.yaml': 'description: ok\n' });
    const spec = (ref: string) => ({ ...HEAD, paths: { '/a': { get: { responses: { '200': { $ref: ref }, '404': { description: 'no' } } } } } });
    writeFileSync(join(folder, 'spec.yaml'), stringify(spec('resp%20file.yaml')));
    const run = await runCli(['spec.yaml'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot resolve $ref 'resp%20file.yaml': ");
    expect(run.stderr).toContain("resp file.yaml: no such file; a $ref is a URI, in which '%' starts an escape: to name the file resp%20file.yaml, write each '%' in it as '%25'\n");
    writeFileSync(join(folder, 'spec.yaml'), stringify(spec('resp%2520file.yaml')));
    expect((await runCli(['spec.yaml'], { cwd: folder })).stderr).toBe('');
    // A name missing either way gets no such hint.
    writeFileSync(join(folder, 'spec.yaml'), stringify(spec('gone%20file.yaml')));
    expect((await runCli(['spec.yaml'], { cwd: folder })).stderr).toMatch(/gone file\.yaml: no such file\n/);
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
});
