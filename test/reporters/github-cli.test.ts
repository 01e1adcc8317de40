// The github format through the CLI (run in this process): paths from the repository root, exit
// codes, inputs that could not be linted. The reporter's own tests are in github.test.ts.
import { cpSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCli } from '../cli-harness.js';

describe('github: through the CLI', () => {
  it('names files from the repository root, whatever the working directory', async () => {
    const cli = await runCli(['--format', 'github', 'openapi.yaml'], { cwd: join(projectRoot, 'fixtures', 'petstore') });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/^::error file=fixtures\/petstore\/openapi\.yaml,line=81,col=5,endLine=81,endColumn=17,title=require-www-authenticate::response 'Unauthorized': 401 response/m);
  });

  it('takes --sarif-root as the root, as the sarif format does', async () => {
    const cli = await runCli(['--format', 'github', '--sarif-root', 'fixtures', 'fixtures/petstore/openapi.yaml']);
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toMatch(/^::error file=petstore\/openapi\.yaml,line=81,col=5,/m);
    expect(cli.stdout).not.toContain('file=fixtures/');
  });

  it('falls back to GITHUB_WORKSPACE for a checkout without .git', async () => {
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-ws-')));
    cpSync(join(projectRoot, 'fixtures', 'petstore'), join(workspace, 'api'), { recursive: true });
    const cli = await runCli(['--format', 'github', 'openapi.yaml'], { cwd: join(workspace, 'api'), env: { GITHUB_WORKSPACE: workspace } });
    expect(cli.stdout).toContain('::error file=api/openapi.yaml,line=81,');
    const bare = await runCli(['--format', 'github', 'openapi.yaml'], { cwd: join(workspace, 'api') });
    expect(bare.stdout).toContain('::error file=openapi.yaml,line=81,');
  });

  it('exits by --fail-on like every format', async () => {
    expect((await runCli(['--format', 'github', 'fixtures/petstore/openapi.yaml'])).code).toBe(1);
    expect((await runCli(['--format', 'github', '--fail-on', 'none', 'fixtures/petstore/openapi.yaml'])).code).toBe(0);
    const clean = await runCli(['--format', 'github', 'fixtures/clean/openapi.yaml']);
    expect(clean).toMatchObject({ code: 0, stdout: 'statuslint: no problems in 1 file\n' });
  });

  it('annotates an input it could not lint, at the place of the problem, and exits 2', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-gh-broken-')));
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, 'broken.yaml'), 'openapi: 3.0.3\npaths:\n  /x: [\n');
    cpSync(join(projectRoot, 'fixtures', 'clean', 'openapi.yaml'), join(folder, 'clean.yaml'));
    const cli = await runCli(['--format', 'github', 'broken.yaml', 'clean.yaml'], { cwd: folder });
    expect(cli.code).toBe(2);
    expect(cli.stdout).toMatch(/^::error file=broken\.yaml,line=4,col=1,title=statuslint::invalid YAML.*\nstatuslint: no problems in 1 file; 1 input error\n$/);
    expect(cli.stderr).toMatch(/^statuslint: broken\.yaml:4:1: invalid YAML/);
  });
});
