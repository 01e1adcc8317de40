import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { displayPath, LoadError } from './errors.js';
import { compareFindings, locateFindings, runRules } from './engine/run.js';
import type { EnabledRule, Finding, Rule, Severity } from './engine/types.js';
import { detectVersion, normalize } from './loader/normalize.js';
import { Workspace } from './loader/resolve.js';
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
}

export interface LintOptions {
  /** The rules to run; every rule at its default severity when absent. */
  rules?: readonly EnabledRule[];
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
  /** Folder that reported paths are relative to; the process's by default. */
  cwd?: string;
}

export interface ParallelLintOptions extends LintOptions {
  /** Most worker threads; the machine's parallelism by default, 1 to lint in this thread. */
  threads?: number;
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
  const workspace = new Workspace({ maxFileBytes: options.maxFileBytes });
  const result: LintResult = { findings: [], files: [], failures: [], notices: [] };
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
  for (const notice of workspace.notices) {
    const region = notice.file.locate([notice.pointer]).get(notice.pointer);
    result.notices.push({ file: displayPath(notice.file.path, cwd), line: region?.line, column: region?.column, message: notice.message });
  }
  return result;
}

/** Below this many specs per thread, starting a worker (~60 ms) costs more than it saves. */
const MIN_SPECS_PER_WORKER = 8;

/** What a worker is told: which rules to run, and then one spec at a time. */
export interface WorkerSetup {
  rules: Array<{ id: string; severity: Severity; options?: object }>;
  maxFileBytes?: number;
  cwd: string;
}

/** What a worker answers for one spec. */
export interface WorkerReply {
  index: number;
  findings: Finding[];
  file?: string;
  failure?: { file: string; detail: string; position?: { line: number; column: number } };
  notices: Notice[];
}

/**
 * Lints many specs on worker threads, one spec at a time to whichever worker is free, with
 * the same result as `lint()`: same findings in the same order, failures in input order,
 * each notice once. Few specs, one thread, or rules that are not in the registry (a worker
 * can only name rules by id) lint in this thread.
 */
export async function lintParallel(paths: readonly string[], options: ParallelLintOptions = {}): Promise<LintResult> {
  const enabled = options.rules ?? defaultRules();
  const workerUrl = new URL('./lint-worker.js', import.meta.url);
  const threads = Math.min(options.threads ?? availableParallelism(), Math.floor(paths.length / MIN_SPECS_PER_WORKER));
  const byId = enabled.every((entry) => allRules[entry.rule.id] === entry.rule);
  // From TypeScript sources (tests), there is no compiled worker to start.
  if (threads < 2 || !byId || !existsSync(fileURLToPath(workerUrl))) return lint(paths, options);

  // Loaded here, not at start-up: linting one spec never needs it.
  const { Worker } = await import('node:worker_threads');
  const cwd = options.cwd ?? process.cwd();
  const setup: WorkerSetup = {
    rules: enabled.map((entry) => ({ id: entry.rule.id, severity: entry.severity, options: entry.options })),
    maxFileBytes: options.maxFileBytes,
    cwd,
  };
  const replies: WorkerReply[] = new Array(paths.length);
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let running = threads;
    const workers: Worker[] = [];
    const fail = (error: unknown): void => {
      for (const worker of workers) void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const feed = (worker: Worker): void => {
      if (next < paths.length) {
        worker.postMessage({ index: next, path: paths[next] });
        next++;
      } else {
        worker.postMessage(null);
      }
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerUrl, { workerData: setup });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        replies[reply.index] = reply;
        feed(worker);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`a lint worker stopped with exit code ${code}`));
        else if (--running === 0) resolve();
      });
      // Two specs in hand each, so a worker never waits for the next one.
      feed(worker);
      feed(worker);
    }
  });

  const result: LintResult = { findings: [], files: [], failures: [], notices: [] };
  const seenNotices = new Set<string>();
  for (const reply of replies) {
    for (const finding of reply.findings) result.findings.push(finding);
    if (reply.file !== undefined) result.files.push(reply.file);
    if (reply.failure) result.failures.push(new LoadError(reply.failure.file, reply.failure.detail, reply.failure.position));
    // A file shared by specs on two workers is checked on both; say its notices once.
    for (const notice of reply.notices) {
      const key = `${notice.file}\u0000${notice.line}\u0000${notice.column}\u0000${notice.message}`;
      if (seenNotices.has(key)) continue;
      seenNotices.add(key);
      result.notices.push(notice);
    }
  }
  result.findings.sort(compareFindings);
  return result;
}
