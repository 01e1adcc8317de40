// The specs the tests of lintParallel lint on worker threads (lint-parallel.test.ts, in this
// process, and lint-parallel-cli.test.ts, through the CLI), and how their results compare.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

type LintResult = import('../src/lint.js').LintResult;

/** Everything but `fixes` (parsed nodes, which stay in their thread) and the thrown values themselves. */
export function comparable(result: LintResult, cwd: string): unknown {
  const { fixes: _fixes, ...rest } = result;
  return {
    ...rest,
    failures: result.failures.map((failure) => failure.describe(cwd)),
    internalErrors: result.internalErrors.map(({ error: _error, ...bug }) => bug),
    rules: result.rules.map((rule) => rule.id),
  };
}

function operationSpec(index: number): Record<string, unknown> {
  const unauthorized = index % 3 === 0 ? { $ref: 'shared.yaml#/components/responses/Unauthorized' } : { description: `Unauthorized ${index}` };
  const get: Record<string, unknown> = {
    responses: {
      '200': { description: 'OK' },
      '401': unauthorized,
      ...(index % 4 === 0 ? { '403': { $ref: 'https://example.com/errors.yaml#/Forbidden' } } : {}),
      ...(index % 5 === 0 ? { '429': { $ref: 'limits.yaml#/components/responses/TooMany' } } : {}),
    },
  };
  if (index % 7 === 0) get['x-statuslint-ignore'] = ['require-retry-after', 'no-such-rule'];
  return {
    openapi: index % 2 ? '3.1.0' : '3.0.3',
    info: { title: `Spec ${index}`, version: '1' },
    security: [{ key: [] }],
    paths: { [`/items/${index}`]: { get } },
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
  };
}

/** A folder of 30 specs sharing fragments, with the inputs a real folder has besides specs. */
export function generatedFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-parallel-'));
  mkdirSync(join(folder, 'specs'));
  const components = (responses: Record<string, unknown>): Record<string, unknown> => ({ openapi: '3.1.0', info: { title: 'Shared', version: '1' }, components: { responses } });
  // A shared fragment (components only, referenced): skipped as a root, linted through its users.
  writeFileSync(join(folder, 'specs', 'shared.yaml'), stringify(components({ Unauthorized: { description: 'Shared unauthorized' } })));
  // Components only and referenced by nobody: linted as a spec of its own.
  writeFileSync(join(folder, 'specs', 'lonely.yaml'), stringify(components({ Gone: { description: 'Gone' } })));
  // A shared file with a broken $ref: every spec that reaches it fails.
  writeFileSync(join(folder, 'specs', 'limits.yaml'), stringify({ components: { responses: { TooMany: { $ref: '#/components/responses/Missing' } } } }));
  // Not OpenAPI.
  writeFileSync(join(folder, 'specs', 'package.json'), JSON.stringify({ name: 'not-a-spec' }));
  // A broken spec.
  writeFileSync(join(folder, 'specs', 'broken.yaml'), 'openapi: 3.1.0\npaths:\n  /a: {}\n  /a: {}\n');
  for (let index = 0; index < 30; index++) {
    const name = join(folder, 'specs', index % 2 ? `spec-${String(index).padStart(2, '0')}.yaml` : `spec-${String(index).padStart(2, '0')}.json`);
    writeFileSync(name, index % 2 ? stringify(operationSpec(index)) : JSON.stringify(operationSpec(index), null, 2));
  }
  return folder;
}

/** The 30 specs of generatedFolder(`folder`), in name order. */
export function generatedSpecs(folder: string): string[] {
  return Array.from({ length: 30 }, (_, index) => join(folder, 'specs', index % 2 ? `spec-${String(index).padStart(2, '0')}.yaml` : `spec-${String(index).padStart(2, '0')}.json`));
}

/**
 * 30 specs sharing common/responses.yaml (where B is an alias of A), with x-statuslint-ignore
 * lists on operations, responses and beside $refs, and where none is read, used and unused.
 */
export function suppressionsFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-suppressions-'));
  mkdirSync(join(folder, 'common'));
  const common = [
    'Unauthorized: {description: Unauthorized}',
    'TooMany: {description: Too many}',
    'Suppressed: {description: Too many, x-statuslint-ignore: [require-retry-after, require-www-authenticate]}',
    'Chained: {$ref: "#/TooMany", x-statuslint-ignore: [require-retry-after]}',
    'A: &a',
    '  description: Aliased',
    '  x-statuslint-ignore: [require-retry-after]',
    '  content: {application/json: {schema: {type: object}}}',
    'B: *a',
    '',
  ];
  writeFileSync(join(folder, 'common', 'responses.yaml'), common.join('\n'));
  const use = (name: string, list?: unknown[]): Record<string, unknown> => ({ $ref: `common/responses.yaml#/${name}`, ...(list ? { 'x-statuslint-ignore': list } : {}) });
  const variants: Array<Record<string, unknown>> = [
    { '401': use('Unauthorized'), '429': use('TooMany') },
    { '401': use('Unauthorized', [{ rule: 'require-www-authenticate', reason: 'gateway' }]), '429': use('TooMany', ['require-retry-after']) },
    { '429': use('Suppressed', ['require-retry-after']) },
    { '429': use('Chained'), '503': use('TooMany', ['require-retry-aftr']) },
    // A problem inside the anchored node, reached as A by some specs and as B by others.
    { '429': use('A'), '204': use('B') },
    { '204': use('A'), '400': { description: 'bad', 'x-statuslint-ignore': 'require-retry-after' } },
    { '429': { description: 'slow', 'x-statuslint-ignore': [{ rule: 'require-retry-after', why: 'x' }, 42, 'unused-suppression'] } },
  ];
  for (let index = 0; index < 30; index++) {
    const misplaced = index % 4 === 0 ? { 'x-statuslint-ignore': ['require-retry-after'] } : {};
    const operation = index % 3 === 0 ? { 'x-statuslint-ignore': ['require-retry-after', 'require-www-authenticate'] } : {};
    const spec = {
      openapi: index % 2 ? '3.1.0' : '3.0.3',
      ...misplaced,
      info: { title: `Spec ${index}`, version: '1' },
      paths: { [`/items/${index}`]: { ...misplaced, get: { ...operation, responses: { ...misplaced, '200': { description: 'ok' }, ...variants[index % variants.length] } } } },
    };
    writeFileSync(join(folder, `spec-${String(index).padStart(2, '0')}.yaml`), stringify(spec));
  }
  return folder;
}

/**
 * B repeats A, whose entry silences nothing, and D repeats C, whose body a 204 cannot have;
 * a.yaml names them as B and D, b.yaml as A and C. Keyed by one pointer whatever the order.
 */
export function aliasOrderFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-alias-order-'));
  writeFileSync(join(folder, 'shared.yaml'), 'A: &a\n  description: Fine\n  x-statuslint-ignore: [require-retry-after]\nB: *a\nC: &c\n  description: Nothing\n  content: {application/json: {}}\nD: *c\n');
  const spec = (path: string, ok: string, none: string): string =>
    stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { [path]: { get: { responses: { 200: { $ref: `shared.yaml#/${ok}` }, 204: { $ref: `shared.yaml#/${none}` }, 400: { description: 'bad' } } } } } });
  writeFileSync(join(folder, 'a.yaml'), spec('/a', 'B', 'D'));
  writeFileSync(join(folder, 'b.yaml'), spec('/b', 'A', 'C'));
  return folder;
}
