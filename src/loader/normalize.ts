import { describeValue, LoadError, quoted } from '../errors.js';
import type { SourceFile } from './parse.js';
import { appendSegment } from './pointer.js';
import { SUPPRESSION_KEY } from './value-scan.js';
import type { Located, Workspace } from './resolve.js';

export type SpecVersion = '2.0' | '3.0' | '3.1' | '3.2';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;

type JsonObject = Record<string, unknown>;

/**
 * Who may call an operation: `undeclared` (no `security` anywhere), `public` (an empty
 * requirement list), `optional` (a `{}` alternative) or `required`.
 */
export type AuthKind = 'undeclared' | 'public' | 'optional' | 'required';

export interface Security {
  kind: AuthKind;
  /** The requirement objects in force (operation-level overrides the root). */
  requirements: JsonObject[];
  /** Where the requirements in force are written, when they are. */
  declaredAt?: Located;
  /** `security: []` written on the operation itself. */
  explicitlyPublic: boolean;
}

export interface Header {
  /** As written in the spec; compare with `name.toLowerCase()`. */
  name: string;
  /** The member under `headers`, before any `$ref` is followed. */
  entry: Located;
  /** The header object after `$ref`s, if it resolves. */
  node?: Located<JsonObject>;
}

export interface MediaType {
  /** `application/json`; for Swagger 2.0 each `produces` type, or `*\/*` when none is given. */
  type: string;
  node: Located;
  schema?: Located;
}

export interface Response {
  /** The status key exactly as written: `'200'`, `'4XX'`, `'default'`. */
  status: string;
  /** The member under `responses`, where the operation names this response. */
  entry: Located;
  /** The response object after `$ref`s: where a problem in the response itself lives. */
  node: Located<JsonObject>;
  description?: string;
  /**
   * Where `description` is written: the response object, or in OpenAPI 3.1 the `$ref` entry
   * whose sibling `description` overrides the one it names.
   */
  describedAt: Located;
  headers: Header[];
  content: MediaType[];
  /** Case-insensitive header lookup (RFC 9110 §5.1). */
  header(name: string): Header | undefined;
}

export interface Operation {
  /**
   * A path item's fixed field (`get`, …; `query` from OAS 3.2), or an OAS 3.2
   * `additionalOperations` key, the method as it is sent (`LINK`).
   */
  method: string;
  path: string;
  node: Located<JsonObject>;
  security: Security;
  /**
   * The path item's `parameters` member: written beside the path item's `$ref` if there, else
   * in the item it names (as the path item's other fields are read).
   */
  readonly pathParameters: Located | undefined;
  /** Whether the operation takes a request body (OAS 3 `requestBody`, Swagger 2 body/formData). */
  acceptsBody: boolean;
  /** Where the body is declared, when it is. */
  requestBody?: Located;
  /** The `responses` member, if the operation has one. */
  responsesNode?: Located<JsonObject>;
  responses: Response[];
  /** Response by exact status key. */
  response(status: string): Response | undefined;
}

export interface Spec {
  version: SpecVersion;
  file: SourceFile;
  root: Located<JsonObject>;
  operations: Operation[];
  /** Security schemes by name (OAS 3 `components.securitySchemes`, Swagger 2 `securityDefinitions`). */
  securitySchemes: Map<string, Located<JsonObject>>;
  workspace: Workspace;
}

/**
 * The security scheme a Security Requirement key names. A component name wins; OAS 3.2 also
 * lets the key be the URI of a Security Scheme Object (its Security Requirement Object: "Property
 * names that are identical to a component name ... MUST be treated as a component name"),
 * resolved against the document the requirement is written in. `undefined` when it names
 * neither, or a remote URI, which is not fetched.
 */
