// Linting many specs on worker threads must give exactly what linting them in one thread
// gives. Workers run the compiled code, so these tests use the build (`npm test` builds first).
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { projectRoot } from './cli-harness.js';

const compiled = join(projectRoot, 'dist', 'src', 'lint.js');
const cliBin = join(projectRoot, 'bin', 'statuslint.js');
type LintModule = typeof import('../src/lint.js');
type LintResult = import('../src/lint.js').LintResult;
let built: LintModule;

beforeAll(async () => {
  expect(existsSync(compiled), 'run `npm run build` first').toBe(true);
  built = (await import(pathToFileURL(compiled).href)) as LintModule;
});

/** Everything but `fixes` (parsed nodes, which stay in their thread) and the thrown values themselves. */
function comparable(result: LintResult, cwd: string): unknown {
  const { fixes: _fixes, ...rest } = result;
  return {
    ...rest,
    failures: result.failures.map((failure) => failure.describe(cwd)),
    internalErrors: result.internalErrors.map(({ error: _error, ...bug }) => bug),
    rules: result.rules.map((rule) => rule.id),
  };
}

function operationSpec(index: number): Record<string, unknown> {
  const unauthorized = index % 3 === 0 ? { $ref: 'shared.yaml#/components/responses/Unauthorized' } : { description: `Unauthorized ${index}` };
  const get: Record<string, unknown> = {
    responses: {
      '200': { description: 'OK' },
      '401': unauthorized,
      ...(index % 4 === 0 ? { '403': { $ref: 'https://example.com/errors.yaml#/Forbidden' } } : {}),
      ...(index % 5 === 0 ? { '429': { $ref: 'limits.yaml#/components/responses/TooMany' } } : {}),
    },
  };
  if (index % 7 === 0) get['x-statuslint-ignore'] = ['require-retry-after', 'no-such-rule'];
  return {
    openapi: index % 2 ? '3.1.0' : '3.0.3',
    info: { title: `Spec ${index}`, version: '1' },
    security: [{ key: [] }],
    paths: { [`/items/${index}`]: { get } },
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
  };
}

/** A folder of 30 specs sharing fragments, with the inputs a real folder has besides specs. */
function generatedFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-parallel-'));
  mkdirSync(join(folder, 'specs'));
  const components = (responses: Record<string, unknown>): Record<string, unknown> => ({ openapi: '3.1.0', info: { title: 'Shared', version: '1' }, components: { responses } });
  // A shared fragment (components only, referenced): skipped as a root, linted through its users.
  writeFileSync(join(folder, 'specs', 'shared.yaml'), stringify(components({ Unauthorized: { description: 'Shared unauthorized' } })));
  // Components only and referenced by nobody: linted as a spec of its own.
  writeFileSync(join(folder, 'specs', 'lonely.yaml'), stringify(components({ Gone: { description: 'Gone' } })));
  // A shared file with a broken $ref: every spec that reaches it fails.
  writeFileSync(join(folder, 'specs', 'limits.yaml'), stringify({ components: { responses: { TooMany: { $ref: '#/components/responses/Missing' } } } }));
  // Not OpenAPI.
  writeFileSync(join(folder, 'specs', 'package.json'), JSON.stringify({ name: 'not-a-spec' }));
  // A broken spec.
  writeFileSync(join(folder, 'specs', 'broken.yaml'), 'openapi: 3.1.0\npaths:\n  /a: {}\n  /a: {}\n');
  for (let index = 0; index < 30; index++) {
    const name = join(folder, 'specs', index % 2 ? `spec-${String(index).padStart(2, '0')}.yaml` : `spec-${String(index).padStart(2, '0')}.json`);
    writeFileSync(name, index % 2 ? stringify(operationSpec(index)) : JSON.stringify(operationSpec(index), null, 2));
  }
  return folder;
}

/**
 * 30 specs sharing common/responses.yaml (where B is an alias of A), with x-statuslint-ignore
 * lists on operations, responses and beside $refs, and where none is read, used and unused.
 */
function suppressionsFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-suppressions-'));
  mkdirSync(join(folder, 'common'));
  const common = [
    'Unauthorized: {description: Unauthorized}',
    'TooMany: {description: Too many}',
    'Suppressed: {description: Too many, x-statuslint-ignore: [require-retry-after, require-www-authenticate]}',
    'Chained: {$ref: "#/TooMany", x-statuslint-ignore: [require-retry-after]}',
    'A: &a',
    '  description: Aliased',
    '  x-statuslint-ignore: [require-retry-after]',
    '  content: {application/json: {schema: {type: object}}}',
    'B: *a',
    '',
  ];
  writeFileSync(join(folder, 'common', 'responses.yaml'), common.join('\n'));
  const use = (name: string, list?: unknown[]): Record<string, unknown> => ({ $ref: `common/responses.yaml#/${name}`, ...(list ? { 'x-statuslint-ignore': list } : {}) });
  const variants: Array<Record<string, unknown>> = [
    { '401': use('Unauthorized'), '429': use('TooMany') },
    { '401': use('Unauthorized', [{ rule: 'require-www-authenticate', reason: 'gateway' }]), '429': use('TooMany', ['require-retry-after']) },
    { '429': use('Suppressed', ['require-retry-after']) },
    { '429': use('Chained'), '503': use('TooMany', ['require-retry-aftr']) },
    // A problem inside the anchored node, reached as A by some specs and as B by others.
    { '429': use('A'), '204': use('B') },
    { '204': use('A'), '400': { description: 'bad', 'x-statuslint-ignore': 'require-retry-after' } },
    { '429': { description: 'slow', 'x-statuslint-ignore': [{ rule: 'require-retry-after', why: 'x' }, 42, 'unused-suppression'] } },
  ];
  for (let index = 0; index < 30; index++) {
    const misplaced = index % 4 === 0 ? { 'x-statuslint-ignore': ['require-retry-after'] } : {};
    const operation = index % 3 === 0 ? { 'x-statuslint-ignore': ['require-retry-after', 'require-www-authenticate'] } : {};
    const spec = {
      openapi: index % 2 ? '3.1.0' : '3.0.3',
      ...misplaced,
      info: { title: `Spec ${index}`, version: '1' },
      paths: { [`/items/${index}`]: { ...misplaced, get: { ...operation, responses: { ...misplaced, '200': { description: 'ok' }, ...variants[index % variants.length] } } } },
    };
    writeFileSync(join(folder, `spec-${String(index).padStart(2, '0')}.yaml`), stringify(spec));
  }
  return folder;
}

