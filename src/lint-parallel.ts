import { existsSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { displayPath, LoadError, type ErrorPosition } from './errors.js';
import { fixKey } from './fix/intents.js';
import { silencedKey, unusedSuppression, withoutSilencedEntries } from './engine/suppress.js';
import { compareFindings, FindingSet, keepMostSevere, WrittenOnce } from './engine/run.js';
import type { EnabledRule, Finding, Rule, Severity } from './engine/types.js';
import { allRules, canonicalPathsOf, defaultRules, emptyResult, failureKey, compareNotices, FirstSeen, lint, noticeKey, silencedKeysOf, sourcesOf, type InternalError, type LintOptions, type LintResult, type Notice } from './lint.js';
import { MIN_SPECS_PER_WORKER, releaseEarlyWorker, takeEarlyWorker, WORKER_URL, type WorkerStart } from './early-worker.js';
import { jobRunner } from './lint-job.js';
import type { Fingerprint } from './loader/fingerprint.js';
import { projectRoots } from './loader/project-root.js';
import type { LintCache } from './cache.js';

export interface ParallelLintOptions extends LintOptions {
  /**
   * Threads to lint on, this one included. By default one per core, and only this one unless
   * each would get at least MIN_SPECS_PER_WORKER specs; a number given here is used as it is
   * (1 or 0: this thread alone).
   */
  threads?: number;
  /**
   * Whether this thread lints too, beside `threads - 1` workers (the default), or only
   * merges while `threads` workers lint; tests use the latter to crash every spec's worker.
   */
  lintHere?: boolean;
  /** The worker module; tests pass one that crashes. */
  workerUrl?: URL;
  /**
   * Called once, right before the first spec is linted: after the workers have started (or
   * after WORKER_START_WAIT_MS), so that whatever it changes in the process does not slow
   * their start. The CLI raises V8's tier-up threshold there (tier-up.ts).
   */
  beforeLint?: () => void;
  /**
   * Called after the run, for each input whose lint offered `--fix` intents, with their keys
   * (fixKey): the intents themselves name parsed nodes, which cannot leave a worker's thread,
   * so `--fix` lints again in this thread only the specs that offered some. When the specs
   * lint in this thread alone with `lint()`, every input is named, with every key.
   */
  onFixKeys?: (path: string, keys: readonly string[]) => void;
  /**
   * With `onFixKeys`: called after the run with the real path of each file some spec reached
   * through a symbolic link, so that --fix, which lints the specs that offer fixes a few at a
   * time, writes no `$ref` there although the batch that fixes the file did not read the link.
   */
  onLinkedFiles?: (realPaths: ReadonlySet<string>) => void;
  /**
   * `--cache`: specs whose files and settings are unchanged since it kept their answer are not
   * linted again, and what is linted is kept for the next run (the caller saves it). Not used
   * with an overlay, whose texts are not on disk.
   */
  cache?: LintCache;
}

/**
 * How long this thread waits for its workers to start before `beforeLint`. A worker starts in
 * ~50 ms on an idle machine; past this, linting begins anyway.
 */
export const WORKER_START_WAIT_MS = 200;

/** What each worker is told once. */
export interface WorkerSetup {
  cwd: string;
  maxFileBytes?: number;
  allowExternalRefs?: boolean;
  /** See LintOptions.namedFolders. */
  namedFolders?: readonly string[];
  unusedSuppressions?: Severity | 'off';
  /** Texts that stand in for files on disk, by absolute path (`--fix`'s edits so far). */
  overlay?: ReadonlyMap<string, string>;
  /** Whether replies carry the keys of the fixes offered (see ParallelLintOptions.onFixKeys). */
  fixKeys?: boolean;
  /** Whether replies say what `--cache` needs to replay them (WorkerReply.cached). */
  cache?: boolean;
}

/** A rule as it crosses to a worker: by id, since functions cannot. */
export interface RuleRef {
  id: string;
  severity: Severity;
  options?: object;
}

/** One input to look at (and lint, if it is a spec), or a components-only spec to lint as a root. */
export interface WorkerJob {
  job: number;
  path: string;
  discovered: boolean;
  asRoot: boolean;
  rules: RuleRef[];
}

/** A worker's answer for one job; everything the worker's workspace learnt on the way is new since its last answer. */
export interface WorkerReply {
  job: number;
  kind: 'notSpec' | 'componentsOnly' | 'done';
  /** notSpec: the path as `lint()` records it; componentsOnly: the file's absolute path. */
  path?: string;
  /** The spec as the user names it, when it was linted. */
  file?: string;
  /** The rules were run (even if one of them failed). */
  ran: boolean;
  /** Located, in the order `lint()` would have met them, before deduplication. */
  findings: Finding[];
  failure?: { file: string; detail: string; position?: ErrorPosition };
  internalErrors: Array<Omit<InternalError, 'error'> & { stack?: string }>;
  notices: Notice[];
  /** Absolute paths of files newly named by a `$ref`. */
  referenced: string[];
  /** Absolute paths of files newly read. */
  loaded: string[];
  /**
   * Those of `loaded` that another path may also name (a link inside the project, several hard
   * links), with their identity (device and inode): each lane names such a file by the path
   * it met first, and the merge gives it one name (see Merge.canonicalPaths).
   */
  aliases?: Array<[path: string, identity: string]>;
  /**
   * The `x-statuslint-ignore` entries that silenced a finding of this spec, by file (as findings
   * name it) and place (silencedPlaces), when there are any: another spec's report that one is
   * unused is dropped.
   */
  silenced?: Array<[file: string, place: string]>;
  /** The keys of the fixes the spec's findings offer, when the setup asks for them and there are any. */
  fixKeys?: string[];
  /**
   * When the setup asks (`--cache`) and the spec's answer can be replayed: every file it
   * depends on with its fingerprint as read (the spec first), and the reply as a later run
   * replays it, as JSON. Made in the lane, so that the thread that merges does not. Absent
   * when the spec could not be linted, a rule failed, a file came from the overlay or a pipe,
   * or a file has a notice (sent with the first spec that reached it).
   */
  cached?: { files: Array<[path: string, print: Fingerprint]>; reply: string };
}

/**
 * Lints specs in this thread and on worker threads with the same result as `lint()` (findings
 * in the same order, the same files, failures, notices, skipped files and sources), except
 * `fixes`, which name parsed nodes and cannot cross threads (`onFixKeys` tells which specs
 * offer some, and `--fix` asks `lint()` for them), and rules that are not in the registry,
 * which a worker cannot name by id: those lint in this thread alone, with `lint()`. Few
 * specs, or running from TypeScript sources (no compiled worker), lint in this thread alone,
 * but still spec by spec: each is forgotten once linted, so memory stays flat over a folder.
 */
export async function lintParallel(paths: readonly string[], options: ParallelLintOptions = {}): Promise<LintResult> {
  const workerUrl = options.workerUrl ?? WORKER_URL;
  const fixed = options.rules ?? defaultRules();
  const rulesFor = typeof fixed === 'function' ? fixed : () => fixed;
  const enabledFor = new Map<string, readonly EnabledRule[]>();
  const rulesOf = (path: string): readonly EnabledRule[] => {
    let enabled = enabledFor.get(path);
    if (!enabled) enabledFor.set(path, (enabled = rulesFor(path)));
    return enabled;
  };
  // Rules a worker cannot name by id: this thread alone, as lint() does.
  if (!paths.every((path) => inRegistry(rulesOf(resolve(path))))) {
    releaseEarlyWorker();
    options.beforeLint?.();
    const result = lint(paths, options);
    // lint() does not say which spec offered which fix: every spec is said to offer them all.
    const keys = result.fixes.map(fixKey);
    if (keys.length > 0) for (const path of paths) options.onFixKeys?.(path, keys);
    return result;
  }

  const cwd = options.cwd ?? process.cwd();
  const cache = options.overlay ? undefined : options.cache;
  const replies: WorkerReply[] = new Array(paths.length);
  const keys = cache ? cacheKeys(cache, paths, rulesOf, options, cwd) : undefined;
  if (cache && keys) {
    paths.forEach((path, index) => {
      const kept = cache.lookup(resolve(path), keys[index]!);
      if (kept) replies[index] = { ...kept, job: index };
    });
  }
  const toLint = paths.flatMap((_, index) => (replies[index] ? [] : [index]));
  const threads = threadsFor(toLint.length, options.threads);
  const setup: WorkerSetup = {
    cwd,
    maxFileBytes: options.maxFileBytes,
    allowExternalRefs: options.allowExternalRefs,
    ...(options.namedFolders?.length ? { namedFolders: options.namedFolders } : {}),
    unusedSuppressions: options.unusedSuppressions,
    ...(options.overlay ? { overlay: options.overlay } : {}),
    ...(options.onFixKeys ? { fixKeys: true } : {}),
    ...(cache ? { cache: true } : {}),
  };
  // This thread lints too rather than wait on the workers: it starts at once, with its code
  // already loaded, and each worker costs a start-up and a JIT warm-up of its own (on 2 cores,
  // 200 specs: ~2.0 s of CPU in all, against ~2.3 s for two workers beside an idle thread).
  const compiled = existsSync(fileURLToPath(workerUrl));
  const workers = compiled ? threads - (options.lintHere === false ? 0 : 1) : 0;
  const lintHere = workers === 0 || options.lintHere !== false;
  // Loaded only when used: linting one spec never needs it.
  const Worker = workers > 0 ? (await import('node:worker_threads')).Worker : undefined;
  // The worker bin/statuslint.js started before loading the CLI, if it did: the first worker.
  const early = workers > 0 && workerUrl === WORKER_URL ? takeEarlyWorker() : undefined;
  releaseEarlyWorker();
  const started = workers > 0 && options.beforeLint ? (early?.started ?? new Int32Array(new SharedArrayBuffer(4))) : undefined;
  const pool = new Pool({ WorkerClass: Worker, url: workerUrl, count: workers, setup, started, early: early?.worker }, cwd, lintHere ? jobRunner(setup) : undefined);
  if (started) awaitStarts(started, workers, WORKER_START_WAIT_MS);
  options.beforeLint?.();
  const job = (index: number, path: string, asRoot: boolean): WorkerJob => ({
    job: index,
    path,
    discovered: options.discovered?.has(path) ?? false,
    asRoot,
    rules: rulesOf(resolve(path)).map(({ rule, severity, options: ruleOptions }) => ({ id: rule.id, severity, ...(ruleOptions !== undefined ? { options: ruleOptions } : {}) })),
  });

  const merged = new Merge(cwd, paths.map((path) => resolve(path)));
  try {
    let done = paths.length - toLint.length;
    if (done > 0) options.onProgress?.(done, paths.length);
    // Largest first, so that no thread is left with a big spec at the end while the others idle.
    await Promise.all(
      largestFirst(paths, toLint).map(async (index) => {
        const reply = await pool.run(job(index, paths[index]!, false));
        replies[index] = reply;
        cache?.record(resolve(paths[index]!), keys![index]!, reply);
        options.onProgress?.(++done, paths.length);
      }),
    );
    const componentsOnly: number[] = [];
    const notSpecs: number[] = [];
    const linked = new Set<string>();
    for (const [index, reply] of replies.entries()) {
      merged.add(reply, rulesOf(resolve(paths[index]!)));
      if (reply.fixKeys) options.onFixKeys?.(paths[index]!, reply.fixKeys);
      // A spelling that goes through a link is among the paths another may name (aliases).
      if (options.onLinkedFiles) for (const [path] of reply.aliases ?? []) addLinked(linked, path);
      if (reply.kind === 'componentsOnly') componentsOnly.push(index);
      else if (reply.kind === 'notSpec') notSpecs.push(index);
    }
    // In input order, as `lint()` does: a components-only spec that one linted before it
    // references is a fragment. Named as the input names it, not as the lane that read it
    // first (through another path, a link) does.
    for (const index of componentsOnly) {
      const path = resolve(paths[index]!);
      if (merged.isReferenced(path)) {
        merged.skip('fragments', path);
        continue;
      }
      const reply = await pool.run(job(paths.length, path, true));
      merged.add(reply, rulesOf(path));
      if (reply.fixKeys) options.onFixKeys?.(paths[index]!, reply.fixKeys);
      if (options.onLinkedFiles) for (const [aliased] of reply.aliases ?? []) addLinked(linked, aliased);
    }
    options.onLinkedFiles?.(linked);
    for (const index of notSpecs) {
      const path = resolve(paths[index]!);
      merged.skip(merged.isReferenced(path) ? 'fragments' : 'notOpenApi', path);
    }
  } finally {
    // Not awaited: the workers wind down on their own threads while this one merges and
    // reports (waiting cost ~9 ms at the end of every run), and Node lets them finish before
    // the process exits.
    pool.close();
  }
  return merged.finish();
}

/** Whether these rules are the registry's own, which a worker can name by id. */
function inRegistry(enabled: readonly EnabledRule[]): boolean {
  return enabled.every((entry) => allRules[entry.rule.id] === entry.rule);
}

/** Whether lintParallel can lint these specs on workers: every one with the registry's rules. */
export function workersCanLint(paths: readonly string[], rules: LintOptions['rules']): boolean {
  if (rules === undefined) return true;
  return paths.every((path) => inRegistry(typeof rules === 'function' ? rules(resolve(path)) : rules));
}

/** How many threads lintParallel lints `count` specs on, given `threads` (see ParallelLintOptions). */
export function threadsFor(count: number, threads?: number): number {
  return Math.max(1, Math.min(threads ?? Math.min(availableParallelism(), Math.floor(count / MIN_SPECS_PER_WORKER)), count));
}

/** Blocks this thread until `count` workers have said they started, or `timeoutMs` has passed. */
function awaitStarts(started: Int32Array, count: number, timeoutMs: number): void {
  const deadline = performance.now() + timeoutMs;
  for (let seen = Atomics.load(started, 0); seen < count; seen = Atomics.load(started, 0)) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    Atomics.wait(started, 0, seen, left);
  }
}

