// Preloaded into every measured process (NODE_OPTIONS=--require): on exit, appends the
// process's own peak RSS and CPU time to the file named by BENCH_RUSAGE_FILE. The figures
// are the whole process's, worker threads included; workers get this preload too, so only
// the main thread writes (else each worker's exit would add the process's CPU time again).
'use strict';
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const file = process.env.BENCH_RUSAGE_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(file, JSON.stringify({ pid: process.pid, maxRssKb: usage.maxRSS, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime }) + '\n');
  });
}
