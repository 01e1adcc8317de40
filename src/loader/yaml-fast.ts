import { MAX_NESTING } from './value-scan.js';
import { blockScalarValue, type Chomp, doubleQuotedValue, keyString, resolvePlain, singleQuotedValue, unfoldLines, Unsupported } from './yaml-scalars.js';

/**
 * Where the keys and items of one collection are written, as a tree beside the value: for a
 * mapping `[key, start, end, spans of the value, …]` in written order, for a sequence
 * `[start, end, spans of the item, …]`; offsets into the text, `undefined` for scalars.
 * (A tree rather than a WeakMap from objects: ephemerons doubled the parse time in GC.)
 */
export type Spans = Array<string | number | Spans | undefined>;

export interface FastYaml {
  value: Record<string, unknown>;
  /** Offsets into the text as read: with `\r\n` line ends read as `\n` (see `toTextOffset`). */
  spans: Spans;
  /**
   * For a text with CRLF line ends, the offset in the text itself of an offset in `spans`;
   * absent when the two are the same.
   */
  toTextOffset?: (offset: number) => number;
}

const SPACE = 32;
const TAB = 9;
const NL = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const QUESTION = 63;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const PIPE = 124;
const GREATER = 62;

/**
 * `valueEnd` of a block collection: `yaml` ends its range after the last value's trailing
 * comment and line break, so a one-line `- key: value # note` item spans its whole line.
 */
const BLOCK_END = -1;

/**
 * How far the `:` of an implicit block mapping key may be from where `yaml` starts counting:
 * it refuses more (KEY_OVER_1024_CHARS). It counts from the key's start, quotes and spaces
 * before the colon included, or from the end of the node before: after an empty value that
 * closes a nested collection (`a:\n  b:\n\n\nc: 1`) that is before the blank lines, so that
 * 1,025 blank lines there make even `c` too long. The fast reader counts, conservatively, from
 * the line break before the blank lines (`gapStart`).
 */
const MAX_KEY_TO_COLON = 1024;

/** Space, line break, tab, or the end of the text (NaN), as `yaml`'s lexer counts "empty". */
function isEmpty(c: number): boolean {
  return c === SPACE || c === NL || c === TAB || c === CR || c !== c;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE;
}

/** Characters that start something other than a plain scalar (or an error) in YAML. */
function isIndicator(c: number): boolean {
  switch (c) {
    case DASH: case QUESTION: case COLON: case COMMA: case OPEN_BRACKET: case CLOSE_BRACKET:
    case OPEN_BRACE: case CLOSE_BRACE: case HASH: case 38 /* & */: case 42 /* * */: case 33 /* ! */:
    case PIPE: case GREATER: case SQUOTE: case DQUOTE: case 37 /* % */: case 64 /* @ */: case 96 /* ` */:
      return true;
    default:
      return false;
  }
}

/**
 * A plain `<<` key: YAML 1.1's merge key, which OpenAPI tools (js-yaml, Spectral, Redocly)
 * honour. `yaml` merges it; the fast reader would keep it as a key named `<<`.
 */
function isMergeKey(text: string, start: number, end: number): boolean {
  return end - start === 2 && text.charCodeAt(start) === 60 && text.charCodeAt(start + 1) === 60;
}

/** Can a plain scalar start with `c` followed by `next`? (`-1`, `:x` and `?x` can.) */
function canStartPlain(c: number, next: number, inFlow: boolean): boolean {
  if (!isIndicator(c)) return c === c;
  return (c === DASH || c === QUESTION || c === COLON) && !isEmpty(next) && !(inFlow && isFlowIndicator(next));
}

/**
 * Reads the YAML that OpenAPI documents are written in (block mappings and sequences, plain,
 * quoted and block scalars, single-line flow collections) straight into plain values, several
 * times faster than building a `yaml` Document, and records where each key and item is
 * written. Anything else (anchors, aliases, tags, directives, several documents, tabs, a
 * carriage return that does not end a line, explicit keys, and every error) returns
 * `undefined`, and the caller lets `yaml` read the file: so values, positions and error
 * messages stay `yaml`'s own.
 */
