import { dirname, relative, sep } from 'node:path';
import type { FixIntent, HeaderObject } from '../fix/intents.js';
import type { Response, Spec } from '../loader/normalize.js';

/** A header as each spec version writes it: 2.0 puts the type on the header, 3.x in `schema`. */
export interface HeaderTemplate {
  description: string;
  schema: { type: 'string' | 'integer'; minimum?: number; format?: string };
  example?: string | number;
}

function headerObject(spec: Spec, template: HeaderTemplate): HeaderObject {
  if (spec.version === '2.0') return { description: withExample(template), ...template.schema };
  return { description: template.description, schema: template.schema, ...(template.example !== undefined ? { example: template.example } : {}) };
}

/** The header as headerObject writes it with no example, when the template has one. */
function headerWithoutExample(spec: Spec, template: HeaderTemplate): HeaderObject | undefined {
  if (template.example === undefined) return undefined;
  const { example: _example, ...plain } = template;
  return headerObject(spec, plain);
}

/**
 * A Swagger 2.0 Header Object has no `example` field: the description carries it instead, unless
 * it says it already (as Content-Range does). For an `Allow` it is the point: the path's methods.
 */
function withExample(template: HeaderTemplate): string {
  const { description, example } = template;
  if (example === undefined || description.includes(String(example))) return description;
  return `${description} Example: ${example}`;
}

/**
 * A `$ref` to a header of that name already under `components/headers`, written so that it
 * resolves from the file that holds the response. Swagger 2.0 has no shared headers.
 */
function sharedHeaderRef(spec: Spec, response: Response, name: string): string | undefined {
  if (spec.version === '2.0') return undefined;
  const components = spec.root.value.components;
  const headers = components !== null && typeof components === 'object' ? (components as Record<string, unknown>).headers : undefined;
  if (headers === null || typeof headers !== 'object') return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const fragment = `#/components/headers/${uriEscape(key.replace(/~/g, '~0').replace(/\//g, '~1'))}`;
  if (response.node.file === spec.file) return fragment;
  // A file reached through a link (a `common/` folder linked into each service): its `$ref`s
  // name files from the folder it really is in, as the file system has it, while tools that
  // read a `$ref` as a URI go from the folder of the link; a header written out means the same
  // to both.
  // By any spelling the run read it by, not only its first: which spec came first is no matter.
  if (response.node.file.reachedThroughLink) return undefined;
  const path = relative(dirname(response.node.file.realPath), spec.file.realPath).split(sep).map(uriEscape).join('/');
  return `${path}${fragment}`;
}

/**
 * A `$ref` is a URI, read back percent-decoded: a `%` in a folder or header name (`v%41`
 * would read as `vA`), a `#` (which starts the fragment) or a `?` must be encoded to name
 * what they spell. Nothing else is, so that the usual paths stay as people write them.
 */
function uriEscape(part: string): string {
  return part.replace(/[%#?]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The fix that adds header `name` to a response, reusing a shared header when the spec has one.
 * `general`: the header to write, with no example, where specs that share the response ask for
 * different ones (a Bearer and a Basic challenge); else `template` without its example.
 */
export function addHeaderFix(spec: Spec, response: Response, name: string, template: HeaderTemplate, general?: HeaderTemplate): FixIntent {
  return {
    kind: 'add-header',
    response: response.node,
    name,
    header: headerObject(spec, template),
    sharedRef: sharedHeaderRef(spec, response, name),
    withoutExample: headerWithoutExample(spec, general === undefined || general.description === template.description ? template : { ...general, example: template.example }),
  };
}
