import { dirname, relative, sep } from 'node:path';
import type { Response, Spec } from '../loader/normalize.js';
import type { SourceFile } from '../loader/parse.js';
import { child, objectAt } from '../loader/normalize.js';
import { appendPointer, isWithin, splitPointer } from '../loader/pointer.js';
import type { Located } from '../loader/resolve.js';
import { SUPPRESSION_KEY } from '../loader/value-scan.js';
import { didYouMean } from '../suggest.js';
import { repositoryFileUrl } from '../version.js';
import type { RawFinding, Rule, Severity } from './types.js';

/** The extension that silences rules on an operation, a response, a header or a schema and everything inside it. */
export { SUPPRESSION_KEY };

/**
 * The engine's own check on suppressions (not a registered rule: no rule can see what other
 * rules reported). Reporters receive it like a rule, for its id and metadata.
 */
export const unusedSuppression: Rule = {
  id: 'unused-suppression',
  meta: {
    description: `Disallow ${SUPPRESSION_KEY} entries that silence nothing`,
    docsUrl: repositoryFileUrl('docs/configuration.md#suppressions-that-silence-nothing-unused-suppression'),
    severity: 'info',
    references: [],
    messages: {
      unused: `${SUPPRESSION_KEY} lists '{{rule}}', which reports nothing {{here}}; remove the entry.`,
      furtherOut: `${SUPPRESSION_KEY} lists '{{rule}}', whose finding is reported further out, at '{{where}}', which this entry does not reach; move the entry there.`,
      inSharedDefinition: `${SUPPRESSION_KEY} lists '{{rule}}', but its finding for this operation is in the shared definition '{{where}}'; suppress it there.`,
      unknownRule: `${SUPPRESSION_KEY} lists '{{rule}}', which is not a statuslint rule{{hint}}`,
      invalid: `${SUPPRESSION_KEY} {{problem}}; write a list of rule ids or {rule, reason} entries.`,
      misplaced: `${SUPPRESSION_KEY} is not read {{where}}, so it silences nothing; write it on {{instead}}.`,
      unchecked: `${SUPPRESSION_KEY} is not read {{where}}, which statuslint does not check, so it silences nothing; remove it.`,
      merged: `${SUPPRESSION_KEY} is not read {{where}}, where the '<<' merge key of {{holder}} brings it in from where it is written, so it silences nothing there; merge it only into objects that read it{{instead}}.`,
    },
  },
  defaultOptions: {},
  create: () => ({}),
};

export interface SuppressionOptions {
  /** Severity of `unused-suppression` findings, or `off`; `info` by default. */
  unusedSuppressions?: Severity | 'off';
  /**
   * Every rule statuslint has, enabled or not: an entry naming none of them is a typo. When
   * absent, entries for rules that did not run are never reported.
   */
  knownRules?: readonly string[];
  /**
   * Told each entry that silenced a finding, or whose rule is off for this spec. An entry in a
   * file that several specs reach may silence something for one spec and nothing for another (a
   * shared 201 that one spec's POST uses and another's PUT): it is not unused, and the run drops
   * what the other reported. Nor can another spec call unused an entry that this one, with the
   * rule off, cannot tell is needed. Told also each list that was read: another spec may reach
   * it where it reads none (a schema that one spec's body names, inside the schema another's
   * names) and report it not read; the run drops that report.
   */
  onSilenced?: (entry: Located) => void;
}

interface Entry {
  rule: string;
  /** The list item, where an unused entry is reported. */
  at: Located;
  /** The operation, response, header, schema or Reference Object it is written on: it covers findings at or below it. */
  scope: Located;
  /** The list it is item `index` of, as parsed: a YAML alias makes one written list the list of several scopes. */
  list: readonly unknown[];
  index: number;
  used: boolean;
}

interface Invalid {
  at: Located;
  problem: string;
}

