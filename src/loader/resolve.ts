import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { LoadError } from '../errors.js';
import { parseSource, type ParseOptions, type SourceFile } from './parse.js';
import { appendPointer, getAtPointer } from './pointer.js';

/** A value together with where it was written: the file and its JSON pointer there. */
export interface Located<T = unknown> {
  readonly file: SourceFile;
  readonly pointer: string;
  readonly value: T;
}

/** A `$ref` that is not followed, and why; the node behind it is treated as unknown. */
export interface RefNotice {
  readonly file: SourceFile;
  readonly pointer: string;
  readonly message: string;
}

export interface WorkspaceOptions extends ParseOptions {
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
}

const DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024;

function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('//');
}

/** Keys whose values are literal data, where a `$ref` member is just data. */
function isDataKey(key: string): boolean {
  return key === 'example' || key === 'enum' || key === 'const' || key === 'default' || key.startsWith('x-');
}

/**
 * The files of one lint run and the `$ref`s between them. Files are read and parsed once;
 * references are followed lazily, so circular references cost nothing.
 */
export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  private readonly checked = new Set<SourceFile>();
  readonly notices: RefNotice[] = [];
  private readonly maxFileBytes: number;
  private readonly parseOptions: ParseOptions;

  constructor(options: WorkspaceOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.parseOptions = { yamlDocument: options.yamlDocument };
  }

  /** Reads and parses a file (once); throws LoadError on any failure. */
  load(path: string): SourceFile {
    const absolute = resolvePath(path);
    const cached = this.files.get(absolute);
    if (cached) return cached;
    let text: string;
    try {
      const size = statSync(absolute).size;
      if (size > this.maxFileBytes) {
        throw new LoadError(absolute, `the file is ${size} bytes, over the ${this.maxFileBytes}-byte limit`);
      }
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      if (error instanceof LoadError) throw error;
      throw new LoadError(absolute, describeFsError(error as NodeJS.ErrnoException));
    }
    const file = parseSource(absolute, text, this.parseOptions);
    this.files.set(absolute, file);
    return file;
  }

  root(file: SourceFile): Located {
    return { file, pointer: '', value: file.value };
  }

  /**
   * Follows `$ref` chains from `node` to the value they name. Returns `undefined` for a
   * reference that is not followed (remote) or loops on itself; broken references were
   * already refused by `checkReferences`.
   */
  deref<T = unknown>(node: Located<T>): Located | undefined {
    let current: Located = node;
    const seen = new Set<string>();
    for (;;) {
      const ref = refOf(current.value);
      if (ref === undefined) return current;
      const key = current.file.path + '#' + current.pointer;
      if (seen.has(key)) return undefined;
      seen.add(key);
      const target = this.follow(current, ref);
      if (!target) return undefined;
      current = target;
    }
  }

  private follow(from: Located, ref: string): Located | undefined {
    if (isRemote(ref)) return undefined;
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    const file = filePart === '' ? from.file : this.load(resolvePath(dirname(from.file.path), decodeURI(filePart)));
    const pointer = decodeFragment(fragment);
    const { found, value } = getAtPointer(file.value, pointer);
    if (!found) return undefined;
    return { file, pointer, value };
  }

  /**
   * Resolves every `$ref` reachable from `file`, loading the files they name, so that a
   * broken reference anywhere stops the run with its position, not only where a rule looks.
   */
  checkReferences(file: SourceFile): void {
    const pending = [file];
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (this.checked.has(current)) continue;
      this.checked.add(current);
      // Specs repeat the same few hundred $refs thousands of times: follow each once.
      const followed = new Map<string, SourceFile>();
      for (const { pointer, ref } of collectRefs(current.value)) {
        const known = followed.get(ref);
        if (known) continue;
        const at = appendPointer(pointer(), '$ref');
        if (isRemote(ref)) {
          this.notices.push({ file: current, pointer: at, message: `remote $ref '${ref}' is not fetched; what it names is not linted` });
          continue;
        }
        let target: Located | undefined;
        try {
          target = this.follow({ file: current, pointer: '', value: undefined }, ref);
        } catch (error) {
          if (error instanceof LoadError && error.file !== current.path) {
            // Name the $ref as well as the file it could not load.
            const where = current.locate([at]).get(at);
            throw new LoadError(current.path, `cannot resolve $ref '${ref}': ${error.describe()}`, where);
          }
          throw error;
        }
        if (!target) {
          const where = current.locate([at]).get(at);
          throw new LoadError(current.path, `cannot resolve $ref '${ref}': no such location`, where);
        }
        followed.set(ref, target.file);
        if (target.file !== current) pending.push(target.file);
      }
    }
  }
}

function refOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as Record<string, unknown>).$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment; // a stray '%' is taken literally
  }
}

interface Step {
  parent: Step | undefined;
  key: string | number;
}

function pointerOf(step: Step | undefined): string {
  const keys: Array<string | number> = [];
  for (let at = step; at; at = at.parent) keys.push(at.key);
  return appendPointer('', ...keys.reverse());
}

/**
 * Every `$ref` string in a value, in document order, with the pointer of the object that holds
 * it; pointers are built only when asked for (a 13 MB spec has a million objects, few refs).
 */
function collectRefs(root: unknown): Array<{ pointer: () => string; ref: string }> {
  const refs: Array<{ pointer: () => string; ref: string }> = [];
  const stack: Array<[unknown, Step | undefined]> = [[root, undefined]];
  while (stack.length > 0) {
    const [value, step] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const item = value[index];
        if (item !== null && typeof item === 'object') stack.push([item, { parent: step, key: index }]);
      }
      continue;
    }
    const object = value as Record<string, unknown>;
    const ref = object.$ref;
    if (typeof ref === 'string') refs.push({ pointer: () => pointerOf(step), ref });
    const keys = Object.keys(object);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index]!;
      const child = object[key];
      if (child !== null && typeof child === 'object' && !isDataKey(key)) stack.push([child, { parent: step, key }]);
    }
  }
  return refs;
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot read the file (${error.code ?? error.message})`;
  }
}
