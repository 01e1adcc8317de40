// What a response says about its body, read from the spec as written, and where shared
// responses are used: for rules about responses that must have no content.
import type { Operation, Response, Spec } from '../loader/normalize.js';
import { child, isObject } from '../loader/normalize.js';
import type { Located } from '../loader/resolve.js';
import { SUPPRESSION_KEY } from '../loader/value-scan.js';
import type { RuleContext } from './types.js';

export interface DeclaredBody {
  /** OAS 3 `content` or Swagger 2.0 `schema`, in the response object. */
  at: Located;
  /** The media types offered; empty for `content: {}`. Swagger 2.0 gives its `produces` (or `*\/*`). */
  types: string[];
}

/** A media type without its parameters, lower-cased: type and subtype are case-insensitive (RFC 9110 §8.3.1). */
export function mediaTypeEssence(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase();
}

/**
 * The media types an OAS 3 `content` map offers: its keys, but for a suppression list written
 * there, which is reported as one that is not read (suppress.ts) and offers no media type, so
 * that a map holding only the list is read as `content: {}`.
 */
export function mediaTypesOf(content: Record<string, unknown>): string[] {
  const types = Object.keys(content);
  return Object.hasOwn(content, SUPPRESSION_KEY) ? types.filter((type) => type !== SUPPRESSION_KEY) : types;
}

/**
 * The body a response declares, if any: OAS 3 `content` (even an empty map, which callers
 * judge on their own) or Swagger 2.0 `schema` ("if this field does not exist, it means no
 * content is returned").
 */
export function declaredBody(spec: Spec, response: Response): DeclaredBody | undefined {
  if (spec.version === '2.0') {
    const schema = child(response.node, 'schema');
    if (!schema || schema.value === null) return undefined;
    return { at: schema, types: response.content.map((media) => media.type) };
  }
  const content = child(response.node, 'content');
  if (!content) return undefined;
  const target = spec.workspace.deref(content);
  // A `content` we cannot read (remote $ref, null) is not a shape we judge.
  if (!target || !isObject(target.value)) return undefined;
  return { at: content, types: mediaTypesOf(target.value) };
}

/** Whether the operation names this response through a `$ref` rather than writing it inline. */
export function isReferenced(response: Response): boolean {
  return response.entry.file !== response.node.file || response.entry.pointer !== response.node.pointer;
}

/** A key for the place a response object is written. */
export function definitionKey(node: Located): string {
  return `${node.file.path}#${node.pointer}`;
}

/** How one written response object is used: under which status keys, by which operations. */
export interface ResponseUse {
  statuses: Set<string>;
  operations: Operation[];
}

const usesBySpec = new WeakMap<Spec, Map<string, ResponseUse>>();

/** Every response object reachable from the operations, by `definitionKey` of its node; built once per spec. */
export function responseUses(spec: Spec): Map<string, ResponseUse> {
  const known = usesBySpec.get(spec);
  if (known) return known;
  const uses = new Map<string, ResponseUse>();
  usesBySpec.set(spec, uses);
  for (const operation of spec.operations) {
    for (const response of operation.responses) {
      const key = definitionKey(response.node);
      let use = uses.get(key);
      if (!use) uses.set(key, (use = { statuses: new Set(), operations: [] }));
      use.statuses.add(response.status);
      // An operation's responses come together, so a repeat is the last one added: a response
      // shared by thousands of operations is not searched thousands of times.
      if (use.operations[use.operations.length - 1] !== operation) use.operations.push(operation);
    }
  }
  return uses;
}

const namedBySpec = new WeakMap<Spec, Set<unknown>>();

/**
 * The response objects that some operation names through `$ref`, by value: whether a response
 * written inline is named elsewhere too is then one lookup, where responseUses makes a key for
 * every response of the spec. A value repeated by a YAML alias is in it as well: a filter only.
 */
