import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { readStdinSpec, type StdinSource } from '../src/stdin.js';
import { project, projectRoot, runCli } from './cli-harness.js';

interface JsonReport {
  findings: { ruleId: string; file: string; line: number; column: number }[];
  inputErrors: { file: string; message: string; line?: number }[];
}

const clean = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
/** A 401 without WWW-Authenticate, on line 8. */
const unchallenged = `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {description: OK}
        '401': {description: Unauthorized}
        '400': {description: Bad request}
`;

describe("a spec read from standard input ('-')", () => {
  it('--stdin-filepath names it and is where its relative $refs are followed from', async () => {
    const root = join(projectRoot, 'fixtures/multi-file');
    const text = readFileSync(join(root, 'openapi.yaml'), 'utf8');
    const fromFile = JSON.parse((await runCli(['--format', 'json', 'fixtures/multi-file/openapi.yaml'])).stdout) as JsonReport;
    const run = await runCli(['--format', 'json', '-', '--stdin-filepath', 'fixtures/multi-file/openapi.yaml'], { stdin: text });
    expect(run.code, run.stderr).toBe(fromFile.findings.some((finding) => finding.ruleId) ? 1 : 0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings).toEqual(fromFile.findings);
    // Some are in the referenced files, placed there.
    expect(report.findings.some((finding) => finding.file !== 'fixtures/multi-file/openapi.yaml')).toBe(true);
  });

  it('without --stdin-filepath, has its relative $refs followed from the working directory', async () => {
    const text = readFileSync(join(projectRoot, 'fixtures/multi-file/openapi.yaml'), 'utf8');
    const fromFile = JSON.parse((await runCli(['--format', 'json', 'openapi.yaml'], { cwd: join(projectRoot, 'fixtures/multi-file') })).stdout) as JsonReport;
    const run = await runCli(['--format', 'json', '-'], { cwd: join(projectRoot, 'fixtures/multi-file'), stdin: text });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    const sorted = (findings: JsonReport['findings']) => findings.map((finding) => JSON.stringify(finding)).sort();
    expect(sorted(report.findings.map((finding) => ({ ...finding, file: finding.file === '<stdin>' ? 'openapi.yaml' : finding.file })))).toEqual(sorted(fromFile.findings));
    expect(report.findings.some((finding) => finding.file.startsWith('paths/'))).toBe(true);
    // From the repository root, the same $refs name no file.
    const elsewhere = await runCli(['-'], { stdin: text });
    expect([elsewhere.code, elsewhere.stderr]).toEqual([2, "statuslint: <stdin>:10:5: cannot resolve $ref 'paths/users.yaml': paths/users.yaml: no such file\n"]);
  });

  it('wins over the file --stdin-filepath names, as for an editor buffer not yet saved', async () => {
    const dir = project({ 'openapi.yaml': clean });
    expect((await runCli(['openapi.yaml'], { cwd: dir })).code).toBe(0);
    const run = await runCli(['--format', 'json', '-', '--stdin-filepath', 'openapi.yaml'], { cwd: dir, stdin: unchallenged });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((finding) => [finding.ruleId, finding.file, finding.line])).toContainEqual(['require-www-authenticate', 'openapi.yaml', 8]);
    expect(readFileSync(join(dir, 'openapi.yaml'), 'utf8')).toBe(clean);
  });

  it("takes the configuration's overrides and ignore by --stdin-filepath", async () => {
    const dir = project({ 'statuslint.config.yaml': "overrides:\n  - files: ['internal/**']\n    rules:\n      require-www-authenticate: off\nignore: ['vendor/']\n" });
    const ruleIds = async (path: string) => {
      const run = await runCli(['--format', 'json', '-', '--stdin-filepath', path], { cwd: dir, stdin: unchallenged });
      return { code: run.code, rules: (JSON.parse(run.stdout) as JsonReport).findings.map((finding) => finding.ruleId), stderr: run.stderr };
    };
    expect((await ruleIds('public/api.yaml')).rules).toContain('require-www-authenticate');
    expect((await ruleIds('internal/api.yaml')).rules).not.toContain('require-www-authenticate');
    expect(await ruleIds('vendor/api.yaml')).toEqual({ code: 0, rules: [], stderr: 'statuslint: warning: vendor/api.yaml is ignored by statuslint.config.yaml; not linted\n' });
  });

  it('--stdin-filepath is a path, not a glob, though it holds [ ] { } or * and names no file yet', async () => {
    // Routes written as folders (`pages/[id]/`) are common; a pattern would lint other files, or none.
    const dir = project({ 'api/v1.yaml': clean });
    for (const path of ['api/[v1].yaml', 'api/{v1,v2}.yaml', 'api/*.yaml']) {
      const run = await runCli(['--format', 'json', '-', '--stdin-filepath', path], { cwd: dir, stdin: unchallenged });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.findings.map((finding) => [finding.ruleId, finding.file])).toEqual([['require-www-authenticate', path]]);
    }
  });

  it('is linted beside files named with it', async () => {
    const dir = project({ 'a.yaml': unchallenged });
    const run = await runCli(['--format', 'json', 'a.yaml', '-'], { cwd: dir, stdin: unchallenged });
    const files = new Set((JSON.parse(run.stdout) as JsonReport).findings.map((finding) => finding.file));
    expect(files).toEqual(new Set(['a.yaml', '<stdin>']));
  });

  it.each([
    [['-', '-'], "'-' (standard input) is given 2 times; it can be read once"],
    [['--stdin-filepath', 'a.yaml', 'fixtures/clean/openapi.yaml'], "--stdin-filepath names the spec read from standard input; pass '-' to read it"],
    [['--fix', '-'], '--fix writes specs in place, and standard input has no file to write; use --fix-dry-run for a diff'],
    [['-', '--stdin-filepath', 'fixtures'], '--stdin-filepath names a folder (fixtures); give the path of a file, which need not exist'],
    [['-', '--stdin-filepath', ''], '--stdin-filepath must not be empty'],
    [['fixtures/clean/openapi.yaml', '-', '--stdin-filepath', './fixtures/clean/openapi.yaml'], 'fixtures/clean/openapi.yaml is named as a spec and as --stdin-filepath; give it once, as a file or as standard input'],
  ])('refuses %j: %s', async (args, message) => {
    const run = await runCli(args, { stdin: clean });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`statuslint: ${message}\n`);
  });

  it('warns that sarif and github output cannot place <stdin> unless --stdin-filepath names it', async () => {
    const dir = project({});
    const warning = 'statuslint: warning: findings in standard input are reported under <stdin>, which GitHub cannot place in the repository; name it with --stdin-filepath\n';
    expect((await runCli(['--format', 'github', '-'], { cwd: dir, stdin: unchallenged })).stderr).toBe(warning);
    expect((await runCli(['--format', 'sarif', '-'], { cwd: dir, stdin: unchallenged })).stderr).toContain('which code scanning cannot place');
    expect((await runCli(['--format', 'github', '-', '--stdin-filepath', 'openapi.yaml'], { cwd: dir, stdin: unchallenged })).stderr).toBe('');
    expect((await runCli(['--format', 'json', '-'], { cwd: dir, stdin: unchallenged })).stderr).toBe('');
  });

  it('refuses to wait on a terminal', async () => {
    const run = await runCli(['-']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: '-' reads a spec from standard input, which is a terminal here; pipe one in, e\.g\. cat openapi\.yaml \| statuslint -\n$/);
  });

  it('is an input error, named and placed, when it cannot be linted', async () => {
    const cases: Array<[string | Buffer, string[], RegExp]> = [
      ['a'.repeat(2048), ['--max-file-size', '1kb'], /^standard input is over the 1 KiB limit \(raise it with --max-file-size\)$/],
      [Buffer.from('\ufeffopenapi: 3.0.3\n', 'utf16le'), [], /UTF-16/],
      ['openapi: 3.0.3\ninfo: [\n', [], /YAML/i],
      ['', [], /^standard input is empty; pipe a spec in$/],
      // `echo "$SPEC" | statuslint -` with the variable unset: the pipe is empty, not a file.
      ['\n', [], /^standard input is empty; pipe a spec in$/],
      [' \r\n\t', ['--stdin-filepath', 'api.yaml'], /^standard input is empty; pipe a spec in$/],
    ];
    for (const [input, args, message] of cases) {
      const run = await runCli(['--format', 'json', ...args, '-'], { stdin: input });
      expect(run.code, run.stderr).toBe(2);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.inputErrors).toHaveLength(1);
      expect(report.inputErrors[0]!.file).toBe(args.includes('--stdin-filepath') ? args.at(-1) : '<stdin>');
      expect(report.inputErrors[0]!.message).toMatch(message);
    }
  });

  it('--fix-dry-run gives its diff, and --validate places its error in the text read', async () => {
    const dir = project({});
    const dry = await runCli(['--fix-dry-run', '-', '--stdin-filepath', 'api/openapi.yaml'], { cwd: dir, stdin: unchallenged });
    expect(dry.stdout).toMatch(/^--- a\/api\/openapi\.yaml\n\+\+\+ b\/api\/openapi\.yaml\n/);
    expect(dry.stdout).toContain("+        '401': {description: Unauthorized, headers: {WWW-Authenticate: ");
    expect(dry.code, dry.stderr).toBe(0); // nothing left once the diff is applied
    expect(dry.stderr).not.toContain('--stdin-filepath');
    // Unnamed, the diff's file is `<stdin>`, which patch cannot find: said, as for SARIF.
    const unnamed = await runCli(['--fix-dry-run', '-'], { cwd: dir, stdin: unchallenged });
    expect(unnamed.stdout).toMatch(/^--- a\/<stdin>\n/);
    expect(unnamed.stderr).toContain('statuslint: --fix-dry-run: the diff names standard input <stdin>, which patch -p1 will not find; name it with --stdin-filepath\n');
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api/openapi.yaml'), clean);
    const invalid = "openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n";
    const validated = await runCli(['--validate', '-', '--stdin-filepath', 'api/openapi.yaml'], { cwd: dir, stdin: invalid });
    expect(validated.code).toBe(2);
    expect(validated.stderr).toContain("statuslint: api/openapi.yaml:2:1: not a valid OpenAPI document: /info must have required property 'version'");
  });
});

