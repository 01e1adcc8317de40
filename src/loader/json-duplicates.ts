import { LoadError } from '../errors.js';
import { LineIndex } from './line-index.js';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

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
 * `indexOf`, and one key map per depth is reused.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const found: { duplicate?: DuplicateKey } = {};
  scan(text, found);
  return found.duplicate;
}

/** How many member names the text writes, duplicates included. */
export function countKeysInText(text: string): number {
  return scan(text, undefined);
}

/**
 * Counts member names, and with `found` also tracks them, stopping at the first duplicate.
 * Returns a plain number: an object built on return was never reached before V8 optimised
 * the loop, so the optimised code was thrown away at the end of every call.
 */
function scan(text: string, found: { duplicate?: DuplicateKey } | undefined): number {
  const track = found !== undefined;
  let count = 0;
  // keysAt[depth] holds the names of the object open at that depth; arrays leave it unused.
  const keysAt: Array<Map<string, number>> = [];
  const isObject: boolean[] = [];
  let depth = -1;
  let expectKey = false;
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      let end = text.indexOf('"', at + 1);
      // A quote preceded by an odd run of backslashes is escaped.
      for (;;) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return count; // not valid JSON: the parser has already said so
      if (expectKey && found === undefined) {
        count++;
        expectKey = false;
      } else if (expectKey && found) {
        count++;
        const raw = text.slice(at + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end + 1)) as string) : raw;
        const keys = keysAt[depth]!;
        const first = keys.get(key);
        if (first !== undefined) {
          found.duplicate = { key, offset: at, firstOffset: first };
          return count;
        }
        keys.set(key, at);
        expectKey = false;
      }
      at = end + 1;
      continue;
    }
    if (code === OPEN_BRACE) {
      depth++;
      if (track) {
        const keys = keysAt[depth];
        if (keys) keys.clear();
        else keysAt[depth] = new Map();
      }
      isObject[depth] = true;
      expectKey = true;
    } else if (code === OPEN_BRACKET) {
      depth++;
      isObject[depth] = false;
      expectKey = false;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      expectKey = false;
    } else if (code === COMMA) {
      expectKey = isObject[depth] === true;
    }
    at++;
  }
  return count;
}

/**
 * Throws a LoadError at the second occurrence of a duplicated member name, given how many
 * members the parsed value has (see value-scan.ts). Counting is cheaper than tracking every
 * name, so names are tracked only when the counts differ.
 */
export function refuseDuplicateKeys(path: string, text: string, keysInValue: number): void {
  if (countKeysInText(text) === keysInValue) return;
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
