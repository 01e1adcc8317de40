import { isReferenced, mediaTypeEssence, refText, sharedUse } from '../src/engine/body.js';
import { defineRule, isObject, isSuccessStatus, schemaRefSiblingsApply, statusClass, type Located, type MediaType, type Operation, type Response, type RuleContext } from '../src/engine/define-rule.js';

type Json = Record<string, unknown>;

interface Options {
  /** More property names that mark an error member (compared normalised). */
  errorProperties: string[];
}

// Deep enough for real allOf/oneOf layering, shallow enough that a pathological spec stays cheap.
const MAX_DEPTH = 8;

// Property names are compared normalised: lowercase, punctuation dropped (`error_code` → `errorcode`).
const ERROR_MEMBERS = ['error', 'errors', 'err', 'fault', 'faults', 'exception', 'exceptions', 'innererror'];
const ERROR_DETAIL =
  /^(error|err|fault|exception)(code|codes|msg|message|messages|description|desc|detail|details|type|id|key|info|name|number|num|no|reason|text|string|str|title|uri|url|list|class|kind|category|object|obj)$/;
const ERROR_DETAIL_EXTRA = new Set(['validationerrors', 'fielderrors', 'errorsummary']);
/** Members an error body carries besides the error itself: codes, messages, ids for support. */
const GENERIC = new Set([
  'code', 'codes', 'subcode', 'message', 'messages', 'msg', 'detail', 'details', 'description', 'desc',
  'status', 'statuscode', 'statusmessage', 'statustext', 'httpstatus', 'httpstatuscode', 'httpcode',
  'title', 'type', 'kind', 'category', 'reason', 'reasonphrase', 'hint', 'help', 'helpurl', 'documentation',
  'documentationurl', 'docurl', 'docs', 'moreinfo', 'link', 'links', 'traceid', 'requestid',
  'correlationid', 'transactionid', 'timestamp', 'time', 'path', 'instance', 'target', 'severity',
  'stack', 'stacktrace', 'trace', 'debug', 'debuginfo', 'developermessage', 'usermessage',
  'localizedmessage', 'field', 'domain', 'retryable', 'object',
]);
/** Also found in the items of an error list (JSON:API error objects, validation errors). */
const ITEM_EXTRA = new Set(['id', 'source', 'meta', 'pointer', 'parameter', 'param', 'location', 'locationtype', 'value']);
/** A member that says whether the request worked; it must be a boolean to count. */
const SUCCESS_FLAGS = new Set(['success', 'succeeded', 'successful', 'issuccess', 'issuccessful', 'ok', 'isok']);
/** `status`-like members whose enum is only "it worked" / "it failed" (JSend's `status`). */
const OUTCOME_MEMBERS = new Set(['status', 'result', 'outcome']);
const OUTCOME_VALUES = new Set(['ok', 'success', 'successful', 'succeeded', 'error', 'fail', 'failed', 'failure']);
const FAILURE_VALUES = new Set(['error', 'fail', 'failed', 'failure']);
/**
 * Boolean members that say the request failed: an inverted success flag when they sit beside
 * the failure's message (`{error: true, message}`, `{isError, message, responseException, result}`).
 */
const FAILURE_FLAGS: ReadonlySet<string> = new Set(['error', 'iserror', 'haserror', 'failed']);
/** Members that carry a body's data: a schema with one is a result, whatever it is named. */
const DATA_CARRIERS: ReadonlySet<string> = new Set([
  'data', 'result', 'results', 'response', 'responses', 'item', 'items', 'payload', 'body', 'content', 'contents',
  'value', 'values', 'record', 'records', 'entity', 'entities', 'objects', 'list', 'entries', 'rows',
  'resource', 'resources', 'output', 'outputs', 'return', 'returnvalue',
]);
/** Members of a job or run record, whose `error` is the job's, not the request's. */
const JOB_MEMBER = /^(begin|start|end|finish|complet|lastupdat|inprogress|queued|progress|done|pending|running|execution|runid|jobid|taskid|attempt)/;
/**
 * A member that names the body as a thing of its own (a build, a webhook delivery, a payment
 * attempt): its `success` and `error` are that thing's, not the request's. An envelope carries
 * its data under a member (`data`, `result`), not an identity beside its flag.
 */
const IDENTITY_MEMBERS: ReadonlySet<string> = new Set(['id', 'uuid', 'guid']);

// Words that make a name about errors (`ApiError`, `ProblemDetails`) …
const ERROR_WORDS = new Set(['error', 'errors', 'err', 'fault', 'exception', 'problem']);
// … unless the name is about errors as data: `ErrorReport`, `ErrorLog`, `CrashEvent`.
const DOMAIN_WORDS = new Set([
  'report', 'reports', 'log', 'logs', 'event', 'events', 'entry', 'entries', 'record', 'records', 'group',
  'groups', 'stat', 'stats', 'statistics', 'count', 'counts', 'summary', 'metric', 'metrics', 'rate',
  'occurrence', 'occurrences', 'trend', 'histogram', 'aggregate', 'aggregation', 'incident', 'incidents',
  'crash', 'crashes', 'issue', 'issues', 'notification', 'alert', 'alerts', 'rule', 'rules', 'config',
  'configuration', 'setting', 'settings', 'tracking',
]);
// Literal path segments of resources whose domain is errors (a list of crash reports is data),
// whose answer is a verdict on something else (validate, check, test a webhook, simulate a
// transaction, a dry run), or whose body
// streams on after the status has been sent.
const DOMAIN_PATH_WORDS = new Set([
  'error', 'errors', 'crash', 'crashes', 'crashreports', 'incident', 'incidents', 'fault', 'faults',
  'exception', 'exceptions', 'problem', 'problems', 'failure', 'failures', 'bug', 'bugs', 'diagnostic',
  'diagnostics', 'log', 'logs', 'alert', 'alerts', 'lint', 'check', 'checks', 'test', 'tests', 'ping',
  'verify', 'verification', 'verifications', 'simulate', 'simulation', 'simulations', 'stream',
]);
// A dry run (`dry-run`, `dry_run`, `dryRun`) reports what the real request would do, as a
// simulation does: its failure is the answer asked for, not the request's.
const DOMAIN_PATH_STEMS = /validat|error|crash|dry[-_.]?run/;
/** A cheap first look: only paths that contain one of the words are split into words. */
const DOMAIN_PATH_HINT = new RegExp([...DOMAIN_PATH_WORDS, 'validat', 'dry[-_.]?run'].join('|'), 'i');
const BATCH_WORDS = new Set(['batch', 'batches', 'bulk']);
const BATCH_HINT = /batch|bulk/i;
const PROBLEM_TYPE = /^application\/problem\+(json|xml)\b/i;
const PROBLEM_ANY = /problem\+/i;
const DIGITS = /^\d+$/;
/** 2xx statuses whose responses cannot carry content. */
const WITHOUT_CONTENT: ReadonlySet<string> = new Set(['204', '205']);