/** `#/components/…` or `common.yaml#/…`, as a `$ref` from `from` would name `to`. */
function refTo(from: Located, to: Located): string {
  if (from.file === to.file) return `#${to.pointer}`;
  return `${relative(dirname(from.file.path), to.file.path).split(sep).join('/')}#${to.pointer}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `x-statuslint-ignore` entries of a spec, and the malformed ones. */
export interface Suppressions {
  entries: Entry[];
  invalid: Invalid[];
  /**
   * For each response whose visit reaches a shared response, header or schema through `$ref`s
   * of which one carries a list, every such use it makes (lists or none): a list beside a
   * `$ref` speaks for that use only.
   */
  uses: Map<Response, Use[]>;
  /** Lists written where no suppression is read (a path item, the top level), which would silently do nothing. */
  misplaced: Misplaced[];
  /** The lists that were read (each a list, not some other value): one is never reported not read for another spec. */
  lists?: Located[];
}

/** One place where a response's visit names a shared node through `$ref`s. */
export interface Use {
  /** The first `$ref` of the chain, where the use is written. */
  entry: Located;
  /** Where the chain ends: what is written inside it is reached through this use. */
  target: Located;
  /** The lists beside the chain's `$ref`s (by scopeKey); empty when none has one. */
  scopes: readonly string[];
}

interface Misplaced {
  at: Located;
  /** Where it is, and where to write it instead, for the message. */
  where: string;
  instead: string;
  /** Set where no rule looks at all (a callback, a webhook, an example): there is nowhere better to write it. */
  unchecked?: boolean;
}

/** How a scope is told apart from another: its file and pointer (Located objects are made afresh per visit). */
export const scopeKey = (scope: Located): string => `${scope.file.path}#${scope.pointer}`;

/** Bound on the links of a `$ref` chain searched for lists beside them (real chains have a few; loops were refused before). */
const MAX_HOPS = 64;

const NO_SCOPES: readonly string[] = [];

/**
 * Suppressions are read where the model visits: operations and responses (after `$ref`, so
 * one written on a shared response covers that response wherever it is used), the headers
 * and body schemas that responses name (likewise) and the parts of those schemas' `allOf`,
 * `oneOf` and `anyOf`, the shared responses, schemas and headers of the spec's components,
 * and beside each `$ref` on the way to a response, header or schema. Every other list is
 * reported (misplacedLists, unreadLists).
 */
export function collectSuppressions(spec: Spec): Suppressions {
  // Nearly every spec has none: then not one of its operations, responses or schemas is looked at.
  const listing = spec.workspace.filesWithSuppressions();
  if (listing.length === 0) return { entries: [], invalid: [], uses: new Map(), misplaced: [] };
  const entries: Entry[] = [];
  const lists: Located[] = [];
  const invalid: Invalid[] = [];
  const uses = new Map<Response, Use[]>();
  const seen = new Set<string>();
  // The objects whose list was read, as parsed: a YAML alias repeats an object (a response) at
  // several pointers, and the scan names it by the first.
  const readHolders = new Set<object>();
  /** Reads the list on `scope`, once; its scopeKey when it has one. */
  const read = (scope: Located): string | undefined => {
    const list = child(scope, SUPPRESSION_KEY);
    if (!list) return undefined;
    const key = scopeKey(scope);
    if (seen.has(key)) return key;
    seen.add(key);
    readHolders.add(scope.value as object);
    if (!Array.isArray(list.value)) {
      invalid.push({ at: list, problem: 'must be a list' });
      return;
    }
    lists.push(list);
    const values: readonly unknown[] = list.value;
    values.forEach((value, index) => {
      const at = child(list, index)!;
      if (typeof value === 'string') {
        entries.push({ rule: value, at, scope, list: values, index, used: false });
      } else if (isObject(value) && typeof value.rule === 'string') {
        const extra = Object.keys(value).find((name) => name !== 'rule' && name !== 'reason');
        if (extra !== undefined) invalid.push({ at, problem: `entry has an unknown key '${extra}'` });
        else if (value.reason !== undefined && typeof value.reason !== 'string') invalid.push({ at, problem: "entry's 'reason' must be a string" });
        else entries.push({ rule: value.rule, at, scope, list: values, index, used: false });
      } else {
        invalid.push({ at, problem: isObject(value) ? "entry has no 'rule'" : `entry ${JSON.stringify(value)} is not a rule id` });
      }
    });
    return key;
  };
  // The lists beside the links after the first of the chain a `$ref` written in a file starts:
  // the same for every use of that ref, walked once (a spec names a few hundred shared nodes
  // from tens of thousands of places).
  const tails = new Map<SourceFile, Map<string, readonly string[]>>();
  /** The lists beside the `$ref`s that lead from `entry` to `target`. */
  const chainScopes = (entry: Located, target: Located): readonly string[] => {
    const own = read(entry);
    const ref = (entry.value as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return own === undefined ? NO_SCOPES : [own];
    let byRef = tails.get(entry.file);
    if (!byRef) tails.set(entry.file, (byRef = new Map()));
    let tail = byRef.get(ref);
    if (tail === undefined) {
      let found: string[] | undefined;
      let current = spec.workspace.step(entry);
      for (let hop = 0; current && current.value !== target.value && hop < MAX_HOPS; hop++) {
        const key = read(current);
        if (key !== undefined) (found ??= []).push(key);
        current = spec.workspace.step(current);
      }
      byRef.set(ref, (tail = found ?? NO_SCOPES));
    }
    if (own === undefined) return tail;
    return tail.length === 0 ? [own] : [own, ...tail];
  };
  // A response's uses, made while it is read; kept only when one of them has a list.
  let pending: Use[] = [];
  let listed = false;
  const use = (entry: Located, target: Located): void => {
    const scopes = chainScopes(entry, target);
    if (scopes.length > 0) listed = true;
    pending.push({ entry, target, scopes });
  };
  /**
   * The uses a body schema makes of shared schemas as parts of its `allOf`, `oneOf` and `anyOf`
   * (however deep, through `$ref`s): no-error-in-success reports an envelope or an error branch
   * at the shared schema that declares it, so a list beside such a part's `$ref` speaks for
   * that use, as one beside the body's own does. Walked once per schema (a body names the same
   * few shared schemas from thousands of responses); the uses are kept for a response only
   * when one of them has a list.
   */
  const compositions = new Map<object, Parts>();
  const NO_PARTS: Parts = { uses: [], listed: false };
  /** Adds to `found` the uses that the parts of `node`'s compositions make, however deep. */
  const walkParts = (node: Located, found: Use[], walked: Set<object>, depth: number): void => {
    const here = node.value;
    if (!isObject(here) || walked.has(here) || depth > MAX_HOPS) return;
    walked.add(here);
    for (let k = 0; k < COMPOSITIONS.length; k++) {
      const keyword = COMPOSITIONS[k]!;
      const list = here[keyword];
      if (!Array.isArray(list)) continue;
      const listNode = child(node, keyword)!;
      for (let index = 0; index < list.length; index++) {
        const part = child(listNode, index)!;
        if (!isObject(part.value)) continue;
        const named = spec.workspace.deref(part);
        if (!named || !isObject(named.value)) continue;
        if (named.value !== part.value) {
          read(named);
          found.push({ entry: part, target: named, scopes: chainScopes(part, named) });
          // OAS 3.1 applies a `$ref`'s sibling keywords beside it.
          if (hasComposition(part.value)) walkParts(withoutRef(part), found, walked, depth + 1);
        }
        walkParts(named, found, walked, depth + 1);
      }
    }
  };
  const partsOf = (schema: Located, target: Located): Parts => {
    let parts = compositions.get(target.value as object);
    if (!parts) {
      const found: Use[] = [];
      walkParts(target, found, new Set(), 0);
      parts = found.length === 0 ? NO_PARTS : { uses: found, listed: found.some((each) => each.scopes.length > 0) };
      compositions.set(target.value as object, parts);
    }
    // The body's own `$ref` with sibling compositions (3.1): rare, and not shared.
    if (schema.value === target.value || !hasComposition(schema.value)) return parts;
    const own: Use[] = [];
    walkParts(withoutRef(schema), own, new Set(), 0);
    return own.length === 0 ? parts : { uses: [...parts.uses, ...own], listed: parts.listed || own.some((each) => each.scopes.length > 0) };
  };
  const misplaced = misplacedLists(spec);
  readComponents(spec, read);
  // Every operation and response of the spec, most with no suppression: indexed loops, with no
  // iterator objects while the code is still cold.
  const operations = spec.operations;
  for (let o = 0; o < operations.length; o++) {
    const operation = operations[o]!;
    read(operation.node);
    for (let r = 0; r < operation.responses.length; r++) {
      const response = operation.responses[r]!;
      read(response.node);
      // Only a node named through `$ref`s has links that a list may sit beside.
      if (response.entry.value !== response.node.value) use(response.entry, response.node);
      const headers = response.headers;
      for (let h = 0; h < headers.length; h++) {
        const { entry, node } = headers[h]!;
        if (!node) continue;
        read(node);
        if (entry.value !== node.value) use(entry, node);
      }
      const content = response.content;
      for (let m = 0; m < content.length; m++) {
        const schema = content[m]!.schema;
        // Swagger 2.0 gives every `produces` type the one schema.
        if (!schema || (m > 0 && schema === content[m - 1]!.schema)) continue;
        const target = spec.workspace.deref(schema);
        if (!target || !isObject(target.value)) continue;
        read(target);
        if (schema.value !== target.value) use(schema, target);
        const parts = partsOf(schema, target);
        if (parts.listed) {
          for (let p = 0; p < parts.uses.length; p++) pending.push(parts.uses[p]!);
          listed = true;
        }
      }
      if (listed) {
        uses.set(response, pending);
        pending = [];
        listed = false;
      } else pending.length = 0;
    }
  }
  // Not `push(...)`: a spec may write more lists than a call has room for arguments.
  for (const each of unreadLists(spec, listing, readHolders, misplaced)) misplaced.push(each);
  return { entries, invalid, uses, misplaced, lists };
}

/** The uses that the parts of a body schema's compositions make of shared schemas, and whether one has a list. */
interface Parts {
  uses: Use[];
  listed: boolean;
}

const COMPOSITIONS = ['allOf', 'oneOf', 'anyOf'] as const;

/** A `$ref` object's sibling keywords, as a schema of their own at its place. */
function withoutRef(node: Located): Located {
  const { $ref: _, ...siblings } = node.value as Record<string, unknown>;
  return { ...node, value: siblings };
}

function hasComposition(value: unknown): boolean {
  return isObject(value) && COMPOSITIONS.some((keyword) => Array.isArray(value[keyword]));
}

/**
 * The shared responses, schemas and headers of the spec's own components (Swagger 2.0
 * `responses` and `definitions`), and each `$ref` on the way to one: a finding may be written in
 * a schema that no body names directly (a part of another's `allOf`), and a list on a shared
 * response that no operation uses, or beside a `$ref` there, is then read, and reported unused,
 * instead of silently doing nothing.
 */
function readComponents(spec: Spec, read: (scope: Located) => void): void {
  const container = spec.version === '2.0' ? spec.root : objectAt(spec.workspace, child(spec.root, 'components'));
  if (!container) return;
  for (const name of spec.version === '2.0' ? ['responses', 'definitions'] : ['responses', 'schemas', 'headers']) {
    const map = objectAt(spec.workspace, child(container, name));
    if (!map) continue;
    for (const key in map.value) {
      let link = child(map, key);
      for (let hop = 0; link && isObject(link.value) && hop < MAX_HOPS; hop++, link = spec.workspace.step(link)) read(link);
    }
  }
}

/**
 * The lists written where a user might expect them to work but none is read: the top level,
 * the `paths` map, a path item (or beside its `$ref`), an operation's `responses` map, a
 * response's `headers` and `content` maps and its media types, and the maps of shared
 * responses, schemas and headers (`components` and its maps; Swagger 2.0's top-level
 * `responses` and `definitions`). A list there that silenced nothing without a word would
 * leave the user wondering why the finding stays.
 */
function misplacedLists(spec: Spec): Misplaced[] {
  const found: Misplaced[] = [];
  const seen = new Set<string>();
  /** `names`: `node` is a map of names that takes no extensions, where the key is a name (a schema, a header) unless it holds a list. */
  const note = (node: Located | undefined, where: string, instead: string, names = false): void => {
    const list = node && child(node, SUPPRESSION_KEY);
    if (!list || (names && !Array.isArray(list.value)) || seen.has(scopeKey(list))) return;
    seen.add(scopeKey(list));
    found.push({ at: list, where, instead });
  };
  note(spec.root, 'at the top level', 'an operation or a response, or turn the rule off in the configuration');
  const paths = child(spec.root, 'paths');
  const pathsNode = paths && spec.workspace.deref(paths);
  note(pathsNode, 'on the paths map', 'each operation');
  if (pathsNode && isObject(pathsNode.value)) {
    for (const path in pathsNode.value) {
      if (path.startsWith('x-')) continue;
      // The path item, and every Reference Object on the way to it (`components/pathItems`).
      let link: Located | undefined = child(pathsNode, path)!;
      for (let hop = 0; link && hop < MAX_HOPS; hop++, link = spec.workspace.step(link)) note(link, 'on a path item', 'each of its operations');
    }
  }
  if (spec.version === '2.0') {
    note(objectAt(spec.workspace, child(spec.root, 'responses')), 'on the top-level responses map', 'each shared response', true);
    note(objectAt(spec.workspace, child(spec.root, 'definitions')), 'on the definitions map', 'each schema', true);
  } else {
    const components = objectAt(spec.workspace, child(spec.root, 'components'));
    note(components, 'on components', 'each shared response, header or schema');
    if (components) {
      note(objectAt(spec.workspace, child(components, 'responses')), 'on the components/responses map', 'each shared response', true);
      note(objectAt(spec.workspace, child(components, 'schemas')), 'on the components/schemas map', 'each schema', true);
      note(objectAt(spec.workspace, child(components, 'headers')), 'on the components/headers map', 'each header', true);
    }
  }
  const operations = spec.operations;
  for (let o = 0; o < operations.length; o++) {
    const operation = operations[o]!;
    note(operation.responsesNode, 'on the responses map', 'the operation, or on each response');
    for (let r = 0; r < operation.responses.length; r++) {
      const response = operation.responses[r]!;
      // Most responses have neither map: looked up only where the response has the key.
      const value = response.node.value;
      if (Object.hasOwn(value, 'headers')) note(objectAt(spec.workspace, child(response.node, 'headers')), 'on a headers map', 'the response, or on each header', true);
      if (spec.version === '2.0' || !Object.hasOwn(value, 'content')) continue;
      const content = objectAt(spec.workspace, child(response.node, 'content'));
      if (!content) continue;
      note(content, 'on a content map', 'the response, or on the schema of each media type', true);
      const media = response.content;
      for (let m = 0; m < media.length; m++) note(objectAt(spec.workspace, media[m]!.node), 'on a media type', 'the response, or on its schema');
    }
  }
  return found;
}

/**
 * The lists in `files` that neither the reads nor misplacedLists met: each is reported, with
 * where to write it instead, so that no list silently does nothing. Every list of the spec's own
 * file; in a file that it names through `$ref`s, those inside what the spec uses there (an
 * operation of a path item split out, a parameter, a response, a body's schema): such a file
 * may hold a definition that another spec uses and this one does not, with a list on it.
 */
function unreadLists(spec: Spec, files: readonly SourceFile[], readHolders: ReadonlySet<object>, reported: readonly Misplaced[]): Misplaced[] {
  const found: Misplaced[] = [];
  const known = new Set(reported.map((each) => scopeKey(each.at)));
  let used: Set<string> | undefined;
  // A shared response's inside is read only when an operation uses it, and a path item's of
  // components/pathItems only when a path names it (a webhook's is not checked).
  const usedHere = (pointer: string): boolean => {
    if (!used) {
      used = new Set();
      for (const operation of spec.operations) {
        const { file, pointer: at } = operation.node;
        if (file === spec.file) used.add(at.slice(0, at.lastIndexOf('/')));
        for (const response of operation.responses) if (response.node.file === spec.file) used.add(response.node.pointer);
      }
    }
    return used.has(pointer);
  };
  let roots: Map<SourceFile, Map<string, Root>> | undefined;
  for (const file of files) {
    const written = file.scan?.suppressions;
    if (!written || written.length === 0) continue;
    const inFile = file === spec.file ? undefined : (roots ??= rootsElsewhere(spec)).get(file);
    if (file !== spec.file && !inFile) continue;
    for (const path of written) {
      // Told by the object itself, with no pointer or key string: most lists in a spec with many are read.
      const holder = valueAt(file.value, path);
      if (!isObject(holder) || readHolders.has(holder)) continue;
      const pointer = appendPointer('', ...path);
      let segments = path.map(String);
      if (inFile) {
        const root = rootAbove(inFile, pointer);
        if (!root) continue;
        segments = [...root.prefix, ...segments.slice(splitPointer(root.node.pointer).length)];
      }
      const list = child({ file, pointer, value: holder }, SUPPRESSION_KEY);
      if (!list || known.has(scopeKey(list))) continue;
      const place = placeOf(segments, spec.version, usedHere);
      if (place) found.push({ at: list, ...place });
    }
  }
  return found;
}

/** A node the spec uses in a file of its `$ref`s, and the pointer segments of such a node in a spec's own file, to tell what is inside it. */
interface Root {
  node: Located;
  prefix: readonly string[];
  /** Which was met first: of the roots a list is inside, the first met says where it is. */
  order: number;
}

/**
 * The first met of the roots that `pointer` is in, by looking up each pointer above it (a
 * few dozen), not each root: a shared file of thousands of parameters with a list each, used
 * by thousands of operations, made that quadratic.
 */
function rootAbove(roots: ReadonlyMap<string, Root>, pointer: string): Root | undefined {
  let found: Root | undefined;
  // The pointer itself, then each prefix that ends before a '/', down to the root ('').
  for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf('/', end - 1)) {
    const here = roots.get(pointer.slice(0, end));
    if (here && (!found || here.order < found.order)) found = here;
    if (end === 0) break;
  }
  return found;
}

/** What the spec's operations use in files other than its own, by file. */
function rootsElsewhere(spec: Spec): Map<SourceFile, Map<string, Root>> {
  const roots = new Map<SourceFile, Map<string, Root>>();
  let order = 0;
  const add = (node: Located | undefined, prefix: readonly string[]): void => {
    if (!node || node.file === spec.file) return;
    let inFile = roots.get(node.file);
    if (!inFile) roots.set(node.file, (inFile = new Map()));
    if (!inFile.has(node.pointer)) inFile.set(node.pointer, { node, prefix, order: order++ });
  };
  // The schema of a parameter, a request body's media type or a header, which may be in a file of its own.
  const schemaOf = (node: Located | undefined, prefix: readonly string[]): void => {
    const schema = node && isObject(node.value) ? child(node, 'schema') : undefined;
    if (schema) add(spec.workspace.deref(schema), [...prefix, 'schema']);
  };
  const parameters = (list: Located | undefined, prefix: readonly string[]): void => {
    add(list, prefix);
    if (!list || !Array.isArray(list.value)) return;
    for (let index = 0; index < list.value.length; index++) {
      const parameter = spec.workspace.deref(child(list, index)!);
      add(parameter, [...prefix, String(index)]);
      schemaOf(parameter, [...prefix, String(index)]);
    }
  };
  for (const operation of spec.operations) {
    const at = ['paths', operation.path, operation.method];
    add(operation.node, at);
    parameters(operation.pathParameters, ['paths', operation.path, 'parameters']);
    parameters(child(operation.node, 'parameters'), [...at, 'parameters']);
    const body = child(operation.node, 'requestBody');
    const bodyNode = body && spec.workspace.deref(body);
    add(bodyNode, [...at, 'requestBody']);
    const content = bodyNode && isObject(bodyNode.value) ? objectAt(spec.workspace, child(bodyNode, 'content')) : undefined;
    if (content) for (const type in content.value) schemaOf(spec.workspace.deref(child(content, type)!), [...at, 'requestBody', 'content', type]);
    for (const response of operation.responses) {
      const here = [...at, 'responses', response.status];
      add(response.node, here);
      for (const header of response.headers) {
        add(header.node, [...here, 'headers', header.name]);
        schemaOf(header.node, [...here, 'headers', header.name]);
      }
      for (const media of response.content) if (media.schema) add(spec.workspace.deref(media.schema), [...here, 'content', media.type, 'schema']);
    }
  }
  return roots;
}

/**
 * The value at `segments` under `root`, as parsed. Not the loader's getAtPointer: that takes a
 * pointer string, which would have to be built (escaped) for every list only to be cut up
 * (unescaped) again, where most lists of a spec with many are read and need no pointer at all;
 * the scan's path already holds the raw keys and array indexes, each an own member it walked.
 */
function valueAt(root: unknown, segments: ReadonlyArray<string | number>): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

type Place = Pick<Misplaced, 'where' | 'instead' | 'unchecked'>;

const ANYWHERE = 'an operation or a response, or turn the rule off in the configuration';
const ON_OPERATION = 'the operation that takes it';
const PARAMETER: Place = { where: 'on a parameter', instead: ON_OPERATION };
const REQUEST_BODY: Place = { where: 'on a request body', instead: ON_OPERATION };
const SECURITY_SCHEME: Place = { where: 'on a security scheme', instead: 'the operations that use it, or on their 401 and 403 responses' };
const IN_SCHEMA: Place = { where: 'inside a schema', instead: 'the response, on the schema its body names, or on a shared schema' };
const IN_HEADER: Place = { where: 'inside a header', instead: 'the header, or on the response' };
const ELSEWHERE: Place = { where: 'here', instead: 'an operation, a response, a header or the schema of a response body' };
const unchecked = (where: string): Place => ({ where, instead: '', unchecked: true });

/** Fields of the top level (and of a path item or an operation: `servers`) that no rule reports in. */
const DOCUMENT_FIELDS: Readonly<Record<string, string>> = {
  info: 'on info',
  servers: 'on a server',
  tags: 'on a tag',
  externalDocs: 'on externalDocs',
  security: 'on a security requirement',
};

/**
 * Where a list that is not read is, and where to write it instead, by the pointer of the object
 * holding it. Told from the first keyword on the way down that settles it: a list anywhere in
 * a request body is about the request body, whatever schema inside it holds it.
 */
function placeOf(segments: readonly string[], version: Spec['version'], usedHere: (pointer: string) => boolean): Place | undefined {
  const top = segments[0];
  if (top === 'webhooks') return unchecked('in a webhook');
  if (top !== undefined && Object.hasOwn(DOCUMENT_FIELDS, top)) return { where: DOCUMENT_FIELDS[top]!, instead: ANYWHERE };
  let from: number;
  if (top === 'paths') from = 2;
  else if (top === 'components' || version === '2.0') {
    // A map of shared definitions, and a name in it.
    const base = top === 'components' ? 1 : 0;
    from = base + 2;
    switch (segments[base]) {
      case 'responses':
        if (version === '2.0' && segments[from] === 'examples') return undefined;
        if (!usedHere(appendPointer('', ...segments.slice(0, from)))) return unchecked('in a shared response that no operation uses');
        break;
      case 'schemas':
      case 'definitions':
        return IN_SCHEMA;
      case 'headers':
        return IN_HEADER;
      case 'parameters':
        return PARAMETER;
      case 'requestBodies':
        return REQUEST_BODY;
      case 'securitySchemes':
      case 'securityDefinitions':
        return SECURITY_SCHEME;
      case 'examples':
        return unchecked('on an example');
      case 'links':
        return unchecked('on a link');
      case 'callbacks':
        return unchecked('in a callback');
      case 'pathItems':
        if (!usedHere(appendPointer('', ...segments.slice(0, from)))) return unchecked('in a path item that no path names');
        break;
      default:
        return ELSEWHERE;
    }
  } else return ELSEWHERE;
  let header = false;
  for (let index = from; index < segments.length; index++) {
    switch (segments[index]) {
      case 'parameters':
        return PARAMETER;
      case 'requestBody':
        return REQUEST_BODY;
      case 'callbacks':
        return unchecked('in a callback');
      case 'links':
        return unchecked('on a link');
      case 'examples':
        // Swagger 2.0's are payloads by media type: literal data, where the key is no list.
        return version === '2.0' ? undefined : unchecked('on an example');
      case 'servers':
        return { where: DOCUMENT_FIELDS.servers!, instead: ANYWHERE };
      case 'externalDocs':
        return { where: DOCUMENT_FIELDS.externalDocs!, instead: 'the operation' };
      case 'security':
        return { where: DOCUMENT_FIELDS.security!, instead: 'the operation' };
      case 'encoding':
        return { where: 'on an encoding', instead: 'the response' };
      case 'headers':
        header = true;
        index++;
        break;
      case 'responses':
      case 'content':
        // A map of names: its next segment is a status or a media type, whatever it spells.
        index++;
        break;
      case 'schema':
      case 'items':
      case 'properties':
      case 'additionalProperties':
      case 'allOf':
      case 'oneOf':
      case 'anyOf':
        // Inside a schema, segments are JSON Schema's and property names: nothing more to tell.
        return header ? IN_HEADER : IN_SCHEMA;
    }
  }
  return header ? IN_HEADER : ELSEWHERE;
}

/** What the walk knew about each finding beyond where it is written. */
export interface FindingLinks {
  /** The operations whose visit reported each finding. */
  reachedFrom?: ReadonlyMap<RawFinding, ReadonlySet<Located>>;
  /**
   * For a finding reported at a `$ref` that names a shared response (the use is what is wrong:
   * the response also serves statuses the rule does not ask of it), that response.
   */
  aboutDefinition?: ReadonlyMap<RawFinding, Located>;
  /** For a finding written inside a response, header or schema that some use names through a `$ref` with a list beside it: how each visit reached it. */
  reachedThrough?: ReadonlyMap<RawFinding, Reaches>;
}

/**
 * How the visits that reported a finding reached it: each through the uses (a response, header
 * or schema named by `$ref`s) it is written in, with the lists beside their `$ref`s (scopeKeys,
 * none for a use without), or otherwise (`open`: no such list can speak for it).
 */
export interface Reaches {
  open: boolean;
  uses: Array<readonly string[]>;
}

/**
 * Whether lists beside the `$ref`s silence `finding` for every use that reached it, marking
 * the entries that spoke for a use as used: they are needed while it stays reported for
 * another use, which then has none.
 */
function silencedAtEveryUse(finding: RawFinding, reaches: Reaches, entriesAt: ReadonlyMap<string, Entry[]>): boolean {
  let every = !reaches.open;
  for (const scopes of reaches.uses) {
    let covered = false;
    for (const key of scopes) {
      for (const entry of entriesAt.get(key) ?? []) {
        if (entry.rule !== finding.ruleId) continue;
        entry.used = true;
        covered = true;
      }
    }
    if (!covered) every = false;
  }
  return every;
}

/**
 * The entries of a spec by the file and pointer of the node that carries them, and by rule: a
 * finding then looks up the nodes above it (a few dozen at most) instead of every entry for its
 * rule, which with a list on each of thousands of operations made the check quadratic.
 */
class EntryIndex {
  private readonly byFile = new Map<SourceFile, Map<string, Entry[]>>();

  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      let here = this.byFile.get(entry.scope.file);
      if (!here) this.byFile.set(entry.scope.file, (here = new Map()));
      const key = EntryIndex.key(entry.rule, entry.scope.pointer);
      const list = here.get(key);
      if (list) list.push(entry);
      else here.set(key, [entry]);
    }
  }

  private static key(rule: string, pointer: string): string {
    return `${rule}\u0000${pointer}`;
  }

  /** The entries for `rule` on the node at `pointer` in `file`. */
  at(file: SourceFile, rule: string, pointer: string): readonly Entry[] | undefined {
    return this.byFile.get(file)?.get(EntryIndex.key(rule, pointer));
  }

  /**
   * The entries that cover `finding`: written on a node that contains it, in the same file, or
   * on the shared response it is about (a finding at a `$ref` to it).
   */
  covering(finding: RawFinding, aboutDefinition: ReadonlyMap<RawFinding, Located> | undefined): Entry[] {
    const found: Entry[] = [];
    const { file, pointer } = finding.at;
    if (this.byFile.has(file)) {
      // The pointer itself, then each prefix that ends before a '/', down to the root ('').
      for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf('/', end - 1)) {
        const here = this.at(file, finding.ruleId, pointer.slice(0, end));
        // Not `push(...)`: one list may repeat a rule more times than a call has room for arguments.
        if (here) for (const entry of here) found.push(entry);
        if (end === 0) break;
      }
    }
    const definition = aboutDefinition?.get(finding);
    if (definition !== undefined && !(definition.file === file && isWithin(pointer, definition.pointer))) {
      const there = this.at(definition.file, finding.ruleId, definition.pointer);
      if (there) for (const entry of there) found.push(entry);
    }
    return found;
  }
}

