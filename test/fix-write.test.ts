import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixSpecs, writeChanges } from '../src/fix/apply.js';
import { projectRoot } from './cli-harness.js';

const USER_EDIT = '# saved by the user during the run\n';

function petstore(): { dir: string; spec: string } {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-write-'));
  const spec = join(dir, 'api.yaml');
  cpSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), spec);
  return { dir, spec };
}

describe('--fix writing the specs', () => {
  it('does not write over a spec saved after it was read, and says so', async () => {
    const { spec } = petstore();
    const outcome = await fixSpecs([spec]);
    expect(outcome.changes).toHaveLength(1);
    appendFileSync(spec, USER_EDIT);
    const saved = readFileSync(spec, 'utf8');
    const report = writeChanges(outcome.changes);
    expect(report.written).toEqual([]);
    expect(report.unwritten.map(({ change, reason }) => [change.path, reason])).toEqual([[spec, 'changed while statuslint read it; not fixed, run --fix again']]);
    expect(readFileSync(spec, 'utf8')).toBe(saved);
  });

  it('fails the run when the spec is saved while the fixed text is being written', () => {
    const { dir, spec } = petstore();
    // The user saves the spec at the worst moment: as the fixed text goes to its temporary file.
    const hook = join(dir, 'hook.mjs');
    writeFileSync(
      hook,
      [
        "import fs from 'node:fs';",
        "import { syncBuiltinESMExports } from 'node:module';",
        'const write = fs.writeFileSync;',
        `fs.writeFileSync = function (path, ...rest) { if (typeof path === 'string' && path.endsWith('.tmp')) fs.appendFileSync(${JSON.stringify(spec)}, ${JSON.stringify(USER_EDIT)}); return write.call(this, path, ...rest); };`,
        'syncBuiltinESMExports();',
      ].join('\n'),
    );
    const original = readFileSync(spec, 'utf8');
    const run = spawnSync(process.execPath, ['--import', hook, join(projectRoot, 'bin', 'statuslint.js'), '--fix', '--fail-on', 'none', 'api.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toBe('statuslint: api.yaml changed while statuslint read it; not fixed, run --fix again\n');
    expect(run.status).toBe(2);
    expect(readFileSync(spec, 'utf8')).toBe(original + USER_EDIT);
  });
});