/**
 * Streamed bodies: an error record can only come after the 2xx has been sent. A structured
 * suffix counts as its base type (OAS media type registry): `application/geo+json-seq`.
 */
const STREAMING_TYPE = /^(application\/(x-)?ndjson|application\/([\w.-]+\+)?json-seq|application\/jsonl|text\/event-stream)\b/i;

/** A top-level property of a body. */
interface Property {
  name: string;
  key: string;
  /**
   * The `properties` map that declares it. The property's own node is built only when its
   * value is looked at: most bodies are settled by their property names alone.
   */
  parent: Located;
  /** The shared definition (reached through `$ref`) that declares it, if any. */
  owner?: Located;
}

/**
 * The example the spec gives of a body: the media type's `example`, a Swagger 2.0 response's
 * `examples` entry for the type (for `*\/*`, where no `produces` is given, see jsonExamples), else
 * the body schema's own `example` (or the first of OAS 3.1's `examples`; the named schema's,
 * for a one-part `allOf: [$ref]`), from OAS 3.1 also one written beside the body's `$ref`.
 * Undefined when none is written.
 */
function bodyExample(context: RuleContext<Options>, response: Response, media: MediaType): unknown {
  const own = media.node.value;
  if (isObject(own) && Object.hasOwn(own, 'example') && own !== media.schema?.value) return own.example;
  const examples = responseExamples(response);
  if (examples) {
    if (Object.hasOwn(examples, media.type)) return examples[media.type];
    // The key names one of the `produces` types, whose type and subtype are case-insensitive
    // (RFC 9110 §8.3.1): `Application/JSON` is the entry for `application/json`.
    for (const type in examples) if (sameMediaType(type, media.type)) return examples[type];
  }
  const written = media.schema?.value;
  // JSON Schema 2020-12 (OAS 3.1 on) applies keywords beside a `$ref`, an example among them:
  // `{$ref: DeleteResponse, examples: [{}]}` shows the body. Before 3.1 they are ignored.
  const siblingsApply = schemaRefSiblingsApply(context.spec);
  if (siblingsApply && hasRef(written)) {
    const example = schemaExample(written as Record<string, unknown>);
    if (example !== undefined) return example;
  }
  let schema = media.schema && context.deref(media.schema);
  // A one-part `allOf: [$ref]` (how a description is written beside a `$ref` before OAS 3.1)
  // is the schema it names, as flattenSchema reads it: so is that schema's example.
  for (let depth = 0; schema && isObject(schema.value) && depth < MAX_DEPTH; depth++) {
    const example = schemaExample(schema.value);
    if (example !== undefined) return example;
    const allOf = schema.value.allOf;
    if (!Array.isArray(allOf) || allOf.length !== 1 || isObject(schema.value.properties)) return undefined;
    schema = context.deref(context.child(context.child(schema, 'allOf')!, 0)!);
  }
  return undefined;
}

/** A Swagger 2.0 response's `examples`, by media type; undefined when there is none, or it is a `$ref`. */
function responseExamples(response: Response): Record<string, unknown> | undefined {
  const examples = response.node.value.examples;
  return isObject(examples) && !Object.hasOwn(examples, '$ref') ? examples : undefined;
}

/** Whether two media types are the same, type and subtype compared without case; parameters as written. */
function sameMediaType(a: string, b: string): boolean {
  const parameters = (type: string): string => (type.includes(';') ? type.slice(type.indexOf(';') + 1).trim() : '');
  return mediaTypeEssence(a) === mediaTypeEssence(b) && parameters(a) === parameters(b);
}

/** A schema's own `example`, else the first of its `examples` (OAS 3.1); undefined when it has neither. */
function schemaExample(schema: Record<string, unknown>): unknown {
  if (Object.hasOwn(schema, 'example')) return schema.example;
  return Array.isArray(schema.examples) ? schema.examples[0] : undefined;
}

/**
 * Whether the spec's examples of the body show a success without the error members: the media
 * type's named `examples` (OAS 3), every one of them, or every JSON entry of a Swagger 2.0
 * response's `examples` for `*\/*`, else the one example `bodyExample` finds.
 * An example with members the schema does not declare is of some other body (SendGrid answers
 * a 202 with its `{errors, id}` error schema and `{message: 'processing'}` as the example), and
 * shows nothing about this one.
 */
function examplesLeaveOut(context: RuleContext<Options>, response: Response, media: MediaType, members: readonly Property[]): boolean {
  const examples = namedExamples(context, media) ?? jsonExamples(context, response, media) ?? [bodyExample(context, response, media)];
  let declared: Set<string> | null | undefined;
  return examples.every((example) => {
    if (!exampleLeavesOut(example, members)) return false;
    declared ??= media.schema ? declaredMembers(context, media.schema) : null;
    return declared === null || Object.keys(example as object).every((name) => declared!.has(name));
  });
}

/**
 * Swagger 2.0 with no `produces` anywhere: the type is known only as `*\/*`, and the examples'
 * keys name what is sent; each JSON entry (`application/json`, `application/hal+json`) shows the
 * body's members, whatever order they are written in. Undefined when an entry is keyed `*\/*`
 * itself, or none is JSON.
 */
function jsonExamples(context: RuleContext<Options>, response: Response, media: MediaType): unknown[] | undefined {
  if (media.type !== '*/*' || context.spec.version !== '2.0') return undefined;
  const examples = responseExamples(response);
  if (!examples || Object.hasOwn(examples, '*/*')) return undefined;
  const found: unknown[] = [];
  for (const type in examples) if (/[/+]json\b/i.test(type)) found.push(examples[type]);
  return found.length > 0 ? found : undefined;
}

/**
 * The member names a body schema declares, through `$ref`s and `allOf`; null when it allows
 * others (`additionalProperties`), so that any example fits it.
 */
