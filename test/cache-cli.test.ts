import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, runBinary, runCli } from './cli-harness.js';
import { CACHE, deepWithChallenge, deepWithoutChallenge, type JsonReport, readCache, shared, sharedProject, spec } from './cache-files.js';

// What --cache does across processes: the built executable's worker threads, and a FIFO (made by
// spawning mkfifo). A test file that starts a process is left out of mutation runs; cache.test.ts
// pins the rest in-process.

describe('--cache, in processes of its own', () => {
  it('refuses a pipe as --cache-location before it is opened: it would be read forever', async () => {
    const cwd = sharedProject();
    execFileSync('mkfifo', [join(cwd, 'pipe')]);
    const pipe = await runCli(['--cache-location', 'pipe', 'a.yaml'], { cwd });
    expect(pipe.code).toBe(2);
    expect(pipe.stderr).toMatch(/^statuslint: the cache pipe is not a regular file; give a file or a folder as --cache-location$/m);
  });

  it('replays specs across worker threads as the built executable runs them', () => {
    const files: Record<string, string> = { 'shared.yaml': shared, 'deep.yaml': deepWithoutChallenge };
    for (let index = 0; index < 24; index++) files[`specs/s${index}.yaml`] = spec(`s${index}`).replaceAll('./shared.yaml', '../shared.yaml');
    const cwd = project(files);
    const args = ['--format', 'json', '--fail-on', 'none', '--cache', 'specs'];
    const env = { STATUSLINT_THREADS: '2' };
    const first = runBinary(args, { cwd, env });
    expect(first.code, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as JsonReport).findings.filter((finding) => finding.ruleId === 'require-www-authenticate')).toHaveLength(1);
    expect(Object.keys(readCache(join(cwd, CACHE)).entries)).toHaveLength(24);
    expect(runBinary(args, { cwd, env }).stdout).toBe(first.stdout);

    writeFileSync(join(cwd, 'deep.yaml'), deepWithChallenge);
    const edited = runBinary(args, { cwd, env });
    expect(edited.stdout).toBe(runBinary(['--format', 'json', '--fail-on', 'none', 'specs'], { cwd, env }).stdout);
    expect((JSON.parse(edited.stdout) as JsonReport).findings.some((finding) => finding.ruleId === 'require-www-authenticate')).toBe(false);
  });
});
