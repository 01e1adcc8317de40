import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, projectRoot, runCli } from './cli-harness.js';

const petstore = readFileSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), 'utf8');

describe('the command line around the commands', () => {
  it("after '--', an argument spelt like a command is a spec: nothing runs, nothing is written", async () => {
    const dir = project({ rules: petstore });
    const linted = await runCli(['--format', 'json', '--', 'rules'], { cwd: dir });
    expect(linted.code).toBe(1);
    expect((JSON.parse(linted.stdout) as { findings: Array<{ file: string }> }).findings[0]!.file).toBe('rules');
    const init = await runCli(['--', 'init'], { cwd: dir });
    expect([init.code, init.stderr]).toEqual([2, 'statuslint: init: no such file\n']);
    expect(existsSync(join(dir, 'statuslint.config.yaml'))).toBe(false);
    // An option's value before '--' is no spec, and a command before it still runs.
    expect((await runCli(['-f', 'json', '--', 'init'], { cwd: dir })).stderr).toBe('statuslint: init: no such file\n');
    expect((await runCli(['rules', '--'], { cwd: dir })).stdout).toContain('require-www-authenticate');
  });

  it("after '--', an argument that starts with '-' is a spec, never an option: '-x.yaml', '--fix'", async () => {
    const dir = project({ '-x.yaml': petstore, '--fix': petstore });
    const run = await runCli(['--format', 'json', '--', '-x.yaml', '--fix'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(new Set((JSON.parse(run.stdout) as { findings: Array<{ file: string }> }).findings.map((finding) => finding.file))).toEqual(new Set(['-x.yaml', '--fix']));
    // Not fixed: --fix there names a file.
    expect(readFileSync(join(dir, '-x.yaml'), 'utf8')).toBe(petstore);
    expect(readFileSync(join(dir, '--fix'), 'utf8')).toBe(petstore);
  });

  it('a command typed after a spec, or help typed as a command, is answered with how to run it', async () => {
    const dir = project({ 'api.yaml': petstore });
    const cases: Array<[string[], string]> = [
      [['api.yaml', 'rules'], "statuslint: rules: no such file; 'rules' is a command only as the first argument: statuslint rules …\n"],
      [['help'], 'statuslint: help: no such file; for usage, run statuslint --help\n'],
      [['api.yaml', 'help'], 'statuslint: help: no such file; for usage, run statuslint --help\n'],
      // After '--' it was written as a spec: no hint.
      [['--', 'help'], 'statuslint: help: no such file\n'],
      // Spelt otherwise, the nearest command.
      [['Rules'], "statuslint: Rules: no such file; did you mean 'rules'?\n"],
    ];
    for (const [args, stderr] of cases) {
      const run = await runCli(args, { cwd: dir });
      expect([run.code, run.stderr], args.join(' ')).toEqual([2, stderr]);
    }
  });

  it('an argument echoed in a usage error stays on one line and cannot recolour the terminal', async () => {
    const explain = await runCli(['explain', 'require-allow\n\u001b[31m']);
    expect([explain.code, explain.stderr]).toEqual([2, "statuslint: unknown rule 'require-allow\\u{a}\\u{1b}[31m'; did you mean 'require-allow'?\n"]);
    const rule = await runCli(['--rule', '\u001b[2J=off', 'fixtures/petstore/openapi.yaml']);
    expect(rule.stderr).toBe("statuslint: --rule '\\u{1b}[2J=off': unknown rule '\\u{1b}[2J'; run statuslint rules for the list\n");
    const option = await runCli(['--fo\u001b[31mrmat', 'json', 'fixtures/petstore/openapi.yaml']);
    expect(option.stderr).toMatch(/^statuslint: unknown option '--fo\\u\{1b\}\[31mrmat'\n/);
  });

  it('no colour on a terminal that has none (TERM=dumb), unless FORCE_COLOR asks for it', async () => {
    const ansi = /\u001b\[/;
    const spec = 'fixtures/petstore/openapi.yaml';
    expect((await runCli([spec], { tty: true, env: { TERM: 'xterm-256color' } })).stdout).toMatch(ansi);
    expect((await runCli([spec], { tty: true, env: { TERM: 'dumb' } })).stdout).not.toMatch(ansi);
    expect((await runCli([spec], { tty: true, env: { TERM: 'dumb', FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
  });

  it('a path option given an empty value (an unset variable) is a usage error, not dropped', async () => {
    for (const flag of ['--output', '--config', '--baseline', '--write-baseline', '--sarif-root', '--cache-location', '--print-config']) {
      const dir = project({ 'api.yaml': petstore });
      const run = await runCli(['api.yaml', `${flag}=`], { cwd: dir });
      expect([run.code, run.stdout, run.stderr], flag).toEqual([2, '', `statuslint: ${flag} must not be empty\n`]);
      expect(readdirSync(dir), flag).toEqual(['api.yaml']);
    }
  });

  it('explain answers a misspelt unused-suppression, which it explains, with that id', async () => {
    const run = await runCli(['explain', 'unused-suppressions']);
    expect([run.code, run.stderr]).toEqual([2, "statuslint: unknown rule 'unused-suppressions'; did you mean 'unused-suppression'?\n"]);
    expect((await runCli(['explain', 'unused-suppression'])).code).toBe(0);
  });
});
