import { existsSync, linkSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildId, CACHE_FILE, cacheLocation, LintCache } from '../src/cache.js';
import { UsageError } from '../src/errors.js';
import type { Finding } from '../src/engine/types.js';
import type { WorkerReply } from '../src/lint-parallel.js';
import { type Fingerprint, fingerprintOf, RACY_MS } from '../src/loader/fingerprint.js';
import { project, projectRoot, runCli, type CliRun } from './cli-harness.js';
import { CACHE, type CacheFile, deepWithChallenge, deepWithoutChallenge, type JsonReport, readCache, shared, sharedProject, spec } from './cache-files.js';

const lintJson = async (cwd: string, args: string[] = ['a.yaml', 'b.yaml']): Promise<CliRun & { report: JsonReport }> => {
  const run = await runCli(['--format', 'json', '--fail-on', 'none', ...args], { cwd });
  expect(run.code, run.stderr).toBe(0);
  return { ...run, report: JSON.parse(run.stdout) as JsonReport };
};

function writeCache(path: string, cache: CacheFile): void {
  const lines = Object.entries(cache.entries).map(([file, entry]) => `${JSON.stringify([file, entry.key, entry.files])}\t${JSON.stringify(entry.reply)}`);
  writeFileSync(path, [JSON.stringify(cache.header), ...lines, ''].join('\n'));
}

/** Changes what the cache holds for every spec, so that a run shows whether it replayed it. */
function markCached(path: string): void {
  const cache = readCache(path);
  for (const entry of Object.values(cache.entries)) for (const finding of entry.reply.findings) finding.message = 'from the cache';
  writeCache(path, cache);
}

const messages = (report: JsonReport): string[] => report.findings.map((finding) => finding.message);

