import { describe, expect, it } from 'vitest';
import { project, runCli } from './cli-harness.js';
import { jsonResponse, withResponses } from './rule-tester.js';

// x-statuslint-ignore through the CLI: across the specs of one run (threads, --cache), and the
// commands and formats that show the engine's check. What one spec's lint does with its lists is
// pinned in-process, in suppressions.test.ts.

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  pointer: string;
}

/** The rules these tests suppress; other rules' findings on the specs are not their business. */
const WATCHED = new Set(['no-error-in-success', 'require-retry-after', 'require-validation-error', 'require-www-authenticate', 'unused-suppression']);
const slow = { description: 'Too many requests' };
const IGNORE = 'x-statuslint-ignore';

describe('x-statuslint-ignore through the CLI', () => {
  const spec = (ignore: unknown) => withResponses('3.1', { 200: { description: 'ok' }, 429: slow }, { operation: { [IGNORE]: ignore } });

  it('is reported once for a shared response used by several operations and several specs', async () => {
    const shared = { TooMany: { ...slow, headers: { 'Retry-After': { schema: { type: 'integer' } } }, [IGNORE]: ['require-retry-after'] } };
    const spec = withResponses('3.1', { 429: { $ref: 'shared.yaml#/TooMany' } });
    (spec.paths as Record<string, unknown>)['/b'] = { get: { responses: { 429: { $ref: 'shared.yaml#/TooMany' } } } };
    const dir = project({ 'openapi.yaml': spec, 'v2/openapi.yaml': { ...spec, paths: { '/c': { get: { responses: { 429: { $ref: '../shared.yaml#/TooMany' } } } } } }, 'shared.yaml': shared });
    const run = await runCli(['--format', 'json', '.'], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => WATCHED.has(finding.ruleId));
    expect(findings.map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`)).toEqual([`unused-suppression shared.yaml#/TooMany/${IGNORE}/0`]);
  });

  it('an entry in a shared file that silences a finding for one spec is not reported unused for another', async () => {
    // require-location asks a Location of a POST's 201, not of a PUT's: the entry is needed by b.yaml only.
    const created = { Created: { description: 'created', [IGNORE]: ['require-location'] } };
    const spec = (method: string) => withResponses('3.1', { 201: { $ref: 'shared.yaml#/Created' }, 400: { description: 'bad' } }, { method });
    const dir = project({ 'a.yaml': spec('put'), 'b.yaml': spec('post'), 'shared.yaml': created });
    const lintOf = async (args: string[]): Promise<string[]> => {
      const run = await runCli(['--format', 'json', ...args], { cwd: dir });
      return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`);
    };
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      expect(await lintOf(order)).toEqual([]);
      // Replayed from --cache too.
      expect(await lintOf(['--cache', ...order])).toEqual([]);
      expect(await lintOf(['--cache', ...order])).toEqual([]);
    }
    // Linted alone, the PUT's spec has no use for it.
    expect(await lintOf(['a.yaml'])).toEqual([`unused-suppression shared.yaml#/Created/${IGNORE}/0`]);
  });

  it('an entry in a shared file is not reported unused for one spec while its rule is off for another that uses it', async () => {
    // a.yaml would need the entry for its 429, but its configuration turns the rule off; b.yaml uses the response as a 200.
    const shared = { TooMany: { description: 'Too many', [IGNORE]: ['require-retry-after', 'require-retry-aftr'] } };
    const spec = (path: string, status: string) => withResponses('3.1', { [status]: { $ref: 'shared.yaml#/TooMany' }, 400: { description: 'bad' } }, { path });
    const config = "overrides:\n  - files: ['a.yaml']\n    rules:\n      require-retry-after: off\n";
    const dir = project({ 'a.yaml': spec('/a', '429'), 'b.yaml': spec('/b', '200'), 'shared.yaml': shared, 'statuslint.config.yaml': config });
    const lintOf = async (args: string[]): Promise<string[]> => {
      const run = await runCli(['--format', 'json', ...args], { cwd: dir });
      return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => WATCHED.has(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`);
    };
    // The misspelt id stays reported: it is wrong whatever the configuration.
    const misspelt = `unused-suppression shared.yaml#/TooMany/${IGNORE}/1`;
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      expect(await lintOf(order)).toEqual([misspelt]);
      expect(await lintOf(['--cache', ...order])).toEqual([misspelt]);
      expect(await lintOf(['--cache', ...order])).toEqual([misspelt]);
    }
    expect(await lintOf(['b.yaml'])).toEqual([`unused-suppression shared.yaml#/TooMany/${IGNORE}/0`, misspelt]);
  });

  it('an aliased entry in a shared file that one spec uses under one name is not reported unused for a spec that reaches it under another', async () => {
    // B is A again, by a YAML alias: one written entry, which a.yaml needs for its 429.
    const shared = 'A: &a\n  description: Too many\n  x-statuslint-ignore: [require-retry-after]\nB: *a\n';
    const spec = (path: string, status: string, name: string) => withResponses('3.1', { [status]: { $ref: `shared.yaml#/${name}` }, 400: { description: 'bad' } }, { path });
    const dir = project({ 'a.yaml': spec('/a', '429', 'A'), 'b.yaml': spec('/b', '200', 'B'), 'shared.yaml': shared });
    const lintOf = async (args: string[]): Promise<string[]> => {
      const run = await runCli(['--format', 'json', ...args], { cwd: dir });
      return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => WATCHED.has(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`);
    };
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      expect(await lintOf(order)).toEqual([]);
      expect(await lintOf(['--cache', ...order])).toEqual([]);
      expect(await lintOf(['--cache', ...order])).toEqual([]);
    }
    // Keyed where it is written, under A, though this run reaches it only as B.
    expect(await lintOf(['b.yaml'])).toEqual([`unused-suppression shared.yaml#/A/${IGNORE}/0`]);
  });

  it('a list in a shared file that one spec reads is not reported as not read for a spec that reaches it inside another schema', async () => {
    // a.yaml names the nested schema as its body, where the list silences the envelope; b.yaml names
    // the schema around it, where a list is not read.
    const shared = {
      Wrapper: { type: 'object', properties: { env: { type: 'object', [IGNORE]: ['no-error-in-success'], properties: { success: { type: 'boolean' }, error: { type: 'string' } } } } },
    };
    const spec = (path: string, name: string) => withResponses('3.0', { 200: jsonResponse('3.0', { $ref: `shared.yaml#/${name}` }), 400: { description: 'bad' } }, { path });
    const files: Record<string, object> = { 'shared.yaml': shared, 'a.yaml': spec('/a', 'Wrapper/properties/env') };
    // Enough specs for a second thread to take some.
    for (let n = 0; n < 22; n++) files[`b${String(n).padStart(2, '0')}.yaml`] = spec(`/b${n}`, 'Wrapper');
    const dir = project(files);
    const lintOf = async (args: string[], threads = 1): Promise<string[]> => {
      const run = await runCli(['--format', 'json', ...args], { cwd: dir, env: { STATUSLINT_THREADS: String(threads) } });
      return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.filter((finding) => WATCHED.has(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`);
    };
    const names = Object.keys(files).filter((name) => name !== 'shared.yaml').sort();
    for (const order of [names, [...names].reverse()]) {
      for (const threads of [1, 2]) {
        expect(await lintOf(order, threads)).toEqual([]);
        expect(await lintOf(['--cache', ...order], threads)).toEqual([]);
        expect(await lintOf(['--cache', ...order], threads)).toEqual([]);
      }
    }
    // Without a.yaml, nothing reads it.
    expect(await lintOf(['b00.yaml'])).toEqual([`unused-suppression shared.yaml#/Wrapper/properties/env/${IGNORE}`]);
  });

  it('--fix leaves a suppressed finding alone', async () => {
    const unauthorized = (ignore: string[]) => withResponses('3.1', { 200: { description: 'ok' }, 401: { description: 'no', [IGNORE]: ignore } });
    const fixed = await runCli(['--fix-dry-run', 'openapi.yaml'], { cwd: project({ 'openapi.yaml': unauthorized(['require-retry-after']) }) });
    expect(fixed.stdout).toContain('WWW-Authenticate');
    const suppressed = await runCli(['--fix-dry-run', 'openapi.yaml'], { cwd: project({ 'openapi.yaml': unauthorized(['require-www-authenticate']) }) });
    expect(suppressed.stdout).not.toContain('WWW-Authenticate');
  });

  it('SARIF output describes the engine check like a rule', async () => {
    const run = await runCli(['--format', 'sarif', 'openapi.yaml'], { cwd: project({ 'openapi.yaml': spec(['require-www-authenticate']) }) });
    const log = JSON.parse(run.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number }> }> };
    const [sarifRun] = log.runs;
    const result = sarifRun!.results.find((item) => item.ruleId === 'unused-suppression')!;
    const descriptor = sarifRun!.tool.driver.rules[result.ruleIndex] as { id: string; helpUri: string; fullDescription: { text: string } };
    expect(descriptor.id).toBe('unused-suppression');
    expect(descriptor.helpUri).toMatch(/\/docs\/configuration\.md#suppressions-that-silence-nothing-unused-suppression$/);
    expect(descriptor.fullDescription.text).toBe('Disallow x-statuslint-ignore entries that silence nothing.');
  });

  it('statuslint rules does not list it: it is no rule, and is set by unusedSuppressions', async () => {
    const run = await runCli(['rules']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('require-www-authenticate');
    expect(run.stdout).not.toContain('unused-suppression');
  });

  it('statuslint explain says where the check is documented', async () => {
    const run = await runCli(['explain', 'unused-suppression']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('unusedSuppressions');
  });
});
