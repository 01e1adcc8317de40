import { displayPath, LoadError } from './errors.js';
import { locateFindings, runRules } from './engine/run.js';
import type { EnabledRule, Finding, Rule, Severity } from './engine/types.js';
import { detectVersion, normalize } from './loader/normalize.js';
import { Workspace } from './loader/resolve.js';
import type { FixIntent } from './fix/intents.js';
import { rules as allRules } from '../rules/index.js';

/** A problem that did not stop the lint but left part of a spec unread. */
export interface Notice {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface LintResult {
  findings: Finding[];
  /** Specs that were loaded and linted. */
  files: string[];
  /** Inputs that could not be linted, each with its reason. */
  failures: LoadError[];
  notices: Notice[];
  /** The mechanical repairs that rules offered for their findings. */
  fixes: FixIntent[];
}

export interface LintOptions {
  /** The rules to run; every rule at its default severity when absent. */
  rules?: readonly EnabledRule[];
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
  /** Folder that reported paths are relative to; the process's by default. */
  cwd?: string;
  /** File texts to lint instead of what is on disk, by absolute path. */
  overlay?: ReadonlyMap<string, string>;
}

/** The `recommended` set: every registered rule not marked opt-in, at its default severity. */
export function defaultRules(): EnabledRule[] {
  return Object.values(allRules)
    .filter((rule) => rule.meta.recommended !== false)
    .map((rule) => ({ rule, severity: rule.meta.severity }));
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
  const workspace = new Workspace({ maxFileBytes: options.maxFileBytes, overlay: options.overlay });
  const result: LintResult = { findings: [], files: [], failures: [], notices: [], fixes: [] };
  const raw = [];
  for (const path of paths) {
    try {
      const file = workspace.load(path);
      // Refuse a file that is not OpenAPI before complaining about its references.
      detectVersion(file);
      workspace.checkReferences(file);
      const spec = normalize(workspace, file);
      raw.push(...runRules(spec, enabled));
      result.files.push(displayPath(file.path, cwd));
    } catch (error) {
      if (error instanceof LoadError) result.failures.push(error);
      else throw error;
    }
  }
  result.findings = locateFindings(raw, cwd);
  for (const finding of raw) if (finding.fix) result.fixes.push(finding.fix);
  for (const notice of workspace.notices) {
    const region = notice.file.locate([notice.pointer]).get(notice.pointer);
    result.notices.push({ file: displayPath(notice.file.path, cwd), line: region?.line, column: region?.column, message: notice.message });
  }
  return result;
}
