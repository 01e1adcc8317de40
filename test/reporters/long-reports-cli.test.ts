// Long reports through the CLI (run in this process): written in pieces, to stdout and to
// --output. The reporters' own tests are in long-reports.test.ts.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ITEMS_PER_PIECE } from '../../src/reporters/pieces.js';
import { runCli } from '../cli-harness.js';

describe('long reports through the CLI: written in pieces, the same bytes as one string', () => {
  // One operation per path, each with a 401 that declares no WWW-Authenticate: one error each.
  const operations = ITEMS_PER_PIECE + 50;
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-long-'));
  const paths = Array.from({ length: operations }, (_, index) => `  /items${index}:\n    get:\n      responses:\n        '200': { description: ok }\n        '401': { description: no credentials }\n`).join('');
  writeFileSync(join(dir, 'api.yaml'), `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n${paths}`);

  it.each(['json', 'sarif', 'gitlab'])('--format %s, to stdout and with --output', async (format) => {
    const run = await runCli(['--format', format, 'api.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    // The layout of JSON.stringify(…, null, 2): parsing and writing it again gives the same bytes.
    const report = JSON.parse(run.stdout) as { findings?: Array<{ ruleId: string }>; runs?: Array<{ results: Array<{ ruleId: string }> }> } & Array<{ check_name: string }>;
    const rules = format === 'json' ? report.findings!.map((item) => item.ruleId) : format === 'sarif' ? report.runs![0]!.results.map((item) => item.ruleId) : report.map((item) => item.check_name);
    expect(rules.filter((rule) => rule === 'require-www-authenticate')).toHaveLength(operations);
    expect(run.stdout).toBe(JSON.stringify(report, null, 2) + '\n');

    const written = await runCli(['--format', format, '--output', `report.${format}`, 'api.yaml'], { cwd: dir });
    expect(written.stdout).toBe('');
    expect(readFileSync(join(dir, `report.${format}`), 'utf8')).toBe(run.stdout);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
