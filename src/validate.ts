import { displayPath, LoadError, quoted } from './errors.js';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formatBytes } from './size.js';
import { isInside, realPath } from './loader/project-root.js';
import { DEFAULT_MAX_FILE_BYTES, Workspace, type Located } from './loader/resolve.js';
import type { SourceFile } from './loader/parse.js';
import { child } from './loader/normalize.js';
import { decodeSource, parseGuarded } from './loader/guards.js';
import { escapeSegment, splitPointer } from './loader/pointer.js';

interface SchemaProblem {
  instancePath?: string;
  message?: string;
  params?: { additionalProperty?: string };
}

export interface ValidateOptions {
  /** The folder every file read must stay inside; undefined with --allow-external-refs. */
  root?: string;
  overlay?: ReadonlyMap<string, string>;
  maxFileBytes?: number;
  /** What the files named in messages are relative to. */
  cwd?: string;
}

/**
 * Checks a spec against the official OpenAPI/Swagger JSON schemas with
 * @apidevtools/swagger-parser. Loaded only for `--validate`: it costs about 0.8 s on a 13 MB
 * spec, and statuslint's own rules do not need a valid document to give useful findings.
 * Returns a LoadError naming the first problem's position, or undefined when valid.
 */
export async function validateStructure(path: string, options: ValidateOptions = {}): Promise<LoadError | undefined> {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  const cwd = options.cwd ?? process.cwd();
  let refused: string | undefined;
  let unreadable: string | undefined;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let remote: string | undefined;
  // Never reach the network, and accept circular references: both are statuslint's policy.
  // swagger-parser also follows `$ref`s inside examples and extensions, which statuslint's
  // loader leaves alone: hold its file reads to the same project root.
  const file = {
    read: async (reference: { url: string }): Promise<Buffer> => {
      const target = reference.url.startsWith('file:') ? fileURLToPath(reference.url) : decodeSafely(reference.url);
      if (options.root !== undefined && !isInside(realPath(target), realPath(options.root))) {
        refused ??= target;
        throw new Error('outside the project root');
      }
      const given = options.overlay?.get(target);
      if (given !== undefined) return Buffer.from(given);
      try {
        // As the loader reads: a FIFO may wait for a writer forever, a device never ends, and
        // no file past --max-file-size is read.
        const stats = await stat(target);
        if (!stats.isFile()) unreadable ??= `${displayPath(target, cwd)}, which is not a regular file`;
        else if (stats.size > maxFileBytes) unreadable ??= `${displayPath(target, cwd)}, which is over the ${formatBytes(maxFileBytes)} limit (raise it with --max-file-size)`;
        if (unreadable !== undefined) throw new Error('not read');
        return await readFile(target);
      } catch (error) {
        // swagger-parser would name the file by its absolute path, in a message of its own.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== undefined) unreadable ??= `${displayPath(target, cwd)}, which ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`;
        throw error;
      }
    },
  };
  // A remote $ref is not fetched, so the document cannot be checked whole: say that, rather
  // than pass the resolver's failure off as a schema problem.
  // json-schema-ref-parser's own http resolver declines loopback and private addresses, and no
  // resolver takes other schemes (ftp:, urn:); either way its message reads as an invalid spec.
  // This one claims every URI the loader calls remote, and fetches none of them.
  const http = {
    canRead: (reference: { url: string }): boolean => /^[a-z][a-z0-9+.-]+:/i.test(reference.url) && !/^file:/i.test(reference.url),
    read: async (reference: { url: string }): Promise<never> => {
      remote ??= reference.url;
      throw new Error('remote $ref not fetched');
    },
  };
  // Every file is parsed as the rules read it: swagger-parser's own YAML parser knows no `<<`
  // merge keys and reads YAML by the JSON schema, so it would check another document (a
  // response whose description comes from a merge key would lack one). An empty value (a
  // schema `{}`, which allows any value) is a value: without allowEmpty it would be a parse error.
  const asLinted = {
    order: 1,
    canParse: true,
    allowEmpty: true,
    parse: (parsed: { url: string; data: unknown }): unknown => {
      const target = parsed.url.startsWith('file:') ? fileURLToPath(parsed.url) : decodeSafely(parsed.url);
      try {
        const text = Buffer.isBuffer(parsed.data) ? decodeSource(target, parsed.data) : String(parsed.data);
        return parseGuarded(target, text).value;
      } catch (error) {
        // As swagger-parser words its own, the file named first, for referenceProblem.
        throw new Error(error instanceof LoadError ? error.describe(cwd) : String(error));
      }
    },
  };
  const parserOptions = { resolve: { http, file }, parse: { json: false, yaml: false, statuslint: asLinted }, dereference: { circular: 'ignore' } } as never;
  let located: LocatedSpec | undefined;
  // A linked spec (`latest.yaml -> v2/openapi.yaml`) by the file it links to: its `$ref`s name
  // files from that file's folder, as the loader reads them. Not one the run was given the text
  // of, which is read by the name it was given.
  const checked = options.overlay?.has(path) ? path : realPath(path);
  try {
    try {
      await SwaggerParser.validate(checked, parserOptions);
    } catch (error) {
      // OpenAPI 3.1 allows a document of components alone (a library that other specs
      // reference), but swagger-parser refuses a 3.1 document without paths or webhooks before
      // its schema is checked. An empty webhooks map changes nothing the schema checks.
      located = locatedSpec(path, options, cwd);
      const value = located?.root.value as Record<string, unknown> | undefined;
      if (!isThirtyOneComponentsOnly(value)) throw error;
      await SwaggerParser.validate(checked, { ...structuredClone(value), webhooks: {} } as never, parserOptions);
    }
    return undefined;
  } catch (error) {
    if (remote !== undefined) {
      return new LoadError(path, `cannot validate: remote $ref ${quoted(remote)} is not fetched, so the spec cannot be checked whole; validate a bundled copy instead`);
    }
    if (unreadable !== undefined) {
      return new LoadError(path, `cannot validate: a $ref names ${unreadable}`);
    }
    if (refused !== undefined) {
      return new LoadError(path, `cannot validate: a $ref (in an example or extension) names ${displayPath(refused, cwd)}, outside the project root; pass --allow-external-refs to follow it`);
    }
    // Read again only now that validation has failed, to place the problem.
    located ??= locatedSpec(path, options, cwd);
    return schemaProblem(error, path, located, cwd);
  }
}

