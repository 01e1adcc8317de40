// The gitlab format through the CLI (run in this process): paths from the repository root, exit
// codes, --baseline, inputs that could not be linted. The reporter's own tests are in gitlab.test.ts.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCli } from '../cli-harness.js';
import { assertValidGitlab } from '../gitlab-schema.js';

describe('gitlab: through the CLI', () => {
  it('names files from the repository root, whatever the working directory, and exits by --fail-on', async () => {
    const cli = await runCli(['--format', 'gitlab', 'openapi.yaml'], { cwd: join(projectRoot, 'fixtures', 'petstore') });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe('');
    const issues = assertValidGitlab(cli.stdout);
    expect(new Set(issues.map((issue) => issue.location.path))).toEqual(new Set(['fixtures/petstore/openapi.yaml']));
    expect(issues).toContainEqual(expect.objectContaining({ check_name: 'require-www-authenticate', severity: 'major', location: { path: 'fixtures/petstore/openapi.yaml', lines: { begin: 81 } } }));
    expect((await runCli(['--format', 'gitlab', '--fail-on', 'none', 'fixtures/petstore/openapi.yaml'])).code).toBe(0);
    expect(await runCli(['--format', 'gitlab', 'fixtures/clean/openapi.yaml'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('takes --sarif-root as the root, and ignores --category with a warning', async () => {
    const cli = await runCli(['--format', 'gitlab', '--sarif-root', 'fixtures', '--category', 'api', 'fixtures/petstore/openapi.yaml']);
    expect(cli.stderr).toBe('statuslint: warning: --category is read by --format sarif only; --format gitlab ignores it\n');
    expect(new Set(assertValidGitlab(cli.stdout).map((issue) => issue.location.path))).toEqual(new Set(['petstore/openapi.yaml']));
  });

  it('warns of a spec outside the root and of standard input with no name, which GitLab cannot place', async () => {
    const outside = await runCli(['--format', 'gitlab', '--sarif-root', 'fixtures/clean', 'fixtures/petstore/openapi.yaml']);
    expect(outside.stderr).toBe('statuslint: warning: fixtures/petstore/openapi.yaml is outside the repository root fixtures/clean; GitLab cannot place its findings (set --sarif-root)\n');
    const stdin = await runCli(['--format', 'gitlab', '-'], { stdin: readFileSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml')) });
    expect(stdin.stderr).toContain('findings in standard input are reported under <stdin>, which GitLab cannot place in the repository; name it with --stdin-filepath\n');
  });

  it('lists an input it could not lint as a blocker issue and exits 2, to stdout and to --output', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-gl-broken-')));
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, 'broken.yaml'), 'openapi: 3.0.3\npaths:\n  /x: [\n');
    cpSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), join(folder, 'petstore.yaml'));
    const cli = await runCli(['--format', 'gitlab', 'broken.yaml', 'petstore.yaml'], { cwd: folder });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^statuslint: broken\.yaml:4:1: invalid YAML/);
    const issues = assertValidGitlab(cli.stdout);
    expect(issues[0]).toEqual({ description: expect.stringMatching(/^invalid YAML/), check_name: 'statuslint', fingerprint: expect.any(String), severity: 'blocker', location: { path: 'broken.yaml', lines: { begin: 4 } } });
    expect(issues.slice(1).every((issue) => issue.location.path === 'petstore.yaml')).toBe(true);

    const written = await runCli(['--format', 'gitlab', '--output', 'reports/gl-code-quality.json', 'broken.yaml', 'petstore.yaml'], { cwd: folder });
    expect([written.code, written.stdout]).toEqual([2, '']);
    expect(readFileSync(join(folder, 'reports', 'gl-code-quality.json'), 'utf8')).toBe(cli.stdout);
  });

  it('--baseline: baselined findings are not issues', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-gl-baseline-')));
    mkdirSync(join(folder, '.git'));
    const spec = readFileSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), 'utf8');
    writeFileSync(join(folder, 'openapi.yaml'), spec);
    const all = assertValidGitlab((await runCli(['--format', 'gitlab', 'openapi.yaml'], { cwd: folder })).stdout);
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: folder });
    const known = await runCli(['--format', 'gitlab', '--baseline', 'baseline.json', 'openapi.yaml'], { cwd: folder });
    expect([known.code, known.stdout]).toEqual([0, '[]\n']);
    // A new finding after the baseline: only it is an issue, with the fingerprint a run without the baseline gives it.
    writeFileSync(join(folder, 'openapi.yaml'), spec.replace(/^paths:\n/m, "paths:\n  /health:\n    get:\n      responses:\n        '200': { description: ok }\n        '503': { description: down }\n"));
    const fresh = await runCli(['--format', 'gitlab', '--baseline', 'baseline.json', 'openapi.yaml'], { cwd: folder });
    const issues = assertValidGitlab(fresh.stdout);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.description).toMatch(/^GET \/health/);
    const unbaselined = assertValidGitlab((await runCli(['--format', 'gitlab', 'openapi.yaml'], { cwd: folder })).stdout);
    expect(unbaselined).toEqual(expect.arrayContaining(issues));
    // The old findings moved down, and kept their fingerprints.
    expect(unbaselined).toHaveLength(all.length + issues.length);
    expect(unbaselined.map((issue) => issue.fingerprint)).toEqual(expect.arrayContaining(all.map((issue) => issue.fingerprint)));
  });

  it('is refused with --fix-dry-run, which prints a diff, as every -f is', async () => {
    const run = await runCli(['--fix-dry-run', '--format', 'gitlab', 'fixtures/petstore/openapi.yaml']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', 'statuslint: --fix-dry-run prints a unified diff, not a report, so --format does not apply; run --fix, or lint without a fix option, for a report\n']);
  });
});
