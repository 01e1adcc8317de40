/**
 * The examples on the rule pages are true: every code block under `## Bad` makes its rule
 * report at least once, and every block under `## Good` makes it report nothing. Users copy
 * these examples, so a wrong one is a bug like any other.
 *
 * How a block becomes a spec. The block is parsed (YAML or JSON) and wrapped by what its
 * top-level keys are, with only the page's rule enabled, at its default options:
 *
 * - `openapi`/`swagger` key: a whole document, linted as written (`document`);
 * - `paths` or `webhooks` beside other root keys (`security`, `components`, …): a document
 *   without its head, which gets `openapi` and `info` (`document`);
 * - keys that all start with `/`: the `paths` map (`paths`);
 * - keys that are all HTTP methods: the path item of `/items` (`path-item`);
 * - `responses` beside other operation fields: the `get` operation of `/items` (`operation`);
 * - keys that are all status codes or ranges, or `default`: the responses of `GET /items`
 *   (`responses`).
 *
 * Anything else (a schema, a mix of an operation and a response) needs a marker, an HTML
 * comment on the line before the block, blank lines between allowed:
 *
 * - `<!-- example: KIND -->` names one of the kinds above, or `schemas`: a map of named
 *   schemas put under `components/schemas`, the first one being the JSON body of a `200` on
 *   `GET /items`. Add `version 2.0`, `version 3.0` or `version 3.1` to pin the version:
 *   `<!-- example: responses, version 2.0 -->`.
 * - `<!-- example: skip, REASON -->` leaves the block out; the reason is printed as the name
 *   of a skipped test. For blocks that are not specs (a config snippet, shell, output), and
 *   for an example the rule gets wrong, until the rule is fixed.
 *
 * Blocks in another language than yaml/yml/json are skipped, by name, as not being specs.
 * A block without a language, or one that cannot be classified, fails.
 *
 * Version of a fragment: the marker's, else the version key of another block on the page,
 * else 2.0 when it `$ref`s `#/definitions/`, `#/responses/` or `#/parameters/`; else it is an
 * OAS 3 fragment and is checked twice, as 3.0 and as 3.1.
 *
 * The spec must load whole (no failure, notice or internal error: an unread part would make
 * the check vacuous). A Good example must also be a valid document (`--validate`), since it
 * is the one users copy; a Bad one may be invalid on purpose (a lowercase `'4xx'` key).
 *
 * Local `$ref`s and security schemes the block uses but does not define come from
 * `COMPONENTS` below (only those used), so examples can stay short; a name missing there
 * fails the lint with an unresolved reference: add it to the library.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { rules } from '../rules/index.js';
import { lint } from '../src/lint.js';
import { validateStructure } from '../src/validate.js';
import type { Version } from './rule-tester.js';

type Json = Record<string, any>;
type Kind = 'document' | 'paths' | 'path-item' | 'operation' | 'responses' | 'schemas';
const KINDS: readonly Kind[] = ['document', 'paths', 'path-item', 'operation', 'responses', 'schemas'];

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const ROOT_KEYS = new Set(['paths', 'webhooks', 'components', 'security', 'servers', 'tags', 'info', 'externalDocs',
  'jsonSchemaDialect', 'definitions', 'parameters', 'responses', 'securityDefinitions', 'host', 'basePath', 'schemes',
  'consumes', 'produces']);
const OPERATION_KEYS = new Set(['responses', 'requestBody', 'parameters', 'security', 'operationId', 'summary',
  'description', 'tags', 'deprecated', 'callbacks', 'servers', 'externalDocs', 'consumes', 'produces', 'schemes']);
const STATUS = /^([1-5](\d\d|XX|xx)|default)$/;

/** Shared definitions an example may `$ref` without writing them: shapes as in the rule tests. */
const problemSchema = {
  type: 'object',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } },
};
const COMPONENTS = {
  schemas: {
    Error: { type: 'object', properties: { code: { type: 'integer' }, message: { type: 'string' } } },
    Pet: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    Item: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    Problem: problemSchema,
    PartitionError: {
      type: 'object',
      properties: { PartitionValues: { type: 'array', items: { type: 'string' } }, ErrorDetail: { type: 'object', properties: { ErrorCode: { type: 'string' }, ErrorMessage: { type: 'string' } } } },
    },
  },
  responses: {
    Item: { description: 'The item', body: 'application/json', schema: 'Item' },
    Problem: { description: 'Not found', body: 'application/problem+json', schema: 'Problem' },
    Unauthorized: { description: 'Missing or invalid credentials', body: 'application/problem+json', schema: 'Problem', challenge: true },
    Forbidden: { description: 'Not allowed for these credentials', body: 'application/problem+json', schema: 'Problem' },
  },
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer' },
    oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://example.com/token', scopes: { 'pets:read': 'Read pets' } } } },
  },
} as const;