export function securitySchemeOf(spec: Spec, name: string, security: Security): Located<JsonObject> | undefined {
  const named = spec.securitySchemes.get(name);
  if (named || spec.version !== '3.2' || !security.declaredAt) return named;
  const { file, pointer } = security.declaredAt;
  return objectAt(spec.workspace, { file, pointer, value: { $ref: name } });
}

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A member of a node, whose pointer is spelt out only when something reads it. The model and the
 * rules step into tens of thousands of members per large spec, and few of their pointers are
 * ever read (a finding's, a `$ref` chain's); built eagerly, each was a string (escaped again for
 * every path, whose `/`s become `~1`) kept alive, and copied by the collector, for as long as the
 * spec was linted. Microsoft Graph's 47 MB beta spec: 1.27 → 1.19 s (`node bench/compare.mjs`).
 */
class Member implements Located {
  private spelt: string | undefined = undefined;

  constructor(
    readonly file: SourceFile,
    private readonly parent: Located,
    private readonly key: string | number,
    readonly value: unknown,
  ) {}

  get pointer(): string {
    return (this.spelt ??= appendSegment(this.parent.pointer, this.key));
  }
}

/** The member `key` of an object or array node, with its pointer; `undefined` if absent. */
export function child(node: Located, key: string | number): Located | undefined {
  const value = node.value;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const index = Number(key);
    if (!(index in value)) return undefined;
    return new Member(node.file, node, key, value[index]);
  }
  if (!Object.hasOwn(value, key)) return undefined;
  return new Member(node.file, node, key, (value as JsonObject)[key]);
}

/** The object `node` names, after `$ref`s; undefined when it is missing or no object. */
export function objectAt(workspace: Workspace, node: Located | undefined): Located<JsonObject> | undefined {
  if (!node) return undefined;
  const target = workspace.deref(node);
  return target && isObject(target.value) ? (target as Located<JsonObject>) : undefined;
}

/** Which OpenAPI version a parsed document is; refuses anything else with a clear reason. */
export function detectVersion(file: SourceFile): SpecVersion {
  const value = file.value;
  const refuse = (detail: string, key?: string): never => {
    // Where the version key is written: looked up only to report it.
    const region = key === undefined ? undefined : file.locate([`/${key}`]).get(`/${key}`);
    throw new LoadError(file.path, detail, region && { line: region.line, column: region.column });
  };
  if (value === null || value === undefined) return refuse('not an OpenAPI document: the document is empty (null)');
  if (!isObject(value)) {
    return refuse(`not an OpenAPI document: the top level is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a mapping`);
  }
  if ('asyncapi' in value) return refuse('not an OpenAPI document: this is an AsyncAPI document', 'asyncapi');
  if ('swaggerVersion' in value) {
    const old = value.swaggerVersion;
    const named = typeof old === 'string' || typeof old === 'number' ? String(old) : '1.x';
    return refuse(`Swagger ${quotedVersion(named).slice(1, -1)} is not supported; convert it to Swagger 2.0 or OpenAPI 3`, 'swaggerVersion');
  }
  if ('openapi' in value) {
    const version = value.openapi;
    if (typeof version === 'string') {
      if (/^3\.0\.\d+(-.+)?$/.test(version)) return '3.0';
      if (/^3\.1\.\d+(-.+)?$/.test(version)) return '3.1';
      if (/^3\.2\.\d+(-.+)?$/.test(version)) return '3.2';
      // The version is major.minor.patch (OAS 3.1.1 and 3.2.0, "Versions"); '3.1' is the feature
      // set, read as unsupported it would seem to deny what statuslint reads.
      if (/^3\.[012]$/.test(version)) {
        const fix = file.format === 'json' ? `"openapi": "${version}.0"` : `openapi: '${version}.0'`;
        return refuse(`OpenAPI version '${version}' has no patch number, which the version must have; write ${fix}`, 'openapi');
      }
      return refuse(`unsupported OpenAPI version ${quotedVersion(version)} ${READS}`, 'openapi');
    }
    return refuse(notAString(file, 'openapi', version, "'3.1.0'", (written) => (/^3\.1\d*$/.test(written) ? '3.1.0' : /^3\.2\d*$/.test(written) ? '3.2.0' : /^3(\.0*)?$/.test(written) ? '3.0.3' : undefined)), 'openapi');
  }
  if ('swagger' in value) {
    const version = value.swagger;
    if (version === '2.0') return '2.0';
    if (typeof version === 'string') return refuse(`unsupported Swagger version ${quotedVersion(version)} ${READS}`, 'swagger');
    return refuse(notAString(file, 'swagger', version, "'2.0'", (written) => (/^2(\.0*)?$/.test(written) ? '2.0' : undefined)), 'swagger');
  }
  return refuse("not an OpenAPI document: no 'openapi' or 'swagger' version key at the top level");
}

