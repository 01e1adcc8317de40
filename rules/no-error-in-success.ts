import { defineRule, isSuccessStatus, type Located, type Operation, type Response, type RuleContext } from '../src/engine/define-rule.js';

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
  'localizedmessage', 'field', 'domain', 'retryable',
]);
/** Also found in the items of an error list (JSON:API error objects, validation errors). */
const ITEM_EXTRA = new Set(['id', 'source', 'meta', 'pointer', 'parameter', 'param', 'location', 'locationtype', 'value']);
/** A member that says whether the request worked; it must be a boolean to count. */
const SUCCESS_FLAGS = new Set(['success', 'succeeded', 'successful', 'issuccess', 'issuccessful', 'ok', 'isok']);
/** `status`-like members whose enum is only "it worked" / "it failed" (JSend's `status`). */
const OUTCOME_MEMBERS = new Set(['status', 'result', 'outcome']);
const OUTCOME_VALUES = new Set(['ok', 'success', 'successful', 'succeeded', 'error', 'fail', 'failed', 'failure']);
const FAILURE_VALUES = new Set(['error', 'fail', 'failed', 'failure']);
/** Members of a job or run record, whose `error` is the job's, not the request's. */
const JOB_MEMBER = /^(begin|start|end|finish|complet|lastupdat|inprogress|queued|progress|done|pending|running|execution|runid|jobid|taskid|attempt)/;

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
// whose answer is a verdict on something else (validate, check, test a webhook), or whose body
// streams on after the status has been sent.
const DOMAIN_PATH_WORDS = new Set([
  'error', 'errors', 'crash', 'crashes', 'crashreports', 'incident', 'incidents', 'fault', 'faults',
  'exception', 'exceptions', 'problem', 'problems', 'failure', 'failures', 'bug', 'bugs', 'diagnostic',
  'diagnostics', 'log', 'logs', 'alert', 'alerts', 'lint', 'check', 'checks', 'test', 'tests', 'ping',
  'verify', 'stream',
]);
const DOMAIN_PATH_STEMS = /validat|error|crash/;
/** A cheap first look: only paths that contain one of the words are split into words. */
const DOMAIN_PATH_HINT = new RegExp([...DOMAIN_PATH_WORDS, 'validat'].join('|'), 'i');
const BATCH_WORDS = new Set(['batch', 'bulk']);
const BATCH_HINT = /batch|bulk/i;
/** Streamed bodies: an error record can only come after the 2xx has been sent. */
const STREAMING_TYPE = /^(application\/(x-)?ndjson|application\/json-seq|application\/jsonl|text\/event-stream)\b/i;

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

/** A `oneOf`/`anyOf` found on the body, with the shared schema that holds it (if any). */
interface Choice {
  keyword: 'oneOf' | 'anyOf';
  node: Located;
  owner?: Located;
}

/** A schema with its `$ref`s followed and its `allOf` merged: what the top level of a body is. */
interface Shape {
  properties: Map<string, Property>;
  /**
   * Component names (as the `$ref` target, named only when asked for: few bodies get that far)
   * and titles of the schema and its `allOf` parts, in the order met.
   */
  names: Array<Located | string>;
  /** The shared definition the schema itself is, when it was reached through `$ref`. */
  anchor?: Located;
  types: Set<string>;
  enum?: unknown[];
  items?: Located;
  additional?: Located;
  choices: Choice[];
}

/** What a property contributes to the verdict. */
type Role = 'error' | 'generic' | 'status' | 'state' | 'other';

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasRef(value: unknown): boolean {
  return isObject(value) && typeof value.$ref === 'string';
}

/** Lowercase, punctuation dropped: `error_code`, `Error-Code` and `errorCode` compare equal. */
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
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

