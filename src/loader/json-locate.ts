import { splitPointer } from './pointer.js';

/** Offsets [start, end) of what a pointer names: the key of a member, or an array element. */
export type Span = readonly [number, number];

interface Trie {
  pointer?: string;
  children: Map<string, Trie>;
}

function buildTrie(pointers: Iterable<string>): Trie {
  const root: Trie = { children: new Map() };
  for (const pointer of pointers) {
    let node = root;
    for (const segment of splitPointer(pointer)) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map() }));
      node = next;
    }
    node.pointer = pointer;
  }
  return root;
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

/**
 * Finds where each pointer lives in JSON text in one pass, descending only into the members
 * that some pointer names and skipping every other value at scanning speed. This keeps
 * positions off the hot path: `JSON.parse` builds the values, and only the few nodes that
 * carry findings are ever located. The text must already be valid JSON.
 */
export function locateInJson(text: string, pointers: Iterable<string>): Map<string, Span> {
  const found = new Map<string, Span>();
  const trie = buildTrie(pointers);
  let i = 0;

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else return;
    }
  };

  // i at the opening quote; leaves i after the closing quote. indexOf finds quotes far faster
  // than a loop over characters; a quote after an odd run of backslashes is escaped.
  const skipString = (): void => {
    let quote = text.indexOf('"', i + 1);
    for (;;) {
      if (quote === -1) {
        i = text.length;
        return;
      }
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === Ch.Backslash) backslashes++;
      if (backslashes % 2 === 0) break;
      quote = text.indexOf('"', quote + 1);
    }
    i = quote + 1;
  };

  const structural = /["[\]{}]/g;
  const skipValue = (): void => {
    const first = text.charCodeAt(i);
    if (first === Ch.Quote) return skipString();
    if (first !== Ch.OpenBrace && first !== Ch.OpenBracket) {
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === Ch.Comma || c === Ch.CloseBrace || c === Ch.CloseBracket || c === 32 || c === 10 || c === 13 || c === 9) return;
        i++;
      }
      return;
    }
    // Jump from one quote or bracket to the next; everything between is numbers and spaces.
    let depth = 0;
    for (;;) {
      structural.lastIndex = i;
      const match = structural.exec(text);
      if (!match) {
        i = text.length;
        return;
      }
      i = match.index;
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        skipString();
        continue;
      }
      if (c === Ch.OpenBrace || c === Ch.OpenBracket) depth++;
      else if (--depth === 0) {
        i++;
        return;
      }
      i++;
    }
  };

  const readKey = (): string => {
    const start = i;
    skipString();
    const raw = text.slice(start + 1, i - 1);
    return raw.includes('\\') ? (JSON.parse(text.slice(start, i)) as string) : raw;
  };

  // Recursion follows only the requested pointers, so its depth is a pointer's length,
  // never the document's nesting.
  const visit = (node: Trie): void => {
    skipSpace();
    const open = text.charCodeAt(i);
    if (open === Ch.OpenBrace) {
      i++;
      for (;;) {
        skipSpace();
        if (text.charCodeAt(i) === Ch.CloseBrace || i >= text.length) {
          i++;
          return;
        }
        const keyStart = i;
        const key = readKey();
        const keyEnd = i;
        skipSpace();
        if (text.charCodeAt(i) === Ch.Colon) i++;
        skipSpace();
        const child = node.children.get(key);
        if (child?.pointer !== undefined) found.set(child.pointer, [keyStart, keyEnd]);
        if (child && child.children.size > 0) visit(child);
        else skipValue();
        skipSpace();
        if (text.charCodeAt(i) === Ch.Comma) i++;
      }
    } else if (open === Ch.OpenBracket) {
      i++;
      for (let index = 0; ; index++) {
        skipSpace();
        if (text.charCodeAt(i) === Ch.CloseBracket || i >= text.length) {
          i++;
          return;
        }
        const child = node.children.get(String(index));
        const start = i;
        if (child && child.children.size > 0) visit(child);
        else skipValue();
        if (child?.pointer !== undefined) found.set(child.pointer, [start, i]);
        skipSpace();
        if (text.charCodeAt(i) === Ch.Comma) i++;
      }
    } else {
      skipValue();
    }
  };

  if (trie.pointer !== undefined) found.set(trie.pointer, [0, 0]);
  if (trie.children.size > 0) visit(trie);
  return found;
}
