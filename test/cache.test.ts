import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, RACY_MS } from '../src/loader/fingerprint.js';
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
    await lintJson(cwd, ['--cache', 'a.yaml']);
    for (const extra of [['--rule', 'require-www-authenticate=warning'], ['--max-file-size', '1mb']]) {
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
    const run = await lintJson(cwd, ['--cache-location', 'nowhere/cache', 'a.yaml']);
    expect(run.stderr).toBe('statuslint: warning: cannot write the cache nowhere/cache: its folder does not exist (ENOENT)\n');
    expect(run.report.findings.length).toBeGreaterThan(0);
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

  it("keeps a folder's file that is no spec by its fingerprint, and lints it once it has become one", async () => {
    const unchallenged = "openapi: 3.0.3\ninfo: {title: n, version: '1'}\npaths:\n  /n:\n    get:\n      responses:\n        '200': {description: OK}\n        '401': {description: Unauthorized}\n";
    const cwd = project({ 'specs/a.yaml': spec('a').replaceAll('./', '../'), 'specs/notes.yaml': 'title: not a spec yet\n', 'shared.yaml': shared, 'deep.yaml': deepWithoutChallenge });
    const files = async () => new Set((await lintJson(cwd, ['--cache', 'specs'])).report.findings.map((finding) => finding.file));
    expect(await files()).not.toContain('specs/notes.yaml');
    expect(Object.keys(readCache(join(cwd, CACHE)).entries)).toContain(join(cwd, 'specs/notes.yaml'));
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
