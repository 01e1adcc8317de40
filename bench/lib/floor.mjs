// The floors statuslint is compared with, as processes of their own:
//   node floor.mjs json PATH...   read each file and JSON.parse it; a folder stands for the
//                                 .json files under it (node_modules and dot-folders skipped)
//   node floor.mjs yaml FILE      read the file and build yaml's Document (parseDocument)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [mode, ...paths] = process.argv.slice(2);

function* jsonFiles(path) {
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory() && (entry.name === 'node_modules' || entry.name.startsWith('.'))) continue;
    if (entry.isDirectory()) yield* jsonFiles(join(path, entry.name));
    else if (entry.name.endsWith('.json')) yield join(path, entry.name);
  }
}

if (mode === 'json') {
  for (const path of paths) for (const file of jsonFiles(path)) JSON.parse(readFileSync(file, 'utf8'));
} else if (mode === 'yaml') {
  // The project's own `yaml`, the one statuslint falls back to.
  const { parseDocument, LineCounter } = createRequire(new URL('../../package.json', import.meta.url))('yaml');
  for (const file of paths) parseDocument(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() });
} else {
  throw new Error(`unknown floor '${mode}'`);
}
