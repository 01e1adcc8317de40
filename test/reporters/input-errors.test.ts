import { describe, expect, it } from 'vitest';
import { githubReporter } from '../../src/reporters/github.js';
import { jsonReporter } from '../../src/reporters/json.js';
import { createSarifReporter } from '../../src/reporters/sarif.js';
import { createTextReporter } from '../../src/reporters/text.js';
import type { Report, RunNotification } from '../../src/reporters/index.js';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { reportLater, reportOf, TEST_TOOL, wholeText } from './helpers.js';

/** What the CLI hands the reporters for inputs it could not lint, and for a $ref it did not follow. */
const BROKEN: RunNotification = { level: 'error', message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented', file: 'api/broken,v2.yaml', line: 4, column: 1 };
const EMPTY: RunNotification = { level: 'error', message: 'the file is empty', file: 'api/empty.yaml' };
const REMOTE: RunNotification = { level: 'warning', message: "remote $ref 'https://example.com/x.yaml' is not fetched; what it names is not linted", file: 'fixtures/petstore/openapi.yaml', line: 10, column: 11 };

/** The petstore linted, on a test's first call (see reportLater). */
const linted = reportLater(['fixtures/petstore/openapi.yaml']);
/** Some inputs failed, one was linted. */
const mixed = (): Report => ({ ...linted().report, notifications: [BROKEN, EMPTY, REMOTE] });
/** Every input failed: nothing was linted. */
const none = (): Report => ({ findings: [], files: [], rules: linted().report.rules, notifications: [BROKEN, EMPTY] });
const options = () => linted().options;

interface JsonReport {
  findings: unknown[];
  inputErrors: Array<Record<string, unknown>>;
  summary: Record<string, number>;
}

const json = (report: Report) => JSON.parse(wholeText(jsonReporter(report, options()))) as JsonReport;

describe('json: inputs that could not be linted', () => {
  it('lists each under inputErrors, with its line and column when known, and counts them in the summary', () => {
    const report = json(mixed());
    expect(report.inputErrors).toEqual([
      { file: 'api/broken,v2.yaml', line: 4, column: 1, message: BROKEN.message },
      { file: 'api/empty.yaml', message: 'the file is empty' },
    ]);
    expect(report.summary).toMatchObject({ files: 1, inputErrors: 2 });
    expect(report.findings.length).toBe(linted().report.findings.length);
  });

  it('leaves out warnings: a $ref not followed does not stop the run', () => {
    expect(json({ ...linted().report, notifications: [REMOTE] })).toMatchObject({ inputErrors: [], summary: { inputErrors: 0 } });
  });

  it('writes inputErrors: [] and a count of 0 on a run that read every input, after the findings and before the summary', () => {
    const text = wholeText(jsonReporter(linted().report, options()));
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['findings', 'inputErrors', 'summary']);
    const report = JSON.parse(text) as JsonReport;
    expect(report.inputErrors).toEqual([]);
    expect(Object.entries(report.summary).map(([key]) => key)).toEqual(['files', 'error', 'warning', 'info', 'inputErrors']);
    expect(report.summary.inputErrors).toBe(0);
  });

  it('is a whole report when every input failed', () => {
    expect(json(none())).toEqual({
      findings: [],
      inputErrors: [
        { file: 'api/broken,v2.yaml', line: 4, column: 1, message: BROKEN.message },
        { file: 'api/empty.yaml', message: 'the file is empty' },
      ],
      summary: { files: 0, error: 0, warning: 0, info: 0, inputErrors: 2 },
    });
  });
});

