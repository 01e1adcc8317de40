/**
 * Where each object and array of a JSON text ends, and where its newlines are: what lets
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
  /** Containers recorded. */
  size = 0;
  /** Offsets of the newlines, in order (a JSON string holds no raw newline). */
  readonly newlines: number[] = [];
  /** Whether the text's containers were recorded, every one of them. */
  complete = false;

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
    const room = this.opens.length;
    this.complete = room === 0 || (this.opens[0] !== -1 && this.closes[0] === lastBracket(text));
    this.size = this.complete ? room : 0;
  }

  /** Offset just past the container that opens at `open`, or -1 when none was recorded there. */
  endOf(open: number): number {
    const opens = this.opens;
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = opens[mid]!;
      if (at < open) low = mid + 1;
      else if (at > open) high = mid - 1;
      else return this.closes[mid]! + 1;
    }
    return -1;
  }

  /** 0-based line of `offset`: how many newlines come before it. */
  lineOf(offset: number): number {
    const newlines = this.newlines;
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newlines[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Offset where the 0-based `line` starts. */
  lineStart(line: number): number {
    return line === 0 ? 0 : this.newlines[line - 1]! + 1;
  }

  /** Offset of the newline that ends the 0-based `line`, or -1 on the last line. */
  lineEnd(line: number): number {
    return line < this.newlines.length ? this.newlines[line]! : -1;
  }
}

/** Offset of the last `}` or `]` of a text. */
function lastBracket(text: string): number {
  return Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
}
