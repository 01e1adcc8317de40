// What only a process of its own shows of a spec read from standard input ('-'): a real pipe,
// and a folder redirected to it. The rest is in stdin.test.ts, which runs the CLI in this process.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runBinary } from './cli-harness.js';

interface JsonReport {
  findings: { ruleId: string; file: string; line: number; column: number }[];
}

const petstore = readFileSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), 'utf8');

describe("a spec read from standard input ('-'), in a process of its own", () => {
  it('is linted as a pipe delivers it, in a process of its own, under <stdin>', () => {
    const run = runBinary(['--format', 'json', '-'], { input: petstore, cwd: join(projectRoot, 'fixtures/petstore') });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    // The same findings, at the same places, as the file itself gives.
    const fromFile = JSON.parse(runBinary(['--format', 'json', 'openapi.yaml'], { cwd: join(projectRoot, 'fixtures/petstore') }).stdout) as JsonReport;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.map((finding) => ({ ...finding, file: 'x' }))).toEqual(fromFile.findings.map((finding) => ({ ...finding, file: 'x' })));
    expect(new Set(report.findings.map((finding) => finding.file))).toEqual(new Set(['<stdin>']));
  });

  it('a folder redirected to it is named as a folder, not taken for empty input', () => {
    const result = spawnSync(`"${process.execPath}" "${join(projectRoot, 'bin', 'statuslint.js')}" - < fixtures`, { cwd: projectRoot, shell: true, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('statuslint: <stdin>: standard input is a folder, not a spec; name the folder instead of redirecting it\n');
  });
});