/** `indexes` of `paths`, the largest file first (unreadable ones last: they fail fast). */
function largestFirst(paths: readonly string[], indexes: readonly number[]): number[] {
  const sizes = new Map<number, number>();
  for (const index of indexes) {
    try {
      sizes.set(index, statSync(paths[index]!).size);
    } catch {
      sizes.set(index, 0);
    }
  }
  return [...indexes].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
}

/**
 * For each input, what its answer depends on besides its files: the rules and their options,
 * every setting that changes what is read or reported, the working directory (paths are shown
 * relative to it) and the project root its `$ref`s must stay inside.
 */
function cacheKeys(cache: LintCache, paths: readonly string[], rulesOf: (path: string) => readonly EnabledRule[], options: ParallelLintOptions, cwd: string): string[] {
  const rootFor = projectRoots(cwd, options.namedFolders);
  const byRules = new Map<readonly EnabledRule[], string>();
  return paths.map((path) => {
    const absolute = resolve(path);
    const enabled = rulesOf(absolute);
    let rules = byRules.get(enabled);
    if (rules === undefined) byRules.set(enabled, (rules = JSON.stringify(enabled.map(({ rule, severity, options: ruleOptions }) => [rule.id, severity, ruleOptions ?? null]))));
    return cache.keyOf([
      rules,
      cwd,
      options.discovered?.has(path) ?? false,
      options.maxFileBytes ?? null,
      options.allowExternalRefs ?? false,
      options.unusedSuppressions ?? null,
      options.allowExternalRefs ? null : rootFor(absolute),
    ]);
  });
}

