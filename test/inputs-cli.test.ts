import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, runCliUnprivileged } from './cli-harness.js';
import { clean, type Report, usesShared } from './inputs-specs.js';

// A folder the run may not read: as root (CI) the CLI runs as another user, in a process of its
// own, and a test file that starts one is left out of mutation runs; inputs.test.ts pins the
// rest in-process.

describe('a folder as input, read by a user who may not enter all of it', () => {
  it('a subfolder it may not read is an input error; the rest is linted and reported', async (context) => {
    const dir = project({ 'specs/a/openapi.yaml': usesShared('../b/responses.yaml#/Unauthorized'), 'specs/b/responses.yaml': { Unauthorized: { description: 'no' } }, 'specs/locked/openapi.yaml': clean });
    // `nobody` must reach the project: the test run's own temporary folder is private.
    chmodSync(dirname(dir), 0o711);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'specs/locked'), 0o000);
    const run = (args: string[]) => runCliUnprivileged(args, dir, (note) => context.skip(note));
    for (const input of ['specs', 'specs/**/*.yaml']) {
      const { code, stdout, stderr } = await run(['--format', 'json', input]);
      expect(code, input).toBe(2);
      expect(stderr.split('\n')[0], input).toBe('statuslint: specs/locked: cannot read the folder: permission denied');
      const report = JSON.parse(stdout) as Report & { inputErrors: Array<{ file: string; message: string }> };
      expect(report.inputErrors, input).toContainEqual({ file: 'specs/locked', message: 'cannot read the folder: permission denied' });
      expect(report.findings.length, input).toBeGreaterThan(0);
    }
    // A glob reads no folder it cannot match in.
    const elsewhere = await run(['specs/{a,b}/*.yaml']);
    expect(elsewhere.stderr).toBe('statuslint: skipped 1 shared fragment (linted through the specs that reference it)\n');
    expect(elsewhere.code).toBe(1);
  });
});