/** The error swagger-parser gave, as one line placed where the problem is. */
function schemaProblem(error: unknown, path: string, spec: LocatedSpec | undefined, cwd: string): LoadError {
  const details = ((error as { details?: SchemaProblem[] }).details ?? []).filter((detail) => detail.message);
  const first = details[0] && (notBodyParameterProblem(details, spec) ?? details[0]);
  if (first) {
    const pointer = first.instancePath ?? '';
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
    const place = spec?.place(pointer);
    // A problem in a file a $ref reaches is placed there too, as a broken $ref's file is.
    const inner = place?.inner ? `${place.inner}: ` : '';
    return new LoadError(path, `not a valid OpenAPI document: ${inner}${pointer || '/'} ${first.message}${more}`, place?.position);
  }
  const message = String((error as Error).message ?? error).split('\n')[0]!;
  const value = spec?.root.value as Record<string, unknown> | undefined;
  const reference = referenceProblem(error as ReferenceErrorFields, path, cwd);
  if (reference !== undefined) return new LoadError(path, `cannot validate: ${reference}`);
  // swagger-parser checks the version, and that there are paths, before the schema, in words
  // of its own that name the file by its absolute path.
  const version = /^Unsupported OpenAPI version: ([^ ]+?)\.? /.exec(message)?.[1];
  if (version !== undefined) {
    const which = version.startsWith('3.2.') ? '3.2 yet' : version;
    return new LoadError(path, `cannot validate: --validate checks with swagger-parser, which has no schema for OpenAPI ${which}; the rules did lint the spec`, spec?.place('/openapi').position);
  }
  if (/is not a valid Openapi API definition$/.test(message)) {
    const needs = /^3\.1\./.test(String(value?.openapi)) ? "must have one of 'paths', 'components' or 'webhooks'" : "must have required property 'paths'";
    return new LoadError(path, `not a valid OpenAPI document: / ${needs}`, spec?.place('').position);
  }
  const semantic = /^Validation failed\. (.*)$/.exec(message)?.[1];
  if (semantic !== undefined) {
    const found = swaggerTwoPlace(semantic, value);
    return new LoadError(path, `not a valid OpenAPI document: ${found?.message ?? semantic}`, found === undefined ? undefined : spec?.place(found.pointer).position);
  }
  const at = /^API version number/.test(message) ? '/info/version' : /^(Swagger|Openapi) version number|^Unrecognized Swagger version/.test(message) ? (value?.swagger !== undefined ? '/swagger' : '/openapi') : undefined;
  return new LoadError(path, `not a valid OpenAPI document: ${message}`, at === undefined ? undefined : spec?.place(at).position);
}

