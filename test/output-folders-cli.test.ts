import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, projectRoot, runCliUnprivileged } from './cli-harness.js';

// As root (CI), a folder the user may not write into is tried by the built CLI run as user
// nobody: a test file that spawns one is left out of mutation runs, so this stays apart from
// output-folders.test.ts, which runs the CLI in this process.

const petstore = readFileSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), 'utf8');

describe('--output into folders that do not exist yet', () => {
  it('says which folder it may not create', async (context) => {
    const dir = project({ 'openapi.yaml': petstore });
    mkdirSync(join(dir, 'locked'));
    chmodSync(dirname(dir), 0o711);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'locked'), 0o555);
    const locked = await runCliUnprivileged(['--output', 'locked/ci/report.txt', 'openapi.yaml'], dir, (note) => context.skip(note));
    expect(locked.stderr).toBe('statuslint: cannot write locked/ci/report.txt: cannot create the folder locked/ci: permission denied (EACCES)\n');
    expect(locked.code).toBe(2);
    expect(readdirSync(join(dir, 'locked'))).toEqual([]);
  });});
