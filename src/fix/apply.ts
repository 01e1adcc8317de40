import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { lint, type LintOptions, type LintResult } from '../lint.js';
import type { SourceFile, SourceFormat } from '../loader/parse.js';
import { isWithin } from '../loader/pointer.js';
import { writeFileAtomic } from '../output.js';
import { EditableFile, editFor, pointersFor, type TextEdit } from './edit.js';
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
  /** Fixes offered and not made, each with the reason; their findings are still in `result`. */
  refused: RefusedFix[];
}

export interface RefusedFix {
  intent: FixIntent;
  /**
   * `layout`: the node is written in a way the editor does not change (a `headers:` with no
   * map, a YAML key that is not a scalar); `unparsable`: the edited text would not parse
   * again, so the edit was dropped.
   */
  reason: 'layout' | 'unparsable';
}

function target(intent: FixIntent): { path: string; pointer: string; source: SourceFile } {
  const node = intent.kind === 'add-header' ? intent.response : intent.entry;
  return { path: node.file.path, pointer: node.pointer, source: node.file };
}

/** One key per fix, stable across passes, to tell the same fix offered again. */
function fixKey(intent: FixIntent): string {
  const { path, pointer } = target(intent);
  return [intent.kind, path, pointer, intent.kind === 'add-header' ? intent.name : intent.to].join('\u0000');
}

/** Whether an edited text still parses as the format it was, duplicate keys refused as the loader does. */
function parses(text: string, format: SourceFormat): boolean {
  if (format === 'json') {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  return parseDocument(text, { uniqueKeys: true, keepSourceTokens: false }).errors.length === 0;
}

/**
 * Lints, applies every offered fix in memory, and lints again until nothing more can be
 * fixed. Nothing is written here: `writeChanges` does that, so `--fix-dry-run` shares the path.
 */
export function fixSpecs(paths: readonly string[], options: LintOptions = {}): FixOutcome {
  const overlay = new Map<string, string>();
  const originals = new Map<string, string>();
  const refused = new Map<string, RefusedFix>();
  let applied = 0;
  let result = lint(paths, { ...options, overlay });
  for (let pass = 0; pass < MAX_PASSES && result.fixes.length > 0 && result.failures.length === 0; pass++) {
    const byFile = new Map<string, FixIntent[]>();
    for (const intent of result.fixes) {
      // A fix refused once is refused again: its node has not changed.
      if (refused.has(fixKey(intent))) continue;
      const { path } = target(intent);
      byFile.set(path, [...(byFile.get(path) ?? []), intent]);
    }
    let progress = false;
    for (const [path, intents] of byFile) {
      // The file as this pass's lint loaded it: its text (BOM removed), its format, and for YAML
      // the tree to edit with. The first pass read it from disk already.
      const { source } = target(intents[0]!);
      const before = overlay.get(path) ?? source.text;
      if (!originals.has(path)) originals.set(path, before);
      const format = source.format;
      const file = new EditableFile(path, before, format, source.text === before ? source.yamlTree : undefined);
      // Intents on one node become one edit (two headers for one response share `headers:`).
      const byNode = new Map<string, FixIntent[]>();
      for (const intent of intents) {
        const key = `${intent.kind}\u0000${target(intent).pointer}`;
        byNode.set(key, [...(byNode.get(key) ?? []), intent]);
      }
      file.prepare([...byNode.values()].flatMap(pointersFor));
      const planned: Array<{ edit: TextEdit; group: FixIntent[] }> = [];
      const claimed: string[] = [];
      for (const group of byNode.values()) {
        // A node inside one already edited waits for the next pass, when offsets are fresh.
        const { pointer } = target(group[0]!);
        if (claimed.some((other) => isWithin(pointer, other) || isWithin(other, pointer))) continue;
        const edit = editFor(file, group);
        if (!edit) {
          for (const intent of group) refused.set(fixKey(intent), { intent, reason: 'layout' });
          continue;
        }
        if (planned.some((other) => edit.start < other.edit.end && other.edit.start < edit.end)) continue;
        claimed.push(pointer);
        planned.push({ edit, group });
      }
      const { text: after, dropped } = applyParsable(before, planned.map((item) => item.edit), format);
      for (const index of dropped) for (const intent of planned[index]!.group) refused.set(fixKey(intent), { intent, reason: 'unparsable' });
      const kept = planned.filter((_, index) => !dropped.has(index));
      if (kept.length === 0) continue;
      overlay.set(path, after);
      applied += kept.reduce((sum, item) => sum + item.group.length, 0);
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
  const left = new Set(result.fixes.map(fixKey));
  return { result, changes, applied, refused: [...refused].filter(([key]) => left.has(key)).map(([, item]) => item) };
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

/** Writes each changed file atomically, keeping a byte-order mark the file had. */
export function writeChanges(changes: readonly FileChange[]): void {
  for (const change of changes) {
    const hadBom = readFileSync(change.path, 'utf8').charCodeAt(0) === 0xfeff;
    writeFileAtomic(change.path, (hadBom ? '\ufeff' : '') + change.after);
  }
}
