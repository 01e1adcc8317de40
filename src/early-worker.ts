// One worker thread started by bin/statuslint.js before the rest of statuslint is loaded, when
// the command line will likely lint many specs; lintParallel then takes it as its first worker.
// A worker needs ~50 ms to start, about as long as loading and setting up the CLI: started
// first, the worker is ready about when the main thread begins to lint, instead of ~50 ms
// after. On the benchmark's 200 specs that took the worker's first spec from ~155 to ~130 ms
// (before the CLI was bundled; now both threads begin at ~105 ms).
//
// Small on purpose: it is loaded before the CLI, so it brings in nothing but Node's modules, the
// glob test and what a folder is searched for.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { hasMagic } from './glob.js';
import { skippedFolder, SPEC_EXTENSION } from './spec-files.js';

/** Below this many specs per thread, starting a worker (~60 ms) costs more than it saves. */
export const MIN_SPECS_PER_WORKER = 8;

/** The worker module of lintParallel. */
export const WORKER_URL = new URL('./lint-worker.js', import.meta.url);

/** What a worker is started with: the counter it adds one to once running, and, unless it is started early, its setup. */
export interface WorkerStart<Setup> {
  started?: Int32Array;
  setup?: Setup;
}

/** Subcommands and options after which nothing is linted on worker threads. */
const NO_WORKERS = new Set(['rules', 'explain', 'init', 'help', '-h', '--help', '-v', '--version']);

/** The specs lintParallel needs before it starts a worker on a machine with two cores or more. */
const ENOUGH_SPECS = 2 * MIN_SPECS_PER_WORKER;

/** Entries looked at in folders before giving up the guess (a repository's root, say). */
const FOLDER_ENTRIES_LOOKED_AT = 2_000;

/**
 * Whether `argv` (the CLI's arguments) will likely have lintParallel start a worker: enough
 * `.yaml`, `.yml` and `.json` files named or in the folders named, or a glob. Only a guess, made
 * before the options are read: a wrong one costs a worker started for nothing (~20 ms on a
 * folder holding one spec), or one started later. `STATUSLINT_THREADS` caps the threads as it
 * does in the CLI.
 */
export function likelyLintsInParallel(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): boolean {
  const cap = env.STATUSLINT_THREADS?.trim() ? Number(env.STATUSLINT_THREADS) : undefined;
  if (Math.min(cap ?? Infinity, availableParallelism()) < 2) return false;
  if (argv.some((arg) => NO_WORKERS.has(arg))) return false;
  const budget = { specs: ENOUGH_SPECS, entries: FOLDER_ENTRIES_LOOKED_AT };
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (hasMagic(arg)) return true;
    try {
      const path = resolve(cwd, arg);
      const stats = statSync(path);
      if (stats.isFile()) budget.specs--;
      else if (stats.isDirectory()) countSpecs(path, budget);
    } catch {
      // an option's value, or a path the loader will report
    }
    if (budget.specs <= 0) return true;
  }
  return false;
}

/** Takes the spec-like files below `folder` off `budget.specs`, as inputs.ts would find them (roughly), until either budget runs out. */
function countSpecs(folder: string, budget: { specs: number; entries: number }): void {
  const folders = [folder];
  while (folders.length > 0) {
    const current = folders.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (--budget.entries < 0) return;
      if (entry.isDirectory()) {
        if (!skippedFolder(entry.name)) folders.push(join(current, entry.name));
      } else if (SPEC_EXTENSION.test(entry.name) && --budget.specs <= 0) {
        return;
      }
    }
  }
}

interface Early {
  worker: Worker;
  started: Int32Array;
  exited: boolean;
  ignoreError: () => void;
  noteExit: () => void;
}

let early: Early | undefined;

/**
 * Starts the early worker if `argv` will likely lint in parallel (see likelyLintsInParallel),
 * and returns it.
 */
export function startEarlyWorker(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Worker | undefined {
  if (early || !likelyLintsInParallel(argv, env, cwd)) return undefined;
  const started = new Int32Array(new SharedArrayBuffer(4));
  const start: WorkerStart<never> = { started };
  const worker = new Worker(WORKER_URL, { workerData: start });
  const state: Early = { worker, started, exited: false, ignoreError: () => {}, noteExit: () => void (state.exited = true) };
  // Until taken, it must neither keep the process alive nor, if it fails, throw in this thread.
  worker.unref();
  worker.on('error', state.ignoreError);
  worker.on('exit', state.noteExit);
  early = state;
  return worker;
}

/**
 * The early worker, if one was started and is still running, for lintParallel to send its
 * setup to as the first message; only the first call gets it.
 */
export function takeEarlyWorker(): { worker: Worker; started: Int32Array } | undefined {
  const taken = early;
  early = undefined;
  if (!taken || taken.exited) return undefined;
  taken.worker.off('error', taken.ignoreError);
  taken.worker.off('exit', taken.noteExit);
  taken.worker.ref();
  return taken;
}

/** Stops the early worker if nothing took it. */
export function releaseEarlyWorker(): void {
  void takeEarlyWorker()?.worker.terminate();
}
