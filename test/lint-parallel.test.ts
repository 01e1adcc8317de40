// Linting many specs on worker threads must give exactly what linting them in one thread
// gives. Workers run the compiled code, so these tests use the build (`npm test` builds first);
// they run it in this process (a mutation run's build is mutated), and those that run the CLI
// are in lint-parallel-cli.test.ts.
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './cli-harness.js';
import { aliasOrderFolder, comparable, generatedFolder, generatedSpecs, suppressionsFolder } from './parallel-folders.js';

const compiled = join(projectRoot, 'dist', 'src', 'lint.js');
type LintModule = typeof import('../src/lint.js');
type LintResult = import('../src/lint.js').LintResult;
let built: LintModule;
let parallel: typeof import('../src/lint-parallel.js');

beforeAll(async () => {
  expect(existsSync(compiled), 'run `npm run build` first').toBe(true);
  built = (await import(pathToFileURL(compiled).href)) as LintModule;
  parallel = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'lint-parallel.js')).href)) as typeof import('../src/lint-parallel.js');
});

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

  it('gives the same result as lint() for x-statuslint-ignore in every place, across specs sharing files (with aliases), on any number of threads', async () => {
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
  });

  it('keys a finding in a node that a YAML alias repeats by one pointer whatever the input order or threads', async () => {
    const folder = aliasOrderFolder();
    const keyed = (result: LintResult): string[] => result.findings.filter((finding) => finding.file === 'shared.yaml').map((finding) => `${finding.ruleId} ${finding.pointer}`);
    const expected = ['unused-suppression /A/x-statuslint-ignore/0', 'no-body-on-no-content /C/content'];
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      const paths = order.map((name) => join(folder, name));
      expect(keyed(built.lint(paths, { cwd: folder }))).toEqual(expected);
      for (const threads of [1, 2]) expect(keyed(await built.lintParallel(paths, { cwd: folder, threads }))).toEqual(expected);
      expect(keyed(await built.lintParallel(paths, { cwd: folder, threads: 2, lintHere: false }))).toEqual(expected);
    }
  });



  it('calls beforeLint once, before any spec is linted, and only once the workers have started', async () => {
    const folder = generatedFolder();
    const files = generatedSpecs(folder);
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
      let waited = 0;
      const begun = performance.now();
      const result = await built.lintParallel(files, {
        cwd: folder,
        threads,
        workerUrl: pathToFileURL(worker),
        onProgress: (done) => void (linted = done),
        beforeLint: () => {
          waited = performance.now() - begun;
          calls.push({ linted, workerRan: existsSync(marker) });
        },
      });
      expect(calls.map((call) => call.linted)).toStrictEqual([0]);
      // Once the worker ran, or (a loaded machine) once WORKER_START_WAIT_MS had passed.
      expect(calls[0]!.workerRan || (threads > 1 && waited >= parallel.WORKER_START_WAIT_MS)).toBe(threads > 1);
      expect(result.findings).toStrictEqual(sequential.findings);
    }
  });

  // A worker that throws on throw-here.yaml or exits on exit-here.yaml, and is the real worker otherwise.
  function crashingWorker(folder: string): URL {
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
    return pathToFileURL(worker);
  }

  // Specs are handed out largest first: a missing file (size 0) comes last, a large one first.
  it.each([
    ['the last specs, one on each worker', 'missing', 2],
    ['the first spec a worker is handed, with the next one in hand (which goes to another worker)', 'largest', 2],
    ['the last specs, on the only worker, before a components-only spec that needs a worker again', 'missing', 1],
  ] as const)('turns a worker that dies into an internal error for the spec it was on, and lints every other spec once: %s', async (_name, crashFiles, threads) => {
    const folder = generatedFolder();
    const files = [...generatedSpecs(folder), join(folder, 'specs', 'lonely.yaml')];
    files.splice(5, 0, join(folder, 'specs', 'throw-here.yaml'));
    files.splice(20, 0, join(folder, 'specs', 'exit-here.yaml'));
    if (crashFiles === 'largest') for (const name of ['throw-here.yaml', 'exit-here.yaml']) writeFileSync(join(folder, 'specs', name), `# ${'x'.repeat(100_000)}\n`);
    // Found in a folder: a components-only spec that nothing references is linted after the others.
    const discovered = new Set(files);
    const result = await built.lintParallel(files, { cwd: folder, discovered, threads, lintHere: false, workerUrl: crashingWorker(folder) });
    expect(result.internalErrors.map((bug) => [bug.file, bug.message])).toStrictEqual([
      ['specs/throw-here.yaml', 'the worker thread linting it stopped: boom'],
      ['specs/exit-here.yaml', 'the worker thread linting it stopped: it exited with code 3'],
    ]);
    const sequential = built.lint(files.filter((path) => !/(throw|exit)-here/.test(path)), { cwd: folder, discovered });
    expect(result.files).toStrictEqual(sequential.files);
    expect(result.files.at(-1)).toBe('specs/lonely.yaml');
    expect(result.findings).toStrictEqual(sequential.findings);
  });

  it('begins linting after WORKER_START_WAIT_MS when a worker never says it started', async () => {
    const folder = generatedFolder();
    const files = generatedSpecs(folder);
    // The real worker, without the counter it adds one to once running.
    const worker = join(folder, 'silent-worker.mjs');
    writeFileSync(
      worker,
      `import { workerData } from 'node:worker_threads';
delete workerData.started;
await import(${JSON.stringify(pathToFileURL(join(projectRoot, 'dist', 'src', 'lint-worker.js')).href)});
`,
    );
    let calls = 0;
    const result = await built.lintParallel(files, { cwd: folder, threads: 2, workerUrl: pathToFileURL(worker), beforeLint: () => void calls++ });
    expect(calls).toBe(1);
    expect(result.findings).toStrictEqual(built.lint(files, { cwd: folder }).findings);
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
    const crowded = folderOf(16);
    for (let index = 0; index < 2_000; index++) writeFileSync(join(crowded, `page-${index}.md`), '');
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
      ...['explain', 'init', 'help'].map((command): [string, string[], NodeJS.ProcessEnv, boolean] => [`the ${command} subcommand, in a folder of specs`, [command, many], {}, false]),
      ...['-h', '-v', '--version'].map((option): [string, string[], NodeJS.ProcessEnv, boolean] => [option, [many, option], {}, false]),
      ['STATUSLINT_THREADS=1', [many], { STATUSLINT_THREADS: '1' }, false],
      ['STATUSLINT_THREADS=2', [many], { STATUSLINT_THREADS: '2' }, true],
      ['STATUSLINT_THREADS set to spaces, which the CLI takes as unset', [many], { STATUSLINT_THREADS: ' ' }, true],
      ['a folder whose first 2,000 entries are no specs (a repository\'s root, say): not looked through further', [crowded], {}, false],
      ['a path that names nothing', [join(many, 'missing')], {}, false],
    ];
    const cores = availableParallelism();
    for (const [name, argv, env, expected] of cases) {
      expect(early.likelyLintsInParallel(argv, env, many), name).toBe(expected && cores >= 2);
    }
  });

  it('becomes lintParallel\'s first worker, which sends it its setup first, and stops it after the run', async () => {
    const folder = generatedFolder();
    const files = generatedSpecs(folder);
    const worker = early.startEarlyWorker(['specs'], {}, folder);
    if (availableParallelism() < 2) return expect(worker).toBeUndefined();
    expect(worker).toBeDefined();
    let answers = 0;
    worker!.on('message', () => void answers++);
    // Else the CLI would never exit: a worker waits for its next job.
    const exited = once(worker!, 'exit');
    const result = await built.lintParallel(files, { cwd: folder, threads: 2, beforeLint: () => {} });
    expect(answers).toBeGreaterThan(0);
    expect(result.findings).toStrictEqual(built.lint(files, { cwd: folder }).findings);
    expect(early.takeEarlyWorker()).toBeUndefined();
    await exited;
  });

  it('is started once, and not taken once it has exited (lintParallel starts its own)', async () => {
    const folder = generatedFolder();
    const files = generatedSpecs(folder);
    const worker = early.startEarlyWorker(['specs'], {}, folder);
    if (availableParallelism() < 2) return expect(worker).toBeUndefined();
    expect(early.startEarlyWorker(['specs'], {}, folder)).toBeUndefined();
    const exited = once(worker!, 'exit');
    await worker!.terminate();
    await exited;
    const result = await built.lintParallel(files, { cwd: folder, threads: 2, beforeLint: () => {} });
    expect(result.findings).toStrictEqual(built.lint(files, { cwd: folder }).findings);
    expect(result.internalErrors).toStrictEqual([]);
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
