// The json format is a contract (README, "Output formats"): its fields, their order and the
// summary's counts are what `jq` scripts read.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import type { Report } from '../../src/reporters/index.js';
import { jsonReporter } from '../../src/reporters/json.js';
import { wholeText } from './helpers.js';

const unauthorized: Finding = {
  ruleId: 'require-www-authenticate',
  messageId: 'missing',
  severity: 'error',
  message: "401 response declares no 'WWW-Authenticate' header; add one.",
  file: 'specs/pets.yaml',
  pointer: '/paths/~1pets/get/responses/401',
  line: 14,
  column: 9,
  endLine: 14,
  endColumn: 14,
  operation: { method: 'get', path: '/pets' },
  status: '401',
};
const shared: Finding = { ...unauthorized, severity: 'warning', ruleId: 'require-retry-after', pointer: '/components/responses/TooMany', line: 40, endLine: 40, operation: undefined, status: '429', message: "429 response declares no 'Retry-After' header." };
const unused: Finding = { ...shared, severity: 'info', ruleId: 'unused-suppression', pointer: '/paths/~1pets/get/x-statuslint-ignore/0', status: undefined, message: "x-statuslint-ignore lists 'require-allow', which reports nothing here; remove the entry." };

const jsonOf = (report: Report): string => wholeText(jsonReporter(report, { color: false, cwd: '.' }));

describe('json reporter', () => {
  it('writes every field of a finding in the contract order, and leaves out an operation and a status it does not have', () => {
    const text = jsonOf({ findings: [unauthorized, shared, unused], files: ['specs/pets.yaml'], rules: [] });
    const report = JSON.parse(text) as { findings: Array<Record<string, unknown>> };
    expect(Object.keys(report.findings[0]!)).toEqual(['ruleId', 'severity', 'message', 'file', 'pointer', 'line', 'column', 'endLine', 'endColumn', 'operation', 'status']);
    expect(report.findings[0]).toEqual({
      ruleId: 'require-www-authenticate',
      severity: 'error',
      // As the rule wrote it: not led by the operation, which has a field of its own.
      message: "401 response declares no 'WWW-Authenticate' header; add one.",
      file: 'specs/pets.yaml',
      pointer: '/paths/~1pets/get/responses/401',
      line: 14,
      column: 9,
      endLine: 14,
      endColumn: 14,
      operation: { method: 'get', path: '/pets' },
      status: '401',
    });
    expect(Object.keys(report.findings[1]!)).toEqual(['ruleId', 'severity', 'message', 'file', 'pointer', 'line', 'column', 'endLine', 'endColumn', 'status']);
    expect(Object.keys(report.findings[2]!)).not.toContain('status');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
  });

  it('counts the findings of each severity, and the files linted', () => {
    const summary = (findings: Finding[], files: string[]) => (JSON.parse(jsonOf({ findings, files, rules: [] })) as { summary: unknown }).summary;
    expect(summary([unauthorized, shared, unused, shared], ['specs/pets.yaml', 'specs/users.yaml'])).toEqual({ files: 2, error: 1, warning: 2, info: 1, inputErrors: 0 });
    expect(summary([], [])).toEqual({ files: 0, error: 0, warning: 0, info: 0, inputErrors: 0 });
  });

  it('lists an internal error under inputErrors too, after the inputs that could not be read, and counts both', () => {
    const report: Report = {
      findings: [unauthorized],
      files: ['specs/pets.yaml'],
      rules: [],
      notifications: [
        { level: 'error', internal: true, message: "internal error (rule 'x' failed: boom); please report it with --debug output", file: 'specs/pets.yaml', line: 3, column: 5 },
        { level: 'error', message: 'the file is empty', file: 'specs/empty.yaml' },
      ],
    };
    expect(JSON.parse(jsonOf(report))).toMatchObject({
      inputErrors: [
        { file: 'specs/empty.yaml', message: 'the file is empty' },
        { file: 'specs/pets.yaml', line: 3, column: 5, message: "internal error (rule 'x' failed: boom); please report it with --debug output" },
      ],
      summary: { files: 1, error: 1, warning: 0, info: 0, inputErrors: 2 },
    });
  });
});