/**
 * Puts the workers' answers together, in input order, as `lint()` builds its result. What
 * two answers may both report (a problem in a shared file, a notice, a failure) is kept once,
 * once every answer is in: a file that several paths name (a `common/` folder linked into each
 * service, a file with several hard links) is named in each lane by the path that lane met
 * first, so its names are known, and made one, only at the end.
 */
class Merge {
  readonly result = emptyResult();
  private readonly referenced = new Set<string>();
  private readonly loaded = new Set<string>();
  private readonly findings: Finding[] = [];
  private readonly notices: Notice[] = [];
  private readonly failures: LoadError[] = [];
  private readonly skipped: Array<{ kind: keyof LintResult['skipped']; path: string }> = [];
  /** The suppression entries that silenced something for some spec: file (as findings name it) and place (silencedPlaces). */
  private readonly silenced: Array<[file: string, place: string]> = [];
  private readonly ran = new Map<string, Rule<any>>();
  /** The paths read of each file that another path may also name, by identity. */
  private readonly aliases = new Map<string, Set<string>>();
  private canonical: Map<string, string> | undefined;

  constructor(
    private readonly cwd: string,
    /** The inputs, absolute, in input order: a file that is one is named as the input names it. */
    private readonly inputs: readonly string[],
  ) {}

