import type { Finding } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { inputErrors, internalErrors } from './context.js';
import { documentText, ITEMS_PER_PIECE } from './pieces.js';
import type { ReportText, Reporter, RunNotification } from './types.js';

/** An input that could not be linted, as the JSON report lists it under `inputErrors`. */
export interface JsonInputError {
  /** As findings name files: relative to the working directory when below it. */
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * `{"findings": [...], "inputErrors": [...], "summary": {"files", "error", "warning", "info",
 * "inputErrors"}}`, a stable contract. `inputErrors` lists the inputs that could not be linted
 * (the reason the run exits 2), so that a run that read nothing still says why, to `jq` and in
 * an `--output` file.
 */
export const jsonReporter: Reporter = (report) => {
  const summary: Record<string, number> = { files: report.files.length };
  for (const severity of SEVERITIES) summary[severity] = 0;
  for (const finding of report.findings) summary[finding.severity]!++;
  // A spec a bug in statuslint stopped was not wholly linted: listed too, so that the report
  // never reads as complete for a run that exits 2.
  const errors = [...inputErrors(report), ...internalErrors(report)].map(inputError);
  summary.inputErrors = errors.length;
  return jsonReportText(report.findings, summary, ITEMS_PER_PIECE, errors);
};

/**
 * The report as `JSON.stringify({ findings, inputErrors, summary }, null, 2)` writes it, plus a
 * newline: one string up to `perPiece` findings, pieces beyond (see documentText).
 */
export function jsonReportText(findings: readonly Finding[], summary: Record<string, number>, perPiece: number, errors: readonly JsonInputError[] = []): ReportText {
  return documentText((entries) => ({ findings: entries, inputErrors: errors, summary }), 'findings', findings, entry, perPiece);
}

function inputError(item: RunNotification): JsonInputError {
  return { file: item.file, line: item.line, column: item.column, message: item.message };
}

/**
 * Every field written, in the contract's order; JSON.stringify leaves out the `undefined` ones
 * (operation, status). No spread of optional fields: that made two throwaway objects and four
 * shapes of finding, over thousands of findings.
 */
function entry(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    pointer: finding.pointer,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    operation: finding.operation,
    status: finding.status,
  };
}
