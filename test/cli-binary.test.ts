import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, projectRoot, runBinary } from './cli-harness.js';

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

  // The hook is copied as written: a shell, not statuslint, expands what it leaves unquoted.
  it.each(['README.md', 'docs/ci.md'])('the git hook in %s lints a spec split over files in api/', (page) => {
    const hook = /```sh\n#!\/bin\/sh\n[^]*?```/.exec(readFileSync(join(projectRoot, page), 'utf8'))?.[0];
    const command = hook?.split('\n').find((line) => line.startsWith('npx statuslint '));
    expect(command, `no 'npx statuslint' line in the hook of ${page}`).toBeDefined();
    const dir = project({
      'api/openapi.yaml': {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: { '/a': { get: { responses: { '200': { description: 'OK' }, '429': { $ref: 'responses.yaml#/TooMany' } } } } },
      },
      'api/responses.yaml': { TooMany: { description: 'Slow down' } },
    });
    const bin = join(projectRoot, 'bin', 'statuslint.js');
    const run = spawnSync('sh', ['-c', command!.replace('npx statuslint', `"${process.execPath}" "${bin}"`)], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).not.toMatch(/not an OpenAPI document/);
    expect(run.status).toBe(1);
  });
});
