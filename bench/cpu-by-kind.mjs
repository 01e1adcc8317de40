#!/usr/bin/env node
// Case (c)'s CPU time by kind of work, for the whole process: both lanes, V8's helper threads
// (the optimising compiler, the collector's parallel and concurrent tasks) and the kernel's
// share, which `--cpu-prof` cannot see. Linux `perf` samples statuslint and the floor; each
// sample is put under the innermost frame that names a kind (JSON.parse, the collector, a
// compiler...), else under statuslint's own code. A page fault counts under what touched the
// page. Sampling, not timing: the figures are CPU milliseconds, means over the runs.
//
//   npm run build && node bench/cpu-by-kind.mjs [--runs N]      (needs `perf`: linux-perf)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleFiles } from './lib/sample.mjs';
import { Stop, inScratch } from './lib/scratch.mjs';

const bench = dirname(fileURLToPath(import.meta.url));
const bin = join(dirname(bench), 'bin', 'statuslint.js');
const SCRIPT = 'cpu-by-kind.mjs';
const HZ = 5000;

// Checked in this order on each frame, innermost first: a page fault inside a scavenge is the
// collector's, a regular expression compiled during a JSON.parse reviver would be the regexp's.
const KINDS = [
  ['tearing down isolates', /Isolate::Deinit|Heap::TearDown|~NodeMainInstance/],
  ['reading files, decoding UTF-8', /Utf8Decoder|node::fs::Read|uv_fs_read|isUtf8|simdutf|StringBytes|node::Buffer|uv__fs_statx|uv__fs_work|getdents/],
  ['JSON.parse', /JsonParse/],
  ['JSON.stringify, encoding the report', /JsonStringif|Utf8Length|WriteUtf8/],
  ['garbage collection', /Scavenge|MarkCompact|ConcurrentMarking|Sweeper|Heap::Collect|IncrementalMarking|Evacuat|MarkingVisitor|Unmapper|ArrayBufferSweeper|SemiSpace|Heap::/],
  ['optimising compiler (TurboFan)', /compiler::|maglev::|OptimizedCompilationJob|TurbofanCompilationJob/],
  ['regular expressions compiled', /RegExpCompiler|RegExpBytecode|RegExp::Compile|RegExpParser|RegExpImpl::Compile/],
  ['JS parsed, compiled to bytecode and baseline code', /Parser|Scanner|parsing::|BytecodeGenerator|interpreter::Interpreter|baseline::|BaselineCompiler|Compiler::Compile|CompileLazy|CodeSerializer|Deserializer|Snapshot|BuiltinLoader|ModuleWrap::Compile/],
];
const OWN = 'running JS: statuslint and Node (interpreted, baseline or optimised; V8 builtins, inline caches, runtime)';
const TALK = 'threads talking, event loop';

function kindOf(frames) {
  for (const frame of frames) {
    if (frame.includes('[kernel')) continue;
    for (const [kind, pattern] of KINDS) if (pattern.test(frame)) return kind;
    // A JavaScript frame: what runs above it is that code's own work.
    if (frame.includes('[unknown]') || frame.includes('JS:')) break;
  }
  const leaf = frames.find((frame) => !frame.includes('[kernel')) ?? '';
  return /node::worker|MessagePort|SiblingGroup|uv_run|uv__io|epoll|futex|pthread_cond/.test(leaf) ? TALK : OWN;
}

function profile(folder, name, argv) {
  const data = join(folder, `${name}.data`);
  const record = spawnSync('perf', ['record', '-q', '-F', String(HZ), '-g', '-o', data, '--', process.execPath, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (record.status !== 0) throw new Stop(`perf record failed for ${name}: ${String(record.stderr).trim().split('\n').pop()}`);
  const script = spawnSync('perf', ['script', '-i', data, '-F', 'tid,ip,sym,dso'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  const samples = String(script.stdout).split(/\n\s*\n/).filter((block) => block.trim());
  const perThread = new Map();
  for (const block of samples) {
    const tid = block.trim().split(/\s+/)[0];
    perThread.set(tid, (perThread.get(tid) ?? 0) + 1);
  }
  // The two threads with most samples are the lanes (main first); the rest are V8's and libuv's.
  const [main, worker] = [...perThread].sort((a, b) => b[1] - a[1]).map(([tid]) => tid);
  const byKind = new Map();
  for (const block of samples) {
    const [head, ...frames] = block.split('\n');
    const tid = head.trim().split(/\s+/)[0];
    const lane = tid === main ? 0 : tid === worker ? 1 : 2;
    const kind = kindOf(frames);
    const row = byKind.get(kind) ?? [0, 0, 0];
    row[lane] += 1000 / HZ;
    byKind.set(kind, row);
  }
  return byKind;
}

function add(into, from, runs) {
  for (const [kind, row] of from) {
    const sum = into.get(kind) ?? [0, 0, 0];
    row.forEach((ms, lane) => (sum[lane] += ms / runs));
    into.set(kind, sum);
  }
}

const argv = process.argv.slice(2);
const runs = argv.length === 0 ? 3 : argv.length === 2 && argv[0] === '--runs' ? Number(argv[1]) : NaN;
if (!(runs >= 1)) {
  console.error('usage: node bench/cpu-by-kind.mjs [--runs N]');
  process.exit(2);
}
if (spawnSync('perf', ['--version']).status !== 0) {
  console.error(`${SCRIPT}: needs Linux perf (Debian: apt-get install linux-perf)`);
  process.exit(2);
}
const files = sampleFiles(SCRIPT);

await inScratch(SCRIPT, (folder) => {
  const ours = new Map();
  const floor = new Map();
  for (let run = 0; run < runs; run++) {
    add(ours, profile(folder, 'statuslint', [bin, '--format', 'json', '--fail-on', 'none', '--output', join(folder, 'report.json'), ...files]), runs);
    add(floor, profile(folder, 'floor', [join(bench, 'lib', 'floor.mjs'), 'json', ...files]), runs);
  }
  const total = (row) => row.reduce((a, b) => a + b, 0);
  const kinds = [...new Set([...ours.keys(), ...floor.keys()])].sort((a, b) => total(ours.get(b) ?? [0]) - total(ours.get(a) ?? [0]));
  const ms = (value) => value.toFixed(0);
  console.log(`CPU milliseconds by kind of work, case (c), mean of ${runs} runs sampled at ${HZ} Hz\n`);
  console.log('| kind of work | floor | statuslint: main thread | worker | V8 helper threads | all |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const sums = [0, 0, 0, 0];
  for (const kind of kinds) {
    const row = ours.get(kind) ?? [0, 0, 0];
    const floorMs = total(floor.get(kind) ?? [0]);
    console.log(`| ${kind} | ${ms(floorMs)} | ${row.map(ms).join(' | ')} | ${ms(total(row))} |`);
    sums[0] += floorMs;
    row.forEach((value, lane) => (sums[lane + 1] += value));
  }
  console.log(`| total | ${ms(sums[0])} | ${sums.slice(1).map(ms).join(' | ')} | ${ms(sums[1] + sums[2] + sums[3])} |`);
});