function runCli(args: string[], cwd: string, threads: number): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, STATUSLINT_THREADS: String(threads), NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('lintParallel', () => {
  it('gives the same result as lint() on a generated folder, with per-spec rules', async () => {
    const folder = generatedFolder();
    const inputs = built.defaultRules();
    const { expandInputs } = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'inputs.js')).href)) as typeof import('../src/inputs.js');
    const { files, discovered } = expandInputs(['specs'], { cwd: folder, isIgnored: () => false, exclude: new Set() });
    // The configuration's rules may depend on the spec: here, one rule is off in some specs.
    const rules = (path: string) => (/spec-1\d/.test(path) ? inputs.filter((entry) => entry.rule.id !== 'require-www-authenticate') : inputs);
    const progress: number[] = [];
    const options = { cwd: folder, discovered, rules, unusedSuppressions: 'warning' as const };
    const parallel = await built.lintParallel(files, { ...options, threads: 2, onProgress: (done) => void progress.push(done) });
    const sequential = built.lint(files, options);

    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(sequential.findings.length).toBeGreaterThan(15);
    expect(sequential.skipped.fragments).toContain('specs/shared.yaml');
    expect(sequential.skipped.notOpenApi).toContain('specs/package.json');
    expect(sequential.files).toContain('specs/lonely.yaml');
    expect(sequential.failures.map((failure) => failure.describe(folder))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^specs\/broken\.yaml/), expect.stringMatching(/^specs\/limits\.yaml.*Missing/)]),
    );
    // Every spec reaching the broken shared file stops there, not only the first one.
    expect(sequential.files.filter((file) => /spec-(00|05|10|15|20|25)/.test(file))).toStrictEqual([]);
    expect(sequential.notices.length).toBeGreaterThan(0);
    expect(sequential.findings.some((finding) => finding.ruleId === 'unused-suppression')).toBe(true);
    expect(comparable(parallel, folder)).toStrictEqual(comparable(sequential, folder));
    // One thread, spec by spec, as the CLI lints a few specs or STATUSLINT_THREADS=1.
    const alone = await built.lintParallel(files, { ...options, threads: 1 });
    expect(comparable(alone, folder)).toStrictEqual(comparable(sequential, folder));
    expect(progress).toHaveLength(files.length);
    expect(Math.max(...progress)).toBe(files.length);
  });

  it('gives the same result as lint() for x-statuslint-ignore in every place, across specs sharing files (with aliases), on any number of threads and from --cache', async () => {
    const folder = suppressionsFolder();
    const inputs = built.defaultRules();
    const { expandInputs } = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'inputs.js')).href)) as typeof import('../src/inputs.js');
    const { files, discovered } = expandInputs(['.'], { cwd: folder, isIgnored: () => false, exclude: new Set() });
    // As an override would: require-retry-after off in some specs.
    const rules = (path: string) => (/spec-\d[05]/.test(path) ? inputs.filter((entry) => entry.rule.id !== 'require-retry-after') : inputs);
    const options = { cwd: folder, discovered, rules };
    const sequential = built.lint(files, options);
    expect(sequential.findings.filter((finding) => finding.ruleId === 'unused-suppression').length).toBeGreaterThan(10);
    for (const threads of [1, 2, 3]) expect(comparable(await built.lintParallel(files, { ...options, threads }), folder)).toStrictEqual(comparable(sequential, folder));
    const one = runCli(['--format', 'json', '--no-config', '.'], folder, 1);
    expect(one.code).toBe(1);
    for (const [threads, args] of [[2, []], [3, ['--cache']], [2, ['--cache']], [1, ['--cache']]] as const) {
      expect(runCli(['--format', 'json', '--no-config', ...args, '.'], folder, threads)).toStrictEqual(one);
    }
  });

  it('keys a finding in a node that a YAML alias repeats by one pointer whatever the input order, threads or cache (a baseline stays valid)', async () => {
    // B repeats A, whose entry silences nothing, and D repeats C, whose body a 204 cannot have;
    // a.yaml names them as B and D, b.yaml as A and C.
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-alias-order-'));
    writeFileSync(join(folder, 'shared.yaml'), 'A: &a\n  description: Fine\n  x-statuslint-ignore: [require-retry-after]\nB: *a\nC: &c\n  description: Nothing\n  content: {application/json: {}}\nD: *c\n');
    const spec = (path: string, ok: string, none: string): string =>
      stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { [path]: { get: { responses: { 200: { $ref: `shared.yaml#/${ok}` }, 204: { $ref: `shared.yaml#/${none}` }, 400: { description: 'bad' } } } } } });
    writeFileSync(join(folder, 'a.yaml'), spec('/a', 'B', 'D'));
    writeFileSync(join(folder, 'b.yaml'), spec('/b', 'A', 'C'));
    const keyed = (result: LintResult): string[] => result.findings.filter((finding) => finding.file === 'shared.yaml').map((finding) => `${finding.ruleId} ${finding.pointer}`);
    const expected = ['unused-suppression /A/x-statuslint-ignore/0', 'no-body-on-no-content /C/content'];
    const baselines = new Set<string>();
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      const paths = order.map((name) => join(folder, name));
      expect(keyed(built.lint(paths, { cwd: folder }))).toEqual(expected);
      for (const threads of [1, 2]) expect(keyed(await built.lintParallel(paths, { cwd: folder, threads }))).toEqual(expected);
      expect(keyed(await built.lintParallel(paths, { cwd: folder, threads: 2, lintHere: false }))).toEqual(expected);
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

  it('calls beforeLint once, before any spec is linted, and only once the workers have started', async () => {
    const folder = generatedFolder();
    const files = Array.from({ length: 30 }, (_, index) => join(folder, 'specs', index % 2 ? `spec-${String(index).padStart(2, '0')}.yaml` : `spec-${String(index).padStart(2, '0')}.json`));
    // The real worker, once it has left a mark that it runs.
    const marker = join(folder, 'worker-ran');
    const worker = join(folder, 'marking-worker.mjs');
    writeFileSync(
      worker,
      `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(marker)}, '');
await import(${JSON.stringify(pathToFileURL(join(projectRoot, 'dist', 'src', 'lint-worker.js')).href)});
`,
    );
    const sequential = built.lint(files, { cwd: folder });
    for (const threads of [1, 2]) {
      rmSync(marker, { force: true });
      const calls: Array<{ linted: number; workerRan: boolean }> = [];
      let linted = 0;
      const result = await built.lintParallel(files, {
        cwd: folder,
        threads,
        workerUrl: pathToFileURL(worker),
        onProgress: (done) => void (linted = done),
        beforeLint: () => void calls.push({ linted, workerRan: existsSync(marker) }),
      });
      expect(calls).toStrictEqual([{ linted: 0, workerRan: threads > 1 }]);
      expect(result.findings).toStrictEqual(sequential.findings);
    }
  });

  it('turns a worker that dies into an internal error for the spec it was on, and lints the rest', async () => {
    const folder = generatedFolder();
    const files = Array.from({ length: 30 }, (_, index) => join(folder, 'specs', index % 2 ? `spec-${String(index).padStart(2, '0')}.yaml` : `spec-${String(index).padStart(2, '0')}.json`));
    files.splice(5, 0, join(folder, 'specs', 'throw-here.yaml'));
    files.splice(20, 0, join(folder, 'specs', 'exit-here.yaml'));
    // A worker that throws or exits on those two, and is the real worker otherwise.
    const worker = join(folder, 'crashing-worker.mjs');
    writeFileSync(
      worker,
      `import { parentPort } from 'node:worker_threads';
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) => on(event, (job) => {
  if (job.path.endsWith('throw-here.yaml')) throw new Error('boom');
  if (job.path.endsWith('exit-here.yaml')) process.exit(3);
  listener(job);
});
await import(${JSON.stringify(pathToFileURL(join(projectRoot, 'dist', 'src', 'lint-worker.js')).href)});
`,
    );
    const result = await built.lintParallel(files, { cwd: folder, threads: 2, lintHere: false, workerUrl: pathToFileURL(worker) });
    expect(result.internalErrors.map((bug) => [bug.file, bug.message])).toStrictEqual([
      ['specs/throw-here.yaml', 'the worker thread linting it stopped: boom'],
      ['specs/exit-here.yaml', 'the worker thread linting it stopped: it exited with code 3'],
    ]);
    const sequential = built.lint(files.filter((path) => !/(throw|exit)-here/.test(path)), { cwd: folder });
    expect(result.files).toStrictEqual(sequential.files);
    expect(result.findings).toStrictEqual(sequential.findings);
  });
});