describe.skipIf(process.platform === 'win32')('a spec read from standard input, whose file another path reaches', () => {
  const shared = 'Unauthorized:\n  description: Unauthorized\n  headers: {WWW-Authenticate: {schema: {type: string}}}\n';
  const referrer = (ref: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '400': {description: Bad}\n        '401': {$ref: '${ref}'}\n`;

  // An editor sends the buffer it holds: what is on disk under the other path is never read.
  it.each([
    ['not UTF-8', 'Unauthorized:\n  description: Unauthorized \xff\n', []],
    ['over the size limit', `Unauthorized:\n  description: Unauthorized\n# ${'x'.repeat(400)}\n`, ['--max-file-size', '300']],
  ])('gives its text to a $ref that names the file through a linked folder, though the file on disk is %s', async (_, onDisk, extra) => {
    const dir = project({ 'b.yaml': referrer('./link/r.yaml#/Unauthorized') });
    mkdirSync(join(dir, 'common'));
    writeFileSync(join(dir, 'common', 'r.yaml'), Buffer.from(onDisk, 'latin1'));
    symlinkSync('common', join(dir, 'link'));
    const run = await runCli(['-f', 'json', ...extra, '-', 'b.yaml', '--stdin-filepath', 'common/r.yaml'], { cwd: dir, stdin: shared });
    const report = JSON.parse(run.stdout) as JsonReport;
    // The buffer itself is no spec (not an OpenAPI document); the $ref through the link resolves to it.
    expect(report.inputErrors.map((error) => error.file), JSON.stringify(report.inputErrors)).toEqual(['common/r.yaml']);
    expect(report.findings).toEqual([]);
  });
});

