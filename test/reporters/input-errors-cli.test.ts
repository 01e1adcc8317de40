// Inputs that could not be linted, through the CLI (run in this process): every format still
// writes a report, and exits 2. The reporters' own tests are in input-errors.test.ts.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness.js';

describe('through the CLI: a report even when no input could be linted', () => {
  const missingRef = 'fixtures/invalid/missing-ref.yaml';
  const stderrLine = "statuslint: fixtures/invalid/missing-ref.yaml:8:11: cannot resolve $ref '#/components/responses/Nope': no such location\n";
  const annotation = "::error file=fixtures/invalid/missing-ref.yaml,line=8,col=11,title=statuslint::cannot resolve $ref '#/components/responses/Nope': no such location";

  it('github: an annotation for the spec, and exit 2 with the one stderr line as before', async () => {
    const run = await runCli(['-f', 'github', missingRef]);
    expect(run).toEqual({ code: 2, stdout: `${annotation}\nstatuslint: 1 input error; no file linted\n`, stderr: stderrLine });
  });

  it('json: a report that jq can read, naming the spec', async () => {
    const run = await runCli(['-f', 'json', missingRef]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(stderrLine);
    expect(JSON.parse(run.stdout)).toEqual({
      findings: [],
      inputErrors: [{ file: missingRef, line: 8, column: 11, message: "cannot resolve $ref '#/components/responses/Nope': no such location" }],
      summary: { files: 0, error: 0, warning: 0, info: 0, inputErrors: 1 },
    });
  });

  it('sarif: a valid log with no results and a failed invocation', async () => {
    const run = await runCli(['-f', 'sarif', missingRef]);
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations).toMatchObject([{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', locations: [{ physicalLocation: { region: { startLine: 8, startColumn: 11 } } }] }] }]);
  });

  it('text: only the summary, which does not read as a pass', async () => {
    const run = await runCli([missingRef]);
    expect(run).toEqual({ code: 2, stdout: '✖ 1 input error; no file linted\n', stderr: stderrLine });
  });

  it.each(['json', 'sarif', 'github', 'text'])('-f %s -o: a failed run replaces the report of the run before', async (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-stale-'));
    const out = join(dir, 'report');
    expect((await runCli(['-f', format, '-o', out, 'fixtures/petstore/openapi.yaml'])).code).toBe(1);
    const before = readFileSync(out, 'utf8');
    const run = await runCli(['-f', format, '-o', out, missingRef]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: stderrLine });
    const after = readFileSync(out, 'utf8');
    expect(after).not.toBe(before);
    expect(after).toBe((await runCli(['-f', format, missingRef])).stdout);
    expect(readdirSync(dir)).toEqual(['report']);
  });

  it('-o: a usage error writes nothing, and leaves the file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-usage-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'previous\n');
    // docs/robustness.md: so does a run stopped before it lints by a glob that matches nothing.
    for (const args of [['--fail-on', 'fatal'], ['--rule', 'no-such-rule=error'], ['--category', ' ', '-f', 'sarif'], ['-f', 'sarif', 'nowhere/*.yaml'], ['-f', 'github', 'nowhere/*.yaml']]) {
      const run = await runCli([...args, '-o', out, missingRef]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(readFileSync(out, 'utf8'), args.join(' ')).toBe('previous\n');
    }
  });
});