describe('the early worker (bin/statuslint.js starts it before loading the CLI)', () => {
  type EarlyModule = typeof import('../src/early-worker.js');
  let early: EarlyModule;
  beforeAll(async () => {
    early = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'early-worker.js')).href)) as EarlyModule;
  });

  /** A folder of `count` spec-like files spread over subfolders, and 40 more where inputs.ts does not look. */
  function folderOf(count: number): string {
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-early-'));
    for (const hidden of ['node_modules/dep', '.git']) {
      mkdirSync(join(folder, hidden), { recursive: true });
      for (let index = 0; index < 20; index++) writeFileSync(join(folder, hidden, `x${index}.json`), '{}');
    }
    mkdirSync(join(folder, 'a', 'b'), { recursive: true });
    for (let index = 0; index < count; index++) writeFileSync(join(folder, index % 2 ? 'a' : join('a', 'b'), `spec-${index}.${index % 3 ? 'yaml' : 'json'}`), '');
    writeFileSync(join(folder, 'README.md'), '');
    return folder;
  }

  it('is started only when the command line will likely lint on several threads', () => {
    const many = folderOf(16);
    const few = folderOf(15);
    const files = (count: number): string[] => Array.from({ length: count }, (_, index) => join(few, index % 2 ? 'a' : join('a', 'b'), `spec-${index}.${index % 3 ? 'yaml' : 'json'}`));
    const cases: Array<[string, string[], NodeJS.ProcessEnv, boolean]> = [
      ['a folder with 16 specs', [many], {}, true],
      ['a folder with 15 specs (node_modules and dot-folders not counted)', [few], {}, false],
      ['the same named one by one', files(15), {}, false],
      ['16 specs named one by one, across arguments', [...files(15), join(many, 'a', 'spec-1.yaml')], {}, true],
      ['two folders adding up to 16', [few, join(many, 'a')], {}, true],
      ['a glob', ['specs/**/*.yaml'], {}, true],
      ['options and their values skipped', ['--format', 'json', '-o', 'report.json', many], {}, true],
      ['--fix, which lints many specs on threads too', [many, '--fix'], {}, true],
      ['--fix-dry-run', [many, '--fix-dry-run'], {}, true],
      ['--help', [many, '--help'], {}, false],
      ['a subcommand', ['rules', '--format', 'json'], {}, false],
      ['STATUSLINT_THREADS=1', [many], { STATUSLINT_THREADS: '1' }, false],
      ['STATUSLINT_THREADS=2', [many], { STATUSLINT_THREADS: '2' }, true],
      ['a path that names nothing', [join(many, 'missing')], {}, false],
    ];
    const cores = availableParallelism();
    for (const [name, argv, env, expected] of cases) {
      expect(early.likelyLintsInParallel(argv, env, many), name).toBe(expected && cores >= 2);
    }
  });

  it('becomes lintParallel\'s first worker, which sends it its setup first', async () => {
    const folder = generatedFolder();
    const files = Array.from({ length: 30 }, (_, index) => join(folder, 'specs', index % 2 ? `spec-${String(index).padStart(2, '0')}.yaml` : `spec-${String(index).padStart(2, '0')}.json`));
    const worker = early.startEarlyWorker(['specs'], {}, folder);
    if (availableParallelism() < 2) return expect(worker).toBeUndefined();
    expect(worker).toBeDefined();
    let answers = 0;
    worker!.on('message', () => void answers++);
    const result = await built.lintParallel(files, { cwd: folder, threads: 2, beforeLint: () => {} });
    expect(answers).toBeGreaterThan(0);
    expect(result.findings).toStrictEqual(built.lint(files, { cwd: folder }).findings);
    expect(early.takeEarlyWorker()).toBeUndefined();
  });

  it('is stopped when lintParallel lints in this thread alone', async () => {
    const folder = generatedFolder();
    const worker = early.startEarlyWorker(['specs'], {}, folder);
    if (availableParallelism() < 2) return expect(worker).toBeUndefined();
    const exited = new Promise((resolve) => worker!.once('exit', resolve));
    const result = await built.lintParallel([join(folder, 'specs', 'spec-01.yaml')], { cwd: folder });
    expect(result.files).toStrictEqual(['specs/spec-01.yaml']);
    await exited;
    expect(early.takeEarlyWorker()).toBeUndefined();
  });
});