/** Fields a Swagger 2.0 parameter that is not `in: body` may have, which the body branch calls additional. */
const NON_BODY_FIELDS: ReadonlySet<string> = new Set([
  'name', 'in', 'description', 'required', 'type', 'format', 'items', 'collectionFormat', 'default', 'maximum',
  'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems',
  'minItems', 'uniqueItems', 'enum', 'multipleOf', 'allowEmptyValue',
]);

/**
 * The problem to name for a Swagger 2.0 parameter that is not `in: body`. Its schema is one of
 * a body parameter, a header, a query, … parameter or a `$ref`, and swagger-parser lists the body
 * branch's problems first: "must have required property 'schema'", advice that is wrong for a
 * query parameter. The first problem at or under the parameter that no other branch made (an
 * `in` that is not the branch's, a field that the body or `$ref` branch calls additional, the
 * `oneOf` itself) names what is wrong (`…/type must be string`, `… must have required property
 * 'required'`). Undefined when the first problem is not that one, or no other is left.
 */
function notBodyParameterProblem(details: readonly SchemaProblem[], spec: LocatedSpec | undefined): SchemaProblem | undefined {
  const first = details[0]!;
  const at = first.instancePath ?? '';
  const root = spec?.root.value as Record<string, unknown> | undefined;
  // OpenAPI 3 parameters all take a schema (or content): only 2.0 has a body branch to mislead.
  if (first.message !== "must have required property 'schema'" || !/\/parameters\/\d+$/.test(at) || root?.swagger !== '2.0') return undefined;
  let value: unknown = root;
  for (const segment of splitPointer(at)) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  const where = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).in : undefined;
  if (typeof where !== 'string' || where === 'body') return undefined;
  return details.find((detail) => {
    const path = detail.instancePath ?? '';
    if (path !== at && !path.startsWith(`${at}/`)) return false;
    if (path === `${at}/in` && detail.message === 'must be equal to one of the allowed values') return false;
    if (path !== at) return true;
    if (detail.message === 'must NOT have additional properties') {
      const name = detail.params?.additionalProperty ?? '';
      return !NON_BODY_FIELDS.has(name) && !name.startsWith('x-');
    }
    return !/^must have required property '(schema|\$ref)'$|^must match exactly one schema in oneOf$/.test(detail.message!);
  });
}

/**
 * swagger-parser's checks of what the Swagger 2.0 schema cannot say (a path parameter missing,
 * two body parameters, a response code out of range) name the node as `/paths` + the path as
 * written + `/get`, not as a JSON pointer: `/paths/pets/{id}/get`. Finds the path key that
 * names, to place the problem and to write it as every other message does
 * (`/paths/~1pets~1{id}/get`). Undefined when the message names no node found in the spec.
 */
function swaggerTwoPlace(message: string, root: Record<string, unknown> | undefined): { message: string; pointer: string } | undefined {
  const named = /(^|[\s'])(\/(?:paths|definitions)\/[^\s']*)/.exec(message);
  if (!named || root === undefined) return undefined;
  const written = named[2]!;
  let prefix: string | undefined;
  let pointer: string | undefined;
  if (written.startsWith('/definitions/')) {
    const name = written.slice('/definitions/'.length);
    const definitions = root.definitions;
    if (definitions === null || typeof definitions !== 'object' || !Object.hasOwn(definitions, name)) return undefined;
    prefix = written;
    pointer = `/definitions/${escapeSegment(name)}`;
  } else {
    const paths = root.paths;
    if (paths === null || typeof paths !== 'object') return undefined;
    // The longest key the text names whole: `/a/b` rather than `/a`, not `/a/b` for `/a/bc`.
    for (const key of Object.keys(paths)) {
      const candidate = `/paths${key}`;
      if (written.startsWith(candidate) && (written.length === candidate.length || written[candidate.length] === '/') && (prefix === undefined || candidate.length > prefix.length)) prefix = candidate;
    }
    if (prefix === undefined) return undefined;
    pointer = `/paths/${escapeSegment(prefix.slice('/paths'.length))}`;
  }
  const rest = written.slice(prefix.length);
  const start = named.index + named[1]!.length;
  return { message: `${message.slice(0, start)}${pointer}${rest}${message.slice(start + written.length)}`, pointer: `${pointer}${rest}` };
}