/**
 * Drops the findings that a suppression covers, and adds an `unused-suppression` finding for
 * each entry that silenced nothing although its rule ran, names no rule, or is malformed.
 * A suppression covers findings written inside the node that carries it, in the same file: an
 * operation's suppression does not reach a shared definition the operation merely references.
 * One on a shared response also covers what is reported at the `$ref`s that use it. One beside
 * a `$ref` to a response, header or schema covers what is reported at that `$ref`, and what is
 * written inside what it names once every use that reached it has one.
 */
export function applySuppressions(
  { entries, invalid, misplaced, lists = [] }: Suppressions,
  findings: readonly RawFinding[],
  ran: ReadonlySet<string>,
  options: SuppressionOptions = {},
  { reachedFrom = new Map(), aboutDefinition, reachedThrough }: FindingLinks = {},
): RawFinding[] {
  if (entries.length === 0 && invalid.length === 0 && misplaced.length === 0 && lists.length === 0) return [...findings];
  const index = new EntryIndex(entries);
  const entriesAt = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = scopeKey(entry.scope);
    const here = entriesAt.get(key);
    if (here) here.push(entry);
    else entriesAt.set(key, [entry]);
  }
  const kept = findings.filter((finding) => {
    let suppressed = false;
    for (const entry of index.covering(finding, aboutDefinition)) {
      entry.used = true;
      suppressed = true;
    }
    // Not asked when an entry in the definition silences it already: one beside a `$ref` then adds nothing, and is unused.
    const reaches = suppressed ? undefined : reachedThrough?.get(finding);
    if (reaches && silencedAtEveryUse(finding, reaches, entriesAt)) suppressed = true;
    return !suppressed;
  });
  markAliasesUsed(entries);

  const known = options.knownRules ? new Set(options.knownRules) : undefined;
  // A misspelt id is wrong for every spec: only a real rule that is off leaves the entry undecided.
  const undecided = (entry: Entry): boolean => !ran.has(entry.rule) && (known === undefined || known.has(entry.rule));
  if (options.onSilenced) {
    for (const entry of entries) if (entry.used || undecided(entry)) options.onSilenced(entry.at);
    for (const list of lists) options.onSilenced(list);
  }
  const severity = options.unusedSuppressions ?? unusedSuppression.meta.severity;
  if (severity === 'off') return kept;
  const sharedFindings = firstFindingFromScope(kept, reachedFrom);
  // Made from the findings still reported (not this check's own, which it adds as it goes).
  let outerIndex: FindingsAt | undefined;
  const enclosingFindings = (): FindingsAt => (outerIndex ??= new FindingsAt(kept));
  const report = (messageId: keyof typeof unusedSuppression.meta.messages, at: Located, data: Record<string, string>): void => {
    const template = unusedSuppression.meta.messages[messageId]!;
    const message = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => data[name] ?? '');
    // The fields of every raw finding (see runRules), so that they keep one shape.
    kept.push({ ruleId: unusedSuppression.id, messageId, severity, message, at, operation: undefined, status: undefined, fix: undefined });
  };
  for (const { at, problem } of invalid) report('invalid', at, { problem });
  // A list merged in by `<<` is located where the merged mapping writes it, which may be read
  // elsewhere (a response): the message names the object that merges it, where the fix is. One
  // report per list as written, however many objects merge it: they would share its location.
  let merged: Map<SourceFile, Array<{ at: Located; where: string; holder: string; instead: string }>> | undefined;
  for (const { at, where, instead, unchecked } of misplaced) {
    const holder = at.pointer.slice(0, at.pointer.lastIndexOf('/'));
    if (!at.file.sharesNodes || !at.file.mergesIn(holder, SUPPRESSION_KEY)) {
      report(unchecked ? 'unchecked' : 'misplaced', at, { where, instead });
      continue;
    }
    let inFile = (merged ??= new Map()).get(at.file);
    if (!inFile) merged.set(at.file, (inFile = []));
    inFile.push({ at, where, holder, instead: unchecked ? '' : `, or write one on ${instead}` });
  }
  if (merged) {
    for (const [file, lists] of merged) {
      // Each `<<` copies the list, so it is told by where it is written: one lookup per file.
      const regions = file.locate(lists.map((each) => each.at.pointer));
      const byPlace = new Map<string, { first: (typeof lists)[number]; more: number }>();
      for (const each of lists) {
        const region = regions.get(each.at.pointer);
        const place = `${region ? `${region.line}:${region.column}` : each.at.pointer}\u0000${each.where}`;
        const known = byPlace.get(place);
        if (known) known.more++;
        else byPlace.set(place, { first: each, more: 0 });
      }
      for (const { first: { at, where, holder, instead }, more } of byPlace.values()) {
        report('merged', at, { where, holder: more === 0 ? `'#${holder}'` : `'#${holder}' (and ${more.toLocaleString('en-US')} more)`, instead });
      }
    }
  }
  for (const entry of entries) {
    if (known && !known.has(entry.rule)) report('unknownRule', entry.at, { rule: entry.rule, hint: unknownRuleHint(entry.rule, known) });
    // A rule that is off for this spec cannot tell us whether the entry is still needed.
    else if (ran.has(entry.rule) && !entry.used) {
      // Among the findings still reported: one that the definition's own entry silences needs nothing more here.
      const shared = sharedFindings().get(entry.scope)?.get(entry.rule);
      const outer = shared ? undefined : enclosingFindings().above(entry);
      if (shared) report('inSharedDefinition', entry.at, { rule: entry.rule, where: refTo(entry.scope, shared.at) });
      else if (outer) report('furtherOut', entry.at, { rule: entry.rule, where: refTo(entry.scope, outer.at) });
      else report('unused', entry.at, { rule: entry.rule, here: isHeader(entry.scope) ? 'in this header (a missing header is reported at the response)' : 'here' });
    }
  }
  return kept;
}

