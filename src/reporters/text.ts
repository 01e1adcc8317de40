import { Chalk } from 'chalk';
import type { Finding, Severity } from '../engine/types.js';
import type { Reporter } from './types.js';
import { plural } from '../plural.js';

/** Findings grouped by file, `line:col  severity  message  rule-id`, then a summary line. */
export const textReporter: Reporter = (report, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<Severity, (text: string) => string> = {
    error: chalk.red,
    warning: chalk.yellow,
    info: chalk.blue,
  };
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    out.push(chalk.underline(file));
    const places = findings.map((finding) => `${finding.line}:${finding.column}`);
    const placeWidth = places.reduce((width, place) => Math.max(width, place.length), 0);
    findings.forEach((finding, index) => {
      const place = places[index]!.padEnd(placeWidth);
      const severity = paint[finding.severity](finding.severity.padEnd(7));
      out.push(`  ${chalk.dim(place)}  ${severity}  ${finding.message}  ${chalk.dim(finding.ruleId)}`);
    });
    out.push('');
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of report.findings) counts[finding.severity]++;
  const total = report.findings.length;
  const files = plural(report.files.length, 'file');
  if (total === 0) {
    out.push(chalk.green(`✔ no problems in ${files}`));
  } else {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.info} info`];
    const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')}) in ${files}`;
    out.push(counts.error > 0 ? chalk.red.bold(line) : chalk.yellow.bold(line));
  }
  return out.join('\n') + '\n';
};
