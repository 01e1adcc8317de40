#!/usr/bin/env node
// Where statuslint's time goes, phase by phase, in one thread: CPU time (the whole process's,
// so garbage collection and compilation on V8's helper threads count) of reading, parsing,
// checking references, normalising, running the rules and locating findings, over the same
// specs as the benchmark's sample (or the files given). Round 1 is cold, as in a real run; the
// later rounds show what is left once the code is compiled.
//
//   npm run build && node bench/phases.mjs [--rounds N] [FILE...]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { sampleFiles } from './lib/sample.mjs';

// As the CLI does before linting (src/tier-up.ts): the same tier-up budget as a real run.
setFlagsFromString('--interrupt-budget=500000');

const bench = dirname(fileURLToPath(import.meta.url));
const dist = join(dirname(bench), 'dist', 'src');
const { decodeSource } = await import(join(dist, 'loader', 'guards.js'));
const { countKeysInText } = await import(join(dist, 'loader', 'json-duplicates.js'));
const { scanValue } = await import(join(dist, 'loader', 'value-scan.js'));
const { Workspace } = await import(join(dist, 'loader', 'resolve.js'));
const { normalize } = await import(join(dist, 'loader', 'normalize.js'));
const { runRules, locateFindings } = await import(join(dist, 'engine', 'run.js'));
const { defaultRules } = await import(join(dist, 'lint.js'));

const args = process.argv.slice(2);
let rounds = 3;
if (args[0] === '--rounds') {
  rounds = Number(args[1]);
  args.splice(0, 2);
}
const files = args.length > 0 ? args : sampleFiles('bench/phases.mjs');

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const rules = defaultRules();
for (let round = 1; round <= rounds; round++) {
  const spent = {};
  const phase = (name, work) => {
    const start = cpu();
    const result = work();
    spent[name] = (spent[name] ?? 0) + cpu() - start;
    return result;
  };
  const workspace = new Workspace({ rootFor: () => '/' });
  let findings = 0;
  for (const path of files) {
    // The floor's steps, and the walk that checks duplicate names, depth and finds the $refs,
    // by themselves; then the workspace's own load (which repeats them, uncounted) so that what
    // follows sees a real SourceFile. 'check $refs' is then following each distinct $ref.
    const text = phase('read', () => decodeSource(path, readFileSync(path)));
    const json = path.endsWith('.json');
    const value = phase('parse', () => (json ? JSON.parse(text) : undefined));
    if (json) phase('duplicate keys, $refs, depth', () => countKeysInText(text) + scanValue(value, false).keys);
    const file = workspace.load(path);
    phase('check $refs', () => workspace.checkReferences(file));
    const spec = phase('normalize', () => normalize(workspace, file));
    const raw = phase('rules', () => runRules(spec, rules, {}));
    findings += phase('locate', () => locateFindings(raw)).length;
    workspace.release(file);
  }
  const total = Object.values(spent).reduce((sum, ms) => sum + ms, 0);
  const parts = Object.entries(spent).map(([name, ms]) => `${name} ${ms.toFixed(0)}`);
  console.log(`round ${round}: ${parts.join(', ')}; total ${total.toFixed(0)} ms CPU (${files.length} files, ${findings} findings)`);
}
