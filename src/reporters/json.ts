import type { Finding } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { ITEMS_PER_PIECE, itemsInPieces } from './pieces.js';
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
 * string up to `perPiece` findings, pieces beyond (see itemsInPieces).
 */
export function jsonReportText(findings: readonly Finding[], summary: Record<string, number>, perPiece: number): ReportText {
  if (findings.length <= perPiece) return JSON.stringify({ findings: findings.map(entry), summary }, null, 2) + '\n';
  return pieces(findings, summary, perPiece);
}

function* pieces(findings: readonly Finding[], summary: Record<string, number>, perPiece: number): Generator<string> {
  yield '{\n  "findings": [\n';
  // Findings sit in the root object and the findings array: two deep.
  yield* itemsInPieces(findings, entry, 2, perPiece);
  // `{ summary }` alone, from its key on, is `"summary": {…}` at the depth it has in the report.
  yield '\n  ],\n  ' + JSON.stringify({ summary }, null, 2).slice('{\n  '.length) + '\n';
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
