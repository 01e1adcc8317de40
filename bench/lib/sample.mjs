// The benchmark's sample of case (c), as `npm run bench` last wrote its list: for the scripts
// that take it apart (phases.mjs, lanes.mjs).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(dirname(fileURLToPath(import.meta.url)));

/** Absolute paths of the sample's 200 specs; exits 2 with a hint when no run has listed them yet. */
export function sampleFiles(script) {
  const list = join(bench, '.cache', 'sample-200.txt');
  if (!existsSync(list)) {
    console.error(`${script}: no sample yet; run \`npm run bench:setup\` and \`npm run bench -- --only sample\` first`);
    process.exit(2);
  }
  return readFileSync(list, 'utf8').trim().split('\n').map((path) => join(bench, path));
}

/** `paths` ordered largest file first, the order lintParallel hands specs to its lanes. */
export function largestFirst(paths) {
  return paths.map((path) => [path, statSync(path).size]).sort((a, b) => b[1] - a[1]).map(([path]) => path);
}