  add(reply: WorkerReply, enabled: readonly EnabledRule[]): void {
    for (const path of reply.loaded) this.loaded.add(path);
    if (reply.aliases) this.canonical = undefined;
    for (const [path, identity] of reply.aliases ?? []) {
      let paths = this.aliases.get(identity);
      if (!paths) this.aliases.set(identity, (paths = new Set()));
      paths.add(path);
    }
    for (const path of reply.referenced) this.referenced.add(path);
    for (const notice of reply.notices) this.notices.push(notice);
    if (reply.ran) for (const { rule } of enabled) this.ran.set(rule.id, rule);
    for (const entry of reply.silenced ?? []) this.silenced.push(entry);
    // Not `push(...)`: a 100 MB spec has more findings than a call has room for arguments.
    for (const finding of reply.findings) this.findings.push(finding);
    for (const error of reply.internalErrors) {
      const { stack, ...rest } = error;
      this.result.internalErrors.push({ ...rest, error: Object.assign(new Error(error.message), { stack }) });
    }
    if (reply.file !== undefined) this.result.files.push(reply.file);
    if (reply.failure) this.failures.push(new LoadError(reply.failure.file, reply.failure.detail, reply.failure.position));
  }

  /** Whether a `$ref` names the file at `path` (absolute), by whichever of its paths. */
  isReferenced(path: string): boolean {
    if (this.referenced.has(path)) return true;
    const paths = this.canonicalPaths();
    if (paths.size === 0) return false;
    const named = paths.get(path) ?? path;
    for (const referenced of this.referenced) if ((paths.get(referenced) ?? referenced) === named) return true;
    return false;
  }

