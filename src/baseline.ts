import { existsSync } from 'node:fs';
import { jsonError } from './loader/parse.js';
import { readOwnFile } from './own-file.js';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { realPath, RealFolders } from './loader/project-root.js';
import type { Finding } from './engine/types.js';
import { displayPath, LoadError } from './errors.js';
import { writeUserFile } from './output.js';
import { STDIN_NAME } from './stdin.js';

// A baseline records the findings a team has accepted for now, so that a run reports only new
// ones. Entries are keyed by rule, file and JSON pointer, never by line: editing elsewhere in
// the spec moves lines but not pointers, and the baseline stays valid.

const FORMAT = 'statuslint-baseline';
const VERSION = 1;

export interface BaselineEntry {
  /** Relative to the baseline file's folder, with `/`. */
  file: string;
  pointer: string;
  rule: string;
}

export interface Baseline {
  path: string;
  entries: BaselineEntry[];
}

function key(entry: BaselineEntry): string {
  return `${entry.file}\u0000${entry.pointer}\u0000${entry.rule}`;
}

function compare(a: BaselineEntry, b: BaselineEntry): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

/**
 * Where files are, relative to the baseline's folder, both through their real folders: a run
 * that names the specs through a linked folder (`api/ -> specs/`), or a baseline path through
 * a link (macOS's `/tmp -> /private/tmp`), keys a file as any other run does, and writes the
 * same bytes. One `realpath` per folder, not per finding. The file's own name is kept: a run
 * names a file that is linked under two names by one of them (lint's canonicalPathsOf).
 */
function fileKeys(cwd: string, baselinePath: string): (findingFile: string) => string {
  const base = realPath(dirname(resolve(cwd, baselinePath)));
  const folders = new RealFolders();
  return (findingFile) => relative(base, folders.of(resolve(cwd, findingFile))).split(sep).join('/');
}

/** The entries for a run's findings: one per rule, file and pointer, sorted. */
export function baselineEntries(findings: readonly Finding[], cwd: string, baselinePath: string): BaselineEntry[] {
  const fileKey = fileKeys(cwd, baselinePath);
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const entry = { file: fileKey(finding.file), pointer: finding.pointer, rule: finding.ruleId };
    entries.set(key(entry), entry);
  }
  return [...entries.values()].sort(compare);
}

/** Stable text for review: sorted, one entry per line. */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const lines = entries.map((entry) => `    {"file": ${JSON.stringify(entry.file)}, "pointer": ${JSON.stringify(entry.pointer)}, "rule": ${JSON.stringify(entry.rule)}}`);
  const list = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "format": "${FORMAT}",\n  "version": ${VERSION},\n  "entries": ${list}\n}\n`;
}

/**
 * Records the findings in a baseline file, atomically, creating the folders missing on the way
 * as `--output` does; returns how many entries it holds.
 */
export function writeBaseline(path: string, findings: readonly Finding[], cwd: string): number {
  const entries = baselineEntries(findings, cwd, path);
  writeUserFile(path, formatBaseline(entries), displayPath(path, cwd), { createFolders: (folder) => displayPath(folder, cwd) });
  return entries.length;
}

/** Reads a baseline file; anything else is a usage error naming the file. */
export function readBaseline(path: string): Baseline {
  const text = readOwnFile(path, 'baseline', 'no such baseline file; create it with --write-baseline');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const invalid = jsonError(path, text, error as Error);
    throw new LoadError(path, `not a statuslint baseline: ${invalid.detail}`, invalid.position);
  }
  const record = value as { format?: unknown; version?: unknown; entries?: unknown };
  if (record === null || typeof record !== 'object' || record.format !== FORMAT) {
    throw new LoadError(path, `not a statuslint baseline (no "format": "${FORMAT}"); create it with --write-baseline`);
  }
  if (record.version !== VERSION) throw new LoadError(path, `baseline version ${JSON.stringify(record.version)} is not supported (expected ${VERSION})`);
  if (!Array.isArray(record.entries)) throw new LoadError(path, 'not a statuslint baseline: "entries" must be a list');
  const entries = new Map<string, BaselineEntry>();
  record.entries.forEach((entry: unknown, index) => {
    const item = entry as Partial<BaselineEntry> | null;
    if (item === null || typeof item !== 'object' || typeof item.file !== 'string' || typeof item.pointer !== 'string' || typeof item.rule !== 'string') {
      throw new LoadError(path, `baseline entry ${index + 1} must have string "file", "pointer" and "rule"`);
    }
    const clean = { file: item.file, pointer: item.pointer, rule: item.rule };
    entries.set(key(clean), clean);
  });
  return { path, entries: [...entries.values()] };
}

export interface BaselineResult {
  /** Findings the baseline does not hold: the ones to report. */
  findings: Finding[];
  /** Entries that matched no finding although their file was linted (or no longer exists). */
  fixed: number;
  /** Entries neither matched nor fixed: their file was not read, or their rule did not look. */
  unseen: number;
}

/**
 * Drops the findings the baseline holds. An entry whose file was not read in this run (a
 * partial run, or standard input that this run did not read), or whose rule did not look at it (`looked`: the rule is off for the spec, by
 * `--rule` or an override), is neither matched nor counted as fixed.
 */
export function applyBaseline(
  baseline: Baseline,
  findings: readonly Finding[],
  sources: readonly string[],
  cwd: string,
  looked: (file: string, rule: string) => boolean = () => true,
): BaselineResult {
  const known = new Set(baseline.entries.map(key));
  const matched = new Set<string>();
  const fileKey = fileKeys(cwd, baseline.path);
  const kept = findings.filter((finding) => {
    const entryKey = key({ file: fileKey(finding.file), pointer: finding.pointer, rule: finding.ruleId });
    if (!known.has(entryKey)) return true;
    matched.add(entryKey);
    return false;
  });
  const read = new Map(sources.map((source) => [fileKey(source), source]));
  const baselineFolder = realPath(dirname(resolve(cwd, baseline.path)));
  let unseen = 0;
  const fixed = baseline.entries.filter((entry) => {
    if (matched.has(key(entry))) return false;
    if (isFixed(entry)) return true;
    unseen += 1;
    return false;
  }).length;
  return { findings: kept, fixed, unseen };

  function isFixed(entry: BaselineEntry): boolean {
    const source = read.get(entry.file);
    if (source !== undefined) return looked(source, entry.rule);
    // A spec piped without --stdin-filepath was never a file: a run that does not read
    // standard input did not look at it, and must not call its entries fixed.
    return basename(entry.file) !== STDIN_NAME && !existsSync(resolve(baselineFolder, entry.file));
  }
}