/**
 * The findings still reported, by file, rule and pointer, made once when an unused entry first
 * asks: an entry on a response or a header whose rule reports at the operation or the response
 * around it (a missing 422, a missing header) is not unused so much as written too far in.
 */
class FindingsAt {
  private readonly byFile = new Map<SourceFile, Map<string, RawFinding>>();

  constructor(findings: readonly RawFinding[]) {
    for (const finding of findings) {
      if (finding.ruleId === unusedSuppression.id) continue;
      let here = this.byFile.get(finding.at.file);
      if (!here) this.byFile.set(finding.at.file, (here = new Map()));
      const key = `${finding.ruleId}\u0000${finding.at.pointer}`;
      if (!here.has(key)) here.set(key, finding);
    }
  }

  /** The nearest finding of `entry`'s rule on a node, in the same file, that holds the node carrying the entry. */
  above(entry: Entry): RawFinding | undefined {
    const here = this.byFile.get(entry.scope.file);
    if (!here) return undefined;
    const pointer = entry.scope.pointer;
    // Each prefix that ends before a '/', nearest first, down to the root (''); not the node itself.
    for (let end = pointer.lastIndexOf('/'); end >= 0; end = end === 0 ? -1 : pointer.lastIndexOf('/', end - 1)) {
      const found = here.get(`${entry.rule}\u0000${pointer.slice(0, end)}`);
      if (found) return found;
    }
    return undefined;
  }
}

