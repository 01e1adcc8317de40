import { appendPointer } from '../src/loader/pointer.js';

/** Every pointer into a value: the root (`''`) first, then each mapping key and sequence item in written order. */
export function pointersOf(value: unknown): string[] {
  const out = [''];
  collect(value, '', out);
  return out;
}

// An accumulator, not a spread of each child's list: a spec's largest arrays would overflow the call's arguments.
function collect(value: unknown, pointer: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const child = appendPointer(pointer, index);
      out.push(child);
      collect(item, child, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const child = appendPointer(pointer, key);
      out.push(child);
      collect(item, child, out);
    }
  }
}