function declaredMembers(context: RuleContext<Options>, schema: Located): Set<string> | null {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const siblingsApply = schemaRefSiblingsApply(context.spec);
  let open = false;
  const visit = (node: Located, depth: number): void => {
    if (depth > MAX_DEPTH || open) return;
    if (siblingsApply && isObject(node.value) && hasRef(node.value) && hasSchemaSiblings(node.value)) {
      const { $ref, ...siblings } = node.value;
      visit({ ...node, value: { $ref } }, depth + 1);
      visit({ ...node, value: siblings }, depth + 1);
      return;
    }
    const target = hasRef(node.value) ? context.deref(node) : node;
    if (!target || !isObject(target.value) || seen.has(target.value)) return;
    seen.add(target.value);
    const value = target.value;
    if (value.additionalProperties !== undefined && value.additionalProperties !== false) open = true;
    if (isObject(value.properties)) for (const name of Object.keys(value.properties)) names.add(name);
    const allOf = context.child(target, 'allOf');
    if (allOf && Array.isArray(allOf.value)) for (let index = 0; index < allOf.value.length; index++) visit(context.child(allOf, index)!, depth + 1);
  };
  visit(schema, 0);
  return open ? null : names;
}

/**
 * The `value` of each of a media type's named `examples` (OAS 3), through `$ref`s to shared
 * examples; undefined when it has none, or one whose value the spec does not show
 * (`externalValue`), which may be the failure.
 */
function namedExamples(context: RuleContext<Options>, media: MediaType): unknown[] | undefined {
  const own = media.node.value;
  if (!isObject(own) || !isObject(own.examples)) return undefined;
  const examples = context.child(media.node, 'examples')!;
  const names = Object.keys(own.examples);
  if (names.length === 0) return undefined;
  const values: unknown[] = [];
  for (const name of names) {
    const example = context.deref(context.child(examples, name)!);
    if (!example || !isObject(example.value) || !Object.hasOwn(example.value, 'value')) return undefined;
    values.push(example.value.value);
  }
  return values;
}

/**
 * Whether an example of the body is an object with none of its error members: the spec shows
 * a success without them, so they are the report a failure would fill in, not what this status
 * carries (Square's `DeleteCustomerResponse: {errors}` with `example: {}`).
 */
function exampleLeavesOut(example: unknown, members: readonly Property[]): boolean {
  return isObject(example) && members.every((property) => !Object.hasOwn(example, property.name));
}

/** A `oneOf`/`anyOf` found on the body, with the shared schema that holds it (if any). */
interface Choice {
  keyword: 'oneOf' | 'anyOf';
  node: Located;
  owner?: Located;
}

/** An error branch of a `oneOf`/`anyOf` on the body, or of one nested in a branch. */
interface Hit {
  choice: Choice;
  index: number;
  branchNode: Located;
  branch: Shape;
  /** Why the branch is an error object (errorObjectReason). */
  reason: string;
}

/**
 * A schema with its `$ref`s followed and its `allOf` merged: what the top level of a body is.
 * Shapes are kept for the whole spec (shared schemas come back), so they keep little: a
 * property is kept only if the checks look at it by itself; the others only set the flags below.
 */
interface Shape {
  /** Whether it declares any property at all. */
  hasProperties: boolean;
  /**
   * The members of the error vocabulary, success flags and outcome members, by normalised name
   * (the first declared wins), in the order declared. Most bodies are resources, settled by
   * one member outside the vocabulary: they need no more.
   */
  members: Property[];
  /** Some member is outside the error vocabulary. */
  foreign: boolean;
  /** … and outside what the items of an error list carry too (ITEM_EXTRA). */
  foreignToItems: boolean;
  /** … and is not problem details' `instance`. */
  foreignToProblem: boolean;
  /** How many members are declared outside the error vocabulary, … */
  foreignCount: number;
  /** … and the name of the first of them. */
  odd: string | undefined;
  /** Some member is one of a job or run record (JOB_MEMBER). */
  jobMember: boolean;
  /** Some member is an identity (IDENTITY_MEMBERS): the body is a record. */
  identified: boolean;
  /**
   * Component names (as the `$ref` target, named only when asked for: few bodies get that far)
   * and titles of the schema and its `allOf` parts, in the order met.
   */
  names: Array<Located | string>;
  /** How many of `names`, from the first, are the schema's own (not an `allOf` part's). */
  ownNames: number;
  /** The shared definition the schema itself is, when it was reached through `$ref`. */
  anchor?: Located;
  /** The `type`s declared, as TYPE_BITS. */
  types: number;
  enum?: unknown[];
  items?: Located;
  additional?: Located;
  choices?: Choice[];
  /** The `required` lists of the schema and its `allOf` parts, as written. */
  required?: unknown[][];
}

/** The JSON Schema types the checks ask about, as bits; any other type sets OTHER_TYPE. */
const TYPE_BITS = new Map([
  ['array', 1],
  ['boolean', 2],
  ['integer', 4],
  ['number', 8],
  ['string', 16],
  // JSON Schema 2020-12 (OAS 3.1 on): a member whose only type is 'null' is always null.
  ['null', 64],
]);
const OTHER_TYPE = 32;
const NULL_TYPE = TYPE_BITS.get('null')!;

function hasType(shape: Shape, type: 'array' | 'boolean' | 'integer' | 'number' | 'string'): boolean {
  return (shape.types & TYPE_BITS.get(type)!) !== 0;
}

function typeBits(type: unknown): number {
  if (typeof type !== 'string') return 0;
  return TYPE_BITS.get(type) ?? OTHER_TYPE;
}

/** What a property contributes to the verdict. */
type Role = 'error' | 'generic' | 'status' | 'state' | 'other';

/** Keywords beside a `$ref` that shape the body (not its `description`, `summary` or `x-`). */
function hasSchemaSiblings(value: Record<string, unknown>): boolean {
  for (const key in value) if (key === 'properties' || key === 'allOf' || key === 'oneOf' || key === 'anyOf') return true;
  return false;
}

function hasRef(value: unknown): boolean {
  return isObject(value) && typeof value.$ref === 'string';
}

// Property names repeat across schemas and specs (`id`, `createdAt`): each is normalised once.
// Bounded, for a process that lints spec after spec.
const normalized = new Map<string, string>();
const MAX_NORMALIZED = 50_000;