/** Whether a scope is a header (…/headers/<name>, inline or shared, or beside its `$ref`), for the message. */
function isHeader(scope: Located): boolean {
  const segments = splitPointer(scope.pointer);
  return segments.length >= 2 && segments[segments.length - 2] === 'headers';
}

/** What follows "is not a statuslint rule": the closest rule id, or for this check itself, what sets it. */
function unknownRuleHint(id: string, known: ReadonlySet<string>): string {
  if (id === unusedSuppression.id) return ": it is the engine's own check, set by the configuration's top-level key unusedSuppressions.";
  return didYouMean(id, known) || '.';
}

/**
 * For each operation (by the Located that `reachedFrom` holds) and rule, the first finding that
 * its visit reported, made once when first asked: looking through every finding for each
 * unused entry made thousands of unused entries quadratic.
 */
function firstFindingFromScope(
  findings: readonly RawFinding[],
  reachedFrom: ReadonlyMap<RawFinding, ReadonlySet<Located>>,
): () => ReadonlyMap<Located, ReadonlyMap<string, RawFinding>> {
  let index: Map<Located, Map<string, RawFinding>> | undefined;
  return () => {
    if (index) return index;
    index = new Map();
    for (const finding of findings) {
      for (const scope of reachedFrom.get(finding) ?? []) {
        let rules = index.get(scope);
        if (!rules) index.set(scope, (rules = new Map()));
        if (!rules.has(finding.ruleId)) rules.set(finding.ruleId, finding);
      }
    }
    return index;
  };
}

