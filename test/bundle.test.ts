// bin/statuslint.js runs the bundle (dist/bundle, scripts/bundle.mjs), not the modules the other
// tests import: what users run must do what the tested sources do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot, runBinary, runCli } from './cli-harness.js';

describe('the bundled CLI', () => {
  it('is what bin/statuslint.js runs', () => {
    const bin = readFileSync(join(projectRoot, 'bin', 'statuslint.js'), 'utf8');
    expect(bin).toContain("'../dist/bundle/cli.js'");
    expect(bin).toContain("'../dist/bundle/early-worker.js'");
  });

  it('finds its worker module beside it (else lintParallel would quietly use one thread)', async () => {
    const early = (await import(pathToFileURL(join(projectRoot, 'dist', 'bundle', 'early-worker.js')).href)) as typeof import('../src/early-worker.js');
    expect(early.WORKER_URL.href).toBe(pathToFileURL(join(projectRoot, 'dist', 'bundle', 'lint-worker.js')).href);
    expect(existsSync(early.WORKER_URL)).toBe(true);
  });

  it('prints what the sources print, in every format, on the fixtures and on one worker thread or none', async () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const expected = await runCli(['--format', format, 'fixtures/']);
      expect(expected.stdout.length).toBeGreaterThan(100);
      for (const threads of ['1', '2']) {
        const bundled = runBinary(['--format', format, 'fixtures/'], { env: { STATUSLINT_THREADS: threads } });
        expect({ format, threads, ...bundled }).toStrictEqual({ format, threads, ...expected });
      }
    }
  });
});
