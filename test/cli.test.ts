import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { project, projectRoot, runCli } from './cli-harness.js';

const petstore = 'fixtures/petstore/openapi.yaml';
const clean = 'fixtures/clean/openapi.yaml';

describe('exit codes', () => {
  it('0 for a clean spec', async () => {
    const run = await runCli([clean]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no problems in 1 file');
  });

  it('1 when a finding is at or above --fail-on (error by default)', async () => {
    expect((await runCli([petstore])).code).toBe(1);
  });

  it('--fail-on none never fails on findings; --fail-on info fails on any', async () => {
    expect((await runCli(['--fail-on', 'none', petstore])).code).toBe(0);
    expect((await runCli(['--fail-on', 'info', 'fixtures/multi-file/openapi.yaml'])).code).toBe(1);
  });

  it('--fail-on error passes a spec with warnings only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-cli-'));
    const spec = join(dir, 'warn.yaml');
    writeFileSync(spec, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '429': {description: slow}\n");
    const json = JSON.parse((await runCli(['--format', 'json', spec])).stdout) as { summary: Record<string, number> };
    expect(json.summary).toEqual({ files: 1, error: 0, warning: 1, info: 0, inputErrors: 0 });
    expect((await runCli([spec])).code).toBe(0);
    expect((await runCli(['--fail-on', 'warning', spec])).code).toBe(1);
  });

  it('2 for a bad flag, a bad flag value, or no spec, with one line on stderr', async () => {
    for (const args of [['--bogus', clean], ['--format', 'xml', clean], ['--fail-on', 'fatal', clean], []]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^statuslint: /);
      expect(run.stdout, args.join(' ')).toBe('');
    }
    const usage = '(run statuslint --help for usage)';
    for (const [args, stderr] of [
      [['--bogus', clean], `statuslint: unknown option '--bogus'\n${usage}\n`],
      [['rules', '--bogus'], `statuslint: unknown option '--bogus'\n${usage}\n`],
      [['rules', '--format', 'xml'], `statuslint: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json.\n${usage}\n`],
      [[], `statuslint: no spec given ${usage}\n`],
    ] as const) {
      expect((await runCli([...args])).stderr, args.join(' ')).toBe(stderr);
    }
  });

  it('2 for a STATUSLINT_THREADS that is not a whole number, before linting; a blank one is unset', async () => {
    for (const threads of ['two', '-1', '1.5']) {
      const run = await runCli([clean], { env: { STATUSLINT_THREADS: threads } });
      expect([run.code, run.stdout, run.stderr], threads).toEqual([2, '', `statuslint: STATUSLINT_THREADS must be a whole number, not '${threads}'\n`]);
    }
    for (const threads of [' ', '0', '1']) expect((await runCli([clean], { env: { STATUSLINT_THREADS: threads } })).code, threads).toBe(0);
  });

  it('0 for --help and --version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version);
    // The short forms the README's options table gives.
    expect(await runCli(['-h'])).toEqual(help);
    expect(await runCli(['-v'])).toEqual(version);
  });
});

