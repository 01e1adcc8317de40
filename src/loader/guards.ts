import { isUtf8 } from 'node:buffer';
import { describeValue, LoadError } from '../errors.js';
import { refuseDuplicateKeys } from './json-duplicates.js';
import { JsonOutline } from './json-outline.js';
import { ALIAS_EXPANSION_FLOOR, MAX_ALIAS_EXPANSION, parseSource, type ParseOptions, type SourceFile } from './parse.js';
import { getAtPointer } from './pointer.js';
import { MAX_NESTING, scanValue } from './value-scan.js';

export { MAX_NESTING };


/**
 * Decodes a file's bytes as UTF-8, refusing what is not text: a NUL byte (binary files,
 * UTF-16 and UTF-32), a UTF-16/32 byte-order mark, or bytes that are not UTF-8 — instead of
 * silently turning them into U+FFFD and linting something the file does not say. A UTF-8
 * byte-order mark is kept (the parser drops it).
 */
export function decodeSource(path: string, bytes: Buffer): string {
  // By its byte-order mark or, without one, by the NULs that pad its first (ASCII) character.
  if (wideEncodingOf(bytes) !== undefined) throw new LoadError(path, 'the file is UTF-16 (or UTF-32) text; save it as UTF-8');
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new LoadError(path, 'binary content (a NUL byte), not a YAML or JSON text file', bytePosition(bytes, nul));
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    const byte = bytes[bad]!.toString(16).padStart(2, '0');
    throw new LoadError(path, `not valid UTF-8 (byte 0x${byte}); save the file as UTF-8`, bytePosition(bytes, bad));
  }
  return bytes.toString('utf8');
}

/** A Unicode encoding wider than UTF-8, which statuslint refuses to lint but still recognises. */
export type WideEncoding = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/**
 * The UTF-16 or UTF-32 encoding of a text, from its byte-order mark or, without one, from the
 * NULs that pad its first character, which in YAML and JSON is ASCII (the pattern RFC 4627 §3
 * used to tell JSON encodings apart); undefined for anything else.
 */
export function wideEncodingOf(bytes: Buffer): WideEncoding | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return b2 === 0 && b3 === 0 ? 'utf-32le' : 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'utf-32be';
  if (bytes.length < 4 || b0 === undefined || b1 === undefined || b2 === undefined || b3 === undefined) return undefined;
  const ascii = (byte: number): boolean => byte > 0 && byte < 0x80;
  if (ascii(b0) && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 === 0 && b2 === 0 && ascii(b3)) return 'utf-32be';
  if (ascii(b0) && b1 === 0 && b3 === 0) return 'utf-16le';
  if (b0 === 0 && ascii(b1) && b2 === 0) return 'utf-16be';
  return undefined;
}

