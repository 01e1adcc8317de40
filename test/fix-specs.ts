import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { projectRoot } from './cli-harness.js';

// Specs that more than one test of --fix starts from.

export const USER_EDIT = '# saved by the user during the run\n';

/** A copy of the petstore fixture in a folder of its own. */
export function petstore(): { dir: string; spec: string } {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-write-'));
  const spec = join(dir, 'api.yaml');
  cpSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), spec);
  return { dir, spec };
}

/** GET /b's 4XX names GET /a's 4xx by `$ref`: renaming 4xx to 4XX (no-unknown-status's fix) would break it. */
export const renameRef = [
  'openapi: 3.0.3',
  "info: {title: t, version: '1'}",
  'paths:',
  '  /a:',
  '    get:',
  '      responses:',
  "        '200': {description: OK}",
  '        4xx: {description: client error}',
  '  /b:',
  '    get:',
  '      responses:',
  "        '200': {description: OK}",
  "        4XX: {$ref: '#/paths/~1a/get/responses/4xx'}",
  '',
].join('\n');

/** Every file under `folder` by its relative path, to compare a folder before and after a run. */
export function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}


/** A folder of 24 specs: fixes in each, in a fragment most of them share, and some --fix leaves alone. */
export function manySpecs(): { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-many-'));
  // A fragment (components only, referenced): its fix is offered by every spec that uses it.
  writeFileSync(join(dir, 'shared.yaml'), stringify({ openapi: '3.0.3', info: { title: 'Shared', version: '1' }, components: { responses: { Busy: { description: 'Slow down' } } } }));
  // Components only and referenced by nobody: linted as a spec of its own.
  writeFileSync(join(dir, 'lonely.yaml'), stringify({ openapi: '3.0.3', info: { title: 'Lonely', version: '1' }, components: { responses: { Gone: { description: 'Gone' } } } }));
  for (let index = 0; index < 22; index++) {
    const responses: Record<string, unknown> = {
      '200': { description: 'OK' },
      '401': { description: `Who are you ${index}` },
      '429': index % 3 === 0 ? { $ref: 'shared.yaml#/components/responses/Busy' } : { description: `Slow down ${index}` },
    };
    if (index % 4 === 0) responses['5xx'] = { description: 'Failed' };
    // Not a map: left for a person, and said so.
    if (index % 5 === 0) responses['503'] = { description: 'Down', headers: null };
    const spec = {
      openapi: index % 2 ? '3.1.0' : '3.0.3',
      info: { title: `Spec ${index}`, version: '1' },
      security: [{ bearer: [] }],
      paths: { [`/items/${index}`]: { get: { responses } } },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    };
    const name = join(dir, `spec-${String(index).padStart(2, '0')}.${index % 2 ? 'yaml' : 'json'}`);
    writeFileSync(name, index % 2 ? stringify(spec) : JSON.stringify(spec, null, 2));
  }
  return { dir };
}

/**
 * Applies a --fix-dry-run diff with `patch` (its arguments and options as spawnSync takes them).
 * `patch` is not statuslint: a test that checks a diff with it still runs the CLI in its own
 * process and catches a mutant, so it is called here rather than by a spawn in the test file,
 * which would leave the whole file out of mutation runs.
 */
export function applyPatch(args: readonly string[], options: { cwd?: string; input: string; encoding: 'utf8' }): SpawnSyncReturns<string> {
  return spawnSync('patch', args, options);
}
