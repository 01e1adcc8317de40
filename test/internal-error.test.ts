import { describe, expect, it, vi } from 'vitest';
import { defineRule } from '../src/engine/define-rule.js';
import { RuleError, runRules } from '../src/engine/run.js';
import { normalize } from '../src/loader/normalize.js';
import { Workspace } from '../src/loader/resolve.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { project, projectRoot, runCli } from './cli-harness.js';

// A registry with two broken rules added beside the real ones: one throws on a response,
// one while being created. The CLI must name each, exit 2, and still report the others.
vi.mock('../rules/index.js', async (importOriginal) => {
  const { defineRule: define } = await import('../src/engine/define-rule.js');
  const original = await importOriginal<typeof import('../rules/index.js')>();
  const throwsOn401 = define({
    id: 'test-throws-on-401',
    meta: { description: 'Require nothing; throws', severity: 'error', references: [], messages: { never: 'never' } },
    defaultOptions: {},
    create: () => ({
      Response(response) {
        if (response.status === '401') throw new TypeError("Cannot read properties of undefined (reading 'schema')");
      },
    }),
  });
  const throwsOnCreate = define({
    id: 'test-throws-on-create',
    meta: { description: 'Require nothing; throws', severity: 'error', references: [], messages: { never: 'never' } },
    defaultOptions: {},
    create: () => {
      throw new Error('boom');
    },
  });
  return { rules: { ...original.rules, 'test-throws-on-401': throwsOn401, 'test-throws-on-create': throwsOnCreate } };
});

describe('a rule that throws', () => {
  it('is reported as an internal error naming the rule and where it was; the other rules still report; exit 2', async () => {
    const run = await runCli(['--format', 'json', 'fixtures/petstore/openapi.yaml', 'fixtures/clean/openapi.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      "statuslint: internal error in rule 'test-throws-on-create' at fixtures/petstore/openapi.yaml:3:1 (boom); please report it with --debug output",
      "statuslint: internal error in rule 'test-throws-on-401' at fixtures/petstore/openapi.yaml:81:5 (Cannot read properties of undefined (reading 'schema')); please report it with --debug output",
      "statuslint: internal error in rule 'test-throws-on-create' at fixtures/clean/openapi.yaml:2:1 (boom); please report it with --debug output",
      "statuslint: internal error in rule 'test-throws-on-401' at fixtures/clean/openapi.yaml:47:5 (Cannot read properties of undefined (reading 'schema')); please report it with --debug output",
    ]);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }>; summary: { files: number } };
    expect(report.summary.files).toBe(2);
    expect(new Set(report.findings.map((finding) => finding.ruleId))).toContain('require-www-authenticate');
  });

  it('makes the SARIF run unsuccessful, is annotated where the rule was looking, and no report reads as complete', async () => {
    const sarif = await runCli(['--format', 'sarif', 'fixtures/clean/openapi.yaml']);
    expect(sarif.code).toBe(2);
    const invocation = (JSON.parse(sarif.stdout) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }> }).runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((item) => item.level)).toEqual(['error', 'error']);
    expect(invocation.toolExecutionNotifications[0]!.message.text).toMatch(/^internal error in rule 'test-throws-on-create'/);
    const github = await runCli(['--format', 'github', 'fixtures/clean/openapi.yaml']);
    expect(github.stdout).toMatch(/^::error file=fixtures\/clean\/openapi\.yaml,line=2,col=1,title=statuslint::internal error in rule 'test-throws-on-create'/m);
    expect(github.stdout).toMatch(/^::error file=fixtures\/clean\/openapi\.yaml,line=47,col=5,title=statuslint::internal error in rule 'test-throws-on-401'/m);
    expect(github.stdout.trimEnd().split('\n').at(-1)).toBe('statuslint: no problems in 1 file; 2 internal errors');
    // A response the spec takes from another file: annotated in that file, where the rule was looking.
    const elsewhere = await runCli(['--format', 'github', 'fixtures/multi-file/openapi.yaml']);
    expect(elsewhere.stdout).toMatch(/^::error file=fixtures\/multi-file\/common\/responses\.yaml,line=\d+,col=\d+,title=statuslint::internal error in rule 'test-throws-on-401' at fixtures\/multi-file\/common\/responses\.yaml:/m);
    // The spec was not wholly linted: a consumer of the JSON must see it without the exit code.
    const json = JSON.parse((await runCli(['--format', 'json', 'fixtures/clean/openapi.yaml'])).stdout) as { inputErrors: Array<{ message: string; line?: number }>; summary: { inputErrors: number } };
    expect(json.inputErrors.map((item) => [item.message.replace(/ \(.*$/, ''), item.line])).toEqual([
      ["internal error in rule 'test-throws-on-create' at fixtures/clean/openapi.yaml:2:1", 2],
      ["internal error in rule 'test-throws-on-401' at fixtures/clean/openapi.yaml:47:5", 47],
    ]);
    expect(json.summary.inputErrors).toBe(2);
    const text = await runCli(['--no-color', 'fixtures/clean/openapi.yaml']);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('✖ no problems in 1 file; 2 internal errors');
  });

  it('writes no baseline, which would lack the findings of the rule that failed', async () => {
    const dir = project({ 'openapi.yaml': readFileSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), 'utf8') });
    const run = await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('statuslint: not writing baseline.json: 2 internal errors left the run incomplete\n');
    expect(existsSync(join(dir, 'baseline.json'))).toBe(false);
  });

  it('--debug adds the stack of each', async () => {
    const run = await runCli(['--debug', 'fixtures/clean/openapi.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\(boom\); please report it with --debug output\nError: boom\n\s+at /);
  });

  it('without a handler, runRules throws a RuleError that names the rule and keeps the cause', () => {
    const workspace = new Workspace({ rootFor: () => projectRoot });
    const file = workspace.load(`${projectRoot}/fixtures/petstore/openapi.yaml`);
    const spec = normalize(workspace, file);
    const rule = defineRule({
      id: 'test-throws',
      meta: { description: 'Require nothing; throws', severity: 'error', references: [], messages: { never: 'never' } },
      defaultOptions: {},
      create: (context) => ({ Operation: (operation) => context.report({ messageId: 'no-such-message', at: operation.node }) }),
    });
    let thrown: unknown;
    try {
      runRules(spec, [{ rule, severity: 'error' }]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleError);
    expect((thrown as RuleError).ruleId).toBe('test-throws');
    expect((thrown as RuleError).message).toBe("rule 'test-throws' failed: rule 'test-throws' reported unknown message id 'no-such-message'");
  });
});
