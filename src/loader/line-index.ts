/** A 1-based region; `endColumn` is exclusive, columns count UTF-16 code units. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Maps character offsets to 1-based line/column, built once per file on first use. */
export class LineIndex {
  /** `starts`: the offsets where the text's lines start, if already found (JsonOutline). */
  constructor(
    private readonly text: string,
    private starts?: number[],
  ) {}

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

  /** The region of [start, end): see `regionOnLine`. */
  region(start: number, end: number): Region {
    const index = this.lineOf(start);
    // The next line start, not a search for '\n': on a minified one-line spec a search from
    // every finding to the end of the text made locating quadratic (35 s for Microsoft Graph).
    const nextStart = this.lineStarts()[index + 1];
    return regionOnLine(this.text, index, this.lineStarts()[index]!, start, end, nextStart === undefined ? -1 : nextStart - 1);
  }
}

/**
 * The region of [start, end), where `start` is on the 0-based line `line` that begins at
 * `lineStart`, cut at `newline` (the end of that line, or -1 when there is none) and before
 * the carriage return of a CRLF: findings should mark the line of a key, not a whole
 * operation (a pull-request annotation lands on that line).
 */
export function regionOnLine(text: string, line: number, lineStart: number, start: number, end: number, newline: number): Region {
  let stop = end;
  if (newline !== -1 && newline < stop) stop = text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  if (stop < start) stop = start;
  const column = start - lineStart + 1;
  return { line: line + 1, column, endLine: line + 1, endColumn: column + (stop - start) };
}
