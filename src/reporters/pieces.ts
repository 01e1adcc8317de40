import type { ReportText } from './types.js';

/**
 * Items per piece of a long report, ~0.6 MB of JSON text (findings) or ~1.4 MB (SARIF results):
 * few enough pieces that writing them costs no more than writing one string, small enough that
 * each piece is garbage soon after it is written.
 */
export const ITEMS_PER_PIECE = 1000;

// JSON.stringify escapes C0 controls (an ESC is written `\u001b`) but writes the rest as they
// are: a C1 control (U+009B is a terminal's CSI), a line or paragraph separator, or a
// bidirectional override from a spec's path, key or file name would reach the terminal or the
// CI log that shows the report. `\uXXXX` is the same string to every JSON reader.
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const RAW_UNSAFE_ALL = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the characters above written as `\uXXXX` escapes; they occur only in its strings. */
export function escapeUnsafe(json: string): string {
  if (!RAW_UNSAFE.test(json)) return json;
  return json.replace(RAW_UNSAFE_ALL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A report document as `JSON.stringify(document, null, 2)` writes it, plus a newline:
 * `documentWith(array)` builds the document around its one long array, under `key`, whose
 * items are made from `items` by `item`. One string up to `perPiece` items; pieces beyond.
 */
export function documentText<T>(documentWith: (array: unknown[]) => object, key: string, items: readonly T[], item: (value: T) => unknown, perPiece: number): ReportText {
  if (items.length <= perPiece) return escapeUnsafe(JSON.stringify(documentWith(items.map((value) => item(value))), null, 2)) + '\n';
  return documentInPieces(JSON.stringify(documentWith([]), null, 2) + '\n', key, items, item, perPiece);
}

/**
 * A document as `JSON.stringify(document, null, 2)` writes it, in pieces: `text` is the
 * document written with the array under `key` left empty (`"key": []`, once in it), and the
 * pieces put together are the text with `items` in that array, made by `item`, in order, only
 * when their piece is due, so that they never all exist at once.
 */
function* documentInPieces<T>(text: string, key: string, items: readonly T[], item: (value: T) => unknown, perPiece: number): Generator<string> {
  const empty = `"${key}": []`;
  const at = text.indexOf(empty);
  if (at === -1 || text.indexOf(empty, at + 1) !== -1) throw new Error(`the report must hold "${key}": [] once`);
  // The array's key is indented two spaces per enclosing object or array.
  const depth = (at - text.lastIndexOf('\n', at) - 1) / 2 + 1;
  const bracket = at + empty.length - 1;
  yield escapeUnsafe(text.slice(0, bracket)) + '\n';
  yield* itemPieces(items, item, perPiece, depth);
  yield `\n${'  '.repeat(depth - 1)}${escapeUnsafe(text.slice(bracket))}`;
}

/**
 * A JSON array as `JSON.stringify(items.map(item), null, 2)` writes it, plus a newline: one
 * string up to `perPiece` items, pieces beyond. Items are made in order, each only when its
 * piece is due.
 */
export function arrayText<T>(items: readonly T[], item: (value: T) => unknown, perPiece: number): ReportText {
  if (items.length <= perPiece) return escapeUnsafe(JSON.stringify(items.map((value) => item(value)), null, 2)) + '\n';
  return arrayInPieces(items, item, perPiece);
}

function* arrayInPieces<T>(items: readonly T[], item: (value: T) => unknown, perPiece: number): Generator<string> {
  yield '[\n';
  yield* itemPieces(items, item, perPiece, 1);
  yield '\n]\n';
}

/**
 * The items of an array that sits `depth` arrays or objects deep, as the whole document would
 * indent them, joined by `,\n`: each piece is JSON.stringify of its items wrapped in arrays as
 * deep as that, with the wrappers' lines cut off.
 */
function* itemPieces<T>(items: readonly T[], item: (value: T) => unknown, perPiece: number, depth: number): Generator<string> {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level++) {
    open += `${'  '.repeat(level)}[\n`;
    close = `\n${'  '.repeat(level)}]${close}`;
  }
  for (let start = 0; start < items.length; start += perPiece) {
    let wrapped: unknown = items.slice(start, start + perPiece).map((value) => item(value));
    for (let level = 1; level < depth; level++) wrapped = [wrapped];
    const piece = JSON.stringify(wrapped, null, 2);
    const body = escapeUnsafe(piece.slice(open.length, piece.length - close.length));
    yield start === 0 ? body : `,\n${body}`;
  }
}
