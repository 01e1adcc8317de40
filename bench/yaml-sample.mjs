#!/usr/bin/env node
// Case (c)'s sample as a folder of YAML specs, the way most repositories keep them: each of the
// 200 specs written out by `yaml`'s stringify into bench/.cache/yaml-sample/, then linted as one
// folder, with how many files the fast YAML reader takes (the rest go to `yaml`'s Document,
// several times slower). Informational: the issue sets no target for it.
//
//   npm run build && node bench/yaml-sample.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';
import { sampleFiles } from './lib/sample.mjs';

const script = fileURLToPath(import.meta.url);
const root = dirname(dirname(script));
// The project's own `yaml`, the version statuslint falls back to.
const { stringify } = createRequire(join(root, 'package.json'))('yaml');
const { tryReadYamlFast } = await import(join(root, 'dist/src/loader/yaml-fast.js'));

const argv = process.argv.slice(2);
const runs = argv.length === 0 ? 5 : argv.length === 2 && argv[0] === '--runs' ? Number(argv[1]) : NaN;
if (!(runs >= 1)) {
  console.error('usage: node bench/yaml-sample.mjs [--runs N]');
  process.exit(2);
}

const folder = join(root, 'bench', '.cache', 'yaml-sample');
if (!existsSync(folder)) {
  mkdirSync(folder, { recursive: true });
  sampleFiles('yaml-sample.mjs').forEach((path, index) => {
    const value = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(join(folder, `${String(index).padStart(3, '0')}.yaml`), stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 }));
  });
}

let bytes = 0;
const declined = [];
for (const name of readdirSync(folder)) {
  const text = readFileSync(join(folder, name), 'utf8');
  bytes += text.length;
  const { result, reason } = tryReadYamlFast(text);
  if (!result) declined.push(`${name} (${reason})`);
}
console.log(`${readdirSync(folder).length} files, ${(bytes / 1e6).toFixed(1)} MB; the fast reader declines ${declined.length}${declined.length ? `: ${declined.join(', ')}` : ''}`);

const walls = [];
for (let run = 0; run < runs; run++) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [join(root, 'bin/statuslint.js'), '--format', 'json', '--fail-on', 'none', folder], { stdio: ['ignore', 'ignore', 'pipe'] });
  walls.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (child.status !== 0) {
    console.error(child.stderr.toString());
    process.exit(2);
  }
}
console.log(`statuslint on the folder: median ${median(walls).toFixed(0)} ms over ${runs} runs (${walls.map((wall) => wall.toFixed(0)).join(', ')})`);
