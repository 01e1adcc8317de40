import { relative, sep } from 'node:path';

/**
 * An error the user can fix (bad flag, missing file, unparseable spec, broken $ref).
 * The CLI prints its message on one line and exits 2; it never shows a stack.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where a problem sits in a file, for `file:line:col` prefixes. */
export interface ErrorPosition {
  line: number;
  column: number;
}

// A regex literal is a new object each time it is evaluated: messages are built thousands of times.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a spec made safe to print on one line: control characters (newlines, terminal
 * escapes) and the Unicode bidirectional overrides are shown as `\u{…}` escapes, so a
 * hostile spec cannot rewrite a terminal or a CI log, or hide text in a message.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u{${char.charCodeAt(0).toString(16)}}`);
}

/** A value from a spec quoted for a message: printable, and cut short if it is long. */
export function quoted(value: string, max = 120): string {
  const text = value.length > max ? value.slice(0, max) + '…' : value;
  return `'${printable(text)}'`;
}

/**
 * A value that has the wrong type, named for a message: `null`, `a list`, `a mapping`, or
 * `the number 3.1` for a scalar.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `the ${typeof value} ${String(value)}`;
}

/** How a file is named to the user: relative to the working directory when below it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  const rel = relative(cwd, path);
  // Outside the working directory, a chain of '../' says less than the absolute path.
  if (rel === '' || rel.startsWith('..')) return path;
  return rel.split(sep).join('/');
}

/** A spec or referenced file that could not be read, parsed or resolved. */
export class LoadError extends UsageError {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly position?: ErrorPosition,
  ) {
    super(detail);
  }

  /** `file:line:col: detail`, with the file as the user names it. */
  describe(cwd = process.cwd()): string {
    const where = this.position ? `:${this.position.line}:${this.position.column}` : '';
    return printable(`${displayPath(this.file, cwd)}${where}: ${this.detail}`);
  }
}
