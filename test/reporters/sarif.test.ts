import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { unescapeSegment } from '../../src/loader/pointer.js';
import { createSarifReporter, FINGERPRINT_KEYS, GITHUB_RESULTS_PER_RUN, githubLimitWarning, type SarifOptions } from '../../src/reporters/sarif.js';
import { main } from '../../src/cli.js';
import { defaultRules } from '../../src/lint.js';
import { ruleDocs } from '../../src/rule-docs.js';
import { projectRoot, runCli, specOverResultLimit } from '../cli-harness.js';
import { assertValidSarif, sarifSchemaErrors } from '../sarif-schema.js';
import { expectGolden, GOLDEN_RULES, reportOf, TEST_DOCS, TEST_TOOL, wholeText } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF logs are read as plain JSON here */
type Json = any;

const docs = ruleDocs(GOLDEN_RULES.map((rule) => rule.id));

function sarifOf(specs: string[], extra: { cwd?: string; root?: string; sarif?: SarifOptions } = {}): { text: string; log: Json } {
  const { report, options } = reportOf(specs, { cwd: extra.cwd, root: extra.root });
  const text = wholeText(createSarifReporter({ tool: TEST_TOOL, ruleDocs: docs, ...extra.sarif })(report, options));
  return { text, log: assertValidSarif(text) };
}

const run = (log: Json): Json => log.runs[0];

describe('sarif reporter: goldens (reviewed by hand; UPDATE_GOLDEN=1 rewrites them)', () => {
  const golden = { ruleDocs: TEST_DOCS };
  it('petstore', () => expectGolden('petstore.sarif.json', sarifOf(['fixtures/petstore/openapi.yaml'], { sarif: golden }).text));
  it('multi-file, with a category', () => expectGolden('multi-file.sarif.json', sarifOf(['fixtures/multi-file/openapi.yaml'], { sarif: { ...golden, category: 'api' } }).text));
  it('swagger 2.0', () => expectGolden('swagger2.sarif.json', sarifOf(['fixtures/swagger2/swagger.yaml'], { sarif: golden }).text));
});

describe('sarif: a long log comes in pieces, with the same bytes', () => {
  const specs = ['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml', 'fixtures/swagger2/swagger.yaml'];

  it.each([1, 2, 5])('%i results per piece', (resultsPerPiece) => {
    const whole = sarifOf(specs, { sarif: { category: 'api' } });
    expect(whole.log.runs[0].results.length).toBeGreaterThan(resultsPerPiece);
    const { report, options } = reportOf(specs);
    const text = createSarifReporter({ tool: TEST_TOOL, ruleDocs: docs, category: 'api', resultsPerPiece })(report, options);
    expect(typeof text).not.toBe('string');
    expect(wholeText(text)).toBe(whole.text);
  });
});

describe('sarif: the schema check itself', () => {
  it('refuses what is not SARIF 2.1.0', () => {
    const { log } = sarifOf(['fixtures/petstore/openapi.yaml']);
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'c:\\specs\\api.yaml';
    const errors = sarifSchemaErrors(broken).join('\n');
    expect(errors).toContain('/runs/0/results/0/level must be equal to one of the allowed values');
    expect(errors).toContain('/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1');
    expect(errors).toContain('/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri must match format "uri-reference"');
  });
});

