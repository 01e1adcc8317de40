// What `npm install statuslint` gives a user: the files the tarball holds, and code that runs on
// every Node.js version that package.json's `engines` admits.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { projectRoot, runBinary } from './cli-harness.js';

const bundleDir = join(projectRoot, 'dist', 'bundle');
const bundled = readdirSync(bundleDir).filter((name) => name.endsWith('.js'));

describe('the code that ships runs on the oldest Node.js that engines admits', () => {
  it('engines still says >=20 (update the list below when it moves)', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20');
  });

  it("a fresh clone's npm install builds the CLI, as the README's Quick start says, and npx statuslint runs bin/", () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.bin).toEqual({ statuslint: 'bin/statuslint.js' });
    // The version the Quick start names is the one engines admits (the test above).
    expect(readFileSync(join(projectRoot, 'README.md'), 'utf8')).toContain('(Node.js 20 or later)');
  });

  // import.meta.dirname and import.meta.filename came in Node 20.11: before it they are
  // undefined, and a path built from them throws. rule-docs.ts caught that as "no doc page", so
  // on Node 20.0-20.10 `explain` printed one line and SARIF carried no rule help.
  it('uses no import.meta.dirname or import.meta.filename (Node 20.11)', () => {
    for (const name of bundled) expect(readFileSync(join(bundleDir, name), 'utf8'), name).not.toMatch(/import\.meta\.(dirname|filename)\b/);
  });

  // crypto.hash came in Node 20.12; SARIF fingerprints must fall back to createHash before it.
  it('calls crypto.hash only behind a check that it exists', () => {
    for (const name of bundled) {
      const text = readFileSync(join(bundleDir, name), 'utf8');
      const calls = text.match(/\bcrypto\.hash\(/g)?.length ?? 0;
      const guards = text.match(/typeof crypto\.hash === "function"/g)?.length ?? 0;
      expect(calls, name).toBeLessThanOrEqual(guards);
    }
  });
});

describe('the package tarball', () => {
  const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [{ files: { path: string }[] }];
  const files = listing[0].files.map((file) => file.path).sort();

  it('holds the entry point, the whole bundle and its build id (--cache), every rule page, package.json, the README and the licence', () => {
    const needed = ['bin/statuslint.js', 'package.json', 'README.md', 'LICENSE', 'dist/bundle/build-id.txt', ...bundled.map((name) => `dist/bundle/${name}`), ...Object.keys(rules).map((id) => `rules/${id}.md`)];
    for (const path of needed) expect(files, path).toContain(path);
  });

  it('holds nothing the installed CLI does not run or read, but its licence', () => {
    const extra = files.filter((path) => !/^(bin\/statuslint\.js|package\.json|README\.md|LICENSE|dist\/bundle\/[^/]+\.js|dist\/bundle\/build-id\.txt|rules\/[a-z-]+\.md)$/.test(path));
    expect(extra).toEqual([]);
  });
});

describe('--help', () => {
  it('names the configuration guide by a URL, since docs/ is not in the package', () => {
    const help = runBinary(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('https://github.com/statuslint/statuslint/blob/main/docs/configuration.md');
  });
});
