// A worker thread of `lintParallel`: one lane (see lint-job.ts), answering each job it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { jobRunner } from './lint-job.js';
import type { WorkerJob, WorkerSetup } from './lint-parallel.js';

const run = jobRunner(workerData as WorkerSetup);
parentPort!.on('message', (job: WorkerJob) => parentPort!.postMessage(run(job)));