  /** Records an input (absolute) that was not linted as a spec of its own. */
  skip(kind: keyof LintResult['skipped'], path: string): void {
    this.skipped.push({ kind, path });
  }

  /** The one name of each file that several paths name, for each of its other paths (canonicalPathsOf). */
  private canonicalPaths(): Map<string, string> {
    return (this.canonical ??= canonicalPathsOf(this.aliases.values(), this.inputs));
  }

  finish(): LintResult {
    const result = this.result;
    const paths = this.canonicalPaths();
    const cwd = this.cwd;
    // The same for names as findings write them (relative to the working directory).
    const names = new Map([...paths].map(([path, chosen]) => [displayPath(path, cwd), displayPath(chosen, cwd)]));
    const nameOf = (file: string): string => names.get(file) ?? file;
    const pathOf = (path: string): string => paths.get(path) ?? path;

    // Two specs sharing a file find the same problems in it: keep the first report, with the
    // most severe of their settings. One that each reached by another name, through a YAML
    // alias, comes under the pointer where it is written from either (see WrittenOnce).
    const seen = new FindingSet<Finding>();
    const written = new WrittenOnce();
    const findings: Finding[] = [];
    for (const found of this.findings) {
      const finding = names.has(found.file) ? { ...found, file: nameOf(found.file) } : found;
      // A place not found (an empty region at the start) tells no two findings apart.
      const placed = finding.line !== finding.endLine || finding.column !== finding.endColumn;
      const kept = seen.keep(finding, finding.file, finding.pointer);
      if (kept !== undefined) {
        // Each reply's findings are its own objects (a worker's message, a cache entry parsed
        // for this run), so the one kept may be raised in place.
        keepMostSevere(kept, finding);
        continue;
      }
      const slot = placed ? written.add(finding.file, finding, finding.pointer, finding, findings.length) : WrittenOnce.NEW;
      if (slot === WrittenOnce.NEW) findings.push(finding);
      else if (slot === WrittenOnce.KEPT) keepMostSevere(findings[written.keptSlot]!, finding);
      else {
        keepMostSevere(finding, findings[slot]!);
        findings[slot] = finding;
      }
    }
    const silenced = new Set(this.silenced.map(([file, place]) => silencedKey(nameOf(file), place)));
    result.findings = withoutSilencedEntries(findings, silenced, silencedKeysOf).sort(compareFindings);

    const notices = new FirstSeen();
    for (const notice of this.notices) {
      const named = names.has(notice.file) ? { ...notice, file: nameOf(notice.file) } : notice;
      if (notices.add(noticeKey(named))) result.notices.push(named);
    }
    result.notices.sort(compareNotices);
    // Specs sharing a file with a broken reference all stop there: said once.
    const failures = new FirstSeen();
    for (const found of this.failures) {
      const failure = paths.has(found.file) ? new LoadError(pathOf(found.file), found.detail, found.position) : found;
      if (failures.add(failureKey(failure))) result.failures.push(failure);
    }
    if (names.size > 0) {
      result.files = result.files.map(nameOf);
      result.internalErrors = result.internalErrors.map((bug) => ({ ...bug, file: nameOf(bug.file), ...(bug.at !== undefined ? { at: renamedAt(bug.at, nameOf) } : {}) }));
    }
    const skipped = new FirstSeen();
    for (const { kind, path } of this.skipped) {
      const name = displayPath(pathOf(path), cwd);
      if (skipped.add(`${kind}\u0000${name}`)) result.skipped[kind].push(name);
    }
    result.sources = sourcesOf(result.files, [...new Set([...this.referenced].map((path) => displayPath(pathOf(path), cwd)))]);
    result.rules = [...this.ran.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (result.findings.some((finding) => finding.ruleId === unusedSuppression.id)) result.rules.push(unusedSuppression);
    // Every path read, by each of its names: no report may be written over any of them.
    result.readPaths = [...this.loaded].sort();
    return result;
  }
}

/** `file:line:col` (where a rule was looking) with the file renamed. */
function renamedAt(at: string, nameOf: (file: string) => string): string {
  const place = /^(.*)(:\d+:\d+)$/.exec(at);
  return place ? nameOf(place[1]!) + place[2]! : nameOf(at);
}

type WorkerClass = typeof import('node:worker_threads').Worker;

/** The workers of a Pool, and how to start them. */
interface PoolWorkers {
  WorkerClass: WorkerClass | undefined;
  url: URL;
  count: number;
  setup: WorkerSetup;
  /** The counter each worker adds one to once running (see awaitStarts). */
  started: Int32Array | undefined;
  /** A worker already started, without its setup (early-worker.ts): the first of `count`. */
  early: Worker | undefined;
}

interface Pending {
  job: WorkerJob;
  settle: (reply: WorkerReply) => void;
}

/**
 * Worker threads, and this thread when given `local`, taking jobs from one queue; workers hold
 * two in hand so that none waits for the next, and this thread takes one at a time, between
 * which it takes in what the workers answered and hands them more. A worker that dies (a
 * crash, running out of memory) costs the spec it was on an internal error, never a hang or
 * a lost spec: the specs it had not started go back to the queue and a new worker takes its
 * place.
 */
class Pool {
  private readonly queue: Pending[] = [];
  private readonly inHand = new Map<Worker, Pending[]>();
  private closed = false;

