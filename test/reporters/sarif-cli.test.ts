// The sarif format through the CLI (run in this process): URIs from the repository root, the
// options that shape a log, and what reaches stderr. The reporter's own tests are in sarif.test.ts.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { defaultRules } from '../../src/lint.js';
import { GITHUB_RESULTS_PER_RUN, githubLimitWarning } from '../../src/reporters/sarif.js';
import { projectRoot, runCli, specOverResultLimit } from '../cli-harness.js';
import { assertValidSarif } from '../sarif-schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF logs are read as plain JSON here */
type Json = any;

const run = (log: Json): Json => log.runs[0];

describe('sarif: URIs', () => {
  it('percent-encodes, resolves symlinks, and is relative to the git top-level', async () => {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-uri-')));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'my specs', 'v1 #2'), { recursive: true });
    cpSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), join(repo, 'my specs', 'v1 #2', 'pet store%.yaml'));
    symlinkSync(join(repo, 'my specs', 'v1 #2'), join(repo, 'linked'));
    mkdirSync(join(repo, 'tools'));

    const cli = await runCli(['--format', 'sarif', '../linked/pet store%.yaml'], { cwd: join(repo, 'tools') });
    expect(cli.stderr).toBe('');
    const uris = new Set(run(JSON.parse(cli.stdout)).results.map((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['my%20specs/v1%20%232/pet%20store%25.yaml']);
  });

  it('takes --sarif-root as the root', async () => {
    const cli = await runCli(['--format', 'sarif', '--sarif-root', 'fixtures', 'fixtures/multi-file/openapi.yaml']);
    const uris = run(JSON.parse(cli.stdout)).results.map((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('multi-file/common/responses.yaml');
  });

  it('warns about a spec outside the root, which GitHub cannot place', async () => {
    const cli = await runCli(['--format', 'sarif', '--sarif-root', 'fixtures/clean', 'fixtures/petstore/openapi.yaml']);
    expect(cli.stderr).toMatch(/^statuslint: warning: fixtures\/petstore\/openapi\.yaml is outside the repository root fixtures\/clean; GitHub cannot place its findings \(set --sarif-root\)\n$/);
    expect(cli.code).toBe(1);
  });

  it('names such a spec printably: a line break in its name cannot start a workflow command in the log', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-outside-')));
    mkdirSync(join(folder, 'repo'));
    mkdirSync(join(folder, 'specs'));
    cpSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), join(folder, 'specs', 'x\n::error::injected.yaml'));
    const cli = await runCli(['--format', 'github', '--fail-on', 'none', '--sarif-root', 'repo', 'specs/'], { cwd: folder });
    expect(cli.code).toBe(0);
    expect(cli.stderr).not.toMatch(/^::/m);
    expect(cli.stderr).toContain('statuslint: warning: specs/x\\u{a}::error::injected.yaml is outside the repository root repo;');
  });
});