export function referencedResponses(spec: Spec): Set<unknown> {
  let named = namedBySpec.get(spec);
  if (named) return named;
  named = new Set();
  namedBySpec.set(spec, named);
  for (const operation of spec.operations) {
    for (const response of operation.responses) if (isReferenced(response)) named.add(response.node.value);
  }
  return named;
}

/**
 * How the shared definition `response` is used across the spec: one reached through a `$ref`,
 * or one written inline in this operation that others name through `$ref` (bundlers write a
 * response met twice so: `$ref: '#/paths/~1items/post/responses/201'`). Undefined for a
 * response written inline and named nowhere else. Callers tell the two apart by
 * `isReferenced`: the inline use is the definition, with no `$ref` of its own to name.
 */
export function sharedUse(spec: Spec, response: Response): ResponseUse | undefined {
  // Most responses are written inline and named nowhere else: no key for them.
  if (!isReferenced(response) && !referencedResponses(spec).has(response.node.value)) return undefined;
  return responseUses(spec).get(definitionKey(response.node));
}

/** At most `limit` items joined with ', ', then how many more, for messages. */
export function listText(items: readonly string[], limit = 3): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

/** The `$ref` an entry names, for messages (`'#/components/responses/Empty'`). */
export function refText(entry: Located): string {
  return isObject(entry.value) && typeof entry.value.$ref === 'string' ? entry.value.$ref : entry.pointer;
}

/**
 * The media types a body is declared in, for messages. A Swagger 2.0 operation without
 * `produces` gives its schema the stand-in `*\/*`, which the spec does not say: name the schema.
 */
function typesText(spec: Spec, body: DeclaredBody): string {
  if (spec.version === '2.0' && body.types.length === 1 && body.types[0] === '*/*') return 'a schema';
  return body.types.map((type) => `'${type}'`).join(', ');
}

/** The options of a rule about responses that must have no body. */
export interface NoBodyOptions {
  /** Accept `content: {}`, which lists no media type and so describes no body. */
  allowEmptyContent: boolean;
}

/**
 * Reports the body a response must not have, with the messages `hasContent`, `emptyContent`,
 * `sharedHasContent` and `namedElsewhere` (given `status`, `types`, `field`, `ref`, `others`
 * and `data`). A shared response that `bodyRightFor` says is right for other uses (it names
 * them, for messages) is reported where this use names it: the mistake is the use, not the
 * definition. When this use is the definition, written inline and named by the others through
 * `$ref`, it is reported there with `namedElsewhere`: removing the body would remove theirs.
 */
export function reportBody(
  context: RuleContext<NoBodyOptions>,
  response: Response,
  data: Record<string, string>,
  bodyRightFor: (use: ResponseUse) => string | undefined,
): void {
  const body = declaredBody(context.spec, response);
  if (!body) return;
  const all = {
    status: response.status,
    ...data,
    types: typesText(context.spec, body),
    field: context.spec.version === '2.0' ? 'schema' : 'content',
  };
  if (body.types.length === 0) {
    if (!context.options.allowEmptyContent) context.report({ messageId: 'emptyContent', at: body.at, data: all });
    return;
  }
  const use = sharedUse(context.spec, response);
  const others = use && bodyRightFor(use);
  if (others !== undefined) {
    if (isReferenced(response)) context.report({ messageId: 'sharedHasContent', at: response.entry, data: { ...all, ref: refText(response.entry), others } });
    else context.report({ messageId: 'namedElsewhere', at: response.entry, data: { ...all, others } });
    return;
  }
  // Swagger 2.0 gives a schema its media types from the operation's `produces`, not from the
  // response: one reached through `$ref` is reported at its definition, once for all its uses
  // (which may produce different types), so it is named by what it writes, a schema.
  const types = context.spec.version === '2.0' && isReferenced(response) ? 'a schema' : all.types;
  context.report({ messageId: 'hasContent', at: body.at, data: { ...all, types } });
}
