import { SEVERITIES } from '../engine/types.js';
import type { Reporter } from './types.js';

/** `{"findings": [...], "summary": {"files", "error", "warning", "info"}}`, a stable contract. */
export const jsonReporter: Reporter = (report) => {
  const summary: Record<string, number> = { files: report.files.length };
  for (const severity of SEVERITIES) summary[severity] = 0;
  for (const finding of report.findings) summary[finding.severity]!++;
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
    ...(finding.operation ? { operation: finding.operation } : {}),
    ...(finding.status !== undefined ? { status: finding.status } : {}),
  }));
  return JSON.stringify({ findings, summary }, null, 2) + '\n';
};
