#!/usr/bin/env node
// Where case (c)'s time above its floor goes, told apart by switching rules off: the floor
// (reading and JSON.parse), statuslint with every rule off (reading, parsing, the checks on
// each file, the $refs and the model the rules read), with the rules off that report nine in
// ten of the sample's findings, and with every rule on. Beside them, the least any linter on
// two lanes can do (lib/lanes-bound.mjs): parse, visit every value, write a report as large.
// With --each-rule, instead: every rule off, then each rule alone, then every rule on.
// Whole processes taking turns, as compare.mjs runs them; medians.
//
//   npm run build && node bench/decompose.mjs [--runs N] [--each-rule]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';
import { ruleIds, rulesOff } from './lib/rules.mjs';
import { sampleFiles } from './lib/sample.mjs';
import { stopOnFailure, timeInTurns } from './lib/turns.mjs';

const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);
const bin = join(root, 'bin', 'statuslint.js');
const argv = process.argv.slice(2);
const eachRule = argv.includes('--each-rule');
const rest = argv.filter((arg) => arg !== '--each-rule');
const runs = rest.length === 0 ? 11 : rest.length === 2 && rest[0] === '--runs' ? Number(rest[1]) : NaN;
if (!(runs >= 1)) {
  console.error('usage: node bench/decompose.mjs [--runs N] [--each-rule]');
  process.exit(2);
}

const files = sampleFiles('bench/decompose.mjs');
const json = ['--format', 'json', '--fail-on', 'none'];

function statuslint(args) {
  const child = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  stopOnFailure(child, 'decompose.mjs', 'statuslint');
  return JSON.parse(String(child.stdout));
}

// Which rules report most: counted on this build, so the split follows the rules as they are.
const all = statuslint([...json, ...files]);
const byRule = new Map();
for (const finding of all.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
const heavy = [];
let covered = 0;
for (const [id, count] of [...byRule].sort((a, b) => b[1] - a[1])) {
  if (covered >= 0.9 * all.findings.length) break;
  heavy.push(id);
  covered += count;
}

const bound = (level) => [join(bench, 'lib', 'lanes-bound.mjs'), level, String(all.findings.length), ...files];
const ids = await ruleIds();
const floor = { name: 'floor: read + JSON.parse', argv: [join(bench, 'lib', 'floor.mjs'), 'json', ...files], findings: '' };
const everyRuleOff = { name: 'statuslint, every rule off', argv: [bin, ...json, ...rulesOff(ids), ...files], findings: 0 };
const everyRuleOn = { name: 'statuslint, every rule on', argv: [bin, ...json, ...files], findings: all.findings.length };
const alone = (id) => ({ name: `statuslint, only ${id}`, argv: [bin, ...json, ...rulesOff(ids.filter((other) => other !== id)), ...files], findings: byRule.get(id) ?? 0 });
const variants = eachRule ? [
  floor,
  everyRuleOff,
  ...ids.map(alone),
  everyRuleOn,
] : [
  floor,
  { name: 'least on two lanes: read + JSON.parse', argv: bound('parse'), findings: '' },
  { name: 'least on two lanes: … + visit every value', argv: bound('walk'), findings: '' },
  { name: 'least on two lanes: … + write a report of as many findings', argv: bound('report'), findings: all.findings.length },
  everyRuleOff,
  { name: `statuslint, ${heavy.length} rules off (${heavy.join(', ')})`, argv: [bin, ...json, ...rulesOff(heavy), ...files], findings: all.findings.length - covered },
  everyRuleOn,
];
const times = timeInTurns(variants.map((variant) => variant.argv), runs, { cwd: root, script: 'decompose.mjs' });

const floorWall = median(times[0]);
const offWall = median(times[variants.indexOf(everyRuleOff)]);
console.log(`${runs} runs each, taking turns, on case (c)'s ${files.length} specs\n`);
console.log('| run | wall (median) | ÷ floor | over every rule off | findings |');
console.log('| --- | ---: | ---: | ---: | ---: |');
variants.forEach((variant, index) => {
  const wall = median(times[index]);
  const over = variant.argv[0] === bin && variant !== everyRuleOff ? `${wall - offWall >= 0 ? '+' : ''}${(wall - offWall).toFixed(0)} ms` : '';
  console.log(`| ${variant.name} | ${wall.toFixed(0)} ms | ${(wall / floorWall).toFixed(2)} | ${over} | ${variant.findings.toLocaleString('en-US')} |`);
});