/**
 * Marks used every entry that is written where a used one is: a list (or a response holding
 * one) repeated by a YAML alias is one entry to the user, reported at the anchor, and removing
 * it would bring back what it silences at another of its uses.
 */
function markAliasesUsed(entries: readonly Entry[]): void {
  let usedIn: Map<readonly unknown[], Set<number>> | undefined;
  for (const entry of entries) {
    if (!entry.used) continue;
    usedIn ??= new Map();
    const indexes = usedIn.get(entry.list);
    if (indexes) indexes.add(entry.index);
    else usedIn.set(entry.list, new Set([entry.index]));
  }
  if (usedIn) for (const entry of entries) if (!entry.used && usedIn.get(entry.list)?.has(entry.index)) entry.used = true;
}

/**
 * The findings without the `unused-suppression` reports of entries that another spec of the
 * run silenced something with (SuppressionOptions.onSilenced), by the places `placesOf` gives
 * (silencedKey and silencedPlaces).
 */
export function withoutSilencedEntries<T extends { readonly ruleId: string }>(findings: T[], silenced: ReadonlySet<string>, placesOf: (finding: T) => readonly string[]): T[] {
  if (silenced.size === 0) return findings;
  return findings.filter((finding) => finding.ruleId !== unusedSuppression.id || !placesOf(finding).some((key) => silenced.has(key)));
}