describe('--cache', () => {
  it('gives the same report and warnings as a run without it, on every fixture, linted or replayed', async () => {
    const cwd = project({});
    const args = ['--format', 'json', '--fail-on', 'none', join(projectRoot, 'fixtures')];
    const plain = await runCli(args, { cwd });
    const first = await runCli([...args, '--cache'], { cwd });
    const second = await runCli([...args, '--cache'], { cwd });
    expect(JSON.parse(plain.stdout).findings.length).toBeGreaterThan(10);
    for (const run of [first, second]) {
      expect(run.code).toBe(plain.code);
      expect(run.stdout).toBe(plain.stdout);
      expect(run.stderr).toBe(plain.stderr);
    }
    // Specs that could not be linted, or that have notices (the remote $ref), are not kept.
    const kept = Object.keys(readCache(join(cwd, CACHE)).entries);
    expect(kept).toContain(join(projectRoot, 'fixtures/multi-file/openapi.yaml'));
    expect(kept).not.toContain(join(projectRoot, 'fixtures/invalid/remote-ref.yaml'));
    expect(kept).not.toContain(join(projectRoot, 'fixtures/invalid/missing-ref.yaml'));
  });

  it('replays a spec whose files did not change, and lints again one whose $ref two files away did', async () => {
    const cwd = sharedProject();
    const first = await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml']);
    expect(first.report.findings.filter((finding) => finding.ruleId === 'require-www-authenticate')).toHaveLength(1);
    markCached(join(cwd, CACHE));
    expect(new Set(messages((await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml'])).report))).toEqual(new Set(['from the cache']));

    // b.yaml was linted after a.yaml in the same lane, which had read and checked both
    // fragments already: its entry must still name deep.yaml.
    writeFileSync(join(cwd, 'deep.yaml'), deepWithChallenge);
    const edited = await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml']);
    expect(messages(edited.report)).not.toContain('from the cache');
    expect(edited.report).toEqual((await lintJson(cwd)).report);
    expect(edited.report.findings.some((finding) => finding.ruleId === 'require-www-authenticate')).toBe(false);
  });

  it('keeps neither a spec that reaches a shared file through a link nor one that shares it with such a spec', async () => {
    const cwd = sharedProject();
    // b.yaml names shared.yaml by a link: one file, read once, under whichever spelling the
    // lane met first, so that neither spec's findings there can be replayed under its name.
    symlinkSync(join(cwd, 'shared.yaml'), join(cwd, 'shared-link.yaml'));
    writeFileSync(join(cwd, 'b.yaml'), spec('b').replace('./shared.yaml', './shared-link.yaml'));
    const first = await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml']);
    expect(first.report.findings.filter((finding) => finding.ruleId === 'require-www-authenticate').map((finding) => finding.file)).toEqual(['deep.yaml']);
    expect(existsSync(join(cwd, CACHE))).toBe(false);
    writeFileSync(join(cwd, 'deep.yaml'), deepWithChallenge);
    expect((await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml'])).report).toEqual((await lintJson(cwd)).report);
  });

  it('keeps no spec that reaches a file with a second hard link, which another path may name', async () => {
    const cwd = sharedProject();
    await lintJson(cwd, ['--cache', 'a.yaml']);
    expect(Object.keys(readCache(join(cwd, CACHE)).entries)).toEqual([join(cwd, 'a.yaml')]);
    rmSync(join(cwd, CACHE));
    linkSync(join(cwd, 'deep.yaml'), join(cwd, 'deep-too.yaml'));
    await lintJson(cwd, ['--cache', 'a.yaml']);
    expect(existsSync(join(cwd, CACHE))).toBe(false);
  });

  it('never replays a spec that reaches a file another path may name: a folder linked into each service', async () => {
    // A monorepo's services each link the shared folder in: one file, named by whichever
    // spelling the lane met first. A replay recorded under one would come back beside the other.
    const cwd = project({
      'common/responses.yaml': deepWithoutChallenge,
      'services/x/openapi.yaml': spec('x-service-with-a-longer-title').replace('./shared.yaml', './common/responses.yaml'),
      'services/y/openapi.yaml': spec('y').replace('./shared.yaml', './common/responses.yaml'),
    });
    for (const service of ['x', 'y']) symlinkSync('../../common', join(cwd, `services/${service}/common`));
    const args = ['services/x/openapi.yaml', 'services/y/openapi.yaml'];
    await lintJson(cwd, ['--cache', ...args]);
    for (const [service, title] of [['y', 'y2'], ['x', 'x2']] as const) {
      writeFileSync(join(cwd, `services/${service}/openapi.yaml`), spec(title).replace('./shared.yaml', './common/responses.yaml'));
      const cached = await lintJson(cwd, ['--cache', ...args]);
      expect(cached.report).toEqual((await lintJson(cwd, args)).report);
      expect(cached.report.findings.filter((finding) => finding.ruleId === 'require-www-authenticate')).toHaveLength(1);
    }
    // A spec whose files are all its own is still kept.
    writeFileSync(join(cwd, 'plain.yaml'), spec('plain').replace('./shared.yaml', './common/responses.yaml'));
    await lintJson(cwd, ['--cache', 'plain.yaml']);
    expect(Object.keys(readCache(join(cwd, CACHE)).entries)).toEqual([join(cwd, 'plain.yaml')]);
  });

  it('lints again what only one setting changed: a --rule, --max-file-size, the configuration, the build', async () => {
    const cwd = sharedProject();
    for (const extra of [['--rule', 'require-www-authenticate=warning'], ['--max-file-size', '1mb']]) {
      // Against a run without it, so that this setting alone differs.
      await lintJson(cwd, ['--cache', 'a.yaml']);
      markCached(join(cwd, CACHE));
      expect(messages((await lintJson(cwd, ['--cache', ...extra, 'a.yaml'])).report)).not.toContain('from the cache');
    }
    markCached(join(cwd, CACHE));
    writeFileSync(join(cwd, 'statuslint.config.yaml'), 'rules:\n  require-www-authenticate: warning\n');
    expect(messages((await lintJson(cwd, ['--cache', 'a.yaml'])).report)).not.toContain('from the cache');
    // Another build of statuslint may find other things.
    markCached(join(cwd, CACHE));
    writeCache(join(cwd, CACHE), { ...readCache(join(cwd, CACHE)), header: { statuslintCache: 2, build: 'another' } });
    expect(messages((await lintJson(cwd, ['--cache', 'a.yaml'])).report)).not.toContain('from the cache');
  });

  it('lints again what a setting of the configuration changed, options or unusedSuppressions, and the working directory within one project root', async () => {
    const a = spec('a').replace("'400': {description: Bad request}", "'400': {description: Bad request, x-statuslint-ignore: [require-upgrade]}");
    const config = (codes: string, unused: string) => `rules:\n  require-validation-error: [warning, {codes: ['${codes}']}]\nunusedSuppressions: ${unused}\n`;
    // Each case: the configuration, the arguments and the folder of a first run, then of a second that changes one of them.
    type Run = [config: string, args: string[], folder: string];
    const base: Run = [config('422', 'info'), ['api/a.yaml'], ''];
    const cases: Array<[string, Run]> = [
      ['options of a rule, at the same severity', [config('400', 'info'), ['api/a.yaml'], '']],
      ['unusedSuppressions', [config('422', 'warning'), ['api/a.yaml'], '']],
      // The same project root (the git top-level) from either folder, so that only the working directory tells the runs apart.
      ['the working directory', [config('422', 'info'), ['a.yaml'], 'api']],
    ];
    for (const [name, changed] of cases) {
      const cwd = project({ 'api/a.yaml': a, 'api/shared.yaml': shared, 'api/deep.yaml': deepWithoutChallenge });
      mkdirSync(join(cwd, '.git'));
      const replays = async ([text, args, folder]: Run): Promise<boolean> => {
        writeFileSync(join(cwd, 'statuslint.config.yaml'), text);
        const run = await runCli(['--format', 'json', '--fail-on', 'none', '--cache-location', join(cwd, CACHE), ...args], { cwd: join(cwd, folder) });
        expect(run.code, run.stderr).toBe(0);
        return messages(JSON.parse(run.stdout) as JsonReport).includes('from the cache');
      };
      expect(await replays(base), name).toBe(false);
      markCached(join(cwd, CACHE));
      expect(await replays(base), `${name}: nothing changed`).toBe(true);
      markCached(join(cwd, CACHE));
      expect(await replays(changed), name).toBe(false);
    }
  });

  // docs/ci.md: the action's SARIF run, and the GitLab job's second command, replay the first run.
  it('replays across what only shapes the report: the format, --output, --fail-on, --category, --sarif-root', async () => {
    const cwd = sharedProject();
    const first = await runCli(['--cache', '--format', 'sarif', '--output', 'report.sarif', '--fail-on', 'none', '--category', 'api', 'a.yaml'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    markCached(join(cwd, CACHE));
    // The GitLab job's two commands: its report, then the gate, from the cache.
    const gitlab = await runCli(['--cache', '--format', 'gitlab', '--output', 'gl-code-quality-report.json', '--fail-on', 'none', 'a.yaml'], { cwd });
    expect(gitlab.code, gitlab.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'gl-code-quality-report.json'), 'utf8')).toContain('from the cache');
    const text = await runCli(['--cache', '--format', 'text', '--fail-on', 'error', 'a.yaml'], { cwd });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('from the cache');
    const github = await runCli(['--cache', '--format', 'github', '--sarif-root', '.', 'a.yaml'], { cwd });
    expect(github.stdout).toContain('from the cache');
    expect(messages((await lintJson(cwd, ['--cache', 'a.yaml'])).report)).toEqual(['from the cache']);
  });

  it('takes a touched file with the same bytes as unchanged', async () => {
    const cwd = sharedProject();
    await lintJson(cwd, ['--cache', 'a.yaml']);
    markCached(join(cwd, CACHE));
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(cwd, 'deep.yaml'), earlier, earlier);
    expect(new Set(messages((await lintJson(cwd, ['--cache', 'a.yaml'])).report))).toEqual(new Set(['from the cache']));
  });

  it("does not trust the times of a file changed within the file system's clock tick (git's racy clean)", async () => {
    // The README: 'a file that had changed less than three seconds before it was read'.
    expect(RACY_MS).toBe(3000);
    const stats = (ago: number): Stats => ({ size: 10, mtimeMs: Date.now() - ago, ctimeMs: Date.now() - ago }) as Stats;
    const bytes = Buffer.from('0123456789');
    // Changed just now: recorded with a size no file has, so the next run compares the hash.
    expect(fingerprintOf(stats(10), bytes, '/x')[0]).toBe(-1);
    expect(fingerprintOf(stats(RACY_MS + 1000), bytes, '/x')).toEqual([10, expect.any(Number), expect.any(Number), expect.any(String), '/x']);
    // Every file of a fresh project was just written.
    const cwd = sharedProject();
    await lintJson(cwd, ['--cache', 'a.yaml']);
    const entry = readCache(join(cwd, CACHE)).entries[join(cwd, 'a.yaml')]!;
    expect(entry.files.map(([, print]) => print[0])).toEqual([-1, -1, -1]);
  });

  it('lints again a spec whose $ref now reaches outside the project root through a symbolic link', async () => {
    const outside = project({ 'frag.yaml': 'NF: {description: Not Found}\n' });
    const cwd = project({
      'spec.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '404': {$ref: 'frag.yaml#/NF'}\n",
      'inside.yaml': 'NF: {description: Not Found}\n',
    });
    symlinkSync('inside.yaml', join(cwd, 'frag.yaml'));
    expect((await runCli(['--cache', 'spec.yaml'], { cwd })).code).toBe(0);
    rmSync(join(cwd, 'frag.yaml'));
    symlinkSync(join(outside, 'frag.yaml'), join(cwd, 'frag.yaml'));
    const cached = await runCli(['--cache', 'spec.yaml'], { cwd });
    expect(cached.code).toBe(2);
    expect(cached.stderr).toMatch(/outside the project root/);
  });

  it("checks each spec's $refs against its own project root, whichever spec read their files first, cached or not", async () => {
    // No git repository: each spec's root is its own folder, and sub/a.yaml's $ref leaves it.
    const specs = project({
      // The larger, so linted first: sub/a.yaml and frag.yaml are read through it, under its root.
      'b.yaml': `openapi: 3.0.3\ninfo: {title: t, version: '1', description: '${'x'.repeat(400)}'}\npaths:\n  /b: {$ref: 'sub/a.yaml#/paths/~1a'}\n`,
      'sub/a.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '404': {$ref: '../frag.yaml#/NF'}\n",
      'frag.yaml': 'NF: {description: Not Found}\n',
    });
    const cwd = project({});
    const both = [join(specs, 'b.yaml'), join(specs, 'sub/a.yaml')];
    const plain = await runCli(both, { cwd });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/sub\/a\.yaml:\d+:\d+: cannot resolve \$ref '\.\.\/frag\.yaml#\/NF': it is outside the project root/);
    for (let run = 0; run < 2; run++) expect(await runCli(['--cache', ...both], { cwd })).toEqual(plain);
    expect(await runCli(['--cache', join(specs, 'sub/a.yaml')], { cwd })).toEqual(await runCli([join(specs, 'sub/a.yaml')], { cwd }));
  });

  it('refuses to overwrite a file that is not its cache, and starts again from one cut short or edited', async () => {
    const cwd = sharedProject();
    const refused = await runCli(['--cache-location', 'b.yaml', 'a.yaml'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^statuslint: b\.yaml is not a statuslint cache, and --cache would overwrite it/);
    expect(readFileSync(join(cwd, 'b.yaml'), 'utf8')).toBe(spec('b'));

    // A pipe: in cache-cli.test.ts.

    // One too large for Node to read whole (a sparse file, instantly) is named as such, not by an error code.
    writeFileSync(join(cwd, 'huge-cache'), '');
    truncateSync(join(cwd, 'huge-cache'), 2 ** 31);
    const huge = await runCli(['--cache-location', 'huge-cache', 'a.yaml'], { cwd });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toBe('statuslint: cannot read the cache huge-cache: it is 2 GiB or more, larger than any cache statuslint writes; remove it or give another --cache-location\n');
    rmSync(join(cwd, 'huge-cache'));

    // An entry edited by hand is linted again, not trusted; one cut short is dropped.
    await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml']);
    const text = readFileSync(join(cwd, CACHE), 'utf8');
    const edited = readCache(join(cwd, CACHE));
    Object.assign(edited.entries[join(cwd, 'a.yaml')]!, { reply: { findings: null } });
    writeCache(join(cwd, CACHE), edited);
    const afterEdit = await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml']);
    expect(afterEdit.report).toEqual((await lintJson(cwd, ['a.yaml', 'b.yaml'])).report);
    writeFileSync(join(cwd, CACHE), text.slice(0, text.lastIndexOf('\t') + 20));
    const afterCut = await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml']);
    expect(afterCut.report).toEqual(afterEdit.report);
    expect(Object.keys(readCache(join(cwd, CACHE)).entries).sort()).toEqual([join(cwd, 'a.yaml'), join(cwd, 'b.yaml')]);

    // A finding no rule of this build could make is not replayed.
    const bogus = readCache(join(cwd, CACHE));
    for (const entry of Object.values(bogus.entries)) for (const finding of entry.reply.findings) Object.assign(finding, { severity: 'bogus' });
    writeCache(join(cwd, CACHE), bogus);
    expect((await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml'])).report).toEqual(afterEdit.report);

    // Nor one that says more than a clean lint's answer does.
    const failing = readCache(join(cwd, CACHE));
    for (const entry of Object.values(failing.entries)) Object.assign(entry.reply, { failure: { file: null, detail: 7 } });
    writeCache(join(cwd, CACHE), failing);
    expect((await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml'])).report).toEqual(afterEdit.report);

    // An empty file holds nothing to lose.
    writeFileSync(join(cwd, CACHE), '');
    expect((await lintJson(cwd, ['--cache', 'a.yaml'])).stderr).toBe('');

    writeFileSync(join(cwd, CACHE), '{"statuslintCache":2,"build":"x","entr');
    const cut = await lintJson(cwd, ['--cache', 'a.yaml']);
    expect(cut.stderr).toMatch(/warning: the cache \.statuslintcache could not be read \(cut short\?\); it is made again/);
    expect(Object.keys(readCache(join(cwd, CACHE)).entries)).toEqual([join(cwd, 'a.yaml')]);
  });

  it('only warns when the cache cannot be written: the lint stands', async () => {
    const cwd = sharedProject();
    const run = await lintJson(cwd, ['--cache-location', 'a.yaml/cache', 'b.yaml']);
    expect(run.stderr).toBe('statuslint: warning: cannot write the cache a.yaml/cache: a.yaml is a file, not a folder (ENOTDIR)\n');
    expect(run.report.findings.length).toBeGreaterThan(0);
  });

  it('makes the folders on the way to the cache, as a CI job restores a cache folder only once a run saved it', async () => {
    const cwd = sharedProject();
    for (const location of ['.cache/statuslint/', 'nowhere/cache']) {
      const run = await lintJson(cwd, ['--cache-location', location, 'a.yaml']);
      expect(run.stderr, location).toBe('');
      const file = location.endsWith('/') ? join(cwd, location, CACHE) : join(cwd, location);
      expect(Object.keys(readCache(file).entries), location).toEqual([join(cwd, 'a.yaml')]);
    }
  });

  it('refuses a cache that is also the report or a baseline', async () => {
    const cwd = sharedProject();
    for (const flag of ['--output', '--baseline', '--write-baseline']) {
      const run = await runCli(['--cache-location', 'r.json', flag, 'r.json', 'a.yaml'], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`statuslint: ${flag} and the cache are the same file (r.json); give --cache-location another\n`);
    }
  });

  it('keeps the cache in a folder given as --cache-location, and forgets specs that are gone', async () => {
    const cwd = sharedProject();
    const location = join(project({}), '/');
    await lintJson(cwd, ['--cache-location', location, 'a.yaml', 'b.yaml']);
    expect(Object.keys(readCache(join(location, CACHE)).entries).sort()).toEqual([join(cwd, 'a.yaml'), join(cwd, 'b.yaml')]);
    rmSync(join(cwd, 'b.yaml'));
    await lintJson(cwd, ['--cache-location', location, 'a.yaml']);
    expect(Object.keys(readCache(join(location, CACHE)).entries)).toEqual([join(cwd, 'a.yaml')]);
    expect(existsSync(join(cwd, CACHE))).toBe(false);
  });

  it('is neither read nor written by --fix, which lints the specs it writes from memory', async () => {
    const cwd = sharedProject();
    const run = await runCli(['--fix', '--cache', 'a.yaml'], { cwd });
    expect(run.stderr).toMatch(/fixed 1 problem in 1 file/);
    expect(existsSync(join(cwd, CACHE))).toBe(false);
  });

  it('is neither read nor written by --fix-dry-run, nor by a run that reads a spec from standard input', async () => {
    const cwd = sharedProject();
    expect((await runCli(['--fix-dry-run', '--cache', 'a.yaml'], { cwd })).stdout).toContain('WWW-Authenticate');
    expect((await runCli(['--cache', '-', 'b.yaml', '--stdin-filepath', 'a.yaml'], { cwd, stdin: spec('a') })).code).toBe(1);
    expect(existsSync(join(cwd, CACHE))).toBe(false);
    await lintJson(cwd, ['--cache', 'a.yaml', 'b.yaml']);
    markCached(join(cwd, CACHE));
    const kept = readFileSync(join(cwd, CACHE));
    // An editor's buffer, unlike the file on disk: its own findings, never the file's kept ones.
    const buffer = spec('a').replace("{$ref: './shared.yaml#/Unauthorized'}", '{description: Unauthorized, headers: {WWW-Authenticate: {schema: {type: string}}}}');
    const fromBuffer = await runCli(['--format', 'json', '--fail-on', 'none', '--cache', '-', '--stdin-filepath', 'a.yaml'], { cwd, stdin: buffer });
    expect(fromBuffer.code, fromBuffer.stderr).toBe(0);
    expect((JSON.parse(fromBuffer.stdout) as JsonReport).findings).toEqual([]);
    // Nor the other specs of such a run: the buffer may be a file they reference, as deep.yaml is b.yaml's.
    const beside = await runCli(['--format', 'json', '--fail-on', 'none', '--cache', '-', 'b.yaml', '--stdin-filepath', 'deep.yaml'], { cwd, stdin: deepWithChallenge });
    expect((JSON.parse(beside.stdout) as JsonReport).findings).toEqual([]);
    const dry = await runCli(['--fix-dry-run', '--cache', 'a.yaml'], { cwd });
    expect(dry.stdout).toContain('WWW-Authenticate');
    expect(readFileSync(join(cwd, CACHE))).toEqual(kept);
  });

  it('still checks a replayed spec against the schema with --validate', async () => {
    const invalid = spec('a').replace("'200': {description: OK}", "'200': {description: OK, bogus: 1}");
    const cwd = project({ 'a.yaml': invalid, 'shared.yaml': shared, 'deep.yaml': deepWithoutChallenge });
    for (let run = 0; run < 2; run++) {
      const validated = await runCli(['--cache', '--validate', '--format', 'json', 'a.yaml'], { cwd });
      expect(validated.code).toBe(2);
      expect(validated.stderr).toMatch(/^statuslint: a\.yaml:7:\d+: not a valid OpenAPI document: /);
      if (run === 0) markCached(join(cwd, CACHE));
      else expect(messages(JSON.parse(validated.stdout) as JsonReport)).toContain('from the cache');
    }
  });

  it("keeps no entry for a folder's file that holds only components: it is linted every time", async () => {
    const cwd = project({
      'specs/a.yaml': spec('a').replaceAll('./', '../'),
      'specs/components.yaml': "openapi: 3.1.0\ninfo: {title: c, version: '1'}\ncomponents:\n  responses:\n    Unauthorized: {description: Unauthorized}\n",
      'shared.yaml': shared,
      'deep.yaml': deepWithoutChallenge,
    });
    const run = await runCli(['--cache', 'specs'], { cwd });
    expect(run.stdout).toMatch(/in 2 files/);
    expect(Object.keys(readCache(join(cwd, CACHE)).entries)).toEqual([join(cwd, 'specs/a.yaml')]);
  });

  it("keeps a folder's file that is no spec by its fingerprint, replays it to no run that names it, and lints it once it has become one", async () => {
    const unchallenged = "openapi: 3.0.3\ninfo: {title: n, version: '1'}\npaths:\n  /n:\n    get:\n      responses:\n        '200': {description: OK}\n        '401': {description: Unauthorized}\n";
    const cwd = project({ 'specs/a.yaml': spec('a').replaceAll('./', '../'), 'specs/notes.yaml': 'title: not a spec yet\n', 'specs/broken.yaml': 'a: [\n', 'shared.yaml': shared, 'deep.yaml': deepWithoutChallenge });
    const files = async () => new Set((await lintJson(cwd, ['--cache', 'specs'])).report.findings.map((finding) => finding.file));
    expect(await files()).not.toContain('specs/notes.yaml');
    expect(Object.keys(readCache(join(cwd, CACHE)).entries)).toContain(join(cwd, 'specs/notes.yaml'));
    // Named on the command line, a file the folder's run passed over is an input error, with its own message.
    for (const [file, message] of [
      ['specs/notes.yaml', 'specs/notes.yaml: not an OpenAPI document'],
      ['specs/broken.yaml', 'specs/broken.yaml:2:1: invalid YAML'],
    ] as const) {
      const named = await runCli(['--cache', file], { cwd });
      expect(named.code).toBe(2);
      expect(named.stderr).toContain(message);
    }
    writeFileSync(join(cwd, 'specs/notes.yaml'), unchallenged);
    expect(await files()).toContain('specs/notes.yaml');
  });

  it('lints again after --allow-external-refs or the working directory changed', async () => {
    const cwd = sharedProject();
    await lintJson(cwd, ['--cache', 'a.yaml']);
    markCached(join(cwd, CACHE));
    expect(messages((await lintJson(cwd, ['--cache', '--allow-external-refs', 'a.yaml'])).report)).not.toContain('from the cache');
    await lintJson(cwd, ['--cache', 'a.yaml']);
    markCached(join(cwd, CACHE));
    mkdirSync(join(cwd, 'sub'));
    const elsewhere = await lintJson(join(cwd, 'sub'), ['--cache-location', '..', '../a.yaml']);
    expect(messages(elsewhere.report)).not.toContain('from the cache');
    // Outside the working directory, files are named by absolute paths: the kept report would be wrong.
    expect(elsewhere.report.findings[0]!.file).toBe(join(cwd, 'deep.yaml'));
  });

  it('takes a referenced file replaced by a link to a copy of it, same bytes and times, as changed', async () => {
    const cwd = sharedProject();
    const earlier = new Date(Date.now() - 60_000);
    for (const name of ['a.yaml', 'shared.yaml', 'deep.yaml']) utimesSync(join(cwd, name), earlier, earlier);
    await lintJson(cwd, ['--cache', 'a.yaml']);
    markCached(join(cwd, CACHE));
    expect(new Set(messages((await lintJson(cwd, ['--cache', 'a.yaml'])).report))).toEqual(new Set(['from the cache']));
    markCached(join(cwd, CACHE));
    renameSync(join(cwd, 'deep.yaml'), join(cwd, 'deep-copy.yaml'));
    symlinkSync('deep-copy.yaml', join(cwd, 'deep.yaml'));
    expect(messages((await lintJson(cwd, ['--cache', 'a.yaml'])).report)).not.toContain('from the cache');
  });
});

// The cache file itself, read and written by LintCache directly: what it holds, when an entry is
// stale, and that a cache damaged, edited or of another build never breaks a run nor replays.
describe('the cache file', () => {
  const BUILD = 'build 1 yaml@2';
  const isRuleId = (id: string): boolean => id === 'require-www-authenticate';
  const open = (path: string): LintCache => LintCache.open(path, 'the-cache', BUILD, isRuleId);
  const finding: Finding = {
    ruleId: 'require-www-authenticate',
    messageId: 'missing',
    severity: 'error',
    message: "401 response declares no 'WWW-Authenticate' header",
    file: 'a.yaml',
    pointer: '/paths/~1a/get/responses/401',
    line: 9,
    column: 9,
    endLine: 9,
    endColumn: 14,
    operation: { method: 'get', path: '/a' },
    status: '401',
  };
  const done = (files: string[], fields: object = {}) => ({ kind: 'done', ran: true, file: 'a.yaml', findings: [finding], internalErrors: [], notices: [], referenced: [], loaded: files, ...fields });
  const minuteAgo = () => new Date(Date.now() - 60_000);

  /** A spec and the fragment two $refs away, written a minute ago, so that their times are trusted; and where the cache goes. */
  function specFiles(): { cwd: string; path: string; spec: string; deep: string } {
    const cwd = sharedProject();
    for (const name of ['a.yaml', 'shared.yaml', 'deep.yaml']) utimesSync(join(cwd, name), minuteAgo(), minuteAgo());
    return { cwd, path: join(cwd, CACHE), spec: join(cwd, 'a.yaml'), deep: join(cwd, 'deep.yaml') };
  }

  /** Runs `action` as if a few seconds had passed since every file was last changed (the change time of a file touched is now). */
  async function later<T>(action: () => T | Promise<T>): Promise<T> {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * RACY_MS });
    try {
      return await action();
    } finally {
      vi.useRealTimers();
    }
  }

  /** What a lane sends for a spec read from `files` (the spec first), with what --cache keeps of it. */
  function replyOf(files: string[], kept: object = done(files)): WorkerReply {
    const prints = files.map((file): [string, Fingerprint] => [file, fingerprintOf(statSync(file), readFileSync(file), realpathSync(file))]);
    return { job: 0, ...(kept as Omit<WorkerReply, 'job'>), cached: { files: prints, reply: JSON.stringify(kept) } };
  }

  /** Saves a cache at `path` holding the spec's reply under `key`. */
  async function save(path: string, files: string[], kept?: object, key = 'key'): Promise<void> {
    const cache = open(path);
    cache.record(files[0]!, key, replyOf(files, kept));
    await cache.save();
  }

  it('holds a first line naming its format and build, then per spec its path, key and files, a tab and the reply', async () => {
    const { path, spec, deep } = specFiles();
    const reply = replyOf([spec, deep]);
    const cache = open(path);
    cache.record(spec, 'key', reply);
    await cache.save();
    const [header, line, ...rest] = readFileSync(path, 'utf8').split('\n');
    expect(header).toBe(`{"statuslintCache":2,"build":"${BUILD}"}`);
    expect(line).toBe(`${JSON.stringify([spec, 'key', reply.cached!.files])}\t${reply.cached!.reply}`);
    expect(rest).toEqual(['']);
    const { job: _job, cached: _cached, ...kept } = reply;
    const read = open(path);
    expect(read.discarded).toBeUndefined();
    expect(read.lookup(spec, 'key')).toEqual(kept);
    // Linted with other settings, or never linted.
    expect(read.lookup(spec, 'other settings')).toBeUndefined();
    expect(read.lookup(deep, 'key')).toBeUndefined();
    expect(cache.keyOf(['rules', '/work'])).toBe(read.keyOf(['rules', '/work']));
    expect(cache.keyOf(['rules', '/work'])).not.toBe(cache.keyOf(['rules', '/work/api']));
  });

  it('replays what it was given: a file that is no spec, a spec with suppressions, findings without an operation', async () => {
    const { path, spec } = specFiles();
    const { operation: _operation, status: _status, ...bare } = finding;
    for (const kept of [
      { kind: 'notSpec', path: spec, ran: false, findings: [], internalErrors: [], notices: [], referenced: [], loaded: [spec] },
      done([spec], { silenced: [['a.yaml', '/paths/~1a/get/responses/400/x-statuslint-ignore']] }),
      done([spec], { findings: [bare, { ...bare, severity: 'warning' }, { ...bare, severity: 'info' }] }),
    ]) {
      await save(path, [spec], kept);
      expect(open(path).lookup(spec, 'key'), JSON.stringify(kept)).toEqual(kept);
    }
  });

  it('is stale when a file the spec was read from changed, is gone, or is another file now; not when it was only touched', async () => {
    const cases: Array<[string, (file: string) => void, boolean]> = [
      ['unchanged', () => {}, true],
      ['touched, the same bytes', (file) => utimesSync(file, new Date(), new Date()), true],
      ['edited, the same size', (file) => writeFileSync(file, readFileSync(file, 'utf8').replace('Unauthorized', 'Unauthorizes')), false],
      ['edited, another size', (file) => writeFileSync(file, `${readFileSync(file, 'utf8')}# note\n`), false],
      ['removed', (file) => rmSync(file), false],
      ['a link to a copy of it now, the same bytes and times', (file) => {
        renameSync(file, `${file}.copy`);
        symlinkSync(`${file}.copy`, file);
      }, false],
      ['a folder now', (file) => {
        rmSync(file);
        mkdirSync(file);
      }, false],
    ];
    for (const [name, change, replays] of cases) {
      const { path, spec, deep } = specFiles();
      // Recorded and looked up long after the files were written: their sizes and times are trusted.
      await later(() => save(path, [spec, deep]));
      expect((readCache(path).entries[spec]!.files[1]![1] as Fingerprint)[0], name).toBe(deepWithoutChallenge.length);
      change(deep);
      expect(await later(() => open(path).lookup(spec, 'key') !== undefined), name).toBe(replays);
    }
  });

  it('writes back the times of a file touched but unchanged, unless it was touched within the clock tick', async () => {
    const { path, spec, deep } = specFiles();
    await save(path, [spec, deep]);
    const printOf = (file: string) => (readCache(path).entries[spec]!.files.find(([name]) => name === file)![1] as Fingerprint);
    const before = printOf(deep);
    // Just now: the hash is compared, and still will be next time.
    utimesSync(deep, new Date(), new Date());
    const racyRun = open(path);
    expect(racyRun.lookup(spec, 'key')).toBeDefined();
    await racyRun.save();
    expect(printOf(deep)).toEqual(before);
    // Long enough ago (touching sets the change time to now): the new times are kept, so that
    // the next run need not read the file.
    utimesSync(deep, minuteAgo(), minuteAgo());
    await later(async () => {
      const touched = open(path);
      expect(touched.lookup(spec, 'key')).toBeDefined();
      await touched.save();
    });
    const { size, mtimeMs, ctimeMs } = statSync(deep);
    expect(printOf(deep)).toEqual([size, mtimeMs, ctimeMs, before[3], before[4]]);
    expect(printOf(spec)).toEqual(readCache(path).entries[spec]!.files[0]![1]);
  });

  it('compares the bytes of a file recorded within its clock tick, whose size it did not trust', async () => {
    const { path, spec, deep } = specFiles();
    utimesSync(deep, new Date(), new Date());
    await save(path, [spec, deep]);
    expect((readCache(path).entries[spec]!.files[1]![1] as Fingerprint)[0]).toBe(-1);
    expect(open(path).lookup(spec, 'key')).toBeDefined();
    // The same size and times, other bytes.
    const { mtime } = statSync(deep);
    writeFileSync(deep, readFileSync(deep, 'utf8').replace('Unauthorized', 'Unauthorizes'));
    utimesSync(deep, mtime, mtime);
    expect(open(path).lookup(spec, 'key')).toBeUndefined();
  });

  it('rewrites itself only when something changed, without the specs that are gone', async () => {
    const { cwd, path, spec } = specFiles();
    const other = join(cwd, 'b.yaml');
    const cache = open(path);
    cache.record(spec, 'key', replyOf([spec]));
    cache.record(other, 'key', replyOf([other]));
    await cache.save();
    // Nothing new: the file is not written again (a write replaces it, a new file).
    const { ino } = statSync(path);
    const unchanged = open(path);
    expect(unchanged.lookup(spec, 'key')).toBeDefined();
    await unchanged.save();
    await cache.save();
    expect(statSync(path).ino).toBe(ino);
    // Nor is a file of its first line alone, with or without a line break.
    for (const text of [`{"statuslintCache":2,"build":"${BUILD}"}`, `{"statuslintCache":2,"build":"${BUILD}"}\n`]) {
      writeFileSync(join(cwd, 'header-only'), text);
      const { ino: headerOnly } = statSync(join(cwd, 'header-only'));
      await open(join(cwd, 'header-only')).save();
      expect(statSync(join(cwd, 'header-only')).ino, text).toBe(headerOnly);
    }
    // A spec whose answer cannot be replayed is forgotten; one never kept changes nothing.
    const forgets = open(join(cwd, 'elsewhere'));
    const { cached: _cached, ...unkept } = replyOf([spec]);
    forgets.record(spec, 'key', unkept);
    await forgets.save();
    expect(existsSync(join(cwd, 'elsewhere'))).toBe(false);
    const again = open(path);
    again.record(spec, 'key', unkept);
    await again.save();
    expect(Object.keys(readCache(path).entries)).toEqual([other]);
    // A spec removed since is dropped at the next save.
    const both = open(path);
    both.record(spec, 'key', replyOf([spec]));
    both.record(other, 'key', replyOf([other]));
    await both.save();
    rmSync(other);
    await open(path).save();
    expect(Object.keys(readCache(path).entries)).toEqual([spec]);
  });

  it('writes a cache of several megabytes whole, in order', async () => {
    const { cwd, path } = specFiles();
    const specs = ['a.yaml', 'b.yaml', 'shared.yaml', 'deep.yaml'].map((name) => join(cwd, name));
    const cache = open(path);
    for (const [index, spec] of specs.entries()) cache.record(spec, `key${index}`, replyOf([spec], done([spec], { findings: [{ ...finding, message: `${index}`.repeat(700_000) }] })));
    await cache.save();
    const read = open(path);
    for (const [index, spec] of specs.entries()) expect(read.lookup(spec, `key${index}`)?.findings[0]!.message, spec).toBe(`${index}`.repeat(700_000));
    expect(Object.keys(readCache(path).entries)).toEqual(specs);
  });
  it('drops a line edited or cut short, and writes itself again without it', async () => {
    const { path, spec, deep } = specFiles();
    await save(path, [spec, deep]);
    const [header, line] = readFileSync(path, 'utf8').split('\n') as [string, string];
    const tab = line.indexOf('\t');
    const [, key, files] = JSON.parse(line.slice(0, tab)) as [string, string, Array<[string, unknown[]]>];
    const reply = line.slice(tab + 1);
    const print = files[1]![1];
    const withMeta = (meta: unknown) => `${JSON.stringify(meta)}\t${reply}`;
    const withDependency = (dependency: unknown) => withMeta([spec, key, [files[0], dependency]]);
    const lines: Array<[string, string]> = [
      ['no tab', line.replace('\t', ' ')],
      ['cut short before the tab', line.slice(0, tab - 5)],
      ['not JSON before the tab', `[${line}`],
      ['not a list', withMeta({ spec, key, files })],
      ['two items', withMeta([spec, files])],
      ['four items', withMeta([spec, key, files, 1])],
      ['a path that is no string', withMeta([1, key, files])],
      ['a key that is no string', withMeta([spec, null, files])],
      ['files that are no list', withMeta([spec, key, {}])],
      ['no files', withMeta([spec, key, []])],
      ['the spec not first', withMeta([spec, key, [files[1], files[0]]])],
      ['a spec file that is no pair', withMeta([spec, key, [spec, files[1]]])],
      ['a dependency that is no pair', withDependency(deep)],
      ['a dependency of three items', withDependency([deep, print, 1])],
      ['a dependency without a path', withDependency([null, print])],
      ['no fingerprint', withDependency([deep, 'print'])],
      ['a fingerprint of four items', withDependency([deep, print.slice(0, 4)])],
      ...[0, 1, 2].map((index): [string, string] => [`fingerprint item ${index} not a number`, withDependency([deep, print.map((item, at) => (at === index ? String(item) : item))])]),
      ...[3, 4].map((index): [string, string] => [`fingerprint item ${index} not a string`, withDependency([deep, print.map((item, at) => (at === index ? 7 : item))])]),
    ];
    for (const [name, bad] of lines) {
      writeFileSync(path, `${header}\n${bad}\n`);
      const read = open(path);
      expect(read.lookup(spec, key), name).toBeUndefined();
      expect(read.discarded, name).toBeUndefined();
      await read.save();
      expect(readFileSync(path, 'utf8'), name).toBe(`${header}\n`);
    }
    // Beside good lines, in any place; the last without its line break.
    writeFileSync(path, `${header}\n${line.replace('\t', ' ')}\n${line}\n\n${line.slice(0, tab - 5)}`);
    const mixed = open(path);
    expect(mixed.lookup(spec, key), 'beside bad lines').toBeDefined();
    await mixed.save();
    expect(readFileSync(path, 'utf8')).toBe(`${header}\n${line}\n`);
    writeFileSync(path, `${header}\n${line}`);
    expect(open(path).lookup(spec, key), 'with no line break at the end').toBeDefined();
  });

  it('replays no reply that is not one this build writes, to the field: a cache edited by hand or damaged', async () => {
    const { path, spec } = specFiles();
    const good = done([spec]);
    const withFinding = (fields: object) => ({ ...good, findings: [{ ...finding, ...fields }] });
    const notSpec = { kind: 'notSpec', path: spec, ran: false, findings: [], internalErrors: [], notices: [], referenced: [], loaded: [spec] };
    const replies: Array<[string, unknown]> = [
      ['null', null],
      ['a list', []],
      ['a field no kept reply has', { ...good, failure: { file: 'a.yaml', detail: 'x' } }],
      ...['findings', 'notices', 'internalErrors', 'referenced', 'loaded'].map((field): [string, unknown] => [`${field} not a list`, { ...good, [field]: {} }]),
      ['a notice', { ...good, notices: [{ message: 'remote' }] }],
      ['an internal error', { ...good, internalErrors: [{ file: 'a.yaml', message: 'boom' }] }],
      ['a referenced file that is no path', { ...good, referenced: [1] }],
      ['a loaded file that is no path', { ...good, loaded: [spec, 1] }],
      ['silenced not a list', { ...good, silenced: {} }],
      ['a silenced entry that is no pair', { ...good, silenced: [['a.yaml']] }],
      ['a silenced entry that is not strings', { ...good, silenced: [['a.yaml', 1]] }],
      ['a silenced entry that is no list', { ...good, silenced: ['a.yaml'] }],
      ['a second silenced entry that is no pair', { ...good, silenced: [['a.yaml', '/paths'], ['a.yaml']] }],
      ['another kind', { ...good, kind: 'componentsOnly' }],
      ['no kind', { ...good, kind: undefined }],
      ['no file', { ...good, file: undefined }],
      ['not run', { ...good, ran: false }],
      ['not a spec, without its path', { ...notSpec, path: 1 }],
      ['not a spec, with findings', { ...notSpec, findings: [finding] }],
      ['not a spec, yet run', { ...notSpec, ran: true }],
      ['a finding that is null', { ...good, findings: [null] }],
      ['a finding that is a string', { ...good, findings: ['require-www-authenticate'] }],
      ['a second finding that is null', { ...good, findings: [finding, null] }],
      ['a rule id that is no string', withFinding({ ruleId: 1 })],
      ['a rule this build does not have', withFinding({ ruleId: 'require-something-else' })],
      ['a message id that is no string', withFinding({ messageId: null })],
      ['a severity there is not', withFinding({ severity: 'fatal' })],
      ['a message that is no string', withFinding({ message: 1 })],
      ['a file that is no string', withFinding({ file: null })],
      ['a pointer that is no string', withFinding({ pointer: 1 })],
      ['line 0', withFinding({ line: 0 })],
      ['a column that is no whole number', withFinding({ column: 1.5 })],
      ['an end line that is a string', withFinding({ endLine: '9' })],
      ['no end column', withFinding({ endColumn: undefined })],
      ['an operation that is null', withFinding({ operation: null })],
      ['an operation that is a string', withFinding({ operation: 'get /a' })],
      ['an operation without its method', withFinding({ operation: { path: '/a' } })],
      ['an operation without its path', withFinding({ operation: { method: 'get' } })],
      ['a status that is a number', withFinding({ status: 401 })],
    ];
    for (const [name, reply] of replies) {
      await save(path, [spec], good);
      const line = readFileSync(path, 'utf8').split('\n')[1]!;
      writeFileSync(path, readFileSync(path, 'utf8').replace(line, `${line.slice(0, line.indexOf('\t'))}\t${JSON.stringify(reply)}`));
      expect(open(path).lookup(spec, 'key'), name).toBeUndefined();
    }
    // Nor one cut short inside the reply.
    await save(path, [spec], good);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, -10));
    expect(open(path).lookup(spec, 'key')).toBeUndefined();
  });

  it('starts again from a cache of another build or format, or whose first line is cut short; a file of other text is refused', async () => {
    const { cwd, path, spec } = specFiles();
    await save(path, [spec]);
    const entries = readFileSync(path, 'utf8').slice(readFileSync(path, 'utf8').indexOf('\n'));
    for (const [name, header, discarded] of [
      ['another build', '{"statuslintCache":2,"build":"build 0 yaml@2"}', undefined],
      ['another format', `{"statuslintCache":1,"build":"${BUILD}"}`, undefined],
      ['no format', `{"statuslintCache":null,"build":"${BUILD}"}`, undefined],
      ['a first line cut short', '{"statuslintCache":2,"bu', 'could not be read (cut short?); it is made again'],
    ] as const) {
      writeFileSync(path, header + entries);
      const read = open(path);
      expect(read.discarded, name).toBe(discarded);
      expect(read.lookup(spec, 'key'), name).toBeUndefined();
    }
    // The first line alone, cut short with no line break after it, or an empty file: nothing to lose.
    for (const text of ['{"statuslintCache":2,"bu', '']) {
      writeFileSync(path, text);
      expect(open(path).lookup(spec, 'key'), text).toBeUndefined();
    }
    writeFileSync(path, '');
    expect(open(path).discarded).toBeUndefined();
    // No file yet, or a path below a file: an empty cache, which a save writes.
    for (const where of [join(cwd, 'new-cache'), join(cwd, 'a.yaml/cache')]) expect(open(where).lookup(spec, 'key'), where).toBeUndefined();
    // A spec, a folder, a name too long: refused with the cache's name as the user gave it.
    const refusals: Array<[string, string]> = [
      [spec, 'the-cache is not a statuslint cache, and --cache would overwrite it; remove it or give another --cache-location'],
      [cwd, 'the cache the-cache is not a regular file; give a file or a folder as --cache-location'],
      [join(cwd, 'x'.repeat(300)), 'cannot read the cache the-cache: ENAMETOOLONG'],
    ];
    for (const [where, message] of refusals) expect(() => open(where), where).toThrow(new UsageError(message));
  });

  it('lives in the working directory, or in the folder --cache-location names, or at the file it names', () => {
    const cwd = project({ 'folder/x': '', 'file': '' });
    expect(CACHE_FILE).toBe(CACHE);
    const cases: Array<[string | undefined, string]> = [
      [undefined, join(cwd, CACHE)],
      ['folder', join(cwd, 'folder', CACHE)],
      [join(cwd, 'folder'), join(cwd, 'folder', CACHE)],
      ['new-folder/', join(cwd, 'new-folder', CACHE)],
      ['file', join(cwd, 'file')],
      ['new-file', join(cwd, 'new-file')],
      ['folder/cache.json', join(cwd, 'folder/cache.json')],
    ];
    for (const [option, location] of cases) expect(cacheLocation(option, cwd), option).toBe(location);
  });

  it("names the build that made it: statuslint's bundle, or its version when run from the sources, and the yaml it uses", () => {
    const yaml = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
    const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(buildId()).toBe(`${version} unbundled yaml@${yaml}`);
  });
});