describe('bad input: exit 2, one line naming the file and position, no stack', () => {
  const table: Array<[string, RegExp]> = [
    ['fixtures/invalid/no-such-file.yaml', /^statuslint: fixtures\/invalid\/no-such-file\.yaml: no such file$/],
    ['fixtures/invalid/empty.yaml', /^statuslint: fixtures\/invalid\/empty\.yaml: the file is empty$/],
    ['fixtures/invalid/tab-indent.yaml', /^statuslint: fixtures\/invalid\/tab-indent\.yaml:4:1: invalid YAML: Tabs are not allowed/],
    ['fixtures/invalid/unclosed-quote.yaml', /^statuslint: fixtures\/invalid\/unclosed-quote\.yaml:\d+:\d+: invalid YAML: Missing closing "quote/],
    ['fixtures/invalid/duplicate-key.yaml', /^statuslint: fixtures\/invalid\/duplicate-key\.yaml:8:9: invalid YAML: Map keys must be unique/],
    ['fixtures/invalid/trailing-comma.json', /^statuslint: fixtures\/invalid\/trailing-comma\.json:5:1: invalid JSON: /],
    ['fixtures/invalid/truncated.json', /^statuslint: fixtures\/invalid\/truncated\.json:3:\d+: invalid JSON: /],
    ['fixtures/invalid/list.yaml', /: not an OpenAPI document: the top level is a list/],
    ['fixtures/invalid/random.yaml', /: not an OpenAPI document: no 'openapi' or 'swagger' version key/],
    ['fixtures/invalid/asyncapi.yaml', /: not an OpenAPI document: this is an AsyncAPI document$/],
    ['fixtures/invalid/swagger12.yaml', /: Swagger 1\.2 is not supported/],
    ['fixtures/invalid/openapi4.yaml', /: unsupported OpenAPI version '4\.0\.0'/],
    ['fixtures/invalid/missing-ref.yaml', /^statuslint: fixtures\/invalid\/missing-ref\.yaml:8:11: cannot resolve \$ref '#\/components\/responses\/Nope': no such location$/],
    ['fixtures/invalid/missing-file-ref.yaml', /^statuslint: fixtures\/invalid\/missing-file-ref\.yaml:8:11: cannot resolve \$ref '\.\/does-not-exist\.yaml#\/Ok': fixtures\/invalid\/does-not-exist\.yaml: no such file$/],
    ['fixtures/invalid/unexpected-token.json', /^statuslint: fixtures\/invalid\/unexpected-token\.json:1:13: invalid JSON: Unexpected token 'x'$/],
    ['fixtures/invalid/whitespace.yaml', /^statuslint: fixtures\/invalid\/whitespace\.yaml: the file is empty$/],
    ['fixtures/invalid/binary.yaml', /^statuslint: fixtures\/invalid\/binary\.yaml:3:1: binary content \(a NUL byte\), not a YAML or JSON text file$/],
    ['fixtures/invalid/latin1.yaml', /^statuslint: fixtures\/invalid\/latin1\.yaml:2:19: not valid UTF-8 \(byte 0xe9\); save the file as UTF-8$/],
    ['fixtures/invalid/utf16.yaml', /^statuslint: fixtures\/invalid\/utf16\.yaml: the file is UTF-16 \(or UTF-32\) text; save it as UTF-8$/],
    ['fixtures/invalid/duplicate-key.json', /^statuslint: fixtures\/invalid\/duplicate-key\.json:9:11: invalid JSON: duplicate key "200" \(first at line 8, column 11\); tools disagree on which value wins, so keep one$/],
    ['fixtures/invalid/multi-document.yaml', /^statuslint: fixtures\/invalid\/multi-document\.yaml:4:1: invalid YAML: a second document starts here/],
    ['fixtures/invalid/scalar.yaml', /^statuslint: fixtures\/invalid\/scalar\.yaml: not an OpenAPI document: the top level is a number, not a mapping$/],
    ['fixtures/invalid/comments-only.yaml', /^statuslint: fixtures\/invalid\/comments-only\.yaml: not an OpenAPI document: the document is empty \(null\)$/],
    ['fixtures/invalid/scalar-ref.yaml', /^statuslint: fixtures\/invalid\/scalar-ref\.yaml:8:11: cannot resolve \$ref '#\/info\/title': it names a string, where an object is expected$/],
    ['fixtures/invalid/ref-loop.yaml', /^statuslint: fixtures\/invalid\/ref-loop\.yaml:8:11: cannot resolve \$ref '#\/components\/responses\/A': the \$ref chain loops back on itself without reaching a value$/],
    ['fixtures/invalid/self-ref.yaml', /^statuslint: fixtures\/invalid\/self-ref\.yaml:8:11: cannot resolve \$ref '#\/components\/responses\/Self': the \$ref chain loops/],
    ['fixtures/invalid/outside-ref.yaml', /^statuslint: fixtures\/invalid\/outside-ref\.yaml:8:11: cannot resolve \$ref '\/etc\/passwd': it is outside the project root .*; pass --allow-external-refs to follow it$/],
    ['fixtures/invalid/billion-laughs.yaml', /^statuslint: fixtures\/invalid\/billion-laughs\.yaml: invalid YAML: aliases expand [\d,]+ nodes to [\d,]+, over 10 times as many/],
  ];
  for (const [input, expected] of table) {
    it(input.split('/').pop()!, async () => {
      const run = await runCli([input]);
      expect(run.code).toBe(2);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a missing input spelt like a subcommand is answered with that command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-typo-'));
    const cases: Array<[string[], string]> = [
      [['rule'], "statuslint: rule: no such file; did you mean 'rules'?\n"],
      [['explian', 'require-allow'], "statuslint: explian: no such file; did you mean 'explain'?\nstatuslint: require-allow: no such file\n"],
      [['int'], "statuslint: int: no such file; did you mean 'init'?\n"],
      // Not a bare word, or too far from every command: the plain message.
      [['rules.yaml'], 'statuslint: rules.yaml: no such file\n'],
      [['test'], 'statuslint: test: no such file\n'],
      [['api'], 'statuslint: api: no such file\n'],
    ];
    for (const [args, stderr] of cases) {
      const run = await runCli(args, { cwd: dir });
      expect([run.code, run.stderr], args.join(' ')).toEqual([2, stderr]);
    }
  });

  it('a folder holding broken specs: each is reported, exit 2', async () => {
    const run = await runCli(['fixtures/invalid/..']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('statuslint: fixtures/invalid/tab-indent.yaml:4:1: invalid YAML: Tabs are not allowed');
  });

  it('a directory with no specs in it: exit 2, one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-empty-dir-'));
    const run = await runCli([dir]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toBe(`statuslint: no OpenAPI document found in '${dir}'\n`);
  });

  it('every bad input in one run: one line each, and the good spec is still linted and reported', async () => {
    const inputs = table.map(([input]) => input);
    const run = await runCli(['--format', 'json', ...inputs, petstore]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(inputs.length);
    table.forEach(([, expected], index) => expect(lines[index]).toMatch(expected));
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string }>; inputErrors: Array<{ file: string; line?: number; column?: number; message: string }>; summary: { files: number; inputErrors: number } };
    expect(report.summary.files).toBe(1);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding) => finding.file === petstore)).toBe(true);
    // The report names what stderr names, line for line.
    expect(report.summary.inputErrors).toBe(inputs.length);
    expect(report.inputErrors.map((item) => `statuslint: ${item.file}${item.line !== undefined ? `:${item.line}:${item.column}` : ''}: ${item.message}`)).toEqual(lines);
  });

  it('a UTF-8 byte-order mark is fine, in YAML and JSON, and does not shift columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-bom-'));
    const spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '401': {description: no}\n";
    writeFileSync(join(dir, 'api.yaml'), '\ufeff' + spec);
    writeFileSync(join(dir, 'api.json'), '\ufeff' + JSON.stringify(parse(spec), null, 2));
    const run = await runCli(['--format', 'json', '--no-config', '--rule', 'require-success-response=off', '--rule', 'require-error-responses=off', 'api.yaml', 'api.json'], { cwd: dir });
    expect(run.stderr).toBe('');
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ file: string; line: number; column: number }> };
    expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`)).toEqual(['api.json:11:11', 'api.yaml:7:9']);
  });

  it('still lints the other inputs of the run', async () => {
    const run = await runCli(['--format', 'json', 'fixtures/invalid/empty.yaml', petstore]);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { findings: unknown[]; inputErrors: unknown[]; summary: { files: number; inputErrors: number } };
    expect(report.summary).toMatchObject({ files: 1, inputErrors: 1 });
    expect(report.inputErrors).toEqual([{ file: 'fixtures/invalid/empty.yaml', message: 'the file is empty' }]);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(run.stderr).toContain('fixtures/invalid/empty.yaml: the file is empty');
  });

  it('a broken $ref, checked before any rule runs, stops its spec whole: none of its findings, only the input error', async () => {
    const dir = project({
      'bad.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '429': {description: slow}\n  /b:\n    get:\n      responses:\n        '200': {$ref: 'nope.yaml#/X'}\n",
      'good.yaml': readFileSync(join(projectRoot, petstore), 'utf8'),
    });
    const run = await runCli(['--format', 'json', 'bad.yaml', 'good.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: bad\.yaml:12:17: cannot resolve \$ref 'nope\.yaml#\/X': \S*nope\.yaml: no such file\n$/);
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string }>; summary: { files: number } };
    expect(new Set(report.findings.map((finding) => finding.file))).toEqual(new Set(['good.yaml']));
    expect(report.summary.files).toBe(1);
  });

  it("a $ref in the default response, or under a property named 'example', is checked and followed like any other", async () => {
    const spec = (ref: string): string =>
      `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    head:\n      responses:\n        '200': {description: OK}\n        '404': {description: Not found}\n        default: {$ref: '${ref}'}\n`;
    const cwd = project({ 'specs/api.yaml': spec('errors.yaml#/Unexpected'), 'specs/broken.yaml': spec('missing.yaml#/Unexpected'), 'specs/errors.yaml': 'Unexpected:\n  description: Unexpected error\n  content: {application/json: {schema: {type: object}}}\n' });
    const run = await runCli(['--format', 'json', 'specs'], { cwd });
    expect(run.stderr).toMatch(/^statuslint: specs\/broken\.yaml:9:\d+: cannot resolve \$ref 'missing\.yaml#\/Unexpected': .*specs\/missing\.yaml: no such file$/m);
    // Linted through the spec that references it, not skipped as "not OpenAPI".
    expect(run.stderr).toMatch(/skipped 1 shared fragment \(linted through the specs that reference it\)\n/);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string }[] };
    expect(report.findings.filter((finding) => finding.ruleId === 'no-body-on-head').map((finding) => finding.file)).toEqual(['specs/errors.yaml']);
  });

  // docs/robustness.md, "What a $ref may name" and the bad-input table.
  it.each([
    ['a boolean (a 3.1 schema)', 'true', 0, ''],
    ['a list (followed; rules skip it)', '[1, 2]', 0, ''],
    ['a string', "'text'", 2, "statuslint: api.yaml:11:24: cannot resolve $ref '#/components/schemas/T': it names a string, where an object is expected\n"],
    ['a number', '5', 2, "statuslint: api.yaml:11:24: cannot resolve $ref '#/components/schemas/T': it names a number, where an object is expected\n"],
    ['null', 'null', 2, "statuslint: api.yaml:11:24: cannot resolve $ref '#/components/schemas/T': it names null, where an object is expected\n"],
  ])('a $ref that names %s', async (_, target, code, stderr) => {
    const spec = `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/T'}\n        '404': {description: no}\ncomponents:\n  schemas:\n    T: ${target}\n`;
    const run = await runCli(['--no-config', 'api.yaml'], { cwd: project({ 'api.yaml': spec }) });
    expect([run.code, run.stderr]).toEqual([code, stderr]);
  });

  it('a $ref to a folder: is a directory, not a file', async () => {
    const cwd = project({ 'api.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: './shared'}\n", 'shared/ok.yaml': 'description: ok\n' });
    const run = await runCli(['--no-config', 'api.yaml'], { cwd });
    expect(run.code).toBe(2);
    // The inner path is named from the process's working directory (see the default-response test above).
    expect(run.stderr).toMatch(/^statuslint: api\.yaml:7:17: cannot resolve \$ref '\.\/shared': (.*\/)?shared: is a directory, not a file\n$/);
  });

  it('a remote $ref is not fetched: a warning says so and the rest is linted', async () => {
    const run = await runCli(['fixtures/invalid/remote-ref.yaml']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("statuslint: warning: fixtures/invalid/remote-ref.yaml:10:11: remote $ref 'https://example.com/shared.yaml#/Unauthorized' is not fetched; what it names is not linted\n");
    // Also a warning annotation at the $ref.
    const github = await runCli(['-f', 'github', 'fixtures/invalid/remote-ref.yaml']);
    expect(github.stdout).toMatch(/^::warning file=fixtures\/invalid\/remote-ref\.yaml,line=10,col=11,title=statuslint::remote \$ref 'https:\/\/example\.com\/shared\.yaml#\/Unauthorized' is not fetched/m);
  });

  // docs/robustness.md: http://, https://, file:// and //host/… are never fetched (nor opened).
  it.each(['https://example.com/shared.yaml#/NotFound', 'HTTP://example.com/shared.yaml', 'file:///etc/passwd', '//example.com/shared.yaml#/NotFound'])('a remote $ref %s: a warning, and exit 0', async (ref) => {
    const spec = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '404': {$ref: '${ref}'}\n`;
    const run = await runCli(['--no-config', 'api.yaml'], { cwd: project({ 'api.yaml': spec }) });
    expect([run.code, run.stderr]).toEqual([0, `statuslint: warning: api.yaml:8:17: remote $ref '${ref}' is not fetched; what it names is not linted\n`]);
  });

  it('a $ref to a JSON Schema anchor or a URN is a warning in OAS 3.1; an anchor before 3.1 names nothing', async () => {
    const spec = (version: string, ref: string) =>
      `${version}\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '${ref}'}}}}\n        '404': {description: no}\ncomponents:\n  schemas:\n    Pet: {$id: 'urn:example:pet', $anchor: pet, type: object}\n`;
    const dir = project({ 'anchor.yaml': spec('openapi: 3.1.0', '#pet'), 'urn.yaml': spec('openapi: 3.1.0', 'urn:example:pet'), 'old.yaml': spec('openapi: 3.0.3', '#pet') });
    const anchor = await runCli(['anchor.yaml'], { cwd: dir });
    expect(anchor.code).toBe(0);
    expect(anchor.stderr).toBe("statuslint: warning: anchor.yaml:7:72: $ref '#pet' names a JSON Schema anchor, which statuslint does not follow; what it names is not linted\n");
    const urn = await runCli(['urn.yaml'], { cwd: dir });
    expect(urn.code).toBe(0);
    expect(urn.stderr).toBe("statuslint: warning: urn.yaml:7:72: $ref 'urn:example:pet' names a URI, not a file, and is not fetched; what it names is not linted\n");
    // In 3.0 (and Swagger 2.0) a fragment that is no JSON pointer names nothing: the response it stood for was never linted.
    const old = await runCli(['old.yaml'], { cwd: dir });
    expect(old.code).toBe(2);
    expect(old.stderr).toBe("statuslint: old.yaml:7:72: cannot resolve $ref '#pet': no such location\n");
  });
});

describe('output', () => {
  it('--output writes the report to a file, atomically, and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-out-'));
    const run = await runCli(['--format', 'json', '--output', join(dir, 'report.json'), petstore]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.files).toBe(1);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it.each([
    [['--format', 'sarif', '--category', 'api', '--sarif-root', '.'], []],
    [['--format', 'github', '--sarif-root', '.'], []],
    [['--format', 'github', '--category', 'api'], ['--category is read by --format sarif only; --format github ignores it']],
    [['--format', 'gitlab', '--category', 'api', '--sarif-root', '.'], ['--category is read by --format sarif only; --format gitlab ignores it']],
    [['--format', 'json', '--category', 'api', '--sarif-root', '.'], ['--category is read by --format sarif only; --format json ignores it', '--sarif-root is read by --format sarif, github and gitlab only; --format json ignores it']],
    [['--sarif-root', '.'], ['--sarif-root is read by --format sarif, github and gitlab only; --format text ignores it']],
    [['--fix-dry-run', '--category', 'api'], ['--category is read by --format sarif only; a --fix-dry-run diff ignores it']],
  ])('%j: warns of an option the output does not read', async (args, warnings) => {
    const run = await runCli([...args, '--fail-on', 'none', clean]);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('statuslint: warning:'))).toEqual(warnings.map((warning) => `statuslint: warning: ${warning}`));
  });

  it('colours only on a TTY, and never with --no-color or NO_COLOR', async () => {
    const ansi = /\u001b\[/;
    expect((await runCli([petstore], { tty: false })).stdout).not.toMatch(ansi);
    expect((await runCli([petstore], { tty: true })).stdout).toMatch(ansi);
    expect((await runCli(['--no-color', petstore], { tty: true })).stdout).not.toMatch(ansi);
    expect((await runCli([petstore], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });

  it('with --format github, a usage or configuration error is also an ::error annotation', async () => {
    const dir = project({ 'statuslint.config.yaml': 'rules:\n  require-allow: sometimes\n', 'openapi.yaml': readFileSync(join(projectRoot, petstore), 'utf8') });
    const config = await runCli(['--format', 'github', 'openapi.yaml'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stdout).toBe(`::error file=statuslint.config.yaml,line=2,col=18,title=statuslint::invalid severity "sometimes" for rule 'require-allow': use off, info, warning or error\n`);
    expect(config.stderr).toMatch(/^statuslint: statuslint\.config\.yaml:2:18: invalid severity/);
    const usage = await runCli(['--format', 'github', '--no-config', 'nowhere/*.yaml'], { cwd: dir });
    expect(usage.stdout).toBe("::error title=statuslint::no files match 'nowhere/*.yaml'\n");
    // Errors found while reading the command line too.
    const flag = await runCli(['-fgithub', '--fail-on', 'bogus', 'openapi.yaml'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stdout).toMatch(/^::error title=statuslint::option '--fail-on <severity>' argument 'bogus' is invalid/);
    const conflict = await runCli(['--no-config', '--format=github', '-c', 'x.yaml', 'openapi.yaml'], { cwd: dir });
    expect(conflict.stdout).toBe('::error title=statuslint::use --config <file> or --no-config, not both\n');
    // The last --format given is the one that counts.
    expect((await runCli(['-f', 'github', '--format', 'json', '--no-config', 'nowhere/*.yaml'], { cwd: dir })).stdout).toBe('');
    // Other formats keep stdout for the report alone.
    expect((await runCli(['--no-config', 'nowhere/*.yaml'], { cwd: dir })).stdout).toBe('');
    // A bad --sarif-root is itself the error annotated.
    const root = await runCli(['--format', 'github', '--sarif-root', 'nowhere', 'openapi.yaml'], { cwd: dir });
    expect([root.code, root.stdout]).toEqual([2, "::error title=statuslint::--sarif-root 'nowhere' is not a directory\n"]);
    // The configuration's file is named as the other paths are, relative to --sarif-root.
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api', 'openapi.yaml'), readFileSync(join(projectRoot, petstore)));
    for (const args of [['--sarif-root', '..'], ['--sarif-root=..']]) {
      const rooted = await runCli(['--format', 'github', ...args, 'openapi.yaml'], { cwd: join(dir, 'api') });
      expect(rooted.stdout, args.join(' ')).toMatch(/^::error file=statuslint\.config\.yaml,line=2,col=18,title=statuslint::invalid severity/);
    }
  });

  it('refuses --no-config with --config, whichever comes last', async () => {
    for (const args of [['--no-config', '-c', 'x.yaml'], ['--config=x.yaml', '--no-config'], ['-cx.yaml', '--no-config']]) {
      const run = await runCli([...args, petstore]);
      expect(run.stderr).toBe('statuslint: use --config <file> or --no-config, not both\n');
      expect(run.code).toBe(2);
    }
  });

  it('FORCE_COLOR overrides the terminal and NO_COLOR, but not --no-color nor an --output file', async () => {
    const ansi = /\u001b\[/;
    expect((await runCli([petstore], { tty: false, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await runCli([petstore], { tty: false, env: { FORCE_COLOR: '', NO_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await runCli([petstore], { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ansi);
    expect((await runCli([petstore], { tty: true, env: { FORCE_COLOR: 'false' } })).stdout).not.toMatch(ansi);
    expect((await runCli([petstore], { tty: true, env: { FORCE_COLOR: 'FALSE' } })).stdout).not.toMatch(ansi);
    expect((await runCli(['--no-color', petstore], { tty: false, env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ansi);
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-out-'));
    await runCli(['--output', join(dir, 'report.txt'), petstore], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('require-www-authenticate');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toMatch(ansi);
    // NO_COLOR counts only when set to a value (no-color.org).
    expect((await runCli([petstore], { tty: true, env: { NO_COLOR: '' } })).stdout).toMatch(ansi);
  });

  it('JSON findings carry the contract fields', async () => {
    const run = await runCli(['--format', 'json', petstore]);
    const { findings } = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>> };
    const unauthorized = findings.find((finding) => finding.ruleId === 'require-www-authenticate')!;
    expect(unauthorized).toEqual({
      ruleId: 'require-www-authenticate',
      severity: 'error',
      message: expect.stringContaining("'WWW-Authenticate'"),
      file: 'fixtures/petstore/openapi.yaml',
      pointer: '/components/responses/Unauthorized',
      line: 81,
      column: 5,
      endLine: 81,
      endColumn: 17,
      status: '401',
    });
    const validation = findings.find((finding) => finding.ruleId === 'require-validation-error')!;
    expect(validation).toMatchObject({ pointer: '/paths/~1pets/post', line: 25, column: 5, operation: { method: 'post', path: '/pets' } });
    expect(validation).not.toHaveProperty('status');
  });

  it("JSON names a file relative to the working directory when below it, else by its absolute path", async () => {
    const dir = project({ 'api/openapi.yaml': readFileSync(join(projectRoot, petstore), 'utf8') });
    const files = async (cwd: string, spec: string) => new Set((JSON.parse((await runCli(['--format', 'json', spec], { cwd })).stdout) as { findings: Array<{ file: string }> }).findings.map((finding) => finding.file));
    expect(await files(dir, 'api/openapi.yaml')).toEqual(new Set(['api/openapi.yaml']));
    expect(await files(join(dir, 'api'), join(dir, 'api/openapi.yaml'))).toEqual(new Set(['openapi.yaml']));
    mkdirSync(join(dir, 'other'));
    expect(await files(join(dir, 'other'), '../api/openapi.yaml')).toEqual(new Set([join(dir, 'api/openapi.yaml')]));
  });
});

describe('rules and explain', () => {
  it('statuslint rules lists every rule with id, default severity, whether --fix repairs it, and description', async () => {
    const { rules } = await import('../rules/index.js');
    const run = await runCli(['rules']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(Object.keys(rules).length);
    // The README's rule table says the same: its Default and --fix columns.
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    for (const rule of Object.values(rules)) {
      const line = lines.find((candidate) => candidate.startsWith(rule.id + ' '))!;
      const row = readme.split('\n').find((candidate) => candidate.startsWith(`| [\`${rule.id}\`]`))!.split(' | ');
      const [defaultSeverity, fix] = [row[1]!, row[2]!.trim() === 'yes' ? '--fix ' : ''];
      expect(line.replace(/\s+/g, ' ')).toBe(`${rule.id} ${defaultSeverity} ${fix}${rule.meta.description}`);
    }
    expect(lines.find((line) => line.startsWith('require-problem-details '))).toMatch(/^require-problem-details +off \(warning when on\) +Require /);
    expect(lines.find((line) => line.startsWith('require-retry-after '))).toMatch(/^require-retry-after +warning +--fix +Require /);
    const json = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout) as Array<{ id: string; severity: string; recommended: boolean; fixable: boolean }>;
    expect(json.map((rule) => rule.id)).toEqual(Object.keys(rules));
    for (const rule of json) {
      expect(Object.keys(rule)).toEqual(['id', 'severity', 'description', 'references', 'recommended', 'fixable']);
      expect(rule.recommended).toBe(rules[rule.id]!.meta.recommended !== false);
      expect(rule.fixable).toBe(rules[rule.id]!.meta.fixable !== undefined);
    }
    expect(json.find((rule) => rule.id === 'require-problem-details')).toMatchObject({ severity: 'warning', recommended: false, fixable: false });
    expect(json.find((rule) => rule.id === 'require-www-authenticate')).toMatchObject({ severity: 'error', recommended: true, fixable: true });
  });

  it("a linting option before a command is refused, not dropped; one the command also takes is shown after it", async () => {
    for (const [args, message] of [
      [['--format', 'json', 'rules'], "--format before 'rules' is an option for linting, not for 'rules'; write it after: statuslint rules --format …"],
      [['--config', 'x.yaml', 'explain', 'require-location'], "--config before 'explain' is an option for linting, not for 'explain'"],
      [['--fail-on', 'warning', 'init'], "--fail-on before 'init' is an option for linting, not for 'init'"],
    ] as const) {
      // In a folder of its own: were the option dropped again, init would write its file there.
      const run = await runCli([...args], { cwd: project({}) });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`statuslint: ${message}\n`);
    }
    // A command that takes no such option gets no hint to write it after.
    const noHint = await runCli(['--fail-on', 'warning', 'rules'], { cwd: project({}) });
    expect([noHint.code, noHint.stderr]).toEqual([2, "statuslint: --fail-on before 'rules' is an option for linting, not for 'rules'\n"]);
    // What changes nothing a command prints may stand before it.
    const table = await runCli(['rules']);
    for (const args of [['--no-color', 'rules'], ['--debug', 'rules'], ['rules', '--format', 'text']]) expect(await runCli(args), args.join(' ')).toEqual(table);
  });

  it('statuslint explain prints the doc page; a misspelt id gets the closest one and exit 2', async () => {
    const run = await runCli(['explain', 'require-retry-after']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(projectRoot, 'rules', 'require-retry-after.md'), 'utf8'));
    // A page's example markers (see doc-examples.test.ts) are for the test, not the reader.
    const marked = await runCli(['explain', 'no-error-in-success']);
    expect(readFileSync(join(projectRoot, 'rules', 'no-error-in-success.md'), 'utf8')).toContain('<!-- example:');
    expect(marked.stdout).not.toContain('<!--');
    expect(marked.stdout).toContain('## Bad');
    const typo = await runCli(['explain', 'require-retry-aftr']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("statuslint: unknown rule 'require-retry-aftr'; did you mean 'require-retry-after'?\n");
  });
});

