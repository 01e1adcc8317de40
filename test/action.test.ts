import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEVERITIES } from '../src/engine/types.js';
import { FORMATS } from '../src/reporters/index.js';
import { projectRoot, runCli, specOverResultLimit } from './cli-harness.js';
import { assertValidSarif } from './sarif-schema.js';

interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}
interface ActionStep {
  name: string;
  id?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  run?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(projectRoot, 'action.yml'), 'utf8')) as Action;
const install = action.runs.steps[0]!;
const lintStep = action.runs.steps.find((step) => step.id === 'lint')!;

/** The long flags the CLI declares, read from its own --help. */
async function cliFlags(): Promise<Set<string>> {
  const help = (await runCli(['--help'])).stdout;
  return new Set([...help.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/gm)].map((match) => match[1]!));
}

describe('action.yml', () => {
  it('is a composite action that installs statuslint in its own folder, then runs it', () => {
    expect(action.runs.using).toBe('composite');
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/^npm ci\b/);
    expect(lintStep.shell).toBe('bash');
    // From the action's own checkout, never fetched from the registry.
    expect(lintStep.run).toContain('npx --no --prefix "$GITHUB_ACTION_PATH" -- statuslint "$@"');
  });

  it('hands every input to the script through the environment, and the script reads each', () => {
    const env = lintStep.env ?? {};
    for (const name of Object.keys(action.inputs)) {
      const variable = Object.keys(env).find((key) => env[key] === `\${{ inputs.${name} }}`);
      expect(variable, `input '${name}' reaches the script`).toBeDefined();
      expect(lintStep.run, `the script reads $${variable}`).toContain(`$${variable}`);
    }
    // No input is spliced into the script's text, where it could run as code.
    expect(lintStep.run).not.toContain('${{');
  });

  it('passes only flags the CLI has', async () => {
    const flags = await cliFlags();
    // Every long flag in the script's commands, but npx's own.
    const script = lintStep.run!.split('\n').filter((line) => !line.includes('npx ') && !line.trim().startsWith('#')).join('\n');
    const used = [...script.matchAll(/(?:^|\s|\()(--[a-z][a-z-]*)/g)].map((flag) => flag[1]!);
    expect(used).toEqual(expect.arrayContaining(['--format', '--fail-on', '--output', '--category']));
    for (const flag of used) expect(flags, `statuslint ${flag}`).toContain(flag);
  });

  it('wires each input to the flag it is named after, with defaults the CLI accepts', () => {
    const run = lintStep.run!;
    expect(run).toContain('--format "$STATUSLINT_FORMAT" --fail-on "$STATUSLINT_FAIL_ON"');
    expect(run).toContain('--format sarif --output "$STATUSLINT_SARIF_OUTPUT"');
    expect(run).toContain('category=(--category "$STATUSLINT_CATEGORY")');
    expect(action.inputs.specs!.required).toBe(true);
    expect([...SEVERITIES, 'none']).toContain(action.inputs['fail-on']!.default);
    expect(FORMATS).toContain(action.inputs.format!.default);
    // gitlab writes a GitLab Code Quality report, which a GitHub log has no use for.
    for (const format of FORMATS.filter((name) => name !== 'gitlab')) expect(action.inputs.format!.description).toContain(format);
    for (const severity of [...SEVERITIES, 'none']) expect(action.inputs['fail-on']!.description).toContain(severity);
  });

  it('declares the outputs the script writes', () => {
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.lint.outputs.${name} }}`);
      expect(lintStep.run).toContain(`${name}=`);
    }
  });

  it("the README's workflows give it only inputs it declares, every required one, and read only outputs it writes", async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!) as Record<string, any>).filter((doc) => doc.jobs);
    expect(workflows).toHaveLength(2);
    for (const workflow of workflows) {
      const steps = Object.values(workflow.jobs as Record<string, { steps: Array<Record<string, any>> }>).flatMap((job) => job.steps);
      const ours = steps.filter((step) => String(step.uses).startsWith('statuslint/statuslint@'));
      expect(ours).toHaveLength(1);
      const given = Object.keys(ours[0]!.with ?? {});
      for (const name of given) expect(Object.keys(action.inputs), name).toContain(name);
      for (const [name, input] of Object.entries(action.inputs)) if (input.required) expect(given).toContain(name);
      // What later steps read from it (`steps.statuslint.outputs.sarif-file`).
      const read = [...JSON.stringify(steps).matchAll(new RegExp(`steps\\.${ours[0]!.id ?? '-'}\\.outputs\\.([\\w-]+)`, 'g'))].map((match) => match[1]!);
      for (const name of read) expect(Object.keys(action.outputs), name).toContain(name);
    }
    // The GitLab job and the git hook run the CLI itself: only flags it has.
    const flags = await cliFlags();
    const commands = [...readme.matchAll(/npx (?:--yes )?statuslint(?:@[\w.]+)? (.*)/g)].map((match) => match[1]!);
    expect(commands.some((command) => command.includes('--cache'))).toBe(true);
    for (const flag of commands.flatMap((command) => [...command.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((match) => match[1]!))) expect(flags, flag).toContain(flag);
  });
});

// The script itself, as the runner would run it: bash, the inputs in the environment, the
// action's folder in GITHUB_ACTION_PATH. It runs the built CLI, so it needs `npm run build`.
describe.skipIf(!existsSync(join(projectRoot, 'dist', 'src', 'cli.js')))('action.yml: the lint step, run by bash (needs npm run build)', () => {
  /** `git`: where the checkout's `.git` is, the workspace itself unless `actions/checkout` was given a `path:`. */
  function runStep(inputs: Record<string, string>, files: Record<string, string> = {}, git = '.git'): { code: number; stdout: string; stderr: string; outputs: Record<string, string>; workspace: string } {
    const workspace = mkdtempSync(join(tmpdir(), 'statuslint-action-'));
    mkdirSync(join(workspace, git), { recursive: true });
    cpSync(join(projectRoot, 'fixtures'), join(workspace, 'fixtures'), { recursive: true });
    writeFileSync(join(workspace, 'broken.yaml'), 'openapi: 3.0.3\npaths:\n  /x: [\n');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(workspace, name)), { recursive: true });
      writeFileSync(join(workspace, name), text);
    }
    const outputFile = join(workspace, 'github-output');
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: projectRoot, GITHUB_OUTPUT: outputFile, npm_config_update_notifier: 'false' };
    for (const [name, input] of Object.entries(action.inputs)) {
      const variable = Object.keys(lintStep.env!).find((key) => lintStep.env![key] === `\${{ inputs.${name} }}`)!;
      env[variable] = inputs[name] ?? input.default ?? '';
    }
    const result = spawnSync('bash', ['-e', '-c', lintStep.run!], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, outputs, workspace };
  }

  it('annotates findings, writes the SARIF report, and fails on errors', async () => {
    const step = runStep({ specs: 'fixtures/petstore/*.yaml\nfixtures/multi-file/openapi.yaml', 'sarif-output': 'statuslint.sarif', category: 'api' });
    expect(step.stderr).toBe('');
    expect(step.code).toBe(1);
    expect(step.stdout).toContain('::error file=fixtures/petstore/openapi.yaml,line=81,col=5,endLine=81,endColumn=17,title=require-www-authenticate::');
    expect(step.stdout).toContain('::error file=fixtures/multi-file/common/responses.yaml,line=1,');
    expect(step.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'statuslint.sarif' });
    const log = assertValidSarif(readFileSync(join(step.workspace, 'statuslint.sarif'), 'utf8')) as { runs: Array<{ automationDetails: { id: string }; results: unknown[] }> };
    expect(log.runs[0]!.automationDetails.id).toBe('api/');
    expect(log.runs[0]!.results.length).toBeGreaterThan(0);
    // The SARIF run replays the first run's findings from a cache the step then removes: the
    // log is the one a run of its own writes.
    const alone = await runCli(['--format', 'sarif', '--fail-on', 'none', '--category', 'api', 'fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml'], { cwd: step.workspace });
    expect(readFileSync(join(step.workspace, 'statuslint.sarif'), 'utf8')).toBe(alone.stdout);
    expect(readdirSync(step.workspace).filter((name) => name.includes('cache'))).toEqual([]);
  });

  it("shows what only the SARIF run says, once: more results than code scanning accepts", () => {
    // A $ref statuslint does not follow: both runs warn of it, and the log shows it once.
    const spec = specOverResultLimit({ '/remote': { get: { responses: { 200: { $ref: 'https://example.com/responses.yaml#/Ok' } } } } });
    const step = runStep({ specs: 'many.json', 'sarif-output': 'statuslint.sarif', 'fail-on': 'none', format: 'json' }, { 'many.json': spec });
    expect(step.code).toBe(0);
    expect(step.outputs['sarif-file']).toBe('statuslint.sarif');
    const lines = step.stderr.split('\n').filter(Boolean);
    expect(lines.filter((line) => line.includes('https://example.com/responses.yaml'))).toHaveLength(1);
    expect(lines.filter((line) => /^statuslint: warning: [\d,]+ results are more than GitHub code scanning accepts in one run/.test(line))).toHaveLength(1);
  });

  it('writes paths from the root of a repository checked out into a subfolder of the workspace (path:)', () => {
    const petstore = readFileSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), 'utf8');
    const step = runStep({ specs: 'repo/api/openapi.yaml', 'sarif-output': 'statuslint.sarif' }, { 'repo/api/openapi.yaml': petstore }, 'repo/.git');
    expect(step.code).toBe(1);
    expect(step.stdout).toContain('::error file=api/openapi.yaml,line=81,');
    expect(step.stdout).not.toContain('file=repo/');
    const log = JSON.parse(readFileSync(join(step.workspace, 'statuslint.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(new Set(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set(['api/openapi.yaml']));
  });

  it('creates the missing folders of sarif-output', () => {
    const step = runStep({ specs: 'fixtures/clean/openapi.yaml', 'sarif-output': 'reports/ci/statuslint.sarif' });
    expect(step.code).toBe(0);
    expect(step.outputs).toEqual({ 'exit-code': '0', 'sarif-file': 'reports/ci/statuslint.sarif' });
    assertValidSarif(readFileSync(join(step.workspace, 'reports', 'ci', 'statuslint.sarif'), 'utf8'));
  });

  it('passes with fail-on none, and prints the format asked for', () => {
    const step = runStep({ specs: 'fixtures/petstore/openapi.yaml', 'fail-on': 'none', format: 'json' });
    expect(step.code).toBe(0);
    expect(JSON.parse(step.stdout).summary.files).toBe(1);
    expect(step.outputs).toEqual({ 'exit-code': '0' });
  });

  it('exits 2 and leaves no SARIF report behind when a spec cannot be linted', () => {
    const step = runStep({ specs: 'broken.yaml fixtures/clean/openapi.yaml', 'sarif-output': 'statuslint.sarif' });
    expect(step.code).toBe(2);
    expect(step.stdout).toMatch(/^::error file=broken\.yaml,line=4,col=1,title=statuslint::invalid YAML/);
    expect(step.stderr).toMatch(/^statuslint: broken\.yaml:4:1: invalid YAML/);
    expect(existsSync(join(step.workspace, 'statuslint.sarif'))).toBe(false);
    expect(step.outputs).toEqual({ 'exit-code': '2' });
  });

  describe('the specs input, expanded by statuslint as when quoted on its command line', () => {
    const clean = readFileSync(join(projectRoot, 'fixtures', 'clean', 'openapi.yaml'), 'utf8');
    const petstore = readFileSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), 'utf8');
    // The one finding that fails the gate is two folders down.
    const tree = { 'apis/a.yaml': clean, 'apis/v1/b.yaml': clean, 'apis/v1/x/c.yaml': petstore };
    const linted = (stdout: string): string[] => [...new Set((JSON.parse(stdout) as { findings: Array<{ file: string }> }).findings.map((finding) => finding.file))];
    const files = (stdout: string): number => (JSON.parse(stdout) as { summary: { files: number } }).summary.files;

    it("'**' reaches specs at any depth, not only one folder down", () => {
      const step = runStep({ specs: 'apis/**/*.yaml', format: 'json' }, tree);
      expect(step.code).toBe(1);
      expect(files(step.stdout)).toBe(3);
      expect(linted(step.stdout)).toEqual(['apis/v1/x/c.yaml']);
    });

    it('a pattern that matches nothing fails the step and names the pattern', () => {
      const step = runStep({ specs: 'apis/a.yaml\napis/**/*.yml' }, tree);
      expect(step.code).toBe(2);
      expect(step.outputs).toEqual({ 'exit-code': '2' });
      expect(step.stderr).toContain("statuslint: no files match 'apis/**/*.yml'");
    });

    it('braces, and ? for a space in a path', () => {
      const step = runStep({ specs: 'apis/**/*.{yaml,json} my?specs/*.yaml', format: 'json' }, { ...tree, 'apis/v2/d.json': JSON.stringify(parse(clean)), 'my specs/e.yaml': petstore });
      expect(files(step.stdout)).toBe(5);
      expect(linted(step.stdout)).toEqual(['apis/v1/x/c.yaml', 'my specs/e.yaml']);
    });

    it('plain file and folder names, and a glob that matches a folder, which is linted whole', () => {
      expect(files(runStep({ specs: 'apis/a.yaml apis/v1', format: 'json' }, tree).stdout)).toBe(3);
      expect(files(runStep({ specs: 'apis/*', format: 'json' }, tree).stdout)).toBe(3);
      expect(files(runStep({ specs: 'apis/*/', format: 'json' }, tree).stdout)).toBe(2);
    });
  });

  it('refuses an empty specs input, and a format the CLI does not have', () => {
    expect(runStep({ specs: ' \n ' })).toMatchObject({ code: 2, outputs: { 'exit-code': '2' } });
    const bad = runStep({ specs: 'fixtures/clean/openapi.yaml', format: 'junit' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '-f, --format <format>' argument 'junit' is invalid");
  });
});
