#!/usr/bin/env node
// What parsing schemas lazily could save, before building it: the loader's core over case (c)'s
// sample (read each file, count its member names in the text, `JSON.parse`, walk the value for
// `$ref`s, nesting and names), on one thread, each way in a fresh process, taking turns:
//
//   whole    as the loader does it now;
//   ceiling  every schema under `components/schemas` or `definitions` left unparsed, and
//            nothing done for them (the most a lazy loader could save);
//   lazy     the same, but doing what a lazy loader could not skip: finding the unparsed
//            schemas' `$ref`s in the text, tracking their member names in place for
//            duplicates (offsets compared, nothing allocated), and parsing the schemas a rule
//            reads (each 2xx body's, and those its `allOf`, `oneOf` or `anyOf` name).
//
// Where the schemas are is found beforehand, untimed, by writing them out again: the sample's
// files are minified, as `JSON.stringify` writes them; the script stops on any that is not.
//
//   npm run build && node bench/lazy-schemas.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/median.mjs';
import { sampleFiles } from './lib/sample.mjs';
import { inScratch, Stop } from './lib/scratch.mjs';

const script = fileURLToPath(import.meta.url);
const root = dirname(dirname(script));
const WAYS = ['whole', 'ceiling', 'lazy'];

// firstDuplicateName's stack of names, made once: a new one per file allocated 0.5 MB each time.
const nameStarts = new Int32Array(1 << 16);
const nameLengths = new Int32Array(1 << 16);
const firstNameAt = new Int32Array(512);
const isObject = new Uint8Array(512);