/** How an entry's place is keyed across specs: its file (as the run names it) and pointer, or `@line:column` (silencedPlaces). */
export const silencedKey = (file: string, place: string): string => `${file}\u0000${place}`;

/** Where a finding is written, as silencedPlaces names it. */
export const writtenAt = (line: number, column: number): string => `@${line}:${column}`;

/** How a list's pointer ends (an entry's ends with its index). */
const LIST_END = `/${SUPPRESSION_KEY}`;

/**
 * The places of the entries that silenced something: each one's pointer, and, in a file where
 * a YAML alias repeats nodes, also where it is written, since another spec may reach that
 * written entry under another pointer (an anchored response in a shared file, aliased under
 * a second name).
 */
export function silencedPlaces(entries: readonly Located[]): Array<[file: Located['file'], place: string]> {
  const places: Array<[Located['file'], string]> = [];
  const aliased = new Map<Located['file'], string[]>();
  for (const entry of entries) {
    places.push([entry.file, entry.pointer]);
    // A list that was read (onSilenced), by its pointer only: a YAML merge key repeats one
    // written list on objects that are not one (a response, where it is read, and a parameter,
    // where it is not), and the parameter's is still reported.
    if (!entry.file.sharesNodes || entry.pointer.endsWith(LIST_END)) continue;
    const pointers = aliased.get(entry.file);
    if (pointers) pointers.push(entry.pointer);
    else aliased.set(entry.file, [entry.pointer]);
  }
  // One lookup per file.
  for (const [file, pointers] of aliased) for (const region of file.locate(pointers).values()) places.push([file, writtenAt(region.line, region.column)]);
  return places;
}