/** What every refused version says statuslint does read. */
const READS = '(statuslint reads Swagger 2.0, OpenAPI 3.0.x, 3.1.x and 3.2.x)';

function quotedVersion(version: string): string {
  return quoted(version, 40);
}

/**
 * Why a version key that is not a string is refused, quoting what the file writes: YAML and
 * JSON read `openapi: 3.0` as the number 3, so repeating the parsed value would misquote it.
 * `suggest` gives the version string the number most likely meant, if any.
 */
function notAString(file: SourceFile, key: string, version: unknown, example: string, suggest: (written: string) => string | undefined): string {
  if (typeof version === 'number') {
    const written = writtenScalar(file, key) ?? String(version);
    const suggestion = suggest(written);
    const asRead = written === String(version) ? 'a number' : `read as the number ${version}`;
    if (suggestion === undefined) return `unsupported ${key === 'swagger' ? 'Swagger' : 'OpenAPI'} version ${quotedVersion(written)}, ${asRead} ${READS}`;
    const fix = file.format === 'json' ? `"${key}": "${suggestion}"` : `${key}: '${suggestion}' in quotes`;
    return `${key}: ${written} is ${asRead}, but the version must be a string; write ${fix}`;
  }
  const kind = version === null ? 'empty (null)' : describeValue(version);
  return `${key} must be a version string such as ${example}, not ${kind} ${READS}`;
}

/** The scalar written after a top-level key, as the text has it (`3.0`, not the parsed 3); an error path only. */
function writtenScalar(file: SourceFile, key: string): string | undefined {
  const region = file.locate([`/${key}`]).get(`/${key}`);
  if (!region) return undefined;
  let lineStart = 0;
  for (let line = 1; line < region.line; line++) lineStart = file.text.indexOf('\n', lineStart) + 1;
  const rest = file.text.slice(lineStart + region.column - 1, lineStart + region.column + 200);
  return new RegExp(`^["']?${key}["']?\\s*:\\s*([^\\s,}\\]#]+)`).exec(rest)?.[1];
}

