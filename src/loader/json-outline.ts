import { LineIndex } from './line-index.js';

/**
 * Where each object and array of a JSON text ends, and where its lines start: what lets
 * locateInJson step over a value without reading it. Recorded by the pass that counts member
 * names (json-duplicates.ts), which reads every character outside strings anyway. Without it,
 * locating a finding read the text again up to the finding, character by character: on the
 * benchmark's 200 specs as much work as the count itself, and on GitHub's 13 MB description,
 * half of which is indentation, a tenth of the run.
 */
export class JsonOutline {
  /** Offsets of the containers' opening brackets, in text order. */
  readonly opens: Int32Array;
  /** Offset of the closing bracket of the container opened at the same index. */
  readonly closes: Int32Array;
  /** Offsets where the lines start: 0, then one past each newline (a JSON string holds none). */
  readonly lineStarts: number[] = [0];
  /** Whether the text's containers were recorded, every one of them. */
  complete = false;
  /** Lines and columns of the text, from `lineStarts`; set by `finish`. */
  lines: LineIndex | undefined;

  /** Room for `capacity` containers: as many as the parsed value holds. */
  constructor(capacity: number) {
    this.opens = new Int32Array(capacity);
    this.closes = new Int32Array(capacity);
  }

  /**
   * Once the count has filled the arrays: a text has at least the containers of its value, and
   * more only where a repeated key dropped one, which the recording marks with -1 as the first
   * opening offset. The root container, if any, must also have been closed at the text's last
   * bracket.
   */
  finish(text: string): void {
    this.complete = this.opens.length === 0 || (this.opens[0] !== -1 && this.closes[0] === lastBracket(text));
    this.lines = new LineIndex(text, this.lineStarts);
  }

  /** Offset just past the container that opens at `open`, or -1 when none was recorded there. */
  endOf(open: number): number {
    if (!this.complete) return -1;
    const opens = this.opens;
    let low = 0;
    let high = opens.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = opens[mid]!;
      if (at < open) low = mid + 1;
      else if (at > open) high = mid - 1;
      else return this.closes[mid]! + 1;
    }
    return -1;
  }
}

/** Offset of the last `}` or `]` of a text. */
function lastBracket(text: string): number {
  return Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
}
