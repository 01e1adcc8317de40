// The least any linter can do on two lanes, as a process of its own: this thread and one worker
// thread started first thing take the files from one shared counter, largest first, and each
// reads and JSON.parse-s its files, and then, by `level`:
//   parse    nothing more;
//   walk     also visits every value once, as a linter that looks at the whole spec must;
//   report   also writes a JSON report like statuslint's of `findings` made-up findings at the
//            end, from this thread, as the report must come out of one place.
//
//   node lanes-bound.mjs LEVEL FINDINGS FILE...
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { largestFirst } from './sample.mjs';

/** Counts the values under `value`: a visit to each, which no checker of the whole spec can skip. */
function walk(value) {
  if (typeof value !== 'object' || value === null) return 1;
  let count = 1;
  if (Array.isArray(value)) for (let index = 0; index < value.length; index++) count += walk(value[index]);
  else for (const key in value) count += walk(value[key]);
  return count;
}

/** Takes files off the shared counter until none are left; returns how many values it saw. */
function lane({ next, files, level }) {
  let values = 0;
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    const parsed = JSON.parse(readFileSync(files[index], 'utf8'));
    if (level !== 'parse') values += walk(parsed);
  }
  return values;
}

if (isMainThread) {
  const [level, findings, ...paths] = process.argv.slice(2);
  if (!['parse', 'walk', 'report'].includes(level) || !(Number(findings) >= 0)) {
    console.error('usage: node lanes-bound.mjs parse|walk|report FINDINGS FILE...');
    process.exit(2);
  }
  const next = new Int32Array(new SharedArrayBuffer(4));
  const files = largestFirst(paths);
  // Started before this thread takes its first file, which it does at once: neither waits.
  const worker = new Worker(new URL(import.meta.url), { workerData: { next, files, level } });
  const theirs = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const values = lane({ next, files, level }) + (await theirs);
  if (level === 'report') {
    // About the size of statuslint's findings on the benchmark's sample (~640 bytes each).
    const made = Array.from({ length: Number(findings) }, (_, index) => ({
      ruleId: 'require-error-responses',
      severity: 'warning',
      message: `Operation documents no 4xx response (${index}); clients cannot tell a bad request from a server fault. Add a '400' (or a '4XX' range) response for the errors it can return.`,
      file: files[index % files.length],
      pointer: `/paths/~1resources~1{id}~1items~1${index}/get`,
      line: index,
      column: 5,
      endLine: index,
      endColumn: 8,
      operation: { method: 'get', path: `/resources/{id}/items/${index}` },
    }));
    const summary = { files: files.length, error: 0, warning: made.length, info: 0, values };
    process.stdout.write(JSON.stringify({ findings: made, summary }, null, 2) + '\n');
  }
} else {
  parentPort.postMessage(lane(workerData));
}