  constructor(
    private readonly workers: PoolWorkers,
    private readonly cwd: string,
    private readonly local?: (job: WorkerJob) => WorkerReply,
  ) {
    for (let i = 0; i < workers.count; i++) this.start(i === 0 ? workers.early : undefined);
  }

  private localBusy = false;

  run(job: WorkerJob): Promise<WorkerReply> {
    return new Promise((settle) => {
      this.queue.push({ job, settle });
      if (this.inHand.size === 0 && !this.local) this.start();
      for (const worker of this.inHand.keys()) this.feed(worker);
      if (this.local && !this.localBusy) {
        this.localBusy = true;
        setImmediate(() => this.runLocal());
      }
    });
  }

  /** One job in this thread, then back to the event loop, so that workers' answers are taken in between. */
  private runLocal(): void {
    const pending = this.closed ? undefined : this.queue.shift();
    if (!pending) {
      this.localBusy = false;
      return;
    }
    let reply: WorkerReply;
    try {
      reply = this.local!(pending.job);
    } catch (error) {
      // The runner catches what a spec can cause; this is a bug in it, and must not hang the run.
      reply = crashReply(pending.job, error instanceof Error ? error.message : String(error), this.cwd);
    }
    pending.settle(reply);
    setImmediate(() => this.runLocal());
  }