function flattenSchema(context: RuleContext<Options>, start: Located): Shape {
  const shape: Shape = { properties: new Map(), names: [], types: new Set(), choices: [] };
  // Places already merged: an allOf part met twice, or a `$ref` cycle. Few per schema, so a
  // list compared by file and pointer (no key string to build and hash for each).
  const seen: Located[] = [];
  const visit = (node: Located, owner: Located | undefined, depth: number, top: boolean): void => {
    if (depth > MAX_DEPTH) return;
    let target: Located | undefined = node;
    if (hasRef(node.value)) {
      target = context.deref(node);
      if (!target) return;
      owner = target;
      shape.names.push(target);
      if (top) shape.anchor = target;
    }
    const place = target;
    if (seen.some((other) => sameNode(other, place)) || !isObject(target.value)) return;
    seen.push(target);
    const value = target.value;
    if (typeof value.title === 'string') shape.names.push(value.title);
    for (const type of Array.isArray(value.type) ? value.type : [value.type]) if (typeof type === 'string') shape.types.add(type);
    if (Array.isArray(value.enum)) shape.enum ??= value.enum;
    shape.items ??= context.child(target, 'items');
    const additional = context.child(target, 'additionalProperties');
    if (additional && isObject(additional.value)) shape.additional ??= additional;
    const properties = context.child(target, 'properties');
    if (properties && isObject(properties.value)) {
      for (const name of Object.keys(properties.value)) {
        const normal = normalizeName(name);
        if (!shape.properties.has(normal)) shape.properties.set(normal, { name, key: normal, parent: properties, owner });
      }
    }
    const allOf = context.child(target, 'allOf');
    if (allOf && Array.isArray(allOf.value)) {
      for (let index = 0; index < allOf.value.length; index++) visit(context.child(allOf, index)!, owner, depth + 1, top);
    }
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const choice = context.child(target, keyword);
      if (choice && Array.isArray(choice.value)) shape.choices.push({ keyword, node: choice, owner });
    }
  };
  visit(start, undefined, 0, true);
  return shape;
}

function sameNode(a: Located | undefined, b: Located | undefined): boolean {
  return a !== undefined && b !== undefined && a.file === b.file && a.pointer === b.pointer;
}

