import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import requireLocation from '../../rules/require-location.js';
import requireValidationError from '../../rules/require-validation-error.js';
import requireWwwAuthenticate from '../../rules/require-www-authenticate.js';
import type { Finding } from '../../src/engine/types.js';
import type { Report } from '../../src/reporters/index.js';
import { createTextReporter } from '../../src/reporters/text.js';
import { reportOf } from './helpers.js';

/**
 * The pattern of GitHub's REST description: many operations each write the same inline 201 or
 * 401 without its header, and the 401 is also a shared component used by others. In the text
 * report each line must say which operation it is about, as annotations and SARIF do: the
 * messages alone are the same, and a line number in a 13 MB file does not tell them apart.
 */
function spec(): string {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-text-'));
  const created = { description: 'Created', content: { 'application/json': { schema: { type: 'object' } } } };
  const unauthorized = { description: 'Unauthorized' };
  const body = { content: { 'application/json': { schema: { type: 'object' } } } };
  const file = join(dir, 'openapi.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        openapi: '3.0.3',
        info: { title: 'T', version: '1' },
        paths: {
          '/repos/{owner}/{repo}/hooks': { post: { requestBody: body, responses: { '201': created, '401': unauthorized, '422': { description: 'Invalid' }, '400': { description: 'Bad' } } } },
          '/orgs/{org}/hooks': { post: { requestBody: body, responses: { '201': created, '401': { $ref: '#/components/responses/requires_authentication' }, '422': { description: 'Invalid' } } } },
        },
        components: { responses: { requires_authentication: { description: 'Requires authentication' } } },
      },
      null,
      2,
    ),
  );
  return file;
}

describe('text reporter', () => {
  it('leads each finding about one operation with that operation, and one in a shared definition with that definition', () => {
    const file = spec();
    const { report, options } = reportOf([file], { rules: [requireLocation, requireValidationError, requireWwwAuthenticate], cwd: join(file, '..') });
    const lines = createTextReporter()(report, options)
      .split('\n')
      .filter((line) => /^\s+\d+:\d+/.test(line))
      .map((line) => line.trim().replace(/^\d+:\d+\s+\w+\s+/, ''));
    expect(lines).toEqual([
      "POST /repos/{owner}/{repo}/hooks: 201 response declares no 'Location' header; add one with the URI of the resource that was created, or use 200 if the request created nothing.  require-location",
      "POST /repos/{owner}/{repo}/hooks: 401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').  require-www-authenticate",
      // The message names its operation already: not twice.
      'POST /orgs/{org}/hooks accepts a request body but documents no 400 response; clients cannot tell a malformed request (400) from an invalid one (422).  require-validation-error',
      "POST /orgs/{org}/hooks: 201 response declares no 'Location' header; add one with the URI of the resource that was created, or use 200 if the request created nothing.  require-location",
      // In the shared definition: no one operation to name, but the definition (159 operations
      // use GitHub's, and the bare message did not say that it is not one of them).
      "response 'requires_authentication': 401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').  require-www-authenticate",
    ]);
  });
});

/** A finding as the engine hands it over, at `line`:`column` of `file`. */
function at(file: string, line: number, column: number, severity: Finding['severity'], ruleId: string, message: string, operation?: Finding['operation']): Finding {
  return { ruleId, messageId: 'm', severity, message, file, pointer: '/paths/~1pets/get', line, column, endLine: line, endColumn: column + 3, operation };
}

