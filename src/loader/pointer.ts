// JSON Pointer (RFC 6901) helpers. Pointers are kept as strings: cheap to compare, to key
// maps with and to print.

// replaceAll with a string: no regular expression object made per call, for every path and
// media type (`application/json`) of every spec.
export function escapeSegment(segment: string): string {
  const tilde = segment.includes('~');
  if (!tilde && !segment.includes('/')) return segment;
  return (tilde ? segment.replaceAll('~', '~0') : segment).replaceAll('/', '~1');
}

export function unescapeSegment(segment: string): string {
  if (!segment.includes('~')) return segment;
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * `pointer` with `segments` appended. Joined in one go: a `+=` per segment would leave a chain
 * of concatenations (a node per step, kept alive by the result) where a scan keeps thousands of
 * deep pointers for as long as a spec is linted. The rest array is this call's own, so it is
 * escaped in place; `join` writes numbers as `String` would.
 */
export function appendPointer(pointer: string, ...segments: Array<string | number>): string {
  if (segments.length === 0) return pointer;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (typeof segment === 'string') segments[index] = escapeSegment(segment);
  }
  return pointer + '/' + segments.join('/');
}

/**
 * `pointer` with one more segment. The model and the rules step one member at a time, a
 * hundred thousand times per run over a folder of specs: no rest array per step, and an index
 * needs no escaping.
 */
export function appendSegment(pointer: string, segment: string | number): string {
  return pointer + '/' + (typeof segment === 'number' ? String(segment) : escapeSegment(segment));
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: '${pointer}'`);
  const segments = pointer.slice(1).split('/');
  // Most pointers escape nothing: no second array then.
  return pointer.includes('~') ? segments.map(unescapeSegment) : segments;
}

/** Is `inner` equal to `outer` or somewhere below it? */
export function isWithin(inner: string, outer: string): boolean {
  // Checked for every finding against its operation: no `outer + '/'` string built each time.
  return inner.startsWith(outer) && (inner.length === outer.length || inner.charCodeAt(outer.length) === 0x2f);
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** The value at `pointer` inside `root`, or `undefined` when a step is missing. */
export function getAtPointer(root: unknown, pointer: string): { found: boolean; value: unknown } {
  if (pointer !== '' && !pointer.startsWith('/')) throw new Error(`not a JSON pointer: '${pointer}'`);
  let node: unknown = root;
  // Segment by segment along the string, as splitPointer would cut it, without its arrays:
  // every `$ref` followed comes through here.
  for (let start = 1; start <= pointer.length; ) {
    let end = pointer.indexOf('/', start);
    if (end === -1) end = pointer.length;
    const segment = unescapeSegment(pointer.slice(start, end));
    start = end + 1;
    if (Array.isArray(node)) {
      if (!ARRAY_INDEX.test(segment)) return { found: false, value: undefined };
      const index = Number(segment);
      if (index >= node.length) return { found: false, value: undefined };
      node = node[index];
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, segment)) {
      node = (node as Record<string, unknown>)[segment];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: node };
}