describe('readStdinSpec (what the CLI reads for -)', () => {
  const cwd = projectRoot;
  const piped = (...chunks: Array<string | Buffer>): StdinSource => ({ isTty: false, chunks: async function* () { yield* chunks; } });
  const failing = (error: Error): StdinSource => ({
    isTty: false,
    chunks: () => {
      throw error;
    },
  });

  it('reads nothing, and asks for nothing, when no - is given', async () => {
    expect(await readStdinSpec(['a.yaml'], { cwd, stdin: piped(clean) })).toBeUndefined();
  });

  it('joins the pieces a pipe delivers, bytes or strings, under <stdin> in the working directory or --stdin-filepath', async () => {
    const [head, tail] = [clean.slice(0, 20), clean.slice(20)];
    expect(await readStdinSpec(['-'], { cwd, stdin: piped(Buffer.from(head), tail) })).toEqual({ path: join(cwd, '<stdin>'), text: clean });
    expect(await readStdinSpec(['-'], { cwd, stdinFilepath: 'api/openapi.yaml', stdin: piped(clean) })).toEqual({ path: join(cwd, 'api/openapi.yaml'), text: clean });
  });

  it('takes a spec of exactly --max-file-size bytes, and refuses one byte more', async () => {
    const limit = Buffer.byteLength(clean);
    expect((await readStdinSpec(['-'], { cwd, maxFileBytes: limit, stdin: piped(clean) }))?.text).toBe(clean);
    const over = await readStdinSpec(['-'], { cwd, maxFileBytes: limit - 1, stdin: piped(clean.slice(0, 10), clean.slice(10)) });
    expect(over?.failure?.describe(cwd)).toBe(`<stdin>: standard input is over the ${limit - 1} bytes limit (raise it with --max-file-size)`);
  });

  it.each([
    [Object.assign(new Error('standard input is a folder'), { code: 'EISDIR' }), '<stdin>: standard input is a folder, not a spec; name the folder instead of redirecting it'],
    [Object.assign(new Error('i/o error'), { code: 'EIO' }), '<stdin>: cannot read standard input: EIO'],
    [new Error('the stream was destroyed'), '<stdin>: cannot read standard input: the stream was destroyed'],
  ])('names a read that fails (%s) as an input error of <stdin>', async (error, line) => {
    expect((await readStdinSpec(['-'], { cwd, stdin: failing(error) }))?.failure?.describe(cwd)).toBe(line);
  });

  it.each([
    [{ stdinFilepath: '  ' }, '--stdin-filepath must not be empty'],
    [{ stdin: undefined }, "'-' reads a spec from standard input, which is a terminal here; pipe one in, e.g. cat openapi.yaml | statuslint -"],
  ])('refuses %j', async (options, message) => {
    await expect(readStdinSpec(['-'], { cwd, stdin: piped(clean), ...options })).rejects.toThrow(new UsageError(message));
  });
});
