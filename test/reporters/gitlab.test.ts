import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { createGitlabReporter, RUN_CHECK } from '../../src/reporters/gitlab.js';
import type { Report, ReporterOptions, RunNotification } from '../../src/reporters/index.js';
import { ITEMS_PER_PIECE } from '../../src/reporters/pieces.js';
import { createSarifReporter } from '../../src/reporters/sarif.js';
import { assertValidGitlab, gitlabReportErrors, type GitlabIssue } from '../gitlab-schema.js';
import { expectGolden, projectRoot, reportLater, reportOf, TEST_TOOL, wholeText } from './helpers.js';

const gitlab = (report: Report, options: ReporterOptions, issuesPerPiece?: number) => wholeText(createGitlabReporter({ issuesPerPiece })(report, options));
const issuesOf = (report: Report, options: ReporterOptions) => assertValidGitlab(gitlab(report, options));

describe('gitlab reporter: goldens (reviewed by hand; UPDATE_GOLDEN=1 rewrites them)', () => {
  it('petstore and multi-file', () => {
    const { report, options } = reportOf(['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml']);
    expectGolden('petstore-multi-file.gitlab.json', gitlab(report, options));
  });

  it('swagger 2.0', () => {
    const { report, options } = reportOf(['fixtures/swagger2/swagger.yaml']);
    expectGolden('swagger2.gitlab.json', gitlab(report, options));
  });

  it('a clean spec: an empty array, which tells GitLab every earlier issue is fixed', () => {
    const { report, options } = reportOf(['fixtures/clean/openapi.yaml'], { rules: [] });
    expect(gitlab(report, options)).toBe('[]\n');
  });
});

describe('gitlab reporter', () => {
  const both = reportLater(['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml']);
  // Made in each test, not when the file is collected: a mutant is then tried against every test
  // that runs it (see test/mutation/README.md), not against the whole suite.
  const issuesOfBoth = () => issuesOf(both().report, both().options);

  it('writes one issue per finding, in the order of the findings, with the fields GitLab reads and no others', () => {
    const issues = issuesOfBoth();
    const { report } = both();
    expect(issues).toHaveLength(report.findings.length);
    expect(issues.map((issue) => issue.check_name)).toEqual(report.findings.map((finding) => finding.ruleId));
    for (const issue of issues) expect(Object.keys(issue)).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location']);
  });

  it('maps error to major, warning to minor and info to info', () => {
    const issues = issuesOfBoth();
    const { report } = both();
    const bySeverity = new Map(report.findings.map((finding, index) => [finding.severity, issues[index]!.severity]));
    expect(Object.fromEntries(bySeverity)).toEqual({ error: 'major', warning: 'minor', info: 'info' });
  });

  it('leads the description as the github and sarif formats do, and puts it on the line of the offending key', () => {
    const issues = issuesOfBoth();
    expect(issues).toContainEqual({
      description: 'GET /pets: 429 response seen.\r\nA second line, 50%.',
      check_name: 'probe-response',
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}:1$/),
      severity: 'info',
      location: { path: 'fixtures/petstore/openapi.yaml', lines: { begin: 23 } },
    });
  });

  it("points into $ref'd files by their path from the repository root", () => {
    const issues = issuesOfBoth();
    expect(issues.filter((issue) => issue.location.path === 'fixtures/multi-file/common/responses.yaml').map((issue) => issue.location.lines.begin)).toEqual([1, 3]);
  });

  it('gives each issue the fingerprint the SARIF log gives its result', () => {
    const issues = issuesOfBoth();
    const { report, options } = both();
    const sarif = JSON.parse(wholeText(createSarifReporter({ tool: TEST_TOOL })(report, options))) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> };
    expect(issues.map((issue) => issue.fingerprint)).toEqual(sarif.runs[0]!.results.map((result) => result.partialFingerprints['statuslint/v1']));
  });

  it('gives two findings of one rule at one place fingerprints of their own, numbered in order', () => {
    const { report, options } = both();
    const finding = report.findings[0]!;
    const twice: Report = { ...report, findings: [finding, { ...finding, message: 'another message' }, { ...finding, line: finding.line + 1 }] };
    const fingerprints = issuesOf(twice, options).map((issue) => issue.fingerprint);
    const base = fingerprints[0]!.slice(0, -2);
    expect(fingerprints).toEqual([`${base}:1`, `${base}:2`, `${base}:3`]);
  });
});