describe('text reporter: layout and colour', () => {
  const findings = [
    at('specs/pets.yaml', 9, 7, 'error', 'require-www-authenticate', "401 response declares no 'WWW-Authenticate' header.", { method: 'get', path: '/pets' }),
    at('specs/pets.yaml', 120, 11, 'warning', 'require-retry-after', "429 response declares no 'Retry-After' header.", { method: 'post', path: '/pets' }),
    // The engine's own check carries no operation: led by the one its pointer is in.
    { ...at('specs/users.yaml', 3, 5, 'info', 'unused-suppression', "x-statuslint-ignore lists 'require-allow', which reports nothing here; remove the entry."), pointer: '/paths/~1users/get/x-statuslint-ignore/0' },
  ];
  const report: Report = { findings, files: ['specs/pets.yaml', 'specs/users.yaml'], rules: [] };
  const chalk = new Chalk({ level: 1 });

  it('groups findings under their file, places padded to the widest in the file, severities to seven', () => {
    expect(createTextReporter()(report, { color: false, cwd: '.' })).toBe(
      [
        'specs/pets.yaml',
        "  9:7     error    GET /pets: 401 response declares no 'WWW-Authenticate' header.  require-www-authenticate",
        "  120:11  warning  POST /pets: 429 response declares no 'Retry-After' header.  require-retry-after",
        '',
        'specs/users.yaml',
        "  3:5  info     GET /users: x-statuslint-ignore lists 'require-allow', which reports nothing here; remove the entry.  unused-suppression",
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info) in 2 files',
        '',
      ].join('\n'),
    );
  });

  it('colours the file, places, severities, rule ids and summary when asked, and not otherwise', () => {
    const text = createTextReporter(chalk)(report, { color: true, cwd: '.' });
    expect(text.split('\n')).toEqual([
      chalk.underline('specs/pets.yaml'),
      `  ${chalk.dim('9:7   ')}  ${chalk.red('error  ')}  GET /pets: 401 response declares no 'WWW-Authenticate' header.  ${chalk.dim('require-www-authenticate')}`,
      `  ${chalk.dim('120:11')}  ${chalk.yellow('warning')}  POST /pets: 429 response declares no 'Retry-After' header.  ${chalk.dim('require-retry-after')}`,
      '',
      chalk.underline('specs/users.yaml'),
      `  ${chalk.dim('3:5')}  ${chalk.blue('info   ')}  GET /users: x-statuslint-ignore lists 'require-allow', which reports nothing here; remove the entry.  ${chalk.dim('unused-suppression')}`,
      '',
      chalk.red.bold('✖ 3 problems (1 error, 1 warning, 1 info) in 2 files'),
      '',
    ]);
    expect(createTextReporter(chalk)(report, { color: false, cwd: '.' })).toBe(createTextReporter()(report, { color: false, cwd: '.' }));
  });

  it.each<[string, Report, string]>([
    ['errors: bold red', report, chalk.red.bold('✖ 3 problems (1 error, 1 warning, 1 info) in 2 files')],
    ['warnings and info only: bold yellow', { ...report, findings: findings.slice(1) }, chalk.yellow.bold('✖ 2 problems (0 errors, 1 warning, 1 info) in 2 files')],
    ['nothing found: green', { ...report, findings: [] }, chalk.green('✔ no problems in 2 files')],
    [
      'an input not linted, nothing found: bold red, never green',
      { ...report, findings: [], notifications: [{ level: 'error', message: 'the file is empty', file: 'specs/empty.yaml' }] },
      chalk.red.bold('✖ no problems in 2 files; 1 input error'),
    ],
    [
      'an internal error, warnings found: bold red',
      { ...report, findings: findings.slice(1), notifications: [{ level: 'error', internal: true, message: 'internal error (boom)', file: 'specs/pets.yaml' }] },
      chalk.red.bold('✖ 2 problems (0 errors, 1 warning, 1 info) in 2 files; 1 internal error'),
    ],
  ])('the summary line, %s', (_, given, line) => {
    expect(createTextReporter(chalk)(given, { color: true, cwd: '.' }).trimEnd().split('\n').at(-1)).toBe(line);
  });

  it("shows a file name's control characters escaped: a newline in it cannot start a line of its own", () => {
    const odd = at('specs/x\n\u001b[2Jy.yaml', 2, 3, 'warning', 'require-retry-after', 'm.');
    const lines = createTextReporter()({ findings: [odd], files: [odd.file], rules: [] }, { color: false, cwd: '.' }).split('\n');
    expect(lines[0]).toBe('specs/x\\u{a}\\u{1b}[2Jy.yaml');
    expect(lines[1]).toBe('  2:3  warning  GET /pets: m.  require-retry-after');
  });
});
