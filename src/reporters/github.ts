import type { Finding, Severity } from '../engine/types.js';
import { headline, inputErrors, repoPath } from './context.js';
import type { ReporterOptions, StringReporter } from './types.js';
import { plural } from '../plural.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// One scan to tell whether there is anything to escape: most messages and paths have nothing,
// and a report of thousands of annotations escaped each property with five replacements.
const DATA_SPECIAL = /[%\r\n]/;
const PROPERTY_SPECIAL = /[%\r\n:,]/;

/** A command's message: `%`, CR and LF escaped, as `@actions/core` does (`escapeData`). */
export function escapeData(value: string): string {
  if (!DATA_SPECIAL.test(value)) return value;
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property: also `:` and `,`, which would end the value (`escapeProperty`). */
export function escapeProperty(value: string): string {
  if (!PROPERTY_SPECIAL.test(value)) return value;
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Place {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** `::<command> file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. */
export function workflowCommand(command: 'error' | 'warning' | 'notice', message: string, place: Place | undefined, title?: string): string {
  const properties: Array<[string, string | number]> = [];
  if (place) {
    properties.push(['file', place.file]);
    if (place.line !== undefined) {
      properties.push(['line', place.line]);
      const endLine = place.endLine ?? place.line;
      // The runner keeps columns only on a one-line range (actions/runner, ValidateLinesAndColumns).
      if (place.column !== undefined && endLine === place.line) {
        properties.push(['col', place.column]);
        if (place.endColumn !== undefined && place.endColumn >= place.column) properties.push(['endLine', endLine], ['endColumn', place.endColumn]);
      } else if (endLine > place.line) {
        properties.push(['endLine', endLine]);
      }
    }
  }
  if (title !== undefined) properties.push(['title', title]);
  const head = properties.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
  return `::${command}${head ? ` ${head}` : ''}::${escapeData(message)}`;
}

function bySeverity(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity];
}

/**
 * GitHub Actions workflow commands: one annotation per input that could not be linted (an
 * `::error` titled `statuslint`, at the problem's line and column when known) and per run
 * warning, then one per finding on the line of the offending key, file paths relative to the
 * repository root, then a plain summary line. Errors come
 * first: the runner shows only 10 errors and 10 warnings per step (50 per job) as
 * annotations, and every line still stays in the log.
 */
export const githubReporter: StringReporter = (report, options: ReporterOptions) => {
  const lines: string[] = [];
  for (const item of report.notifications ?? []) {
    const place = item.file !== undefined ? { file: repoPath(item.file, options), line: item.line, column: item.column } : undefined;
    lines.push(workflowCommand(item.level === 'error' ? 'error' : 'warning', item.message, place, 'statuslint'));
  }
  // Array.prototype.sort is stable: findings keep their file and line order within a severity.
  for (const finding of [...report.findings].sort(bySeverity)) {
    const place = { file: repoPath(finding.file, options), line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
    lines.push(workflowCommand(COMMAND[finding.severity], headline(finding), place, finding.ruleId));
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of report.findings) counts[finding.severity]++;
  const files = plural(report.files.length, 'file');
  const total = report.findings.length;
  const linted =
    total === 0
      ? `no problems in ${files}`
      : `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${files}`;
  // "no problems" alone would read as a pass in the log of a step that failed with exit 2.
  const failed = inputErrors(report).length;
  lines.push(failed === 0 ? `statuslint: ${linted}` : report.files.length === 0 ? `statuslint: ${plural(failed, 'input error')}; no file linted` : `statuslint: ${linted}; ${plural(failed, 'input error')}`);
  return lines.join('\n') + '\n';
};