describe('sarif: what GitHub code scanning needs', () => {
  const { log } = sarifOf(['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml', 'fixtures/swagger2/swagger.yaml']);

  it('describes the tool and every rule that ran, with non-empty required fields', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = run(log).tool.driver;
    expect(driver).toMatchObject({ name: 'statuslint', semanticVersion: '1.2.3', informationUri: 'https://github.com/statuslint/statuslint' });
    expect(driver.rules.map((rule: Json) => rule.id)).toEqual(GOLDEN_RULES.map((rule) => rule.id).sort());
    for (const rule of driver.rules) {
      for (const text of [rule.name, rule.shortDescription.text, rule.fullDescription.text, rule.help.text, rule.help.markdown, rule.helpUri]) {
        expect(typeof text === 'string' && text.trim().length > 0, `${rule.id}: every text is set`).toBe(true);
      }
      expect(rule.name.length).toBeLessThanOrEqual(255);
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
      expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties.precision);
      expect(['error', 'warning', 'recommendation']).toContain(rule.properties['problem.severity']);
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
      // Not a security tool: a security-severity would put findings in the security tab.
      expect(rule.properties).not.toHaveProperty('security-severity');
    }
  });

  it('takes rule help from the rule doc page, without its title, links made absolute', () => {
    const rule = run(log).tool.driver.rules.find((item: Json) => item.id === 'require-www-authenticate');
    const page = readFileSync(join(projectRoot, 'rules', 'require-www-authenticate.md'), 'utf8');
    expect(rule.help.markdown).toBe(page.replace(/^# .*\n+/, ''));
    expect(rule.help.text).toContain('Why\n\nA 401 tells the client that it must authenticate');
    expect(rule.help.text).not.toMatch(/^#|```/m);
    expect(rule.help.text).toContain("    '401':\n      description: Unauthorized");
    expect(rule.fullDescription.text).toMatch(/^Require a WWW-Authenticate header on every 401 Unauthorized response\. A 401 tells/);
    expect(rule.fullDescription.text).toMatch(/References: RFC 9110 §15\.5\.2, RFC 9110 §11\.6\.1\.$/);
  });

  it('links each result to its rule by id and index', () => {
    const rules = run(log).tool.driver.rules;
    expect(run(log).results.length).toBeGreaterThan(5);
    for (const result of run(log).results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('maps severities to levels', () => {
    const levels = new Map(run(log).results.map((result: Json) => [result.ruleId, result.level]));
    expect(Object.fromEntries(levels)).toEqual({ 'require-www-authenticate': 'error', 'probe-operation': 'warning', 'probe-response': 'note' });
  });

  it('leads each message with the operation it is about, so that its first sentence says the whole problem', () => {
    const messages = run(log).results.map((result: Json) => result.message.text);
    expect(messages).toContain('GET /pets: Operation seen: 100% probed, a,b:c.');
    expect(messages).toContain('GET /pets: 429 response seen.\r\nA second line, 50%.');
    // A shared definition belongs to no one operation: it is led by its name under components,
    expect(messages).toContain("response 'Unauthorized': 401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').");
    // and keeps its plain message at the top of a file of its own, whose name the location gives.
    expect(messages).toContain("401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').");
  });

  it('gives one location, relative to the repository root, never absolute', () => {
    for (const result of run(log).results) {
      expect(result.locations).toHaveLength(1);
      const { uri, uriBaseId } = result.locations[0].physicalLocation.artifactLocation;
      expect(uriBaseId).toBe('%SRCROOT%');
      expect(uri).toMatch(/^fixtures\/(petstore|multi-file|swagger2)\/[a-z/]+\.yaml$/);
    }
  });

  it('puts a tight 1-based region on the key: endColumn exclusive, one line', () => {
    expect(run(log).columnKind).toBe('utf16CodeUnits');
    for (const result of run(log).results) {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      const line = readFileSync(join(projectRoot, decodeURI(artifactLocation.uri)), 'utf8').split('\n')[region.startLine - 1]!;
      const key = line.slice(region.startColumn - 1, region.endColumn - 1);
      const segment = unescapeSegment(result.properties.pointer.split('/').pop());
      expect(region.endLine).toBe(region.startLine);
      expect(key.replace(/^['"]|['"]$/g, ''), `${artifactLocation.uri}:${region.startLine}`).toBe(segment);
    }
  });

  it("points a finding in a $ref'd file into that file", () => {
    const shared = run(log).results.filter((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri === 'fixtures/multi-file/common/responses.yaml');
    expect(shared.map((result: Json) => [result.ruleId, result.locations[0].physicalLocation.region.startLine])).toEqual([
      ['require-www-authenticate', 1],
      ['probe-response', 3],
    ]);
    const pathItem = run(log).results.filter((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri === 'fixtures/multi-file/paths/users.yaml');
    expect(pathItem.map((result: Json) => result.locations[0].physicalLocation.region.startLine)).toEqual([1, 11]);
  });

  it('gives every result its own fingerprint, under the key GitHub reads and our versioned one', () => {
    const values = run(log).results.map((result: Json) => {
      expect(Object.keys(result.partialFingerprints)).toEqual([...FINGERPRINT_KEYS]);
      expect(result.partialFingerprints['statuslint/v1']).toBe(result.partialFingerprints.primaryLocationLineHash);
      return result.partialFingerprints.primaryLocationLineHash;
    });
    for (const value of values) expect(value).toMatch(/^[0-9a-f]{16}:\d+$/);
    expect(new Set(values).size).toBe(values.length);
  });

  it('writes no absolute path anywhere', () => {
    expect(JSON.stringify(log)).not.toContain(projectRoot);
    expect(JSON.stringify(log)).not.toContain('file:');
  });
});

describe('sarif: fingerprints stay when lines move', () => {
  it('moving an operation down ten lines keeps every fingerprint', () => {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-move-')));
    mkdirSync(join(repo, '.git'));
    cpSync(join(projectRoot, 'fixtures', 'petstore'), join(repo, 'api'), { recursive: true });
    const spec = join(repo, 'api', 'openapi.yaml');
    const before = sarifOf(['api/openapi.yaml'], { cwd: repo, root: repo }).log;

    const lines = readFileSync(spec, 'utf8').split('\n');
    const at = lines.indexOf('  /pets/{petId}:');
    expect(at).toBeGreaterThan(0);
    lines.splice(at, 0, ...Array.from({ length: 10 }, (_, index) => `  # moved down, line ${index + 1}`));
    writeFileSync(spec, lines.join('\n'));
    const after = sarifOf(['api/openapi.yaml'], { cwd: repo, root: repo }).log;

    const identity = (log: Json) =>
      new Map<string, { line: number; where: string }>(
        run(log).results.map((result: Json) => [
          result.partialFingerprints.primaryLocationLineHash,
          { line: result.locations[0].physicalLocation.region.startLine, where: `${result.ruleId} ${result.properties.pointer}` },
        ]),
      );
    const old = identity(before);
    const moved = identity(after);
    expect([...moved.keys()].sort()).toEqual([...old.keys()].sort());
    let shifted = 0;
    for (const [key, { line, where }] of moved) {
      expect(where).toBe(old.get(key)!.where);
      if (line === old.get(key)!.line + 10) shifted++;
      else expect(line).toBe(old.get(key)!.line);
    }
    // The two /pets/{petId} operations and the shared 401 below them moved.
    expect(shifted).toBeGreaterThanOrEqual(3);
  });
});

describe('sarif: fingerprints are the rule, the file and the pointer (docs/ci.md, "Alert identity")', () => {
  const petstore = parse(readFileSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), 'utf8')) as Json;
  /** Fingerprint → rule and pointer, for `spec` written as `text` at `name`. */
  function identities(name: string, text: string): Map<string, string> {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-identity-')));
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, name), text);
    const log = sarifOf([name], { cwd: repo, root: repo }).log;
    const results = run(log).results as Json[];
    expect(results.length).toBeGreaterThan(3);
    return new Map(results.map((result) => [result.partialFingerprints.primaryLocationLineHash, `${result.ruleId} ${result.properties.pointer}`]));
  }

  it('a minified JSON spec, all on one line, gives each finding its own; reformatting it changes none', () => {
    const minified = identities('openapi.json', JSON.stringify(petstore));
    expect(new Set(minified.values()).size).toBe(minified.size);
    expect(identities('openapi.json', JSON.stringify(petstore, null, 2))).toEqual(minified);
  });

  it('renaming the file, or the path of an operation, changes the identity of its findings', () => {
    const before = identities('openapi.json', JSON.stringify(petstore));
    const renamed = identities('api.json', JSON.stringify(petstore));
    expect([...renamed.values()].sort()).toEqual([...before.values()].sort());
    expect([...renamed.keys()].filter((key) => before.has(key))).toEqual([]);

    const moved = structuredClone(petstore);
    moved.paths['/animals'] = moved.paths['/pets'];
    delete moved.paths['/pets'];
    const after = identities('openapi.json', JSON.stringify(moved));
    expect([...before.values()].filter((where) => where.includes(' /paths/~1pets/')).length).toBeGreaterThan(0);
    for (const [key, where] of before) {
      if (where.includes(' /paths/~1pets/')) expect(after.has(key), where).toBe(false);
      else expect(after.get(key), where).toBe(where);
    }
  });
});

describe('sarif: URIs', () => {
  it('percent-encodes, resolves symlinks, and is relative to the git top-level', async () => {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-uri-')));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'my specs', 'v1 #2'), { recursive: true });
    cpSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), join(repo, 'my specs', 'v1 #2', 'pet store%.yaml'));
    symlinkSync(join(repo, 'my specs', 'v1 #2'), join(repo, 'linked'));
    mkdirSync(join(repo, 'tools'));

    const cli = await runCli(['--format', 'sarif', '../linked/pet store%.yaml'], { cwd: join(repo, 'tools') });
    expect(cli.stderr).toBe('');
    const uris = new Set(run(JSON.parse(cli.stdout)).results.map((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['my%20specs/v1%20%232/pet%20store%25.yaml']);
  });

  it('takes --sarif-root as the root', async () => {
    const cli = await runCli(['--format', 'sarif', '--sarif-root', 'fixtures', 'fixtures/multi-file/openapi.yaml']);
    const uris = run(JSON.parse(cli.stdout)).results.map((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('multi-file/common/responses.yaml');
  });

  it('warns about a spec outside the root, which GitHub cannot place', async () => {
    const cli = await runCli(['--format', 'sarif', '--sarif-root', 'fixtures/clean', 'fixtures/petstore/openapi.yaml']);
    expect(cli.stderr).toMatch(/^statuslint: warning: fixtures\/petstore\/openapi\.yaml is outside the repository root fixtures\/clean; GitHub cannot place its findings \(set --sarif-root\)\n$/);
    expect(cli.code).toBe(1);
  });

  it('names such a spec printably: a line break in its name cannot start a workflow command in the log', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-outside-')));
    mkdirSync(join(folder, 'repo'));
    mkdirSync(join(folder, 'specs'));
    cpSync(join(projectRoot, 'fixtures', 'petstore', 'openapi.yaml'), join(folder, 'specs', 'x\n::error::injected.yaml'));
    const cli = await runCli(['--format', 'github', '--fail-on', 'none', '--sarif-root', 'repo', 'specs/'], { cwd: folder });
    expect(cli.code).toBe(0);
    expect(cli.stderr).not.toMatch(/^::/m);
    expect(cli.stderr).toContain('statuslint: warning: specs/x\\u{a}::error::injected.yaml is outside the repository root repo;');
  });
});

describe('sarif: through the CLI', () => {
  it("describes every rule that ran within GitHub's limits, with help from its doc page", async () => {
    const cli = await runCli(['--format', 'sarif', 'fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml', 'fixtures/swagger2/swagger.yaml']);
    const { rules } = run(JSON.parse(cli.stdout)).tool.driver;
    expect(rules.map((rule: Json) => rule.id)).toEqual(defaultRules().map((entry) => entry.rule.id).sort());
    for (const rule of rules) {
      expect(rule.help.markdown, rule.id).toBe(readFileSync(join(projectRoot, 'rules', `${rule.id}.md`), 'utf8').replace(/^# .*\n+/, '').replace(/\]\((?![a-z]+:)([^)]+)\)/g, (_: string, target: string) => `](${new URL(target, rule.helpUri).href})`).trimEnd() + '\n');
      expect(rule.fullDescription.text.length, rule.id).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text, rule.id).toMatch(/References: RFC \d+ §[\d.]+/);
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
    }
  });

  it('a clean run has an empty results array, which closes fixed alerts', async () => {
    const cli = await runCli(['--format', 'sarif', 'fixtures/clean/openapi.yaml']);
    expect(cli.code).toBe(0);
    const log = JSON.parse(cli.stdout);
    expect(run(log).results).toEqual([]);
    expect(run(log).invocations).toEqual([{ executionSuccessful: true }]);
    expect(run(log).tool.driver.rules.length).toBeGreaterThan(0);
  });

  it('--category NAME sets automationDetails.id to NAME/, which GitHub reads as the category', async () => {
    const named = JSON.parse((await runCli(['--format', 'sarif', '--category', 'api/public', 'fixtures/clean/openapi.yaml'])).stdout);
    expect(run(named).automationDetails).toEqual({ id: 'api/public/' });
    const plain = JSON.parse((await runCli(['--format', 'sarif', 'fixtures/clean/openapi.yaml'])).stdout);
    expect(run(plain)).not.toHaveProperty('automationDetails');
  });

  it('writes --output atomically, and the file is valid SARIF', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'statuslint-out-'));
    const cli = await runCli(['--format', 'sarif', '--output', join(folder, 'out.sarif'), 'fixtures/petstore/openapi.yaml']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    assertValidSarif(readFileSync(join(folder, 'out.sarif'), 'utf8'));
  });

  it('records an input it could not lint as a failed invocation, and exits 2', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-broken-')));
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, 'broken.yaml'), 'openapi: 3.0.3\npaths:\n  /x: [\n');
    const cli = await runCli(['--format', 'sarif', 'broken.yaml', join(projectRoot, 'fixtures/clean/openapi.yaml'), '--sarif-root', '.'], { cwd: folder });
    expect(cli.code).toBe(2);
    const invocation = run(JSON.parse(cli.stdout)).invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toMatchObject([{ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml' }, region: { startLine: 4 } } }] }]);
    expect(invocation.toolExecutionNotifications[0].message.text).toMatch(/^invalid YAML/);
  });

  it('refuses a --sarif-root that is not a directory, and an empty --category, before linting', async () => {
    const root = await runCli(['--format', 'sarif', '--sarif-root', 'no/such/dir', 'fixtures/clean/openapi.yaml']);
    expect(root).toMatchObject({ code: 2, stdout: '', stderr: "statuslint: --sarif-root 'no/such/dir' is not a directory\n" });
    const category = await runCli(['--format', 'sarif', '--category', ' ', 'fixtures/clean/openapi.yaml']);
    expect(category).toMatchObject({ code: 2, stdout: '', stderr: 'statuslint: --category must not be empty\n' });
    // GitHub takes the category from before the last '/': '/' alone is an empty one.
    const slash = await runCli(['--format', 'sarif', '--category', '//', 'fixtures/clean/openapi.yaml']);
    expect(slash).toMatchObject({ code: 2, stdout: '', stderr: "statuslint: --category '//' names no category: GitHub takes what comes before the last '/'\n" });
  });
});

describe("sarif: GitHub's limit of results per run", () => {
  it('warns only above 25,000 results', () => {
    expect(GITHUB_RESULTS_PER_RUN).toBe(25_000);
    expect(githubLimitWarning(25_000)).toBeUndefined();
    expect(githubLimitWarning(25_001)).toMatch(/^25,001 results are more than GitHub code scanning accepts in one run \(25,000\), so it will reject this SARIF file; /);
  });

  it('says so on stderr through the CLI, and still writes the whole log', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-many-')));
    writeFileSync(join(folder, 'openapi.json'), specOverResultLimit());
    let stdout = '';
    let stderr = '';
    const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), cwd: folder, env: {}, stdoutIsTty: false, stderrIsTty: false };
    const code = await main(['--format', 'sarif', '--no-config', '--sarif-root', '.', 'openapi.json'], io);
    expect(code).toBe(1);
    const results = run(JSON.parse(stdout)).results.length;
    expect(results).toBeGreaterThan(GITHUB_RESULTS_PER_RUN);
    expect(stderr).toBe(`statuslint: warning: ${githubLimitWarning(results)}\n`);
    stderr = '';
    await main(['--format', 'json', '--no-config', 'openapi.json'], io);
    expect(stderr).toBe('');
  });
});