/** The text of bytes in a wide encoding (a byte-order mark dropped; a dangling odd byte ignored). */
export function decodeWide(bytes: Buffer, encoding: WideEncoding): string {
  let text: string;
  if (encoding === 'utf-16le') text = bytes.toString('utf16le');
  else if (encoding === 'utf-16be') text = Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16().toString('utf16le');
  else {
    const units: string[] = [];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let at = 0; at + 4 <= bytes.length; at += 4) {
      const code = view.getUint32(at, encoding === 'utf-32le');
      units.push(code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd');
    }
    text = units.join('');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line and column (UTF-16 units, as elsewhere) of a byte offset in text that is valid before it. */
function bytePosition(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < offset; at = bytes.indexOf(0x0a, at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: bytes.subarray(lineStart, offset).toString('utf8').length + 1 };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    let length: number;
    let min: number;
    if (lead < 0x80) {
      at++;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return at;
    }
    let code = lead & (0xff >> (length + 1));
    for (let index = 1; index < length; index++) {
      const next = bytes[at + index];
      if (next === undefined || (next & 0xc0) !== 0x80) return at;
      code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return at;
    at += length;
  }
  return bytes.length;
}

/**
 * Parses a file, turning a parser's stack overflow on absurdly deep nesting into a clear
 * LoadError (the `yaml` package reports it as its own error; a RangeError from any parser is
 * caught here too), then refuses JSON with a duplicated key (YAML's parser already does) and
 * YAML whose aliases multiply the document.
 */
export function parseGuarded(path: string, text: string, options: ParseOptions = {}): SourceFile {
  let file: SourceFile;
  try {
    file = parseSource(path, text, options);
  } catch (error) {
    if (error instanceof LoadError && /Maximum call stack size exceeded/.test(error.detail)) {
      throw new LoadError(path, `nesting too deep to parse (statuslint reads up to ${MAX_NESTING} levels)`, error.position);
    }
    if (error instanceof LoadError && /Source contains multiple documents/.test(error.detail)) {
      throw new LoadError(path, "invalid YAML: a second document starts here ('---'); an OpenAPI spec is one document", error.position);
    }
    if (error instanceof RangeError) {
      throw new LoadError(path, `nesting too deep to parse (statuslint reads up to ${MAX_NESTING} levels)`);
    }
    throw error;
  }
  if (file.format === 'json') {
    // One walk serves the duplicate-name check now and the reference check later.
    file.scan = scanValue(file.value, false);
    // The count also outlines the text, for locating findings later (see JsonOutline).
    const outline = new JsonOutline(file.scan.containers);
    refuseDuplicateKeys(path, file.text, file.scan.keys, outline);
    if (outline.complete) file.outline = outline;
  } else {
    if (file.sharesNodes) checkAliasExpansion(file);
    // The walk the reference check would make later anyway (it keeps this one), made now to
    // refuse a `$ref` that is not a string as soon as the file is read.
    file.scan = scanValue(file.value, file.sharesNodes);
  }
  refuseBadRef(file);
  return file;
}

/**
 * `$ref: 5`: a Reference Object's `$ref` is a URI string (OAS 3.1.0 §4.8.23, JSON Schema
 * 2020-12 §8.2.3.1). Ignoring it would lint the object as if it had no reference, a spec
 * other tools refuse or read differently.
 */
function refuseBadRef(file: SourceFile): void {
  const at = file.scan?.badRef;
  if (at === undefined) return;
  const value = getAtPointer(file.value, at).value;
  throw new LoadError(file.path, `$ref must be a string, a URI such as '#/components/schemas/Pet', not ${describeValue(value)}`, file.locate([at]).get(at));
}

/**
 * Refuses a document whose aliases expand to far more nodes than it writes out (a "billion
 * laughs" variant that stays under the parser's alias count: a large anchored mapping
 * aliased thousands of times). Counts each shared value once per use, memoised, so the
 * check is linear in the distinct values.
 */
function checkAliasExpansion(file: SourceFile): void {
  const sizes = new Map<object, number>();
  let distinct = 0;
  const sizeOf = (root: object): number => {
    // Iterative post-order walk: nesting was not bounded yet.
    const stack: Array<{ value: object; children: unknown[]; index: number; size: number }> = [];
    const enter = (value: object): void => {
      distinct++;
      sizes.set(value, -1); // in progress: a cycle (possible with YAML aliases) counts once
      stack.push({ value, children: Object.values(value), index: 0, size: 1 });
    };
    enter(root);
    let result = 0;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.index < frame.children.length) {
        const child = frame.children[frame.index++];
        if (child === null || typeof child !== 'object') {
          distinct++;
          frame.size++;
          continue;
        }
        const known = sizes.get(child);
        if (known !== undefined) frame.size += Math.max(known, 1);
        else enter(child);
        continue;
      }
      stack.pop();
      sizes.set(frame.value, frame.size);
      const parent = stack[stack.length - 1];
      if (parent) parent.size += frame.size;
      else result = frame.size;
    }
    return result;
  };
  const value = file.value;
  if (value === null || typeof value !== 'object') return;
  const expanded = sizeOf(value);
  if (expanded > ALIAS_EXPANSION_FLOOR && expanded > distinct * MAX_ALIAS_EXPANSION) {
    throw new LoadError(
      file.path,
      `invalid YAML: aliases expand ${distinct.toLocaleString('en-US')} nodes to ${expanded.toLocaleString('en-US')}, over ${MAX_ALIAS_EXPANSION} times as many; write the repeated parts out or share them with $ref`,
    );
  }
}
