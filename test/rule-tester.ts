import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkOptions } from '../src/engine/options.js';
import type { Rule } from '../src/engine/types.js';
import { fixSpecs } from '../src/fix/apply.js';
import { lint, type LintResult } from '../src/lint.js';

export type Version = '2.0' | '3.0' | '3.1' | '3.2';
export const VERSIONS: readonly Version[] = ['2.0', '3.0', '3.1', '3.2'];

type Json = Record<string, unknown>;

/** Extra files for multi-file specs, by relative name; objects are written as YAML. */
export type Files = Record<string, Json | string>;

export interface ValidCase {
  name: string;
  spec: Json;
  files?: Files;
  options?: object;
}

export interface ExpectedError {
  messageId: string;
  /** JSON pointer of the finding; `file#pointer` when it is in another file. */
  at: string;
  /** Line of the finding, when the case pins it. */
  line?: number;
  /** The finding's message as a user reads it, when the case pins the wording. */
  message?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The spec after `--fix` with this rule alone, when the case pins what the fix writes. */
  fixed?: Json;
}

const root = mkdtempSync(join(tmpdir(), 'statuslint-rule-'));
let counter = 0;

/** Writes the case's spec (as YAML) and extra files into a fresh folder; returns the folder. */
function writeCase(testCase: ValidCase): string {
  const folder = join(root, String(counter++));
  mkdirSync(folder, { recursive: true });
  for (const [name, content] of Object.entries({ ...testCase.files, 'openapi.yaml': testCase.spec })) {
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  }
  return folder;
}

function enabled(rule: Rule<any>, testCase: ValidCase) {
  return [{ rule, severity: rule.meta.severity, options: testCase.options }];
}

/** Writes the case's spec (as YAML) and extra files into a fresh folder and lints it with one rule. */
export function lintCase(rule: Rule<any>, testCase: ValidCase): LintResult {
  const folder = writeCase(testCase);
  return lint([join(folder, 'openapi.yaml')], { rules: enabled(rule, testCase), cwd: folder });
}

/** The case's spec as `--fix` with this rule alone leaves it, parsed. */
export async function fixCase(rule: Rule<any>, testCase: ValidCase): Promise<unknown> {
  const folder = writeCase(testCase);
  const spec = join(folder, 'openapi.yaml');
  const outcome = await fixSpecs([spec], { rules: enabled(rule, testCase), cwd: folder, threads: 1 });
  const change = outcome.changes.find((candidate) => candidate.path === spec);
  return change ? parse(change.after) : testCase.spec;
}

/**
 * One vitest case per entry, through the real loader and engine (ESLint's RuleTester).
 * Asserts message ids and pointers; the wording and the fixed spec where a case gives them.
 */
export function testRule(rule: Rule<any>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  // Options are checked inside each case, so that a wrong schema fails the cases that use it
  // rather than the collection of the whole file.
  const lintChecked = (testCase: ValidCase): LintResult => {
    if (testCase.options && rule.meta.schema) expect(checkOptions(testCase.options, rule.meta.schema), `options of '${testCase.name}'`).toEqual([]);
    return lintCase(rule, testCase);
  };
  describe(rule.id, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        it(testCase.name, () => {
          const result = lintChecked(testCase);
          expect(result.failures.map((failure) => failure.describe())).toEqual([]);
          // A rule that throws reports nothing: without this, a crash would pass as valid.
          expect(result.internalErrors.map((error) => error.message)).toEqual([]);
          expect(result.findings.map((finding) => `${finding.messageId} at ${finding.pointer}: ${finding.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, async () => {
          const result = lintChecked(testCase);
          expect(result.failures.map((failure) => failure.describe())).toEqual([]);
          expect(result.internalErrors.map((error) => error.message)).toEqual([]);
          for (const error of testCase.errors) {
            expect(Object.keys(rule.meta.messages), `message id of '${testCase.name}'`).toContain(error.messageId);
          }
          const actual = result.findings.map((finding) => {
            const at = finding.file === 'openapi.yaml' ? finding.pointer : `${finding.file}#${finding.pointer}`;
            return { messageId: finding.messageId, at, line: finding.line, message: finding.message };
          });
          const expected = testCase.errors.map(({ messageId, at }) => ({ messageId, at }));
          expect(sortByAt(actual.map(({ messageId, at }) => ({ messageId, at })))).toEqual(sortByAt(expected));
          for (const error of testCase.errors) {
            if (error.line === undefined && error.message === undefined) continue;
            const match = actual.find((finding) => finding.at === error.at && finding.messageId === error.messageId);
            if (error.line !== undefined) expect(match?.line, `line of ${error.at}`).toBe(error.line);
            if (error.message !== undefined) expect(match?.message, `message at ${error.at}`).toBe(error.message);
          }
          if (testCase.fixed !== undefined) expect(await fixCase(rule, testCase)).toEqual(testCase.fixed);
        });
      }
    });
  });
}

