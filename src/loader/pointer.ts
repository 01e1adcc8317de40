// JSON Pointer (RFC 6901) helpers. Pointers are kept as strings: cheap to compare, to key
// maps with and to print.

export function escapeSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  if (!segment.includes('~')) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function appendPointer(pointer: string, ...segments: Array<string | number>): string {
  let out = pointer;
  for (const segment of segments) out += '/' + escapeSegment(String(segment));
  return out;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: '${pointer}'`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** Is `inner` equal to `outer` or somewhere below it? */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer + '/');
}

/** The value at `pointer` inside `root`, or `undefined` when a step is missing. */
export function getAtPointer(root: unknown, pointer: string): { found: boolean; value: unknown } {
  let node: unknown = root;
  for (const segment of splitPointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return { found: false, value: undefined };
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
