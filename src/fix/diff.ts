import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * The name a --fix-dry-run diff gives a changed file: the file --fix writes, relative to the
 * working directory, `/`-separated. A symlinked spec is named by its target: `patch` will not
 * write through a link ("not a regular file"), and --fix writes the target too. Both ends are
 * resolved, so that a working directory reached through a link still gives a short name.
 */
export function diffPath(path: string, cwd: string): string {
  return relative(real(cwd), real(path)).split(sep).join('/');
}

/** Whether `patch` run from the working directory can reach a file named so: it refuses `..` and absolute names. */
export function reachableByPatch(name: string): boolean {
  return !isAbsolute(name) && !name.split('/').includes('..');
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A spec given on standard input may name a file that is not there; its folder may be.
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/**
 * A file name as a `---` or `+++` line gives it so that `patch` reads all of it: GNU patch
 * ends a name at a space unless a tab follows it (GNU diff puts the date there, git a bare
 * tab), and reads a name in double quotes with C escapes, which a control character, a quote
 * or a backslash needs.
 */
export function headerName(name: string): string {
  if (/[\x00-\x1f\x7f"\\]/.test(name)) return `"${name.replace(/[\x00-\x1f\x7f"\\]/g, cEscape)}"`;
  return /\s/.test(name) ? `${name}\t` : name;
}

const C_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function cEscape(char: string): string {
  return C_ESCAPES[char] ?? `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`;
}

/**
 * A unified diff (`diff -u` style, 3 lines of context) between two texts. Common leading and
 * trailing lines are set aside first, so a few edits in a 13 MB file cost a few lines of work.
 */
export function unifiedDiff(oldName: string, newName: string, before: string, after: string): string {
  if (before === after) return '';
  const a = linesOf(before);
  const b = linesOf(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const runs = new Runs();
  runs.add(' ', 0, prefix);
  diffLines(a, b, prefix, a.length - suffix, prefix, b.length - suffix, runs);
  runs.add(' ', a.length - suffix, suffix);

  const out = [`--- ${headerName(oldName)}`, `+++ ${headerName(newName)}`];
  const all = runs.list;
  // Each run's first line number in both texts, from 0.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const run of all) {
    oldAt.push(oldLine);
    newAt.push(newLine);
    if (run.kind !== '+') oldLine += run.count;
    if (run.kind !== '-') newLine += run.count;
  }
  const line = (kind: RunKind, text: string): void => {
    if (!text.endsWith(UNTERMINATED)) out.push(`${kind}${text}`);
    // As `diff -u` does, so that `patch` keeps a missing final newline missing.
    else out.push(`${kind}${text.slice(0, -1)}`, '\\ No newline at end of file');
  };
  let index = 0;
  while (index < all.length) {
    if (all[index]!.kind === ' ') {
      index++;
      continue;
    }
    // A hunk: changes with at most 2 × CONTEXT unchanged lines between them, and up to
    // CONTEXT unchanged lines on either side.
    let last = index;
    for (;;) {
      while (last + 1 < all.length && all[last + 1]!.kind !== ' ') last++;
      // Runs alike are merged, so after a run of kept lines comes a change, if anything.
      if (last + 2 < all.length && all[last + 1]!.count <= 2 * CONTEXT) last += 2;
      else break;
    }
    const leading = index > 0 ? Math.min(CONTEXT, all[index - 1]!.count) : 0;
    const trailing = last + 1 < all.length ? Math.min(CONTEXT, all[last + 1]!.count) : 0;
    let oldCount = leading + trailing;
    let newCount = leading + trailing;
    for (let at = index; at <= last; at++) {
      const run = all[at]!;
      if (run.kind !== '+') oldCount += run.count;
      if (run.kind !== '-') newCount += run.count;
    }
    const oldStart = oldAt[index]! - leading + (oldCount === 0 ? 0 : 1);
    const newStart = newAt[index]! - leading + (newCount === 0 ? 0 : 1);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (let at = oldAt[index]! - leading; at < oldAt[index]!; at++) line(' ', a[at]!);
    for (let at = index; at <= last; at++) {
      const run = all[at]!;
      const lines = run.kind === '+' ? b : a;
      for (let offset = 0; offset < run.count; offset++) line(run.kind, lines[run.start + offset]!);
    }
    if (trailing > 0) {
      const from = all[last + 1]!.start;
      for (let at = from; at < from + trailing; at++) line(' ', a[at]!);
    }
    index = last + 1;
  }
  return out.join('\n') + '\n';
}

/** Lines of context a hunk gives around its changes. */
const CONTEXT = 3;

type RunKind = ' ' | '-' | '+';

/**
 * The diff as runs of lines alike: kept (` `) and removed (`-`) lines count from `start` in the
 * old text, added ones (`+`) in the new. A 13 MB spec has some 350,000 lines, nearly all kept;
 * an object per line made its diff take three times as long.
 */
class Runs {
  readonly list: Array<{ kind: RunKind; start: number; count: number }> = [];

  add(kind: RunKind, start: number, count: number): void {
    if (count === 0) return;
    const last = this.list[this.list.length - 1];
    if (last && last.kind === kind && last.start + last.count === start) last.count += count;
    else this.list.push({ kind, start, count });
  }
}

/** A hunk's line range as `diff -u` writes it: a range of one line is its start alone. */
function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}

/**
 * Marks the last line of a text that has no final newline. That line differs from the same
 * words ended by a newline (`diff -u` shows it removed and added again), and no line holds a
 * newline, so the mark cannot be mistaken for text.
 */
const UNTERMINATED = '\n';

/** The lines of a text; a final newline ends the last line, it does not start an empty one. */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += UNTERMINATED;
  return lines;
}

/** How far ahead to look for a line again before calling two lines a replacement. */
const LOOKAHEAD = 500;
/** Below this many cells, an exact longest-common-subsequence table is cheap. */
const EXACT_LIMIT = 4_000_000;

/** Adds to `runs` the lines that turn `a` from `aFrom` to `aTo` into `b` from `bFrom` to `bTo`: exact for small inputs, a bounded greedy walk for large ones. */
function diffLines(a: string[], b: string[], aFrom: number, aTo: number, bFrom: number, bTo: number, runs: Runs): void {
  if ((aTo - aFrom) * (bTo - bFrom) <= EXACT_LIMIT) exactDiff(a, b, aFrom, aTo, bFrom, bTo, runs);
  else greedyDiff(a, b, aFrom, aTo, bFrom, bTo, runs);
}

function exactDiff(a: string[], b: string[], aFrom: number, aTo: number, bFrom: number, bTo: number, runs: Runs): void {
  const n = aTo - aFrom;
  const m = bTo - bFrom;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[aFrom + i] === b[bFrom + j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[aFrom + i] === b[bFrom + j]) {
      runs.add(' ', aFrom + i++, 1);
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      runs.add('-', aFrom + i++, 1);
    } else {
      runs.add('+', bFrom + j++, 1);
    }
  }
  runs.add('-', aFrom + i, n - i);
  runs.add('+', bFrom + j, m - j);
}

/**
 * Fixes insert blocks and rewrite single lines, so on large files a walk that looks a bounded
 * distance ahead for where the two texts agree again (three lines in a row, so a repeated
 * line such as `headers:` is no anchor) finds the same diff in linear time. Whatever the
 * input, the runs still turn `a` into `b`.
 */
function greedyDiff(a: string[], b: string[], aFrom: number, aTo: number, bFrom: number, bTo: number, runs: Runs): void {
  let i = aFrom;
  let j = bFrom;
  while (i < aTo && j < bTo) {
    if (a[i] === b[j]) {
      const start = i;
      while (i < aTo && j < bTo && a[i] === b[j]) {
        i++;
        j++;
      }
      runs.add(' ', start, i - start);
      continue;
    }
    const inserted = findAhead(b, j + 1, bTo, a, i, aTo);
    const deleted = findAhead(a, i + 1, aTo, b, j, bTo);
    const insertedRun = inserted === -1 ? Infinity : inserted - j;
    const deletedRun = deleted === -1 ? Infinity : deleted - i;
    if (insertedRun <= deletedRun && insertedRun !== Infinity) {
      runs.add('+', j, inserted - j);
      j = inserted;
    } else if (deletedRun !== Infinity) {
      runs.add('-', i, deleted - i);
      i = deleted;
    } else {
      runs.add('-', i++, 1);
      runs.add('+', j++, 1);
    }
  }
  runs.add('-', i, aTo - i);
  runs.add('+', j, bTo - j);
}

/** Where, from `from` on and before `to` in `lines`, the lines of `other` starting at `at` (before `otherTo`) stand again. */
function findAhead(lines: string[], from: number, to: number, other: string[], at: number, otherTo: number): number {
  const stop = Math.min(to, from + LOOKAHEAD);
  const run = Math.min(3, otherTo - at);
  for (let index = from; index < stop; index++) {
    let same = 0;
    while (same < run && index + same < to && lines[index + same] === other[at + same]) same++;
    if (same === run) return index;
  }
  return -1;
}