describe('gitlab: fingerprints survive edits that move lines', () => {
  it('inserting lines above every finding changes each line and no fingerprint', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-gl-moved-')));
    cpSync(join(projectRoot, 'fixtures', 'multi-file'), dir, { recursive: true });
    const before = reportOf(['openapi.yaml'], { cwd: dir, root: dir });
    const original = readFileSync(join(dir, 'openapi.yaml'), 'utf8');
    writeFileSync(join(dir, 'openapi.yaml'), `# a comment added on top\n# and another\n${original}`);
    const after = reportOf(['openapi.yaml'], { cwd: dir, root: dir });
    const [old, moved] = [issuesOf(before.report, before.options), issuesOf(after.report, after.options)];
    expect(moved.map((issue) => issue.fingerprint)).toEqual(old.map((issue) => issue.fingerprint));
    const inSpec = (issues: GitlabIssue[]) => issues.filter((issue) => issue.location.path === 'openapi.yaml').map((issue) => issue.location.lines.begin);
    expect(inSpec(old).length).toBeGreaterThan(0);
    expect(inSpec(moved)).toEqual(inSpec(old).map((line) => line + 2));
  });
});

/** What the CLI hands the reporters for inputs it could not lint, a bug, and a $ref it did not follow. */
const BROKEN: RunNotification = { level: 'error', message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented', file: 'api/broken.yaml', line: 4, column: 1 };
const EMPTY: RunNotification = { level: 'error', message: 'the file is empty', file: 'api/empty.yaml' };
const BUG: RunNotification = { level: 'error', internal: true, message: "internal error (rule 'probe-operation' failed: boom); please report it with --debug output", file: 'fixtures/petstore/openapi.yaml', line: 12, column: 5 };
const REMOTE: RunNotification = { level: 'warning', message: "remote $ref 'https://example.com/x.yaml' is not fetched", file: 'fixtures/petstore/openapi.yaml', line: 10, column: 11 };

describe('gitlab: inputs that could not be linted, and internal errors', () => {
  const petstore = reportLater(['fixtures/petstore/openapi.yaml']);

  it('come first, as blocker issues named statuslint at their line (line 1 when not known); warnings are left out', () => {
    const linted = petstore();
    const issues = issuesOf({ ...linted.report, notifications: [REMOTE, BUG, BROKEN, EMPTY] }, linted.options);
    expect(issues.slice(0, 3)).toEqual([
      { description: BROKEN.message, check_name: RUN_CHECK, fingerprint: expect.stringMatching(/:1$/), severity: 'blocker', location: { path: 'api/broken.yaml', lines: { begin: 4 } } },
      { description: EMPTY.message, check_name: RUN_CHECK, fingerprint: expect.stringMatching(/:1$/), severity: 'blocker', location: { path: 'api/empty.yaml', lines: { begin: 1 } } },
      { description: BUG.message, check_name: RUN_CHECK, fingerprint: expect.stringMatching(/:1$/), severity: 'blocker', location: { path: 'fixtures/petstore/openapi.yaml', lines: { begin: 12 } } },
    ]);
    expect(issues.slice(3).map((issue) => issue.check_name)).toEqual(linted.report.findings.map((finding) => finding.ruleId));
    expect(issues.some((issue) => issue.description === REMOTE.message)).toBe(false);
  });

  it('a whole report when nothing was linted', () => {
    const linted = petstore();
    const issues = issuesOf({ findings: [], files: [], rules: linted.report.rules, notifications: [BROKEN, EMPTY] }, linted.options);
    expect(issues.map((issue) => issue.location.path)).toEqual(['api/broken.yaml', 'api/empty.yaml']);
  });

  it("keep one file's fingerprint whatever the error says, and tell two errors in one file apart", () => {
    const fingerprints = (...notifications: RunNotification[]) => issuesOf({ findings: [], files: [], rules: [], notifications }, petstore().options).map((issue) => issue.fingerprint);
    expect(fingerprints({ ...BROKEN, message: 'invalid YAML: something else', line: 9 })).toEqual(fingerprints(BROKEN));
    const [first, second] = fingerprints(BROKEN, { ...BROKEN, message: 'another' });
    expect(second).not.toBe(first);
    // No rule is named statuslint: an input error never shares a fingerprint with a finding.
    expect(fingerprints(BROKEN)).not.toEqual(fingerprints(EMPTY));
    // The hash of the check, the file and the empty pointer (the whole file), as a finding's is
    // of its rule, file and pointer: GitLab tracks an issue by it from one release to the next.
    expect(fingerprints(BROKEN)).toEqual(['b78da3ecfb9959ca:1']);
    expect(fingerprints({ level: 'error', message: 'no input given' })).toEqual(['8bdc3d55feefc9f6:1']);
  });

  it('a problem with no file is placed at the repository root', () => {
    const [issue] = issuesOf({ findings: [], files: [], rules: [], notifications: [{ level: 'error', message: 'no file at all' }] }, petstore().options);
    expect(issue!.location).toEqual({ path: '.', lines: { begin: 1 } });
  });
});

describe('gitlab: escaping, as the json format escapes', () => {
  it('writes bidi overrides, C1 controls and line separators from a spec as \\u escapes, the same strings to a JSON reader', () => {
    const { report, options } = reportOf(['fixtures/petstore/openapi.yaml']);
    const odd = report.findings.map((finding) => ({ ...finding, message: `${finding.message} \u202e\u009b\u2028 "quoted"\n` }));
    const paths = new Map([...options.repoPaths!].map(([file, path]) => [file, path.replace('openapi', 'open\u202eapi')]));
    const text = gitlab({ ...report, findings: odd }, { ...options, repoPaths: paths });
    expect(text).not.toMatch(/[\u009b\u2028\u202e]/);
    const issues = assertValidGitlab(text);
    expect(issues[0]!.description.endsWith(' \u202e\u009b\u2028 "quoted"\n')).toBe(true);
    expect(issues[0]!.location.path).toBe('fixtures/petstore/open\u202eapi.yaml');
  });
});

describe('gitlab: a long report comes in pieces, with the same bytes', () => {
  const three = reportLater(['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml', 'fixtures/swagger2/swagger.yaml']);

  it.each([1, 2, 5])('%i issues per piece', (perPiece) => {
    const { report, options } = three();
    const withErrors: Report = { ...report, notifications: [BROKEN, EMPTY] };
    const whole = gitlab(withErrors, options);
    const text = createGitlabReporter({ issuesPerPiece: perPiece })(withErrors, options);
    expect(typeof text).not.toBe('string');
    expect(wholeText(text)).toBe(whole);
    expect(whole).toBe(JSON.stringify(JSON.parse(whole), null, 2) + '\n');
  });

  it(`more than ${ITEMS_PER_PIECE.toLocaleString('en-US')} findings by default, with unique fingerprints`, () => {
    const { report, options } = three();
    const many: Finding[] = Array.from({ length: ITEMS_PER_PIECE * 2 + 7 }, (_, index) => ({ ...report.findings[index % report.findings.length]!, line: index + 1 }));
    const text = createGitlabReporter()({ ...report, findings: many, notifications: [BROKEN] }, options);
    expect(typeof text).not.toBe('string');
    const pieces = [...text];
    expect(pieces.length).toBeGreaterThan(3);
    const whole = pieces.join('');
    expect(gitlabReportErrors(whole)).toEqual([]);
    expect(whole).toBe(gitlab({ ...report, findings: many, notifications: [BROKEN] }, options, Number.MAX_SAFE_INTEGER));
  });
});

describe('gitlab: the schema check itself', () => {
  it('refuses what GitLab would not take', () => {
    const { report, options } = reportOf(['fixtures/petstore/openapi.yaml']);
    const issues = JSON.parse(gitlab(report, options)) as Array<Record<string, any>>;
    const broken = structuredClone(issues);
    broken[0]!.severity = 'error';
    broken[1]!.location.lines.begin = '3';
    broken[2]!.location.path = './fixtures/petstore/openapi.yaml';
    delete broken[3]!.check_name;
    broken[4]!.fingerprint = broken[5]!.fingerprint;
    expect(gitlabReportErrors(JSON.stringify(broken))).toEqual(
      expect.arrayContaining(['/0/severity must be equal to one of the allowed values', '/1/location/lines/begin must be integer', expect.stringMatching(/^\/2\/location\/path must match pattern/), "/3 must have required property 'check_name'"]),
    );
    delete broken[3]!.check_name;
    const onlyDuplicate = structuredClone(issues);
    onlyDuplicate[4]!.fingerprint = onlyDuplicate[5]!.fingerprint;
    expect(gitlabReportErrors(JSON.stringify(onlyDuplicate))).toEqual([`/5/fingerprint ${onlyDuplicate[5]!.fingerprint} is used twice`]);
    expect(gitlabReportErrors(`\ufeff${JSON.stringify(issues)}`)).toEqual(['the report starts with a byte-order mark']);
  });
});
