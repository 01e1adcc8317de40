/** A 1-based region; `endColumn` is exclusive, columns count UTF-16 code units. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Maps character offsets to 1-based line/column, built once per file on first use. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.starts = starts;
    return starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const index = this.lineOf(offset);
    return { line: index + 1, column: offset - starts[index]! + 1 };
  }

  /** 0-based index of the line holding `offset`. */
  private lineOf(offset: number): number {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * The region of [start, end), cut at the end of its first line: findings should mark the
   * line of a key, not a whole operation (a pull-request annotation lands on that line).
   */
  region(start: number, end: number): Region {
    const from = this.position(start);
    let stop = end;
    // The next line start, not a search for '\n': on a minified one-line spec a search from
    // every finding to the end of the text made locating quadratic (35 s for Microsoft Graph).
    const nextStart = this.lineStarts()[this.lineOf(start) + 1];
    const newline = nextStart === undefined ? -1 : nextStart - 1;
    if (newline !== -1 && newline < stop) stop = this.text[newline - 1] === '\r' ? newline - 1 : newline;
    if (stop < start) stop = start;
    return { line: from.line, column: from.column, endLine: from.line, endColumn: from.column + (stop - start) };
  }
}
