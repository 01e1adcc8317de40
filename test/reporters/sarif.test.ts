import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { unescapeSegment } from '../../src/loader/pointer.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { unusedSuppression } from '../../src/engine/suppress.js';
import type { Rule } from '../../src/engine/types.js';
import { createSarifReporter, defaultSarifTool, FINGERPRINT_KEYS, GITHUB_RESULTS_PER_RUN, githubLimitWarning, type SarifOptions } from '../../src/reporters/sarif.js';
import { ruleDocs } from '../../src/rule-docs.js';
import { assertValidSarif, sarifSchemaErrors } from '../sarif-schema.js';
import { expectGolden, GOLDEN_RULES, projectRoot, reportOf, TEST_DOCS, TEST_TOOL, wholeText } from './helpers.js';

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
  // Made in each test, not when the file is collected: a mutant is then tried against every test
  // that runs it (see test/mutation/README.md), not against the whole suite.
  const logOfAll = (): Json => sarifOf(['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml', 'fixtures/swagger2/swagger.yaml']).log;

  it('describes the tool and every rule that ran, with non-empty required fields', () => {
    const log = logOfAll();
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
    const log = logOfAll();
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
    const log = logOfAll();
    const rules = run(log).tool.driver.rules;
    expect(run(log).results.length).toBeGreaterThan(5);
    for (const result of run(log).results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('maps severities to levels', () => {
    const log = logOfAll();
    const levels = new Map(run(log).results.map((result: Json) => [result.ruleId, result.level]));
    expect(Object.fromEntries(levels)).toEqual({ 'require-www-authenticate': 'error', 'probe-operation': 'warning', 'probe-response': 'note' });
  });

  it('leads each message with the operation it is about, so that its first sentence says the whole problem', () => {
    const log = logOfAll();
    const messages = run(log).results.map((result: Json) => result.message.text);
    expect(messages).toContain('GET /pets: Operation seen: 100% probed, a,b:c.');
    expect(messages).toContain('GET /pets: 429 response seen.\r\nA second line, 50%.');
    // A shared definition belongs to no one operation: it is led by its name under components,
    expect(messages).toContain("response 'Unauthorized': 401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').");
    // and keeps its plain message at the top of a file of its own, whose name the location gives.
    expect(messages).toContain("401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').");
  });

  it('gives one location, relative to the repository root, never absolute', () => {
    const log = logOfAll();
    for (const result of run(log).results) {
      expect(result.locations).toHaveLength(1);
      const { uri, uriBaseId } = result.locations[0].physicalLocation.artifactLocation;
      expect(uriBaseId).toBe('%SRCROOT%');
      expect(uri).toMatch(/^fixtures\/(petstore|multi-file|swagger2)\/[a-z/]+\.yaml$/);
    }
  });

  it('puts a tight 1-based region on the key: endColumn exclusive, one line', () => {
    const log = logOfAll();
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
    const log = logOfAll();
    const shared = run(log).results.filter((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri === 'fixtures/multi-file/common/responses.yaml');
    expect(shared.map((result: Json) => [result.ruleId, result.locations[0].physicalLocation.region.startLine])).toEqual([
      ['require-www-authenticate', 1],
      ['probe-response', 3],
    ]);
    const pathItem = run(log).results.filter((result: Json) => result.locations[0].physicalLocation.artifactLocation.uri === 'fixtures/multi-file/paths/users.yaml');
    expect(pathItem.map((result: Json) => result.locations[0].physicalLocation.region.startLine)).toEqual([1, 11]);
  });

  it('gives every result its own fingerprint, under the key GitHub reads and our versioned one', () => {
    const log = logOfAll();
    const values = run(log).results.map((result: Json) => {
      expect(Object.keys(result.partialFingerprints)).toEqual([...FINGERPRINT_KEYS]);
      expect(result.partialFingerprints['statuslint/v1']).toBe(result.partialFingerprints.primaryLocationLineHash);
      return result.partialFingerprints.primaryLocationLineHash;
    });
    for (const value of values) expect(value).toMatch(/^[0-9a-f]{16}:\d+$/);
    expect(new Set(values).size).toBe(values.length);
  });

  it('writes no absolute path anywhere', () => {
    const log = logOfAll();
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

describe("sarif: GitHub's limit of results per run", () => {
  it('warns only above 25,000 results', () => {
    expect(GITHUB_RESULTS_PER_RUN).toBe(25_000);
    expect(githubLimitWarning(25_000)).toBeUndefined();
    expect(githubLimitWarning(25_001)).toMatch(/^25,001 results are more than GitHub code scanning accepts in one run \(25,000\), so it will reject this SARIF file; /);
  });
});

describe('sarif: rule descriptors beyond the goldens', () => {
  /** The log of a run of `rules` that found nothing, checked against the schema. */
  function logOf(rules: readonly Rule<any>[], sarif: SarifOptions = {}): Json {
    const text = wholeText(createSarifReporter({ tool: TEST_TOOL, ...sarif })({ findings: [], files: ['openapi.yaml'], rules }, { color: false, cwd: projectRoot }));
    return assertValidSarif(text);
  }
  const descriptorOf = (rule: Rule<any>, sarif: SarifOptions = {}): Json => run(logOf([rule], sarif)).tool.driver.rules[0];
  const probe = (meta: Partial<Rule<any>['meta']>): Rule<any> =>
    defineRule({
      id: 'probe-rule',
      meta: { description: 'Require nothing: a probe', severity: 'warning', references: ['RFC 9110 §15.5.2'], messages: { seen: 'seen' }, ...meta },
      defaultOptions: {},
      create: () => ({}),
    });

  it("the engine's own check: documented at its docsUrl, no references, no RFC tag", () => {
    const url = 'https://github.com/statuslint/statuslint/blob/main/docs/configuration.md#suppressions-that-silence-nothing-unused-suppression';
    expect(descriptorOf(unusedSuppression)).toEqual({
      id: 'unused-suppression',
      name: 'UnusedSuppression',
      shortDescription: { text: 'Disallow x-statuslint-ignore entries that silence nothing.' },
      fullDescription: { text: 'Disallow x-statuslint-ignore entries that silence nothing.' },
      help: {
        text: `Disallow x-statuslint-ignore entries that silence nothing. Documentation: ${url}\n`,
        markdown: `Disallow x-statuslint-ignore entries that silence nothing.\n\nSee [the documentation](${url}).\n`,
      },
      helpUri: url,
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['openapi', 'http-status'], precision: 'high', 'problem.severity': 'recommendation' },
    });
  });

  it('ends a description with one full stop: none added after one that has its own', () => {
    for (const description of ['Require a 400 response.', 'Why not a 422?', 'Never a 200!']) {
      expect(descriptorOf(probe({ description })).shortDescription.text).toBe(description);
    }
    expect(descriptorOf(probe({ description: 'Require a 400 response' })).shortDescription.text).toBe('Require a 400 response.');
    // A full stop inside (a section number) is not the end.
    expect(descriptorOf(probe({ description: 'Require Retry-After on 503 (RFC 9110 §15.6.4)' })).shortDescription.text).toBe('Require Retry-After on 503 (RFC 9110 §15.6.4).');
  });

  it('tags each RFC a rule cites once, and nothing for references that are not RFCs', () => {
    const rule = probe({ references: ['RFC 9110 §15.5.2', 'OpenAPI 3.1 §4.8.16', 'RFC 6585 §4', 'RFC 9110 §11.6.1'] });
    expect(descriptorOf(rule).properties.tags).toEqual(['openapi', 'http-status', 'rfc9110', 'rfc6585']);
    expect(descriptorOf(rule).fullDescription.text).toBe('Require nothing: a probe. References: RFC 9110 §15.5.2, OpenAPI 3.1 §4.8.16, RFC 6585 §4, RFC 9110 §11.6.1.');
  });

  it("gives a rule's own precision, and high when it names none", () => {
    expect(descriptorOf(probe({ precision: 'medium' })).properties.precision).toBe('medium');
    expect(descriptorOf(probe({})).properties.precision).toBe('high');
  });

  it('falls back to the description for the full one when the doc page has neither a summary nor a Why', () => {
    const doc = '# probe-rule\n\n## Bad\n\n```yaml\nx: 1\n```\n';
    const rule = descriptorOf(probe({}), { ruleDocs: new Map([['probe-rule', doc]]) });
    expect(rule.fullDescription.text).toBe('Require nothing: a probe. References: RFC 9110 §15.5.2.');
    expect(rule.help).toEqual({ text: `Bad\n\n    x: 1\n\nDocumentation: ${TEST_TOOL.helpUri('probe-rule')}\n`, markdown: '## Bad\n\n```yaml\nx: 1\n```\n' });
  });

  // GitHub refuses a rule whose short or full description is longer than 1,024 characters.
  it('cuts a full description longer than 1,024 characters at its last sentence end', () => {
    const sentence = 'A 401 response tells the client that the request lacks valid credentials for the target resource. ';
    const doc = `# probe-rule\n\nRequire nothing: a probe.\n\n## Why\n\n${sentence.repeat(12)}\n`;
    const text = descriptorOf(probe({}), { ruleDocs: new Map([['probe-rule', doc]]) }).fullDescription.text;
    expect(text).toBe(`Require nothing: a probe. ${sentence.repeat(10).trimEnd()}`);
    expect(text.length).toBeLessThanOrEqual(1024);
  });

  it('cuts it with an ellipsis at 1,024 characters when no sentence ends in its second half', () => {
    const words = 'credentials, '.repeat(100);
    const doc = `# probe-rule\n\nRequire nothing: a probe.\n\n## Why\n\nA 401 must carry ${words}and more.\n`;
    const text = descriptorOf(probe({}), { ruleDocs: new Map([['probe-rule', doc]]) }).fullDescription.text;
    expect(text).toHaveLength(1024);
    expect(text).toBe(`Require nothing: a probe. A 401 must carry ${words}`.slice(0, 1023) + '…');
    const short = descriptorOf(probe({ description: `Require ${'a'.repeat(1100)}` })).shortDescription.text;
    expect(short).toBe(`Require ${'a'.repeat(1015)}…`);
  });

  it('keeps a description of exactly 1,024 characters whole', () => {
    const description = `Require ${'a'.repeat(1015)}.`;
    expect(description).toHaveLength(1024);
    expect(descriptorOf(probe({ description })).shortDescription.text).toBe(description);
  });

  it('lists the rules by id, each result pointing at its own by index', () => {
    const ids = run(logOf([probe({}), unusedSuppression, GOLDEN_RULES[0]!])).tool.driver.rules.map((rule: Json) => rule.id);
    expect(ids).toEqual(['probe-rule', 'require-www-authenticate', 'unused-suppression']);
  });
});

describe('sarif: the category', () => {
  const categoryOf = (category: string | undefined): Json => {
    const text = wholeText(createSarifReporter({ tool: TEST_TOOL, category })({ findings: [], files: [], rules: [] }, { color: false, cwd: projectRoot }));
    return run(assertValidSarif(text)).automationDetails;
  };

  it.each([
    ['api', 'api/'],
    ['api/', 'api/'],
    [' api/public ', 'api/public/'],
  ])('%j is the run id %j, which GitHub reads as the category', (category, id) => {
    expect(categoryOf(category)).toEqual({ id });
  });

  it('none, or one of spaces only, writes no automationDetails', () => {
    expect(categoryOf(undefined)).toBeUndefined();
    expect(categoryOf('  ')).toBeUndefined();
  });
});

describe('sarif: the tool by default is this package', () => {
  it("names its version, its repository without the README anchor, and each rule's page in it", () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const tool = defaultSarifTool();
    expect(tool.version).toBe(version);
    expect(tool.informationUri).toBe('https://github.com/statuslint/statuslint');
    expect(tool.helpUri('require-allow')).toBe('https://github.com/statuslint/statuslint/blob/main/rules/require-allow.md');
    const text = wholeText(createSarifReporter()({ findings: [], files: [], rules: [] }, { color: false, cwd: projectRoot }));
    expect(run(JSON.parse(text)).tool.driver).toEqual({ name: 'statuslint', version, semanticVersion: version, informationUri: 'https://github.com/statuslint/statuslint', rules: [] });
  });
});

describe('sarif: a problem with the run that names no file', () => {
  it('is a notification with no location', () => {
    const report = { findings: [], files: [], rules: [], notifications: [{ level: 'error' as const, message: 'no input given' }] };
    const log = assertValidSarif(wholeText(createSarifReporter({ tool: TEST_TOOL })(report, { color: false, cwd: projectRoot }))) as Json;
    expect(run(log).invocations).toEqual([{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'no input given' } }] }]);
  });
});
