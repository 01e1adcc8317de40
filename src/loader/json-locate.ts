import { regionOnLine, type Region } from './line-index.js';
import type { JsonOutline } from './json-outline.js';
import { unescapeSegment } from './pointer.js';

/** Offsets [start, end) of a piece of the text. */
export type Span = readonly [number, number];

interface Trie {
  /** The pointer to this node as written (segments escaped), to match the next pointer's prefix. */
  path: string;
  /** Set when this node is one of the pointers asked for. */
  pointer: string | undefined;
  children: Map<string, Trie> | undefined;
}

/** The pointers as a tree of their segments, and how many distinct pointers it holds. */
function buildTrie(pointers: Iterable<string>): { root: Trie; count: number } {
  const root: Trie = { path: '', pointer: undefined, children: undefined };
  let count = 0;
  // Findings arrive in the order the spec is walked, so a pointer mostly shares its first
  // segments with the one before: resume below the deepest node they share, rather than
  // split, unescape and look up those segments again (on the 200-spec sample 18k of 49k
  // segments are new). Leaves get no Map: most nodes are leaves.
  const trail: Trie[] = [root];
  for (const pointer of pointers) {
    if (pointer !== '' && pointer.charCodeAt(0) !== Ch.Slash) throw new Error(`not a JSON pointer: '${pointer}'`);
    while (trail.length > 1 && !isBelow(pointer, trail[trail.length - 1]!.path)) trail.pop();
    let node = trail[trail.length - 1]!;
    for (let at = node.path.length + 1; at <= pointer.length; ) {
      let end = pointer.indexOf('/', at);
      if (end === -1) end = pointer.length;
      const segment = unescapeSegment(pointer.slice(at, end));
      const children = (node.children ??= new Map());
      let next = children.get(segment);
      if (!next) children.set(segment, (next = { path: pointer.slice(0, end), pointer: undefined, children: undefined }));
      trail.push((node = next));
      at = end + 1;
    }
    if (node.pointer === undefined) count++;
    node.pointer = pointer;
  }
  return { root, count };
}

/** Is `pointer` the node at `path`, or below it? */
function isBelow(pointer: string, path: string): boolean {
  return pointer.startsWith(path) && (pointer.length === path.length || pointer.charCodeAt(path.length) === Ch.Slash);
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
  Slash = 47,
}

/**
 * Reads valid JSON text (JSON.parse accepted it: nothing is checked here) and counts the lines
 * it passes. A JSON string cannot hold a raw newline, so every newline lies in whitespace that
 * these loops visit anyway: counting costs a comparison, where a separate pass for line starts
 * took nearly half as long as the scan itself on GitHub's 13 MB pretty-printed spec.
 */
class Reader {
  /** Offset of the next character. */
  at = 0;
  /** 0-based line of `at`, and the offset where that line starts. */
  line = 0;
  lineStart = 0;

  /**
   * With an outline, containers are stepped over without reading them; the lines counted on
   * the way then miss those inside, so positions come from the outline's line index.
   */
  constructor(
    readonly text: string,
    private readonly outline?: JsonOutline,
  ) {}

  code(): number {
    return this.text.charCodeAt(this.at);
  }

  skipSpace(): void {
    const text = this.text;
    let i = this.at;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.line++;
        this.lineStart = i + 1;
      } else if (c !== 32 && c !== 13 && c !== 9 && c !== 0xfeff) break;
      i++;
    }
    this.at = i;
  }

  /** From the opening quote to just after the closing one. */
  skipString(): void {
    this.at = stringEnd(this.text, this.at);
  }

  /** End of the key `nextKey` read, and the line it is on (a key is a string: one line). */
  keyEnd = 0;
  keyLine = 0;
  keyLineStart = 0;

  /**
   * After an object's `{` or a member's value: steps over the comma, reads the next key and its
   * colon, and returns where the key starts, leaving the reader at the member's value. At the
   * closing `}` it steps past it and returns -1.
   */
  nextKey(): number {
    if (this.closes(Ch.CloseBrace)) return -1;
    const keyStart = this.at;
    this.skipString();
    this.keyEnd = this.at;
    this.keyLine = this.line;
    this.keyLineStart = this.lineStart;
    this.skipSpace();
    if (this.code() === Ch.Colon) this.at++;
    this.skipSpace();
    return keyStart;
  }

  /**
   * After an array's `[` or an element: steps over the comma and says whether another element
   * follows, leaving the reader at it. At the closing `]` it steps past it and says no.
   */
  nextElement(): boolean {
    return !this.closes(Ch.CloseBracket);
  }

  /** Steps over the comma after an item; at `bracket` (or the end), steps past it and says so. */
  private closes(bracket: Ch): boolean {
    this.skipSpace();
    if (this.code() === Ch.Comma) {
      this.at++;
      this.skipSpace();
    }
    if (this.code() !== bracket && this.at < this.text.length) return false;
    this.at++;
    return true;
  }

  skipValue(): void {
    const text = this.text;
    let i = this.at;
    const first = text.charCodeAt(i);
    if (first === Ch.Quote) {
      this.at = stringEnd(text, i);
      return;
    }
    if (first !== Ch.OpenBrace && first !== Ch.OpenBracket) {
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === Ch.Comma || c === Ch.CloseBrace || c === Ch.CloseBracket || c === 32 || c === 10 || c === 13 || c === 9) break;
        i++;
      }
      this.at = i;
      return;
    }
    const end = this.outline ? this.outline.endOf(i) : -1;
    if (end !== -1) {
      this.at = end;
      return;
    }
    // A plain loop over characters, with indexOf over strings (most of the text): a regex
    // search for the next quote or bracket cost a call per token and was several times slower.
    let depth = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        i = stringEnd(text, i);
        continue;
      }
      if (c === Ch.OpenBrace || c === Ch.OpenBracket) depth++;
      else if (c === Ch.CloseBrace || c === Ch.CloseBracket) {
        if (--depth === 0) break;
      } else if (c === 10) {
        this.line++;
        this.lineStart = i + 1;
      } else if (i >= text.length) break;
      i++;
    }
    this.at = Math.min(i + 1, text.length);
  }
}