/** Lowercase, punctuation dropped: `error_code`, `Error-Code` and `errorCode` compare equal. */
function normalizeName(name: string): string {
  let normal = normalized.get(name);
  if (normal === undefined) {
    if (normalized.size >= MAX_NORMALIZED) normalized.clear();
    normal = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    normalized.set(name, normal);
  }
  return normal;
}

/** `APIErrorResponse` → `api error response`; `crash-reports` → `crash reports`. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The name a `$ref` target is known by: its last pointer segment, or the file name. */
function nameOf(node: Located): string {
  const segments = node.pointer.split('/');
  const last = segments[segments.length - 1];
  if (last) return last.replace(/~1/g, '/').replace(/~0/g, '~');
  const base = node.file.path.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '');
}

function isErrorName(name: string): boolean {
  const parts = words(name);
  return parts.some((part) => ERROR_WORDS.has(part)) && !parts.some((part) => DOMAIN_WORDS.has(part));
}

function isDomainName(name: string): boolean {
  const parts = words(name);
  return parts.some((part) => ERROR_WORDS.has(part) || part === 'crash') && parts.some((part) => DOMAIN_WORDS.has(part));
}

function literalSegments(path: string): string[] {
  return path.split(/[/#?]/).filter((segment) => segment !== '' && !segment.includes('{'));
}

/** A resource about errors, validation or a stream: its 2xx body may well list errors. */
function isDomainPath(path: string): boolean {
  if (!DOMAIN_PATH_HINT.test(path)) return false;
  return literalSegments(path).some((segment) => words(segment).some((word) => DOMAIN_PATH_WORDS.has(word)) || DOMAIN_PATH_STEMS.test(segment.toLowerCase()));
}

/** A batch operation: an error list in its result is per item, not the request's. */
function isBatch(operation: Operation): boolean {
  const id = operation.node.value.operationId;
  // A cheap first look, as for domain paths: most operations name neither word anywhere.
  if (!BATCH_HINT.test(operation.path) && !(typeof id === 'string' && BATCH_HINT.test(id))) return false;
  const names = [...literalSegments(operation.path), ...(typeof id === 'string' ? [id] : [])].filter((name) => BATCH_HINT.test(name));
  return names.some((name) => words(name).some((word) => BATCH_WORDS.has(word)));
}

/** A path parameter that names a job: `{job_id}`, `{taskId}`, `{operationId}`, `{runId}`. */
const JOB_PARAMETER = /^(?:job|task|run|operation|execution)(?:id|uuid|guid)$/;
const TEMPLATE = /\{([^}]+)\}/g;

/**
 * A status monitor: an operation on a job that runs apart from the request (RFC 9110 §15.3.3),
 * named by a job parameter in its path. Its 2xx body may report that the job failed: the request,
 * the poll, worked. (A 202 beside the 2xx is no sign of one: real specs use 202 for failures too.)
 */
function isStatusMonitor(operation: Operation): boolean {
  if (!operation.path.includes('{')) return false;
  for (const match of operation.path.matchAll(TEMPLATE)) if (JOB_PARAMETER.test(normalizeName(match[1]!))) return true;
  return false;
}

const CHOICE_KEYWORDS = ['oneOf', 'anyOf'] as const;

/**
 * Adds an item to a list that shapes keep: an empty list is replaced by one of exactly one
 * item, where a push would give it room for seventeen. Most of these lists hold one item or none.
 */
function append<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
}

function flattenSchema(context: RuleContext<Options>, start: Located, isVocabularyKey: (key: string) => boolean): Shape {
  // Every field from the start, `undefined` until set: shapes then share one hidden class, and
  // the code that fills and reads them is compiled once, not again for each combination of
  // optional fields it comes across (a spec's first `enum` or `items` threw it away).
  const shape: Shape = {
    hasProperties: false,
    members: [],
    foreign: false,
    foreignToItems: false,
    foreignToProblem: false,
    foreignCount: 0,
    odd: undefined,
    jobMember: false,
    identified: false,
    names: [],
    ownNames: 0,
    anchor: undefined,
    types: 0,
    enum: undefined,
    items: undefined,
    additional: undefined,
    choices: undefined,
    required: undefined,
  };
  // Places already merged: an allOf part met twice, or a `$ref` cycle. Few per schema, so a
  // list compared by file and pointer (no key string to build and hash for each).
  let seen: Located[] = [];
  // JSON Schema 2020-12 (OAS 3.1 on) applies a `$ref`'s sibling keywords beside it, as an
  // `allOf` of the two would; before, siblings of a `$ref` are ignored.
  const siblingsApply = schemaRefSiblingsApply(context.spec);
  const visit = (node: Located, owner: Located | undefined, depth: number, top: boolean): void => {
    if (depth > MAX_DEPTH) return;
    let target: Located | undefined = node;
    if (siblingsApply && isObject(node.value) && hasRef(node.value) && hasSchemaSiblings(node.value)) {
      const { $ref, ...siblings } = node.value;
      // A composition, as an allOf of two parts: neither part is the schema itself.
      visit({ ...node, value: { $ref } }, owner, depth + 1, false);
      visit({ ...node, value: siblings }, owner, depth + 1, false);
      return;
    }
    if (hasRef(node.value)) {
      target = context.deref(node);
      if (!target) return;
      owner = target;
      shape.names = append(shape.names, target);
      if (top) {
        shape.anchor = target;
        shape.ownNames = shape.names.length;
      }
    }
    if (!isObject(target.value)) return;
    for (let index = 0; index < seen.length; index++) if (sameNode(seen[index], target)) return;
    seen = append(seen, target);
    const value = target.value;
    if (typeof value.title === 'string') {
      shape.names = append(shape.names, value.title);
      if (top) shape.ownNames = shape.names.length;
    }
    if (Array.isArray(value.type)) for (const type of value.type) shape.types |= typeBits(type);
    else shape.types |= typeBits(value.type);
    if (Array.isArray(value.enum)) shape.enum ??= value.enum;
    // JSON Schema 2020-12's `const` (OAS 3.1 on) is a one-value enum.
    else if (siblingsApply && Object.hasOwn(value, 'const')) shape.enum ??= [value.const];
    if (Array.isArray(value.required)) shape.required = append(shape.required ?? [], value.required);
    shape.items ??= context.child(target, 'items');
    if (!shape.additional && isObject(value.additionalProperties)) shape.additional = context.child(target, 'additionalProperties');
    if (isObject(value.properties)) {
      // Built when a member needs it: most `properties` maps have none the checks look at.
      let parent: Located | undefined;
      // Indexed: the loop runs for every property of every body schema, mostly unoptimised,
      // where for-of makes an iterator result per name.
      const names = Object.keys(value.properties);
      for (let index = 0; index < names.length; index++) {
        const name = names[index]!;
        shape.hasProperties = true;
        const key = normalizeName(name);
        if (JOB_MEMBER.test(key)) shape.jobMember = true;
        if (IDENTITY_MEMBERS.has(key)) shape.identified = true;
        if (!isVocabularyKey(key)) {
          shape.foreign = true;
          if (!ITEM_EXTRA.has(key)) shape.foreignToItems = true;
          if (key !== 'instance') shape.foreignToProblem = true;
          // Counted per declaration: a name that two `allOf` parts both declare counts twice,
          // which only makes the checks that allow one such member stricter.
          if (shape.foreignCount++ === 0) shape.odd = name;
          if (!SUCCESS_FLAGS.has(key) && !OUTCOME_MEMBERS.has(key) && !FAILURE_FLAGS.has(key) && !key.endsWith('exception')) continue;
        }
        if (shape.members.some((member) => member.key === key)) continue;
        parent ??= context.child(target, 'properties')!;
        shape.members = append(shape.members, { name, key, parent, owner });
      }
    }
    const allOf = context.child(target, 'allOf');
    if (allOf && Array.isArray(allOf.value)) {
      // The schema itself is a shared definition only through `$ref`, or through the one-part
      // `allOf: [$ref]` that stands for one beside a description; a part of a composition is
      // not the schema, and must not take the finding (the last `$ref` part used to).
      const stillTop = top && allOf.value.length === 1 && !isObject(value.properties);
      for (let index = 0; index < allOf.value.length; index++) visit(context.child(allOf, index)!, owner, depth + 1, stillTop);
    }
    for (let index = 0; index < CHOICE_KEYWORDS.length; index++) {
      const keyword = CHOICE_KEYWORDS[index]!;
      if (!Array.isArray(value[keyword])) continue;
      shape.choices = append(shape.choices ?? [], { keyword, node: context.child(target, keyword)!, owner });
    }
  };
  visit(start, undefined, 0, true);
  return shape;
}

