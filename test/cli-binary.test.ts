import { describe, expect, it } from 'vitest';
import { runBinary } from './cli-harness.js';

// The CLI as a process (bin/ and dist/): a test file that spawns one is left out of mutation
// runs, so these stay apart from cli.test.ts, which runs the CLI in this process.

const petstore = 'fixtures/petstore/openapi.yaml';

describe('the built executable', () => {
  it('runs as a process: report on stdout, exit code 1', () => {
    const run = runBinary([petstore]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fixtures/petstore/openapi.yaml');
    expect(run.stdout).toMatch(/\d+:\d+ +error +response 'Unauthorized': 401 response declares no 'WWW-Authenticate' header/);
  });

  it('exits 2 with one line for a missing file', () => {
    const run = runBinary(['missing.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: missing.yaml: no such file\n');
  });

  it('finds the doc pages from dist/', () => {
    const run = runBinary(['explain', 'require-www-authenticate']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('# require-www-authenticate\n')).toBe(true);
  });
});
