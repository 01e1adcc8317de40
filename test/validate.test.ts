import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateStructure, type ValidateOptions } from '../src/validate.js';
import { project, runCli } from './cli-harness.js';

const info = "info: {title: t, version: '1'}\n";
const okPaths = "paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '400': {description: bad}\n";

/** Runs `statuslint --validate` over `files` (written into a fresh project) and gives its exit code and stderr. */
async function validate(files: Record<string, string>, specs = ['openapi.yaml']): Promise<{ code: number; stderr: string }> {
  const run = await runCli(['--validate', '--fail-on', 'none', ...specs], { cwd: project(files) });
  return { code: run.code, stderr: run.stderr };
}

describe('--validate', () => {
  it('accepts an OpenAPI 3.1 document of components alone, which 3.1 allows', async () => {
    const library = `openapi: 3.1.0\n${info}components:\n  responses:\n    NotFound: {description: not found}\n`;
    expect(await validate({ 'openapi.yaml': library })).toEqual({ code: 0, stderr: '' });
    // Its components are still checked against the schema.
    const broken = `openapi: 3.1.0\n${info}components:\n  responses:\n    NotFound: {descriptio: not found}\n`;
    const run = await validate({ 'openapi.yaml': broken });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: openapi\.yaml:5:5: not a valid OpenAPI document: \/components\/responses\/NotFound must have required property 'description'/);
  });

  it('names what a document without paths lacks, at its first line, without an absolute path', async () => {
    expect(await validate({ 'openapi.yaml': `openapi: 3.0.3\n${info}` })).toEqual({ code: 2, stderr: "statuslint: openapi.yaml:1:1: not a valid OpenAPI document: / must have required property 'paths'\n" });
    expect(await validate({ 'openapi.yaml': `openapi: 3.1.0\n${info}` })).toEqual({
      code: 2,
      stderr: "statuslint: openapi.yaml:1:1: not a valid OpenAPI document: / must have one of 'paths', 'components' or 'webhooks'\n",
    });
  });

  it('says it cannot check a version swagger-parser has no schema for, not that the spec is invalid', async () => {
    const run = await validate({ 'openapi.yaml': `${info}openapi: 3.0.9\n${okPaths}` });
    expect(run).toEqual({ code: 2, stderr: 'statuslint: openapi.yaml:2:1: cannot validate: --validate checks with swagger-parser, which has no schema for OpenAPI 3.0.9; the rules did lint the spec\n' });
  });

  it('places a problem in a file that a $ref reaches in that file as well', async () => {
    const files = {
      'openapi.yaml': `openapi: 3.0.3\n${info}paths:\n  /a:\n    $ref: './paths.yaml#/a'\n`,
      'paths.yaml': "a:\n  get:\n    responses:\n      '200':\n        $ref: '#/Ok'\nOk:\n  description: fine\n  headers:\n    X-A:\n      schema: 5\n",
    };
    const run = await validate(files);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: openapi\.yaml:4:3: not a valid OpenAPI document: paths\.yaml:10:7: \/paths\/~1a\/get\/responses\/200\/headers\/X-A\/schema must be object/);
    // A response that is itself a $ref is written where the $ref leads.
    const response = {
      'openapi.yaml': `openapi: 3.0.3\n${info}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: './responses.yaml#/Ok'\n`,
      'responses.yaml': 'Ok:\n  descriptionx: no\n',
    };
    expect((await validate(response)).stderr).toMatch(/^statuslint: openapi\.yaml:7:9: not a valid OpenAPI document: responses\.yaml:1:1: \/paths\/~1a\/get\/responses\/200 must have required property 'description'/);
  });

  it('checks a linked spec (latest.yaml -> v2/openapi.yaml) with its $refs named from the folder of the file it links to, as the rules read them', async () => {
    const cwd = project({
      'v2/openapi.yaml': `openapi: 3.0.3\n${info}paths:\n  /a:\n    $ref: 'paths.yaml#/a'\n`,
      'v2/paths.yaml': "a:\n  get:\n    responses:\n      '200': {description: ok}\n      '400': {description: bad}\n",
    });
    symlinkSync(join('v2', 'openapi.yaml'), join(cwd, 'latest.yaml'));
    const run = await runCli(['--validate', 'latest.yaml'], { cwd });
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  it("says in its own words when a $ref the rules do not follow (in an example) cannot be followed", async () => {
    const withExample = (ref: string): string =>
      `openapi: 3.0.3\n${info}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              example: {$ref: '${ref}'}\n`;
    expect(await validate({ 'openapi.yaml': withExample('./missing.json') })).toEqual({ code: 2, stderr: 'statuslint: openapi.yaml: cannot validate: a $ref names missing.json, which does not exist\n' });
    expect(await validate({ 'openapi.yaml': withExample('#/nowhere') })).toEqual({
      code: 2,
      stderr: "statuslint: openapi.yaml: cannot validate: a $ref (in an example or extension) names '#/nowhere', which does not exist\n",
    });
    const unparsable = await validate({ 'openapi.yaml': withExample('./broken.yaml'), 'broken.yaml': 'a: [\n' });
    expect(unparsable.code).toBe(2);
    expect(unparsable.stderr).toMatch(/^statuslint: openapi\.yaml: cannot validate: a \$ref \(in an example or extension\) names a file that does not parse: broken\.yaml:2:1: invalid YAML: [^\n]+\n$/);
  });

  it('checks the document as the rules read it: YAML merge keys applied', async () => {
    const spec = `openapi: 3.0.3\n${info}x-ok: &ok\n  description: ok\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          <<: *ok\n        '400':\n          <<: *ok\n`;
    expect(await validate({ 'openapi.yaml': spec })).toEqual({ code: 0, stderr: '' });
    // And what it finds is placed in the text as written.
    const broken = await validate({ 'openapi.yaml': spec.replace("'400':\n          <<: *ok\n", "'400':\n          <<: *ok\n          content: 5\n") });
    expect(broken.stderr).toMatch(/^statuslint: openapi\.yaml:13:11: not a valid OpenAPI document: \/paths\/~1a\/get\/responses\/400\/content must be object/);
  });

  it("places what swagger-parser checks beyond the Swagger 2.0 schema, and names the node by a JSON pointer", async () => {
    const swagger = `swagger: '2.0'\n${info}`;
    const cases: Array<[string, string]> = [
      [
        "paths:\n  /pets/{id}:\n    get:\n      responses:\n        200: {description: ok}\n",
        'openapi.yaml:5:5: not a valid OpenAPI document: /paths/~1pets~1{id}/get is missing path parameter(s) for {id}',
      ],
      [
        "paths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n        600: {description: odd}\n",
        'openapi.yaml:8:9: not a valid OpenAPI document: /paths/~1a/get/responses/600 has an invalid response code (600)',
      ],
      // The longest path key the text names: `/a~b/c`, not `/a~b`, whose pointer escapes '~' too.
      [
        "paths:\n  /a~b:\n    get:\n      responses:\n        200: {description: ok}\n  /a~b/c:\n    post:\n      parameters:\n        - {name: a, in: body, schema: {type: object}}\n        - {name: b, in: body, schema: {type: object}}\n      responses:\n        200: {description: ok}\n",
        'openapi.yaml:9:5: not a valid OpenAPI document: /paths/~1a~0b~1c/post has 2 body parameters. Only one is allowed.',
      ],
      // Whole keys only, whatever their order: not `/x/y/z/p`, which the text starts with but
      // does not name, nor `/x/y`, written after the key it names.
      [
        "paths:\n  /x/y/z/p:\n    get:\n      responses:\n        200: {description: ok}\n  /x/y/z:\n    post:\n      parameters:\n        - {name: a, in: body, schema: {type: object}}\n        - {name: b, in: body, schema: {type: object}}\n      responses:\n        200: {description: ok}\n  /x/y:\n    get:\n      responses:\n        200: {description: ok}\n",
        'openapi.yaml:9:5: not a valid OpenAPI document: /paths/~1x~1y~1z/post has 2 body parameters. Only one is allowed.',
      ],
      [
        "paths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\ndefinitions:\n  P:\n    type: object\n    required: [id]\n",
        "openapi.yaml:9:3: not a valid OpenAPI document: Property 'id' listed as required but does not exist in '/definitions/P'",
      ],
    ];
    for (const [paths, stderr] of cases) expect(await validate({ 'openapi.yaml': `${swagger}${paths}` })).toEqual({ code: 2, stderr: `statuslint: ${stderr}\n` });
  });

  it("names what is wrong with a Swagger 2.0 parameter that is not in: body, not the 'schema' a body would need", async () => {
    // The 2.0 schema reads a parameter as one of body, header, query, … ; the first problem
    // swagger-parser lists comes from the body branch, and asks a query parameter for a schema.
    const swagger = `swagger: '2.0'\n${info}`;
    const operation = (parameter: string): string => `paths:\n  /a/{id}:\n    get:\n      parameters:\n        - ${parameter}\n      responses:\n        200: {description: ok}\n`;
    const cases: Array<[string, RegExp]> = [
      // Mojaloop's central-ledger: a type written as a JSON Schema 2019 list.
      ["{name: id, in: path, required: true, type: string}\n        - {name: proxy, in: query, type: [string, boolean]}", /^statuslint: openapi\.yaml:\d+:\d+: not a valid OpenAPI document: \/paths\/~1a~1\{id\}\/get\/parameters\/1\/type must be string \(and \d+ more\)\n$/],
      // A path parameter must be required.
      ['{name: id, in: path, type: string}', /^statuslint: openapi\.yaml:\d+:\d+: not a valid OpenAPI document: \/paths\/~1a~1\{id\}\/get\/parameters\/0 must have required property 'required' \(and \d+ more\)\n$/],
    ];
    for (const [parameter, stderr] of cases) {
      const run = await validate({ 'openapi.yaml': `${swagger}${operation(parameter)}` });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(stderr);
    }
    // A body parameter without a schema is still told it needs one.
    const body = await validate({ 'openapi.yaml': `${swagger}paths:\n  /a:\n    post:\n      parameters:\n        - {name: b, in: body}\n      responses:\n        200: {description: ok}\n` });
    expect(body.stderr).toMatch(/\/paths\/~1a\/post\/parameters\/0 must have required property 'schema'/);
    // In OpenAPI 3 every parameter takes a schema (or content): the message stands.
    const three = await validate({ 'openapi.yaml': `openapi: 3.0.3\n${info}paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query}\n      responses:\n        '200': {description: ok}\n` });
    expect(three.stderr).toMatch(/\/paths\/~1a\/get\/parameters\/0 must have required property 'schema'/);
  });

  it('shows its progress on a terminal, as the lint does, and erases it before the report', async () => {
    let time = 0;
    const dir = project({ 'a.yaml': `openapi: 3.0.3\n${info}${okPaths}`, 'b.yaml': `openapi: 3.0.3\n${info}${okPaths}` });
    const run = await runCli(['--validate', 'a.yaml', 'b.yaml'], { cwd: dir, stderrTty: true, now: () => (time += 1000) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('\r\u001b[Kstatuslint: validated 1/2 files');
    expect(run.stderr.endsWith('\r\u001b[K')).toBe(true);
    // Never into a pipe.
    expect((await runCli(['--validate', 'a.yaml', 'b.yaml'], { cwd: dir, now: () => (time += 1000) })).stderr).toBe('');
  });
});

/**
 * validateStructure on `openapi.yaml` of a fresh project (the project root unless `options` says
 * otherwise): the problem as the CLI prints it after `statuslint: `, or undefined when valid.
 */
async function problemOf(files: Record<string, string>, options: (dir: string) => ValidateOptions = () => ({})): Promise<string | undefined> {
  const dir = project(files);
  const problem = await validateStructure(join(dir, 'openapi.yaml'), { root: dir, cwd: dir, ...options(dir) });
  return problem?.describe(dir);
}

/** An OpenAPI 3.0 spec whose one response has an example that is a `$ref`, which the rules leave alone. */
const withExample = (ref: string): string =>
  `openapi: 3.0.3\n${info}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              example: {$ref: '${ref}'}\n`;

describe('validateStructure', () => {
  it.each([
    ['https://example.com/shared.yaml'],
    ['http://localhost:8080/shared.yaml'],
    ['ftp://example.com/shared.yaml'],
    ['urn:example:shared'],
    ['mailto:api@example.com'],
  ])('says a remote $ref (%s) is not fetched, so the spec cannot be checked whole', async (uri) => {
    expect(await problemOf({ 'openapi.yaml': withExample(uri) })).toBe(
      `openapi.yaml: cannot validate: remote $ref '${uri}' is not fetched, so the spec cannot be checked whole; validate a bundled copy instead`,
    );
  });

  it('names a $ref in an example that reaches outside the project root, and follows it when allowed', async () => {
    const files = { 'api/openapi.yaml': withExample('../shared/example.json'), 'shared/example.json': '{"id": 1}\n' };
    const dir = project(files);
    const spec = join(dir, 'api', 'openapi.yaml');
    expect((await validateStructure(spec, { root: join(dir, 'api'), cwd: dir }))?.describe(dir)).toBe(
      'api/openapi.yaml: cannot validate: a $ref (in an example or extension) names shared/example.json, outside the project root; pass --allow-external-refs to follow it',
    );
    expect(await validateStructure(spec, { cwd: dir })).toBeUndefined();
  });

  it('reads what a $ref names as the loader does: a regular file within --max-file-size, by its decoded name', async () => {
    expect(await problemOf({ 'openapi.yaml': withExample('./data'), 'data/x.json': '{}' })).toBe('openapi.yaml: cannot validate: a $ref names data, which is not a regular file');
    const big = { 'openapi.yaml': withExample('./big.json'), 'big.json': JSON.stringify({ text: 'x'.repeat(20_000) }) };
    expect(await problemOf(big, () => ({ maxFileBytes: 10 * 1024 }))).toBe(
      'openapi.yaml: cannot validate: a $ref names big.json, which is over the 10 KiB limit (raise it with --max-file-size)',
    );
    expect(await problemOf(big)).toBeUndefined();
    expect(await problemOf({ 'openapi.yaml': withExample('./my%20example.json') })).toBe('openapi.yaml: cannot validate: a $ref names my example.json, which does not exist');
    expect(await problemOf({ 'openapi.yaml': withExample('./my%20example.json'), 'my example.json': '{"id": 1}' })).toBeUndefined();
  });

  it('reads a $ref written as a file: URL, and names a file it cannot read by the reason', async () => {
    const dir = project({ 'data.json': '{"id": 1}\n' });
    const check = async (ref: string) => {
      writeFileSync(join(dir, 'openapi.yaml'), withExample(ref));
      return (await validateStructure(join(dir, 'openapi.yaml'), { root: dir, cwd: dir }))?.describe(dir);
    };
    expect(await check(`file://${dir}/data.json`)).toBeUndefined();
    expect(await check(`file://${dir}/missing.json`)).toBe('openapi.yaml: cannot validate: a $ref names missing.json, which does not exist');
    expect(await check('./data.json/x.json')).toBe('openapi.yaml: cannot validate: a $ref names data.json/x.json, which cannot be read (ENOTDIR)');
    // Percent-encoding that does not decode names the file as written.
    expect(await check('./%E0%A4%A.json')).toBe('openapi.yaml: cannot validate: a $ref names %E0%A4%A.json, which does not exist');
  });

  it('accepts a $ref to a file that holds an empty value: a schema `{}` (any value), an example `[]` or `\'\'`', async () => {
    // json-schema-ref-parser calls an empty value a parse failure unless the parser allows one.
    const withSchema = `openapi: 3.0.3\n${info}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: './any.yaml'}\n`;
    expect(await problemOf({ 'openapi.yaml': withSchema, 'any.yaml': '{}\n' })).toBeUndefined();
    expect(await problemOf({ 'openapi.yaml': withExample('./none.json'), 'none.json': '[]\n' })).toBeUndefined();
    expect(await problemOf({ 'openapi.yaml': withExample('./blank.yaml'), 'blank.yaml': "''\n" })).toBeUndefined();
  });

  it('names a missing pointer in the file a $ref reaches', async () => {
    expect(await problemOf({ 'openapi.yaml': withExample('./other.yaml#/nope'), 'other.yaml': 'a: 1\n' })).toBe(
      "openapi.yaml: cannot validate: a $ref (in an example or extension) names '#/nope' in other.yaml, which does not exist",
    );
  });

  it('checks the text the run was given (standard input) rather than the file, and places its problem there', async () => {
    const given = (text: string) => (dir: string) => ({ overlay: new Map([[join(dir, 'openapi.yaml'), text]]) });
    const valid = `openapi: 3.0.3\n${info}${okPaths}`;
    const invalid = `openapi: 3.0.3\ninfo: {title: t}\n${okPaths}`;
    expect(await problemOf({ 'openapi.yaml': valid }, given(invalid))).toBe("openapi.yaml:2:1: not a valid OpenAPI document: /info must have required property 'version'");
    expect(await problemOf({ 'openapi.yaml': invalid }, given(valid))).toBeUndefined();
    // A file that is not on disk at all.
    const dir = project({});
    const path = join(dir, 'api', 'openapi.yaml');
    mkdirSync(dirname(path));
    const problem = await validateStructure(path, { root: dir, cwd: dir, overlay: new Map([[path, invalid]]) });
    expect(problem?.describe(dir)).toBe("api/openapi.yaml:2:1: not a valid OpenAPI document: /info must have required property 'version'");
  });

  it.each([
    // A 3.0 habit in a 2.0 spec: the query parameter has a field no query parameter has.
    ['{name: q, in: query, type: string, schema: {type: string}}', "8:11: not a valid OpenAPI document: /paths/~1a~1{id}/get/parameters/1 must NOT have additional properties (and N more)"],
    ['{name: q, in: query, type: string, x-internal: true, requird: true}', "8:11: not a valid OpenAPI document: /paths/~1a~1{id}/get/parameters/1 must NOT have additional properties (and N more)"],
    ['{name: q, in: query}', "8:11: not a valid OpenAPI document: /paths/~1a~1{id}/get/parameters/1 must have required property 'type' (and N more)"],
    ['{in: query, type: string}', "8:11: not a valid OpenAPI document: /paths/~1a~1{id}/get/parameters/1 must have required property 'name' (and N more)"],
    ['{name: q, in: query, type: string, description: 5}', '8:46: not a valid OpenAPI document: /paths/~1a~1{id}/get/parameters/1/description must be string (and N more)'],
    ['{name: q, in: header, type: string, collectionFormat: multi}', '8:47: not a valid OpenAPI document: /paths/~1a~1{id}/get/parameters/1/collectionFormat must be equal to one of the allowed values (and N more)'],
  ])("Swagger 2.0 parameter %s: what is wrong with it, not the body's 'schema'", async (parameter, problem) => {
    const spec = `swagger: '2.0'\n${info}paths:\n  /a/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, type: string}\n        - ${parameter}\n      responses:\n        200: {description: ok}\n`;
    // How many more depends on the schema's branches: not pinned here.
    expect((await problemOf({ 'openapi.yaml': spec }))?.replace(/\(and \d+ more\)$/, '(and N more)')).toBe(`openapi.yaml:${problem}`);
  });

  it.each([
    ['the first of several problems, with how many more', `openapi: 3.0.3\ninfo: {title: t}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {descriptio: ok}\n`, "openapi.yaml:2:1: not a valid OpenAPI document: /info must have required property 'version' (and 4 more)"],
    ['an API version that is a number, at the number', `openapi: 3.0.3\ninfo: {title: t, version: 1}\npaths: {}\n`, 'openapi.yaml:2:18: not a valid OpenAPI document: API version number must be a string (e.g. "1.0.0") not a number.'],
    ['an OpenAPI version that is a number, at it', `${info}openapi: 3\n${okPaths}`, 'openapi.yaml:2:1: not a valid OpenAPI document: Openapi version number must be a string (e.g. "3.0.0") not a number.'],
    ['a Swagger version that is a number, at it', `${info}swagger: 2\n${okPaths}`, 'openapi.yaml:2:1: not a valid OpenAPI document: Swagger version number must be a string (e.g. "2.0") not a number.'],
    ['a Swagger version that is not 2.0, at it', `${info}swagger: '3.0'\n${okPaths}`, 'openapi.yaml:2:1: not a valid OpenAPI document: Unrecognized Swagger version: 3.0. Expected 2.0'],
    ['an OpenAPI version with no schema, at it', `${info}openapi: 2.0.0\n${okPaths}`, 'openapi.yaml:2:1: cannot validate: --validate checks with swagger-parser, which has no schema for OpenAPI 2.0.0; the rules did lint the spec'],
    ['OpenAPI 3.2, which has none yet', `${info}openapi: 3.2.0\n${okPaths}`, 'openapi.yaml:2:1: cannot validate: --validate checks with swagger-parser, which has no schema for OpenAPI 3.2 yet; the rules did lint the spec'],
    ['a 3.1 document of webhooks alone, which is valid', `openapi: 3.1.0\n${info}webhooks: {}\n`, undefined],
    ['a Swagger 2.0 operation id written twice, which names no node to place it at', `swagger: '2.0'\n${info}paths:\n  /a:\n    get: {operationId: x, responses: {200: {description: ok}}}\n  /b:\n    get: {operationId: x, responses: {200: {description: ok}}}\n`, "openapi.yaml: not a valid OpenAPI document: Duplicate operation id 'x'"],
    ['a Swagger 2.0 property required but not defined, placed at its definition', `swagger: '2.0'\n${info}paths: {}\ndefinitions:\n  P: {type: object, required: [id]}\n`, "openapi.yaml:5:3: not a valid OpenAPI document: Property 'id' listed as required but does not exist in '/definitions/P'"],
  ])('%s', async (_, spec, expected) => {
    expect(await problemOf({ 'openapi.yaml': spec })).toBe(expected);
  });
});
