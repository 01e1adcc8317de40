// Linting many specs on worker threads must give exactly what linting them in one thread
// gives: findings in the same order, failures, notices once. Workers run the compiled code,
// so this test needs `npm run build` (as `npm test` does).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lint, type LintResult } from '../src/lint.js';
import { projectRoot } from './cli-harness.js';

const compiled = join(projectRoot, 'dist', 'src', 'lint.js');

function spec(index: number): Record<string, unknown> {
  const unauthorized = index % 3 === 0 ? { $ref: 'shared.yaml#/Unauthorized' } : { description: `Unauthorized ${index}` };
  return {
    openapi: '3.1.0',
    info: { title: `Spec ${index}`, version: '1' },
    paths: {
      [`/items/${index}`]: {
        get: { responses: { '200': { description: 'OK' }, '401': unauthorized, ...(index % 4 === 0 ? { '403': { $ref: 'https://example.com/errors.yaml#/Forbidden' } } : {}) } },
      },
    },
  };
}

function comparable(result: LintResult): unknown {
  return { ...result, failures: result.failures.map((failure) => failure.describe(projectRoot)) };
}

describe('lintParallel', () => {
  it('gives the same result as lint() on 40 specs sharing files', async () => {
    expect(existsSync(compiled), 'run `npm run build` first').toBe(true);
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-parallel-'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'shared.yaml'), stringify({ Unauthorized: { description: 'Shared unauthorized', $comment: 'no WWW-Authenticate' } }));
    const paths: string[] = [];
    for (let index = 0; index < 40; index++) {
      const path = join(folder, index % 2 ? `spec-${index}.yaml` : `spec-${index}.json`);
      writeFileSync(path, index % 2 ? stringify(spec(index)) : JSON.stringify(spec(index), null, 2));
      paths.push(path);
    }
    writeFileSync(join(folder, 'broken.yaml'), 'openapi: 3.1.0\npaths:\n  /a: {}\n  /a: {}\n');
    paths.splice(7, 0, join(folder, 'broken.yaml'), join(folder, 'missing.yaml'));

    const { lintParallel } = (await import(compiled)) as typeof import('../src/lint.js');
    const parallel = await lintParallel(paths, { cwd: folder, threads: 2 });
    const sequential = lint(paths, { cwd: folder });
    expect(sequential.findings.length).toBeGreaterThan(20);
    expect(sequential.failures).toHaveLength(2);
    expect(sequential.notices.length).toBeGreaterThan(0);
    expect(comparable(parallel)).toStrictEqual(comparable(sequential));
  });
});
