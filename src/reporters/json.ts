import type { Finding } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { documentText, ITEMS_PER_PIECE } from './pieces.js';
import type { ReportText, Reporter } from './types.js';

/** `{"findings": [...], "summary": {"files", "error", "warning", "info"}}`, a stable contract. */
export const jsonReporter: Reporter = (report) => {
  const summary: Record<string, number> = { files: report.files.length };
  for (const severity of SEVERITIES) summary[severity] = 0;
  for (const finding of report.findings) summary[finding.severity]!++;
  return jsonReportText(report.findings, summary, ITEMS_PER_PIECE);
};

/**
 * The report as `JSON.stringify({ findings, summary }, null, 2)` writes it, plus a newline: one
 * string up to `perPiece` findings, pieces beyond (see documentText).
 */
export function jsonReportText(findings: readonly Finding[], summary: Record<string, number>, perPiece: number): ReportText {
  return documentText((entries) => ({ findings: entries, summary }), 'findings', findings, entry, perPiece);
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
