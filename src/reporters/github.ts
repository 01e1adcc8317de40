import type { Finding, Severity } from '../engine/types.js';
import { headline, repoPath, summaryLine } from './context.js';
import type { ReporterOptions, StringReporter } from './types.js';

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

// What printable() escapes in a message, less CR and LF, which escapeProperty writes as `%0D`
// and `%0A` (the runner reads them back as the file name's own). Any other control character
// or bidi override in a file name would reach the log as it is: a terminal escape, or text
// shown backwards. Such a name is shown escaped, as the message shows it.
const FILE_UNSAFE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FILE_UNSAFE_ALL = new RegExp(FILE_UNSAFE.source, 'g');

function loggableFile(file: string): string {
  if (!FILE_UNSAFE.test(file)) return file;
  return file.replace(FILE_UNSAFE_ALL, (char) => `\\u{${char.charCodeAt(0).toString(16)}}`);
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
    properties.push(['file', loggableFile(place.file)]);
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
 * repository root, then a plain summary line. Errors come first, so that the log opens with
 * what fails the build: the runner makes annotations of only 10 of each kind per step (50
 * per job), and every line stays in the log.
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
  // "no problems" alone would read as a pass in the log of a step that failed with exit 2.
  lines.push(`statuslint: ${summaryLine(report)}`);
  return lines.join('\n') + '\n';
};