describe('sarif: through the CLI', () => {
  it("describes every rule that ran within GitHub's limits, with help from its doc page", async () => {
    const cli = await runCli(['--format', 'sarif', 'fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml', 'fixtures/swagger2/swagger.yaml']);
    const { rules } = run(JSON.parse(cli.stdout)).tool.driver;
    expect(rules.map((rule: Json) => rule.id)).toEqual(defaultRules().map((entry) => entry.rule.id).sort());
    for (const rule of rules) {
      expect(rule.help.markdown, rule.id).toBe(readFileSync(join(projectRoot, 'rules', `${rule.id}.md`), 'utf8').replace(/^# .*\n+/, '').replace(/\]\((?![a-z]+:)([^)]+)\)/g, (_: string, target: string) => `](${new URL(target, rule.helpUri).href})`).trimEnd() + '\n');
      expect(rule.fullDescription.text.length, rule.id).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text, rule.id).toMatch(/References: RFC \d+ §[\d.]+/);
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
    }
  });

  it('a clean run has an empty results array, which closes fixed alerts', async () => {
    const cli = await runCli(['--format', 'sarif', 'fixtures/clean/openapi.yaml']);
    expect(cli.code).toBe(0);
    const log = JSON.parse(cli.stdout);
    expect(run(log).results).toEqual([]);
    expect(run(log).invocations).toEqual([{ executionSuccessful: true }]);
    expect(run(log).tool.driver.rules.length).toBeGreaterThan(0);
  });

  it('--category NAME sets automationDetails.id to NAME/, which GitHub reads as the category', async () => {
    const named = JSON.parse((await runCli(['--format', 'sarif', '--category', 'api/public', 'fixtures/clean/openapi.yaml'])).stdout);
    expect(run(named).automationDetails).toEqual({ id: 'api/public/' });
    const plain = JSON.parse((await runCli(['--format', 'sarif', 'fixtures/clean/openapi.yaml'])).stdout);
    expect(run(plain)).not.toHaveProperty('automationDetails');
  });

  it('writes --output atomically, and the file is valid SARIF', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-out-'));
    const cli = await runCli(['--format', 'sarif', '--output', join(folder, 'out.sarif'), 'fixtures/petstore/openapi.yaml']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    assertValidSarif(readFileSync(join(folder, 'out.sarif'), 'utf8'));
  });

  it('records an input it could not lint as a failed invocation, and exits 2', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-broken-')));
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, 'broken.yaml'), 'openapi: 3.0.3\npaths:\n  /x: [\n');
    const cli = await runCli(['--format', 'sarif', 'broken.yaml', join(projectRoot, 'fixtures/clean/openapi.yaml'), '--sarif-root', '.'], { cwd: folder });
    expect(cli.code).toBe(2);
    const invocation = run(JSON.parse(cli.stdout)).invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toMatchObject([{ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml' }, region: { startLine: 4 } } }] }]);
    expect(invocation.toolExecutionNotifications[0].message.text).toMatch(/^invalid YAML/);
  });

  it('refuses a --sarif-root that is not a directory, and an empty --category, before linting', async () => {
    const root = await runCli(['--format', 'sarif', '--sarif-root', 'no/such/dir', 'fixtures/clean/openapi.yaml']);
    expect(root).toMatchObject({ code: 2, stdout: '', stderr: "statuslint: --sarif-root 'no/such/dir' is not a directory\n" });
    const category = await runCli(['--format', 'sarif', '--category', ' ', 'fixtures/clean/openapi.yaml']);
    expect(category).toMatchObject({ code: 2, stdout: '', stderr: 'statuslint: --category must not be empty\n' });
    // GitHub takes the category from before the last '/': '/' alone is an empty one.
    const slash = await runCli(['--format', 'sarif', '--category', '//', 'fixtures/clean/openapi.yaml']);
    expect(slash).toMatchObject({ code: 2, stdout: '', stderr: "statuslint: --category '//' names no category: GitHub takes what comes before the last '/'\n" });
  });
});

describe("sarif: GitHub's limit of results per run, through the CLI", () => {
  it('says so on stderr through the CLI, and still writes the whole log', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-many-')));
    writeFileSync(join(folder, 'openapi.json'), specOverResultLimit());
    let stdout = '';
    let stderr = '';
    const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), cwd: folder, env: {}, stdoutIsTty: false, stderrIsTty: false };
    const code = await main(['--format', 'sarif', '--no-config', '--sarif-root', '.', 'openapi.json'], io);
    expect(code).toBe(1);
    const results = run(JSON.parse(stdout)).results.length;
    expect(results).toBeGreaterThan(GITHUB_RESULTS_PER_RUN);
    expect(stderr).toBe(`statuslint: warning: ${githubLimitWarning(results)}\n`);
    stderr = '';
    await main(['--format', 'json', '--no-config', 'openapi.json'], io);
    expect(stderr).toBe('');
  });
});
