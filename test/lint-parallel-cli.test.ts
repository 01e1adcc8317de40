// The CLI lints many specs on worker threads with the same output as on one thread
// (STATUSLINT_THREADS), from --cache too. Workers run the compiled code, so these tests use the
// build (`npm test` builds first). lintParallel's own tests, in this process: lint-parallel.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './cli-harness.js';
import { aliasOrderFolder, generatedFolder, suppressionsFolder } from './parallel-folders.js';

const compiled = join(projectRoot, 'dist', 'src', 'lint.js');
const cliBin = join(projectRoot, 'bin', 'statuslint.js');
type LintModule = typeof import('../src/lint.js');
let built: LintModule;

beforeAll(async () => {
  expect(existsSync(compiled), 'run `npm run build` first').toBe(true);
  built = (await import(pathToFileURL(compiled).href)) as LintModule;
});

function runCli(args: string[], cwd: string, threads: number): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, STATUSLINT_THREADS: String(threads), NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the CLI on worker threads', () => {
  it('gives the same output for x-statuslint-ignore in every place, across specs sharing files (with aliases), on any number of threads and from --cache', () => {
    const folder = suppressionsFolder();
    const one = runCli(['--format', 'json', '--no-config', '.'], folder, 1);
    expect(one.code).toBe(1);
    for (const [threads, args] of [[2, []], [3, ['--cache']], [2, ['--cache']], [1, ['--cache']]] as const) {
      expect(runCli(['--format', 'json', '--no-config', ...args, '.'], folder, threads)).toStrictEqual(one);
    }
  });

  it('writes one baseline for a finding in a node that a YAML alias repeats, whatever the input order, threads or cache', () => {
    const folder = aliasOrderFolder();
    const baselines = new Set<string>();
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      for (const [threads, args] of [[1, []], [2, []], [2, ['--cache']], [2, ['--cache']]] as const) {
        const run = runCli(['--no-config', ...args, '--write-baseline', 'baseline.json', ...order], folder, threads);
        expect(run.code).toBe(0);
        baselines.add(readFileSync(join(folder, 'baseline.json'), 'utf8'));
      }
    }
    expect([...baselines]).toHaveLength(1);
    expect([...baselines][0]).toContain('{"file": "shared.yaml", "pointer": "/A/x-statuslint-ignore/0", "rule": "unused-suppression"}');
    expect([...baselines][0]).toContain('{"file": "shared.yaml", "pointer": "/C/content", "rule": "no-body-on-no-content"}');
  });

  it('gives the same CLI output with and without workers on the fixtures folder and the generated one', () => {
    for (const [cwd, input] of [
      [projectRoot, 'fixtures/'],
      [generatedFolder(), 'specs'],
    ] as const) {
      for (const format of ['json', 'text']) {
        const one = runCli(['--format', format, input], cwd, 1);
        const two = runCli(['--format', format, input], cwd, 2);
        expect(one.code).toBe(2); // both folders hold broken specs
        expect(two).toStrictEqual(one);
      }
    }
  });

  it('refuses YAML nested too deep with the same line on a worker thread as on the main thread, whatever the depth', async () => {
    // A worker's stack is four times the main thread's: where the readers' recursion decided,
    // the main thread said `nesting too deep to parse` where a worker's stack gave out (or the
    // JIT had left it), and a worker `nesting deeper than 256 levels` after reading it whole.
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-deep-'));
    const head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
    const block = (depth: number, item: (level: number) => string): string => {
      let text = `${head}x-deep:\n`;
      for (let level = 1; level < depth; level++) text += `${'  '.repeat(level)}${item(level)}\n`;
      return `${text}${'  '.repeat(depth)}end: 1\n`;
    };
    const specs: Record<string, string> = {};
    for (const depth of [300, 1_000, 3_000]) {
      specs[`map-${depth}.yaml`] = block(depth, () => 'a:');
      specs[`seq-${depth}.yaml`] = block(depth, () => '-');
      specs[`flow-${depth}.yaml`] = `${head}x-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      specs[`flow-map-${depth}.yaml`] = `${head}x-deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
      // An anchor: `yaml` reads it, not statuslint's fast reader.
      specs[`anchored-${depth}.yaml`] = block(depth, () => 'a:').replace('paths: {}', 'paths: &paths {}');
    }
    for (const [name, text] of Object.entries(specs)) writeFileSync(join(folder, name), text);
    const files = Object.keys(specs).map((name) => join(folder, name));
    const main = runCli(['--format', 'json', ...files], folder, 1);
    const onWorker = await built.lintParallel(files, { cwd: folder, threads: 1, lintHere: false });
    const lines = main.stderr.trimEnd().split('\n');
    expect(onWorker.failures.map((failure) => `statuslint: ${failure.describe(folder)}`)).toStrictEqual(lines);
    expect(lines).toHaveLength(files.length);
    for (const line of lines) expect(line).toMatch(/^statuslint: \S+\.yaml:\d+:\d+: nesting deeper than 256 levels$/);
    expect(onWorker.internalErrors).toStrictEqual([]);
  });

  it('reports a file that several paths name (a linked common/ folder, a hard link) once, under one name, on any number of threads', () => {
    // Each lane names such a file by the path it met first: two lanes that met it by two
    // paths reported each of its problems, notices and broken references twice.
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-linked-'));
    mkdirSync(join(folder, 'common'));
    writeFileSync(join(folder, 'common', 'responses.yaml'), "Unauthorized:\n  description: no\n  content:\n    application/json:\n      schema: { $ref: 'schemas.yaml#/Error' }\nOk:\n  description: ok\n  content:\n    application/json:\n      schema: { $ref: 'schemas.yaml#/Error' }\nRemote:\n  $ref: 'https://example.com/r.yaml#/R'\n");
    writeFileSync(join(folder, 'common', 'schemas.yaml'), 'Error:\n  type: object\n  properties:\n    code: { type: integer }\n    message: { type: string }\n');
    writeFileSync(join(folder, 'common', 'broken.yaml'), "Bad:\n  description: bad\n  content:\n    application/json:\n      schema: { $ref: 'schemas.yaml#/Missing' }\n");
    linkSync(join(folder, 'common', 'responses.yaml'), join(folder, 'common', 'responses-link.yaml'));
    const spellings = ['common', '../../common'];
    for (let index = 0; index < 24; index++) {
      const service = join(folder, 'services', `s${String(index).padStart(2, '0')}`);
      mkdirSync(service, { recursive: true });
      symlinkSync('../../common', join(service, 'common'));
      const base = spellings[index % 2]!;
      const responses = index % 5 === 4 ? `${base}/responses-link.yaml` : `${base}/responses.yaml`;
      const broken = index % 6 === 5 ? `        '418': { $ref: '${base}/broken.yaml#/Bad' }\n` : '';
      // Sizes that hand the lanes specs of each spelling first.
      const padding = 'x'.repeat((24 - index) * 40);
      writeFileSync(join(service, 'openapi.yaml'), `openapi: 3.0.3\ninfo: {title: s${index}, version: '1', description: '${padding}'}\npaths:\n  /a${index}:\n    get:\n      responses:\n        '200': { $ref: '${responses}#/Ok' }\n        '401': { $ref: '${responses}#/Unauthorized' }\n        '402': { $ref: '${responses}#/Remote' }\n${broken}`);
    }
    const one = runCli(['--format', 'json', 'services'], folder, 1);
    for (const threads of [2, 3]) expect(runCli(['--format', 'json', 'services'], folder, threads)).toStrictEqual(one);
    const report = JSON.parse(one.stdout) as { findings: Array<{ file: string; line: number }>; inputErrors: Array<{ file: string }> };
    // Once each, named as the folder search found it first (through the first service's link).
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}`)).toStrictEqual(['services/s00/common/responses-link.yaml:1', 'services/s00/common/responses-link.yaml:6']);
    expect(report.inputErrors.map((error) => error.file)).toStrictEqual(['services/s00/common/broken.yaml']);
    expect(one.stderr.split('\n').filter((line) => line.includes('not fetched'))).toHaveLength(1);
  });

});
