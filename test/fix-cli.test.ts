import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './cli-harness.js';
import { manySpecs, snapshot } from './fix-specs.js';

// The built CLI as a process, with a worker thread: a test file that spawns one is left out of
// mutation runs, so this stays apart from fix.test.ts, which runs the CLI in this process.

describe('--fix over many specs', () => {
  it('writes the same files from the CLI on one thread and on two', () => {
    const { dir } = manySpecs();
    const copy = mkdtempSync(join(tmpdir(), 'statuslint-fix-many-'));
    cpSync(dir, copy, { recursive: true });
    const cli = (cwd: string, threads: number, args: string[]) =>
      spawnSync(process.execPath, [join(projectRoot, 'bin', 'statuslint.js'), ...args, '.'], { cwd, encoding: 'utf8', env: { ...process.env, STATUSLINT_THREADS: String(threads), NO_COLOR: '1' } });
    const dryOne = cli(dir, 1, ['--fix-dry-run']);
    const dryTwo = cli(dir, 2, ['--fix-dry-run']);
    expect(dryOne.stderr).toMatch(/--fix-dry-run: \d+ fixes in 23 files; nothing written/);
    expect([dryTwo.status, dryTwo.stdout, dryTwo.stderr]).toStrictEqual([dryOne.status, dryOne.stdout, dryOne.stderr]);
    const fixedOne = cli(dir, 1, ['--fix', '--format', 'json']);
    const fixedTwo = cli(copy, 2, ['--fix', '--format', 'json']);
    expect(fixedOne.stderr).toMatch(/fixed \d+ problems in 23 files/);
    expect([fixedTwo.status, fixedTwo.stdout, fixedTwo.stderr]).toStrictEqual([fixedOne.status, fixedOne.stdout, fixedOne.stderr]);
    expect(snapshot(copy)).toStrictEqual(snapshot(dir));
    rmSync(dir, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  });});