describe('--validate', () => {
  it('refuses a structurally invalid spec with the position of the first problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-validate-'));
    writeFileSync(join(dir, 'api.yaml'), "openapi: 3.0.3\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          descriptio: ok\n");
    const run = await runCli(['--validate', 'api.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: api\.yaml:7:9: not a valid OpenAPI document: \/paths\/~1a\/get\/responses\/200 must have required property 'description'/);
    expect((await runCli(['api.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('accepts the valid fixtures of every version, multi-file included', async () => {
    const run = await runCli(['--validate', '--fail-on', 'none', clean, 'fixtures/multi-file/openapi.yaml', 'fixtures/swagger2/swagger.yaml']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('says a spec with a remote $ref cannot be checked whole, not that it is invalid', async () => {
    const run = await runCli(['--validate', 'fixtures/invalid/remote-ref.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toContain(
      "statuslint: fixtures/invalid/remote-ref.yaml: cannot validate: remote $ref 'https://example.com/shared.yaml' is not fetched, so the spec cannot be checked whole; validate a bundled copy instead",
    );
  });

  // json-schema-ref-parser has no resolver for these, so its error used to call the spec invalid.
  it.each([
    ['localhost', 'http://localhost:8080/shared.yaml'],
    ['a private address', 'https://10.0.0.7/shared.yaml'],
    ['another scheme', 'ftp://example.com/shared.yaml'],
    ['a URN', 'urn:example:shared'],
  ])('says the same of a remote $ref to %s, fetching nothing', async (_, uri) => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-remote-'));
    const spec = readFileSync('fixtures/invalid/remote-ref.yaml', 'utf8').replace('https://example.com/shared.yaml', uri);
    writeFileSync(join(dir, 'openapi.yaml'), spec);
    const run = await runCli(['--validate', join(dir, 'openapi.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`: cannot validate: remote $ref '${uri}' is not fetched, so the spec cannot be checked whole`);
    expect(run.stderr).not.toContain('not a valid OpenAPI document');
  });

  it('fetches nothing from a loopback address that serves the $ref', async () => {
    let requests = 0;
    const server = createServer((_, response) => {
      requests += 1;
      response.end('Unauthorized: {description: served}\n');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/shared.yaml`;
      const dir = mkdtempSync(join(tmpdir(), 'statuslint-loopback-'));
      writeFileSync(join(dir, 'openapi.yaml'), readFileSync('fixtures/invalid/remote-ref.yaml', 'utf8').replace('https://example.com/shared.yaml', uri));
      const run = await runCli(['--validate', join(dir, 'openapi.yaml')]);
      expect(run.stderr).toContain(`: cannot validate: remote $ref '${uri}' is not fetched`);
      expect(run.code).toBe(2);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });
});
