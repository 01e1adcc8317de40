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
  const ops = diffLines(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));

  // Each op with its line numbers in both texts, then grouped into hunks with context.
  type Line = { kind: ' ' | '-' | '+'; text: string; oldLine: number; newLine: number };
  const lines: Line[] = [];
  const context = 3;
  for (let i = Math.max(0, prefix - context); i < prefix; i++) lines.push({ kind: ' ', text: a[i]!, oldLine: i, newLine: i });
  let oldLine = prefix;
  let newLine = prefix;
  for (const op of ops) {
    lines.push({ kind: op.kind, text: op.text, oldLine, newLine });
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  }
  for (let i = 0; i < Math.min(context, suffix); i++) lines.push({ kind: ' ', text: a[oldLine + i]!, oldLine: oldLine + i, newLine: newLine + i });

  const out = [`--- ${headerName(oldName)}`, `+++ ${headerName(newName)}`];
  let index = 0;
  while (index < lines.length) {
    while (index < lines.length && lines[index]!.kind === ' ') index++;
    if (index >= lines.length) break;
    let start = index;
    let contextBefore = 0;
    while (start > 0 && lines[start - 1]!.kind === ' ' && contextBefore < context) {
      start--;
      contextBefore++;
    }
    let end = index;
    let quiet = 0;
    while (end < lines.length && quiet <= context * 2) {
      quiet = lines[end]!.kind === ' ' ? quiet + 1 : 0;
      end++;
    }
    // Trim trailing context to `context` lines.
    while (end > index && lines[end - 1]!.kind === ' ' && trailingContext(lines, end) > context) end--;
    const hunk = lines.slice(start, end);
    const oldCount = hunk.filter((line) => line.kind !== '+').length;
    const newCount = hunk.filter((line) => line.kind !== '-').length;
    const oldStart = hunk[0]!.oldLine + (oldCount === 0 ? 0 : 1);
    const newStart = hunk[0]!.newLine + (newCount === 0 ? 0 : 1);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const line of hunk) {
      if (!line.text.endsWith(UNTERMINATED)) out.push(`${line.kind}${line.text}`);
      // As `diff -u` does, so that `patch` keeps a missing final newline missing.
      else out.push(`${line.kind}${line.text.slice(0, -1)}`, '\\ No newline at end of file');
    }
    index = end;
  }
  return out.join('\n') + '\n';
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

function trailingContext(lines: Array<{ kind: string }>, end: number): number {
  let count = 0;
  for (let i = end - 1; i >= 0 && lines[i]!.kind === ' '; i--) count++;
  return count;
}

/** How far ahead to look for a line again before calling two lines a replacement. */
const LOOKAHEAD = 500;
/** Below this many cells, an exact longest-common-subsequence table is cheap. */
const EXACT_LIMIT = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; text: string };

/** Line operations turning `a` into `b`: exact for small inputs, a bounded greedy walk for large ones. */
function diffLines(a: string[], b: string[]): Op[] {
  return a.length * b.length <= EXACT_LIMIT ? exactDiff(a, b) : greedyDiff(a, b);
}

function exactDiff(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i++]! });
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) {
      ops.push({ kind: '-', text: a[i++]! });
    } else {
      ops.push({ kind: '+', text: b[j++]! });
    }
  }
  while (i < n) ops.push({ kind: '-', text: a[i++]! });
  while (j < m) ops.push({ kind: '+', text: b[j++]! });
  return ops;
}

/**
 * Fixes insert blocks and rewrite single lines, so on large files a walk that looks a bounded
 * distance ahead for where the two texts agree again (three lines in a row, so a repeated
 * line such as `headers:` is no anchor) finds the same diff in linear time. Whatever the
 * input, the operations still turn `a` into `b`.
 */
function greedyDiff(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i++]! });
      j++;
      continue;
    }
    const inserted = findAhead(b, j + 1, a, i);
    const deleted = findAhead(a, i + 1, b, j);
    const insertedRun = inserted === -1 ? Infinity : inserted - j;
    const deletedRun = deleted === -1 ? Infinity : deleted - i;
    if (insertedRun <= deletedRun && insertedRun !== Infinity) {
      while (j < inserted) ops.push({ kind: '+', text: b[j++]! });
    } else if (deletedRun !== Infinity) {
      while (i < deleted) ops.push({ kind: '-', text: a[i++]! });
    } else {
      ops.push({ kind: '-', text: a[i++]! });
      ops.push({ kind: '+', text: b[j++]! });
    }
  }
  while (i < a.length) ops.push({ kind: '-', text: a[i++]! });
  while (j < b.length) ops.push({ kind: '+', text: b[j++]! });
  return ops;
}

/** Where, from `from` on in `lines`, the lines of `other` starting at `at` stand again. */
function findAhead(lines: string[], from: number, other: string[], at: number): number {
  const stop = Math.min(lines.length, from + LOOKAHEAD);
  const run = Math.min(3, other.length - at);
  for (let index = from; index < stop; index++) {
    let same = 0;
    while (same < run && lines[index + same] === other[at + same]) same++;
    if (same === run) return index;
  }
  return -1;
}
