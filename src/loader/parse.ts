import { getHeapStatistics } from 'node:v8';
import { yaml } from '../lazy-yaml.js';
import type { Alias, CST, Document, Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml';
import { LoadError } from '../errors.js';
import { jsonErrorOffset } from './json-error-offset.js';
import { locateInJson, type Span } from './json-locate.js';
import type { JsonOutline } from './json-outline.js';
import { LineIndex, type Region } from './line-index.js';
import { appendSegment, getAtPointer, splitPointer } from './pointer.js';
import { MAX_NESTING, type ValueScan } from './value-scan.js';
import { readYamlFast, type Spans } from './yaml-fast.js';

// `yaml` costs about 40 ms to load; most runs never need it, since the fast reader handles
// the YAML that specs are written in. It is loaded for the rest, and for its error messages.


export type SourceFormat = 'json' | 'yaml';

/**
 * Most aliases (`*name`) a YAML file may hold. `yaml` finds each alias's anchor by a scan of
 * the document's anchors and aliases, so its work grows with their square: 10,000 aliases of
 * 10,000 anchors take ~2.5 s.
 * What aliases expand to is bounded apart from this (checkAliasExpansion in guards.ts).
 */
const MAX_YAML_ALIASES = 10_000;

/**
 * One parsed file: its plain value, plus positions found on demand. Positions are looked up
 * in a batch, only for the nodes that carry findings, so a clean 13 MB spec pays nothing
 * for them.
 */
export class SourceFile {
  private readonly lines: LineIndex;
  private yamlDocument: Document | undefined;
  /** The walk the loader made of a JSON value, kept for the reference check. */
  scan: ValueScan | undefined;
  /** Where a JSON text's containers end, recorded while checking it (guards.ts). */
  outline: JsonOutline | undefined;
  /** Whether the text read began with a UTF-8 byte-order mark, which `text` leaves out. */
  byteOrderMark = false;
  /**
   * The file's path with symbolic links followed, as the workspace found it (else `path`):
   * its relative `$ref`s are resolved from this one's folder, as the file system resolves
   * `common/../lib` when `common` is a link, so that a file reached by several spellings
   * (a `common/` folder linked into each service) names the same files whichever came first.
   */
  realPath: string;
  /**
   * Whether some spelling the workspace read the file by goes through a symbolic link (its real
   * path differs), although `path`, the first spelling, may not: --fix writes no `$ref` into such
   * a file, which a tool reading it as a URI would resolve from the link's folder.
   */
  reachedThroughLink = false;

  constructor(
    /** Absolute path, or the URL for remote documents. */
    readonly path: string,
    readonly text: string,
    readonly format: SourceFormat,
    readonly value: unknown,
    yamlDocument?: Document,
    /** Key and item offsets recorded by the fast YAML reader. */
    private readonly yamlSpans?: Spans,
    /** Where in `text` an offset of `yamlSpans` is, when they differ (CRLF line ends). */
    private readonly toTextOffset?: (offset: number) => number,
  ) {
    this.lines = new LineIndex(text);
    this.yamlDocument = yamlDocument;
    this.realPath = path;
  }

  /** Regions for many pointers at once (one scan of the text for JSON, lines counted on the way). */
  locate(pointers: Iterable<string>): Map<string, Region> {
    let regions: Map<string, Region>;
    if (this.format === 'json') regions = locateInJson(this.text, pointers, this.outline);
    else {
      const spans = this.yamlSpans ? locateInSpans(this.yamlSpans, pointers) : this.locateInYaml(pointers);
      regions = new Map<string, Region>();
      const at = this.toTextOffset;
      for (const [pointer, [start, end]] of spans) regions.set(pointer, at ? this.lines.region(at(start), at(end)) : this.lines.region(start, end));
    }
    // A whole file named by a `$ref` (a response kept in a file of its own): its first line of
    // content, not an empty region before the comments and blank lines above it.
    if (regions.has('')) regions.set('', this.contentStart());
    return regions;
  }

  /** The first line of the document's content, past blank lines, comments, directives and `---`. */
  private contentStart(): Region {
    const text = this.text;
    // Where `yaml` read the file, it knows: content can follow `---` on its line, after an
    // anchor or a tag of the root there (`--- &r`), which the fast reader leaves to it.
    const root = this.yamlDocument?.contents?.range?.[0];
    const start = root ?? Math.min(/^(?:[ \t]*(?:#[^\n]*|%[^\n]*|---[ \t]*(?:#[^\n]*)?)?\r?\n)*[ \t]*/.exec(text)![0].length, text.length);
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    return this.lines.region(start, Math.max(end, start));
  }

  /**
   * Whether several pointers may name one written node: only YAML read through `yaml` whose
   * text has an `&anchor` can alias a node. (The fast reader takes no such file; JSON has none.)
   */
  get sharesNodes(): boolean {
    return (this.anchored ??= this.format === 'yaml' && this.yamlSpans === undefined && mayHaveAnchors(this.text));
  }

  private anchored: boolean | undefined;

  /**
   * Whether the mapping at `pointer` takes its member `key` from a `<<` merge key rather than
   * writing it: such a member is located where the merged mapping writes it, which is not where
   * it was brought in. False wherever no node can be shared (JSON, YAML without an anchor).
   */
  mergesIn(pointer: string, key: string): boolean {
    // Asked once per list in a file that may write thousands: the text is searched once.
    if (!this.sharesNodes || !(this.merging ??= this.text.includes('<<'))) return false;
    const document = (this.yamlDocument ??= parseYamlDocument(this.path, this.text, this.lines));
    const { isMap, isSeq } = yaml();
    let node: unknown = document.contents;
    for (const segment of splitPointer(pointer)) {
      node = resolveAlias(document, node);
      if (isMap(node)) node = memberPair(document, node, segment, new Set())?.value;
      else if (isSeq(node)) node = node.items[Number(segment)];
      else return false;
    }
    node = resolveAlias(document, node);
    return isMap(node) && ownMember(document, node, key) === undefined && memberPair(document, node, key, new Set()) !== undefined;
  }

  private merging: boolean | undefined;

  /**
   * For each of `pointers` that reaches its node through a YAML alias or a `<<` merge key, the
   * pointer of that node where it is written: `/B/content` with `B: *a` beside `A: &a` is
   * `/A/content`, whichever name a spec used. A finding there is one place, which runs over
   * different specs reach by different names; keyed by the written pointer, it is the same
   * finding in all of them (a baseline written by a run over every spec matches it in a run
   * over one). The last segment stays as reached: a finding at an alias of the node itself is
   * placed at the key that names it (`B`), not in the anchor. Pointers through a merge of a
   * mapping written inline (`<<: {a: 1}`), which no pointer of the plain value names, are left
   * as they are. Empty wherever no node can be shared (JSON, YAML without an anchor).
   */
  writtenPointers(pointers: Iterable<string>): Map<string, string> {
    const moved = new Map<string, string>();
    if (!this.sharesNodes) return moved;
    const document = (this.yamlDocument ??= parseYamlDocument(this.path, this.text, this.lines));
    const written = writtenPaths(document);
    for (const pointer of pointers) {
      const at = writtenPointer(document, written, pointer);
      if (at !== undefined && at !== pointer) moved.set(pointer, at);
    }
    return moved;
  }

  /** What keyStart's lookups learnt of the large mappings (see locateInSpans). */
  private keyLookups: SpanLookups | undefined;

  /**
   * Where the key of the mapping's member at `pointer` starts in `text`, for YAML the fast
   * reader read: the text is then plain block YAML, without anchors or tags, so that `--fix` can
   * read one member's lines alone. Undefined for other files, for an item of a sequence (whose
   * recorded start is its content's, after the dash) and for a pointer not written.
   */
  keyStart(pointer: string): number | undefined {
    if (!this.yamlSpans || pointer === '') return undefined;
    const holder = getAtPointer(this.value, pointer.slice(0, pointer.lastIndexOf('/'))).value;
    if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) return undefined;
    // Asked once for each response a fix edits: the large mappings' indexes are kept between
    // calls, or 20,000 fixes under `paths` would each scan its 20,000 keys.
    const span = locateInSpans(this.yamlSpans, [pointer], (this.keyLookups ??= {})).get(pointer);
    if (!span) return undefined;
    return this.toTextOffset ? this.toTextOffset(span[0]) : span[0];
  }

  /** The syntax tree a YAML file was read with (so that `--fix` need not parse it again). */
  get yamlTree(): Document | undefined {
    return this.format === 'yaml' ? this.yamlDocument : undefined;
  }

  private locateInYaml(pointers: Iterable<string>): Map<string, Span> {
    const document = (this.yamlDocument ??= parseYamlDocument(this.path, this.text, this.lines));
    const spans = new Map<string, Span>();
    for (const pointer of pointers) {
      const span = yamlSpan(document, pointer);
      if (span) spans.set(pointer, span);
    }
    return spans;
  }
}

/**
 * A mapping of more than this many entries that one batch searches more than INDEX_AFTER
 * times is indexed by key: findings under `/paths` each search it, and a scan per finding made
 * the time grow with the square of their number (50,000 paths: 12 s). Smaller mappings, and
 * the few searches of an ordinary batch, keep the scan, which builds nothing.
 */
const INDEX_ENTRIES = 16;
const INDEX_AFTER = 8;

/** A cheap filter: no `&anchor` means no alias, hence no value met under two pointers. */
export function mayHaveAnchors(text: string): boolean {
  return /(?:^|[\s,[{])&[^\s,[\]{}]/.test(text);
}

/** Of the large mappings of a span tree: how often each was scanned, then the index of its keys' entries. */
interface SpanLookups {
  scans?: Map<Spans, number>;
  indexes?: Map<Spans, Map<string | number | Spans | undefined, number>>;
}

/** Follows each pointer through the fast reader's span tree; `lookups` carries what was learnt from one call to the next. */
function locateInSpans(root: Spans, pointers: Iterable<string>, lookups: SpanLookups = {}): Map<string, Span> {
  const found = new Map<string, Span>();
  let { scans, indexes } = lookups;
  outer: for (const pointer of pointers) {
    let spans: Spans | undefined = root;
    let span: Span = [0, 0];
    let isSeq = false;
    for (const segment of splitPointer(pointer)) {
      if (!spans) continue outer;
      // A mapping's entries are 4 wide and start with the key; a sequence's are 3 wide.
      isSeq = spans.length > 0 && typeof spans[0] === 'number';
      let at = -1;
      if (isSeq) {
        const index = Number(segment);
        if (/^(0|[1-9]\d*)$/.test(segment) && 3 * index < spans.length) at = 3 * index;
      } else {
        let index = spans.length > 4 * INDEX_ENTRIES ? indexes?.get(spans) : undefined;
        if (index === undefined && spans.length > 4 * INDEX_ENTRIES) {
          const count = ((scans ??= lookups.scans = new Map()).get(spans) ?? 0) + 1;
          scans.set(spans, count);
          if (count > INDEX_AFTER) {
            index = new Map();
            // The first entry of a key wins, as in the scan.
            for (let i = spans.length - 4; i >= 0; i -= 4) index.set(spans[i], i + 1);
            (indexes ??= lookups.indexes = new Map()).set(spans, index);
          }
        }
        if (index !== undefined) {
          at = index.get(segment) ?? -1;
        } else {
          for (let i = 0; i < spans.length; i += 4) {
            if (spans[i] === segment) {
              at = i + 1;
              break;
            }
          }
        }
      }
      if (at === -1) continue outer;
      span = [spans[at] as number, spans[at + 1] as number];
      spans = spans[at + 2] as Spans | undefined;
    }
    found.set(pointer, span);
  }
  return found;
}

/**
 * A mapping's own members by name (the first writing of each), made once per mapping: finding
 * one by looking through the pairs made locating thousands of findings quadratic in a mapping of
 * thousands of keys. A key written as an alias (`*code : …`) names the member by the scalar it
 * stands for, as `yaml` builds the value, and is located at the alias.
 */
const ownMembers = new WeakMap<YAMLMap, Map<string, Pair>>();

function ownMember(document: Document, map: YAMLMap, key: string): Pair | undefined {
  let members = ownMembers.get(map);
  if (!members) {
    const { isAlias, isScalar } = yaml();
    members = new Map();
    for (const item of map.items) {
      const written = isScalar(item.key) ? item.key : isAlias(item.key) ? resolveAlias(document, item.key) : undefined;
      if (!isScalar(written) || typeof written.value === 'symbol') continue;
      const name = keyName(written.value);
      if (!members.has(name)) members.set(name, item);
    }
    ownMembers.set(map, members);
  }
  return members.get(key);
}

function yamlSpan(document: Document, pointer: string): Span | undefined {
  let node: unknown = document.contents;
  let span: Span = [0, 0];
  for (const segment of splitPointer(pointer)) {
    const { isMap, isScalar, isSeq } = yaml();
    node = resolveAlias(document, node);
    if (isMap(node)) {
      const pair = memberPair(document, node, segment, new Set());
      if (!pair) return undefined;
      const keyRange = (pair.key as YamlNode).range;
      if (keyRange) span = [keyRange[0], keyRange[1]];
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as YamlNode | undefined;
      if (!item?.range) return undefined;
      span = [item.range[0], item.range[1]];
      node = item;
    } else {
      return undefined;
    }
  }
  return span;
}

/**
 * Where each pair and sequence item of a document is written, as a pointer of its plain value:
 * one walk that follows no alias and enters no `<<` merge key, so each node has the one path
 * that writes it. Made once per document, for a file that writes an anchor and holds findings.
 */
const writtenPathsOf = new WeakMap<Document, Map<unknown, string>>();

function writtenPaths(document: Document): Map<unknown, string> {
  let paths = writtenPathsOf.get(document);
  if (paths) return paths;
  const { isMap, isScalar, isSeq } = yaml();
  paths = new Map();
  const stack: Array<[unknown, string]> = [[document.contents, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    paths.set(node, path);
    if (isMap(node)) {
      for (const pair of node.items) {
        // A merge key's sources are written elsewhere (an alias) or nowhere a pointer names.
        // A key written as an alias is left out too: rare, and then the pointer stays as reached.
        if (!isScalar(pair.key) || typeof pair.key.value === 'symbol') continue;
        const at = appendSegment(path, keyName(pair.key.value));
        paths.set(pair, at);
        stack.push([pair.value, at]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push([item, appendSegment(path, index)]));
    }
  }
  writtenPathsOf.set(document, paths);
  return paths;
}

/** The pointer of the node `pointer` reaches, where it is written (see `SourceFile.writtenPointers`). */
function writtenPointer(document: Document, written: Map<unknown, string>, pointer: string): string | undefined {
  const { isMap, isSeq } = yaml();
  const segments = splitPointer(pointer);
  let node: unknown = document.contents;
  let at: string | undefined = '';
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    node = resolveAlias(document, node);
    // Where the node it stands in for is written: the anchored node's own path.
    at = written.get(node);
    if (at === undefined) return undefined;
    let child: unknown;
    if (isMap(node)) {
      const pair = memberPair(document, node, segment, new Set());
      if (!pair) return undefined;
      // A member merged in is written in the mapping it comes from.
      at = written.get(pair);
      child = pair.value;
    } else if (isSeq(node)) {
      child = node.items[Number(segment)];
      at = child === undefined ? undefined : appendSegment(at, segment);
    } else {
      return undefined;
    }
    if (at === undefined) return undefined;
    node = child;
  }
  return at;
}

/** A scalar key's name in the value `yaml` builds: a null key (`~:`) is ''. */
function keyName(value: unknown): string {
  return value === null ? '' : String(value);
}

/**
 * The pair that gives a mapping its member `key`: its own, else the first merged in through
 * a `<<` key (YAML 1.1 merge: keys written in the mapping win, then its sources in order).
 * A merged member is located where its source writes it.
 */
function memberPair(document: Document, map: YAMLMap, key: string, seen: Set<YAMLMap>): Pair | undefined {
  const { isMap } = yaml();
  seen.add(map);
  const own = ownMember(document, map, key);
  if (own) return own;
  for (const item of map.items) {
    const sources = mergeSources(document, item);
    if (!sources) continue;
    for (const source of sources) {
      if (!isMap(source) || seen.has(source)) continue;
      const merged = memberPair(document, source, key, seen);
      if (merged) return merged;
    }
  }
  return undefined;
}

/** The second writing of a key in one mapping, and how the first was written when it differs. */
interface DuplicateKey {
  offset: number;
  /** Both keys as written, when they are different scalars that name the same member (`"200"` and `200`). */
  written?: [string, string];
}

/**
 * Where the first key written twice in one mapping is (its second writing). Two keys are the
 * same when both are scalars of equal value, as `yaml`'s `uniqueKeys` has it, and also when
 * they name the same member once read (`200` and `'200'`, `true` and `'true'`): `yaml` keeps the
 * last of those and drops the other without a word, where js-yaml refuses them, so a response
 * written under both would be linted as one of them. NaN equals nothing. One map per mapping,
 * where `yaml` compares each key with every key before it.
 */
function firstDuplicateKey(document: Document, text: string): DuplicateKey | undefined {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  let first: DuplicateKey | undefined;
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    // Each name's first key as written (an alias, for `*code :`) and the scalar it reads as.
    const seen = new Map<string, [YamlNode, Scalar]>();
    let found = false;
    for (const pair of node.items) {
      stack.push(pair.key, pair.value);
      if (found) continue;
      const key = isScalar(pair.key) ? pair.key : isAlias(pair.key) ? resolveAlias(document, pair.key) : undefined;
      if (!isScalar(key)) continue;
      const value = key.value;
      if ((typeof value === 'object' && value !== null) || typeof value === 'symbol') continue;
      if (value !== value) continue;
      // The member name `yaml` gives the key when it builds the plain value.
      const name = typeof value === 'string' ? value : value === null ? '' : String(value);
      const earlier = seen.get(name);
      if (earlier === undefined) {
        seen.set(name, [pair.key as YamlNode, key]);
        continue;
      }
      found = true;
      const at = (pair.key as YamlNode).range?.[0];
      if (at === undefined || (first !== undefined && at >= first.offset)) continue;
      const before = earlier[0].range;
      const range = (pair.key as YamlNode).range!;
      first = { offset: at, written: earlier[1].value === value || !before ? undefined : [text.slice(before[0], before[1]), text.slice(range[0], range[1])] };
    }
  }
  return first;
}

/**
 * Where the first key that is a mapping or a sequence (`? [a]`) is written. JSON, and so
 * OpenAPI, has none; `yaml` would make a string of it, and warn on the process's stderr.
 */
function collectionKeyOffset(document: Document): number | undefined {
  const { isAlias, isCollection, isMap, isSeq } = yaml();
  // A plain stack over the collections rather than `visit`: a quarter of the time on 10 MB of
  // YAML, where no key is a collection.
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isAlias(pair.key) ? resolveAlias(document, pair.key) : pair.key;
        if (isCollection(key)) return (pair.key as YamlNode).range?.[0];
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

/**
 * What a `<<` pair merges in, aliases resolved: its value, or each item of a sequence;
 * undefined for any other pair. (`yaml` reads a plain `<<` key as a symbol when `merge` is on.)
 */
function mergeSources(document: Document, pair: Pair): unknown[] | undefined {
  const { isScalar, isSeq } = yaml();
  if (!isScalar(pair.key) || typeof pair.key.value !== 'symbol') return undefined;
  const resolve = (node: unknown): unknown => resolveAlias(document, node);
  const value = resolve(pair.value);
  return isSeq(value) ? value.items.map(resolve) : [value];
}

/** Where the first `<<` whose value is not a mapping (or a sequence of them) is written. */
function badMergeOffset(document: Document): number | undefined {
  const { isMap, isPair, visit } = yaml();
  let offset: number | undefined;
  visit(document, {
    Pair(_, pair) {
      if (!isPair(pair)) return undefined;
      const sources = mergeSources(document, pair);
      if (!sources || sources.every((source) => isMap(source))) return undefined;
      offset = (pair.key as YamlNode).range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * How many nodes a YAML document may expand to through its aliases (guards.ts) or merge keys
 * (refuseMergeCopies), as a multiple of the nodes it writes out. Aliases share one value, so
 * expansion costs nothing in memory, but every walk over the document (references, rules)
 * pays it again; a merge copies.
 */
export const MAX_ALIAS_EXPANSION = 10;
/** Below this many expanded nodes, aliases and merges are never a problem. */
export const ALIAS_EXPANSION_FLOOR = 100_000;

/** Each document's aliases, with the node each names (see `resolveAlias`). */
const aliasTargets = new WeakMap<Document, Map<unknown, unknown>>();

/**
 * The node an alias names, the last one before it with that anchor, as `yaml`'s `Alias.resolve`
 * finds it; any other node as it is. `Alias.resolve` searches the whole document for each
 * alias: a finding located through each of 4,000 merges of one mapping (335 KB) took 85 s.
 * One walk of the document serves all of them.
 */
function resolveAlias(document: Document, node: unknown): unknown {
  const { isAlias, visit } = yaml();
  if (!isAlias(node)) return node;
  let targets = aliasTargets.get(document);
  if (targets === undefined) {
    const latest = new Map<string, unknown>();
    const found = new Map<unknown, unknown>();
    visit(document, {
      Node(_, visited) {
        if (isAlias(visited)) found.set(visited, latest.get(visited.source));
        else if (visited.anchor) latest.set(visited.anchor, visited);
      },
    });
    aliasTargets.set(document, (targets = found));
  }
  return targets.get(node);
}

/**
 * Refuses a document whose `<<` merge keys would copy far more nodes than it writes, before
 * `yaml` copies them. Where an alias shares the value of the node it names, each `<<` makes its
 * sources anew, all but the aliases inside them, and `yaml`'s alias count counts one per `<<`
 * whatever a source's size: a 5,000-key mapping merged into 5,000 others (480 KB) took 23 s and
 * 1.2 GB to read. A `<<` that merges a mapping it is inside of would copy without end; it is
 * named where it is written (`yaml` recursed until the stack ran out).
 */
function refuseMergeCopies(path: string, document: Document, lines: LineIndex): void {
  const { isAlias, isMap, isSeq } = yaml();
  type Child = { node: unknown; merge?: Pair };
  // Each collection's size once made (with what its merges copy); -1 while it is counted.
  const sizes = new Map<unknown, number>();
  const stack: Array<{ node: unknown; children: Child[]; index: number; size: number }> = [];
  let written = 0;
  const enter = (node: unknown): void => {
    written++;
    sizes.set(node, -1);
    const children: Child[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        children.push({ node: pair.key });
        const sources = mergeSources(document, pair);
        if (sources) for (const source of sources) children.push({ node: source, merge: pair });
        else children.push({ node: pair.value });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) children.push({ node: item });
    }
    stack.push({ node, children, index: 0, size: 1 });
  };
  const root = document.contents;
  if (!isMap(root) && !isSeq(root)) return;
  enter(root);
  let expanded = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index < frame.children.length) {
      const { node, merge } = frame.children[frame.index++]!;
      if (node === null || node === undefined) continue;
      // An alias (not merged) is the value of the node it names, made once where that is written.
      if ((isAlias(node) && !merge) || (!isMap(node) && !isSeq(node))) {
        if (!merge) written++;
        frame.size++;
        continue;
      }
      const known = sizes.get(node);
      if (known === -1) {
        const at = (merge?.key as YamlNode | undefined)?.range?.[0];
        throw new LoadError(path, "invalid YAML: this '<<' merges a mapping that holds it, which has no end", at === undefined ? undefined : lines.position(at));
      }
      if (known !== undefined) frame.size += known;
      else enter(node);
      continue;
    }
    stack.pop();
    sizes.set(frame.node, frame.size);
    const parent = stack[stack.length - 1];
    if (parent) parent.size += frame.size;
    else expanded = frame.size;
  }
  if (expanded > ALIAS_EXPANSION_FLOOR && expanded > written * MAX_ALIAS_EXPANSION) {
    throw new LoadError(
      path,
      `invalid YAML: merge keys (<<) copy ${written.toLocaleString('en-US')} nodes to ${expanded.toLocaleString('en-US')}, over ${MAX_ALIAS_EXPANSION} times as many; write the repeated parts out or share them with $ref`,
    );
  }
}

/**
 * YAML's types that JSON cannot hold, which `yaml` resolves even under the 1.2 core schema when
 * tagged (and under `%YAML 1.1`, an unquoted date too): `!!binary` made bytes, `!!timestamp`
 * a Date, `!!omap` a Map (so `responses: !!omap [...]` read as no responses at all), `!!set`
 * a Set, and a key so tagged a string with a warning printed on stderr. Left unresolved, such a
 * node is what it is written as, a string, a sequence or a mapping: the JSON data model that
 * OpenAPI describes, and what JSON-schema YAML readers (js-yaml's JSON_SCHEMA) make of it.
 */
const NON_JSON_TAGS = new Set(['binary', 'omap', 'pairs', 'set', 'timestamp'].map((name) => `tag:yaml.org,2002:${name}`));

/**
 * Reads YAML with `yaml`, as its `parseDocument` does, but checks each document's syntax tree
 * for nesting before it is built: the tree is made without recursion, while building the
 * document, and everything that walks it after, recurses once per level.
 */
function parseYamlDocument(path: string, text: string, lines: LineIndex): Document {
  const { Composer, YAMLParseError } = yaml();
  // `merge`: YAML 1.2 dropped `<<`, but specs use it and every OpenAPI tool honours it.
  // Duplicate keys are found after (firstDuplicateKey): `yaml` compares each key with every
  // key before it, and a mapping of 200,000 keys (2 MB) took over five minutes.
  // The tags of the JSON data model only (see NON_JSON_TAGS), and `logLevel`: `yaml` must
  // never print on the process's stderr, whose lines are statuslint's own.
  const composer = new Composer({
    uniqueKeys: false,
    merge: true,
    resolveKnownTags: false,
    customTags: (tags) => tags.filter((tag) => !NON_JSON_TAGS.has(typeof tag === 'string' ? `tag:yaml.org,2002:${tag}` : tag.tag)),
    logLevel: 'error',
  });
  let document: Document | undefined;
  for (const next of composer.compose(withinNesting(path, parsedWithinBudget(path, text, lines), lines), true, text.length)) {
    if (document === undefined) {
      document = next;
      continue;
    }
    // What parseDocument says of a second document (guards.ts words it for the user).
    document.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
    break;
  }
  // compose(…, true) always ends with a document, if an empty one.
  if (document === undefined) throw new Error('yaml composed no document');
  const problem = document.errors[0];
  const duplicate = firstDuplicateKey(document, text);
  // Whichever comes first in the text, as `yaml` would have met them.
  if (duplicate !== undefined && (problem === undefined || duplicate.offset < problem.pos[0])) {
    const message = duplicate.written === undefined ? 'Map keys must be unique' : `keys ${duplicate.written[0]} and ${duplicate.written[1]} in one mapping are one member once read, as in JSON and so OpenAPI; keep one`;
    throw new LoadError(path, `invalid YAML: ${message}`, lines.position(duplicate.offset));
  }
  if (problem) {
    const underIndented = underIndentedQuote(document, text, problem);
    if (underIndented) throw new LoadError(path, underIndented.message, lines.position(underIndented.offset));
    // A Composer's messages are `yaml`'s own, without the ' at line L, column C:' and the
    // excerpt that parseDocument's prettyErrors add.
    const message = problem.message.split('\n')[0]!;
    throw new LoadError(path, `invalid YAML: ${message}`, lines.position(problem.pos[0]));
  }
  return document;
}

/** How many lines after an unclosed quote are searched for its close: an error path only. */
const QUOTE_LOOKAHEAD = 50;

/**
 * A quoted string that goes on to a line indented no deeper than its key, which `yaml` reports
 * as a quote never closed, where what it read as the string ends: the end of the line where it
 * starts, or of a blank line or a line indented further after it. YAML 1.2 forbids it (a flow
 * node in a block is indented at its parent's n+1: rules s-l+flow-in-block and s-flow-line-prefix);
 * libyaml, PyYAML (its test 'sloppy-indentation'), js-yaml and Go's yaml read it, and real
 * descriptions carry it (Docker Engine API 1.41: `description: "… for MLS` / `systems, …"` at
 * the key's indent). The message says so, at the first such line. Undefined when the quote is
 * not closed on a later line before another quoted string starts, so yaml's message stands.
 */
function underIndentedQuote(document: Document, text: string, problem: { message: string; pos: [number, number] }): { message: string; offset: number } | undefined {
  const quote = /^Missing closing (["'])quote/.exec(problem.message)?.[1];
  if (quote === undefined) return undefined;
  const opening = quotedScalarEnding(document, problem.pos[0]);
  if (opening === undefined) return undefined;
  // The key's line, where the string opens: yaml's position may be lines below it.
  const lineStart = text.lastIndexOf('\n', opening - 1) + 1;
  const keyIndent = indentOf(text, lineStart);
  let firstShallow: number | undefined;
  let at = text.indexOf('\n', problem.pos[0]);
  for (let count = 0; at !== -1 && count < QUOTE_LOOKAHEAD; count++) {
    const start = at + 1;
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    at = end;
    if (line.trim() === '') continue;
    const indent = indentOf(text, start);
    if (indent <= keyIndent) firstShallow ??= start + indent;
    // The close is the line's one quote: a `\"` in a double-quoted string, a `''` in a single-quoted one, are none.
    const quotes = (quote === '"' ? line.replace(/\\./g, '') : line.replace(/''/g, '')).split(quote).length - 1;
    if (quotes === 0) continue;
    if (quotes !== 1 || firstShallow === undefined) return undefined;
    const opened = text.slice(0, lineStart).split('\n').length;
    return {
      message: `invalid YAML: the quoted string that starts on line ${opened} goes on here, at no deeper an indent than its key; indent its continuation lines further (js-yaml reads this, YAML 1.2 does not)`,
      offset: firstShallow,
    };
  }
  return undefined;
}

/**
 * Where the scalar that ends at `end` starts: the quoted string never closed, the one scalar that
 * ends there (the error path of `underIndentedQuote`: a walk of the document).
 */
function quotedScalarEnding(document: Document, end: number): number | undefined {
  const { visit } = yaml();
  let opening: number | undefined;
  visit(document, {
    Scalar(_, scalar) {
      if (scalar.range?.[1] !== end) return undefined;
      opening = scalar.range[0];
      return visit.BREAK;
    },
  });
  return opening;
}

/** The spaces that start the line at `start`. */
function indentOf(text: string, start: number): number {
  let index = start;
  while (text[index] === ' ') index++;
  return index - start;
}

/**
 * Peak memory per value while `yaml` reads a file (its syntax tree, its Document and the plain
 * value): 1.1 to 1.5 KB measured, on specs and on long flow lists of numbers. The fast reader
 * and JSON.parse need a tenth of it, which the size limit bounds.
 */
const YAML_BYTES_PER_VALUE = 1536;

/**
 * `yaml`'s syntax tree of `text`, refusing a file of more values than half of the heap can
 * read: past it, a 60 MB file with one anchor grew to the heap's limit, where V8 ends the
 * process with its own trace (on the main thread; a worker dies instead), after minutes of
 * collecting garbage. The heap's limit is the same on every thread, so is the answer.
 */
function* parsedWithinBudget(path: string, text: string, lines: LineIndex): Generator<CST.Token> {
  const { Lexer, Parser } = yaml();
  const heap = getHeapStatistics().heap_size_limit;
  const budget = Math.floor(heap / 2 / YAML_BYTES_PER_VALUE);
  const parser = new Parser();
  const depth = new NestingGauge();
  let values = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (depth.tooDeep(lexeme)) {
      // The tree so far is deeper than the limit: withinNesting finds the first collection past
      // it. Reading on would build the rest first (`- - - …` on one line is ~500 bytes a level
      // and no value the budget counts: 12 MB of it took 3.4 GB).
      const at = parser.offset;
      yield* parser.end();
      throw new LoadError(path, `nesting deeper than ${MAX_NESTING} levels`, lines.position(at));
    }
    if (startsValue(lexeme) && ++values > budget) {
      const gb = (heap / 2 ** 30).toFixed(1);
      throw new LoadError(
        path,
        `over ${budget.toLocaleString('en-US')} YAML values in a file that the yaml library reads (it has anchors, tags or other forms statuslint's own reader leaves to it), which needs more than half of Node's ${gb} GB heap; convert it to JSON, or raise the heap (NODE_OPTIONS=--max-old-space-size=<MB>)`,
      );
    }
    yield* parser.next(lexeme);
  }
  yield* parser.end();
}

/**
 * A lower bound on nesting, told from the lexemes alone, before `yaml` has built the tree:
 * open flow collections, and block collections opened one inside another on one line (`- - -`,
 * `? ? ?`, `- ? - `), each indicator after the first on a line opening one. Nesting across
 * lines needs indentation, a level more each line, which the size limit keeps small.
 */
class NestingGauge {
  private flow = 0;
  private compact = 0;
  private afterIndicator = false;

  tooDeep(lexeme: string): boolean {
    switch (lexeme) {
      case '[':
      case '{':
        this.flow++;
        break;
      case ']':
      case '}':
        if (this.flow > 0) this.flow--;
        break;
      case '-':
      case '?':
      case ':':
        if (this.afterIndicator && this.flow === 0) this.compact++;
        this.afterIndicator = true;
        // `flow` is measured where it grows, at a bracket.
        return this.compact > MAX_NESTING;
      default:
        // Spaces, anchors and tags may stand between the indicators; anything else ends the run.
        if (/^[ \t]+$|^[&!]/.test(lexeme)) return false;
    }
    this.compact = 0;
    this.afterIndicator = false;
    return this.flow > MAX_NESTING;
  }
}

/** Whether a lexeme of `yaml`'s lexer begins a value: a scalar, a flow collection or an alias. */
function startsValue(lexeme: string): boolean {
  switch (lexeme.charCodeAt(0)) {
    case 0x1f: // the mark before a plain scalar
    case 34: // "
    case 39: // '
    case 124: // |
    case 62: // >
    case 91: // [
    case 123: // {
    case 42: // *
      return true;
    default:
      return false;
  }
}

/** Passes on the parser's tokens, refusing a document nested deeper than MAX_NESTING. */
function* withinNesting(path: string, tokens: Iterable<CST.Token>, lines: LineIndex): Generator<CST.Token> {
  for (const token of tokens) {
    if (token.type === 'document' && token.value) refuseDeepNesting(path, token.value, lines);
    yield token;
  }
}

/**
 * Refuses a collection nested deeper than MAX_NESTING in a document's syntax tree, at the
 * first one in the text. Iterative, and done before anything recursive reads the tree: were
 * the stack to decide, a worker thread (whose stack is larger) would read what the main thread
 * refuses, and the message and its position would depend on the thread and on the JIT.
 */
function refuseDeepNesting(path: string, root: CST.Token, lines: LineIndex): void {
  const { isCollection } = yaml().CST;
  const pending: Array<{ token: CST.Token; depth: number }> = [{ token: root, depth: 1 }];
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    if (!isCollection(token)) continue;
    if (depth > MAX_NESTING) throw new LoadError(path, `nesting deeper than ${MAX_NESTING} levels`, lines.position(token.offset));
    // `[a: b]`: a flow sequence holds a mapping of its own for each pair written in it.
    const pairDepth = token.type === 'flow-collection' && token.start.type === 'flow-seq-start' ? depth + 2 : depth + 1;
    // Last item first onto the stack, and a key after its value, so that the first taken is the first written.
    for (let index = token.items.length - 1; index >= 0; index--) {
      const { key, sep, value } = token.items[index]!;
      const inner = sep ? pairDepth : depth + 1;
      if (value) pending.push({ token: value, depth: inner });
      if (key) pending.push({ token: key, depth: inner });
    }
  }
}

function looksLikeJson(path: string, text: string): boolean {
  if (/\.json$/i.test(path)) return true;
  const first = text.match(/^\s*(\S)/)?.[1];
  return first === '{' || first === '[';
}

export interface ParseOptions {
  /**
   * Read YAML with `yaml`'s full Document model instead of the fast reader: slower, and the
   * reference that the fast reader is tested against.
   */
  yamlDocument?: boolean;
}

/** Parses JSON or YAML text; throws a LoadError naming the file and position. */
export function parseSource(path: string, rawText: string, options: ParseOptions = {}): SourceFile {
  // A UTF-8 BOM is legal at the start of both formats; editors do not count it as a column.
  const byteOrderMark = rawText.charCodeAt(0) === 0xfeff;
  const file = parseText(path, byteOrderMark ? rawText.slice(1) : rawText, options);
  file.byteOrderMark = byteOrderMark;
  return file;
}

function parseText(path: string, text: string, options: ParseOptions): SourceFile {
  if (text.trim() === '') throw new LoadError(path, 'the file is empty');
  if (looksLikeJson(path, text)) {
    try {
      return new SourceFile(path, text, 'json', JSON.parse(text));
    } catch (error) {
      // Flow-style YAML also starts with `{`; only a .json file must be strict JSON.
      if (/\.json$/i.test(path)) throw jsonError(path, text, error as Error);
    }
  }
  const fast = options.yamlDocument ? undefined : readYamlFast(text);
  if (fast) return new SourceFile(path, text, 'yaml', fast.value, undefined, fast.spans, fast.toTextOffset);
  const lines = new LineIndex(text);
  const document = parseYamlDocument(path, text, lines);
  const collectionKey = collectionKeyOffset(document);
  if (collectionKey !== undefined) {
    throw new LoadError(path, 'a mapping key that is itself a mapping or sequence; OpenAPI keys are strings', lines.position(collectionKey));
  }
  if (text.includes('<<')) refuseMergeCopies(path, document, lines);
  // Without an `&anchor` no alias can be written, and the count's walk of the document is spared.
  if (mayHaveAnchors(text)) refuseManyAliases(path, document, lines);
  let value: unknown;
  try {
    // No count of `yaml`'s own: it measures each alias inside an anchored node by a walk of the
    // whole document, and a 2 MB spec with 8,000 aliases took 86 s before being refused.
    // An alias shares its anchor's value, so what the document expands to is counted once, in
    // linear time, by checkAliasExpansion; refuseMergeCopies has bounded what merges copy.
    value = document.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const offset = badMergeOffset(document);
    throw new LoadError(path, `invalid YAML: ${(error as Error).message}`, offset === undefined ? undefined : lines.position(offset));
  }
  return new SourceFile(path, text, 'yaml', value, document);
}

/** Refuses a YAML document with more than MAX_YAML_ALIASES aliases, at the first one past it. */
function refuseManyAliases(path: string, document: Document, lines: LineIndex): void {
  const { visit } = yaml();
  let count = 0;
  let beyond: number | undefined;
  visit(document, {
    Alias(_, alias) {
      if (++count <= MAX_YAML_ALIASES) return undefined;
      beyond = alias.range?.[0];
      return visit.BREAK;
    },
  });
  if (count > MAX_YAML_ALIASES) {
    throw new LoadError(
      path,
      `invalid YAML: more than ${MAX_YAML_ALIASES.toLocaleString('en-US')} aliases (*name), the most statuslint reads; write the repeated parts out or share them with $ref`,
      beyond === undefined ? undefined : lines.position(beyond),
    );
  }
}

/** JSON.parse's error as a LoadError at the line and column it names, with a hint for the usual mistakes. */
export function jsonError(path: string, text: string, error: Error): LoadError {
  // Node 20's V8 gives `at position N` or no position at all; Node 22 and later add
  // `(line L column C)` beside the offset. The offset is read in every version, so that the
  // position is counted as every other finding's is, and the hint is given on each.
  const offset = /at position (\d+)/.exec(error.message);
  const message = error.message.replace(/ in JSON at position \d+.*$/, '').replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '').replace(/ at position \d+$/, '').replace(/ \(line \d+ column \d+\)$/, '');
  let at: number | undefined;
  if (offset) at = Number(offset[1]);
  else if (/Unexpected end of JSON input/.test(error.message)) at = text.length;
  // V8 names no position for an unexpected token (NaN, Infinity, a comment, `tru}`): find it.
  else at = jsonErrorOffset(text);
  const position = at === undefined ? undefined : new LineIndex(text).position(at);
  return new LoadError(path, `invalid JSON: ${message}${at === undefined ? '' : jsonHint(text, at)}`, position);
}

/** What the usual JSON mistakes need, as Python's and JavaScript's own writers make them. */
function jsonHint(text: string, at: number): string {
  const char = text[at];
  if (char === '/' && (text[at + 1] === '/' || text[at + 1] === '*')) return '; JSON has no comments';
  if (char === "'") return '; JSON strings and names take double quotes';
  if (/^-?(?:NaN|Infinity)\b/.test(text.slice(at, at + 10))) return '; JSON has no NaN or Infinity: write a number, or a string';
  return '';
}
