// A worker thread of `lintParallel`: one lane (see lint-job.ts), answering each job it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerStart } from './early-worker.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './lint-parallel.js';

const start = workerData as WorkerStart<WorkerSetup>;
// Node has started this thread: the main thread may now change V8's flags (see tier-up.ts)
// without costing this thread the code cache of Node's own modules. statuslint itself is
// loaded after saying so; messages sent meanwhile wait in the port's queue.
if (start.started) {
  Atomics.add(start.started, 0, 1);
  Atomics.notify(start.started, 0);
}
const { jobRunner } = await import('./lint-job.js');
// A worker started early (early-worker.ts) is sent its setup as its first message.
let run: ((job: WorkerJob) => WorkerReply) | undefined = start.setup ? jobRunner(start.setup) : undefined;
parentPort!.on('message', (message: WorkerJob | WorkerSetup) => {
  if (run) parentPort!.postMessage(run(message as WorkerJob));
  else run = jobRunner(message as WorkerSetup);
});
