// Hostile inputs generated at test time, for robustness.test.ts (in this process) and
// robustness-cli.test.ts (the built CLI in a process of its own): each must end in bounded
// time with a clear answer, never a stack overflow, a hang or an exhausted heap.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, type CliRun } from './cli-harness.js';
export const dir = mkdtempSync(join(tmpdir(), 'statuslint-hostile-'));
let counter = 0;

export function write(name: string, content: string | Buffer): string {
  const path = join(dir, `${counter++}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** Runs the CLI and checks the shape every bad input must have: exit 2, one line, no stack. */
export async function refused(args: string[], expected: RegExp, seconds = 5): Promise<CliRun> {
  const started = Date.now();
  const run = await runCli(args, { cwd: dir });
  expect((Date.now() - started) / 1000, 'seconds').toBeLessThan(seconds);
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(expected);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  return run;
}

export const HEAD = { openapi: '3.0.3', info: { title: 't', version: '1' } };
