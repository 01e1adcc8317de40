#!/usr/bin/env node
// Runs the bundled CLI (dist/bundle, see scripts/bundle.mjs).
import { startEarlyWorker } from '../dist/bundle/early-worker.js';

// First, so that a worker thread starts while the CLI loads (see src/early-worker.ts).
startEarlyWorker(process.argv.slice(2));
const { main } = await import('../dist/bundle/cli.js');
process.exitCode = await main(process.argv.slice(2));
