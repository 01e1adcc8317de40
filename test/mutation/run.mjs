#!/usr/bin/env node
// npm run mutate -- [--all-tests] [--tests PATH,...] [--concurrency N] [--report FILE] <file>...
//
// Mutation testing with Stryker: each mutant is a small deliberate bug in one of the named source
// files (a condition flipped, a string emptied, a call removed); a mutant that no test catches
// "survives" and shows a behaviour the tests do not pin down. Install Stryker first with
// `npm run mutate:setup` (into test/mutation/node_modules, not the project's dependencies).
//
// Stryker copies the project into a sandbox. It is made outside the repository, in a temporary
// folder of its own, because tests that ask git for the project root would otherwise find this
// repository instead of the sandbox; the sandbox is made a repository of its own before the build.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
const stryker = join(here, 'node_modules/.bin/stryker');
const vitestRunner = join(here, 'node_modules/@stryker-mutator/vitest-runner/dist/src/index.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'all-tests': { type: 'boolean', default: false },
    tests: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length === 0) {
  console.log(`Usage: npm run mutate -- [--all-tests] [--tests PATH,...] [--concurrency N] [--report FILE] <file>...

  <file>         source files to mutate, e.g. rules/require-allow.ts; Stryker's ranges
                 (rules/require-allow.ts:30-40) and globs ('rules/*.ts') work too
  --all-tests    also run the test files that spawn the CLI (slower; their spawned CLI runs
                 the code as written, so only their in-process tests can catch a mutant)
  --tests PATH   only the test files whose path starts with one of these, comma-separated
                 (test/loader/yaml-): a module every spec reaches is otherwise tried against
                 most of the suite per mutant; a survivor may then be caught by a file left out
  --concurrency  test runners at once (default 2)
  --report FILE  also write Stryker's JSON report there`);
  process.exit(positionals.length === 0 && !values.help ? 2 : 0);
}
if (!existsSync(stryker) || !existsSync(vitestRunner)) {
  console.error('statuslint mutate: Stryker is not installed; run `npm run mutate:setup` first.');
  process.exit(2);
}

function gitIgnored() {
  return readFileSync(join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const work = mkdtempSync(join(tmpdir(), 'statuslint-mutation-'));
// Retried: a build Stryker started may still be writing into its sandbox for a moment after a stop.
const cleanUp = () => rmSync(work, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
try {
  // The sandbox sits in work/sandboxes/: modules resolve through this link, as from the project.
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  const build = join(work, 'build.sh');
  writeFileSync(build, '#!/bin/sh\nset -e\ngit init -q\nexec npm run build --silent\n');
  chmodSync(build, 0o755);
  const config = {
    testRunner: 'vitest',
    plugins: [vitestRunner],
    mutate: positionals,
    vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
    coverageAnalysis: 'perTest',
    // The tests that import dist/ see a mutant only if dist/ is built from the mutated sources.
    buildCommand: build,
    concurrency: Number(values.concurrency),
    reporters: ['clear-text', 'progress', ...(values.report ? ['json'] : [])],
    ...(values.report ? { jsonReporter: { fileName: resolve(values.report) } } : {}),
    tempDirName: join(work, 'sandboxes'),
    // Nothing git ignores is copied into the sandbox (Node binaries of test:node, corpora, builds).
    ignorePatterns: ['.git', ...gitIgnored()],
    timeoutMS: 20_000,
    cleanTempDir: true,
  };
  const configFile = join(work, 'stryker.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const child = spawn(stryker, ['run', configFile], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(values['all-tests'] ? { MUTATE_ALL_TESTS: '1' } : {}),
      ...(values.tests ? { MUTATE_TESTS: values.tests } : {}),
    },
  });
  // Stopped from outside (Ctrl-C, a timeout's SIGTERM): Stryker stops its runners, and the
  // sandboxes go when it has.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    cleanUp();
    process.exitCode = code ?? (signal ? 2 : 0);
  });
  child.on('error', (error) => {
    cleanUp();
    console.error(`statuslint mutate: ${error.message}`);
    process.exitCode = 2;
  });
} catch (error) {
  cleanUp();
  throw error;
}