function isArrayShape(shape: Shape): boolean {
  return shape.types.has('array') || (shape.items !== undefined && shape.properties.size === 0);
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
    // to look further down, and reports go where `$ref`s lead.)
    const byObject = new WeakMap<object, Shape>();
    const flatten = (node: Located): Shape => {
      const value = node.value;
      if (!isObject(value)) return flattenSchema(context, node);
      let shape = byObject.get(value);
      if (!shape) {
        const target = hasRef(value) ? context.deref(node) : undefined;
        shape = target ? flattenRef(node, target) : flattenSchema(context, node);
        byObject.set(value, shape);
      }
      return shape;
    };
    // Then by what a `$ref` names, file then pointer: many `$ref`s name one schema (siblings of
    // `$ref` add nothing here).
    const byTarget = new Map<Located['file'], Map<string, Shape>>();
    const flattenRef = (node: Located, target: Located): Shape => {
      let inFile = byTarget.get(target.file);
      if (!inFile) byTarget.set(target.file, (inFile = new Map()));
      let shape = inFile.get(target.pointer);
      if (!shape) inFile.set(target.pointer, (shape = flattenSchema(context, node)));
      return shape;
    };
    const propertyNode = (property: Property): Located => context.child(property.parent, property.name)!;
    const operations = new WeakMap<Operation, { domain: boolean; batch: boolean }>();
    const errorMembers = new Set([...ERROR_MEMBERS, ...context.options.errorProperties.map(normalizeName)]);
    const isErrorKey = (key: string): boolean => errorMembers.has(key) || ERROR_DETAIL.test(key) || ERROR_DETAIL_EXTRA.has(key);
    const isVocabularyKey = (key: string): boolean => isErrorKey(key) || GENERIC.has(key);

    /**
     * A list (or map of objects) whose entries say which item they are about is a set of
     * per-item outcomes, as in a batch result, not the error of the request itself.
     */
    const isPerItemList = (shape: Shape, batch: boolean): boolean => {
      const entries = isArrayShape(shape) ? shape.items : shape.properties.size === 0 ? shape.additional : undefined;
      if (!entries) return false;
      if (batch) return true;
      const entry = flatten(entries);
      if (!isArrayShape(shape) && entry.properties.size > 0) return true;
      return [...entry.properties.keys()].some((key) => !isVocabularyKey(key) && !ITEM_EXTRA.has(key));
    };

    const roleOf = (property: Property, batch: boolean): Role => {
      const { key } = property;
      if (!isVocabularyKey(key)) return 'other';
      const shape = flatten(propertyNode(property));
      if (isPerItemList(shape, batch && isErrorKey(key))) return 'other';
      // `errors: 12` counts failures of something else; `errorCode: 12` is the error.
      if (errorMembers.has(key) && (shape.types.has('integer') || shape.types.has('number'))) return 'other';
      if (isErrorKey(key)) return 'error';
      if (key === 'status' || key === 'state') {
        const values = shape.enum?.map((item) => String(item).toLowerCase());
        // An enum of words is a lifecycle (`running`, `failed`); of numbers, a code (`'0'`…`'5'`).
        if (values && shape.types.has('string') && !values.every((item) => OUTCOME_VALUES.has(item) || /^\d+$/.test(item))) return 'state';
        if (values && shape.types.has('string')) return 'generic';
        // A bare string status may be a state ("running") or an error's ("Bad Request").
        if (shape.types.has('string')) return 'status';
      }
      return 'generic';
    };

    /** Why the shape is an error object and nothing else, or `undefined` when it is not one. */
    const errorObjectReason = (shape: Shape, batch: boolean): string | undefined => {
      if (isArrayShape(shape) || shape.properties.size === 0) return undefined;
      const properties = [...shape.properties.values()];
      // Most bodies are resources: one member outside the vocabulary settles it, cheaply.
      if (!properties.every((property) => isVocabularyKey(property.key))) return undefined;
      const names = shape.names.map((name) => (typeof name === 'string' ? name : nameOf(name)));
      if (names.some(isDomainName)) return undefined;
      const roles = properties.map((property) => roleOf(property, batch));
      const named = names.find(isErrorName);
      // In a batch result errors are per item unless the schema says it is an error.
      if (batch && named === undefined) return undefined;
      const explicit = roles.includes('error');
      // `{code, message}` alone is as likely a result as an error: it takes an error name.
      const allVocabulary = roles.every((role) => role === 'error' || role === 'generic' || (role === 'status' && named !== undefined));
      if (!allVocabulary || !(explicit || named !== undefined)) return undefined;
      const fields = properties.map((property) => property.name).join(', ');
      return `${named === undefined ? 'it has' : `'${named}' has`} only error fields ${fields}`;
    };

    /** A boolean member saying whether the call worked: `success`, `ok`, or JSend's `status: [success, error]`. */
    const successFlag = (shape: Shape): Property | undefined => {
      for (const property of shape.properties.values()) {
        const named = SUCCESS_FLAGS.has(property.key);
        if (!named && !OUTCOME_MEMBERS.has(property.key)) continue;
        const value = flatten(propertyNode(property));
        if (value.types.has('boolean') || (named && value.types.size === 0 && value.properties.size === 0)) return property;
        const values = value.enum?.map((item) => String(item).toLowerCase()) ?? [];
        if (values.length > 0 && values.every((item) => OUTCOME_VALUES.has(item)) && values.some((item) => FAILURE_VALUES.has(item))) return property;
      }
      return undefined;
    };

    /** A job or run record: its `success` and `error` describe the job, which may fail. */
    const isJobRecord = (shape: Shape, batch: boolean): boolean =>
      [...shape.properties.values()].some((property) => JOB_MEMBER.test(property.key) || roleOf(property, batch) === 'state');

    const responseSubject = (response: Response): string =>
      hasRef(response.entry.value) ? `Response '${nameOf(response.node)}', used for a 2xx,` : `'${response.status}' response body`;
    const schemaSubject = (owner: Located): string => `Schema '${nameOf(owner)}', used as a 2xx response body,`;

    const checkChoices = (shape: Shape, response: Response, batch: boolean, depth: number): boolean => {
      for (const choice of shape.choices) {
        const branches = choice.node.value as unknown[];
        for (let index = 0; index < branches.length; index++) {
          const branchNode = context.child(choice.node, index)!;
          const branch = flatten(branchNode);
          const reason = errorObjectReason(branch, batch);
          if (reason === undefined) {
            if (depth < MAX_DEPTH && checkChoices(branch, response, batch, depth + 1)) return true;
            continue;
          }
          const label = branch.anchor && hasRef(branchNode.value) ? `'${nameOf(branch.anchor)}'` : String(index);
          context.report({
            messageId: 'errorBranch',
            at: choice.owner ?? response.node,
            data: { subject: choice.owner ? schemaSubject(choice.owner) : responseSubject(response), keyword: choice.keyword, branch: label, reason },
          });
          return true;
        }
      }
      return false;
    };

    return {
      Response(response: Response, operation: Operation) {
        // 207 Multi-Status (RFC 4918 §11.1) carries one outcome per member, failures included.
        if (!isSuccessStatus(response.status) || response.status === '207') return;
        if (response.content.length === 0) return;
        let facts = operations.get(operation);
        if (!facts) operations.set(operation, (facts = { domain: isDomainPath(operation.path), batch: isBatch(operation) }));
        if (facts.domain) return;
        if (response.content.some((media) => STREAMING_TYPE.test(media.type))) return;
        const batch = facts.batch;
        // Swagger 2.0 gives every `produces` type the one schema node; OAS 3 media types each
        // have their own, so the node itself tells a schema already judged.
        const done = new Set<Located>();
        for (const media of response.content) {
          // Swagger 2.0 `produces` lists every type the operation may send, errors included.
          if (context.spec.version !== '2.0' && /^application\/problem\+(json|xml)\b/i.test(media.type)) {
            if (isProblemBody(media.schema, response)) {
              context.report({ messageId: 'problemDetails', at: response.node, data: { subject: responseSubject(response), type: media.type } });
            }
            continue;
          }
          if (!media.schema) continue;
          if (done.has(media.schema)) continue;
          done.add(media.schema);
          const shape = flatten(media.schema);
          const flag = successFlag(shape);
          const error = flag && [...shape.properties.values()].find((property) => roleOf(property, batch) === 'error');
          if (flag && error && !isJobRecord(shape, batch)) {
            // Report the envelope where it is designed: the shared schema that declares both members.
            const owner = sameNode(flag.owner, error.owner) ? flag.owner : shape.anchor;
            context.report({
              messageId: 'envelope',
              at: owner ?? response.node,
              data: { subject: owner ? schemaSubject(owner) : responseSubject(response), flag: flag.name, error: error.name },
            });
            continue;
          }
          const reason = errorObjectReason(shape, batch);
          if (reason !== undefined) {
            // The schema may be a fine error schema; using it for a 2xx is the mistake.
            context.report({ messageId: 'errorObject', at: response.node, data: { subject: responseSubject(response), reason } });
            continue;
          }
          checkChoices(shape, response, batch, 0);
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
      const copied = response.content.some((other) => other.schema && other.schema !== schema && !/problem\+/i.test(other.type) && JSON.stringify(other.schema.value) === text);
      if (copied) return false;
      const shape = flatten(schema);
      if (isArrayShape(shape)) return false;
      return [...shape.properties.values()].every((property) => isVocabularyKey(property.key) || property.key === 'instance');
    }
  },
});