/** The fields of json-schema-ref-parser's errors, for a `$ref` it could not follow. */
interface ReferenceErrorFields {
  code?: string;
  source?: string;
  message?: string;
}

/**
 * A `$ref` swagger-parser could not follow, said in statuslint's words; undefined for another
 * error. The loader checked every `$ref` the rules follow, so this is one they leave alone:
 * in an example or an extension, which are data, not references.
 */
function referenceProblem(error: ReferenceErrorFields, path: string, cwd: string): string | undefined {
  const source = typeof error.source === 'string' && error.source !== '' ? decodeSafely(error.source) : undefined;
  const elsewhere = source !== undefined && source !== path ? ` in ${displayPath(source, cwd)}` : '';
  const message = String(error.message ?? '');
  if (error.code === 'EMISSINGPOINTER') {
    const pointer = /^Missing \$ref pointer "(.*)"\. Token/.exec(message)?.[1] ?? '';
    return `a $ref (in an example or extension) names ${quoted(pointer)}${elsewhere}, which does not exist`;
  }
  if (error.code === 'EPARSER' && source !== undefined) {
    const reason = message.split('\n')[0]!.replace(/^Error parsing [^:]*: /, '');
    return source === path ? `the spec does not parse: ${reason}` : `a $ref (in an example or extension) names a file that does not parse: ${reason}`;
  }
  if (error.code === 'EUNMATCHEDRESOLVER' || error.code === 'EUNMATCHEDPARSER') {
    return `a $ref (in an example or extension) cannot be followed: ${message.split('\n')[0]}`;
  }
  return undefined;
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function isThirtyOneComponentsOnly(value: Record<string, unknown> | undefined): value is Record<string, unknown> {
  return value !== undefined && /^3\.1\./.test(String(value.openapi)) && value.paths === undefined && value.webhooks === undefined && value.components !== undefined;
}

interface Place {
  /** In the spec's own file: where the problem is, or the `$ref` that leads to it. */
  position?: { line: number; column: number };
  /** `file:line:col` of the problem when it lies in a file a `$ref` reaches. */
  inner?: string;
}

interface LocatedSpec {
  root: Located;
  place(pointer: string): Place;
}

/**
 * The spec read as the loader reads it (with the text the run was given), to place a
 * problem; undefined if it cannot be read.
 */
function locatedSpec(path: string, options: ValidateOptions, cwd: string): LocatedSpec | undefined {
  const workspace = new Workspace({
    maxFileBytes: options.maxFileBytes,
    overlay: options.overlay,
    allowExternalRefs: options.root === undefined,
    rootFor: options.root === undefined ? undefined : () => options.root!,
  });
  let file: SourceFile;
  try {
    file = workspace.load(path, true);
  } catch {
    return undefined;
  }
  const root = workspace.root(file);
  return { root, place: (pointer) => placeOf(workspace, root, pointer, cwd) };
}

/**
 * Where the node at `pointer` of the document swagger-parser checked (its `$ref`s replaced by
 * what they name) is written: the pointer is followed from the spec's root through every `$ref`
 * on the way, as far as its nodes exist.
 */
function placeOf(workspace: Workspace, root: Located, pointer: string, cwd: string): Place {
  let lastInRoot: Located = root;
  let last: Located = root;
  try {
    let node: Located | undefined = root;
    for (const segment of splitPointer(pointer)) {
      const target: Located | undefined = workspace.deref(node);
      node = target === undefined ? undefined : child(target, segment);
      if (node === undefined) break;
      last = node;
      if (node.file === root.file) lastInRoot = node;
    }
    // The node itself may be a `$ref`: the value checked is written where it leads.
    if (node !== undefined) last = workspace.deref(node) ?? last;
  } catch {
    // A file past a $ref that cannot be read: place the problem as far as it was followed.
  }
  const position = positionOf(lastInRoot);
  if (last.file === root.file) return { position };
  const inner = positionOf(last);
  return { position, inner: `${displayPath(last.file.path, cwd)}${inner ? `:${inner.line}:${inner.column}` : ''}` };
}

function positionOf(node: Located): { line: number; column: number } | undefined {
  const region = node.file.locate([node.pointer]).get(node.pointer);
  return region ? { line: region.line, column: region.column } : undefined;
}