/** Builds the one model that rules see, whatever the spec version. */
export function normalize(workspace: Workspace, file: SourceFile): Spec {
  const version = detectVersion(file);
  const root = workspace.root(file) as Located<JsonObject>;
  const securitySchemes = new Map<string, Located<JsonObject>>();
  const container = version === '2.0' ? root : objectAt(workspace, child(root, 'components'));
  const schemes = container && objectAt(workspace, child(container, version === '2.0' ? 'securityDefinitions' : 'securitySchemes'));
  if (schemes) {
    // for-in rather than Object.keys (here and for paths, responses, headers): no array of
    // keys per object. Parsed values are plain objects, whose prototype has nothing enumerable.
    for (const name in schemes.value) {
      const scheme = objectAt(workspace, child(schemes, name));
      if (scheme) securitySchemes.set(name, scheme);
    }
  }

  const spec: SpecScope = {
    workspace,
    version,
    // What every operation without its own `security` or `produces` inherits: worked out once
    // and shared by those operations.
    inheritedSecurity: securityOf(child(root, 'security'), false),
    inheritedTypes: version === '2.0' ? mediaTypesOf(root.value) : undefined,
  };
  const operations: Operation[] = [];
  const paths = objectAt(workspace, child(root, 'paths'));
  if (paths) {
    for (const path in paths.value) {
      if (path.startsWith('x-')) continue;
      const entry = child(paths, path)!;
      const pathItem = objectAt(workspace, entry);
      if (!pathItem) continue;
      // Every version lets a path item's fields sit beside its `$ref` (OAS 3.1.0 §4.8.9, 3.0.3
      // §4.7.9, Swagger 2.0): an operation written there is linted, and wins over the
      // referenced item's (the specs leave a clash undefined; what is written here is nearer).
      // So at each link of a chain (`$ref: mid.yaml`, where mid.yaml is a `$ref` with operations
      // beside it): the nearest link that writes a field wins.
      const beside = pathItem.value !== entry.value ? linksBefore(workspace, entry, pathItem) : undefined;
      const pathParameters = child(beside ? ownerOf(beside, pathItem, 'parameters') : pathItem, 'parameters');
      // Indexed loops here and in the lookups below: they run for every path and response,
      // mostly before V8 optimises them, where for-of makes an iterator result per step.
      for (let index = 0; index < HTTP_METHODS.length; index++) {
        const method = HTTP_METHODS[index]!;
        if ((version === '2.0' && method === 'trace') || (method === 'query' && version !== '3.2')) continue;
        const owner = beside ? ownerOf(beside, pathItem, method) : pathItem;
        const operation = objectAt(workspace, child(owner, method));
        if (operation) operations.push(buildOperation(spec, pathParameters, operation, method, path));
      }
      if (version === '3.2') addAdditionalOperations(spec, operations, pathItem, beside, pathParameters, path);
    }
  }
  return { version, file, root, operations, securitySchemes, workspace };
}

/**
 * The objects written along a path item's `$ref` chain before the item it ends at, nearest
 * first: each may write fields beside its `$ref`. Walked only for a path item reached through
 * `$ref`; the bound is for safety (deref already ended the chain).
 */
function linksBefore(workspace: Workspace, entry: Located, pathItem: Located<JsonObject>): Array<Located<JsonObject>> {
  const links: Array<Located<JsonObject>> = [];
  let current: Located | undefined = entry;
  for (let hop = 0; current && current.value !== pathItem.value && hop < 64; hop++) {
    if (isObject(current.value)) links.push(current as Located<JsonObject>);
    current = workspace.step(current);
  }
  return links;
}

/** The nearest of `links`, else `pathItem`, that writes `field`. */
function ownerOf(links: ReadonlyArray<Located<JsonObject>>, pathItem: Located<JsonObject>, field: string): Located<JsonObject> {
  for (let index = 0; index < links.length; index++) if (Object.hasOwn(links[index]!.value, field)) return links[index]!;
  return pathItem;
}

/** The methods a Path Item Object has a fixed field for (and additionalOperations keys that name one). */
export const FIXED_METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/**
 * OAS 3.2 `additionalOperations`: methods with no fixed field (`LINK`, `PURGE`), keyed as they
 * are sent. Those written beside a path item's `$ref` win, as the fixed fields do. A key that
 * names a method with a fixed field (`HEAD`, `post`), which 3.2 forbids, is linted as that
 * field's method: otherwise the rules about HEAD, POST or GET would pass it by.
 */
function addAdditionalOperations(
  spec: SpecScope,
  operations: Operation[],
  pathItem: Located<JsonObject>,
  beside: ReadonlyArray<Located<JsonObject>> | undefined,
  pathParameters: Located | undefined,
  path: string,
): void {
  const { workspace } = spec;
  // Nearest first: the item's own map last.
  const maps: Array<Located<JsonObject>> = [];
  for (const owner of [...(beside ?? []), pathItem]) {
    const map = objectAt(workspace, child(owner, 'additionalOperations'));
    if (map) maps.push(map);
  }
  const methods = new Set(maps.flatMap((map) => Object.keys(map.value)));
  for (const method of methods) {
    if (method.startsWith('x-')) continue;
    const owner = maps.find((map) => Object.hasOwn(map.value, method))!;
    const operation = objectAt(workspace, child(owner, method));
    const fixed = method.toLowerCase();
    if (operation) operations.push(buildOperation(spec, pathParameters, operation, FIXED_METHODS.has(fixed) ? fixed : method, path));
  }
}

