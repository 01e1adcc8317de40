// The floors statuslint is compared with, as processes of their own:
//   node floor.mjs json FILE...   read each file and JSON.parse it
//   node floor.mjs yaml FILE      read the file and build yaml's Document (parseDocument)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [mode, ...files] = process.argv.slice(2);
if (mode === 'json') {
  for (const file of files) JSON.parse(readFileSync(file, 'utf8'));
} else if (mode === 'yaml') {
  // The project's own `yaml`, the one statuslint falls back to.
  const { parseDocument, LineCounter } = createRequire(new URL('../../package.json', import.meta.url))('yaml');
  for (const file of files) parseDocument(readFileSync(file, 'utf8'), { lineCounter: new LineCounter() });
} else {
  throw new Error(`unknown floor '${mode}'`);
}
