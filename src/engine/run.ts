import { displayPath, printable } from '../errors.js';
import { agreeOn } from '../fix/intents.js';
import type { Located } from '../loader/resolve.js';
import type { Operation, Response, Spec } from '../loader/normalize.js';
import type { SourceFile } from '../loader/parse.js';
import type { Region } from '../loader/line-index.js';
import { child } from '../loader/normalize.js';
import { isWithin } from '../loader/pointer.js';
import { resolveOptions } from './options.js';
import { applySuppressions, collectSuppressions, type Reaches, type SuppressionOptions, type Use } from './suppress.js';
import type { EnabledRule, Finding, RawFinding, RuleVisitors, Severity } from './types.js';

/** A message template cut at its `{{name}}` placeholders: text, then placeholder, text, … */
type Template = Array<string | { name: string; whole: string }>;

// Templates are the rules' fixed messages, and a big spec reports thousands of findings:
// cut each template once instead of scanning it with a pattern for every report.
const templates = new Map<string, Template>();

function compile(template: string): Template {
  const parts: Template = [];
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    parts.push(template.slice(last, match.index), { name: match[1]!, whole: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

function format(template: string, data: Record<string, string | number> = {}): string {
  let parts = templates.get(template);
  if (!parts) templates.set(template, (parts = compile(template)));
  let message = '';
  // Indexed: this runs for every report, often before it is optimised, where for-of makes an
  // iterator result per part.
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (typeof part === 'string') message += part;
    // Values come from the spec: no control characters reach a terminal or a log.
    else message += Object.hasOwn(data, part.name) ? printable(String(data[part.name])) : part.whole;
  }
  return message;
}

/**
 * A rule threw: a bug in statuslint, not in the spec. Carries the rule and the node it was
 * visiting; the original error is the `cause`.
 */
export class RuleError extends Error {
  override readonly name = 'RuleError';
  constructor(
    readonly ruleId: string,
    readonly at: Located,
    cause: unknown,
  ) {
    super(`rule '${ruleId}' failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface RunOptions extends SuppressionOptions {
  /**
   * Called when a rule throws; the rule is then skipped for the rest of the spec and the
   * other rules go on. Without it, the RuleError is thrown.
   */
  onRuleError?(error: RuleError): void;
}

type OperationRef = { readonly method: string; readonly path: string } | undefined;

/**
 * Whether two messages say the same but for the operation each names. A path item shared
 * through `$ref` (or a YAML alias) is one operation reached under several paths: "POST /v1/items
 * documents no 400" and "POST /v2/items documents no 400" are one problem, written once.
 */
export function sameBarOperation(a: string, aOperation: OperationRef, b: string, bOperation: OperationRef): boolean {
  if (a === b) return true;
  if (!aOperation || !bOperation) return false;
  return withoutOperation(a, aOperation) === withoutOperation(b, bOperation);
}

function withoutOperation(message: string, operation: NonNullable<OperationRef>): string {
  // As rules write it: `{{method}} {{path}}`, the method upper-case, the path made printable.
  const label = `${operation.method.toUpperCase()} ${printable(operation.path)}`;
  const at = message.indexOf(label);
  return at === -1 ? message : message.slice(0, at) + message.slice(at + label.length);
}

/**
 * Findings kept once each: two reports are one finding when they have the same rule and message
 * (but for the operation they name) at the same place (file and pointer). Compared field by
 * field under maps by file and pointer, not through a key string per finding: joining and
 * hashing those took 14 of the 19 ms spent merging the benchmark's 12,152 findings, at the end
 * of the run, when nothing else runs.
 */
export class FindingSet<T extends { readonly ruleId: string; readonly message: string; readonly operation?: OperationRef }> {
  // Most pointers carry one finding: kept bare, a list only from the second on.
  private readonly byFile = new Map<string, Map<string, T | T[]>>();

  /** The finding kept with this rule and message in `file` at `pointer`, if any. */
  find(ruleId: string, message: string, file: string, pointer: string, operation?: OperationRef): T | undefined {
    const here = this.byFile.get(file)?.get(pointer);
    if (here === undefined) return undefined;
    if (!Array.isArray(here)) return here.ruleId === ruleId && sameBarOperation(here.message, here.operation, message, operation) ? here : undefined;
    for (const kept of here) if (kept.ruleId === ruleId && sameBarOperation(kept.message, kept.operation, message, operation)) return kept;
    return undefined;
  }

  /** Adds `finding`, found in `file` at `pointer`, unless one like it is kept there; says whether it was added. */
  add(finding: T, file: string, pointer: string): boolean {
    return this.keep(finding, file, pointer) === undefined;
  }

  /**
   * Adds `finding`, found in `file` at `pointer`, unless one like it is kept there: answers that
   * one, which the caller may merge `finding` into, or undefined when `finding` was added.
   */
  keep(finding: T, file: string, pointer: string): T | undefined {
    const kept = this.find(finding.ruleId, finding.message, file, pointer, finding.operation);
    if (kept) return kept;
    let byPointer = this.byFile.get(file);
    if (!byPointer) this.byFile.set(file, (byPointer = new Map()));
    const here = byPointer.get(pointer);
    if (here === undefined) byPointer.set(pointer, finding);
    else if (Array.isArray(here)) here.push(finding);
    else byPointer.set(pointer, [here, finding]);
    return undefined;
  }
}

/**
 * Runs the enabled rules over one spec in a single walk and returns what they report.
 * A problem in a shared definition is reported once, where it is written: reports are
 * keyed by rule, file, pointer and message. Findings that an `x-statuslint-ignore` covers are
 * dropped (see suppress.ts).
 */
export function runRules(spec: Spec, rules: readonly EnabledRule[], runOptions: RunOptions = {}): RawFinding[] {
  // Read first: most specs carry no `x-statuslint-ignore`, and then nothing below needs to
  // remember which operations reached a finding.
  const suppressions = collectSuppressions(spec);
  const suppressing = suppressions.entries.length > 0;
  // In the order first reported.
  const findings: RawFinding[] = [];
  // The same findings again. A report with the same rule, message, file and pointer is the
  // finding again: a shared definition met from another operation.
  const kept = new FindingSet<RawFinding>();
  // The operations whose visit reported each finding, so a suppression on one of them that
  // misses a shared definition can say where the finding is.
  const reachedFrom = new Map<RawFinding, Set<Located>>();
  // The shared response that each finding reported at a `$ref` naming it is about (a 426 that
  // uses a response also used for 400): a suppression in that response covers its uses too.
  const aboutDefinition = new Map<RawFinding, Located>();
  // For findings inside a response, header or schema that a use names through `$ref`s with
  // lists beside them: how each visit reached them, so those lists silence a finding only when
  // every use has one.
  const uses = suppressions.uses;
  const reachedThrough = suppressing && uses.size > 0 ? new Map<RawFinding, Reaches>() : undefined;
  const noteReach = (finding: RawFinding, at: Located, isNew: boolean): void => {
    const response = current.response;
    const list = response && uses.get(response);
    let reaches = reachedThrough!.get(finding);
    let inside = false;
    if (list) {
      for (let index = 0; index < list.length; index++) {
        const use = list[index]!;
        if (!aboutUse(use, at)) continue;
        // No record yet: every visit before this one (if any) was open.
        if (!reaches) reachedThrough!.set(finding, (reaches = { open: !isNew, uses: [] }));
        reaches.uses.push(use.scopes);
        inside = true;
      }
    }
    if (!inside && reaches) reaches.open = true;
  };
  // Where the walk is, the same for every rule: reports take their operation and status from it.
  const current: Cursor = { operation: undefined, response: undefined, status: undefined, operationRef: undefined };
  const active: Active[] = [];
  const fail = (id: string, at: Located, error: unknown): void => {
    const wrapped = new RuleError(id, at, error);
    if (!runOptions.onRuleError) throw wrapped;
    runOptions.onRuleError(wrapped);
  };
  // Each call into a rule is guarded: one broken rule must not take the others down with it.
  // In place, with no closure per call (there are rules × responses of them); a rule that
  // throws is skipped for the rest of the spec.
  const failed = (entry: Active, at: Located, error: unknown): void => {
    entry.failed = true;
    fail(entry.id, at, error);
  };

  // The workspace remembers where each chain ends (see Workspace.deref).
  const deref = (node: Located): Located | undefined => spec.workspace.deref(node);

  for (const { rule, severity, options } of rules) {
    // Outside the guard: options that do not fit are the user's error, not a rule's bug.
    const resolved = resolveOptions(rule, options);
    let visitors: RuleVisitors;
    try {
      visitors = rule.create({
        options: resolved,
        spec,
        deref,
        child,
        report({ messageId, at, data, fix }) {
          const template = rule.meta.messages[messageId];
          if (template === undefined) throw new Error(`rule '${rule.id}' reported unknown message id '${messageId}'`);
          const message = format(template, data);
          const operation = current.operation;
          // A finding in a shared definition belongs to no single operation.
          const within = operation !== undefined && at.file === operation.node.file && isWithin(at.pointer, operation.node.pointer);
          const operationRef = within ? (current.operationRef ??= { method: operation.method, path: operation.path }) : undefined;
          const known = kept.find(rule.id, message, at.file.path, at.pointer, operationRef);
          if (known) {
            // A shared response reached from another operation: the one fix must suit both.
            if (known.fix && fix) known.fix = agreeOn(known.fix, fix);
            if (operation && suppressing) reachedFrom.get(known)!.add(operation.node);
            if (reachedThrough) noteReach(known, at, false);
            return;
          }
          // Every field written, `undefined` when absent, in one order: what reads findings
          // (here, locateFindings, the sort) then meets one object shape, and V8 compiles it
          // once instead of again for each combination of optional fields it comes across.
          const finding: RawFinding = { ruleId: rule.id, messageId, severity, message, at, operation: operationRef, status: current.status, fix };
          if (suppressing) {
            reachedFrom.set(finding, new Set(operation ? [operation.node] : []));
            const response = current.response;
            if (response && response.entry !== response.node && at.file === response.entry.file && at.pointer === response.entry.pointer) aboutDefinition.set(finding, response.node);
            if (reachedThrough) noteReach(finding, at, true);
          }
          kept.add(finding, at.file.path, at.pointer);
          findings.push(finding);
        },
      });
    } catch (error) {
      fail(rule.id, spec.root, error);
      continue;
    }
    active.push({ id: rule.id, visitors, failed: false });
  }

  for (const entry of active) {
    try {
      entry.visitors.Spec?.(spec);
    } catch (error) {
      failed(entry, spec.root, error);
    }
  }
  visitOperations(spec.operations, active, current, failed);
  if (!suppressing && suppressions.invalid.length === 0 && suppressions.misplaced.length === 0 && !suppressions.lists?.length) return findings;
  return applySuppressions(suppressions, findings, new Set(rules.map((entry) => entry.rule.id)), runOptions, { reachedFrom, aboutDefinition, reachedThrough });
}

/** Whether `at` is written inside the node a use names, or at the use itself (the `$ref` under a status it does not fit). */
function aboutUse(use: Use, at: Located): boolean {
  if (at.file === use.target.file && isWithin(at.pointer, use.target.pointer)) return true;
  return at.file === use.entry.file && at.pointer === use.entry.pointer;
}

/** A rule taking part in a run, until it throws. */
interface Active {
  id: string;
  visitors: RuleVisitors;
  failed: boolean;
}

/** Where the walk over a spec is. */
interface Cursor {
  operation: Operation | undefined;
  /** The response being visited, if any: undefined while the Operation visitors run. */
  response: Response | undefined;
  status: string | undefined;
  /** The `operation` of findings inside the current operation: one object for all of them. */
  operationRef: RawFinding['operation'];
}

/**
 * Calls the rules' Operation and Response visitors. A function of its own, apart from the
 * rules' setup in runRules: a spec with thousands of operations has V8 optimise this loop while
 * it runs, and compiling all of runRules for it cost 22–40 ms per thread.
 *
 * It runs once per spec, mostly before it is optimised: indexed loops over only the rules that
 * visit each kind of node, with no iterator object per step.
 */
function visitOperations(operations: readonly Operation[], active: readonly Active[], current: Cursor, failed: (entry: Active, at: Located, error: unknown) => void): void {
  const onOperation = active.filter((entry) => entry.visitors.Operation);
  const onResponse = active.filter((entry) => entry.visitors.Response);
  for (let o = 0; o < operations.length; o++) {
    const operation = operations[o]!;
    current.operation = operation;
    current.response = undefined;
    current.status = undefined;
    current.operationRef = undefined;
    for (let r = 0; r < onOperation.length; r++) {
      const entry = onOperation[r]!;
      if (entry.failed) continue;
      try {
        entry.visitors.Operation!(operation);
      } catch (error) {
        failed(entry, operation.node, error);
      }
    }
    const responses = operation.responses;
    for (let s = 0; s < responses.length; s++) {
      const response = responses[s]!;
      current.response = response;
      current.status = response.status;
      for (let r = 0; r < onResponse.length; r++) {
        const entry = onResponse[r]!;
        if (entry.failed) continue;
        try {
          entry.visitors.Response!(response, operation);
        } catch (error) {
          failed(entry, response.node, error);
        }
      }
    }
  }
  current.operation = undefined;
  current.response = undefined;
  current.status = undefined;
}

const NOWHERE = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Looks up the positions of findings, one batch per file, and sorts them by file and line. */
export function locateFindings(raw: readonly RawFinding[], cwd = process.cwd()): Finding[] {
  const byFile = new Map<SourceFile, RawFinding[]>();
  // Indexed loops: this runs once per spec, mostly before it is optimised, where for-of makes
  // an iterator result per finding.
  for (let index = 0; index < raw.length; index++) {
    const finding = raw[index]!;
    const list = byFile.get(finding.at.file);
    if (list) list.push(finding);
    else byFile.set(finding.at.file, [finding]);
  }
  const located: Finding[] = [];
  for (const [file, findings] of byFile) {
    const pointers: string[] = [];
    for (let index = 0; index < findings.length; index++) pointers.push(findings[index]!.at.pointer);
    const regions = file.locate(pointers);
    const name = displayPath(file.path, cwd);
    // Where a YAML alias repeats a node, its findings repeat under each pointer, at one place,
    // and are reported under the pointer where it is written.
    const written = file.sharesNodes ? new WrittenOnce() : undefined;
    const moved = written ? file.writtenPointers(pointers) : undefined;
    for (let index = 0; index < findings.length; index++) {
      const { ruleId, messageId, severity, message, at, operation, status } = findings[index]!;
      const region = regions.get(at.pointer);
      const pointer = moved?.get(at.pointer) ?? at.pointer;
      let slot = WrittenOnce.NEW;
      if (written && region) {
        slot = written.add(name, findings[index]!, pointer, region, located.length);
        if (slot === WrittenOnce.KEPT) {
          keepMostSevere(located[written.keptSlot]!, findings[index]!);
          continue;
        }
      }
      const { line, column, endLine, endColumn } = region ?? NOWHERE;
      // Built field by field, in the order reporters print them, rather than by spreading the
      // raw finding's rest and its region: those made throwaway objects for every finding.
      // All fields always, as for raw findings: one shape for the sort to compare.
      const finding: Finding = { ruleId, messageId, severity, message, file: name, pointer, line, column, endLine, endColumn, operation, status };
      if (slot === WrittenOnce.NEW) located.push(finding);
      else {
        keepMostSevere(finding, located[slot]!);
        located[slot] = finding;
      }
    }
  }
  return located.sort(compareFindings);
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * A finding that several specs of a run report once (in a file they share) takes the most
 * severe of their settings, so that neither the report nor the exit code hangs on which spec
 * came first. Raises `kept`'s severity to `other`'s when that is higher.
 */
export function keepMostSevere(kept: { severity: Severity }, other: { readonly severity: Severity }): void {
  if (SEVERITY_RANK[other.severity] > SEVERITY_RANK[kept.severity]) kept.severity = other.severity;
}

/**
 * Findings kept once each by where they are written: a node that a YAML alias repeats is one
 * place under several pointers. Within a spec, locateFindings meets its findings once under
 * each pointer; across specs, two that share its file may each reach it by another pointer
 * (`B: *a` beside `A: &a`). locateFindings gives each the pointer where its node is written
 * (SourceFile.writtenPointers), so that which specs a run lints, and in what order, cannot
 * change the pointer a baseline keys it by; where that pointer could not be found (a member of
 * a mapping merged in inline) the one kept is the one under the pointer that sorts first.
 * Keyed by file and one number for the start, not a key string per finding (see FindingSet).
 */
export class WrittenOnce {
  /** What `add` answers for a finding met for the first time at its place: add it to the list. */
  static readonly NEW = -1;
  /** What `add` answers for a finding like one kept there under a pointer that sorts first: drop it. */
  static readonly KEPT = -2;

  private readonly byFile = new Map<string, Map<number, Array<{ ruleId: string; message: string; operation?: OperationRef; pointer: string; endLine: number; endColumn: number; slot: number }>>>();

  /** After `add` answered KEPT: the index of the finding kept, in the caller's list. */
  keptSlot = -1;

  /**
   * Records `finding`, found at `pointer` and written at `region` of `file`, which the caller
   * would put at index `slot` of its list. Answers NEW when no finding like it is kept there,
   * KEPT when one is under a pointer that sorts first (or the same), and else the index of that
   * one in the caller's list, which `finding` then replaces.
   */
  add(file: string, finding: { readonly ruleId: string; readonly message: string; readonly operation?: OperationRef }, pointer: string, region: Region, slot: number): number {
    const { line, column, endLine, endColumn } = region;
    let byStart = this.byFile.get(file);
    if (!byStart) this.byFile.set(file, (byStart = new Map()));
    const start = line * 2 ** 26 + column;
    const here = byStart.get(start);
    const kept = { ruleId: finding.ruleId, message: finding.message, operation: finding.operation, pointer, endLine, endColumn, slot };
    if (!here) {
      byStart.set(start, [kept]);
      return WrittenOnce.NEW;
    }
    for (const other of here) {
      if (other.ruleId !== finding.ruleId || other.endLine !== endLine || other.endColumn !== endColumn || !sameBarOperation(other.message, other.operation, finding.message, finding.operation)) continue;
      if (!(pointer < other.pointer)) {
        this.keptSlot = other.slot;
        return WrittenOnce.KEPT;
      }
      other.pointer = pointer;
      other.message = finding.message;
      other.operation = finding.operation;
      return other.slot;
    }
    here.push(kept);
    return WrittenOnce.NEW;
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