function isStreaming(media: MediaType): boolean {
  return STREAMING_TYPE.test(media.type);
}

/**
 * Swagger 2.0 gives every `produces` type the one schema node; OAS 3 media types each have
 * their own, so the node itself tells a schema already judged for this response.
 */
function judgedBefore(content: readonly MediaType[], index: number): boolean {
  for (let earlier = 0; earlier < index; earlier++) if (content[earlier]!.schema === content[index]!.schema) return true;
  return false;
}

function sameNode(a: Located | undefined, b: Located | undefined): boolean {
  return a !== undefined && b !== undefined && a.file === b.file && a.pointer === b.pointer;
}

/** A status an error body is right for: a 4xx or 5xx code or range, or `default`. */
function isErrorStatus(status: string): boolean {
  return status === 'default' || (statusClass(status) ?? 0) >= 4;
}

/** The schema's own component name or title (not an `allOf` part's), if it is an error name. */
function ownErrorName(shape: Shape): string | undefined {
  for (let index = 0; index < shape.ownNames; index++) {
    const name = shape.names[index]!;
    const text = typeof name === 'string' ? name : nameOf(name);
    if (isErrorName(text)) return text;
  }
  return undefined;
}

/** `the error field 'a'`, `the error fields 'a', 'b' and 'c'`. */
function listFields(fields: readonly string[]): string {
  return fields.length === 1 ? `the error field ${fields[0]}` : `the error fields ${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}

/** Whether some `required` list of the schema or its `allOf` parts names the property. */
function isRequired(shape: Shape, property: Property): boolean {
  return shape.required?.some((list) => list.includes(property.name)) ?? false;
}

/** Status members that can state a result: a process's exit code, as Docker's `StatusCode`. */
const RESULT_CODES: ReadonlySet<string> = new Set(['status', 'statuscode']);

function isArrayShape(shape: Shape): boolean {
  return hasType(shape, 'array') || (shape.items !== undefined && !shape.hasProperties);
}

export default defineRule<Options>({
  id: 'no-error-in-success',
  meta: {
    description: 'Disallow error bodies on 2xx responses',
    severity: 'error',
    references: ['RFC 9110 §15.3', 'RFC 9457 §3'],
    messages: {
      errorObject: '{{subject}} is an error object ({{reason}}); a 2xx status tells clients the request succeeded, so return this body with a 4xx or 5xx status.',
      problemDetails: "{{subject}} is declared as '{{type}}', the media type of RFC 9457 problem details, which describe errors; return it with a 4xx or 5xx status.",
      envelope:
        "{{subject}} is a success/failure envelope: flag '{{flag}}' next to error member '{{error}}'; the status code already says whether the request succeeded, so send failures as 4xx or 5xx responses with an error body.",
      namedElsewhere:
        'This {{status}} response is named through $ref elsewhere for {{others}}, where its body ({{what}}) is right; give those a response of their own, then give this {{status}} a success body, or return this one with a 4xx or 5xx status.',
      errorBranch: '{{subject}} can be an error object: {{keyword}} branch {{branch}} ({{reason}}); a 2xx status tells clients the request succeeded, so return errors with a 4xx or 5xx status.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        errorProperties: { type: 'array', items: { type: 'string' }, description: 'More property names that mark an error member' },
      },
    },
    recommended: true,
  },
  defaultOptions: { errorProperties: [] },

  create(context) {
    // Shared schemas are met again and again (every response of a large spec): flatten each once.
    // First by the schema object itself, which a shared response brings back unchanged: no
    // pointer to build or hash, no `$ref` chain to walk again. (A YAML alias may bring one object
    // back at another pointer: harmless, as an inline schema's shape uses its own pointers only
    // to look further down, and reports go where `$ref`s lead.) A Map, not a WeakMap: it dies
    // with the rule at the end of the spec, and ephemerons cost the collector more.
    const byObject = new Map<object, Shape>();
    const siblingsApply = schemaRefSiblingsApply(context.spec);
    const flatten = (node: Located): Shape => {
      const value = node.value;
      if (!isObject(value)) return flattenSchema(context, node, isVocabularyKey);
      let shape = byObject.get(value);
      if (!shape) {
        // From OAS 3.1, `{$ref: Pet, oneOf: […]}` is a composition, not the schema `$ref: Pet`
        // names: kept under that name, it would stand in for every plain `$ref: Pet` met after
        // it (reporting a resource as an error), or a plain one met before would stand in for it.
        const composed = siblingsApply && hasSchemaSiblings(value);
        const target = hasRef(value) && !composed ? context.deref(node) : undefined;
        shape = target ? flattenRef(node, target) : flattenSchema(context, node, isVocabularyKey);
        byObject.set(value, shape);
      }
      return shape;
    };
    // Then by what a `$ref` names, file then pointer: many `$ref`s name one schema (a `$ref`
    // with schema keywords beside it, which apply from OAS 3.1, is flattened apart, above).
    const byTarget = new Map<Located['file'], Map<string, Shape>>();
    const flattenRef = (node: Located, target: Located): Shape => {
      let inFile = byTarget.get(target.file);
      if (!inFile) byTarget.set(target.file, (inFile = new Map()));
      let shape = inFile.get(target.pointer);
      if (!shape) inFile.set(target.pointer, (shape = flattenSchema(context, node, isVocabularyKey)));
      return shape;
    };
    const propertyNode = (property: Property): Located => context.child(property.parent, property.name)!;
    // What the path and id say about an operation. Its responses are visited one after the
    // other, so the last operation's facts are the ones asked for.
    let factsOf: Operation | undefined;
    let facts = { domain: false, batch: false, monitor: false };
    const errorMembers = new Set([...ERROR_MEMBERS, ...context.options.errorProperties.map(normalizeName)]);
    const isErrorKey = (key: string): boolean => errorMembers.has(key) || ERROR_DETAIL.test(key) || ERROR_DETAIL_EXTRA.has(key);
    const isVocabularyKey = (key: string): boolean => isErrorKey(key) || GENERIC.has(key);

    /**
     * A list (or map of objects) whose entries say which item they are about is a set of
     * per-item outcomes, as in a batch result, not the error of the request itself.
     */
    const isPerItemList = (shape: Shape, batch: boolean): boolean => {
      const entries = isArrayShape(shape) ? shape.items : !shape.hasProperties ? shape.additional : undefined;
      if (!entries) return false;
      if (batch) return true;
      const entry = flatten(entries);
      if (!isArrayShape(shape) && entry.hasProperties) return true;
      return entry.foreignToItems;
    };

    const roleOf = (property: Property, batch: boolean): Role => {
      const { key } = property;
      if (!isVocabularyKey(key)) return 'other';
      const node = propertyNode(property);
      // A `false` schema (OAS 3.1 on) allows no value: the member can never be there.
      if (node.value === false) return 'other';
      const shape = flatten(node);
      if (isPerItemList(shape, batch && isErrorKey(key))) return 'other';
      // `errors: 12` counts failures of something else; `errorCode: 12` is the error.
      if (errorMembers.has(key) && (hasType(shape, 'integer') || hasType(shape, 'number'))) return 'other';
      // `error: false` (enum or const), as Figma's `{status: 200, error: false}`, says there is
      // none; so does `error: {type: 'null'}` (OAS 3.1 on), which allows only null.
      if (errorMembers.has(key) && ((shape.enum?.length && shape.enum.every((item) => item === false || item === null)) || shape.types === NULL_TYPE)) return 'other';
      if (isErrorKey(key)) return 'error';
      if (key === 'status') {
        const values = shape.enum?.map((item) => String(item).toLowerCase());
        // An enum of words is a lifecycle (`running`, `failed`); of numbers, a code (`'0'`…`'5'`).
        if (values && hasType(shape, 'string') && !values.every((item) => OUTCOME_VALUES.has(item) || DIGITS.test(item))) return 'state';
        if (values && hasType(shape, 'string')) return 'generic';
        // A bare string status may be a state ("running") or an error's ("Bad Request").
        if (hasType(shape, 'string')) return 'status';
      }
      return 'generic';
    };

    /**
     * Why the shape is an error object and nothing else, or `undefined` when it is not one. On a
     * status monitor (`monitor`) only a schema named as an error counts: an unnamed `{status,
     * error}` there is the job's outcome.
     */
    const errorObjectReason = (shape: Shape, batch: boolean, monitor: boolean): string | undefined => {
      if (isArrayShape(shape) || !shape.hasProperties) return undefined;
      // Most bodies are resources: two members outside the vocabulary settle it, cheaply; so
      // does one, unless the schema's own name or title is an error name.
      if (shape.foreignCount > 1 || (shape.foreign && shape.ownNames === 0)) return undefined;
      const odd = shape.foreign ? normalizeName(shape.odd!) : undefined;
      // A schema named as an error by its own name or title (not only by an `allOf` part's: data
      // plus `allOf: [Error]` is a result) may carry one member more, below: not data, nor a job's.
      let own = odd === undefined ? undefined : ownErrorName(shape);
      if (odd !== undefined && (own === undefined || DATA_CARRIERS.has(odd) || shape.jobMember)) return undefined;
      // Every other member is in the vocabulary, so all of them were kept.
      const properties = odd === undefined ? shape.members : shape.members.filter((property) => property.key !== odd);
      const names = shape.names.map((name) => (typeof name === 'string' ? name : nameOf(name)));
      if (names.some(isDomainName)) return undefined;
      const roles = properties.map((property) => roleOf(property, batch));
      const named = names.find(isErrorName);
      // In a batch result errors are per item unless the schema says it is an error.
      if ((batch || monitor) && named === undefined) return undefined;
      const explicit = roles.includes('error');
      // `{code, message}` alone is as likely a result as an error: it takes an error name.
      const allVocabulary = roles.every((role) => role === 'error' || role === 'generic' || (role === 'status' && named !== undefined));
      if (allVocabulary && odd === undefined && (explicit || named !== undefined)) {
        // A result that may carry an error: a status or exit code required, every error member
        // optional, and no error name (Docker's `ContainerWaitResponse: {StatusCode, Error}`,
        // `required: [StatusCode]`). A schema named as an error, or that requires its error, is one.
        if (named === undefined && shape.required !== undefined && isProcessResult(shape, properties, roles)) return undefined;
        const fields = properties.map((property) => `'${property.name}'`);
        return `${named === undefined ? 'it has' : `'${named}' has`} only ${listFields(fields)}`;
      }
      // The one member more: outside the vocabulary (Vonage's `{error_text, network, request_id,
      // status}`), or a `status` whose enum is a lifecycle (`{error_text, request_id, status:
      // [IN PROGRESS, FAILED, …]}`), not both; with an error member or two members of the
      // vocabulary beside it.
      own ??= ownErrorName(shape);
      if (own === undefined || shape.jobMember) return undefined;
      let extra = odd === undefined ? undefined : shape.odd;
      let kept = 0;
      for (let index = 0; index < roles.length; index++) {
        const role = roles[index]!;
        if (role === 'error' || role === 'generic' || role === 'status') kept++;
        else if (role === 'state' && extra === undefined) extra = properties[index]!.name;
        else return undefined;
      }
      if (extra === undefined || !(explicit || kept >= 2)) return undefined;
      const fields = properties.filter((property) => property.name !== extra).map((property) => `'${property.name}'`);
      return `'${own}' has ${listFields(fields)}, and '${extra}' besides`;
    };

    /**
     * Whether a body of vocabulary members is a result that may carry an error: a status or
     * exit code (`status`, `statusCode`) is required, and no error member is.
     */
    const isProcessResult = (shape: Shape, properties: readonly Property[], roles: readonly Role[]): boolean => {
      let code = false;
      for (let index = 0; index < properties.length; index++) {
        const property = properties[index]!;
        if (roles[index] === 'error') {
          if (isRequired(shape, property)) return false;
        } else if (RESULT_CODES.has(property.key) && isRequired(shape, property)) code = true;
      }
      return code;
    };

    /** A boolean member saying whether the call worked: `success`, `ok`, or JSend's `status: [success, error]`. */
    const successFlag = (shape: Shape): Property | undefined => {
      // Asked of every 2xx body, whose members are mostly none: no iterator for those.
      if (shape.members.length === 0) return undefined;
      for (const property of shape.members) {
        const named = SUCCESS_FLAGS.has(property.key);
        if (!named && !OUTCOME_MEMBERS.has(property.key)) continue;
        const value = flatten(propertyNode(property));
        if (hasType(value, 'boolean') || (named && value.types === 0 && !value.hasProperties)) return property;
        const values = value.enum?.map((item) => String(item).toLowerCase()) ?? [];
        if (values.length > 0 && values.every((item) => OUTCOME_VALUES.has(item)) && values.some((item) => FAILURE_VALUES.has(item))) return property;
      }
      return undefined;
    };

    /**
     * A boolean failure flag read as an inverted success flag, with the member that carries the
     * failure: `{error: boolean, message, response}`, `{isError, message, responseException,
     * result}`. Only where the flag sits beside the failure's message, an error detail or an
     * `…Exception` member, with at most one other member outside the vocabulary, and no
     * identity or job member: `{id, hasError, …}` is a record that may have failed.
     */
    const failureFlag = (shape: Shape, batch: boolean): { flag: Property; error: Property } | undefined => {
      // Without a member outside the vocabulary, `{error: boolean, message}` is an error object.
      if (shape.members.length < 2 || shape.foreignCount === 0 || shape.identified || shape.jobMember) return undefined;
      let flag: Property | undefined;
      for (const property of shape.members) {
        if (FAILURE_FLAGS.has(property.key) && hasType(flatten(propertyNode(property)), 'boolean')) {
          flag = property;
          break;
        }
      }
      if (!flag) return undefined;
      let error: Property | undefined;
      let message: Property | undefined;
      // Members outside the vocabulary besides the flag and the exception member.
      let others = shape.foreignCount;
      if (!isVocabularyKey(flag.key)) others--;
      for (const property of shape.members) {
        if (property === flag) continue;
        if (property.key.endsWith('exception') && !isVocabularyKey(property.key)) {
          error ??= property;
          others--;
        } else if (property.key === 'message' || property.key === 'msg') message ??= property;
        else if (!errorMembers.has(property.key) && roleOf(property, batch) === 'error') error ??= property;
      }
      if (others > 1) return undefined;
      const partner = error ?? message;
      return partner && { flag, error: partner };
    };

    /** A record (a job or run, or anything with an id): its `success` and `error` describe it, and it may fail. */
    const isJobRecord = (shape: Shape, batch: boolean): boolean =>
      shape.jobMember || shape.identified || shape.members.some((property) => roleOf(property, batch) === 'state');

    /** The use that writes the definition `response` reaches inline in its operation, if one does. */
    const writtenInline = (response: Response): Response | undefined => {
      for (const operation of sharedUse(context.spec, response)?.operations ?? []) {
        for (const other of operation.responses) {
          if (!isReferenced(other) && other.node.file === response.node.file && other.node.pointer === response.node.pointer) return other;
        }
      }
      return undefined;
    };
    /**
     * How a finding at the response object names it: the same from every use, so that a 2xx
     * written inline and named by another 2xx's `$ref` (as bundlers write) is reported once.
     */
    const responseSubject = (response: Response): string => {
      if (!hasRef(response.entry.value)) return `'${response.status}' response body`;
      const inline = writtenInline(response);
      return inline ? `'${inline.status}' response body` : `Response '${nameOf(response.node)}', used for a 2xx,`;
    };
    /**
     * Where a body that is an error and nothing else is reported, and how it is named. A shared
     * response that other operations also use for statuses an error body is right for (a 400,
     * `default`) is a fine definition: the mistake is this 2xx's use of it, reported where the
     * operation names it, as no-body-on-no-content and require-allow do.
     */
    const errorBodyAt = (response: Response): { at: Located; subject: string; namedElsewhere?: string } => {
      const statuses = sharedUse(context.spec, response)?.statuses;
      const others = statuses ? [...statuses].filter(isErrorStatus).sort() : [];
      if (others.length === 0) return { at: response.node, subject: responseSubject(response) };
      // Written inline here and named by the others' `$ref`s: this use is the definition.
      if (!isReferenced(response)) return { at: response.entry, subject: responseSubject(response), namedElsewhere: others.join(', ') };
      return { at: response.entry, subject: `'${response.status}' response '${refText(response.entry)}' (also used for ${others.join(', ')})` };
    };
    /** Reports an error body found on a 2xx (`errorObject` or `problemDetails`), where errorBodyAt says. */
    const reportErrorBody = (response: Response, messageId: 'errorObject' | 'problemDetails', data: Record<string, string>, what: string): void => {
      const { at, subject, namedElsewhere } = errorBodyAt(response);
      if (namedElsewhere === undefined) context.report({ messageId, at, data: { subject, ...data } });
      else context.report({ messageId: 'namedElsewhere', at, data: { status: response.status, others: namedElsewhere, what } });
    };
    const schemaSubject = (owner: Located): string => `Schema '${nameOf(owner)}', used as a 2xx response body,`;

    /**
     * A branch that names, through `$ref`, a string schema named as an error: `oneOf: [{$ref:
     * result}, {$ref: error}]` with `error: {type: string, description: an error message}`.
     */
    const namedErrorString = (branchNode: Located, branch: Shape): string | undefined => {
      if (branch.types !== TYPE_BITS.get('string') || branch.hasProperties || branch.enum || !branch.anchor || !hasRef(branchNode.value)) return undefined;
      const name = nameOf(branch.anchor);
      return isErrorName(name) ? `'${name}' is a string named as an error` : undefined;
    };

    // By shape, then by depth, batch and monitor: choices nest and come back (`allOf` brings each
    // level's `oneOf` up to the one above), so an unremembered search is exponential in the
    // nesting. What is found depends only on these four; the response only words the report.
    const hits = new Map<Shape, Array<Hit | null | undefined>>();
    const findErrorBranch = (shape: Shape, batch: boolean, monitor: boolean, depth: number): Hit | undefined => {
      if (!shape.choices) return undefined;
      let known = hits.get(shape);
      if (!known) hits.set(shape, (known = []));
      const slot = depth * 4 + (batch ? 1 : 0) + (monitor ? 2 : 0);
      const remembered = known[slot];
      if (remembered !== undefined) return remembered ?? undefined;
      let hit: Hit | undefined;
      search: for (const choice of shape.choices) {
        const branches = choice.node.value as unknown[];
        for (let index = 0; index < branches.length; index++) {
          const branchNode = context.child(choice.node, index)!;
          const branch = flatten(branchNode);
          const reason = errorObjectReason(branch, batch, monitor) ?? namedErrorString(branchNode, branch);
          if (reason === undefined) {
            if (depth < MAX_DEPTH && (hit = findErrorBranch(branch, batch, monitor, depth + 1))) break search;
            continue;
          }
          hit = { choice, index, branchNode, branch, reason };
          break search;
        }
      }
      known[slot] = hit ?? null;
      return hit;
    };

    const checkChoices = (shape: Shape, response: Response, batch: boolean, monitor: boolean): void => {
      const hit = findErrorBranch(shape, batch, monitor, 0);
      if (!hit) return;
      const { choice, index, branchNode, branch, reason } = hit;
      const label = branch.anchor && hasRef(branchNode.value) ? `'${nameOf(branch.anchor)}'` : String(index);
      context.report({
        messageId: 'errorBranch',
        at: choice.owner ?? response.node,
        data: { subject: choice.owner ? schemaSubject(choice.owner) : responseSubject(response), keyword: choice.keyword, branch: label, reason },
      });
    };

    return {
      Response(response: Response, operation: Operation) {
        // 207 Multi-Status (RFC 4918 §11.1) carries one outcome per member, failures included.
        if (!isSuccessStatus(response.status) || response.status === '207') return;
        // A 204 cannot contain content (RFC 9110 §15.3.5) and a server MUST NOT generate any in a
        // 205 (§15.3.6): the body written for it is not sent, so it is no error in a success;
        // no-body-on-no-content reports it.
        if (WITHOUT_CONTENT.has(response.status)) return;
        // Nor is a response to HEAD ever sent with content (RFC 9110 §9.3.2); no-body-on-head reports it.
        if (operation.method === 'head') return;
        if (response.content.length === 0) return;
        if (operation !== factsOf) {
          factsOf = operation;
          facts = { domain: isDomainPath(operation.path), batch: isBatch(operation), monitor: isStatusMonitor(operation) };
        }
        if (facts.domain) return;
        if (response.content.some(isStreaming)) return;
        const { batch, monitor } = facts;
        const content = response.content;
        for (let index = 0; index < content.length; index++) {
          const media = content[index]!;
          // Swagger 2.0 `produces` lists every type the operation may send, errors included.
          if (context.spec.version !== '2.0' && PROBLEM_TYPE.test(media.type)) {
            if (isProblemBody(media.schema, response)) {
              reportErrorBody(response, 'problemDetails', { type: media.type }, `'${media.type}', RFC 9457 problem details`);
            }
            continue;
          }
          if (!media.schema || judgedBefore(content, index)) continue;
          const shape = flatten(media.schema);
          const success = successFlag(shape);
          const failed = success ? undefined : failureFlag(shape, batch);
          const flag = success ?? failed?.flag;
          const error = success ? shape.members.find((property) => roleOf(property, batch) === 'error') : failed?.error;
          if (flag && error && !monitor && !isJobRecord(shape, batch)) {
            // Report the envelope where it is designed: the shared schema that declares both members.
            const owner = sameNode(flag.owner, error.owner) ? flag.owner : shape.anchor;
            context.report({
              messageId: 'envelope',
              at: owner ?? response.node,
              data: { subject: owner ? schemaSubject(owner) : responseSubject(response), flag: flag.name, error: error.name },
            });
            continue;
          }
          const reason = errorObjectReason(shape, batch, monitor);
          if (reason !== undefined && !examplesLeaveOut(context, response, media, shape.members)) {
            // The schema may be a fine error schema; using it for a 2xx is the mistake.
            reportErrorBody(response, 'errorObject', { reason }, `an error object: ${reason}`);
            continue;
          }
          checkChoices(shape, response, batch, monitor);
        }
      },
    };

    /**
     * A problem+json body on a 2xx, unless a converter copied the success schema into it: a
     * Swagger 2.0 `produces` list turned into one media type per entry gives every response
     * every type, and the schema shows it (the same one as the JSON sibling, or a resource).
     */
    function isProblemBody(schema: Located | undefined, response: Response): boolean {
      if (!schema) return true;
      const text = JSON.stringify(schema.value);
      const copied = response.content.some((other) => other.schema && other.schema !== schema && !PROBLEM_ANY.test(other.type) && JSON.stringify(other.schema.value) === text);
      if (copied) return false;
      const shape = flatten(schema);
      if (isArrayShape(shape)) return false;
      return !shape.foreignToProblem;
    }
  },
});
