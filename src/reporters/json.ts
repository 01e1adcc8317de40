import { SEVERITIES } from '../engine/types.js';
import type { Reporter } from './types.js';

/** `{"findings": [...], "summary": {"files", "error", "warning", "info"}}`, a stable contract. */
export const jsonReporter: Reporter = (report) => {
  const summary: Record<string, number> = { files: report.files.length };
  for (const severity of SEVERITIES) summary[severity] = 0;
  for (const finding of report.findings) summary[finding.severity]!++;
  // Every field written, in the contract's order; JSON.stringify leaves out the `undefined`
  // ones (operation, status). No spread of optional fields: that made two throwaway objects
  // and four shapes of finding, over thousands of findings.
  const findings = report.findings.map((finding) => ({
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
  }));
  return JSON.stringify({ findings, summary }, null, 2) + '\n';
};
