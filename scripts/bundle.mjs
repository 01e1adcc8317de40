#!/usr/bin/env node
// Bundles the compiled CLI (dist/src, from tsc) into dist/bundle, which bin/statuslint.js runs.
// Node's ES module loader costs ~0.4 ms per module, and the CLI is ~60 of them, loaded again by
// each worker thread: as a few bundled files, a small spec lints in ~98 ms instead of ~121 ms
// and GitHub's 13 MB description in ~380 instead of ~411 ms (bench/README.md). dist/src stays
// as tsc writes it, for the tests; only dist/bundle is in the npm package (package.json `files`).
//
// Entry points, each a file of its own in dist/bundle: early-worker.js (loaded by the bin
// first), cli.js, and lint-worker.js (the worker threads' module, found beside early-worker.js).
// Code they share, and what is loaded lazily, goes into chunks. dist/bundle is as deep as
// dist/src, so paths the code resolves from its own location (package.json, rules/*.md) stay
// right. `yaml` and swagger-parser stay outside: they are loaded at run time, only when needed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const compiled = join(root, 'dist', 'src');
const outdir = join(root, 'dist', 'bundle');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    'early-worker': join(compiled, 'early-worker.js'),
    cli: join(compiled, 'cli.js'),
    'lint-worker': join(compiled, 'lint-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['yaml', '@apidevtools/swagger-parser'],
  // commander is CommonJS: its `require`s of Node's modules need a `require` in ES modules.
  banner: { js: "import { createRequire as __statuslintRequire } from 'node:module'; const require = __statuslintRequire(import.meta.url);" },
  logLevel: 'warning',
});

// --cache keeps answers per build (src/cache.ts): a hash of what was bundled tells builds apart,
// where the version alone would not (a rule changed in a checkout).
const hash = createHash('sha256');
for (const name of readdirSync(outdir).sort()) hash.update(name).update(readFileSync(join(outdir, name)));
writeFileSync(join(outdir, 'build-id.txt'), `${hash.digest('base64url')}\n`);
