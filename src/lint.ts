import { resolve } from 'node:path';
import { displayPath, LoadError } from './errors.js';
import { locateFindings, RuleError, runRules } from './engine/run.js';
import type { EnabledRule, Finding, Rule, Severity } from './engine/types.js';
import { detectVersion, normalize } from './loader/normalize.js';
import { projectRootFor } from './loader/project-root.js';
import { Workspace } from './loader/resolve.js';
import { rules as allRules } from '../rules/index.js';

/** A problem that did not stop the lint but left part of a spec unread. */
export interface Notice {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** A bug in statuslint met while linting a spec: the result cannot be trusted. */
export interface InternalError {
  /** The spec being linted, as the user names it. */
  file: string;
  /** The rule that threw, when it was a rule. */
  ruleId?: string;
  /** Where the rule was looking, as `file:line:col`, when known. */
  at?: string;
  message: string;
  /** The error itself, for `--debug`. */
  error: unknown;
}

export interface LintResult {
  findings: Finding[];
  /** Specs that were loaded and linted. */
  files: string[];
  /** Inputs that could not be linted, each with its reason. */
  failures: LoadError[];
  notices: Notice[];
  /** Bugs met on the way; the other specs and rules were still run. */
  internalErrors: InternalError[];
  /** Absolute paths of every file read: the specs and what their `$ref`s name. */
  readPaths: string[];
}

export interface LintOptions {
  /** The rules to run; every rule at its default severity when absent. */
  rules?: readonly EnabledRule[];
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
  /** Folder that reported paths are relative to; the process's by default. */
  cwd?: string;
  /** Follow `$ref`s to files outside the project root (see `projectRootFor`). */
  allowExternalRefs?: boolean;
}

/** Every registered rule at its default severity: the `recommended` set. */
export function defaultRules(): EnabledRule[] {
  return Object.values(allRules).map((rule) => ({ rule, severity: rule.meta.severity }));
}

export function ruleById(id: string): Rule<any> | undefined {
  return Object.hasOwn(allRules, id) ? allRules[id] : undefined;
}

export { allRules };
export type { Finding, Severity };

/**
 * Lints each spec on its own; one that cannot be loaded is recorded as a failure and the
 * others are still linted. Shared files are parsed once per run.
 */
export function lint(paths: readonly string[], options: LintOptions = {}): LintResult {
  const enabled = options.rules ?? defaultRules();
  const cwd = options.cwd ?? process.cwd();
  const workspace = new Workspace({
    maxFileBytes: options.maxFileBytes,
    allowExternalRefs: options.allowExternalRefs,
    rootFor: (spec) => projectRootFor(spec, cwd),
  });
  const result: LintResult = { findings: [], files: [], failures: [], notices: [], internalErrors: [], readPaths: [] };
  const raw = [];
  for (const path of paths) {
    const ruleErrors: RuleError[] = [];
    try {
      const file = workspace.load(path);
      // Refuse a file that is not OpenAPI before complaining about its references.
      detectVersion(file);
      workspace.checkReferences(file);
      const spec = normalize(workspace, file);
      // Not `push(...)`: a 100 MB spec has more findings than a call has room for arguments.
      for (const finding of runRules(spec, enabled, { onRuleError: (error) => ruleErrors.push(error) })) raw.push(finding);
      result.files.push(displayPath(file.path, cwd));
    } catch (error) {
      if (error instanceof LoadError) result.failures.push(error);
      else result.internalErrors.push({ file: displayPath(resolve(path), cwd), message: messageOf(error), error });
    }
    for (const error of ruleErrors) {
      const region = error.at.file.locate([error.at.pointer]).get(error.at.pointer);
      result.internalErrors.push({
        file: displayPath(resolve(path), cwd),
        ruleId: error.ruleId,
        at: `${displayPath(error.at.file.path, cwd)}${region ? `:${region.line}:${region.column}` : ''}`,
        message: messageOf(error.cause),
        error: error.cause,
      });
    }
  }
  result.readPaths = workspace.loadedPaths;
  result.findings = locateFindings(raw, cwd);
  for (const notice of workspace.notices) {
    const region = notice.file.locate([notice.pointer]).get(notice.pointer);
    result.notices.push({ file: displayPath(notice.file.path, cwd), line: region?.line, column: region?.column, message: notice.message });
  }
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