  /** Stops the workers; they are gone soon after, not yet on return. */
  close(): void {
    this.closed = true;
    for (const worker of this.inHand.keys()) void worker.terminate();
  }

  /** Starts a worker, or takes one already started (`early`), which is then sent its setup. */
  private start(early?: Worker): void {
    const { WorkerClass, url, setup, started } = this.workers;
    // Only a pool given workers starts them (or starts one again after a crash).
    if (!WorkerClass) throw new Error('this pool has no worker threads to start');
    const start: WorkerStart<WorkerSetup> = { started, setup };
    const worker = early ?? new WorkerClass(url, { workerData: start });
    if (early) worker.postMessage(setup);
    this.inHand.set(worker, []);
    let gone = false;
    const die = (reason: string): void => {
      if (gone) return;
      gone = true;
      const held = this.inHand.get(worker) ?? [];
      this.inHand.delete(worker);
      if (this.closed) return;
      // A worker works on its jobs in order: the first one in hand is the one it died on.
      const [fatal, ...unstarted] = held;
      this.queue.unshift(...unstarted);
      if (fatal) fatal.settle(crashReply(fatal.job, reason, this.cwd));
      if (this.queue.length > 0) this.start();
      for (const other of this.inHand.keys()) this.feed(other);
    };
    worker.on('message', (reply: WorkerReply) => {
      const held = this.inHand.get(worker);
      const pending = held?.shift();
      pending?.settle(reply);
      this.feed(worker);
    });
    // An uncaught error arrives on a channel of its own, possibly before the answer to the job
    // finished just before it: deciding then would blame that job. Node delivers every answer
    // before 'exit', which always follows, so the worker is buried there.
    let error: string | undefined;
    worker.on('error', (thrown) => void (error ??= thrown instanceof Error ? thrown.message : String(thrown)));
    worker.on('exit', (code) => die(error ?? `it exited with code ${code}`));
    this.feed(worker);
  }

  private feed(worker: Worker): void {
    const held = this.inHand.get(worker);
    while (held && held.length < 2 && this.queue.length > 0) {
      const pending = this.queue.shift()!;
      held.push(pending);
      worker.postMessage(pending.job);
    }
  }
}

function crashReply(job: WorkerJob, reason: string, cwd: string): WorkerReply {
  return {
    job: job.job,
    kind: 'done',
    ran: false,
    findings: [],
    internalErrors: [{ file: displayPath(resolve(job.path), cwd), message: `the worker thread linting it stopped: ${reason}` }],
    notices: [],
    referenced: [],
    loaded: [],
  };
}

/** Adds the real path of `path` to `linked` when a symbolic link takes `path` there. */
function addLinked(linked: Set<string>, path: string): void {
  try {
    const real = realpathSync(path);
    if (real !== path) linked.add(real);
  } catch {
    // gone since it was read: nothing to write there
  }
}
