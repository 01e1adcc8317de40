/**
 * Items per piece of a long report, ~0.6 MB of JSON text (findings) or ~1.4 MB (SARIF results):
 * few enough pieces that writing them costs no more than writing one string, small enough that
 * each piece is garbage soon after it is written.
 */
export const ITEMS_PER_PIECE = 1000;

/**
 * The items of a document's one long array as `JSON.stringify(document, null, 2)` writes them,
 * with the commas between them, in pieces of `perPiece` items. `depth` counts the objects and
 * arrays that hold an item, the array itself and the document's root included. Items are made
 * by `item`, in order, only when their piece is due, so they never all exist at once.
 *
 * Each piece is JSON.stringify of its items wrapped in arrays up to that depth, which indents
 * them as the whole document would; the wrappers' lines are cut off.
 */
export function* itemsInPieces<T>(items: readonly T[], item: (value: T) => unknown, depth: number, perPiece: number): Generator<string> {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level++) {
    open += `${'  '.repeat(level)}[\n`;
    close = `\n${'  '.repeat(level)}]${close}`;
  }
  for (let start = 0; start < items.length; start += perPiece) {
    let wrapped: unknown = items.slice(start, start + perPiece).map((value) => item(value));
    for (let level = 1; level < depth; level++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, 2);
    const body = text.slice(open.length, text.length - close.length);
    yield start === 0 ? body : `,\n${body}`;
  }
}
