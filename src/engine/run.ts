import { displayPath } from '../errors.js';
import type { Spec } from '../loader/normalize.js';
import type { SourceFile } from '../loader/parse.js';
import type { Located } from '../loader/resolve.js';
import { child } from '../loader/normalize.js';
import { isWithin } from '../loader/pointer.js';
import { resolveOptions } from './options.js';
import { applySuppressions, type SuppressionOptions } from './suppress.js';
import type { EnabledRule, Finding, RawFinding, RuleVisitors } from './types.js';

function format(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/**
 * Runs the enabled rules over one spec in a single walk and returns what they report.
 * A problem in a shared definition is reported once, where it is written: reports are
 * keyed by rule, file, pointer and message. Findings that an `x-statuslint-ignore` covers are
 * dropped (see suppress.ts).
 */
export function runRules(spec: Spec, rules: readonly EnabledRule[], suppressions: SuppressionOptions = {}): RawFinding[] {
  const findings = new Map<string, RawFinding>();
  // The operations whose visit reported each finding, so a suppression on one of them that
  // misses a shared definition can say where the finding is.
  const reachedFrom = new Map<RawFinding, Set<Located>>();
  const active: Array<{ visitors: RuleVisitors; current: { operation?: Spec['operations'][number]; status?: string } }> = [];

  for (const { rule, severity, options } of rules) {
    const current: { operation?: Spec['operations'][number]; status?: string } = {};
    const visitors = rule.create({
      options: resolveOptions(rule, options),
      spec,
      deref: (node) => spec.workspace.deref(node),
      child,
      report({ messageId, at, data, fix }) {
        const template = rule.meta.messages[messageId];
        if (template === undefined) throw new Error(`rule '${rule.id}' reported unknown message id '${messageId}'`);
        const message = format(template, data);
        const key = `${rule.id}\u0000${at.file.path}\u0000${at.pointer}\u0000${message}`;
        const operation = current.operation;
        const known = findings.get(key);
        if (known) {
          if (operation) reachedFrom.get(known)?.add(operation.node);
          return;
        }
        const finding: RawFinding = { ruleId: rule.id, messageId, severity, message, at };
        reachedFrom.set(finding, new Set(operation ? [operation.node] : []));
        // A finding in a shared definition belongs to no single operation.
        if (operation && at.file === operation.node.file && isWithin(at.pointer, operation.node.pointer)) {
          finding.operation = { method: operation.method, path: operation.path };
        }
        if (current.status !== undefined) finding.status = current.status;
        if (fix) finding.fix = fix;
        findings.set(key, finding);
      },
    });
    active.push({ visitors, current });
  }

  for (const { visitors } of active) visitors.Spec?.(spec);
  for (const operation of spec.operations) {
    for (const { visitors, current } of active) {
      if (!visitors.Operation) continue;
      current.operation = operation;
      current.status = undefined;
      visitors.Operation(operation);
    }
    for (const response of operation.responses) {
      for (const { visitors, current } of active) {
        if (!visitors.Response) continue;
        current.operation = operation;
        current.status = response.status;
        visitors.Response(response, operation);
      }
    }
  }
  for (const { current } of active) {
    current.operation = undefined;
    current.status = undefined;
  }
  return applySuppressions(spec, [...findings.values()], new Set(rules.map((entry) => entry.rule.id)), suppressions, reachedFrom);
}

/** Looks up the positions of findings, one batch per file, and sorts them by file and line. */
export function locateFindings(raw: readonly RawFinding[], cwd = process.cwd()): Finding[] {
  const byFile = new Map<SourceFile, RawFinding[]>();
  for (const finding of raw) {
    const list = byFile.get(finding.at.file);
    if (list) list.push(finding);
    else byFile.set(finding.at.file, [finding]);
  }
  const located: Finding[] = [];
  for (const [file, findings] of byFile) {
    const regions = file.locate(findings.map((finding) => finding.at.pointer));
    const name = displayPath(file.path, cwd);
    for (const { at, fix: _fix, ...rest } of findings) {
      const region = regions.get(at.pointer) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
      located.push({
        ruleId: rest.ruleId,
        messageId: rest.messageId,
        severity: rest.severity,
        message: rest.message,
        file: name,
        pointer: at.pointer,
        ...region,
        ...(rest.operation ? { operation: rest.operation } : {}),
        ...(rest.status !== undefined ? { status: rest.status } : {}),
      });
    }
  }
  return located.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