/** The library in the shape of `version`: where each kind lives, and what it is. */
type LibraryKind = 'schemas' | 'responses' | 'securitySchemes';

function library(version: Version): { where: Record<LibraryKind, string[]>; entries: Record<LibraryKind, Record<string, Json>> } {
  const two = version === '2.0';
  const ref = (name: string) => ({ $ref: two ? `#/definitions/${name}` : `#/components/schemas/${name}` });
  const responses: Record<string, Json> = {};
  for (const [name, r] of Object.entries(COMPONENTS.responses)) {
    const headers = 'challenge' in r ? { 'WWW-Authenticate': two ? { type: 'string' } : { schema: { type: 'string' } } } : undefined;
    responses[name] = two
      ? { description: r.description, ...(headers && { headers }), schema: ref(r.schema) }
      : { description: r.description, ...(headers && { headers }), content: { [r.body]: { schema: ref(r.schema) } } };
  }
  const securitySchemes: Record<string, Json> = two
    ? { bearer: { type: 'apiKey', in: 'header', name: 'Authorization' }, oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://example.com/token', scopes: { 'pets:read': 'Read pets' } } }
    : structuredClone(COMPONENTS.securitySchemes) as Record<string, Json>;
  return {
    where: two
      ? { schemas: ['definitions'], responses: ['responses'], securitySchemes: ['securityDefinitions'] }
      : { schemas: ['components', 'schemas'], responses: ['components', 'responses'], securitySchemes: ['components', 'securitySchemes'] },
    entries: { schemas: structuredClone(COMPONENTS.schemas) as Record<string, Json>, responses, securitySchemes },
  };
}

interface Block {
  section: 'Bad' | 'Good';
  line: number;
  language: string;
  text: string;
  marker?: string;
}

/** The fenced blocks of the `## Bad` and `## Good` sections, with the marker before each. */
function extractBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let section: string | undefined;
  let marker: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^##\s+(.*?)\s*$/.exec(line);
    if (heading) {
      section = heading[1] ?? '';
      marker = undefined;
      continue;
    }
    const comment = /^<!--\s*example:\s*(.*?)\s*-->\s*$/.exec(line);
    if (comment) {
      marker = comment[1] ?? '';
      continue;
    }
    const fence = /^(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (fence) {
      const [, ticks = '```', language = ''] = fence;
      const start = i;
      const close = new RegExp(`^${ticks[0]}{${ticks.length},}\\s*$`);
      const body: string[] = [];
      for (i++; i < lines.length && !close.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
      if (section === 'Bad' || section === 'Good') {
        blocks.push({ section, line: start + 1, language: language.toLowerCase(), text: body.join('\n'), marker });
      }
      marker = undefined;
      continue;
    }
    if (line.trim() !== '') marker = undefined;
  }
  return blocks;
}

interface Marker {
  skip?: string;
  kind?: Kind;
  version?: Version;
}

function readMarker(marker: string | undefined): Marker {
  if (marker === undefined) return {};
  const [head = '', ...rest] = marker.split(',').map((part) => part.trim());
  if (head === 'skip') {
    const reason = rest.join(', ');
    if (reason === '') throw new Error('a skip marker needs a reason: <!-- example: skip, REASON -->');
    return { skip: reason };
  }
  const result: Marker = {};
  for (const part of [head, ...rest]) {
    const version = /^version\s+(2\.0|3\.0|3\.1)$/.exec(part);
    if (version) result.version = version[1] as Version;
    else if ((KINDS as readonly string[]).includes(part)) result.kind = part as Kind;
    else throw new Error(`unknown marker part '${part}' in <!-- example: ${marker} -->`);
  }
  return result;
}

function classify(block: Json): Kind | undefined {
  const keys = Object.keys(block);
  if (keys.length === 0) return undefined;
  if ('openapi' in block || 'swagger' in block) return 'document';
  if (('paths' in block || 'webhooks' in block) && keys.every((key) => ROOT_KEYS.has(key))) return 'document';
  if (keys.every((key) => key.startsWith('/'))) return 'paths';
  if (keys.every((key) => METHODS.has(key))) return 'path-item';
  if ('responses' in block && keys.every((key) => OPERATION_KEYS.has(key))) return 'operation';
  if (keys.every((key) => STATUS.test(key))) return 'responses';
  return undefined;
}

function versionKey(block: Json): Version | undefined {
  if (typeof block.swagger === 'string') return '2.0';
  if (typeof block.openapi === 'string') return block.openapi.startsWith('3.0') ? '3.0' : '3.1';
  return undefined;
}

function head(version: Version): Json {
  return version === '2.0' ? { swagger: '2.0' } : { openapi: version === '3.0' ? '3.0.3' : '3.1.0' };
}

function wrap(kind: Kind, block: Json, version: Version): Json {
  const info = { title: 'Example', version: '1.0.0' };
  switch (kind) {
    case 'document':
      return versionKey(block) ? block : { ...head(version), info, ...block };
    case 'paths':
      return { ...head(version), info, paths: block };
    case 'path-item':
      return { ...head(version), info, paths: { '/items': block } };
    case 'operation':
      return { ...head(version), info, paths: { '/items': { get: block } } };
    case 'responses':
      return { ...head(version), info, paths: { '/items': { get: { responses: block } } } };
    case 'schemas': {
      const [first] = Object.keys(block);
      const at = version === '2.0' ? `#/definitions/${first}` : `#/components/schemas/${first}`;
      const response = version === '2.0'
        ? { description: 'OK', schema: { $ref: at } }
        : { description: 'OK', content: { 'application/json': { schema: { $ref: at } } } };
      const spec: Json = { ...head(version), info, paths: { '/items': { get: { responses: { '200': response } } } } };
      if (version === '2.0') spec.definitions = block;
      else spec.components = { schemas: block };
      return spec;
    }
  }
}

function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (value !== null && typeof value === 'object') {
    visit(value as Json);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

function at(spec: Json, path: string[]): Json {
  let node = spec;
  for (const key of path) node = node[key] ??= {};
  return node;
}

/** Adds the library definitions that the spec uses and does not define, until none is missing. */
function addLibrary(spec: Json, version: Version): void {
  const { where, entries } = library(version);
  const prefixes = (Object.keys(where) as LibraryKind[]).map((kind) => ({ kind, prefix: `#/${where[kind].join('/')}/` }));
  for (let added = true; added; ) {
    added = false;
    const wanted: Array<{ kind: LibraryKind; name: string }> = [];
    walk(spec, (node) => {
      if (typeof node.$ref === 'string') {
        for (const { kind, prefix } of prefixes) {
          if (node.$ref.startsWith(prefix)) wanted.push({ kind, name: node.$ref.slice(prefix.length) });
        }
      }
      if (Array.isArray(node.security)) {
        for (const requirement of node.security) {
          if (requirement && typeof requirement === 'object') for (const name of Object.keys(requirement)) wanted.push({ kind: 'securitySchemes', name });
        }
      }
    });
    for (const { kind, name } of wanted) {
      const home = at(spec, where[kind]);
      if (name in home || !(name in entries[kind])) continue;
      home[name] = structuredClone(entries[kind][name]);
      added = true;
    }
  }
}

interface Example {
  name: string;
  skip?: string;
  section: 'Bad' | 'Good';
  spec?: Json;
  /** Why the block could not be made into a spec. */
  error?: string;
}

function examplesOf(id: string, markdown: string): Example[] {
  const blocks = extractBlocks(markdown);
  const parsed = blocks.map((block) => {
    try {
      return ['yaml', 'yml', 'json'].includes(block.language) ? parse(block.text) : undefined;
    } catch {
      return undefined;
    }
  });
  const pageVersion = parsed.map((value) => (value && typeof value === 'object' ? versionKey(value) : undefined)).find(Boolean);
  return blocks.map((block, index): Example | Example[] => {
    const name = `${block.section} example at ${id}.md:${block.line}`;
    const base = { name, section: block.section };
    let marker: Marker;
    try {
      marker = readMarker(block.marker);
    } catch (error) {
      return { ...base, error: (error as Error).message };
    }
    if (marker.skip !== undefined) return { ...base, skip: marker.skip };
    if (block.language === '') return { ...base, error: 'the block has no language: label it yaml or json, or mark it <!-- example: skip, REASON -->' };
    if (!['yaml', 'yml', 'json'].includes(block.language)) return { ...base, skip: `a ${block.language} block is not a spec` };
    const value = parsed[index];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ...base, error: 'the block does not parse (as YAML or JSON) to a mapping' };
    const kind = marker.kind ?? classify(value);
    if (kind === undefined) {
      return { ...base, error: `cannot tell what the block is (keys ${Object.keys(value).join(', ')}): put <!-- example: KIND --> before it (${KINDS.join(', ')})` };
    }
    const looksSwagger2 = /"#\/(definitions|responses|parameters)\//.test(JSON.stringify(value));
    const version = versionKey(value) ?? marker.version ?? pageVersion ?? (looksSwagger2 ? '2.0' : undefined);
    // An OAS 3 fragment names no minor version: it must hold for both.
    const versions: Version[] = version ? [version] : ['3.0', '3.1'];
    return versions.map((v) => {
      const spec = wrap(kind, structuredClone(value), v);
      addLibrary(spec, v);
      return { ...base, name: version ? name : `${name} (as ${v})`, spec };
    });
  }).flat();
}

const rulesDir = join(import.meta.dirname, '..', 'rules');
const root = mkdtempSync(join(tmpdir(), 'statuslint-doc-'));
let counter = 0;
const pages = readdirSync(rulesDir).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3)).sort();

