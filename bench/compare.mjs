#!/usr/bin/env node
// Two builds of statuslint, or one build under two settings, run in turn on the same input,
// as whole processes: the way to tell whether a change made a run faster. Taking turns puts any
// change in the machine's load on both alike; the medians and the fastest runs are printed.
//
//   node bench/compare.mjs [--runs N] A B [-- ARGS...]
//
// A and B are bin/statuslint.js files (an older commit's checkout, say: `git worktree add
// /tmp/old HEAD~1 && (cd /tmp/old && npm ci && npm run build)`). ARGS are statuslint's, by
// default `--format json --fail-on none @sample`, where @sample stands for the 200 specs of
// case (c). Output goes to /dev/null; exit codes other than 0 and 1 stop the comparison.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';
import { sampleFiles } from './lib/sample.mjs';
import { timeInTurns } from './lib/turns.mjs';

const USAGE = 'usage: node bench/compare.mjs [--runs N] A/bin/statuslint.js B/bin/statuslint.js [-- ARGS...]';
const root = dirname(dirname(fileURLToPath(import.meta.url)));

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const own = split === -1 ? argv : argv.slice(0, split);
const passed = split === -1 ? ['--format', 'json', '--fail-on', 'none', '@sample'] : argv.slice(split + 1);
let runs = 11;
if (own[0] === '--runs') {
  runs = Number(own[1]);
  own.splice(0, 2);
}
if (own.length !== 2 || !(runs >= 1)) {
  console.error(USAGE);
  process.exit(2);
}
const bins = own.map((bin) => resolve(bin));
for (const bin of bins) {
  if (!existsSync(bin)) {
    console.error(`compare.mjs: no such file: ${bin}`);
    process.exit(2);
  }
}
const args = passed.flatMap((arg) => (arg === '@sample' ? sampleFiles('bench/compare.mjs') : [arg]));

const times = timeInTurns(bins.map((bin) => [bin, ...args]), runs, { cwd: root, script: 'compare.mjs' });

console.log(`${runs} runs each, taking turns: statuslint ${passed.join(' ')}`);
bins.forEach((bin, index) => console.log(`${['A', 'B'][index]}  median ${median(times[index]).toFixed(0)} ms, fastest ${Math.min(...times[index]).toFixed(0)} ms  ${bin}`));
console.log(`B ÷ A  ${(median(times[1]) / median(times[0])).toFixed(3)}`);
