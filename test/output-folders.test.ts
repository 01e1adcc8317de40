import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// A disk that fills up while the report is written: any file written below a folder named
// `full-disk` fails as /dev/full does. A folder named `raced` is made by another process just
// before this one makes it.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const full = (path: unknown) => typeof path === 'string' && path.includes(`${sep}full-disk${sep}`);
  return {
    ...actual,
    mkdirSync: (path: unknown, ...rest: unknown[]) => {
      if (typeof path === 'string' && path.endsWith(`${sep}raced`)) {
        actual.mkdirSync(path);
        throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${path}'`), { code: 'EEXIST' });
      }
      return (actual.mkdirSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
    writeFileSync: (path: unknown, ...rest: unknown[]) => {
      if (full(path)) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return (actual.writeFileSync as (...args: unknown[]) => void)(path, ...rest);
    },
  };
});

const { project, projectRoot, runCli } = await import('./cli-harness.js');

const petstore = readFileSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), 'utf8');

describe('--output into folders that do not exist yet', () => {
  it('creates them, as ESLint --output-file does, and writes the report there', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    const run = await runCli(['--format', 'sarif', '--output', 'reports/ci/statuslint.sarif', 'openapi.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'reports/ci/statuslint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(join(dir, 'reports/ci'))).toEqual(['statuslint.sarif']);
  });

  it('creates them for a --fix-dry-run diff too, which --output also names', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    const run = await runCli(['--fix-dry-run', '--output', 'out/fixes.diff', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'out/fixes.diff'), 'utf8')).toMatch(/^--- a\/openapi\.yaml/);
  });

  it('names the file that stands where a folder should be, and creates nothing', async () => {
    const dir = project({ 'openapi.yaml': petstore, reports: 'not a folder' });
    for (const output of ['reports/statuslint.json', 'reports/ci/statuslint.json']) {
      const run = await runCli(['--format', 'json', '--output', output, 'openapi.yaml'], { cwd: dir });
      expect(run.stderr, output).toBe(`statuslint: cannot write ${output}: reports is a file, not a folder (ENOTDIR)\n`);
      expect(run.code, output).toBe(2);
    }
    expect(readdirSync(dir).sort()).toEqual(['openapi.yaml', 'reports']);
  });

  it('names a symbolic link to nothing on the way, which it cannot make a folder of', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    symlinkSync('gone', join(dir, 'reports'));
    const run = await runCli(['--format', 'json', '--output', 'reports/ci/report.json', 'openapi.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: cannot write reports/ci/report.json: cannot create the folder reports: it is a symbolic link to nothing (EEXIST)\n');
    expect(run.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['openapi.yaml', 'reports']);
  });

  it('removes the folders it made when the report cannot be written', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    const run = await runCli(['--format', 'json', '--output', 'reports/full-disk/report.json', 'openapi.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: cannot write reports/full-disk/report.json: no space left on the device (ENOSPC)\n');
    expect(run.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['openapi.yaml']);
  });

  it('takes a folder that another run made meanwhile (two reports into one new folder)', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    const run = await runCli(['--format', 'json', '--output', 'reports/raced/report.json', 'openapi.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'reports/raced/report.json'), 'utf8')).summary.files).toBe(1);
  });

  it('refuses an --output that names a folder (a final slash, . or ..), before linting', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    for (const output of ['reports/', 'reports/.', 'reports/ci/..', '.', '..']) {
      const run = await runCli(['--output', output, 'openapi.yaml'], { cwd: dir });
      expect(run.stderr, output).toBe(`statuslint: --output ${output} names a folder; give the report's file name\n`);
      expect(run.code, output).toBe(2);
    }
    expect(readdirSync(dir)).toEqual(['openapi.yaml']);
    // A name that only starts with a dot, or a path through ./, is a file.
    for (const output of ['./reports/a.txt', '.report.txt', 'reports/.b.txt']) {
      const run = await runCli(['--output', output, 'openapi.yaml'], { cwd: dir });
      expect([run.code, run.stderr], output).toEqual([1, '']);
      expect(existsSync(join(dir, output)), output).toBe(true);
    }
  });

  it('takes -o - for standard output, and refuses --write-baseline - which would mix into it', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    const run = await runCli(['-f', 'json', '-o', '-', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).summary.files).toBe(1);
    const refused = await runCli(['--write-baseline', '-', 'openapi.yaml'], { cwd: dir });
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, '', "statuslint: --write-baseline - would mix the baseline into the report on standard output; give the baseline's file name\n"]);
    expect(readdirSync(dir)).toEqual(['openapi.yaml']);
  });

  it('makes the folders --write-baseline needs too, and refuses one that names a folder before linting', async () => {
    const dir = project({ 'openapi.yaml': petstore });
    const run = await runCli(['--write-baseline', 'baselines/ci/statuslint.json', 'openapi.yaml'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, 'statuslint: wrote 6 entries to baselines/ci/statuslint.json\n']);
    expect(JSON.parse(readFileSync(join(dir, 'baselines/ci/statuslint.json'), 'utf8')).entries).toHaveLength(6);
    for (const baseline of ['other/', 'other/.', 'other/x/..']) {
      const refused = await runCli(['--write-baseline', baseline, 'openapi.yaml'], { cwd: dir });
      expect([refused.code, refused.stderr], baseline).toEqual([2, `statuslint: --write-baseline ${baseline} names a folder; give the baseline's file name\n`]);
    }
    expect(existsSync(join(dir, 'other'))).toBe(false);
    // A file where a folder should be is named, and nothing is made.
    const blocked = await runCli(['--write-baseline', 'openapi.yaml/b.json', 'openapi.yaml'], { cwd: dir });
    expect([blocked.code, blocked.stderr]).toEqual([2, 'statuslint: cannot write openapi.yaml/b.json: openapi.yaml is a file, not a folder (ENOTDIR)\n']);
  });
});
