import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, projectRoot, runCliUnprivileged } from './cli-harness.js';

// As root (CI), the CLI runs as another user for this one, in a process of its own; a test file
// that starts one is left out of mutation runs, so it stays apart from output-folders.test.ts.

const petstore = readFileSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), 'utf8');

describe('--output into folders that do not exist yet, where permissions apply', () => {
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
  });
});
