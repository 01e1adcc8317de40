import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, runCli } from './cli-harness.js';

// A FIFO as the baseline: making one spawns mkfifo, and a test file that spawns is left out of
// mutation runs, so this stays apart from baseline.test.ts, which pins the rest in-process.

const spec = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n';

describe('a FIFO as the baseline', () => {
  it('is refused in one line, without reading on', async () => {
    const dir = project({ 'openapi.yaml': spec });
    expect(spawnSync('mkfifo', [join(dir, 'fifo')]).status).toBe(0);
    const run = await runCli(['--baseline', 'fifo', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: fifo: the baseline is not a regular file (a FIFO, socket or device)\n');
  });
});