describe('text: the summary counts the inputs that could not be linted (stderr says why)', () => {
  const text = (report: Report) => createTextReporter()(report, options()).trimEnd().split('\n').at(-1);

  it('after the findings of the inputs that were linted', () => {
    expect(text(mixed())).toBe('✖ 7 problems (1 error, 4 warnings, 2 info) in 1 file; 2 input errors');
  });

  it('never "no problems" alone when an input was not linted', () => {
    expect(text({ ...mixed(), findings: [] })).toBe('✖ no problems in 1 file; 2 input errors');
    expect(text(none())).toBe('✖ 2 input errors; no file linted');
  });

  it('counts the files that the specs reference and hold problems apart from the specs linted', () => {
    const multi = reportOf(['fixtures/multi-file/openapi.yaml']);
    expect(createTextReporter()(multi.report, multi.options).trimEnd().split('\n').at(-1)).toMatch(/^✖ \d+ problems \(.*\) in 1 file and 2 files it references$/);
    const two = reportOf(['fixtures/multi-file/openapi.yaml', 'fixtures/petstore/openapi.yaml']);
    expect(text({ ...two.report, notifications: [EMPTY] })).toMatch(/ in 2 files and 2 files they reference; 1 input error$/);
  });

  it('unchanged when every input was linted, warnings or not', () => {
    expect(text({ ...linted().report, notifications: [REMOTE] })).toBe('✖ 7 problems (1 error, 4 warnings, 2 info) in 1 file');
    expect(text({ ...linted().report, findings: [] })).toBe('✔ no problems in 1 file');
  });
});

describe('github: one ::error per input that could not be linted', () => {
  const lines = (report: Report) => githubReporter(report, options()).trimEnd().split('\n');

  it('at the line and column when known, with the escaping of findings, titled statuslint, before the findings', () => {
    const out = lines(mixed());
    expect(out.slice(0, 3)).toEqual([
      '::error file=api/broken%2Cv2.yaml,line=4,col=1,title=statuslint::invalid YAML: Flow sequence in block collection must be sufficiently indented',
      '::error file=api/empty.yaml,title=statuslint::the file is empty',
      "::warning file=fixtures/petstore/openapi.yaml,line=10,col=11,title=statuslint::remote $ref 'https://example.com/x.yaml' is not fetched; what it names is not linted",
    ]);
    expect(out).toHaveLength(3 + linted().report.findings.length + 1);
    expect(out.at(-1)).toBe('statuslint: 7 problems (1 error, 4 warnings, 2 info) in 1 file; 2 input errors');
  });

  it('names files from the repository root, as findings do', () => {
    const report = { ...none(), notifications: [EMPTY] };
    expect(githubReporter(report, { ...options(), repoPaths: new Map([['api/empty.yaml', 'services/api/empty.yaml']]) })).toMatch(/^::error file=services\/api\/empty\.yaml,title=statuslint::the file is empty\n/);
  });

  it('annotates every input when none was linted, and the summary says so', () => {
    expect(lines(none())).toEqual([
      '::error file=api/broken%2Cv2.yaml,line=4,col=1,title=statuslint::invalid YAML: Flow sequence in block collection must be sufficiently indented',
      '::error file=api/empty.yaml,title=statuslint::the file is empty',
      'statuslint: 2 input errors; no file linted',
    ]);
  });
});

describe('sarif: each input that could not be linted is a tool execution notification', () => {
  // SARIF logs are read here as plain JSON.
  const sarif = (report: Report) => JSON.parse(wholeText(createSarifReporter({ tool: TEST_TOOL })(report, options()))) as any;

  it('level error, the message, and a region only where the position is known; the invocation failed', () => {
    const log = sarif(mixed());
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: BROKEN.message }, locations: [{ physicalLocation: { artifactLocation: { uri: 'api/broken,v2.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 1 } } }] },
      // No made-up line 1 for a file that has no position to give.
      { level: 'error', message: { text: 'the file is empty' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'api/empty.yaml', uriBaseId: '%SRCROOT%' } } }] },
      { level: 'warning', message: { text: REMOTE.message }, locations: [{ physicalLocation: { artifactLocation: { uri: 'fixtures/petstore/openapi.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 11 } } }] },
    ]);
    expect(log.runs[0].results).toHaveLength(linted().report.findings.length);
  });

  it('a valid log with results: [] when every input failed', () => {
    const log = sarif(none());
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error' }, { level: 'error' }] });
  });

  it('a warning alone leaves the invocation successful', () => {
    expect(sarif({ ...linted().report, notifications: [REMOTE] }).runs[0].invocations[0].executionSuccessful).toBe(true);
  });
});
