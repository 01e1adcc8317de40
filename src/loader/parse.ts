import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { LoadError } from '../errors.js';
import { locateInJson, type Span } from './json-locate.js';
import { LineIndex, type Region } from './line-index.js';
import { splitPointer } from './pointer.js';

export type SourceFormat = 'json' | 'yaml';

/** Most aliases a YAML file may expand; guards against "billion laughs" documents. */
const MAX_YAML_ALIASES = 10_000;

/**
 * One parsed file: its plain value, plus positions found on demand. Positions are looked up
 * in a batch, only for the nodes that carry findings, so a clean 13 MB spec pays nothing
 * for them.
 */
export class SourceFile {
  private readonly lines: LineIndex;
  private yamlDocument: Document | undefined;

  constructor(
    /** Absolute path, or the URL for remote documents. */
    readonly path: string,
    readonly text: string,
    readonly format: SourceFormat,
    readonly value: unknown,
    yamlDocument?: Document,
  ) {
    this.lines = new LineIndex(text);
    this.yamlDocument = yamlDocument;
  }

  /** Regions for many pointers at once (one scan of the text for JSON). */
  locate(pointers: Iterable<string>): Map<string, Region> {
    const spans = this.format === 'json' ? locateInJson(this.text, pointers) : this.locateInYaml(pointers);
    const regions = new Map<string, Region>();
    for (const [pointer, [start, end]] of spans) regions.set(pointer, this.lines.region(start, end));
    return regions;
  }

  /** The syntax tree a YAML file was read with (so that `--fix` need not parse it again). */
  get yamlTree(): Document | undefined {
    return this.format === 'yaml' ? this.yamlDocument : undefined;
  }

  position(offset: number): { line: number; column: number } {
    return this.lines.position(offset);
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

function yamlSpan(document: Document, pointer: string): Span | undefined {
  let node: unknown = document.contents;
  let span: Span = [0, 0];
  for (const segment of splitPointer(pointer)) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) ? String(item.key.value) === segment : false);
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

function parseYamlDocument(path: string, text: string, lines: LineIndex): Document {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: new LineCounter() });
  const problem = document.errors[0];
  if (problem) {
    const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new LoadError(path, `invalid YAML: ${message}`, lines.position(problem.pos[0]));
  }
  return document;
}

function looksLikeJson(path: string, text: string): boolean {
  if (/\.json$/i.test(path)) return true;
  const first = text.match(/^\s*(\S)/)?.[1];
  return first === '{' || first === '[';
}

/** Parses JSON or YAML text; throws a LoadError naming the file and position. */
export function parseSource(path: string, rawText: string): SourceFile {
  // A UTF-8 BOM is legal at the start of both formats; editors do not count it as a column.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  if (text.trim() === '') throw new LoadError(path, 'the file is empty');
  if (looksLikeJson(path, text)) {
    try {
      return new SourceFile(path, text, 'json', JSON.parse(text));
    } catch (error) {
      // Flow-style YAML also starts with `{`; only a .json file must be strict JSON.
      if (/\.json$/i.test(path)) throw jsonError(path, text, error as Error);
    }
  }
  const lines = new LineIndex(text);
  const document = parseYamlDocument(path, text, lines);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new LoadError(path, `invalid YAML: ${(error as Error).message}`);
  }
  return new SourceFile(path, text, 'yaml', value, document);
}

function jsonError(path: string, text: string, error: Error): LoadError {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(error.message);
  const offset = /at position (\d+)/.exec(error.message);
  const message = error.message.replace(/ in JSON at position \d+.*$/, '').replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '').replace(/ at position \d+$/, '').replace(/ \(line \d+ column \d+\)$/, '');
  let position: { line: number; column: number } | undefined;
  if (lineColumn) position = { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  else if (offset) position = new LineIndex(text).position(Number(offset[1]));
  else if (/Unexpected end of JSON input/.test(error.message)) position = new LineIndex(text).position(text.length);
  return new LoadError(path, `invalid JSON: ${message}`, position);
}
