import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { splitPointer } from '../loader/pointer.js';
import type { FixIntent } from './intents.js';

/** Replace [start, end) of a file's text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A file's text with the structure needed to edit it in place (comments and layout kept). */
export class EditableFile {
  private document: Document | undefined;
  readonly json: boolean;
  readonly newline: string;
  readonly indentUnit: string;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.json = /^\s*[{[]/.test(text);
    this.newline = text.includes('\r\n') ? '\r\n' : '\n';
    this.indentUnit = detectIndentUnit(text);
  }

  private doc(): Document {
    // The `yaml` CST keeps every node's offsets; JSON is YAML, so one walker serves both.
    return (this.document ??= parseDocument(this.text, { keepSourceTokens: false, uniqueKeys: false }));
  }

  /** The node at a JSON pointer, with the pair that holds it when it is a map member. */
  find(pointer: string): { node: unknown; pair?: Pair } | undefined {
    let node: unknown = this.doc().contents;
    let pair: Pair | undefined;
    for (const segment of splitPointer(pointer)) {
      if (isMap(node)) {
        pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) return undefined;
        node = pair.value;
      } else if (isSeq(node)) {
        pair = undefined;
        node = node.items[Number(segment)];
        if (node === undefined) return undefined;
      } else {
        return undefined;
      }
    }
    return { node, pair };
  }

  /** Column (0-based) of an offset: its distance from the start of its line. */
  column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** Offset just past the end of the line holding `offset` (after its newline). */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.text.length : newline + 1;
  }
}

function detectIndentUnit(text: string): string {
  const match = /\n( +|\t+)\S/.exec(text);
  if (!match) return '  ';
  const first = match[1]!;
  return first.length > 0 && first.length <= 8 ? first : '  ';
}

type Entries = Array<[string, unknown]>;

/**
 * The text edit that carries out the intents aimed at one node (several headers for one
 * response become one edit), or undefined when the layout is not one we can edit safely.
 */
export function editFor(file: EditableFile, intents: readonly FixIntent[]): TextEdit | undefined {
  const first = intents[0];
  if (!first) return undefined;
  if (first.kind === 'rename-key') return renameKey(file, first.entry.pointer, first.to);
  const headers: Entries = [];
  for (const intent of intents) {
    if (intent.kind !== 'add-header' || headers.some(([name]) => name.toLowerCase() === intent.name.toLowerCase())) continue;
    headers.push([intent.name, intent.sharedRef ? { $ref: intent.sharedRef } : intent.header]);
  }
  return addMembers(file, first.response.pointer, 'headers', headers);
}

function renameKey(file: EditableFile, pointer: string, to: string): TextEdit | undefined {
  const found = file.find(pointer);
  const key = found?.pair?.key as YamlNode | undefined;
  if (!key?.range) return undefined;
  const [start, end] = key.range;
  const original = file.text.slice(start, end);
  const quote = original[0] === '"' || original[0] === "'" ? original[0] : file.json ? '"' : '';
  return { start, end, text: `${quote}${to}${quote}` };
}

/**
 * Adds the entries inside the map `container` of the object at `pointer`, creating the
 * container when it is missing. The new text copies the surrounding style: block or flow,
 * indentation, JSON or YAML, line endings.
 */
function addMembers(file: EditableFile, pointer: string, container: string, entries: Entries): TextEdit | undefined {
  const found = file.find(pointer);
  if (!found || !isMap(found.node)) return undefined;
  const owner = found.node;
  const existing = owner.items.find((item) => isScalar(item.key) && String(item.key.value) === container);
  if (existing) {
    if (!isMap(existing.value)) return undefined;
    return appendToMap(file, existing.value, entries);
  }
  return appendToMap(file, owner, [[container, Object.fromEntries(entries)]]);
}

function appendToMap(file: EditableFile, map: YAMLMap, entries: Entries): TextEdit | undefined {
  if (!map.range) return undefined;
  const last = map.items[map.items.length - 1];
  if (map.flow || file.json) return appendToFlowMap(file, map, last, entries);
  if (!last) return undefined;
  const keyNode = last.key as YamlNode;
  if (!keyNode.range) return undefined;
  const indent = ' '.repeat(file.column(keyNode.range[0]));
  const valueEnd = (last.value as YamlNode | null)?.range?.[1] ?? keyNode.range[1];
  // After the whole line, so that a trailing comment stays with the line it belongs to.
  const at = file.lineEnd(Math.max(valueEnd - 1, keyNode.range[1]));
  const lines = entries.flatMap(([key, value]) => yamlBlock(key, value, indent, file.indentUnit));
  // At the end of a file without a final newline, the new lines end it the same way.
  if (at === file.text.length && !file.text.endsWith('\n')) return { start: at, end: at, text: file.newline + lines.join(file.newline) };
  return { start: at, end: at, text: lines.join(file.newline) + file.newline };
}

function appendToFlowMap(file: EditableFile, map: YAMLMap, last: Pair | undefined, entries: Entries): TextEdit | undefined {
  const [start, valueEnd] = map.range!;
  const close = file.text.lastIndexOf('}', valueEnd);
  if (close < start) return undefined;
  const inline = entries.map(([key, value]) => (file.json ? `${JSON.stringify(key)}: ${jsonInline(value)}` : `${yamlKey(key)}: ${yamlFlow(value)}`)).join(', ');
  if (!last) return { start: start + 1, end: close, text: file.json ? inline : ` ${inline} ` };
  const lastEnd = (last.value as YamlNode | null)?.range?.[1] ?? (last.key as YamlNode).range![1];
  if (!file.text.slice(start, close).includes('\n')) return { start: lastEnd, end: lastEnd, text: `, ${inline}` };
  const indent = ' '.repeat(file.column((last.key as YamlNode).range![0]));
  const members = entries.map(([key, value]) =>
    file.json
      ? `${JSON.stringify(key)}: ${JSON.stringify(value, null, file.indentUnit).split('\n').join(file.newline + indent)}`
      : `${yamlKey(key)}: ${yamlFlow(value)}`,
  );
  return { start: lastEnd, end: lastEnd, text: members.map((member) => `,${file.newline}${indent}${member}`).join('') };
}

/** One-line JSON with a space after ':' and ',', as people write it by hand. */
function jsonInline(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${jsonInline(item)}`).join(', ')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(jsonInline).join(', ')}]`;
  return JSON.stringify(value);
}

const PLAIN_KEY = /^[A-Za-z_$][\w$.-]*$/;

function yamlKey(key: string): string {
  return PLAIN_KEY.test(key) ? key : `'${key.replace(/'/g, "''")}'`;
}

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') {
    return /^[\w][\w .,()/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|-?\d[\d.e+-]*)$/i.test(value) && !/[:#]\s|\s$/.test(value)
      ? value
      : `'${value.replace(/'/g, "''")}'`;
  }
  return JSON.stringify(value);
}

function yamlFlow(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const members = Object.entries(value).map(([key, item]) => `${yamlKey(key)}: ${yamlFlow(item)}`);
    return `{ ${members.join(', ')} }`;
  }
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
  return yamlScalar(value);
}

function yamlBlock(key: string, value: unknown, indent: string, unit: string): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${indent}${yamlKey(key)}: {}`];
    return [`${indent}${yamlKey(key)}:`, ...entries.flatMap(([name, item]) => yamlBlock(name, item, indent + unit, unit))];
  }
  if (Array.isArray(value)) return [`${indent}${yamlKey(key)}: ${yamlFlow(value)}`];
  return [`${indent}${yamlKey(key)}: ${yamlScalar(value)}`];
}