/** What building one spec's operations needs at hand. */
interface SpecScope {
  workspace: Workspace;
  version: SpecVersion;
  inheritedSecurity: Security;
  /** Swagger 2.0: the root `produces` as content types. */
  inheritedTypes: string[] | undefined;
}

function buildOperation(
  spec: SpecScope,
  pathParameters: Located | undefined,
  node: Located<JsonObject>,
  method: Operation['method'],
  path: string,
): Operation {
  const { workspace, version } = spec;
  const responsesNode = objectAt(workspace, child(node, 'responses'));
  const responses: Response[] = [];
  if (responsesNode) {
    // Swagger 2.0 gives a response schema one media type per `produces` entry.
    const types = version === '2.0' ? (Object.hasOwn(node.value, 'produces') ? mediaTypesOf(node.value) : spec.inheritedTypes) : undefined;
    for (const status in responsesNode.value) {
      if (status.startsWith('x-')) continue;
      const entry = child(responsesNode, status)!;
      const response = objectAt(workspace, entry);
      if (response) responses.push(buildResponse(workspace, version, types, status, entry, response));
    }
  }
  const body = requestBodyOf(workspace, version, pathParameters, node);
  const own = child(node, 'security');
  const security = own && Array.isArray(own.value) ? securityOf(own, true) : spec.inheritedSecurity;
  return new OperationModel(method, path, node, security, pathParameters, body, responsesNode, responses);
}

/** Swagger 2.0: the content types an operation or the root `produces`; `*\/*` when none is given. */
function mediaTypesOf(owner: JsonObject): string[] {
  const produces = Object.hasOwn(owner, 'produces') ? owner.produces : undefined;
  return Array.isArray(produces) && produces.length > 0 ? produces.map(String) : ['*/*'];
}

// Operations and responses are classes so that their lookups are methods on a prototype,
// not a closure (and, for headers, a Map) built for each of the tens of thousands of them.

class OperationModel implements Operation {
  readonly acceptsBody: boolean;
  constructor(
    readonly method: Operation['method'],
    readonly path: string,
    readonly node: Located<JsonObject>,
    readonly security: Security,
    readonly pathParameters: Located | undefined,
    readonly requestBody: Located | undefined,
    readonly responsesNode: Located<JsonObject> | undefined,
    readonly responses: Response[],
  ) {
    this.acceptsBody = requestBody !== undefined;
  }

  response(status: string): Response | undefined {
    const responses = this.responses;
    for (let index = 0; index < responses.length; index++) if (responses[index]!.status === status) return responses[index];
    return undefined;
  }
}

class ResponseModel implements Response {
  constructor(
    readonly status: string,
    readonly entry: Located,
    readonly node: Located<JsonObject>,
    readonly description: string | undefined,
    readonly describedAt: Located,
    readonly headers: Header[],
    readonly content: MediaType[],
  ) {}

  header(name: string): Header | undefined {
    const wanted = name.toLowerCase();
    // From the end: of two names that differ only in case, the last one written answers.
    for (let index = this.headers.length - 1; index >= 0; index--) {
      const header = this.headers[index]!;
      if (header.name.toLowerCase() === wanted) return header;
    }
    return undefined;
  }
}

