import { splitPointer } from './pointer.js';

/** Offsets [start, end) of what a pointer names: the key of a member, or an array element. */
export type Span = readonly [number, number];

interface Trie {
  pointer?: string;
  children: Map<string, Trie>;
}

/** The pointers as a tree of their segments, and how many distinct pointers it holds. */
function buildTrie(pointers: Iterable<string>): { root: Trie; count: number } {
  const root: Trie = { children: new Map() };
  let count = 0;
  for (const pointer of pointers) {
    let node = root;
    for (const segment of splitPointer(pointer)) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map() }));
      node = next;
    }
    if (node.pointer === undefined) count++;
    node.pointer = pointer;
  }
  return { root, count };
}

const enum Ch {
  Quote = 34,
  Backslash = 92,
  OpenBrace = 123,
  CloseBrace = 125,
  OpenBracket = 91,
  CloseBracket = 93,
  Comma = 44,
  Colon = 58,
}

// The scanning steps below take the text and an offset and return the offset after what they
// skipped. The text must already be valid JSON (JSON.parse accepted it): they check nothing.

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
    else return i;
  }
}

/**
 * From the opening quote to just after the closing one. indexOf finds quotes far faster than
 * a loop over characters; a quote after an odd run of backslashes is escaped.
 */
function skipString(text: string, i: number): number {
  let quote = text.indexOf('"', i + 1);
  for (;;) {
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === Ch.Backslash) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
}

function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === Ch.Quote) return skipString(text, i);
  if (first !== Ch.OpenBrace && first !== Ch.OpenBracket) {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === Ch.Comma || c === Ch.CloseBrace || c === Ch.CloseBracket || c === 32 || c === 10 || c === 13 || c === 9) return i;
      i++;
    }
    return i;
  }
  // A plain loop over characters, with indexOf over strings (most of the text): a regex
  // search for the next quote or bracket cost a call per token and was several times slower.
  let depth = 0;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === Ch.Quote) {
      i = skipString(text, i);
      continue;
    }
    if (c === Ch.OpenBrace || c === Ch.OpenBracket) depth++;
    else if (c === Ch.CloseBrace || c === Ch.CloseBracket) {
      if (--depth === 0) return i + 1;
    } else if (i >= text.length) return text.length;
    i++;
  }
}

/** The key of the string at [start, end), escapes decoded. */
function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/**
 * Finds where each pointer lives in JSON text in one pass, descending only into the members
 * that some pointer names and skipping every other value at scanning speed. This keeps
 * positions off the hot path: `JSON.parse` builds the values, and only the few nodes that
 * carry findings are ever located. The text must already be valid JSON.
 *
 * The scan stops once every pointer is found: findings cluster early in a spec, and the rest
 * of the text would be skipped for nothing. So of a key written twice this finds the first,
 * whereas `JSON.parse` keeps the last; the loader refuses such JSON (json-duplicates.ts).
 */
export function locateInJson(text: string, pointers: Iterable<string>): Map<string, Span> {
  const found = new Map<string, Span>();
  const { root: trie, count } = buildTrie(pointers);
  let i = 0;

  // Recursion follows only the requested pointers, so its depth is a pointer's length,
  // never the document's nesting.
  const visit = (node: Trie): void => {
    i = skipSpace(text, i);
    const open = text.charCodeAt(i);
    if (open === Ch.OpenBrace) {
      i++;
      for (;;) {
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.CloseBrace || i >= text.length) {
          i++;
          return;
        }
        const keyStart = i;
        i = skipString(text, i);
        const keyEnd = i;
        const key = keyAt(text, keyStart, keyEnd);
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.Colon) i++;
        i = skipSpace(text, i);
        const child = node.children.get(key);
        if (child?.pointer !== undefined) found.set(child.pointer, [keyStart, keyEnd]);
        if (child && child.children.size > 0) visit(child);
        else i = skipValue(text, i);
        if (found.size === count) return;
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.Comma) i++;
      }
    } else if (open === Ch.OpenBracket) {
      i++;
      for (let index = 0; ; index++) {
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.CloseBracket || i >= text.length) {
          i++;
          return;
        }
        const child = node.children.get(String(index));
        const start = i;
        if (child && child.children.size > 0) visit(child);
        else i = skipValue(text, i);
        if (child?.pointer !== undefined) found.set(child.pointer, [start, i]);
        if (found.size === count) return;
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.Comma) i++;
      }
    } else {
      i = skipValue(text, i);
    }
  };

  if (trie.pointer !== undefined) found.set(trie.pointer, [0, 0]);
  if (found.size < count) visit(trie);
  return found;
}

export type JsonKind = 'object' | 'array' | 'scalar';

/** An object member as written: its key, where the key and the value are, and the value's kind. */
export interface JsonMember {
  key: string;
  keySpan: Span;
  valueSpan: Span;
  kind: JsonKind;
}

/** A value as written, for editing it in place. */
export interface JsonNode {
  kind: JsonKind;
  /** From the first character of the value to just past its last (`}` for an object). */
  valueSpan: Span;
  /** The key, when the value is an object member. */
  keySpan?: Span;
  /** An object's members, in the order written. */
  members?: JsonMember[];
}

function kindAt(text: string, i: number): JsonKind {
  const c = text.charCodeAt(i);
  return c === Ch.OpenBrace ? 'object' : c === Ch.OpenBracket ? 'array' : 'scalar';
}

/**
 * Describes the value each pointer names (its span, its key's span, and an object's members),
 * in one pass that skips whatever no pointer reaches, so that `--fix` can edit a 13 MB JSON
 * file without building a syntax tree of it. A duplicated key resolves to its last
 * occurrence, as `JSON.parse` does. The text must already be valid JSON.
 */
export function describeInJson(text: string, pointers: Iterable<string>): Map<string, JsonNode> {
  const found = new Map<string, JsonNode>();
  const trie = buildTrie(pointers).root;
  let i = 0;

  // i at the value's first character; leaves i just past the value.
  const visit = (node: Trie, keySpan: Span | undefined): void => {
    const start = i;
    const kind = kindAt(text, i);
    const wanted = node.pointer !== undefined;
    const members: JsonMember[] | undefined = wanted && kind === 'object' ? [] : undefined;
    if (kind === 'object' && (wanted || node.children.size > 0)) {
      i++;
      for (;;) {
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.CloseBrace || i >= text.length) {
          i++;
          break;
        }
        const keyStart = i;
        i = skipString(text, i);
        const memberKey: Span = [keyStart, i];
        const key = keyAt(text, keyStart, i);
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.Colon) i++;
        i = skipSpace(text, i);
        const valueStart = i;
        const child = node.children.get(key);
        if (child) visit(child, memberKey);
        else i = skipValue(text, i);
        members?.push({ key, keySpan: memberKey, valueSpan: [valueStart, i], kind: kindAt(text, valueStart) });
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.Comma) i++;
      }
    } else if (kind === 'array' && node.children.size > 0) {
      i++;
      for (let index = 0; ; index++) {
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.CloseBracket || i >= text.length) {
          i++;
          break;
        }
        const child = node.children.get(String(index));
        if (child) visit(child, undefined);
        else i = skipValue(text, i);
        i = skipSpace(text, i);
        if (text.charCodeAt(i) === Ch.Comma) i++;
      }
    } else {
      i = skipValue(text, i);
    }
    if (wanted) found.set(node.pointer!, { kind, valueSpan: [start, i], ...(keySpan ? { keySpan } : {}), ...(members ? { members } : {}) });
  };

  i = skipSpace(text, 0);
  visit(trie, undefined);
  return found;
}
