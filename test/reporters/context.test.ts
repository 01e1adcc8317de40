// What every format shares: the summary line that ends the text and github reports, and the
// paths the repository formats write.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { repoPath, severityCounts, summaryLine } from '../../src/reporters/context.js';
import type { Report, RunNotification } from '../../src/reporters/index.js';

function finding(file: string, severity: Finding['severity']): Finding {
  return { ruleId: 'require-www-authenticate', messageId: 'missing', severity, message: 'm', file, pointer: '/paths/~1pets/get/responses/401', line: 1, column: 1, endLine: 1, endColumn: 2 };
}

const EMPTY: RunNotification = { level: 'error', message: 'the file is empty', file: 'empty.yaml' };
const BUG: RunNotification = { level: 'error', internal: true, message: 'internal error (boom)', file: 'api.yaml' };
const REMOTE: RunNotification = { level: 'warning', message: "remote $ref 'https://example.com/x.yaml' is not fetched", file: 'api.yaml' };

describe('summaryLine', () => {
  it.each<[string, Report, string]>([
    ['a clean run', { findings: [], files: ['api.yaml'], rules: [] }, 'no problems in 1 file'],
    ['one finding', { findings: [finding('api.yaml', 'warning')], files: ['api.yaml'], rules: [] }, '1 problem (0 errors, 1 warning, 0 info) in 1 file'],
    [
      'findings of each severity in two specs',
      { findings: [finding('a.yaml', 'error'), finding('a.yaml', 'error'), finding('b.yaml', 'info'), finding('b.yaml', 'info')], files: ['a.yaml', 'b.yaml'], rules: [] },
      '4 problems (2 errors, 0 warnings, 2 info) in 2 files',
    ],
    [
      'one spec and a file it references',
      { findings: [finding('api.yaml', 'error'), finding('common/responses.yaml', 'error'), finding('common/responses.yaml', 'warning')], files: ['api.yaml'], rules: [] },
      '3 problems (2 errors, 1 warning, 0 info) in 1 file and 1 file it references',
    ],
    [
      'two specs and the files they reference',
      { findings: [finding('common/a.yaml', 'error'), finding('common/b.yaml', 'error')], files: ['api.yaml', 'admin.yaml'], rules: [] },
      '2 problems (2 errors, 0 warnings, 0 info) in 2 files and 2 files they reference',
    ],
    ['an input not read', { findings: [], files: ['api.yaml'], rules: [], notifications: [EMPTY, REMOTE] }, 'no problems in 1 file; 1 input error'],
    ['nothing read', { findings: [], files: [], rules: [], notifications: [EMPTY, { ...EMPTY, file: 'b.yaml' }] }, '2 input errors; no file linted'],
    ['an internal error', { findings: [finding('api.yaml', 'error')], files: ['api.yaml'], rules: [], notifications: [BUG] }, '1 problem (1 error, 0 warnings, 0 info) in 1 file; 1 internal error'],
    ['both', { findings: [], files: ['api.yaml'], rules: [], notifications: [BUG, EMPTY, BUG] }, 'no problems in 1 file; 1 input error, 2 internal errors'],
    ['a warning alone', { findings: [], files: ['api.yaml'], rules: [], notifications: [REMOTE] }, 'no problems in 1 file'],
  ])('%s: %j', (_, report, line) => {
    expect(summaryLine(report)).toBe(line);
  });

  it('counts each severity', () => {
    expect(severityCounts([finding('a', 'info'), finding('a', 'error'), finding('a', 'warning'), finding('a', 'warning')])).toBe('1 error, 2 warnings, 1 info');
  });
});

describe('repoPath', () => {
  it('takes the path from the repository root when the report has it', () => {
    expect(repoPath('../api/openapi.yaml', { color: false, cwd: '.', repoPaths: new Map([['../api/openapi.yaml', 'services/api/openapi.yaml']]) })).toBe('services/api/openapi.yaml');
  });

  it('falls back to the file as named, with / for a Windows separator', () => {
    expect(repoPath('specs\\v1\\openapi.yaml', { color: false, cwd: '.' })).toBe('specs/v1/openapi.yaml');
    expect(repoPath('specs\\v1\\openapi.yaml', { color: false, cwd: '.', repoPaths: new Map() })).toBe('specs/v1/openapi.yaml');
  });
});