/** The security in force as `declared` (on the operation itself when `own`). */
function securityOf(declared: Located | undefined, own: boolean): Security {
  if (!declared || !Array.isArray(declared.value)) {
    return { kind: 'undeclared', requirements: [], explicitlyPublic: false };
  }
  // A suppression list written in a requirement is reported as one that is not read there
  // (suppress.ts); it names no security scheme, so it is no credential the operation asks for.
  const requirements = declared.value.filter(isObject).map((requirement) => (Object.hasOwn(requirement, SUPPRESSION_KEY) ? withoutSuppressionList(requirement) : requirement));
  const explicitlyPublic = own && requirements.length === 0;
  let kind: AuthKind = 'required';
  if (requirements.length === 0) kind = 'public';
  else if (requirements.some((requirement) => Object.keys(requirement).length === 0)) kind = 'optional';
  return { kind, requirements, declaredAt: declared, explicitlyPublic };
}

function withoutSuppressionList(requirement: JsonObject): JsonObject {
  const { [SUPPRESSION_KEY]: _, ...schemes } = requirement;
  return schemes;
}

function requestBodyOf(
  workspace: Workspace,
  version: SpecVersion,
  pathParameters: Located | undefined,
  operation: Located<JsonObject>,
): Located | undefined {
  if (version !== '2.0') {
    const body = child(operation, 'requestBody');
    return body && objectAt(workspace, body) ? body : undefined;
  }
  for (const parameters of [child(operation, 'parameters'), pathParameters]) {
    if (!parameters || !Array.isArray(parameters.value)) continue;
    for (let index = 0; index < parameters.value.length; index++) {
      const parameter = objectAt(workspace, child(parameters, index));
      if (parameter && (parameter.value.in === 'body' || parameter.value.in === 'formData')) return child(parameters, index);
    }
  }
  return undefined;
}

/**
 * Where the description in force is written, from the entry along its `$ref`s to `node`:
 * OAS 3.1 §4.8.23 (and 3.2) lets a Reference Object's `description` override the referenced one's, so
 * the outermost one written wins. (3.0 and Swagger 2.0 ignore everything beside `$ref`.)
 */
function describedAlong(workspace: Workspace, entry: Located, node: Located<JsonObject>): Located {
  // The walk ends where deref did, at `node`'s value; the bound is for safety.
  let current: Located | undefined = entry;
  for (let hop = 0; current && current.value !== node.value && hop < 64; hop++) {
    if (isObject(current.value) && typeof current.value.description === 'string') return current;
    current = workspace.step(current);
  }
  return node;
}

function buildResponse(
  workspace: Workspace,
  version: SpecVersion,
  /** Swagger 2.0: the operation's content types. */
  types: string[] | undefined,
  status: string,
  entry: Located,
  node: Located<JsonObject>,
): Response {
  const headers: Header[] = [];
  const headersNode = objectAt(workspace, child(node, 'headers'));
  if (headersNode) {
    for (const name in headersNode.value) {
      const headerEntry = child(headersNode, name)!;
      headers.push({ name, entry: headerEntry, node: objectAt(workspace, headerEntry) });
    }
  }
  // Built by `map`, which sizes the array to fit (a first `push` reserves 17 slots): there is
  // a content list per response, kept while the spec is linted; the keys array is short-lived.
  let content: MediaType[] = [];
  if (types) {
    const schema = child(node, 'schema');
    // `schema:` written with no value (null) declares no body, as a null `content` does in OAS 3.
    if (schema && schema.value !== null) content = types.map((type) => ({ type, node: schema, schema }));
  } else {
    const contentNode = objectAt(workspace, child(node, 'content'));
    if (contentNode) {
      content = Object.keys(contentNode.value).map((type) => {
        const mediaNode = child(contentNode, type)!;
        const media = objectAt(workspace, mediaNode);
        return { type, node: mediaNode, schema: media ? child(media, 'schema') : undefined };
      });
    }
  }
  const describedAt = version === '3.1' || version === '3.2' ? describedAlong(workspace, entry, node) : node;
  const description = (describedAt.value as JsonObject).description;
  return new ResponseModel(status, entry, node, typeof description === 'string' ? description : undefined, describedAt, headers, content);
}