function sortByAt<T extends { at: string; messageId: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.at + a.messageId < b.at + b.messageId ? -1 : 1));
}

export interface OperationShape {
  method?: string;
  path?: string;
  /** Operation fields besides responses (e.g. `security`, `requestBody`, `parameters`). */
  operation?: Json;
  /** Top-level fields to add (e.g. `security`, `components`, `securityDefinitions`). */
  root?: Json;
}

/** A minimal spec of `version` with one operation and the given responses. */
export function withResponses(version: Version, responses: Json, shape: OperationShape = {}): Json {
  const method = shape.method ?? 'get';
  const path = shape.path ?? '/items';
  const head = version === '2.0' ? { swagger: '2.0' } : { openapi: ({ '3.0': '3.0.3', '3.1': '3.1.0', '3.2': '3.2.0' } as const)[version] };
  return {
    ...head,
    info: { title: 'Test', version: '1.0.0' },
    ...shape.root,
    paths: { [path]: { [method]: { ...shape.operation, responses } } },
  };
}

/** As `withResponses`, with no `responses` member at all (optional from OAS 3.1 on). */
export function withoutResponses(version: Version, shape: OperationShape = {}): Json {
  const method = shape.method ?? 'get';
  const path = shape.path ?? '/items';
  const spec = withResponses(version, {}, shape);
  const { responses: _, ...operation } = (spec.paths as Record<string, Record<string, Json>>)[path]![method]!;
  return { ...spec, paths: { [path]: { [method]: operation } } };
}

/** Whether `responses` may be left out of an operation: from OAS 3.1 on. */
export function responsesOptional(version: Version): boolean {
  return version === '3.1' || version === '3.2';
}

/** A response with a JSON body of `schema`, shaped for the version. */
export function jsonResponse(version: Version, schema: Json, extra: Json = {}): Json {
  return version === '2.0'
    ? { description: 'ok', ...extra, schema }
    : { description: 'ok', ...extra, content: { 'application/json': { schema } } };
}

/** A header map entry shaped for the version (2.0 headers have a `type`, 3.x a `schema`). */
export function header(version: Version, type = 'string'): Json {
  return version === '2.0' ? { type } : { schema: { type } };
}

/** A 200 as an API gateway exports its answer to a CORS preflight: the headers named, as the version writes one. */
export function preflightAnswer(version: Version, names: readonly string[] = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers']): Json {
  return { 200: { description: '200 response', headers: Object.fromEntries(names.map((name) => [name, header(version)])) } };
}

/**
 * `METHOD /a` answering `status` with `response` written inline, and `GET /b` naming that
 * response through `$ref` as its `other`: a response met twice, as bundlers write it.
 */
export function namedInline(version: Version, use: { status: string; response: Json; other: string; method?: string; root?: Json }): Json {
  const method = use.method ?? 'get';
  return {
    ...withResponses(version, {}),
    ...use.root,
    paths: {
      '/a': { [method]: { responses: { [use.status]: use.response } } },
      '/b': { get: { responses: { [use.other]: { $ref: `#/paths/~1a/${method}/responses/${use.status}` } } } },
    },
  };
}

/** Where shared responses live in each version. */
export function responsesRef(version: Version, name: string): string {
  return version === '2.0' ? `#/responses/${name}` : `#/components/responses/${name}`;
}

export function sharedResponses(version: Version, responses: Json): Json {
  return version === '2.0' ? { responses } : { components: { responses } };
}

/** Where shared schemas live in each version. */
export function schemaRef(version: Version, name: string): string {
  return version === '2.0' ? `#/definitions/${name}` : `#/components/schemas/${name}`;
}

export function sharedSchemas(version: Version, schemas: Json): Json {
  return version === '2.0' ? { definitions: schemas } : { components: { schemas } };
}

/** A request body for the operation, shaped for the version. */
export function requestBody(version: Version, schema: Json = { type: 'object' }): Json {
  return version === '2.0'
    ? { consumes: ['application/json'], parameters: [{ name: 'body', in: 'body', required: true, schema }] }
    : { requestBody: { content: { 'application/json': { schema } } } };
}
