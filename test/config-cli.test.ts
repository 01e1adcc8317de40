import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, runCli } from './cli-harness.js';

// A FIFO as the configuration: making one spawns mkfifo, and a test file that spawns is left out
// of mutation runs, so these stay apart from config.test.ts, which pins the rest in-process.

const spec = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n';

describe('a FIFO as the configuration', () => {
  it('given with --config, is refused in one line, without reading on', async () => {
    const dir = project({ 'openapi.yaml': spec });
    expect(spawnSync('mkfifo', [join(dir, 'fifo')]).status).toBe(0);
    const run = await runCli(['--config', 'fifo', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: fifo: the configuration is not a regular file (a FIFO, socket or device)\n');
  });

  it('found by its name, is refused, not passed over for the defaults', async () => {
    const dir = project({ 'openapi.yaml': spec });
    expect(spawnSync('mkfifo', [join(dir, '.statuslintrc.yml')]).status).toBe(0);
    const run = await runCli(['openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: .statuslintrc.yml: the configuration is not a regular file (a FIFO, socket or device)\n');
  });
});
