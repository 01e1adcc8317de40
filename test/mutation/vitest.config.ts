// The tests a mutant is tried against. Stryker switches mutants on inside the test process, so a
// test that spawns the CLI runs the code as written and can never catch one: by default those
// files are left out, which keeps a run short. MUTATE_ALL_TESTS=1 (`npm run mutate -- --all-tests`)
// keeps every file whose tests pass in Stryker's sandbox. MUTATE_TESTS (`--tests`) narrows either
// selection to the files under the comma-separated path prefixes it names.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
// cli-harness's runCli runs the CLI in this process, so a file that uses only it stays in.
const spawnsTheCli = /\bspawnSync\(|\bexecFileSync\(|\bspawn\(|\bexecFile\(|\brunBinary\(|\brunCliUnprivileged\(/;
// Runs the CLI as another user, who may not read the sandbox.
const cannotRunInSandbox = new Set(['test/fix-write-cli.test.ts']);

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const prefixes = process.env.MUTATE_TESTS?.split(',').map((prefix) => prefix.trim()).filter(Boolean);

const include = testFiles(join(root, 'test')).filter(
  (file) =>
    !cannotRunInSandbox.has(file) &&
    (!prefixes || prefixes.some((prefix) => file.startsWith(prefix))) &&
    (process.env.MUTATE_ALL_TESTS === '1' || !spawnsTheCli.test(readFileSync(join(root, file), 'utf8'))),
);

export default defineConfig({
  root,
  test: {
    include,
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
  },
});
