import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// A folder named `read-only` stands for one the user may not write to (write-refusals.ts).
vi.mock('../src/output.js', async (importOriginal) => (await import('./write-refusals.js')).refusingWrites(importOriginal));

// A spec named `saved.yaml` is saved by the user after --fix read it, just before it is written.
vi.mock('../src/fix/apply.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/fix/apply.js')>();
  return {
    ...original,
    writeChanges: (changes: Parameters<typeof original.writeChanges>[0]) => {
      for (const change of changes) if (change.path.endsWith('saved.yaml')) appendFileSync(change.path, '# saved by the user\n');
      return original.writeChanges(changes);
    },
  };
});

const { projectRoot, runCli } = await import('./cli-harness.js');

describe('--fix when a spec cannot be written', () => {
  it('says which could not be written and which were, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-eacces-'));
    mkdirSync(join(dir, 'read-only'));
    const petstore = join(projectRoot, 'fixtures/petstore/openapi.yaml');
    for (const name of ['a.yaml', 'read-only/api.yaml', 'z.yaml']) cpSync(petstore, join(dir, name));
    const run = await runCli(['--fix', '--fail-on', 'none', 'a.yaml', 'read-only/api.yaml', 'z.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: cannot write read-only/api.yaml: permission denied (EACCES)\nstatuslint: fixed 6 problems in 2 files (a.yaml, z.yaml)\n');
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toContain('Retry-After');
    expect(readFileSync(join(dir, 'z.yaml'), 'utf8')).toContain('Retry-After');
    expect(readFileSync(join(dir, 'read-only/api.yaml'), 'utf8')).toBe(readFileSync(petstore, 'utf8'));
  });

  it('reports the problems a spec it could not write still has, as the files now are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-eacces-report-'));
    mkdirSync(join(dir, 'read-only'));
    const petstore = join(projectRoot, 'fixtures/petstore/openapi.yaml');
    for (const name of ['a.yaml', 'read-only/api.yaml']) cpSync(petstore, join(dir, name));
    const run = await runCli(['--fix', '--format', 'json', 'a.yaml', 'read-only/api.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    const rules = (file: string) => (JSON.parse(run.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings.filter((finding) => finding.file === file).map((finding) => finding.ruleId);
    const plain = await runCli(['--format', 'json', 'read-only/api.yaml'], { cwd: dir });
    const unfixed = (JSON.parse(plain.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((finding) => finding.ruleId);
    expect(unfixed).toContain('require-retry-after');
    expect(rules('read-only/api.yaml')).toEqual(unfixed);
    expect(rules('a.yaml')).not.toContain('require-retry-after');
  });

  it('does not write over a spec saved after it was read: says so, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-saved-'));
    const petstore = join(projectRoot, 'fixtures/petstore/openapi.yaml');
    cpSync(petstore, join(dir, 'saved.yaml'));
    const run = await runCli(['--fix', '--fail-on', 'none', 'saved.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: saved.yaml changed while statuslint read it; not fixed, run --fix again\n');
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'saved.yaml'), 'utf8')).toBe(`${readFileSync(petstore, 'utf8')}# saved by the user\n`);
  });
});
