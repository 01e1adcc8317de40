// Preloaded into every measured process (NODE_OPTIONS=--require): on exit, appends the
// process's own peak RSS and CPU time to the file named by BENCH_RUSAGE_FILE. Covers worker
// threads too, since they share the process.
'use strict';
const { appendFileSync } = require('node:fs');
const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(file, JSON.stringify({ pid: process.pid, maxRssKb: usage.maxRSS, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime }) + '\n');
  });
}