describe('rule page examples', () => {
  it('covers a page for every rule', () => {
    expect(pages).toEqual(Object.keys(rules).sort());
  });

  for (const id of pages) {
    const rule = rules[id];
    if (rule === undefined) continue; // a page without a rule: the test above fails
    const examples = examplesOf(id, readFileSync(join(rulesDir, `${id}.md`), 'utf8'));
    describe(id, () => {
      it('has Bad and Good examples', () => {
        expect(examples.filter((example) => example.section === 'Bad').length, 'Bad blocks').toBeGreaterThan(0);
        expect(examples.filter((example) => example.section === 'Good').length, 'Good blocks').toBeGreaterThan(0);
      });
      for (const example of examples) {
        if (example.skip !== undefined) {
          it.skip(`${example.name}: skipped, ${example.skip}`, () => {});
          continue;
        }
        it(example.name, async () => {
          expect(example.error, example.name).toBeUndefined();
          const folder = join(root, String(counter++));
          mkdirSync(folder);
          const file = join(folder, 'openapi.yaml');
          writeFileSync(file, stringify(example.spec));
          const result = lint([file], { rules: [{ rule, severity: rule.meta.severity }], cwd: folder });
          expect(result.failures.map((failure) => failure.describe()), 'the wrapped example loads').toEqual([]);
          expect(result.notices.map((notice) => notice.message), 'the wrapped example is read whole').toEqual([]);
          expect(result.internalErrors.map((error) => error.message)).toEqual([]);
          const findings = result.findings.filter((finding) => finding.ruleId === id);
          if (example.section === 'Bad') {
            expect(findings.length, `the Bad example makes ${id} report`).toBeGreaterThan(0);
          } else {
            expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`), `the Good example passes ${id}`).toEqual([]);
            expect((await validateStructure(file))?.detail, 'the Good example is a valid document').toBeUndefined();
          }
        });
      }
    });
  }
});
