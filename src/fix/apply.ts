import { readFileSync } from 'node:fs';
import { lint, type LintOptions, type LintResult } from '../lint.js';
import { isWithin } from '../loader/pointer.js';
import { writeFileAtomic } from '../output.js';
import { EditableFile, editFor, type TextEdit } from './edit.js';
import type { FixIntent } from './intents.js';

/** Fixes can enable each other (a header map created, then filled); a few passes settle them. */
const MAX_PASSES = 10;

export interface FileChange {
  path: string;
  before: string;
  after: string;
}

export interface FixOutcome {
  /** The lint of the fixed texts: what remains. */
  result: LintResult;
  /** Files whose text changed, by absolute path. */
  changes: FileChange[];
  /** How many fixes were applied. */
  applied: number;
}

function target(intent: FixIntent): { path: string; pointer: string } {
  const node = intent.kind === 'add-header' ? intent.response : intent.entry;
  return { path: node.file.path, pointer: node.pointer };
}

function readText(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Lints, applies every offered fix in memory, and lints again until nothing more can be
 * fixed. Nothing is written here: `writeChanges` does that, so `--fix-dry-run` shares the path.
 */
export function fixSpecs(paths: readonly string[], options: LintOptions = {}): FixOutcome {
  const overlay = new Map<string, string>();
  const originals = new Map<string, string>();
  let applied = 0;
  let result = lint(paths, { ...options, overlay });
  for (let pass = 0; pass < MAX_PASSES && result.fixes.length > 0 && result.failures.length === 0; pass++) {
    const byFile = new Map<string, FixIntent[]>();
    for (const intent of result.fixes) {
      const { path } = target(intent);
      byFile.set(path, [...(byFile.get(path) ?? []), intent]);
    }
    let progress = false;
    for (const [path, intents] of byFile) {
      const before = overlay.get(path) ?? readText(path);
      if (!originals.has(path)) originals.set(path, before);
      const file = new EditableFile(path, before);
      // Intents on one node become one edit (two headers for one response share `headers:`).
      const byNode = new Map<string, FixIntent[]>();
      for (const intent of intents) {
        const key = `${intent.kind}\u0000${target(intent).pointer}`;
        byNode.set(key, [...(byNode.get(key) ?? []), intent]);
      }
      const edits: TextEdit[] = [];
      const claimed: string[] = [];
      let fixed = 0;
      for (const group of byNode.values()) {
        // A node inside one already edited waits for the next pass, when offsets are fresh.
        const { pointer } = target(group[0]!);
        if (claimed.some((other) => isWithin(pointer, other) || isWithin(other, pointer))) continue;
        const edit = editFor(file, group);
        if (!edit || edits.some((other) => edit.start < other.end && other.start < edit.end)) continue;
        claimed.push(pointer);
        edits.push(edit);
        fixed += group.length;
      }
      if (edits.length === 0) continue;
      const after = applyEdits(before, edits);
      overlay.set(path, after);
      applied += fixed;
      progress = true;
    }
    if (!progress) break;
    result = lint(paths, { ...options, overlay });
  }
  const changes: FileChange[] = [];
  for (const [path, before] of originals) {
    const after = overlay.get(path) ?? before;
    if (after !== before) changes.push({ path, before, after });
  }
  return { result, changes, applied };
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

/** Writes each changed file atomically, keeping a byte-order mark the file had. */
export function writeChanges(changes: readonly FileChange[]): void {
  for (const change of changes) {
    const hadBom = readFileSync(change.path, 'utf8').charCodeAt(0) === 0xfeff;
    writeFileAtomic(change.path, (hadBom ? '\ufeff' : '') + change.after);
  }
}