/**
 * Offset just past the string opening at i. indexOf finds quotes far faster than a loop over
 * characters; a quote after an odd run of backslashes is escaped.
 */
export function stringEnd(text: string, i: number): number {
  let quote = text.indexOf('"', i + 1);
  for (;;) {
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === Ch.Backslash) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
}

/** The key of the string at [start, end), escapes decoded. */
export function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/**
 * Finds where each pointer lives in JSON text in one pass, descending only into the members
 * that some pointer names and skipping every other value: at once with the text's `outline`,
 * at scanning speed without. This keeps
 * positions off the hot path: `JSON.parse` builds the values, and only the few nodes that
 * carry findings are ever located. A member is located at its key, an array element at the
 * element (see `regionOnLine` for where a region ends). The text must already be valid JSON.
 *
 * The scan stops once every pointer is found, since the rest of the text would be skipped for
 * nothing (on the 200-spec sample the last finding is on average 47% of the way through). So
 * of a key written twice this finds the first, whereas `JSON.parse` keeps the last; the
 * loader refuses such JSON (json-duplicates.ts).
 */
export function locateInJson(text: string, pointers: Iterable<string>, outline?: JsonOutline): Map<string, Region> {
  const found = new Map<string, Region>();
  const { root: trie, count } = buildTrie(pointers);
  const reader = new Reader(text, outline);
  const lines = outline?.lines;

  // Recursion follows only the requested pointers, so its depth is a pointer's length,
  // never the document's nesting.
  const visit = (node: Trie): void => {
    reader.skipSpace();
    const open = reader.code();
    if (open === Ch.OpenBrace) {
      reader.at++;
      for (let keyStart = reader.nextKey(); keyStart !== -1; keyStart = reader.nextKey()) {
        const child = node.children?.get(keyAt(text, keyStart, reader.keyEnd));
        if (child?.pointer !== undefined) {
          found.set(child.pointer, lines ? lines.region(keyStart, reader.keyEnd) : regionOnLine(text, reader.keyLine, reader.keyLineStart, keyStart, reader.keyEnd, -1));
        }
        if (child?.children) visit(child);
        else reader.skipValue();
        if (found.size === count) return;
      }
    } else if (open === Ch.OpenBracket) {
      reader.at++;
      for (let index = 0; reader.nextElement(); index++) {
        const child = node.children?.get(String(index));
        const { at: start, line, lineStart } = reader;
        if (child?.children) visit(child);
        else reader.skipValue();
        if (child?.pointer !== undefined && lines) {
          found.set(child.pointer, lines.region(start, reader.at));
        } else if (child?.pointer !== undefined) {
          // Only an element that spans lines has a newline to cut at; searching from every
          // element to the next newline would be quadratic on a minified one-line spec.
          const newline = reader.line > line ? text.indexOf('\n', start) : -1;
          found.set(child.pointer, regionOnLine(text, line, lineStart, start, reader.at, newline));
        }
        if (found.size === count) return;
      }
    } else {
      reader.skipValue();
    }
  };

  if (trie.pointer !== undefined) found.set(trie.pointer, regionOnLine(text, 0, 0, 0, 0, -1));
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
 * file without building a syntax tree of it; with the text's `outline`, a container is
 * skipped at once rather than read. A duplicated key resolves to its last
 * occurrence, as `JSON.parse` does. The text must already be valid JSON.
 */
export function describeInJson(text: string, pointers: Iterable<string>, outline?: JsonOutline): Map<string, JsonNode> {
  const found = new Map<string, JsonNode>();
  const trie = buildTrie(pointers).root;
  const reader = new Reader(text, outline);

  // The reader at the value's first character; leaves it just past the value.
  const visit = (node: Trie, keySpan: Span | undefined): void => {
    const start = reader.at;
    const kind = kindAt(text, start);
    const wanted = node.pointer !== undefined;
    const members: JsonMember[] | undefined = wanted && kind === 'object' ? [] : undefined;
    if (kind === 'object' && (wanted || node.children)) {
      reader.at++;
      for (let keyStart = reader.nextKey(); keyStart !== -1; keyStart = reader.nextKey()) {
        const memberKey: Span = [keyStart, reader.keyEnd];
        const key = keyAt(text, keyStart, reader.keyEnd);
        const valueStart = reader.at;
        const child = node.children?.get(key);
        if (child) visit(child, memberKey);
        else reader.skipValue();
        members?.push({ key, keySpan: memberKey, valueSpan: [valueStart, reader.at], kind: kindAt(text, valueStart) });
      }
    } else if (kind === 'array' && node.children) {
      reader.at++;
      for (let index = 0; reader.nextElement(); index++) {
        const child = node.children?.get(String(index));
        if (child) visit(child, undefined);
        else reader.skipValue();
      }
    } else {
      reader.skipValue();
    }
    if (wanted) found.set(node.pointer!, { kind, valueSpan: [start, reader.at], ...(keySpan ? { keySpan } : {}), ...(members ? { members } : {}) });
  };

  reader.skipSpace();
  visit(trie, undefined);
  return found;
}
