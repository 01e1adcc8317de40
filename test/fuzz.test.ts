import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { projectRoot, runCli, type CliRun } from './cli-harness.js';

// Property-based fuzzing through the whole CLI: take valid specs, mutate them (delete,
// duplicate, retype and rename nodes, break $refs, damage the text), and check that every run
// ends with exit 0, 1 or 2, a well-formed report, one clean line per problem and no internal
// error, within a time bound. `npm test` runs a few dozen cases; `npm run fuzz` runs thousands
// (FUZZ_RUNS). A failure prints the seed and the shrunk mutation list to replay it.

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SECONDS_PER_RUN = 5;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

interface Seed {
  /** Folder under fixtures/ copied for each case (multi-file specs need their neighbours). */
  folder: string;
  /** The spec linted, relative to the folder. */
  spec: string;
  /** The file mutated: the spec, or a file it references. */
  mutate: string;
}

const SEEDS: Seed[] = [
  { folder: 'petstore', spec: 'openapi.yaml', mutate: 'openapi.yaml' },
  { folder: 'clean', spec: 'openapi.yaml', mutate: 'openapi.yaml' },
  { folder: 'swagger2', spec: 'swagger.yaml', mutate: 'swagger.yaml' },
  { folder: 'multi-file', spec: 'openapi.yaml', mutate: 'openapi.yaml' },
  { folder: 'multi-file', spec: 'openapi.yaml', mutate: 'paths/users.yaml' },
  { folder: 'multi-file', spec: 'openapi.yaml', mutate: 'common/responses.yaml' },
];

/** Values that have broken linters: wrong types, empty shapes, odd keys, hostile $refs. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, 401, '401', '', ' ', 'default', '4XX', [], {}, [null], { '': null }),
  fc.constantFrom<Json>(
    { $ref: '#/components/schemas/Nope' },
    { $ref: '#' },
    { $ref: '#/' },
    { $ref: '' },
    { $ref: '#/paths' },
    { $ref: '#/info/title' },
    { $ref: '#anchor' },
    { $ref: './nope.yaml' },
    { $ref: './common/responses.yaml#/NotFound' },
    { $ref: 'https://example.com/x.yaml' },
    { $ref: '../../../../../../etc/passwd' },
    { $ref: '%E0%A4%A' },
    { $ref: 42 as unknown as string },
  ),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$ref', '', '200', '2XX', '999', 'default', 'x-ext', 'WWW-Authenticate', 'content', 'schema', 'responses', 'paths', '~1', '/'),
  fc.string({ maxLength: 8 }),
);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'retype'; at: number; value: Json }
  | { kind: 'duplicate'; at: number; to: number; key: string }
  | { kind: 'rename'; at: number; key: string }
  | { kind: 'alias'; at: number; to: number }
  | { kind: 'self-ref'; at: number; to: number };

type TextMutation =
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), to: fc.nat(), key: oddKey }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), key: oddKey }),
  fc.record({ kind: fc.constant('alias' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('self-ref' as const), at: fc.nat(), to: fc.nat() }),
);

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('{', '[', '"', "'", ':', '- ', '\t', '\n  ', '&a ', '*a', '!!js/function ', '\u0000', '\ufeff', '---\n', '<<: *a\n')) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

const fuzzCase = fc.record({
  seed: fc.nat({ max: SEEDS.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
  // Damaged text mostly stops at the parser: keep it to a quarter of the cases.
  text: fc.oneof({ arbitrary: fc.constant<TextMutation[]>([]), weight: 3 }, { arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }), weight: 1 }),
  format: fc.constantFrom('yaml', 'json'),
});

function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return value !== null && typeof value === 'object';
}

/** Every node's path, the root first. */
function paths(root: Json): Path[] {
  const out: Path[] = [];
  const visit = (value: Json, path: Path): void => {
    out.push(path);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (isContainer(value)) for (const key of Object.keys(value)) visit(value[key]!, [...path, key]);
  };
  visit(root, []);
  return out;
}

function get(root: Json, path: Path): Json {
  let node = root;
  for (const step of path) node = (node as Record<string | number, Json>)[step]!;
  return node;
}

