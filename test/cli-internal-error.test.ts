import { describe, expect, it, vi } from 'vitest';
import { project, runCli } from './cli-harness.js';

// A bug outside the lint (here in reading a baseline) reaches the CLI's last handler: it must
// say "internal error" in one line, exit 2, and show the stack only with --debug.
vi.mock('../src/baseline.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/baseline.js')>();
  return {
    ...original,
    readBaseline: (path: string) => {
      if (path.endsWith('buggy.json')) throw new TypeError("Cannot read properties of undefined (reading 'entries')");
      return original.readBaseline(path);
    },
  };
});

const spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

describe('an internal error outside the lint', () => {
  it('is one line naming it, exit 2; --debug adds its stack', async () => {
    const dir = project({ 'openapi.yaml': spec, 'buggy.json': '{}' });
    const run = await runCli(['--baseline', 'buggy.json', 'openapi.yaml'], { cwd: dir });
    const line = "statuslint: internal error (Cannot read properties of undefined (reading 'entries')); please report it with --debug output\n";
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', line]);
    const debug = await runCli(['--debug', '--baseline', 'buggy.json', 'openapi.yaml'], { cwd: dir });
    expect(debug.code).toBe(2);
    expect(debug.stderr.startsWith(`${line}TypeError: Cannot read properties of undefined (reading 'entries')\n    at `)).toBe(true);
  });
});
