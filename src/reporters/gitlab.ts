import type { Finding, Severity } from '../engine/types.js';
import { headline, inputErrors, internalErrors, repoPath } from './context.js';
import { occurrenceCounter } from './fingerprint.js';
import { arrayText, ITEMS_PER_PIECE } from './pieces.js';
import type { Reporter, RunNotification } from './types.js';

/** GitLab's five severities (info, minor, major, critical, blocker), as eslint-formatter-gitlab maps ESLint's two. */
const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * The `check_name` of an issue that is not a finding: an input that could not be linted, or a
 * spec that a bug in statuslint stopped. No rule has this id.
 */
export const RUN_CHECK = 'statuslint';

export interface GitlabOptions {
  /** Issues per piece of a long report (see arrayText); tests set it low. */
  issuesPerPiece?: number;
}

/** One issue, the fields GitLab reads and no others ("Code Quality report format"). */
interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/**
 * A GitLab Code Quality report (`artifacts: reports: codequality:`): a JSON array of issues,
 * each with its message led as the github and sarif formats lead it, the rule id as
 * `check_name`, a severity, the file relative to the repository root and the line of the
 * offending key, and the SARIF format's fingerprint (rule, file, JSON pointer and a count,
 * never the line), so that a finding keeps its identity when lines above it move and no two
 * issues share one. Each input that could not be linted, and each spec that an internal error
 * stopped, comes first as a `blocker` issue named `statuslint`, at the problem's line (line 1
 * when it is not known: GitLab requires one). Warnings about the run (a remote `$ref` not
 * followed) are left to stderr, as in the json format. A clean run writes `[]`.
 */
export function createGitlabReporter(gitlabOptions: GitlabOptions = {}): Reporter {
  const perPiece = gitlabOptions.issuesPerPiece ?? ITEMS_PER_PIECE;
  return (report, options) => {
    const occurrence = occurrenceCounter();
    // Findings come sorted by file: each file's path is worked out once, not once per issue.
    // Issues must be made in order: the fingerprints count what came before.
    let file: string | undefined;
    let path = '';
    const issueOf = (item: Finding | RunNotification): Issue => {
      if (!('ruleId' in item)) return runIssue(item);
      if (item.file !== file) {
        file = item.file;
        path = repoPath(file, options);
      }
      return {
        description: headline(item),
        check_name: item.ruleId,
        fingerprint: occurrence(item.ruleId, path, item.pointer),
        severity: SEVERITY[item.severity],
        location: { path, lines: { begin: item.line } },
      };
    };
    const runIssue = (item: RunNotification): Issue => {
      // No file is known only for a problem with the run as a whole: it is placed at the root.
      const where = item.file !== undefined ? repoPath(item.file, options) : '.';
      return {
        description: item.message,
        check_name: RUN_CHECK,
        // The whole file (the empty pointer): its identity does not change with the error's text.
        fingerprint: occurrence(RUN_CHECK, where, ''),
        severity: 'blocker',
        location: { path: where, lines: { begin: item.line ?? 1 } },
      };
    };
    const errors = [...inputErrors(report), ...internalErrors(report)];
    const items: ReadonlyArray<Finding | RunNotification> = errors.length > 0 ? [...errors, ...report.findings] : report.findings;
    return arrayText(items, issueOf, perPiece);
  };
}
