#!/usr/bin/env node
import { startEarlyWorker } from '../dist/src/early-worker.js';

// First, so that a worker thread starts while the CLI loads (see early-worker.ts).
startEarlyWorker(process.argv.slice(2));
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