export function readYamlFast(text: string): FastYaml | undefined {
  return tryReadYamlFast(text).result;
}

/** As `readYamlFast`, with the reason it gave up (for tests and benchmarks). */
export function tryReadYamlFast(text: string): { result?: FastYaml; reason?: string } {
  // CRLF line ends (specs checked out on Windows): YAML reads a line break in a scalar as `\n`
  // whichever way it is written, so the text is read with `\n` ends and only the recorded
  // offsets are moved back. Left to `yaml`, GitHub's 10 MB description took 3.6 s, not 0.6 s.
  const firstReturn = text.indexOf('\r');
  if (firstReturn !== -1 && LONE_RETURN.test(text)) return { reason: 'a carriage return that does not end a line' };
  try {
    if (firstReturn === -1) return { result: new Reader(text).document() };
    const result = new Reader(text.replaceAll('\r\n', '\n'), true).document();
    result.toTextOffset = crlfOffsets(text, firstReturn);
    return { result };
  } catch (error) {
    if (error instanceof Unsupported) return { reason: error.reason };
    // Too deep for this reader's recursion: `yaml` reads it and says where the nesting is.
    if (error instanceof RangeError) return { reason: 'nesting too deep' };
    throw error;
  }
}

const LONE_RETURN = /\r(?!\n)/;

/**
 * Maps an offset in `text` read with `\r\n` as `\n` back to `text`: it moves one further for
 * each carriage return removed before it. An offset at a line end stays before that line's
 * `\r`, where the content ends. `first` is the first carriage return's offset.
 */
