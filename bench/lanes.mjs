#!/usr/bin/env node
// How much of case (c) is each thread's cold start: lints the benchmark's sample on one lane or
// two (this thread and a worker, the specs dealt out largest first, as lintParallel does), the
// same specs several times over in each lane, each pass with a fresh workspace. Pass 1 is what
// a real run pays; later passes run on code V8 has already optimised and on hidden classes and
// names it has already made, which a new thread (an isolate of its own) never shares.
// `--parse` only reads and JSON.parses, to show what V8 itself pays on a first pass.
//
//   npm run build && node bench/lanes.mjs [--lanes 1|2] [--passes N] [--parse]
// (after `npm run bench -- --only sample` has written the sample's list)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { largestFirst, sampleFiles } from './lib/sample.mjs';

const bench = dirname(fileURLToPath(import.meta.url));
const dist = join(dirname(bench), 'dist', 'src');
const { jobRunner } = await import(join(dist, 'lint-job.js'));
const { defaultRules } = await import(join(dist, 'lint.js'));
const { raiseTierUpThreshold } = await import(join(dist, 'tier-up.js'));

const rules = defaultRules().map(({ rule, severity, options }) => ({ id: rule.id, severity, ...(options !== undefined ? { options } : {}) }));

/** Lints (or only parses) `files` `passes` times; the milliseconds of each pass. */
function lane({ files, passes, parseOnly }) {
  const times = [];
  for (let pass = 0; pass < passes; pass++) {
    const run = jobRunner({ cwd: process.cwd() });
    const start = performance.now();
    files.forEach((path, job) => {
      if (parseOnly) JSON.parse(readFileSync(path, 'utf8'));
      else run({ job, path, discovered: false, asRoot: false, rules });
    });
    times.push(Math.round(performance.now() - start));
  }
  return times;
}

if (isMainThread) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const lanes = option('--lanes', 2);
  const passes = option('--passes', 3);
  const parseOnly = args.includes('--parse');
  const sample = sampleFiles('bench/lanes.mjs');
  const bySize = largestFirst(sample);
  const dealt = Array.from({ length: lanes }, (_, index) => bySize.filter((_, at) => at % lanes === index));
  raiseTierUpThreshold();
  const workers = dealt.slice(1).map((files) => new Worker(new URL(import.meta.url), { workerData: { files, passes, parseOnly } }));
  // Every lane starts together, once each worker has loaded statuslint.
  await Promise.all(workers.map((worker) => new Promise((ready) => worker.once('message', ready))));
  const answers = workers.map((worker) => new Promise((done) => worker.once('message', done)));
  for (const worker of workers) worker.postMessage('go');
  const here = lane({ files: dealt[0], passes, parseOnly });
  const there = await Promise.all(answers);
  const what = parseOnly ? 'read + JSON.parse' : 'lint';
  console.log(`${what}, ${lanes} lane(s), ms per pass (pass 1 is a real run's):`);
  [here, ...there].forEach((times, index) => console.log(`  lane ${index + 1} (${dealt[index].length} specs): ${times.join(', ')}`));
  for (const worker of workers) void worker.terminate();
} else {
  parentPort.postMessage('ready');
  await new Promise((go) => parentPort.once('message', go));
  parentPort.postMessage(lane(workerData));
}
