import { describe, expect, it, vi } from 'vitest';
import { runCli } from './cli-harness.js';

// A bug outside any rule, met while one spec is linted (as a stack overflow once was, in the
// suppressions of 130,000 tagged lists): the spec is neither linted nor a failure of its input.
vi.mock('../src/engine/suppress.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/engine/suppress.js')>();
  return {
    ...original,
    collectSuppressions: (spec: Parameters<typeof original.collectSuppressions>[0]) => {
      if (spec.file.path.endsWith('clean/openapi.yaml')) throw new RangeError('Maximum call stack size exceeded');
      return original.collectSuppressions(spec);
    },
  };
});

describe('an internal error while a spec is linted', () => {
  it('is the one line said of the only spec named, not "no OpenAPI document found"; exit 2', async () => {
    const run = await runCli(['fixtures/clean/openapi.yaml']);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'statuslint: internal error while linting fixtures/clean/openapi.yaml (Maximum call stack size exceeded); please report it with --debug output',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('✖ 1 internal error; no file linted\n');
  });
});
