import type { ChalkInstance } from 'chalk';
import type { Finding, Severity } from '../engine/types.js';
import { printable } from '../errors.js';
import { headline, inputErrors, internalErrors, summaryLine } from './context.js';
import type { Report, StringReporter } from './types.js';

type Style = (text: string) => string;

interface Styles {
  severity: Record<Severity, Style>;
  file: Style;
  dim: Style;
  clean: Style;
  failed: Style;
  warned: Style;
}

const same: Style = (text) => text;
/** What chalk gives at colour level 0: the text as it is. */
const PLAIN: Styles = { severity: { error: same, warning: same, info: same }, file: same, dim: same, clean: same, failed: same, warned: same };

/**
 * Findings grouped by file, `line:col  severity  message  rule-id`, each message led by the
 * operation it is about as annotations and SARIF lead it (`headline`), then a summary line
 * that also counts the inputs that could not be linted (their reasons go to stderr);
 * coloured with `chalk` when the report asks for colour. Without colour (a pipe, a CI log)
 * chalk is not needed, and `reporterFor` leaves it unloaded: it is ~7 ms of start-up.
 */
export function createTextReporter(chalk?: ChalkInstance): StringReporter {
  const coloured: Styles | undefined = chalk && {
    severity: { error: chalk.red, warning: chalk.yellow, info: chalk.blue },
    file: chalk.underline,
    dim: chalk.dim,
    clean: chalk.green,
    failed: chalk.red.bold,
    warned: chalk.yellow.bold,
  };
  return (report, options) => textReport(report, options.color && coloured ? coloured : PLAIN);
}

function textReport(report: Report, style: Styles): string {
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    // A file's name is the file system's, not ours: a newline or an escape in it must not
    // start a line of its own or recolour the terminal.
    out.push(style.file(printable(file)));
    const places = findings.map((finding) => `${finding.line}:${finding.column}`);
    const placeWidth = places.reduce((width, place) => Math.max(width, place.length), 0);
    // Led by the operation: in a large spec many lines say the same of another operation's
    // response ("201 response declares no 'Location' header"), and a line number alone does
    // not tell them apart. A finding in a shared definition keeps its plain message.
    findings.forEach((finding, index) => {
      const place = places[index]!.padEnd(placeWidth);
      const severity = style.severity[finding.severity](finding.severity.padEnd(7));
      out.push(`  ${style.dim(place)}  ${severity}  ${headline(finding)}  ${style.dim(finding.ruleId)}`);
    });
    out.push('');
  }
  // Each input error has its own line on stderr; the summary only must not read as a clean
  // run, nor leave a report file (--output) saying nothing of the inputs never read.
  const failed = inputErrors(report).length > 0 || internalErrors(report).length > 0;
  if (report.findings.length === 0 && !failed) {
    out.push(style.clean(`✔ ${summaryLine(report)}`));
  } else {
    const line = `✖ ${summaryLine(report)}`;
    out.push(failed || report.findings.some((finding) => finding.severity === 'error') ? style.failed(line) : style.warned(line));
  }
  return out.join('\n') + '\n';
}
