import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules as registry } from '../rules/index.js';
import { ConfigError, findConfig, loadConfig, parseConfig } from '../src/config/load.js';
import { presetSettings } from '../src/config/presets.js';
import { inConfigFolder, isIgnored, matchingOverrides, parseRuleFlags, ruleResolver, rulesFor, settingsFor } from '../src/config/resolve.js';
import type { Rule } from '../src/engine/types.js';
import { makeFifo, project, runCli } from './cli-harness.js';

/** One finding of each rule on main: a 401 without WWW-Authenticate, a 429 without Retry-After, a POST without 422. */
const spec = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/a': {
      get: { responses: { '200': { description: 'ok' }, '401': { description: 'no' }, '429': { description: 'slow' } } },
      post: {
        requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '201': { description: 'ok' }, '400': { description: 'bad' } },
      },
    },
  },
};
const ALL = ['require-retry-after warning', 'require-validation-error warning', 'require-www-authenticate error'];
/** The rules these tests configure; other rules' findings on the spec are not their business. */
const WATCHED = new Set(['require-retry-after', 'require-validation-error', 'require-www-authenticate', 'unused-suppression']);

/** `rule-id severity` of each finding of a watched rule, sorted, from a JSON run in `cwd`. */
async function findings(cwd: string, args: string[] = ['openapi.yaml']): Promise<string[]> {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect(run.stderr, run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string; file: string }> };
  return report.findings.filter((finding) => WATCHED.has(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.severity}`).sort();
}

describe('config discovery', () => {
  it('without a config file, the recommended rules run at their default severity', async () => {
    expect(await findings(project({ 'openapi.yaml': spec }))).toEqual(ALL);
  });

  for (const name of ['statuslint.config.yaml', '.statuslintrc.yaml', '.statuslintrc.yml', '.statuslintrc.json']) {
    it(`finds ${name} in a folder above the working directory`, async () => {
      const config = { rules: { 'require-retry-after': 'off' } };
      const dir = project({ [name]: name.endsWith('.json') ? JSON.stringify(config) : config, 'api/v1/openapi.yaml': spec });
      expect(await findings(join(dir, 'api', 'v1'))).toEqual(ALL.filter((line) => !line.startsWith('require-retry-after')));
    });
  }

  it('the nearest config wins', async () => {
    const dir = project({
      'statuslint.config.yaml': { rules: { 'require-retry-after': 'off' } },
      'api/.statuslintrc.yaml': { rules: { 'require-www-authenticate': 'off' } },
      'api/openapi.yaml': spec,
    });
    expect(await findings(join(dir, 'api'))).toEqual(['require-retry-after warning', 'require-validation-error warning']);
  });

  it('a file by a configuration name statuslint does not read is named in a warning, not passed over in silence', async () => {
    const names = 'statuslint.config.yaml, .statuslintrc.yaml, .statuslintrc.yml or .statuslintrc.json';
    for (const name of ['statuslint.config.yml', 'statuslint.config.json', '.statuslintrc']) {
      const dir = project({ [name]: { rules: { 'require-retry-after': 'off' } }, 'api/openapi.yaml': spec });
      const run = await runCli(['--format', 'json', 'openapi.yaml'], { cwd: join(dir, 'api') });
      expect(run.stderr, name).toBe(`statuslint: warning: ${join(dir, name)} is not read: a configuration is named ${names}; this run uses the defaults\n`);
      // Beside the configuration that is read, it says which that is; --print-config warns too.
      writeFileSync(join(dir, 'api', '.statuslintrc.yaml'), 'rules: {}\n');
      writeFileSync(join(dir, 'api', name), 'rules: {}\n');
      const beside = await runCli(['--print-config', 'openapi.yaml'], { cwd: join(dir, 'api') });
      expect(beside.stderr, name).toBe(`statuslint: warning: ${name} is not read: a configuration is named ${names}; this run uses .statuslintrc.yaml\n`);
      // Above the configuration found, or with --config or --no-config, it plays no part.
      rmSync(join(dir, 'api', name));
      for (const args of [['openapi.yaml'], ['--no-config', 'openapi.yaml'], ['--config', '.statuslintrc.yaml', 'openapi.yaml']]) {
        expect((await runCli(args, { cwd: join(dir, 'api') })).stderr, args.join(' ')).not.toContain('warning');
      }
      rmSync(join(dir, 'api', '.statuslintrc.yaml'));
      expect((await runCli(['--no-config', 'openapi.yaml'], { cwd: join(dir, 'api') })).stderr).not.toContain('warning');
    }
  });

  it('two config files in one folder are refused', async () => {
    const dir = project({ 'statuslint.config.yaml': {}, '.statuslintrc.json': '{}', 'openapi.yaml': spec });
    const run = await runCli(['openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: . holds statuslint.config.yaml and .statuslintrc.json; keep one configuration file\n');
  });

  it('--config names a file anywhere; --no-config ignores the one found', async () => {
    const dir = project({
      'statuslint.config.yaml': { rules: { 'require-retry-after': 'off' } },
      'ci/strict.yaml': { rules: { 'require-validation-error': 'error' } },
      'openapi.yaml': spec,
    });
    expect(await findings(dir, ['--config', 'ci/strict.yaml', 'openapi.yaml'])).toEqual([
      'require-retry-after warning',
      'require-validation-error error',
      'require-www-authenticate error',
    ]);
    expect(await findings(dir, ['-c', 'ci/strict.yaml', 'openapi.yaml'])).toContain('require-validation-error error');
    expect(await findings(dir, ['--no-config', 'openapi.yaml'])).toEqual(ALL);
    const missing = await runCli(['--config', 'nope.yaml', 'openapi.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('statuslint: nope.yaml: no such configuration file\n');
  });

  it('an empty config file means the defaults', async () => {
    expect(await findings(project({ 'statuslint.config.yaml': '# nothing yet\n', 'openapi.yaml': spec }))).toEqual(ALL);
  });
});

describe('rules, extends and overrides', () => {
  it('sets severities, turns rules off and passes options', async () => {
    const dir = project({
      'statuslint.config.yaml': {
        rules: {
          'require-www-authenticate': 'warning',
          'require-retry-after': 'off',
          // The POST documents 400; requiring only 400 silences the rule.
          'require-validation-error': ['error', { codes: ['400'] }],
        },
      },
      'openapi.yaml': spec,
    });
    expect(await findings(dir)).toEqual(['require-www-authenticate warning']);
  });

  it('extends: [] starts from no rules; statuslint:all adds the rules outside recommended', async () => {
    const dir = project({ 'statuslint.config.yaml': { extends: [], rules: { 'require-retry-after': 'info' } }, 'openapi.yaml': spec });
    expect(await findings(dir)).toEqual(['require-retry-after info']);
    const all = project({ 'statuslint.config.yaml': 'extends: statuslint:all\n', 'openapi.yaml': spec });
    expect(await findings(all)).toEqual(ALL);
  });

  it('presets: recommended leaves out rules marked recommended: false; all keeps them', () => {
    const rule = (id: string, recommended?: boolean): Rule =>
      ({ id, meta: { description: 'x', severity: 'warning', references: [], messages: {}, recommended }, defaultOptions: {}, create: () => ({}) }) as Rule;
    const fake = { 'require-a': rule('require-a'), 'require-b': rule('require-b', false), 'require-c': rule('require-c', true) };
    const severities = (names: Parameters<typeof presetSettings>[0]) => Object.fromEntries([...presetSettings(names, fake)].map(([id, setting]) => [id, setting.severity]));
    expect(severities(['statuslint:recommended'])).toEqual({ 'require-a': 'warning', 'require-b': 'off', 'require-c': 'warning' });
    expect(severities(['statuslint:all'])).toEqual({ 'require-a': 'warning', 'require-b': 'warning', 'require-c': 'warning' });
    expect(severities([])).toEqual({ 'require-a': 'off', 'require-b': 'off', 'require-c': 'off' });
  });

  it('overrides apply to files matching their globs, in order, relative to the config folder', async () => {
    const dir = project({
      'statuslint.config.yaml': {
        rules: { 'require-validation-error': ['warning', { codes: ['400'] }] },
        overrides: [
          { files: ['internal/**/*.yaml'], rules: { 'require-www-authenticate': 'off' } },
          { files: 'internal/legacy/*.yaml', rules: { 'require-retry-after': 'off' } },
          // A severity alone keeps the options set above: still only 400 required.
          { files: ['public/*.yaml'], rules: { 'require-validation-error': 'error' } },
        ],
      },
      'internal/a/openapi.yaml': spec,
      'internal/legacy/openapi.yaml': spec,
      'public/openapi.yaml': spec,
    });
    const run = await runCli(['--format', 'json', '.'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string; file: string }> };
    const byFile = (file: string) => report.findings.filter((finding) => finding.file === file && WATCHED.has(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.severity}`);
    expect(byFile('internal/a/openapi.yaml')).toEqual(['require-retry-after warning']);
    expect(byFile('internal/legacy/openapi.yaml')).toEqual([]);
    expect(byFile('public/openapi.yaml').sort()).toEqual(['require-retry-after warning', 'require-www-authenticate error']);
  });

  it("the page's example configuration does what its comments say", async () => {
    const page = readFileSync(join(import.meta.dirname, '..', 'docs', 'configuration.md'), 'utf8');
    const example = /```yaml\n(# statuslint\.config\.yaml\n[\s\S]*?)```/.exec(page)![1]!;
    const dir = project({ 'statuslint.config.yaml': example });
    const printed = async (file: string) => {
      const run = await runCli(['--print-config', file], { cwd: dir });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as { ignored: boolean; overrides: unknown[]; unusedSuppressions: string; rules: Record<string, unknown> };
    };
    const top = await printed('orders.yaml');
    expect(top).toMatchObject({ ignored: false, overrides: [], unusedSuppressions: 'info' });
    expect(top.rules).toMatchObject({
      'require-www-authenticate': 'warning',
      // Outside recommended: off until turned on.
      'require-problem-details': 'error',
      'require-validation-error': ['warning', { codes: ['400'] }],
      'require-retry-after': registry['require-retry-after']!.meta.severity,
    });
    expect(registry['require-problem-details']!.meta.recommended).toBe(false);
    expect((await printed('internal/billing/api.yaml')).rules['require-www-authenticate']).toBe('off');
    // "keeps the codes set above"
    expect((await printed('public/v1/api.yaml')).rules['require-validation-error']).toEqual(['error', { codes: ['400'] }]);
    for (const file of ['vendor/stripe/openapi.yaml', 'specs/orders.generated.yaml', 'orders.generated.yaml']) expect((await printed(file)).ignored, file).toBe(true);
  });

  it("the README's example configuration loads and does what its comments say", async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const example = /### Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const dir = project({ 'statuslint.config.yaml': example });
    const printed = async (file: string) => {
      const run = await runCli(['--print-config', file], { cwd: dir });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as { ignored: boolean; rules: Record<string, unknown> };
    };
    expect((await printed('openapi.yaml')).rules).toMatchObject({ 'require-www-authenticate': 'warning', 'require-validation-error': ['warning', { codes: ['400'] }] });
    expect((await printed('internal/billing/api.yaml')).rules['require-www-authenticate']).toBe('off');
    expect((await printed('vendor/stripe/openapi.yaml')).ignored).toBe(true);
  });

  it('a setting with options replaces the options set before it, even with {}: they are not merged key by key', async () => {
    const dir = project({
      'statuslint.config.yaml': { rules: { 'require-validation-error': ['warning', { codes: ['400'] }] }, overrides: [{ files: ['strict/**'], rules: { 'require-validation-error': ['error', {}] } }] },
      'openapi.yaml': spec,
      'strict/openapi.yaml': spec,
    });
    // The POST documents 400 only: with {} the rule asks for its default codes, 400 and 422.
    expect(await findings(dir)).not.toContain('require-validation-error warning');
    expect(await findings(join(dir, 'strict'))).toContain('require-validation-error error');
    const printed = JSON.parse((await runCli(['--print-config', 'strict/openapi.yaml'], { cwd: dir })).stdout) as { rules: Record<string, unknown> };
    expect(printed.rules['require-validation-error']).toEqual(['error', {}]);
  });

  it("settings are the spec's: a referenced file gets the settings of the spec that reaches it, not overrides or ignore of its own", async () => {
    const uses = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: { '200': { description: 'ok' }, '401': { $ref: '../common/responses.yaml#/Unauthorized' } } } } } };
    const files = { 'a/openapi.yaml': uses, 'b/openapi.yaml': uses, 'common/responses.yaml': { Unauthorized: { description: 'no' } } };
    const severities = async (dir: string, inputs: string[]) => {
      const run = await runCli(['--format', 'json', ...inputs], { cwd: dir });
      expect(run.stderr).toBe('');
      return (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string; file: string }> }).findings
        .filter((finding) => finding.ruleId === 'require-www-authenticate')
        .map((finding) => `${finding.file} ${finding.severity}`);
    };
    // The override and the ignore that name the shared file itself do nothing: it is no spec.
    const own = project({
      ...files,
      'statuslint.config.yaml': { overrides: [{ files: ['a/**'], rules: { 'require-www-authenticate': 'warning' } }, { files: ['common/**'], rules: { 'require-www-authenticate': 'off' } }], ignore: ['common/'] },
    });
    // Reported once, with the most severe setting of the specs that report it, whatever their
    // order: the run's exit code cannot hang on which spec was named first.
    expect(await severities(own, ['a/openapi.yaml', 'b/openapi.yaml'])).toEqual(['common/responses.yaml error']);
    expect(await severities(own, ['b/openapi.yaml', 'a/openapi.yaml'])).toEqual(['common/responses.yaml error']);
    expect(await severities(own, ['a/openapi.yaml'])).toEqual(['common/responses.yaml warning']);
    // So does --fix, which lints in this thread alone, in what it says would remain.
    const upgrade = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: { '200': { description: 'ok' }, '426': { $ref: '../common/responses.yaml#/Upgrade' } } } } } };
    const remains = project({
      'a/openapi.yaml': upgrade,
      'b/openapi.yaml': upgrade,
      'common/responses.yaml': { Upgrade: { description: 'upgrade' } },
      'statuslint.config.yaml': { overrides: [{ files: ['a/**'], rules: { 'require-upgrade': 'info' } }, { files: ['b/**'], rules: { 'require-upgrade': 'error' } }] },
    });
    for (const inputs of [['a/openapi.yaml', 'b/openapi.yaml'], ['b/openapi.yaml', 'a/openapi.yaml']]) {
      const dry = await runCli(['--fix-dry-run', ...inputs], { cwd: remains });
      expect([dry.code, dry.stderr], inputs.join(' ')).toEqual([1, 'statuslint: --fix-dry-run: 0 fixes in 0 files; nothing written; 1 problem would remain (1 error, 0 warnings, 0 info)\n']);
    }
    // A spec that has the rule off reports nothing there, so the next one does.
    const off = project({ ...files, 'statuslint.config.yaml': { overrides: [{ files: ['a/**'], rules: { 'require-www-authenticate': 'off' } }] } });
    expect(await severities(off, ['a/openapi.yaml'])).toEqual([]);
    expect(await severities(off, ['a/openapi.yaml', 'b/openapi.yaml'])).toEqual(['common/responses.yaml error']);
  });

  it('a spec named through a symbolic link to the project gets its overrides and ignore, as named from inside', async () => {
    // A linked checkout, a shell whose $PWD holds a link (macOS's /tmp), an editor that passes
    // the path it opened: the working directory is the real path, the spec's path is not.
    const dir = project({
      'statuslint.config.yaml': { overrides: [{ files: ['internal/**'], rules: { 'require-retry-after': 'off' } }], ignore: ['vendor/'] },
      'internal/openapi.yaml': spec,
      'vendor/openapi.yaml': spec,
    });
    const link = join(project({}), 'checkout');
    symlinkSync(dir, link);
    const quiet = ALL.filter((line) => !line.startsWith('require-retry-after'));
    for (const name of [join(link, 'internal', 'openapi.yaml'), join(link, 'internal')]) {
      expect(await findings(dir, [name]), name).toEqual(quiet);
      expect(await findings(dir, ['--config', join(link, 'statuslint.config.yaml'), join(dir, 'internal')]), name).toEqual(quiet);
    }
    const printed = JSON.parse((await runCli(['--print-config', join(link, 'internal', 'openapi.yaml')], { cwd: dir })).stdout) as { overrides: unknown[]; rules: Record<string, unknown> };
    expect(printed.overrides).toEqual([{ index: 0, files: ['internal/**'] }]);
    expect(printed.rules['require-retry-after']).toBe('off');
    expect(JSON.parse((await runCli(['--print-config', join(link, 'vendor', 'openapi.yaml')], { cwd: dir })).stdout).ignored).toBe(true);
    const ignored = await runCli(['--format', 'json', join(link, 'vendor', 'openapi.yaml')], { cwd: dir });
    expect([ignored.code, ignored.stderr]).toEqual([0, `statuslint: warning: ${join(link, 'vendor', 'openapi.yaml')} is ignored by statuslint.config.yaml; not linted\n`]);
  });

  it("a configuration whose folder holds no spec of the run says that its overrides and ignore match none", async () => {
    const patterns = { overrides: [{ files: ['internal/**'], rules: { 'require-retry-after': 'off' } }] };
    const dir = project({ 'ci/strict.yaml': patterns, 'ci/plain.yaml': { rules: { 'require-retry-after': 'off' } }, 'internal/openapi.yaml': spec, 'ci/openapi.yaml': spec });
    const warning = "statuslint: warning: no spec of this run is in ci, the folder of ci/strict.yaml, which its overrides and ignore patterns are relative to; they match none\n";
    expect((await runCli(['--config', 'ci/strict.yaml', 'internal'], { cwd: dir })).stderr).toBe(warning);
    // One spec inside is enough; a configuration without patterns has nothing to match.
    expect((await runCli(['--config', 'ci/strict.yaml', 'internal', 'ci/openapi.yaml'], { cwd: dir })).stderr).toBe('');
    expect((await runCli(['--config', 'ci/plain.yaml', 'internal'], { cwd: dir })).stderr).toBe('');
    // Ignore patterns alone are patterns too.
    writeFileSync(join(dir, 'ci/ignoring.yaml'), 'ignore: ["drafts/"]\n');
    expect((await runCli(['--config', 'ci/ignoring.yaml', 'internal'], { cwd: dir })).stderr).toBe(warning.replace('ci/strict.yaml', 'ci/ignoring.yaml'));
  });

  it('rulesFor resolves options through overrides', () => {
    const config = parseConfig(
      '/p/statuslint.config.yaml',
      "rules:\n  require-validation-error: [warning, {codes: ['422']}]\noverrides:\n  - files: ['strict/**']\n    rules:\n      require-validation-error: error\n",
      registry,
    );
    const entry = rulesFor(config, '/p/strict/openapi.yaml', registry).find((enabled) => enabled.rule.id === 'require-validation-error');
    expect(entry).toMatchObject({ severity: 'error', options: { codes: ['422'] } });
  });

  it('ruleResolver gives what rulesFor gives, worked out once per set of matching overrides', () => {
    const config = parseConfig(
      '/p/statuslint.config.yaml',
      "overrides:\n  - files: ['strict/**']\n    rules:\n      require-retry-after: error\n  - files: ['**/legacy/**']\n    rules:\n      require-retry-after: off\n",
      registry,
    );
    const flags = new Map([['require-www-authenticate', { severity: 'info' as const }]]);
    const resolver = ruleResolver(config, registry, flags);
    const files = ['/p/a.yaml', '/p/strict/a.yaml', '/p/strict/legacy/a.yaml', '/p/b/legacy/a.yaml', '/p/b.yaml', '/p/strict/b.yaml'];
    for (const file of files) expect(resolver(file)).toEqual(rulesFor(config, file, registry, flags));
    expect(resolver('/p/b.yaml')).toBe(resolver('/p/a.yaml'));
    expect(resolver('/p/strict/b.yaml')).toBe(resolver('/p/strict/a.yaml'));
    expect(resolver('/p/strict/a.yaml')).not.toBe(resolver('/p/a.yaml'));
  });

  it('ignore: files below ignored folders are never linted; a file named on the command line gets a warning', async () => {
    const dir = project({
      'statuslint.config.yaml': { ignore: ['vendor/', 'generated/*.yaml'] },
      'openapi.yaml': spec,
      'vendor/stripe/openapi.yaml': spec,
      'generated/openapi.yaml': spec,
    });
    const run = await runCli(['--format', 'json', '.'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { summary: { files: number } }).summary.files).toBe(1);
    const named = await runCli(['vendor/stripe/openapi.yaml'], { cwd: dir });
    expect(named.code).toBe(0);
    expect(named.stderr).toBe('statuslint: warning: vendor/stripe/openapi.yaml is ignored by statuslint.config.yaml; not linted\n');
    // As a shell expands `vendor/*` in a CI step: a line break in the name starts no workflow command.
    // One glob rather than a list, without the trailing '/': it covers everything below the folder it matches.
    const one = await runCli(['--format', 'json', '.'], { cwd: project({ 'statuslint.config.yaml': 'ignore: vendor\n', 'openapi.yaml': spec, 'vendor/stripe/openapi.yaml': spec }) });
    expect((JSON.parse(one.stdout) as { summary: { files: number } }).summary.files).toBe(1);
    const odd = project({ 'statuslint.config.yaml': { ignore: ['vendor/'] }, 'vendor/x\n::error::injected.yaml': spec });
    const oddRun = await runCli(['vendor/x\n::error::injected.yaml'], { cwd: odd });
    expect(oddRun.stderr).toBe('statuslint: warning: vendor/x\\u{a}::error::injected.yaml is ignored by statuslint.config.yaml; not linted\n');
  });

  it("patterns do not reach out of the configuration's folder: a spec beside it gets only the top-level rules", async () => {
    const root = project({
      'd/statuslint.config.yaml': { rules: { 'require-location': 'off' }, ignore: ['**/sub/**'], overrides: [{ files: ['**/*.yaml'], rules: { 'require-www-authenticate': 'off' } }] },
      'c/sub/openapi.yaml': spec,
    });
    const run = await runCli(['--format', 'json', '--config', 'statuslint.config.yaml', '../c/sub/openapi.yaml'], { cwd: join(root, 'd') });
    expect(run.stderr).toBe(`statuslint: warning: no spec of this run is in ${join(root, 'd')}, the folder of statuslint.config.yaml, which its overrides and ignore patterns are relative to; they match none\n`);
    const rules = new Set((JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((finding) => finding.ruleId));
    expect(rules.has('require-www-authenticate')).toBe(true);
    expect(rules.has('require-location')).toBe(false);
  });

  it('a folder whose every spec is ignored says so, rather than that it holds none', async () => {
    const dir = project({ 'statuslint.config.yaml': { ignore: ['skip/'] }, 'skip/openapi.yaml': spec, 'skip/other.yaml': spec });
    for (const input of ['skip', 'skip/*.yaml']) {
      const run = await runCli([input], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`statuslint: no OpenAPI document found in '${input}'; 2 files found there are ignored by statuslint.config.yaml\n`);
    }
    // One ignored file, beside the configuration, which is statuslint's own.
    const only = await runCli(['.'], { cwd: project({ 'statuslint.config.yaml': { ignore: ['skip/'] }, 'skip/openapi.yaml': spec }) });
    expect([only.code, only.stderr]).toEqual([2, "statuslint: no OpenAPI document found in '.'; 1 file found there is ignored by statuslint.config.yaml; statuslint.config.yaml is statuslint's own (configuration, baseline, report or cache)\n"]);
  });

  it('ignore: a pattern that made the old matcher backtrack for minutes costs nothing', async () => {
    const dir = project({
      'statuslint.config.yaml': { ignore: ['**/*a*a*a*a*a*a*b.yaml'] },
      [`g/${'a'.repeat(240)}.yaml`]: spec,
    });
    const started = performance.now();
    const run = await runCli(['--format', 'json', 'g'], { cwd: dir });
    expect((JSON.parse(run.stdout) as { summary: { files: number } }).summary.files).toBe(1);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('unusedSuppressions sets the severity of unused suppressions, or turns them off', async () => {
    const suppressed = { ...spec, paths: { '/b': { get: { 'x-statuslint-ignore': ['require-retry-after'], responses: { '200': { description: 'ok' } } } } } };
    expect(await findings(project({ 'openapi.yaml': suppressed }))).toEqual(['unused-suppression info']);
    expect(await findings(project({ 'statuslint.config.yaml': 'unusedSuppressions: error\n', 'openapi.yaml': suppressed }))).toEqual(['unused-suppression error']);
    expect(await findings(project({ 'statuslint.config.yaml': 'unusedSuppressions: off\n', 'openapi.yaml': suppressed }))).toEqual([]);
  });
});

describe('--rule', () => {
  it('wins over the config and its overrides', async () => {
    const dir = project({
      'statuslint.config.yaml': { overrides: [{ files: ['*.yaml'], rules: { 'require-retry-after': 'error' } }] },
      'openapi.yaml': spec,
    });
    expect(await findings(dir, ['--rule', 'require-retry-after=off', '--rule', 'require-www-authenticate=info', 'openapi.yaml'])).toEqual([
      'require-validation-error warning',
      'require-www-authenticate info',
    ]);
  });

  it('keeps the options the config gives', async () => {
    const dir = project({ 'statuslint.config.yaml': { rules: { 'require-validation-error': ['warning', { codes: ['400'] }] } }, 'openapi.yaml': spec });
    expect(await findings(dir, ['--rule', 'require-validation-error=error', 'openapi.yaml'])).not.toContain('require-validation-error error');
  });

  const bad: Array<[string, string]> = [
    ['require-retry-aftr=off', "statuslint: --rule 'require-retry-aftr=off': unknown rule 'require-retry-aftr'; did you mean 'require-retry-after'?\n"],
    ['require-retry-after=warn', "statuslint: --rule 'require-retry-after=warn': invalid severity 'warn': use off, info, warning or error; did you mean 'warning'?\n"],
    ['require-retry-after', "statuslint: --rule 'require-retry-after': expected <rule-id>=<severity>, e.g. --rule require-retry-after=off\n"],
    // An id that findings show, but that the engine runs: the hint names the key that sets it.
    [
      'unused-suppression=off',
      "statuslint: --rule 'unused-suppression=off': unknown rule 'unused-suppression': it is the engine's own check, not a rule; set it with the top-level configuration key unusedSuppressions (e.g. 'unusedSuppressions: off')\n",
    ],
  ];
  for (const [value, message] of bad) {
    it(`refuses --rule ${value}`, async () => {
      const run = await runCli(['--rule', value, 'openapi.yaml'], { cwd: project({ 'openapi.yaml': spec }) });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(message);
    });
  }
});

describe('--print-config', () => {
  const config = {
    extends: ['statuslint:recommended'],
    rules: { 'require-validation-error': ['warning', { codes: ['400'] }], 'require-retry-after': 'error' },
    overrides: [
      { files: ['internal/**'], rules: { 'require-www-authenticate': 'off' } },
      { files: ['public/**'], rules: { 'require-retry-after': 'info' } },
      { files: ['internal/admin.yaml'], rules: { 'require-validation-error': 'error' } },
    ],
    ignore: ['vendor/'],
    unusedSuppressions: 'warning',
  };

  it('shows what a spec is linted with: the overrides that match, and every rule once they and --rule are applied', async () => {
    const dir = project({ 'statuslint.config.yaml': config });
    const run = await runCli(['--print-config', 'internal/admin.yaml', '--rule', 'no-unknown-status=info'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { rules: Record<string, unknown> } & Record<string, unknown>;
    expect({ ...printed, rules: undefined }).toEqual({
      file: 'internal/admin.yaml',
      configuration: 'statuslint.config.yaml',
      ignored: false,
      extends: ['statuslint:recommended'],
      overrides: [
        { index: 0, files: ['internal/**'] },
        { index: 2, files: ['internal/admin.yaml'] },
      ],
      unusedSuppressions: 'warning',
      rules: undefined,
    });
    // A severity alone keeps the options set before it.
    expect(printed.rules['require-validation-error']).toEqual(['error', { codes: ['400'] }]);
    expect(printed.rules['require-www-authenticate']).toBe('off');
    expect(printed.rules['require-retry-after']).toBe('error');
    expect(printed.rules['no-unknown-status']).toBe('info');
    // Every rule, opt-in ones included, each as the lint would set it.
    expect(Object.keys(printed.rules)).toEqual(Object.keys(registry).sort());
    const enabled = rulesFor(parseConfig(join(dir, 'statuslint.config.yaml'), JSON.stringify(config), registry), join(dir, 'internal/admin.yaml'), registry);
    for (const [id, setting] of Object.entries(printed.rules)) {
      if (id === 'no-unknown-status') continue;
      expect(Array.isArray(setting) ? setting[0] : setting, id).toBe(enabled.find((entry) => entry.rule.id === id)?.severity ?? 'off');
    }
  });

  it('says when the spec is ignored, and works without a configuration file', async () => {
    const dir = project({ 'statuslint.config.yaml': config });
    expect(JSON.parse((await runCli(['--print-config', 'vendor/x/openapi.yaml'], { cwd: dir })).stdout).ignored).toBe(true);
    const none = JSON.parse((await runCli(['--print-config', 'openapi.yaml', '--no-config'], { cwd: dir })).stdout) as { configuration: unknown; rules: Record<string, unknown> };
    expect(none.configuration).toBeNull();
    expect(none.rules['require-retry-after']).toBe(registry['require-retry-after']!.meta.severity);
  });

  it('applies --config as a lint would: the file it names, not the one found', async () => {
    const dir = project({ 'statuslint.config.yaml': config, 'ci/strict.yaml': { rules: { 'require-retry-after': 'off' } } });
    const printed = JSON.parse((await runCli(['--print-config', 'internal/admin.yaml', '--config', 'ci/strict.yaml'], { cwd: dir })).stdout) as Record<string, unknown> & { rules: Record<string, unknown> };
    expect(printed).toMatchObject({ configuration: 'ci/strict.yaml', overrides: [], unusedSuppressions: 'info' });
    expect(printed.rules['require-retry-after']).toBe('off');
    expect(printed.rules['require-www-authenticate']).toBe(registry['require-www-authenticate']!.meta.severity);
  });

  it('configures standard input as the path --stdin-filepath names', async () => {
    const dir = project({ 'statuslint.config.yaml': config });
    const printed = JSON.parse((await runCli(['--print-config', '-', '--stdin-filepath', 'public/api.yaml'], { cwd: dir })).stdout) as { file: string; overrides: unknown[] };
    expect(printed.file).toBe('public/api.yaml');
    expect(printed.overrides).toEqual([{ index: 1, files: ['public/**'] }]);
  });

  it('lints nothing, so takes no other spec, no folder, and no report options', async () => {
    const dir = project({ 'specs/a.yaml': 'x' });
    const refusals: Array<[string[], string]> = [
      [['a.yaml', 'b.yaml'], "statuslint: --print-config shows one spec's configuration, its value, and lints nothing: give no other spec (got 'b.yaml')\n"],
      [['specs'], 'statuslint: --print-config specs: a folder; overrides and ignore match files, so name a spec in it\n'],
      [['specs/a.yaml', '--format', 'json'], 'statuslint: --print-config prints JSON on standard output; --format and --output do not apply\n'],
      [['specs/a.yaml', '-o', 'x.json'], 'statuslint: --print-config prints JSON on standard output; --format and --output do not apply\n'],
      [['specs/a.yaml', '--stdin-filepath', 'specs/b.yaml'], 'statuslint: --stdin-filepath names the spec read from standard input; write --print-config - to show its configuration\n'],
    ];
    for (const [args, message] of refusals) {
      const run = await runCli(['--print-config', ...args], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(message);
    }
  });
});

describe('a bad config: exit 2, file:line:col and a hint, nothing linted', () => {
  const table: Array<[string, string, string[]]> = [
    ['unknown rule', 'rules:\n  require-www-authentcate: error\n', ["statuslint.config.yaml:2:3: unknown rule 'require-www-authentcate'; did you mean 'require-www-authenticate'?"]],
    ['rule id without its prefix', 'rules:\n  retry-after: off\n', ["statuslint.config.yaml:2:3: unknown rule 'retry-after'; did you mean 'require-retry-after'?"]],
    ['rule id far from any', 'rules:\n  no-such-thing-at-all: off\n', ["statuslint.config.yaml:2:3: unknown rule 'no-such-thing-at-all'; run statuslint rules for the list"]],
    [
      'the engine check under rules',
      'rules:\n  unused-suppression: warning\n',
      ["statuslint.config.yaml:2:3: unknown rule 'unused-suppression': it is the engine's own check, not a rule; set it with the top-level configuration key unusedSuppressions (e.g. 'unusedSuppressions: warning')"],
    ],
    ['bad severity', 'rules:\n  require-retry-after: warn\n', ["statuslint.config.yaml:2:24: invalid severity \"warn\" for rule 'require-retry-after': use off, info, warning or error; did you mean 'warning'?"]],
    ['numeric severity', 'rules:\n  require-retry-after: 2\n', ["statuslint.config.yaml:2:24: invalid severity 2 for rule 'require-retry-after': use off, info, warning or error"]],
    ['no severity', 'rules:\n  require-retry-after:\n', ["statuslint.config.yaml:2:3: no severity for rule 'require-retry-after': use off, info, warning or error"]],
    ['bad unusedSuppressions', 'unusedSuppressions: warn\n', ["statuslint.config.yaml:1:21: invalid severity \"warn\" for 'unusedSuppressions': use off, info, warning or error; did you mean 'warning'?"]],
    ['options for a rule without options', 'rules:\n  require-retry-after: [warning, {codes: []}]\n', ["statuslint.config.yaml:2:34: rule 'require-retry-after' takes no options"]],
    [
      'options that fail the schema, each at its own line',
      "rules:\n  require-validation-error:\n    - error\n    - codes:\n        - '400'\n        - '500'\n      strict: true\n",
      [
        "statuslint.config.yaml:6:11: invalid options for rule 'require-validation-error': options.codes[1] must match ^4\\d\\d$",
        "statuslint.config.yaml:7:7: invalid options for rule 'require-validation-error': options has unknown option 'strict'",
      ],
    ],
    ['options of the wrong type', 'rules:\n  require-validation-error: [error, {codes: 422}]\n', ["statuslint.config.yaml:2:45: invalid options for rule 'require-validation-error': options.codes must be an array"]],
    ['too many list items', 'rules:\n  require-retry-after: [error, {}, {}]\n', ["statuslint.config.yaml:2:24: rule 'require-retry-after' takes [severity] or [severity, {options}]"]],
    ['unknown preset', 'extends: statuslint:recomended\n', ["statuslint.config.yaml:1:10: unknown preset 'statuslint:recomended' in 'extends': use statuslint:recommended or statuslint:all; did you mean 'statuslint:recommended'?"]],
    ['a file in extends', "extends: [statuslint:recommended, ./base.yaml, '@acme/statuslint-config']\n", [
      "statuslint.config.yaml:1:35: unknown preset './base.yaml' in 'extends': use statuslint:recommended or statuslint:all; a configuration extends presets only, not a file or a package: write its settings here",
      "statuslint.config.yaml:1:48: unknown preset '@acme/statuslint-config' in 'extends': use statuslint:recommended or statuslint:all; a configuration extends presets only, not a file or a package: write its settings here",
    ]],
    ['unknown top-level key', 'rule:\n  require-retry-after: off\n', ["statuslint.config.yaml:1:1: unknown key 'rule'; did you mean 'rules'?"]],
    ['override without files', 'overrides:\n  - rules: {require-retry-after: off}\n', ["statuslint.config.yaml:2:5: an override needs 'files', the globs it applies to"]],
    ['a one-letter key is not taken for a misspelt one', 'x: 1\n', ["statuslint.config.yaml:1:1: unknown key 'x'; a configuration has extends, rules, overrides, ignore, unusedSuppressions"]],
    ['a misspelt option', 'rules:\n  require-validation-error: [error, {codez: []}]\n', ["statuslint.config.yaml:2:38: invalid options for rule 'require-validation-error': options has unknown option 'codez'; did you mean 'codes'?"]],
    ['two YAML documents', 'rules: {}\n---\nrules: {}\n', ["statuslint.config.yaml:2:1: invalid YAML: a second document starts here ('---'); a configuration is one document"]],
    ['override with empty files', "overrides:\n  - files: []\n    rules: {require-retry-after: off}\n", ["statuslint.config.yaml:2:12: an override's 'files' is empty; give the globs it applies to"]],
    ['override with files but no glob', "overrides:\n  - files:\n    rules: {}\n", ["statuslint.config.yaml:2:11: an override's 'files' is empty; give the globs it applies to"]],
    ['override with a misspelt key', "overrides:\n  - files: ['a/**']\n    rule: {}\n", ["statuslint.config.yaml:3:5: unknown key 'rule' in an override; did you mean 'rules'?"]],
    ['overrides not a list', 'overrides: {files: x}\n', ["statuslint.config.yaml:1:12: 'overrides' must be a list of {files, rules}"]],
    ['bad glob', "ignore: ['vendor/[']\n", ["statuslint.config.yaml:1:10: invalid 'ignore' pattern: 'vendor/[' has an unclosed '['"]],
    ['reversed range in a glob', "overrides:\n  - files: '[z-a]'\n    rules: {}\n", ["statuslint.config.yaml:2:12: invalid 'overrides[].files' pattern: '[z-a]' has a reversed range 'z-a'; write 'a-z'"]],
    ['glob set closed too early', "ignore: ['[!]']\n", ["statuslint.config.yaml:1:10: invalid 'ignore' pattern: '[!]' has an unclosed '[' (a ']' right after '[!' is part of the set)"]],
    ['absolute glob', "ignore: ['/srv/vendor/**']\n", ["statuslint.config.yaml:1:10: 'ignore' pattern '/srv/vendor/**' is absolute; patterns are relative to the folder of statuslint.config.yaml"]],
    [
      "a glob that climbs out of the config's folder, which would match nothing",
      "overrides:\n  - files: ['../public/**', 'a/../b.yaml']\n    rules: {}\n",
      [
        "statuslint.config.yaml:2:13: 'overrides[].files' pattern '../public/**' has a '..' segment, but patterns match only files inside the folder of statuslint.config.yaml, relative to it",
        "statuslint.config.yaml:2:29: 'overrides[].files' pattern 'a/../b.yaml' has a '..' segment, but patterns match only files inside the folder of statuslint.config.yaml, relative to it",
      ],
    ],
    [
      'a negated glob, which would bring nothing back',
      "ignore: ['generated/**', '!generated/public.yaml']\n",
      ["statuslint.config.yaml:1:26: 'ignore' pattern '!generated/public.yaml' starts with '!', but patterns cannot be negated; list only what to match (write '\\!' for a name that starts with '!')"],
    ],
    [
      'an OpenAPI document given as the configuration: one line, not one per unknown key',
      "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
      ["statuslint.config.yaml:1:1: this is an OpenAPI document ('openapi'), not a statuslint configuration, which has extends, rules, overrides, ignore and unusedSuppressions; to lint it, name it as a spec"],
    ],
    [
      'a Swagger 2.0 document given as the configuration',
      "info: {title: x, version: '1'}\nswagger: '2.0'\npaths: {}\n",
      ["statuslint.config.yaml:2:1: this is an OpenAPI document ('swagger'), not a statuslint configuration, which has extends, rules, overrides, ignore and unusedSuppressions; to lint it, name it as a spec"],
    ],
    ['a list at the top', '- rules\n', ['statuslint.config.yaml:1:1: a configuration must be a mapping of extends, rules, overrides, ignore and unusedSuppressions']],
    ['invalid YAML', 'rules:\n  a: [\n', [/^statuslint\.config\.yaml:\d+:\d+: invalid YAML: /.source]],
    ['duplicate key', 'rules: {}\nrules: {}\n', ['statuslint.config.yaml:2:1: invalid YAML: Map keys must be unique']],
    [
      'an alias, read as written, would be judged as a word',
      'rules:\n  require-retry-after: &b off\n  require-location: *b\n',
      ['statuslint.config.yaml:3:21: an alias (*b): the configuration does not expand aliases; write the value out'],
    ],
    [
      'a merge key would be read as a rule named <<',
      'base: &base\n  require-retry-after: off\nrules:\n  <<: *base\n',
      [
        'statuslint.config.yaml:4:3: a merge key (<<): the configuration does not merge mappings; write the keys out',
        'statuslint.config.yaml:4:7: an alias (*base): the configuration does not expand aliases; write the value out',
      ],
    ],
  ];
  for (const [name, text, expected] of table) {
    it(name, async () => {
      const run = await runCli(['openapi.yaml'], { cwd: project({ 'statuslint.config.yaml': text, 'openapi.yaml': spec }) });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(expected.length);
      expected.forEach((line, index) => {
        if (line.startsWith('^')) expect(lines[index]).toMatch(new RegExp(`^statuslint: ${line.slice(1)}`));
        else expect(lines[index]).toBe(`statuslint: ${line}`);
      });
    });
  }

  // A FIFO: below.
  it('a device, a folder or a file not in UTF-8 given as the configuration is refused in one line, without reading on', async () => {
    const dir = project({ 'openapi.yaml': spec });
    writeFileSync(join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('rules: {}\n', 'utf16le')]));
    mkdirSync(join(dir, 'folder'));
    for (const [config, detail] of [
      ['/dev/zero', 'the configuration is not a regular file (a FIFO, socket or device)'],
      ['folder', 'the configuration is a directory, not a file'],
      ['utf16.yaml', 'the configuration is not UTF-8 text (it is UTF-16); save it as UTF-8'],
    ]) {
      const run = await runCli(['--config', config!, 'openapi.yaml'], { cwd: dir });
      expect(run.code, config).toBe(2);
      expect(run.stderr).toBe(`statuslint: ${config}: ${detail}\n`);
    }
  });

  it('--config naming the spec itself says so in one line', async () => {
    const run = await runCli(['--config', 'openapi.yaml', 'openapi.yaml'], { cwd: project({ 'openapi.yaml': spec }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: openapi\.yaml:\d+:1: this is an OpenAPI document \('openapi'\), not a statuslint configuration, which has extends, rules, overrides, ignore and unusedSuppressions; to lint it, name it as a spec\n$/);
  });

  it('a configuration over 64 MB is refused before it is read', async () => {
    const dir = project({ 'openapi.yaml': spec, 'statuslint.config.yaml': '' });
    // Sparse: the size is all that is looked at.
    truncateSync(join(dir, 'statuslint.config.yaml'), 64 * 1024 * 1024 + 1);
    const run = await runCli(['openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: statuslint.config.yaml: the configuration is over 64 MB, more than any configuration holds\n');
  });

  it('a file found by its name that is not a regular one is refused, not passed over for the defaults', async () => {
    const cases: Array<[string, (dir: string) => void, string]> = [
      ['a dangling link', (dir) => symlinkSync('../shared/statuslint.config.yaml', join(dir, 'statuslint.config.yaml')),
        'statuslint: statuslint.config.yaml is a symbolic link to ../shared/statuslint.config.yaml, which does not exist; fix or remove the link\n'],
      ['a folder', (dir) => mkdirSync(join(dir, '.statuslintrc.yaml')), 'statuslint: .statuslintrc.yaml: the configuration is a directory, not a file\n'],
    ];
    for (const [name, make, stderr] of cases) {
      const dir = project({ 'openapi.yaml': spec });
      make(dir);
      const run = await runCli(['openapi.yaml'], { cwd: dir });
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toBe(stderr);
    }
  });

  it('a JSON config names its lines too', async () => {
    const text = '{\n  "rules": {\n    "require-retry-after": "warn"\n  }\n}\n';
    const run = await runCli(['openapi.yaml'], { cwd: project({ '.statuslintrc.json': text, 'openapi.yaml': spec }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: \.statuslintrc\.json:3:28: invalid severity "warn" for rule 'require-retry-after'/);
  });

  it('a .json config is held to JSON, though YAML would read it', async () => {
    // V8's own words differ from one Node line to the next; the position and the hint do not.
    const cases: Array<[string, RegExp]> = [
      ['{\n  // off for now\n  "rules": {"require-allow": "off"}\n}\n', /^statuslint: \.statuslintrc\.json:2:3: invalid JSON: .*; JSON has no comments\n$/],
      ['{\n  "rules": {"require-allow": off}\n}\n', /^statuslint: \.statuslintrc\.json:2:30: invalid JSON: /],
      ['{"rules": {"require-allow": "off",}}', /^statuslint: \.statuslintrc\.json:1:35: invalid JSON: /],
      ['rules:\n  require-allow: off\n', /^statuslint: \.statuslintrc\.json:1:1: invalid JSON: /],
    ];
    for (const [text, error] of cases) {
      const run = await runCli(['openapi.yaml'], { cwd: project({ '.statuslintrc.json': text, 'openapi.yaml': spec }) });
      expect(run.code, text).toBe(2);
      expect(run.stderr, text).toMatch(error);
      expect(run.stderr.split('\n')).toHaveLength(2);
    }
    for (const text of ['', ' \n', '{}', '{\n\t"rules": {\n\t\t"require-allow": "off"\n\t}\n}\n']) {
      const run = await runCli(['openapi.yaml'], { cwd: project({ '.statuslintrc.json': text, 'openapi.yaml': spec }) });
      expect(run.stderr, JSON.stringify(text)).toBe('');
    }
  });

  it('a config found above the working directory is named by its relative path', async () => {
    const dir = project({ 'statuslint.config.yaml': 'rules: {nope: off}\n', 'api/openapi.yaml': spec });
    const run = await runCli(['openapi.yaml'], { cwd: join(dir, 'api') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: \.\.\/statuslint\.config\.yaml:1:9: unknown rule 'nope'|^statuslint: \/.*\/statuslint\.config\.yaml:1:9: unknown rule 'nope'/);
  });
});

describe('parseConfig: what each key takes, and the line of each problem', () => {
  /** Each problem as the CLI prints it (without `statuslint: `), or [] for a configuration that loads. */
  const problemsOf = (text: string, path = '/p/statuslint.config.yaml'): string[] => {
    try {
      parseConfig(path, text, registry);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems.map((problem) => problem.describe('/p'));
    }
  };
  const table: Array<[string, string, string[]]> = [
    ['a word, not a mapping', 'statuslint:recommended\n', ['statuslint.config.yaml:1:1: a configuration must be a mapping of extends, rules, overrides, ignore and unusedSuppressions']],
    ['a mapping as ignore', 'ignore: {vendor: true}\n', ["statuslint.config.yaml:1:9: 'ignore' must be a string or a list of strings"]],
    ['a number as ignore', 'ignore: 3\n', ["statuslint.config.yaml:1:9: 'ignore' must be a string or a list of strings"]],
    ['a number among the ignore globs', 'ignore: [vendor/, 42]\n', ["statuslint.config.yaml:1:19: each entry of 'ignore' must be a string"]],
    ['a number among the presets', 'extends: [statuslint:recommended, 2]\n', ["statuslint.config.yaml:1:35: each entry of 'extends' must be a string"]],
    ['a YAML file in extends', 'extends: base.yml\n', ["statuslint.config.yaml:1:10: unknown preset 'base.yml' in 'extends': use statuslint:recommended or statuslint:all; a configuration extends presets only, not a file or a package: write its settings here"]],
    ['rules as a list of ids', 'rules: [require-retry-after]\n', ["statuslint.config.yaml:1:8: 'rules' must map rule ids to off, info, warning, error or [severity, {options}]"]],
    ['rules as one severity for all', 'rules: off\n', ["statuslint.config.yaml:1:8: 'rules' must map rule ids to off, info, warning, error or [severity, {options}]"]],
    ['a status code as a rule id', "rules:\n  429: off\n", ['statuslint.config.yaml:2:3: a rule id must be a string']],
    ['a status code as a top-level key', '429: off\n', ["statuslint.config.yaml:1:1: unknown key '429'; a configuration has extends, rules, overrides, ignore, unusedSuppressions"]],
    ['a status code as a key of an override', "overrides:\n  - files: ['a/**']\n    404: off\n", ["statuslint.config.yaml:3:5: unknown key '404' in an override; an override has files and rules"]],
    ['a mapping as a severity', 'rules:\n  require-retry-after: {severity: warning}\n', ["statuslint.config.yaml:2:24: rule 'require-retry-after' takes a severity (off, info, warning or error), not a mapping; a rule's options follow its severity in a list: [warning, {…}]"]],
    ['a list as the severity of the list form', 'rules:\n  require-retry-after: [[warning]]\n', ["statuslint.config.yaml:2:25: rule 'require-retry-after' takes a severity (off, info, warning or error), not a list"]],
    ['a misspelt severity in the list form', 'rules:\n  require-retry-after: [warn]\n', ["statuslint.config.yaml:2:25: invalid severity \"warn\" for rule 'require-retry-after': use off, info, warning or error; did you mean 'warning'?"]],
    ['an empty list as a setting', 'rules:\n  require-retry-after: []\n', ["statuslint.config.yaml:2:24: rule 'require-retry-after' takes [severity] or [severity, {options}]"]],
    ['a glob as the overrides', 'overrides: internal/**\n', ["statuslint.config.yaml:1:12: 'overrides' must be a list of {files, rules}"]],
    ['a glob as an override', "overrides:\n  - internal/**\n", ["statuslint.config.yaml:2:5: each entry of 'overrides' must be a mapping with 'files' and 'rules'"]],
    // As from a template whose variable was unset: an empty glob matches no spec.
    ['an override whose files is an empty string', "overrides:\n  - files: ''\n    rules: {require-retry-after: off}\n", ["statuslint.config.yaml:2:12: an override's 'files' is empty; give the globs it applies to"]],
    ['an override whose files lists only an empty string', "overrides:\n  - files: ['']\n    rules: {require-retry-after: off}\n", ["statuslint.config.yaml:2:12: an override's 'files' is empty; give the globs it applies to"]],
    // JSON allows what YAML refuses: the file is named .json, so the problem is said to be in JSON.
    ['a key twice in a .json file', '{"rules": {}, "rules": {}}', ['.statuslintrc.json:1:15: invalid JSON: Map keys must be unique']],
  ];
  for (const [name, text, expected] of table) {
    it(name, () => {
      expect(problemsOf(text, expected[0]!.startsWith('.statuslintrc.json') ? '/p/.statuslintrc.json' : undefined)).toEqual(expected);
    });
  }

  it('an empty document, an empty key and [severity] load as the defaults, nothing and that severity', () => {
    for (const text of ['---\n', '# nothing yet\n', 'rules:\noverrides:\nignore:\n']) {
      const config = parseConfig('/p/statuslint.config.yaml', text, registry);
      expect({ rules: config.rules.size, overrides: config.overrides.length, ignore: config.ignore.patterns, extends: config.extends }, JSON.stringify(text)).toEqual({
        rules: 0,
        overrides: 0,
        ignore: [],
        extends: ['statuslint:recommended'],
      });
    }
    const listed = parseConfig('/p/statuslint.config.yaml', 'rules:\n  require-retry-after: [warning]\n  require-validation-error: [error]\n', registry);
    expect([...listed.rules]).toEqual([
      ['require-retry-after', { severity: 'warning' }],
      ['require-validation-error', { severity: 'error' }],
    ]);
  });

  it('only a file whose name ends in .json is held to JSON, not one in a folder whose name holds .json', () => {
    const path = '/p/schema.json-tools/statuslint.config.yaml';
    expect(problemsOf('# strict for now\nrules: {require-retry-after: error}\n', path)).toEqual([]);
    expect(problemsOf('rules: {}\nrules: {}\n', path)).toEqual(['schema.json-tools/statuslint.config.yaml:2:1: invalid YAML: Map keys must be unique']);
  });

  it('a configuration saved with a byte-order mark loads, its columns counted without it', () => {
    const dir = project({});
    writeFileSync(join(dir, 'statuslint.config.yaml'), '\uFEFFextends: statuslint:recomended\n');
    expect(() => loadConfig(join(dir, 'statuslint.config.yaml'), registry)).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ position: { line: 1, column: 10 } })] }),
    );
  });

  it('two configuration files in a folder above the working directory are named by its path', () => {
    const dir = project({ 'statuslint.config.yaml': '{}', '.statuslintrc.yaml': '{}', 'api/openapi.yaml': spec });
    expect(() => findConfig(join(dir, 'api'))).toThrow(`${dir} holds statuslint.config.yaml and .statuslintrc.yaml; keep one configuration file`);
    expect(() => findConfig(dir)).toThrow('. holds statuslint.config.yaml and .statuslintrc.yaml; keep one configuration file');
  });
});

describe('where a configuration applies, and --rule flags', () => {
  const text = "ignore: ['vendor/', '**/*.generated.yaml']\noverrides:\n  - files: ['internal/**']\n    rules: {require-retry-after: off}\n  - files: ['**/admin.yaml']\n    rules: {require-retry-after: error}\n";

  it('matches patterns against the path from the configuration folder, and none against a spec outside it', () => {
    const root = project({});
    const config = parseConfig(join(root, 'p/statuslint.config.yaml'), text, registry);
    const at = (path: string) => join(root, path);
    expect(matchingOverrides(config, at('p/internal/admin.yaml'))).toEqual([0, 1]);
    expect(matchingOverrides(config, at('p/public/admin.yaml'))).toEqual([1]);
    expect(matchingOverrides(config, at('p/openapi.yaml'))).toEqual([]);
    // '**' would match '../q/admin.yaml': a spec beside the folder gets no override and no ignore.
    expect(matchingOverrides(config, at('q/admin.yaml'))).toEqual([]);
    expect([at('p/vendor/stripe/openapi.yaml'), at('p/api/orders.generated.yaml'), at('p/api/orders.yaml'), at('q/orders.generated.yaml')].map((path) => isIgnored(config, path))).toEqual([true, true, false, false]);
    expect([at('p/api/openapi.yaml'), at('q/openapi.yaml'), at('openapi.yaml')].map((path) => inConfigFolder(config, path))).toEqual([true, false, false]);
  });

  it('settles each rule by presets, rules, matching overrides in order, then flags', () => {
    const config = parseConfig('/p/statuslint.config.yaml', `${text}rules:\n  require-retry-after: info\n`, registry);
    const retryAfter = (path: string, flags?: Map<string, { severity: 'off' | 'info' | 'warning' | 'error' }>) => settingsFor(config, path, registry, flags).get('require-retry-after');
    expect(retryAfter('/p/openapi.yaml')).toEqual({ severity: 'info' });
    expect(retryAfter('/p/internal/openapi.yaml')).toEqual({ severity: 'off' });
    expect(retryAfter('/p/internal/admin.yaml')).toEqual({ severity: 'error' });
    expect(retryAfter('/p/internal/admin.yaml', parseRuleFlags(['require-retry-after=warning'], registry))).toEqual({ severity: 'warning' });
    // A rule set off is not run at all.
    expect(rulesFor(config, '/p/internal/openapi.yaml', registry).map((enabled) => enabled.rule.id)).not.toContain('require-retry-after');
  });

  it('--rule takes id=severity, spaces around either trimmed, the last flag for a rule winning', () => {
    expect([...parseRuleFlags(['require-retry-after=off', ' require-www-authenticate = warning ', 'require-retry-after=error'], registry)]).toEqual([
      ['require-retry-after', { severity: 'error' }],
      ['require-www-authenticate', { severity: 'warning' }],
    ]);
    expect(() => parseRuleFlags(['=off'], registry)).toThrow("--rule '=off': expected <rule-id>=<severity>, e.g. --rule require-retry-after=off");
    expect(() => parseRuleFlags(['require-retry-after='], registry)).toThrow("--rule 'require-retry-after=': invalid severity '': use off, info, warning or error");
  });

  it('--rule for the engine\'s unused-suppression check points to the configuration key, with the severity the flag asked for', () => {
    const hint = (severity: string) =>
      `it is the engine's own check, not a rule; set it with the top-level configuration key unusedSuppressions (e.g. 'unusedSuppressions: ${severity}')`;
    expect(() => parseRuleFlags(['unused-suppression=warning'], registry)).toThrow(`--rule 'unused-suppression=warning': unknown rule 'unused-suppression': ${hint('warning')}`);
    expect(() => parseRuleFlags(['unused-suppression='], registry)).toThrow(`--rule 'unused-suppression=': unknown rule 'unused-suppression': ${hint('off')}`);
  });
});

describe('statuslint init', () => {
  it('writes a commented starter config that loads, and whose every rule line is valid uncommented', async () => {
    const dir = project({ 'openapi.yaml': spec });
    const run = await runCli(['init'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('wrote statuslint.config.yaml\n');
    expect(run.stderr).toBe('');
    const text = readFileSync(join(dir, 'statuslint.config.yaml'), 'utf8');
    // Each rule at its default severity (the one it takes when turned on, for a rule outside recommended).
    for (const [id, rule] of Object.entries(registry)) expect(text).toMatch(new RegExp(`^  # ${id}: \\[?${rule.meta.severity}\\b`, 'm'));
    expect(await findings(dir)).toEqual(ALL);
    writeFileSync(join(dir, 'statuslint.config.yaml'), text.replace(/^ {2}# (\S+: .*?)\s+# .*$/gm, '  $1'));
    expect(await findings(dir)).toEqual(ALL);
  });

  it('has overrides, ignore and unusedSuppressions examples that do what their comments say once uncommented', async () => {
    const dir = project({ 'openapi.yaml': spec, 'internal/admin.yaml': spec, 'vendor/x/openapi.yaml': spec });
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'statuslint.config.yaml'), 'utf8');
    const uncommented = text.replace(/^# ((?:overrides|ignore|unusedSuppressions):.*|  .*)$/gm, '$1');
    expect(uncommented).toMatch(/^overrides:\n {2}- files: /m);
    expect(uncommented).toMatch(/^ignore:\n/m);
    expect(uncommented).toMatch(/^unusedSuppressions: /m);
    writeFileSync(join(dir, 'statuslint.config.yaml'), uncommented);
    expect(await findings(dir)).toEqual(ALL);
    expect(await findings(dir, ['internal/admin.yaml'])).toEqual(ALL.filter((finding) => !finding.startsWith('require-www-authenticate')));
    const vendor = await runCli(['--format', 'json', 'vendor/x/openapi.yaml'], { cwd: dir });
    expect(vendor.stderr).toBe('statuslint: warning: vendor/x/openapi.yaml is ignored by statuslint.config.yaml; not linted\n');
  });

  it('says which configuration above no longer applies below the one it writes: they do not cascade', async () => {
    const dir = project({ '.statuslintrc.json': '{"rules": {"require-allow": "off"}}', 'svc/openapi.yaml': spec });
    const run = await runCli(['init'], { cwd: join(dir, 'svc') });
    expect([run.code, run.stdout]).toEqual([0, 'wrote statuslint.config.yaml\n']);
    expect(run.stderr).toBe(`statuslint: note: specs linted from here no longer read ${join(dir, '.statuslintrc.json')}; configurations do not cascade, so copy what it sets that should still apply\n`);
  });

  it('refuses to replace an existing config of any name', async () => {
    for (const name of ['statuslint.config.yaml', '.statuslintrc.json']) {
      const dir = project({ [name]: '{}' });
      const run = await runCli(['init'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`statuslint: ${name} already exists here; edit it, or remove it to start again\n`);
      expect(readFileSync(join(dir, name), 'utf8')).toBe('{}');
    }
  });

  it('counts a dangling link by a config name as a config, as discovery does', async () => {
    const dir = project({});
    symlinkSync('../shared/.statuslintrc.yaml', join(dir, '.statuslintrc.yaml'));
    const run = await runCli(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: .statuslintrc.yaml already exists here; edit it, or remove it to start again\n');
    expect(existsSync(join(dir, 'statuslint.config.yaml'))).toBe(false);
  });

  it('leaves no temporary file behind', async () => {
    const dir = project({});
    mkdirSync(join(dir, 'sub'));
    expect((await runCli(['init'], { cwd: join(dir, 'sub') })).code).toBe(0);
    expect(existsSync(join(dir, 'sub', 'statuslint.config.yaml'))).toBe(true);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['statuslint.config.yaml']);
  });
});

describe('a FIFO as the configuration', () => {
  it('given with --config, is refused in one line, without reading on', async () => {
    const dir = project({ 'openapi.yaml': spec });
    makeFifo(join(dir, 'fifo'));
    const run = await runCli(['--config', 'fifo', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: fifo: the configuration is not a regular file (a FIFO, socket or device)\n');
  });

  it('found by its name, is refused, not passed over for the defaults', async () => {
    const dir = project({ 'openapi.yaml': spec });
    makeFifo(join(dir, '.statuslintrc.yml'));
    const run = await runCli(['openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: .statuslintrc.yml: the configuration is not a regular file (a FIFO, socket or device)\n');
  });
});