if (process.argv[2] === '--child') {
  console.log(await timeLoader(process.argv[3], JSON.parse(readFileSync(process.argv[4], 'utf8'))));
} else {
  const argv = process.argv.slice(2);
  const runs = argv.length === 0 ? 11 : argv.length === 2 && argv[0] === '--runs' ? Number(argv[1]) : NaN;
  if (!(runs >= 1)) {
    console.error('usage: node bench/lazy-schemas.mjs [--runs N]');
    process.exit(2);
  }
  await inScratch('lazy-schemas.mjs', async (scratch) => {
    const plan = planOf(sampleFiles('bench/lazy-schemas.mjs'));
    const planPath = join(scratch, 'plan.json');
    writeFileSync(planPath, JSON.stringify(plan.files));
    const times = WAYS.map(() => []);
    for (let run = 0; run < runs; run++) {
      WAYS.forEach((way, index) => {
        const child = spawnSync(process.execPath, [script, '--child', way, planPath], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        const ms = Number(String(child.stdout));
        if (child.status !== 0 || !(ms > 0)) throw new Stop(`the ${way} run failed: ${String(child.stderr).trim().slice(-500) || String(child.stdout).trim()}`);
        times[index].push(ms);
      });
    }
    const whole = median(times[0]);
    const share = (part) => `${Math.round((100 * part) / plan.schemaBytes)} %`;
    console.log(`${runs} runs each, taking turns, on case (c)'s ${plan.files.length} specs, one thread: schemas are ${Math.round((100 * plan.schemaBytes) / plan.bytes)} % of the bytes, and those a rule reads ${share(plan.readBytes)} of the schemas'\n`);
    console.log('| way | loader core (median) | ÷ whole |\n| --- | ---: | ---: |');
    WAYS.forEach((way, index) => console.log(`| ${way} | ${median(times[index]).toFixed(0)} ms | ${(median(times[index]) / whole).toFixed(2)} |`));
  });
}

/** Where each file's schemas are, and which of them a rule reads (offsets into its text). */
function planOf(paths) {
  let bytes = 0;
  let schemaBytes = 0;
  let readBytes = 0;
  const files = paths.map((path) => {
    const text = readFileSync(path, 'utf8');
    bytes += text.length;
    const spec = JSON.parse(text);
    const openapi = spec.components?.schemas !== undefined;
    const schemas = openapi ? spec.components.schemas : spec.definitions;
    if (schemas === null || typeof schemas !== 'object' || Object.keys(schemas).length === 0) return { path };
    if (JSON.stringify(spec) !== text) throw new Stop(`${path} is not minified JSON, so its schemas cannot be found by writing them out again`);
    const written = JSON.stringify(schemas);
    const key = `"${openapi ? 'schemas' : 'definitions'}":`;
    const found = text.indexOf(key + written);
    if (found === -1) throw new Stop(`${path}: its schemas are not written where expected`);
    const start = found + key.length;
    const spans = new Map();
    let at = start + 1;
    for (const [name, schema] of Object.entries(schemas)) {
      at += JSON.stringify(name).length + 1;
      const length = JSON.stringify(schema).length;
      spans.set(name, [at, at + length]);
      at += length + 1;
    }
    const read = schemasRead(spec, schemas, openapi ? '#/components/schemas/' : '#/definitions/');
    schemaBytes += written.length;
    const slices = [...read].map((name) => spans.get(name));
    for (const [from, to] of slices) readBytes += to - from;
    return { path, start, end: start + written.length, slices };
  });
  return { files, bytes, schemaBytes, readBytes };
}

/** Names of the schemas that 2xx bodies name, and those their `allOf`/`oneOf`/`anyOf` name, transitively. */
function schemasRead(spec, schemas, prefix) {
  const read = new Set();
  const follow = (schema) => {
    if (schema === null || typeof schema !== 'object') return;
    if (typeof schema.$ref === 'string') {
      if (!schema.$ref.startsWith(prefix)) return;
      const name = decodeURIComponent(schema.$ref.slice(prefix.length).split('/')[0]).replaceAll('~1', '/').replaceAll('~0', '~');
      if (name in schemas && !read.has(name)) {
        read.add(name);
        follow(schemas[name]);
      }
      return;
    }
    for (const key of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(schema[key])) schema[key].forEach(follow);
  };
  const shared = spec.components?.responses ?? spec.responses ?? {};
  for (const item of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      for (const [status, declared] of Object.entries(operation?.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        const response = typeof declared?.$ref === 'string' ? shared[declared.$ref.split('/').pop()] : declared;
        follow(response?.schema);
        for (const media of Object.values(response?.content ?? {})) follow(media?.schema);
      }
    }
  }
  return read;
}

/** One way through the loader's core, in this process: milliseconds for the whole sample. */
async function timeLoader(way, files) {
  const { countKeysInText } = await import(join(root, 'dist', 'src', 'loader', 'json-duplicates.js'));
  const { scanValue } = await import(join(root, 'dist', 'src', 'loader', 'value-scan.js'));
  const { stringEnd } = await import(join(root, 'dist', 'src', 'loader', 'json-locate.js'));
  let kept = 0; // so that no result can be optimised away
  const started = performance.now();
  for (const { path, start, end, slices } of files) {
    const text = readFileSync(path, 'utf8');
    kept += countKeysInText(text);
    if (way === 'whole' || start === undefined) {
      kept += scanValue(JSON.parse(text), false).keys;
      continue;
    }
    kept += scanValue(JSON.parse(text.slice(0, start) + '{}' + text.slice(end)), false).keys;
    if (way === 'ceiling') continue;
    for (let at = text.indexOf('"$ref"', start); at !== -1 && at < end; at = text.indexOf('"$ref"', at + 6)) {
      const open = text.indexOf('"', at + 6);
      kept += text.indexOf('"', open + 1) - open;
    }
    if (firstDuplicateName(text, start, end, stringEnd) !== -1) kept++;
    for (const [from, to] of slices) kept += Object.keys(JSON.parse(text.slice(from, to))).length;
  }
  const elapsed = performance.now() - started;
  return kept > 0 ? elapsed.toFixed(1) : 'nothing kept';
}

/**
 * The offset of the first member name repeated in one object of text[start, end), or -1:
 * names compared in place against the others of their object, kept on one stack of offsets.
 * `stringEnd` is the loader's own (json-locate.ts), imported from the build by the child.
 */
function firstDuplicateName(text, start, end, stringEnd) {
  const QUOTE = 34, COMMA = 44;
  let depth = -1;
  let names = 0;
  let expectName = false;
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const close = stringEnd(text, at) - 1;
      if (expectName) {
        const length = close - at - 1;
        for (let other = firstNameAt[depth]; other < names; other++) {
          if (nameLengths[other] !== length) continue;
          let same = 0;
          while (same < length && text.charCodeAt(nameStarts[other] + same) === text.charCodeAt(at + 1 + same)) same++;
          if (same === length) return at;
        }
        if (names < nameStarts.length) {
          nameStarts[names] = at + 1;
          nameLengths[names++] = length;
        }
        expectName = false;
      }
      at = close;
    } else if (code === 123 || code === 91) {
      firstNameAt[++depth] = names;
      isObject[depth] = code === 123 ? 1 : 0;
      expectName = code === 123;
    } else if (code === 125 || code === 93) {
      names = firstNameAt[depth--];
      expectName = false;
    } else if (code === COMMA) {
      expectName = isObject[depth] === 1;
    }
  }
  return -1;
}
