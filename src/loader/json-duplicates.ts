import { LoadError } from '../errors.js';
import { LineIndex } from './line-index.js';
import type { JsonOutline } from './json-outline.js';
import { keyAt, stringEnd } from './json-locate.js';

const QUOTE = 34;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const NEWLINE = 10;
const SPACE = 32;

export interface DuplicateKey {
  key: string;
  /** Offset of the second occurrence's opening quote. */
  offset: number;
  /** Offset of the first occurrence's opening quote. */
  firstOffset: number;
}

/**
 * The first member name written twice in one object of valid JSON text, if any.
 * `JSON.parse` silently keeps the last value, so a spec could say one thing to statuslint
 * and another to a tool that keeps the first (RFC 8259 §4: names SHOULD be unique, and
 * behaviour otherwise is unpredictable). One pass; string contents are skipped with
 * `indexOf` (stringEnd), and one key map per depth is reused.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const found: { duplicate?: DuplicateKey } = {};
  scan(text, found, undefined);
  return found.duplicate;
}

/**
 * How many member names the text writes, duplicates included; with `outline`, also records
 * where each container ends and where the lines start (see JsonOutline).
 */
export function countKeysInText(text: string, outline?: JsonOutline): number {
  const count = scan(text, undefined, outline);
  outline?.finish(text);
  return count;
}

/**
 * Counts member names, and with `found` also tracks them, stopping at the first duplicate, or
 * with `outline` records the text's containers and line starts.
 * Returns a plain number, and leaves the outline's bookkeeping to its caller: code after the
 * loop was never reached before V8 optimised the loop, and an object built or a property set
 * there threw the optimised code away at the end of every call.
 */
function scan(text: string, found: { duplicate?: DuplicateKey } | undefined, outline: JsonOutline | undefined): number {
  const track = found !== undefined;
  let count = 0;
  // keysAt[depth] holds the names of the object open at that depth; arrays leave it unused.
  const keysAt: Array<Map<string, number>> = [];
  const isObject: boolean[] = [];
  let depth = -1;
  let expectKey = false;
  const length = text.length;
  // The outline's arrays, and the index in them of the container open at each depth.
  const opens = outline?.opens;
  const closes = outline?.closes;
  const lineStarts = outline?.lineStarts;
  const room = opens ? opens.length : 0;
  const openAt: number[] = [];
  let containers = 0;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      // Past the closing quote; the text was parsed before, so every string is closed.
      const end = stringEnd(text, at);
      if (expectKey && found === undefined) {
        count++;
        expectKey = false;
      } else if (expectKey && found) {
        count++;
        const key = keyAt(text, at, end);
        const keys = keysAt[depth]!;
        const first = keys.get(key);
        if (first !== undefined) {
          found.duplicate = { key, offset: at, firstOffset: first };
          return count;
        }
        keys.set(key, at);
        expectKey = false;
      }
      at = end;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      const object = code === OPEN_BRACE;
      if (track && object) {
        const keys = keysAt[depth];
        if (keys) keys.clear();
        else keysAt[depth] = new Map();
      }
      isObject[depth] = object;
      expectKey = object;
      if (opens) {
        if (containers < room) opens[containers] = at;
        // More containers than room: the first entry says so (see JsonOutline.finish).
        else opens[0] = -1;
        openAt[depth] = containers++;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (closes) {
        const index = openAt[depth]!;
        if (index < room) closes[index] = at;
      }
      depth--;
      expectKey = false;
    } else if (code === COMMA) {
      expectKey = isObject[depth] === true;
    } else if (code === NEWLINE) {
      if (lineStarts) lineStarts.push(at + 1);
      // Pretty-printed JSON indents every line: half of GitHub's 13 MB description is spaces.
      // A loop of its own steps over them faster than the comparisons above.
      let next = at + 1;
      while (text.charCodeAt(next) === SPACE) next++;
      at = next;
      continue;
    }
    at++;
  }
  return count;
}

/**
 * Throws a LoadError at the second occurrence of a duplicated member name, given how many
 * members the parsed value has (see value-scan.ts). Counting is cheaper than tracking every
 * name, so names are tracked only when the counts differ. The count fills `outline`, if given.
 */
export function refuseDuplicateKeys(path: string, text: string, keysInValue: number, outline?: JsonOutline): void {
  if (countKeysInText(text, outline) === keysInValue) return;
  const duplicate = findDuplicateKey(text);
  if (!duplicate) return;
  const lines = new LineIndex(text);
  const first = lines.position(duplicate.firstOffset);
  const name = duplicate.key.length > 80 ? duplicate.key.slice(0, 80) + '…' : duplicate.key;
  throw new LoadError(
    path,
    `invalid JSON: duplicate key ${JSON.stringify(name)} (first at line ${first.line}, column ${first.column}); tools disagree on which value wins, so keep one`,
    lines.position(duplicate.offset),
  );
}
