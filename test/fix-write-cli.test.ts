import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './cli-harness.js';
import { petstore, USER_EDIT } from './fix-specs.js';

// Each of these runs the built CLI in a process of its own (under a hook, or as another user),
// which no mutant reaches: a test file that starts one is left out of mutation runs, so they
// stay apart from fix-write.test.ts, which runs --fix in this process.

describe('--fix writing the specs', () => {
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

describe("--fix keeps what a spec's owner made read-only", () => {
  const root = process.getuid?.() === 0;
  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  const NOBODY = 65534;

  it.runIf(!root || setpriv)('a read-only spec is not replaced: one line, exit 2, the file as it was', () => {
    // Not under the suite's own temporary folder, which only root may enter.
    const dir = mkdtempSync(join(root ? '/tmp' : tmpdir(), 'statuslint-read-only-'));
    const spec = join(dir, 'api.yaml');
    cpSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), spec);
    chmodSync(spec, 0o444);
    const before = readFileSync(spec);
    const bin = join(projectRoot, 'bin', 'statuslint.js');
    // As root every file is writable: the check is made as another user.
    if (root) spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
    const command = root ? ['setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, bin, '--fix', 'api.yaml']] as const : [process.execPath, [bin, '--fix', 'api.yaml']] as const;
    const run = spawnSync(command[0], [...command[1]], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: cannot write api\.yaml: permission denied \(EACCES\)$/m);
    expect(readFileSync(spec).equals(before)).toBe(true);
    expect(statSync(spec).mode & 0o7777).toBe(0o444);
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(!root || setpriv)('a writable spec in a folder the user may not write to says that the folder is why', () => {
    // The file could be written in place, but is replaced by a new one renamed over it, which
    // needs the folder: 'permission denied' alone sent the user to the file's own mode.
    const dir = mkdtempSync(join(root ? '/tmp' : tmpdir(), 'statuslint-read-only-folder-'));
    mkdirSync(join(dir, 'ro'));
    const spec = join(dir, 'ro', 'api.yaml');
    cpSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), spec);
    chmodSync(spec, 0o666);
    const before = readFileSync(spec);
    const bin = join(projectRoot, 'bin', 'statuslint.js');
    if (root) spawnSync('chown', [`${NOBODY}:${NOBODY}`, dir]);
    chmodSync(join(dir, 'ro'), 0o555);
    const command = root ? ['setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, bin, '--fix', 'ro/api.yaml']] as const : [process.execPath, [bin, '--fix', 'ro/api.yaml']] as const;
    const run = spawnSync(command[0], [...command[1]], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: cannot write ro\/api\.yaml: permission denied in its folder, where the new text is written before it replaces the file \(EACCES\)$/m);
    expect(readFileSync(spec).equals(before)).toBe(true);
    chmodSync(join(dir, 'ro'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });
});
