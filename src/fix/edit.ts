import { isMap, isNode, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { describeInJson, type JsonNode, type Span } from '../loader/json-locate.js';
import type { JsonOutline } from '../loader/json-outline.js';
import { FIXED_METHODS } from '../loader/normalize.js';
import type { SourceFile, SourceFormat } from '../loader/parse.js';
import { appendPointer, splitPointer } from '../loader/pointer.js';
import type { Located } from '../loader/resolve.js';
import type { FixIntent } from './intents.js';

const SPACE = 32;
const NEWLINE = 10;
const RETURN = 13;
const HASH = 35;
const DASH = 45;

/** Replace [start, end) of a file's text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A mapping as written, whatever the format: what an edit needs to know to add members to it. */
interface MapView {
  /** Its `{` in flow style (and JSON); its first key in block style. */
  start: number;
  /** Just past its `}` in flow style; just past its last value in block style. */
  end: number;
  flow: boolean;
  members: MemberView[];
}

/** How a JSON file escapes inside its strings (see `EditableFile.jsonEscapes`). */
interface JsonEscapes {
  /** Every character beyond ASCII as a `\uXXXX` escape. */
  ascii: boolean;
  /** Upper-case hex digits in those escapes. */
  upper: boolean;
  /** A quote as `\u0022`, not `\"`. */
  quote: boolean;
}

interface MemberView {
  /** Undefined for a key that is not a scalar (YAML allows those). */
  key: string | undefined;
  keySpan: Span;
  /** Just past the value, or past the key when the value is empty (`headers:`). */
  valueEnd: number;
}

/**
 * What the loader learnt reading a text (see SourceFile): the `yaml` tree it built, the
 * outline of JSON, where the fast YAML reader saw each key.
 */
export type LoadedText = Partial<Pick<SourceFile, 'yamlTree' | 'outline' | 'keyStart'>>;

/**
 * A file's text with what is needed to edit it in place, comments and layout kept. YAML is
 * read through the `yaml` syntax tree; JSON is scanned directly for the few nodes a fix names,
 * since building a YAML tree of a 13 MB JSON file takes seconds.
 */
export class EditableFile {
  private document: Document | undefined;
  private readonly jsonNodes = new Map<string, JsonNode | undefined>();
  readonly json: boolean;
  readonly newline: string;
  readonly indentUnit: string;
  /** JSON written without a space after `:` and `,` (minified). */
  readonly compact: boolean;

  private readonly outline: JsonOutline | undefined;
  private readonly keyStart: ((pointer: string) => number | undefined) | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    format: SourceFormat,
    /** What the loader learnt reading this very text, when it did. */
    loaded?: LoadedText,
  ) {
    this.document = loaded?.yamlTree;
    this.outline = loaded?.outline;
    this.keyStart = loaded?.keyStart?.bind(loaded);
    this.json = format === 'json';
    this.newline = text.includes('\r\n') ? '\r\n' : '\n';
    this.indentUnit = detectIndentUnit(text);
    this.compact = this.json && /^\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\S/.test(text);
  }

  private escapes: JsonEscapes | undefined;

  /** The text without a leading byte-order mark, which says nothing of how the file escapes. */
  private textWithoutBom(): string {
    return this.text.charCodeAt(0) === 0xfeff ? this.text.slice(1) : this.text;
  }

  /**
   * How the JSON file escapes inside its strings, for the text an edit adds. A file with no raw
   * character beyond ASCII that escapes one (`\u00f8`) or escapes a quote as `\u0022` was
   * written by an encoder that keeps it ASCII (Python's `ensure_ascii`, .NET's
   * System.Text.Json): a raw `§` added by a fix would be the only one in it. Read on first
   * need; any other file is written as `JSON.stringify` does, as before.
   */
  jsonEscapes(): JsonEscapes {
    if (this.escapes) return this.escapes;
    const body = this.textWithoutBom();
    const escape = (hex: string): RegExp => new RegExp(`${UNESCAPED_BACKSLASH}u(${hex})`, 'g');
    if (NON_ASCII.test(body) || !escape(`${BEYOND_ASCII_HEX4}|0022`).test(body)) {
      return (this.escapes = { ascii: false, upper: false, quote: false });
    }
    let upper = false;
    for (const [, digits] of body.matchAll(escape('[0-9a-fA-F]{4}'))) {
      if (/[a-f]/i.test(digits!)) {
        upper = /[A-F]/.test(digits!);
        break;
      }
    }
    // System.Text.Json writes a quote as \u0022; a file that also writes \" takes \".
    const quote = escape('0022').test(body) && !new RegExp(`${UNESCAPED_BACKSLASH}"`).test(body);
    return (this.escapes = { ascii: true, upper, quote });
  }

  /** A value as JSON text (`JSON.stringify`'s arguments), with the string escapes the file uses. */
  stringify(value: unknown, indent?: string): string {
    const text = JSON.stringify(value, null, indent);
    const escapes = this.jsonEscapes();
    if (!escapes.ascii) return text;
    const hex = (code: number): string => {
      const digits = code.toString(16).padStart(4, '0');
      return `\\u${escapes.upper ? digits.toUpperCase() : digits}`;
    };
    // A backslash in JSON text only starts an escape, each read from its start: a `\\"` is an
    // escaped backslash before a closing quote, not an escaped quote.
    return text.replace(/\\(.)|[^\x00-\x7f]/g, (match, escaped: string | undefined) =>
      escaped === undefined ? hex(match.charCodeAt(0)) : escaped === '"' && escapes.quote ? hex(0x22) : match,
    );
  }

  private style: YamlStyle | undefined;

  /**
   * How the file writes YAML, for the text an edit adds: the quote its quoted scalars mostly
   * use, and whether its flow maps mostly have spaces inside their braces (`{ a: b }`). Read
   * from its first 64 KB, on first need.
   */
  yamlStyle(): YamlStyle {
    if (this.style) return this.style;
    const head = this.text.slice(0, 65_536);
    let double = 0;
    let single = 0;
    for (const match of head.matchAll(/[:,[{-][ \t]*(["'])/g)) {
      if (match[1] === '"') double++;
      else single++;
    }
    let padded = 0;
    let tight = 0;
    for (const match of head.matchAll(/\{(.)/g)) {
      if (match[1] === ' ') padded++;
      else if (match[1] !== '}' && match[1] !== '\n' && match[1] !== '\r') tight++;
    }
    return (this.style = { quote: double > single ? '"' : "'", padded: padded >= tight, ascii: this.yamlAscii() });
  }

  /**
   * How a YAML file with no raw character beyond ASCII writes one, if it shows it: as an
   * escape in a double-quoted scalar (`\u2019`, PyYAML's dump without `allow_unicode`), `\x`
   * for the first 256 when the file uses it. Undefined for any other file.
   */
  private yamlAscii(): YamlStyle['ascii'] {
    const body = this.textWithoutBom();
    if (NON_ASCII.test(body)) return undefined;
    const escapes = [...body.matchAll(new RegExp(`${UNESCAPED_BACKSLASH}(?:x([89a-fA-F][0-9a-fA-F])|u(${BEYOND_ASCII_HEX4})|U([0-9a-fA-F]{8}))`, 'g'))];
    if (escapes.length === 0) return undefined;
    const lettered = escapes.map((match) => match[1] ?? match[2] ?? match[3]!).find((digits) => /[a-f]/i.test(digits));
    // PyYAML, which writes such files, writes upper-case hex.
    return { x: escapes.some((match) => match[1] !== undefined), upper: lettered === undefined || /[A-F]/.test(lettered) };
  }

  /** Looks up many pointers at once: for JSON, one scan of the text instead of one per pointer. */
  prepare(pointers: Iterable<string>): void {
    if (!this.json) return;
    const wanted = [...pointers].filter((pointer) => !this.jsonNodes.has(pointer));
    if (wanted.length === 0) return;
    const found = describeInJson(this.text, wanted, this.outline);
    for (const pointer of wanted) this.jsonNodes.set(pointer, found.get(pointer));
  }

  private jsonNode(pointer: string): JsonNode | undefined {
    this.prepare([pointer]);
    return this.jsonNodes.get(pointer);
  }

  private doc(): Document {
    return (this.document ??= parseDocument(this.text, { keepSourceTokens: false, uniqueKeys: false }));
  }

  /** The anchors some alias names, found on first need. */
  private aliased: Set<string> | undefined;

  /**
   * Whether the node carries an anchor that an alias names: its text is then also the text
   * of every place the alias stands, so an edit inside it would change those too (a header
   * for a 201 would appear on the 200 that aliases its `headers`).
   */
  private shared(node: unknown): boolean {
    if (!isNode(node) || !node.anchor) return false;
    if (!this.aliased) {
      const names = new Set<string>();
      visit(this.doc(), { Alias: (_, alias) => void names.add(alias.source) });
      this.aliased = names;
    }
    return this.aliased.has(node.anchor);
  }

  /** Each mapping's pairs by key name, made once per mapping (thousands of fixes under `paths` scanned it for each). */
  private readonly members = new WeakMap<YAMLMap, Map<string, Pair[]>>();

  private membersOf(map: YAMLMap): Map<string, Pair[]> {
    let byName = this.members.get(map);
    if (byName) return byName;
    byName = new Map();
    for (const item of map.items) {
      if (!isScalar(item.key)) continue;
      const name = String(item.key.value);
      const pairs = byName.get(name);
      if (pairs) pairs.push(item);
      else byName.set(name, [item]);
    }
    this.members.set(map, byName);
    return byName;
  }

  /**
   * The YAML node at a JSON pointer, with the pair that holds it when it is a map member; and
   * whether any node on the way to it, itself included, is one an alias shares.
   */
  private find(pointer: string): { node: unknown; pair?: Pair; shared: boolean; parentShared: boolean } | undefined {
    let segments = splitPointer(pointer);
    const subtree = this.document ? undefined : this.subtree(segments);
    let node: unknown = subtree ? subtree.holder : this.doc().contents;
    if (subtree) segments = segments.slice(subtree.depth - 1);
    let pair: Pair | undefined;
    let parentShared = false;
    let shared = this.shared(node);
    for (const segment of segments) {
      parentShared = shared;
      if (isMap(node)) {
        const named = this.membersOf(node).get(segment) ?? [];
        // Two keys that read as one name (`'503'` and `503`): which of them the loader keeps is
        // not this lookup's to guess, and an edit of the other would change nothing it reads.
        if (named.length !== 1) return undefined;
        pair = named[0]!;
        node = pair.value;
      } else if (isSeq(node)) {
        pair = undefined;
        node = node.items[Number(segment)];
        if (node === undefined) return undefined;
      } else {
        return undefined;
      }
      shared ||= this.shared(node);
    }
    return { node, pair, shared, parentShared };
  }

  /** Trees of one member's lines each (see `subtree`), by the member's pointer; null where none could be made. */
  private readonly subtrees = new Map<string, Document | null>();

  /**
   * A tree of the lines of the member at `segments` or of the nearest member around it that
   * starts a line, when the fast reader read the text: the map that holds that member alone,
   * and how many segments down it is. A 10 MB spec took 4 s to read whole into a tree, for
   * edits to a hundred responses. Undefined where the whole text is to be read.
   */
  private subtree(segments: readonly string[]): { holder: unknown; depth: number } | undefined {
    if (!this.keyStart) return undefined;
    // The pointer of each member on the way, the outermost first.
    const pointers: string[] = [];
    for (const segment of segments) pointers.push(appendPointer(pointers[pointers.length - 1] ?? '', segment));
    for (let depth = 1; depth <= segments.length; depth++) {
      const tree = this.subtrees.get(pointers[depth - 1]!);
      if (tree) return { holder: tree.contents, depth };
    }
    for (let depth = segments.length; depth >= 1; depth--) {
      const pointer = pointers[depth - 1]!;
      if (this.subtrees.has(pointer)) continue;
      const tree = this.memberTree(pointer, segments[depth - 1]!);
      this.subtrees.set(pointer, tree ?? null);
      if (tree) return { holder: tree.contents, depth };
    }
    return undefined;
  }

  /**
   * The member at `pointer` read alone, offsets as in the whole text: from its key, which must
   * start its line, to the next line indented no deeper than the key (comment lines aside).
   * Undefined when the key does not start a line, or the lines do not read as that one member.
   */
  private memberTree(pointer: string, key: string): Document | undefined {
    const start = this.keyStart!(pointer);
    if (start === undefined) return undefined;
    const text = this.text;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    for (let at = lineStart; at < start; at++) if (text.charCodeAt(at) !== SPACE) return undefined;
    const column = start - lineStart;
    let end = this.lineEnd(start);
    for (; end < text.length; end = this.lineEnd(end)) {
      let at = end;
      while (text.charCodeAt(at) === SPACE) at++;
      const first = text.charCodeAt(at);
      if (at >= text.length || first === NEWLINE || first === RETURN || first === HASH) continue;
      if (at - end < column) break;
      if (at - end === column) {
        // A sequence written at its key's own indentation (`key:` then `- item`) is the key's value.
        if (first === DASH) return undefined;
        break;
      }
    }
    const tree = parseDocument(text.slice(lineStart, end), { keepSourceTokens: false, uniqueKeys: false });
    const contents = tree.contents;
    if (tree.errors.length > 0 || !isMap(contents) || contents.items.length !== 1) return undefined;
    const only = contents.items[0]!.key;
    if (!isScalar(only) || String(only.value) !== key) return undefined;
    visit(tree, {
      Node: (_, node) => {
        if (node.range) node.range = [node.range[0] + lineStart, node.range[1] + lineStart, node.range[2] + lineStart];
      },
    });
    return tree;
  }

  /** Where the key of the member at `pointer` is written; undefined when an alias shares its map. */
  keySpan(pointer: string): Span | undefined {
    if (this.json) return this.jsonNode(pointer)?.keySpan;
    const found = this.find(pointer);
    // The key is written in the map that holds the member: the member's own anchor is not edited.
    if (!found || found.parentShared) return undefined;
    const range = (found.pair?.key as YamlNode | undefined)?.range;
    return range ? [range[0], range[1]] : undefined;
  }

  /** The mapping at `pointer`, or undefined when there is none (or not one we can read). */
  mapAt(pointer: string): MapView | undefined {
    if (this.json) {
      const node = this.jsonNode(pointer);
      if (node?.kind !== 'object' || !node.members) return undefined;
      const members = node.members.map((member) => ({ key: member.key, keySpan: member.keySpan, valueEnd: member.valueSpan[1] }));
      return { start: node.valueSpan[0], end: node.valueSpan[1], flow: true, members };
    }
    const found = this.find(pointer);
    // An alias of the map or of a node around it would show the edit where it stands too.
    if (!found || found.shared) return undefined;
    const map = found.node;
    if (!isMap(map) || !map.range) return undefined;
    const members: MemberView[] = [];
    for (const item of map.items) {
      const key = item.key as YamlNode | null;
      if (!key?.range) return undefined;
      const valueEnd = textEnd(item.value as YamlNode | null) ?? key.range[1];
      members.push({ key: isScalar(key) ? String(key.value) : undefined, keySpan: [key.range[0], key.range[1]], valueEnd });
    }
    // A block map's range runs on over comment lines after it (see textEnd), as far as the
    // text read goes: its last value's end is where it ends, read whole or alone.
    return { start: map.range[0], end: textEnd(map) ?? map.range[1], flow: Boolean(map.flow), members };
  }

  /**
   * The indentation before `offset` as written (tabs stay tabs), or as many spaces as its
   * column when something else precedes it on its line (a YAML `- `).
   */
  indentAt(offset: number): string {
    const before = this.text.slice(this.text.lastIndexOf('\n', offset - 1) + 1, offset);
    // A key's own tag or anchor (`!!str key:`, `&k key:`) stands before it: the key's column is the line's.
    return /^[ \t]*$/.test(before) ? before : (/^([ \t]*)(?:[!&]\S*[ \t]+)+$/.exec(before)?.[1] ?? ' '.repeat(before.length));
  }

  /**
   * From the start of a line, past the comment lines indented more than `column` (and blank
   * lines between them): where the next line at `column` or less, or the end, starts.
   */
  pastCommentsDeeperThan(offset: number, column: number): number {
    let past = offset;
    for (let line = offset; line < this.text.length; line = this.lineEnd(line)) {
      const text = this.text.slice(line, this.lineEnd(line));
      const comment = /^([ \t]*)#/.exec(text);
      if (comment) {
        if (comment[1]!.length <= column) break;
        past = this.lineEnd(line);
      } else if (text.trim() !== '') break;
    }
    return past;
  }

  /** Offset just past the end of the line holding `offset` (after its newline). */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.text.length : newline + 1;
  }
}

/**
 * Where a YAML node's own text ends. A block collection's range runs on over the comment lines
 * after its last entry, into the indentation of the line after them: the end of that entry
 * is the end of the collection.
 */
function textEnd(node: YamlNode | null): number | undefined {
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const last = node.items[node.items.length - 1] as Pair | YamlNode | undefined;
    if (isNode(last)) return textEnd(last) ?? node.range?.[1];
    if (last !== undefined) return textEnd(last.value as YamlNode | null) ?? (last.key as YamlNode | null)?.range?.[1] ?? node.range?.[1];
  }
  return node?.range?.[1];
}

/**
 * The step the file indents by: tabs as its first indented line has them; spaces, the step
 * from one line to a deeper one it takes most often in its first 64 KB (comment lines aside).
 * Not the first indented line's depth: a fragment of a split spec may keep the indentation
 * its text had in a components section, its top level itself two spaces in.
 */
function detectIndentUnit(text: string): string {
  const head = text.slice(0, 65_536);
  const first = /\n( +|\t+)\S/.exec(head)?.[1];
  if (first === undefined) return '  ';
  if (first.includes('\t')) return first.length <= 8 ? first : '  ';
  const steps = new Map<number, number>();
  let previous = -1;
  for (const match of head.matchAll(/^( *)([^ \r\n])/gm)) {
    if (match[2] === '#') continue;
    const indent = match[1]!.length;
    if (previous >= 0 && indent > previous && indent - previous <= 8) steps.set(indent - previous, (steps.get(indent - previous) ?? 0) + 1);
    previous = indent;
  }
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  }
  return best > 0 ? ' '.repeat(best) : '  ';
}

type Entries = Array<[string, unknown]>;

/** The pointers `editFor` will look up for these intents, so that a file can find them in one scan. */
export function pointersFor(intents: readonly FixIntent[]): string[] {
  const first = intents[0];
  if (!first) return [];
  if (first.kind === 'rename-key') return [first.entry.pointer];
  return [first.response.pointer, appendPointer(first.response.pointer, 'headers')];
}

/**
 * The text edit that carries out the intents aimed at one node (several headers for one
 * response become one edit), or undefined when the layout is not one we can edit safely.
 */
export function editFor(file: EditableFile, intents: readonly FixIntent[]): TextEdit | undefined {
  const first = intents[0];
  if (!first) return undefined;
  if (first.kind === 'rename-key') return renameKey(file, first.entry.pointer, first.to);
  // A `$ref` may name what is no response (`$ref: '#/info'`, `'#'`, a schema): `headers` written
  // there would make the document invalid. Left for a person.
  if (!atResponsePlace(first.response)) return undefined;
  const headers: Entries = [];
  for (const intent of intents) {
    if (intent.kind !== 'add-header' || headers.some(([name]) => name.toLowerCase() === intent.name.toLowerCase())) continue;
    headers.push([intent.name, intent.sharedRef ? { $ref: intent.sharedRef } : intent.header]);
  }
  return addMembers(file, first.response.pointer, 'headers', headers);
}

/**
 * Whether the node is where its file can hold a Response Object. In an OpenAPI (or Swagger)
 * document, that is `components/responses/<name>` (3.x), `responses/<name>` (2.0) or an
 * operation's `responses/<status>` (under paths, webhooks, callbacks or components); a `$ref`
 * that names anything else (`#/info`, `#` itself, a schema) makes the rules read that node as
 * the response, and a `headers` written into it would corrupt it. A file that is no such
 * document (a fragment of shared responses) is laid out as its author chose: any node of it.
 * A look at the pointer's last segments, no walk.
 */
function atResponsePlace(response: Located): boolean {
  const root = response.file.value;
  if (root === null || typeof root !== 'object') return true;
  const swagger = 'swagger' in root;
  if (!swagger && !('openapi' in root)) return true;
  const segments = splitPointer(response.pointer);
  const count = segments.length;
  if (count === 2 && swagger) return segments[0] === 'responses';
  if (count === 3 && !swagger && segments[0] === 'components' && segments[1] === 'responses') return true;
  // An OpenAPI 3.2 `additionalOperations` map names its operations by any method name.
  return count >= 4 && segments[count - 2] === 'responses' && (FIXED_METHODS.has(segments[count - 3]!) || segments[count - 4] === 'additionalOperations');
}

function renameKey(file: EditableFile, pointer: string, to: string): TextEdit | undefined {
  const span = file.keySpan(pointer);
  if (!span) return undefined;
  const [start, end] = span;
  const original = file.text.slice(start, end);
  const quote = original[0] === '"' || original[0] === "'" ? original[0] : file.json ? '"' : '';
  return { start, end, text: `${quote}${to}${quote}` };
}

/**
 * Adds the entries inside the map `container` of the object at `pointer`, creating the
 * container when it is missing. The new text copies the surrounding style: block or flow,
 * indentation, JSON or YAML, line endings. A container that is there but not a map
 * (`headers:` with no value), or a `$ref`, is left for a person: neither is valid OpenAPI as
 * it stands.
 */
function addMembers(file: EditableFile, pointer: string, container: string, entries: Entries): TextEdit | undefined {
  const owner = file.mapAt(pointer);
  if (!owner) return undefined;
  // The last of duplicated keys is the one a JSON parser keeps.
  const existing = owner.members.findLast((member) => member.key === container);
  if (existing) {
    const map = file.mapAt(appendPointer(pointer, container));
    // A map that is a `$ref` is read as the map it names: a member written beside it is ignored.
    if (!map || map.members.some((member) => member.key === '$ref')) return undefined;
    return appendToMap(file, map, entries);
  }
  // A `<<` merge key may bring in the container: a `headers:` written beside it would replace
  // the merged headers, not add to them. Left for a person, as an alias is.
  if (!file.json && owner.members.some((member) => file.text.slice(member.keySpan[0], member.keySpan[1]) === '<<')) return undefined;
  return appendToMap(file, owner, [[container, Object.fromEntries(entries)]]);
}

function appendToMap(file: EditableFile, map: MapView, entries: Entries): TextEdit | undefined {
  const last = map.members[map.members.length - 1];
  if (map.flow || file.json) return appendToFlowMap(file, map, last, entries);
  if (!last) return undefined;
  const indent = file.indentAt(last.keySpan[0]);
  // After the whole line, so that a trailing comment stays with the line it belongs to, and
  // after the comment lines indented under the last member, which are about its value.
  const at = file.pastCommentsDeeperThan(file.lineEnd(Math.max(last.valueEnd - 1, last.keySpan[1])), indent.length);
  const style = file.yamlStyle();
  const lines = entries.flatMap(([key, value]) => yamlBlock(key, value, indent, file.indentUnit, style));
  // At the end of a file without a final newline, the new lines end it the same way.
  if (at === file.text.length && !file.text.endsWith('\n')) return { start: at, end: at, text: file.newline + lines.join(file.newline) };
  return { start: at, end: at, text: lines.join(file.newline) + file.newline };
}

function appendToFlowMap(file: EditableFile, map: MapView, last: MemberView | undefined, entries: Entries): TextEdit | undefined {
  // The map's own `}`: the character before its end, not one of an enclosing map after it.
  const close = file.text.lastIndexOf('}', map.end - 1);
  if (close < map.start) return undefined;
  const comma = file.compact ? ',' : ', ';
  // A YAML map with members shows whether it has spaces inside its braces; an empty one, the file.
  const style = file.json ? undefined : { ...file.yamlStyle(), ...(last ? { padded: /\s/.test(file.text[map.start + 1] ?? '') } : {}) };
  const inline = entries.map(([key, value]) => (style ? `${yamlKey(key, style)}: ${yamlFlow(value, style)}` : jsonMember(file, key, value))).join(comma);
  const multiline = file.text.slice(map.start, close).includes('\n');
  if (!last && !multiline) return { start: map.start + 1, end: close, text: style?.padded ? ` ${inline} ` : inline };
  if (last && !multiline) return { start: last.valueEnd, end: last.valueEnd, text: `${comma}${inline}` };
  // An empty map written open over lines (`{`, then `}` on a line of its own) keeps its closing
  // line: the members go after the `{`, one indentation deeper than the `}`.
  const indent = last ? file.indentAt(last.keySpan[0]) : file.indentAt(close) + file.indentUnit;
  const members = entries.map(([key, value]) =>
    file.json
      ? `${file.stringify(key)}: ${file.stringify(value, file.indentUnit).split('\n').join(file.newline + indent)}`
      : `${yamlKey(key, style!)}: ${yamlFlow(value, style!)}`,
  );
  if (!last) return { start: map.start + 1, end: map.start + 1, text: members.map((member) => `${file.newline}${indent}${member}`).join(',') };
  // A YAML comment after the last member (or after its trailing comma) belongs to that member:
  // the new members go on the lines after it, where a comma written after the comment would be.
  const after = /^[ \t]*(,?)[ \t]*#[^\r\n]*\r?\n/.exec(file.text.slice(last.valueEnd, close));
  if (!file.json && after) {
    const lines = members.map((member) => `${indent}${member}`).join(`,${file.newline}`) + (after[1] ? ',' : '') + file.newline;
    return { start: last.valueEnd, end: last.valueEnd + after[0].length, text: `${after[1] ? '' : ','}${after[0]}${lines}` };
  }
  return { start: last.valueEnd, end: last.valueEnd, text: members.map((member) => `,${file.newline}${indent}${member}`).join('') };
}

function jsonMember(file: EditableFile, key: string, value: unknown): string {
  return file.compact ? `${file.stringify(key)}:${file.stringify(value)}` : `${file.stringify(key)}: ${jsonInline(file, value)}`;
}

/** One-line JSON with a space after ':' and ',', as people write it by hand. */
function jsonInline(file: EditableFile, value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return `{${Object.entries(value).map(([key, item]) => `${file.stringify(key)}: ${jsonInline(file, item)}`).join(', ')}}`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => jsonInline(file, item)).join(', ')}]`;
  return file.stringify(value);
}

/** How a file writes YAML (EditableFile.yamlStyle). */
interface YamlStyle {
  quote: '"' | "'";
  padded: boolean;
  /** Set for a file kept in ASCII: a character beyond it is written as an escape, `\x` and upper-case hex as set. */
  ascii?: { x: boolean; upper: boolean };
}

const PLAIN_KEY = /^[A-Za-z_$][\w$.-]*$/;

function yamlKey(key: string, style: YamlStyle): string {
  return PLAIN_KEY.test(key) ? key : quoted(key, style);
}

function yamlScalar(value: unknown, style: YamlStyle): string {
  if (typeof value === 'string') {
    if (style.ascii && NON_ASCII.test(value)) return escapedQuoted(value, style.ascii);
    // Not a word YAML reads as another type: a boolean, null, or a number (`0x1F` and `0o17` are too).
    return /^[\w][\w .,()/§-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|-?\d[\d.e+-]*|0x[\da-f]+|0o[0-7]+)$/i.test(value) && !/[:#]\s|\s$/.test(value)
      ? value
      : quoted(value, style);
  }
  return JSON.stringify(value);
}

/**
 * A string in the quotes the file mostly uses. Double quotes take JSON's escapes, which YAML
 * reads alike; a string that holds a double quote keeps single ones (`'Bearer realm="api"'`).
 */
function quoted(value: string, style: YamlStyle): string {
  if (style.ascii && NON_ASCII.test(value)) return escapedQuoted(value, style.ascii);
  return style.quote === '"' && !value.includes('"') ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
}

const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Where a backslash starts an escape: one that no other backslash escapes (`\\u00e9` is an
 * escaped backslash, then `u00e9`). A regular-expression source, followed by the escape's letter.
 */
const UNESCAPED_BACKSLASH = String.raw`(?<!\\)(?:\\\\)*\\`;
/** Four hex digits of a character beyond ASCII (U+0080 and up), as a regular-expression source. */
const BEYOND_ASCII_HEX4 = '00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3}';

/** A double-quoted scalar with each character beyond ASCII as an escape, as a file kept in ASCII writes it. */
function escapedQuoted(value: string, ascii: NonNullable<YamlStyle['ascii']>): string {
  return JSON.stringify(value).replace(/[^\x00-\x7f]/gu, (char) => {
    const code = char.codePointAt(0)!;
    const [prefix, width] = code <= 0xff && ascii.x ? ['x', 2] : code <= 0xffff ? ['u', 4] : ['U', 8];
    const digits = code.toString(16).padStart(width, '0');
    return `\\${prefix}${ascii.upper ? digits.toUpperCase() : digits}`;
  });
}

function yamlFlow(value: unknown, style: YamlStyle): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const members = Object.entries(value).map(([key, item]) => `${yamlKey(key, style)}: ${yamlFlow(item, style)}`);
    return style.padded ? `{ ${members.join(', ')} }` : `{${members.join(', ')}}`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => yamlFlow(item, style)).join(', ')}]`;
  // In a flow collection a comma ends the scalar: `example: GET, POST` would add a key `POST`.
  return typeof value === 'string' && value.includes(',') ? quoted(value, style) : yamlScalar(value, style);
}

function yamlBlock(key: string, value: unknown, indent: string, unit: string, style: YamlStyle): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${indent}${yamlKey(key, style)}: {}`];
    return [`${indent}${yamlKey(key, style)}:`, ...entries.flatMap(([name, item]) => yamlBlock(name, item, indent + unit, unit, style))];
  }
  if (Array.isArray(value)) return [`${indent}${yamlKey(key, style)}: ${yamlFlow(value, style)}`];
  return [`${indent}${yamlKey(key, style)}: ${yamlScalar(value, style)}`];
}
