#!/usr/bin/env node
// GitHub's REST description split over many files, as teams that keep a large spec by hand lay
// it out (the layout of `redocly split`): the root names each path item in paths/, and every
// component is a file of its own under components/<kind>/, each `$ref` rewritten to name that
// file. Written once into bench/.cache/split-spec/{json,yaml}/, then linted beside the same
// spec as one file, so that what a spec's files cost, over what its bytes cost, shows.
// Informational: the issue sets no target for it.
//
//   npm run build && node bench/split-spec.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';

const script = fileURLToPath(import.meta.url);
const root = dirname(dirname(script));
const { stringify } = createRequire(join(root, 'package.json'))('yaml');

const argv = process.argv.slice(2);
const runs = argv.length === 0 ? 5 : argv.length === 2 && argv[0] === '--runs' ? Number(argv[1]) : NaN;
if (!(runs >= 1)) {
  console.error('usage: node bench/split-spec.mjs [--runs N]');
  process.exit(2);
}

const githubPath = join(root, 'bench', 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
if (!existsSync(githubPath)) {
  console.error('run `npm run bench:setup` first');
  process.exit(2);
}
const github = createRequire(import.meta.url)(githubPath);
const cache = join(root, 'bench', '.cache', 'split-spec');

/** A file name for a path or a component name: `/repos/{owner}/{repo}` → `repos@{owner}@{repo}`. */
const fileName = (name) => name.replace(/^\//, '').replaceAll('/', '@') || 'root';

/** Writes the spec split, as JSON or YAML; returns the root's path and how many files there are. */
function split(format) {
  const folder = join(cache, format);
  const rootFile = join(folder, `openapi.${format}`);
  if (existsSync(rootFile)) return { rootFile };
  rmSync(folder, { recursive: true, force: true });
  const write = (relative, value) => {
    const path = join(folder, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, format === 'json' ? JSON.stringify(value, null, 2) : stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 }));
  };
  /** A copy of `value`, written in the file at `from`, with each `#/components/<kind>/<name>` made a file ref. */
  const relink = (value, from) => {
    if (Array.isArray(value)) return value.map((item) => relink(item, from));
    if (value === null || typeof value !== 'object') return value;
    const copy = {};
    for (const [key, member] of Object.entries(value)) {
      const match = key === '$ref' && typeof member === 'string' ? /^#\/components\/([^/]+)\/([^/]+)$/.exec(member) : null;
      copy[key] = match ? posix.relative(posix.dirname(from), `components/${match[1]}/${fileName(decodeURIComponent(match[2]).replaceAll('~1', '/').replaceAll('~0', '~'))}.${format}`) : relink(member, from);
    }
    return copy;
  };
  const paths = {};
  for (const [path, item] of Object.entries(github.paths)) {
    const relative = `paths/${fileName(path)}.${format}`;
    write(relative, relink(item, relative));
    paths[path] = { $ref: relative };
  }
  for (const [kind, members] of Object.entries(github.components)) {
    for (const [name, member] of Object.entries(members)) {
      const relative = `components/${kind}/${fileName(name)}.${format}`;
      write(relative, relink(member, relative));
    }
  }
  const { components: _components, paths: _paths, ...rest } = github;
  write(`openapi.${format}`, relink({ ...rest, paths }, `openapi.${format}`));
  return { rootFile };
}

const bin = join(root, 'bin', 'statuslint.js');
const time = (args) => {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, '--format', 'json', '--fail-on', 'none', '-o', '/dev/null', ...args], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`statuslint ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const cases = [
  ['one JSON file', [githubPath]],
  ['split, JSON', [split('json').rootFile]],
  ['split, YAML', [split('yaml').rootFile]],
];
const times = new Map(cases.map(([name]) => [name, []]));
for (let run = 0; run < runs; run++) for (const [name, args] of cases) times.get(name).push(time(args));
for (const [name, args] of cases) console.log(`${name.padEnd(14)} ${median(times.get(name)).toFixed(0).padStart(6)} ms  (${args[0].replace(`${root}/`, '')})`);
