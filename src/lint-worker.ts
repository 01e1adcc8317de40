// A worker thread of `lintParallel`: one lane (see lint-job.ts), answering each job it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerJob, WorkerSetup } from './lint-parallel.js';

const setup = workerData as WorkerSetup;
// Node has started this thread: the main thread may now change V8's flags (see tier-up.ts)
// without costing this thread the code cache of Node's own modules. statuslint itself is
// loaded after saying so; jobs sent meanwhile wait in the port's queue.
if (setup.started) {
  Atomics.add(setup.started, 0, 1);
  Atomics.notify(setup.started, 0);
}
const { jobRunner } = await import('./lint-job.js');
const run = jobRunner(setup);
parentPort!.on('message', (job: WorkerJob) => parentPort!.postMessage(run(job)));