function crlfOffsets(text: string, first: number): (offset: number) => number {
  // Where each removed carriage return would be in the text as read, in order.
  const removedAt: number[] = [];
  for (let at = first; at !== -1; at = text.indexOf('\r', at + 1)) removedAt.push(at - removedAt.length);
  return (offset) => {
    // How many were removed before `offset`: binary search for the first at or after it.
    let low = 0;
    let high = removedAt.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (removedAt[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return offset + low;
  };
}

function bail(reason: string): never {
  throw new Unsupported(reason);
}

/**
 * A recursive-descent reader over block structure. Between nodes, `pos` is at the first
 * character of the next content line and `indent` is that line's indentation (-1 at the end
 * of the text); every block parser returns in that state.
 */
class Reader {
  private pos = 0;
  private indent = -1;
  /** End offset of the last scalar or flow collection read. */
  private valueEnd = 0;
  private keyEnd = 0;
  /** The line break before the blank lines that precede `pos` (comment lines end them). */
  private gapStart = -1;
  /** Spans of the last value read, `undefined` for a scalar. */
  private valueSpans: Spans | undefined;
  private readonly length: number;
  /**
   * Collections open around `pos`. Past MAX_NESTING the reader gives up, and `yaml`'s reader
   * (parse.ts) refuses the file at that depth, wherever the thread's stack would end: deeper,
   * this recursion ran out of stack at a depth that depends on the thread (a worker's stack is
   * four times the main thread's) and on how far V8 had optimised it, so the same file gave
   * one message on one thread and another elsewhere.
   */
  private depth = 0;

  constructor(
    private readonly text: string,
    /** Whether line breaks were `\r\n` in the text `yaml` reads, which count 2 each. */
    private readonly crlf = false,
  ) {
    this.length = text.length;
  }

  document(): FastYaml {
    this.nextContent(true);
    const text = this.text;
    // Before a document starts, `yaml` drops a byte order mark that opens a line (the loader
    // has dropped the text's first), and reads `...` as the end of a document not begun.
    if (text.charCodeAt(this.pos) === 0xfeff) bail('a byte order mark inside the text');
    if (this.indent === 0 && text.startsWith('...', this.pos) && isEmpty(text.charCodeAt(this.pos + 3))) bail('a document end marker');
    if (this.indent === 0 && text.startsWith('---', this.pos) && isEmpty(text.charCodeAt(this.pos + 3))) {
      this.pos += 3;
      this.endLine(true);
    }
    if (this.indent === -1) bail('no content');
    if (!this.isKeyLine()) bail('the root is not a block mapping');
    const value = this.blockMap(this.indent);
    if (this.indent !== -1) bail('content after the root mapping');
    return { value, spans: this.valueSpans! };
  }

  /** From a line start, skips blank and comment lines; sets `pos` and `indent`. */
  private nextContent(atStart = false): void {
    const text = this.text;
    let p = this.pos;
    let gapStart = p - 1;
    for (;;) {
      const lineStart = p;
      let c = text.charCodeAt(p);
      while (c === SPACE) c = text.charCodeAt(++p);
      if (c === NL) {
        p++;
        continue;
      }
      if (c === HASH) {
        p = text.indexOf('\n', p);
        if (p === -1) break;
        gapStart = p++;
        continue;
      }
      if (c !== c) break;
      if (c === TAB) bail('a tab in indentation');
      const indent = p - lineStart;
      if (indent === 0) {
        if (c === 37 /* % */) bail('a directive');
        if ((c === DASH || c === DOT) && !atStart && isEmpty(text.charCodeAt(p + 3))) {
          const marker = text.slice(p, p + 3);
          if (marker === '---' || marker === '...') bail('several documents');
        }
      }
      this.pos = p;
      this.indent = indent;
      this.gapStart = gapStart;
      return;
    }
    this.pos = this.length;
    this.indent = -1;
  }

  /** After a value: spaces, an optional comment, the line break; then the next content. */
  private endLine(allowComment = false): void {
    const text = this.text;
    const start = this.pos;
    let p = start;
    let c = text.charCodeAt(p);
    while (c === SPACE || c === TAB) c = text.charCodeAt(++p);
    if (c === HASH) {
      if (p === start && !allowComment) bail('a comment not separated by a space');
      p = text.indexOf('\n', p);
      if (p === -1) p = this.length;
      c = text.charCodeAt(p);
    }
    if (c === NL) {
      this.pos = p + 1;
      this.nextContent();
    } else if (c !== c) {
      this.pos = this.length;
      this.indent = -1;
    } else {
      bail('unexpected text after a value');
    }
  }

  private atSeqMarker(): boolean {
    return this.text.charCodeAt(this.pos) === DASH && isEmpty(this.text.charCodeAt(this.pos + 1));
  }

  /** Does the content at `pos` start with an implicit key (`key:` followed by a space)? */
  private isKeyLine(): boolean {
    const text = this.text;
    let p = this.pos;
    let c = text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      p = this.closingQuoteOnLine(p);
      if (p === -1) return false;
      c = text.charCodeAt(++p);
      while (c === SPACE) c = text.charCodeAt(++p);
      return c === COLON && isEmpty(text.charCodeAt(p + 1));
    }
    if (!canStartPlain(c, text.charCodeAt(p + 1), false)) return false;
    for (;;) {
      if (c === COLON) {
        if (isEmpty(text.charCodeAt(p + 1))) return true;
      } else if (c === SPACE || c === TAB) {
        if (text.charCodeAt(p + 1) === HASH) return false;
      } else if (c === NL || c !== c) {
        return false;
      }
      c = text.charCodeAt(++p);
    }
  }

  /** Offset of the quote closing the one at `start`, if it is on the same line; else -1. */
  private closingQuoteOnLine(start: number): number {
    const text = this.text;
    const quote = text.charCodeAt(start);
    let p = start + 1;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) {
          p += 2;
          continue;
        }
        return p;
      }
      if (c === NL || c !== c) return -1;
      if (c === BACKSLASH && quote === DQUOTE) {
        if (text.charCodeAt(p + 1) === NL) return -1;
        p += 2;
      } else {
        p++;
      }
    }
  }

  /** Counts a collection being opened (see `depth`); each reader of one closes it before returning. */
  private open(): void {
    if (++this.depth > MAX_NESTING) bail('nesting too deep');
  }

  private blockMap(indent: number): Record<string, unknown> {
    this.open();
    const map: Record<string, unknown> = {};
    const spans: Spans = [];
    for (;;) {
      const keyStart = this.pos;
      const key = this.blockKey();
      const keyEnd = this.keyEnd;
      const value = this.mapValue(indent);
      // `yaml` refuses some duplicates (`a` twice) and merges others (`1` and `'1'`): let it decide.
      if (key === '__proto__' || Object.hasOwn(map, key)) bail('a duplicate key');
      map[key] = value;
      spans.push(key, keyStart, keyEnd, this.valueSpans);
      if (this.indent < indent) {
        this.valueSpans = spans;
        this.valueEnd = BLOCK_END;
        this.depth--;
        return map;
      }
      if (this.indent > indent) bail('bad indentation of a mapping entry');
      if (this.atSeqMarker()) bail('a sequence entry inside a mapping');
    }
  }

  /** Reads `key:` and leaves `pos` after the colon. */
  private blockKey(): string {
    const text = this.text;
    const start = this.pos;
    let c = text.charCodeAt(start);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuoteOnLine(start);
      if (close === -1) bail('a multi-line key');
      const source = text.slice(start, close + 1);
      const key = c === DQUOTE ? doubleQuotedValue(source) : singleQuotedValue(source);
      this.keyEnd = close + 1;
      let p = close + 1;
      while (text.charCodeAt(p) === SPACE) p++;
      if (text.charCodeAt(p) !== COLON || !isEmpty(text.charCodeAt(p + 1))) bail('a quoted key without a colon');
      this.checkKeyLength(start, p);
      this.pos = p + 1;
      return key;
    }
    if (!canStartPlain(c, text.charCodeAt(start + 1), false)) bail('a key that is not a plain or quoted scalar');
    let p = start;
    let end = start;
    for (;;) {
      if (c === COLON) {
        if (isEmpty(text.charCodeAt(p + 1))) break;
        end = p + 1;
      } else if (c === SPACE || c === TAB) {
        if (text.charCodeAt(p + 1) === HASH) bail('a line that is not a key');
      } else if (c === NL || c !== c) {
        bail('a line that is not a key');
      } else {
        end = p + 1;
      }
      c = text.charCodeAt(++p);
    }
    this.checkKeyLength(start, p);
    if (isMergeKey(text, start, end)) bail('a merge key');
    this.keyEnd = end;
    this.pos = p + 1;
    return keyString(resolvePlain(text.slice(start, end)));
  }

  /** See MAX_KEY_TO_COLON: `start` is the key's, `colon` its colon's offset. */
  private checkKeyLength(start: number, colon: number): void {
    // With CRLF line ends each line break before the key is one character longer.
    const distance = colon - this.gapStart + (this.crlf ? start - this.gapStart : 0);
    if (distance > MAX_KEY_TO_COLON) bail('a key over 1024 characters');
  }

  /** The value after `key:`, on the same line or below. */
  private mapValue(mapIndent: number): unknown {
    const text = this.text;
    let p = this.pos;
    let c = text.charCodeAt(p);
    while (c === SPACE || c === TAB) c = text.charCodeAt(++p);
    this.pos = p;
    if (c === NL || c !== c || c === HASH) {
      // The colon is followed by a space or the line's end, so a comment here is separated.
      this.endLine(true);
      if (this.indent > mapIndent) return this.blockNode(mapIndent, p);
      if (this.indent === mapIndent && this.atSeqMarker()) return this.blockSeq(mapIndent);
      this.valueEnd = p;
      this.valueSpans = undefined;
      return null;
    }
    return this.inlineValue(mapIndent);
  }

  /**
   * A node that starts on its own line, indented more than its parent; `from` is on the line
   * of its `key:` or `-`.
   */
  private blockNode(parentIndent: number, from: number): unknown {
    if (this.atSeqMarker()) return this.blockSeq(this.indent);
    if (this.isKeyLine()) return this.blockMap(this.indent);
    const c = this.text.charCodeAt(this.pos);
    if (c === PIPE || c === GREATER) bail('a block scalar on its own line');
    if (c !== DQUOTE && c !== SQUOTE && c !== OPEN_BRACKET && c !== OPEN_BRACE && this.commentAtOrBelow(from, parentIndent)) {
      bail('a comment less indented than the plain scalar after it');
    }
    return this.inlineValue(parentIndent);
  }

  /**
   * Whether a comment line between the line of `from` and `pos` is indented `indent` or less.
   * `yaml`'s lexer then lowers the indentation the next plain scalar must keep to the
   * comment's (when the comment's second character is not white space: `##`, `#c`, not `# c`):
   * `a:\n##\n b\nc: 1` continues `b` onto `c`, a multi-line implicit key it refuses, and
   * `a:\n- \n##\n  b\n- c` is {a: ['b - c']}. Any such comment is declined, whatever follows `#`.
   */
  private commentAtOrBelow(from: number, indent: number): boolean {
    const text = this.text;
    for (let p = text.indexOf('\n', from) + 1; p > 0 && p < this.pos; p = text.indexOf('\n', p) + 1) {
      const lineStart = p;
      while (text.charCodeAt(p) === SPACE) p++;
      if (text.charCodeAt(p) === HASH && p - lineStart <= indent) return true;
    }
    return false;
  }

  private blockSeq(indent: number): unknown[] {
    this.open();
    const text = this.text;
    const items: unknown[] = [];
    const spans: Spans = [];
    for (;;) {
      const dash = this.pos;
      let p = dash + 1;
      let c = text.charCodeAt(p);
      while (c === SPACE) c = text.charCodeAt(++p);
      let item: unknown;
      let start = p;
      this.pos = p;
      if (c === NL || c !== c || c === HASH) {
        this.endLine(true);
        if (this.indent > indent) {
          start = this.pos;
          item = this.blockNode(indent, p);
        } else {
          this.valueEnd = p;
          this.valueSpans = undefined;
          item = null;
        }
      } else if (c === TAB) {
        bail('a tab after a sequence marker');
      } else {
        const column = indent + (p - dash);
        if (this.atSeqMarker()) item = this.blockSeq(column);
        else if (this.isKeyLine()) item = this.blockMap(column);
        else item = this.inlineValue(indent);
      }
      items.push(item);
      let end = this.valueEnd;
      if (end === BLOCK_END) {
        end = text.indexOf('\n', start);
        if (end === -1) end = this.length;
      }
      spans.push(start, end, this.valueSpans);
      if (this.indent === indent && this.atSeqMarker()) continue;
      if (this.indent > indent) bail('bad indentation of a sequence entry');
      this.valueSpans = spans;
      this.valueEnd = BLOCK_END;
      this.depth--;
      return items;
    }
  }

  /** A scalar or flow collection starting at `pos`, within a block node at `parentIndent`. */
  private inlineValue(parentIndent: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    let value: unknown;
    switch (c) {
      case DQUOTE:
      case SQUOTE:
        value = this.quoted(parentIndent, false);
        break;
      case OPEN_BRACKET:
      case OPEN_BRACE:
        value = this.flow(parentIndent);
        break;
      case PIPE:
      case GREATER:
        return this.blockScalar(parentIndent);
      default:
        if (!canStartPlain(c, text.charCodeAt(this.pos + 1), false)) bail('an anchor, alias, tag or reserved indicator');
        return this.plain(parentIndent);
    }
    this.endLine();
    return value;
  }

  /** A plain scalar in block context, possibly continued on more-indented lines. */
  private plain(parentIndent: number): unknown {
    const text = this.text;
    const start = this.pos;
    let p = start;
    let end = start;
    let multiline = false;
    let c = text.charCodeAt(p);
    for (;;) {
      if (c === COLON) {
        if (isEmpty(text.charCodeAt(p + 1))) bail('a mapping inside a plain scalar');
        end = p + 1;
      } else if (c === SPACE) {
        if (text.charCodeAt(p + 1) === HASH) break;
      } else if (c === NL) {
        let q = p + 1;
        let next = text.charCodeAt(q);
        while (next === SPACE) next = text.charCodeAt(++q);
        if (next === NL) {
          p = q;
          continue;
        }
        if (next !== next || q - p - 1 <= parentIndent || next === HASH) break;
        if (next === TAB) bail('a tab in indentation');
        multiline = true;
        p = q;
        c = next;
        continue;
      } else if (c !== c) {
        break;
      } else if (c === TAB) {
        // Inside a plain scalar a tab is white space, like a space.
        if (text.charCodeAt(p + 1) === HASH) break;
      } else {
        end = p + 1;
      }
      c = text.charCodeAt(++p);
    }
    const source = text.slice(start, end);
    this.valueEnd = end;
    this.valueSpans = undefined;
    this.pos = end;
    this.endLine();
    return resolvePlain(multiline ? unfoldLines(source) : source);
  }

  /** A quoted scalar; in block context it may span lines indented more than its parent. */
  private quoted(parentIndent: number, singleLine: boolean): string {
    const text = this.text;
    const start = this.pos;
    const quote = text.charCodeAt(start);
    let p = start + 1;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) {
          p += 2;
          continue;
        }
        break;
      }
      if (c === BACKSLASH && quote === DQUOTE) {
        // An escaped line break still needs its next line indented: check it as a line break.
        p += text.charCodeAt(p + 1) === NL ? 1 : 2;
        continue;
      }
      if (c === NL) {
        if (singleLine) bail('a multi-line key');
        let q = p + 1;
        let next = text.charCodeAt(q);
        while (next === SPACE) next = text.charCodeAt(++q);
        if (next !== NL && q - p - 1 <= parentIndent) bail('an under-indented quoted scalar line');
        p = q;
        continue;
      }
      if (c !== c) bail('an unterminated quoted scalar');
      p++;
    }
    const end = p + 1;
    const source = text.slice(start, end);
    this.valueEnd = end;
    this.valueSpans = undefined;
    this.pos = end;
    return quote === DQUOTE ? doubleQuotedValue(source) : singleQuotedValue(source);
  }

  /** `|` or `>`, with any chomping and an explicit or detected indentation. */
  private blockScalar(parentIndent: number): string {
    const text = this.text;
    const folded = text.charCodeAt(this.pos) === GREATER;
    let p = this.pos + 1;
    let chomp: Chomp = '';
    let explicit = 0;
    let c = text.charCodeAt(p);
    // Header indicators in either order: `|-`, `|+2`, `|2-`.
    for (let i = 0; i < 2; i++) {
      if ((c === DASH || c === 43 /* + */) && chomp === '') chomp = c === DASH ? '-' : '+';
      else if (c >= 49 && c <= 57 && explicit === 0) explicit = c - 48;
      else break;
      c = text.charCodeAt(++p);
    }
    if (c !== SPACE && c !== NL && c === c) bail('block scalar indicators');
    while (c === SPACE) c = text.charCodeAt(++p);
    if (c === HASH) {
      if (text.charCodeAt(p - 1) !== SPACE) bail('a comment not separated by a space');
      p = text.indexOf('\n', p);
      if (p === -1) p = this.length;
    } else if (c !== NL && c === c) {
      bail('text after a block scalar header');
    }
    // p at the header's line break; read lines until one is less indented than the content.
    const lines: Array<[number, string]> = [];
    let contentIndent = -1;
    let lastContentEnd = p;
    let lineStart = p + 1;
    let endsWithBreak = false;
    while (lineStart < this.length) {
      let q = lineStart;
      let ch = text.charCodeAt(q);
      while (ch === SPACE) ch = text.charCodeAt(++q);
      const spaces = q - lineStart;
      if (ch === NL || ch !== ch) {
        lines.push([spaces, '']);
        endsWithBreak = ch === NL;
        lineStart = q + 1;
        continue;
      }
      if (contentIndent === -1) {
        if (spaces <= parentIndent) break;
        // Only spaces indent: a tab after them is the first line's content (`yaml` agrees).
        contentIndent = explicit > 0 ? parentIndent + explicit : spaces;
        if (spaces < contentIndent) bail('a block scalar less indented than its indicator');
      } else if (spaces < contentIndent) {
        if (ch === TAB) bail('a tab in block scalar indentation');
        break;
      }
      let lineEnd = text.indexOf('\n', q);
      endsWithBreak = lineEnd !== -1;
      if (lineEnd === -1) lineEnd = this.length;
      lines.push([spaces, text.slice(q, lineEnd)]);
      lastContentEnd = lineEnd;
      lineStart = lineEnd + 1;
    }
    this.valueSpans = undefined;
    if (contentIndent === -1) {
      // No content: '' unless kept line breaks must be counted, which `yaml` does its own way.
      if (chomp === '+') bail('an empty block scalar that keeps line breaks');
      this.valueEnd = p;
      this.pos = Math.min(p + 1, this.length);
      this.nextContent();
      return '';
    }
    this.valueEnd = lastContentEnd;
    this.pos = Math.min(lineStart, this.length);
    this.nextContent();
    return blockScalarValue(folded, chomp, lines, explicit > 0 ? contentIndent : 0, endsWithBreak);
  }

  /** A flow collection; it may span lines indented more than its parent. */
  private flow(parentIndent: number): unknown {
    this.open();
    const collection = this.flowCollection(parentIndent);
    this.depth--;
    return collection;
  }

  private flowCollection(parentIndent: number): unknown {
    const text = this.text;
    const open = text.charCodeAt(this.pos);
    this.pos++;
    this.flowSpace(parentIndent);
    if (open === OPEN_BRACKET) {
      const items: unknown[] = [];
      const spans: Spans = [];
      this.valueSpans = spans;
      if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
        this.valueEnd = ++this.pos;
        return items;
      }
      for (;;) {
        const start = this.pos;
        items.push(this.flowNode(parentIndent));
        spans.push(start, this.valueEnd, this.valueSpans);
        this.flowSpace(parentIndent);
        const c = text.charCodeAt(this.pos);
        if (c === CLOSE_BRACKET) {
          this.valueEnd = ++this.pos;
          this.valueSpans = spans;
          return items;
        }
        if (c !== COMMA) bail('a flow sequence entry that is not a value');
        this.pos++;
        this.flowSpace(parentIndent);
        // A comma before the end is allowed (YAML 1.2 §7.4.1), and Prettier writes one after
        // the last entry of a flow collection it breaks over lines.
        if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
          this.valueEnd = ++this.pos;
          this.valueSpans = spans;
          return items;
        }
      }
    }
    const map: Record<string, unknown> = {};
    const spans: Spans = [];
    this.valueSpans = spans;
    if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.valueEnd = ++this.pos;
      return map;
    }
    for (;;) {
      const keyStart = this.pos;
      const first = text.charCodeAt(keyStart);
      let key: string;
      if (first === DQUOTE || first === SQUOTE) {
        key = this.quoted(parentIndent, true);
        while (text.charCodeAt(this.pos) === SPACE) this.pos++;
        if (text.charCodeAt(this.pos) !== COLON) bail('a flow mapping key without a value');
      } else {
        if (!canStartPlain(first, text.charCodeAt(keyStart + 1), true)) bail('an indicator in a flow collection');
        key = keyString(this.flowPlain(-1));
        if (isMergeKey(text, keyStart, this.valueEnd)) bail('a merge key');
        while (text.charCodeAt(this.pos) === SPACE) this.pos++;
        if (text.charCodeAt(this.pos) !== COLON) bail('a flow mapping key without a value');
      }
      const keyEnd = this.valueEnd;
      this.pos++;
      this.flowSpace(parentIndent);
      let value: unknown = null;
      let valueSpans: Spans | undefined;
      const c = text.charCodeAt(this.pos);
      if (c !== COMMA && c !== CLOSE_BRACE) {
        value = this.flowNode(parentIndent);
        valueSpans = this.valueSpans;
        this.flowSpace(parentIndent);
      }
      if (key === '__proto__' || Object.hasOwn(map, key)) bail('a duplicate key');
      map[key] = value;
      spans.push(key, keyStart, keyEnd, valueSpans);
      const next = text.charCodeAt(this.pos);
      if (next === CLOSE_BRACE) {
        this.valueEnd = ++this.pos;
        this.valueSpans = spans;
        return map;
      }
      if (next !== COMMA) bail('a flow mapping entry that is not a pair');
      this.pos++;
      this.flowSpace(parentIndent);
      if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
        this.valueEnd = ++this.pos;
        this.valueSpans = spans;
        return map;
      }
    }
  }

  private flowNode(parentIndent: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) return this.flow(parentIndent);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(parentIndent, false);
    if (!canStartPlain(c, text.charCodeAt(this.pos + 1), true)) bail('an indicator in a flow collection');
    return this.flowPlain(parentIndent);
  }

  /**
   * A plain scalar inside a flow collection, leaving `pos` at its end; it may go on over lines
   * indented more than `parentIndent` (-1: it must not, as for a key).
   */
  private flowPlain(parentIndent: number): unknown {
    const text = this.text;
    const start = this.pos;
    let p = start;
    let end = start;
    let multiline = false;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === COLON) {
        const next = text.charCodeAt(p + 1);
        if (isEmpty(next) || isFlowIndicator(next)) break;
        end = p + 1;
      } else if (c === SPACE || c === TAB) {
        const next = text.charCodeAt(p + 1);
        if (next === HASH || isFlowIndicator(next)) break;
      } else if (isFlowIndicator(c)) {
        break;
      } else if (c === NL) {
        // A comment or a flow indicator on a later line ends the scalar; other text goes on.
        let q = p + 1;
        let lineStart = q;
        let next = text.charCodeAt(q);
        while (next === SPACE || next === NL) {
          if (next === NL) lineStart = q + 1;
          next = text.charCodeAt(++q);
        }
        if (next === HASH || isFlowIndicator(next)) break;
        if (parentIndent < 0 || next === TAB || next !== next || q - lineStart <= parentIndent) bail('a multi-line plain scalar in a flow collection');
        multiline = true;
        p = q;
        continue;
      } else if (c !== c) {
        bail('the end of the text in a flow collection');
      } else {
        end = p + 1;
      }
      p++;
    }
    if (end === start) bail('an empty plain scalar');
    this.valueEnd = end;
    this.valueSpans = undefined;
    this.pos = end;
    const source = text.slice(start, end);
    return resolvePlain(multiline ? unfoldLines(source) : source);
  }

  /** Spaces, comments and line breaks between flow tokens; lines must stay indented. */
  private flowSpace(parentIndent: number): void {
    const text = this.text;
    let p = this.pos;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === SPACE || c === TAB) {
        p++;
      } else if (c === HASH) {
        const before = text.charCodeAt(p - 1);
        if (before !== SPACE && before !== TAB && before !== NL) bail('a comment not separated by a space');
        p = text.indexOf('\n', p);
        if (p === -1) bail('an unterminated flow collection');
      } else if (c === NL) {
        let q = p + 1;
        let next = text.charCodeAt(q);
        while (next === SPACE) next = text.charCodeAt(++q);
        if (next === TAB) bail('a tab in indentation');
        if (next !== NL && q - p - 1 <= parentIndent) bail('an under-indented flow collection line');
        p = q;
      } else if (c !== c) {
        bail('an unterminated flow collection');
      } else {
        this.pos = p;
        return;
      }
    }
  }
}