function set(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : value;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(last as number, 1);
    else parent[last as number] = value;
  } else if (value === undefined) {
    delete parent[last];
  } else {
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

function pointer(path: Path): string {
  return '#' + path.map((step) => '/' + String(step).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function mutate(original: Json, mutations: Mutation[]): Json {
  let root = structuredClone(original);
  for (const change of mutations) {
    const all = paths(root);
    const at = all[change.at % all.length]!;
    const to = 'to' in change ? all[change.to % all.length]! : at;
    switch (change.kind) {
      case 'delete':
        root = set(root, at, undefined);
        break;
      case 'retype':
        root = set(root, at, structuredClone(change.value));
        break;
      case 'duplicate': {
        const target = get(root, to);
        if (isContainer(target) && !Array.isArray(target)) set(root, [...to, change.key], structuredClone(get(root, at)));
        else if (Array.isArray(target)) target.push(structuredClone(get(root, at)));
        break;
      }
      case 'rename': {
        if (at.length === 0 || typeof at[at.length - 1] !== 'string') break;
        const value = get(root, at);
        root = set(root, at, undefined);
        root = set(root, [...at.slice(0, -1), change.key], value);
        break;
      }
      case 'alias':
        // The same node at two places (YAML writes it out twice or as an alias).
        // Never into itself: that is a cycle, which neither JSON nor YAML can write.
        if (to.length > 0 && !contains(get(root, at), get(root, to.slice(0, -1)))) root = set(root, to, get(root, at));
        break;
      case 'self-ref':
        // A $ref to some node, possibly itself or an ancestor: loops and odd targets.
        if (at.length > 0) root = set(root, at, { $ref: pointer(to) });
        break;
    }
  }
  return root;
}

/** Is `needle` (by identity) `haystack` or somewhere inside it? */
function contains(haystack: Json, needle: Json): boolean {
  if (haystack === needle) return true;
  if (!isContainer(haystack)) return false;
  return Object.values(haystack).some((child) => contains(child, needle));
}

function damage(text: string, changes: readonly TextMutation[]): string {
  let out = text;
  for (const change of changes) {
    const at = out.length === 0 ? 0 : change.at % out.length;
    if (change.kind === 'cut') out = out.slice(0, at) + out.slice(at + change.length);
    else if (change.kind === 'insert') out = out.slice(0, at) + change.text + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

/** What every run must look like, whatever the input. */
function checkRun(run: CliRun, label: string): void {
  expect([0, 1, 2], label).toContain(run.code);
  const lines = run.stderr === '' ? [] : run.stderr.replace(/\n$/, '').split('\n');
  for (const line of lines) {
    expect(line, label).toMatch(/^statuslint: \S/);
    expect(line, label).not.toMatch(/internal error/);
  }
  if (run.code === 2) expect(lines.some((line) => !line.startsWith('statuslint: warning: ')), label).toBe(true);
  if (run.stdout === '') {
    expect(run.code, label).toBe(2);
    return;
  }
  const report = JSON.parse(run.stdout) as { findings: unknown; summary: Record<string, unknown> };
  expect(Array.isArray(report.findings), label).toBe(true);
  expect(typeof report.summary.files, label).toBe('number');
  for (const finding of report.findings as Array<Record<string, unknown>>) {
    expect(finding, label).toMatchObject({ ruleId: expect.any(String), message: expect.any(String), file: expect.any(String), pointer: expect.any(String) });
    expect(finding.line as number, label).toBeGreaterThanOrEqual(1);
    expect(finding.column as number, label).toBeGreaterThanOrEqual(1);
  }
  if (run.code === 1) expect((report.findings as unknown[]).length, label).toBeGreaterThan(0);
}

const work = mkdtempSync(join(tmpdir(), 'statuslint-fuzz-'));
let caseNumber = 0;
/** Outcomes of the long run (`npm run fuzz`), to see that mutations reach past the parser. */
const outcomes = new Map<string, number>();

function tally(run: CliRun): void {
  const reason = run.stderr
    .split('\n')
    .find((line) => line !== '' && !line.includes(': warning: '))
    ?.replace(/^statuslint: [^:]+(:\d+:\d+)?: /, '')
    .replace(/: \S*statuslint-fuzz-.*?: /, ': <file>: ')
    .replace(/'[^']*'|"[^"]*"|\d+/g, '…')
    .slice(0, 70);
  const key = `exit ${run.code}${reason ? `: ${reason}` : ''}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

describe('fuzz: mutated specs through the CLI', () => {
  it(`${RUNS} mutated specs end in exit 0, 1 or 2 with a well-formed report`, { timeout: 30_000 + RUNS * SECONDS_PER_RUN * 1000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async ({ seed, mutations, text, format }) => {
        const { folder, spec, mutate: mutated } = SEEDS[seed]!;
        const dir = join(work, String(caseNumber++));
        cpSync(join(projectRoot, 'fixtures', folder), dir, { recursive: true });
        const value = mutate(parse(readFileSync(join(dir, mutated), 'utf8')) as Json, mutations);
        // A referenced file keeps its name (and so stays YAML); JSON is written out as JSON.
        const asJson = format === 'json' && mutated === spec;
        const serialised = asJson ? JSON.stringify(value, null, 2) : stringify(value, { aliasDuplicateObjects: true });
        const target = asJson ? spec.replace(/\.ya?ml$/, '.json') : spec;
        writeFileSync(join(dir, asJson ? target : mutated), damage(serialised, text));
        const started = Date.now();
        const run = await runCli(['--format', 'json', target], { cwd: dir });
        const label = `${folder}/${mutated} in ${dir}`;
        expect(Date.now() - started, label).toBeLessThan(SECONDS_PER_RUN * 1000);
        checkRun(run, label);
        tally(run);
        // Let vitest's worker answer its runner between cases on long runs.
        await new Promise((resolve) => setImmediate(resolve));
      }),
      { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
    );
    if (process.env.FUZZ_RUNS) {
      const rows = [...outcomes].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([key, count]) => `${String(count).padStart(6)}  ${key}`);
      console.log(`fuzz outcomes over ${RUNS} runs:\n${rows.join('\n')}`);
    }
  });

  it('every seed lints clean of errors before mutation (the fuzz starts from valid specs)', async () => {
    for (const { folder, spec } of SEEDS) {
      const run = await runCli(['--format', 'json', join('fixtures', folder, spec)]);
      expect(run.stderr, `${folder}/${spec}`).toBe('');
      expect([0, 1]).toContain(run.code);
    }
  });
});
