#!/usr/bin/env node
// What case (c)'s findings cost, from the report to the written file, told apart by running
// copies of the built bundle with one step cut off each: the report thrown away on arrival (so
// the rules still judge every response, but no finding exists), findings made but not located,
// located but not handed back to the main thread, and handed back but no report written.
// Each copy lives in a temporary folder and is removed at the end; the build itself is never
// changed. Whole processes taking turns with the floor and the whole build, as compare.mjs
// runs them; medians. The cuts are made by replacing one line of the bundle each: if a line is
// no longer there (the code changed), the script says which and stops.
//
//   npm run build && node bench/findings-cost.mjs [--runs N]
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';
import { sampleFiles } from './lib/sample.mjs';
import { timeInTurns } from './lib/turns.mjs';

const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);
const argv = process.argv.slice(2);
const runs = argv.length === 0 ? 11 : argv.length === 2 && argv[0] === '--runs' ? Number(argv[1]) : NaN;
if (!(runs >= 1)) {
  console.error('usage: node bench/findings-cost.mjs [--runs N]');
  process.exit(2);
}

const REPORT = 'report({ messageId, at, data, fix }) {';
const LOCATE = 'reply.findings = locateFindings(outcome.raw, setup.cwd);';
const RENDER = /const text = reporter\(.*\);/;

// Each copy makes one more edit than the one before, on top of theirs: it cuts off one more
// step, from the end of the run back to the report.
const DROP = 'reply.findings = [];';
const steps = [
  { name: 'no report written', edit: [RENDER, 'const text = "";'] },
  { name: '… and the findings kept in their lane', edit: [LOCATE, `locateFindings(outcome.raw, setup.cwd); ${DROP}`] },
  { name: '… and not located', edit: [`locateFindings(outcome.raw, setup.cwd); ${DROP}`, DROP] },
  { name: '… and every report thrown away on arrival', edit: [REPORT, `${REPORT} return;`] },
];
const cuts = steps.map((step, index) => ({ name: step.name, edits: steps.slice(0, index + 1).map(({ edit }) => edit) }));

/** A line to cut that the bundle no longer holds as expected. */
class CutMissing extends Error {}

const scratch = mkdtempSync(join(tmpdir(), 'statuslint-findings-cost-'));
try {
  const copies = cuts.map((cut, index) => copyWith(join(scratch, String(index)), cut.edits));
  const files = sampleFiles('bench/findings-cost.mjs');
  const json = ['--format', 'json', '--fail-on', 'none', ...files];
  const variants = [
    { name: 'floor: read + JSON.parse', argv: [join(bench, 'lib', 'floor.mjs'), 'json', ...files] },
    { name: 'statuslint, as built', argv: [join(root, 'bin', 'statuslint.js'), ...json] },
    ...cuts.map((cut, index) => ({ name: `statuslint, ${cut.name}`, argv: [join(copies[index], 'bin', 'statuslint.js'), ...json] })),
  ];
  const times = timeInTurns(variants.map((variant) => variant.argv), runs, { cwd: root, script: 'findings-cost.mjs' });
  const floor = median(times[0]);
  console.log(`${runs} runs each, taking turns, on case (c)'s ${files.length} specs\n`);
  console.log('| run | wall (median) | ÷ floor |\n| --- | ---: | ---: |');
  variants.forEach((variant, index) => console.log(`| ${variant.name} | ${median(times[index]).toFixed(0)} ms | ${(median(times[index]) / floor).toFixed(2)} |`));
} catch (error) {
  if (!(error instanceof CutMissing)) throw error;
  console.error(`findings-cost.mjs: ${error.message}`);
  process.exitCode = 2;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** A copy of the built bin and bundle in `folder` with `edits` made, sharing the rest by links. */
function copyWith(folder, edits) {
  mkdirSync(join(folder, 'dist'), { recursive: true });
  cpSync(join(root, 'bin'), join(folder, 'bin'), { recursive: true });
  cpSync(join(root, 'package.json'), join(folder, 'package.json'));
  cpSync(join(root, 'dist', 'bundle'), join(folder, 'dist', 'bundle'), { recursive: true });
  for (const shared of ['node_modules', 'rules', join('dist', 'rules')]) symlinkSync(join(root, shared), join(folder, shared));
  const bundle = join(folder, 'dist', 'bundle');
  for (const [find, replace] of edits) {
    const holders = readdirSync(bundle).filter((name) => name.endsWith('.js') && matches(readFileSync(join(bundle, name), 'utf8'), find));
    if (holders.length !== 1) throw new CutMissing(`expected the bundle to hold \`${find}\` once, in one file; found it in ${holders.length}. The code changed: update this script`);
    const path = join(bundle, holders[0]);
    writeFileSync(path, readFileSync(path, 'utf8').replace(find, replace));
  }
  return folder;
}

function matches(text, find) {
  const count = typeof find === 'string' ? text.split(find).length - 1 : (text.match(new RegExp(find.source, 'g')) ?? []).length;
  return count === 1;
}
