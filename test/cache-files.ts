// The specs and cache-file reader shared by cache.test.ts and cache-cli.test.ts.
import { readFileSync } from 'node:fs';
import { project } from './cli-harness.js';

export interface JsonReport {
  findings: { ruleId: string; file: string; line: number; column: number; message: string }[];
}

export interface Entry {
  key: string;
  files: [string, unknown[]][];
  reply: { findings: { message: string }[] };
}

/** A cache file: its first line, then one entry per spec (path, key, files; a tab; the reply). */
export interface CacheFile {
  header: { statuslintCache: number; build: string };
  entries: Record<string, Entry>;
}

export const CACHE = '.statuslintcache';

/** A spec whose 401 response is two `$ref`s away, in deep.yaml, shared with another spec. */
export const spec = (title: string): string => `openapi: 3.0.3
info: {title: ${title}, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {description: OK}
        '400': {description: Bad request}
        '401': {$ref: './shared.yaml#/Unauthorized'}
`;
export const shared = "Unauthorized: {$ref: './deep.yaml#/Unauthorized'}\n";
export const deepWithoutChallenge = 'Unauthorized: {description: Unauthorized}\n';
export const deepWithChallenge = "Unauthorized:\n  description: Unauthorized\n  headers:\n    WWW-Authenticate: {schema: {type: string}}\n";

export function sharedProject(): string {
  return project({ 'a.yaml': spec('a'), 'b.yaml': spec('b'), 'shared.yaml': shared, 'deep.yaml': deepWithoutChallenge });
}

export function readCache(path: string): CacheFile {
  const [first, ...lines] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const entries: Record<string, Entry> = {};
  for (const line of lines) {
    const [meta, reply] = line.split('\t') as [string, string];
    const [file, key, files] = JSON.parse(meta) as [string, string, Entry['files']];
    entries[file] = { key, files, reply: JSON.parse(reply) as Entry['reply'] };
  }
  return { header: JSON.parse(first!) as CacheFile['header'], entries };
}
