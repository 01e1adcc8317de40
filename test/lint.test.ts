// lint() as the library and `--fix` call it: what the result holds besides findings (the specs
// linted, the files skipped and why, failures, notices, sources, the rules that ran, fixes),
// and the helpers the CLI asks before writing a report next to specs.
import { closeSync, linkSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_SPECS_PER_WORKER } from '../src/early-worker.js';
import type { Rule } from '../src/engine/types.js';
import { canonicalPathsOf, compareNotices, defaultRules, isOpenApiDocument, lint, lintParallel, mentionsVersionKey, ruleById, sourcesOf, type LintOptions, type LintResult, type Notice } from '../src/lint.js';
import { threadsFor, workersCanLint } from '../src/lint-parallel.js';
import { project } from './cli-harness.js';
import { comparable } from './parallel-folders.js';

const info = "info: {title: t, version: '1'}";
/** A GET whose 401 has no WWW-Authenticate (a finding, with a fix) and whose 404 is `ref`. */
const orders = (ref: string): string =>
  ['openapi: 3.0.3', info, 'paths:', '  /orders:', '    get:', '      responses:', "        '200': {description: OK}", "        '401': {description: Unauthorized}", `        '404': {$ref: '${ref}'}`, ''].join('\n');

/**
 * lintParallel run from the sources has no compiled worker to start, so it lints in this
 * thread, spec by spec, in one lane (lint-job.ts), and merges: it must give what lint() gives.
 */
async function expectSameInLanes(paths: string[], options: LintOptions, expected: LintResult): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  expect(comparable(await lintParallel(paths, { ...options, threads: 2 }), cwd)).toEqual(comparable(expected, cwd));
  // Asked to lint on workers alone, with none to start: still in this thread.
  expect(comparable(await lintParallel(paths, { ...options, threads: 2, lintHere: false }), cwd)).toEqual(comparable(expected, cwd));
}

describe('lint() over a folder of specs, as a folder search hands them over', () => {
  const dir = project({
    'api/orders.yaml': orders('common.yaml#/components/responses/NotFound'),
    // Components only, and referenced: a fragment, linted through orders.yaml.
    'api/common.yaml': ['openapi: 3.0.3', info, 'paths: {}', 'components:', '  responses:', '    NotFound:', '      description: Not found', "      content: {application/json: {schema: {$ref: 'schemas.yaml#/Error'}}}", "      headers: {X-Trace: {$ref: 'https://example.com/h.yaml#/Trace'}}", ''].join('\n'),
    // No version key, referenced: a fragment too.
    'api/schemas.yaml': 'Error: {type: object}\n',
    // Components only, referenced by nobody: linted on its own, after the others.
    'api/lonely.yaml': ['openapi: 3.1.0', info, 'components:', '  responses:', '    Gone: {description: Gone}', ''].join('\n'),
    // Swagger 2.0, webhooks only: specs.
    'api/legacy.json': JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/pets': { get: { responses: { 200: { description: 'OK' }, 401: { description: 'Unauthorized' } } } } } }),
    'api/hooks.yaml': ['openapi: 3.1.0', info, 'webhooks:', '  ping:', '    post:', '      responses:', "        '200': {description: OK}", "        '204': {$ref: 'https://example.com/r.yaml#/Empty'}", ''].join('\n'),
    'api/package.json': '{"name": "not-a-spec"}',
    // A YAML file that names a version key and does not parse: a broken spec, reported.
    'api/broken.yaml': 'openapi: 3.1.0\npaths:\n  /a: {}\n  /a: {}\n',
    // A page that quotes a spec and does not parse as YAML: not a spec, skipped.
    'api/notes.md': '# Notes\n\nopenapi: 3.1.0\n- [ ] x: {\n',
  });
  const names = ['broken.yaml', 'common.yaml', 'hooks.yaml', 'legacy.json', 'lonely.yaml', 'notes.md', 'orders.yaml', 'package.json', 'schemas.yaml'];
  const paths = names.map((name) => join(dir, 'api', name));
  // Linted by each test, not once while vitest collects the file: a mutation run tries each
  // mutant only against the tests that reached it.
  const run = () => {
    const progress: Array<[number, number]> = [];
    const result = lint(paths, { cwd: dir, discovered: new Set(paths), onProgress: (done, total) => void progress.push([done, total]) });
    return { result, progress };
  };

  it('lints the specs in input order, then the components-only specs no spec references', () => {
    expect(run().result.files).toEqual(['api/hooks.yaml', 'api/legacy.json', 'api/orders.yaml', 'api/lonely.yaml']);
  });

  it('skips referenced files as fragments, the rest that are no OpenAPI as such, and reports the broken spec', () => {
    expect(run().result.skipped).toEqual({ notOpenApi: ['api/notes.md', 'api/package.json'], fragments: ['api/common.yaml', 'api/schemas.yaml'] });
    expect(run().result.failures.map((failure) => failure.describe(dir))).toEqual(['api/broken.yaml:4:3: invalid YAML: Map keys must be unique']);
    expect(run().result.internalErrors).toEqual([]);
  });

  it('names every file read: the specs in input order, then what they reference, sorted; and their absolute paths, sorted', () => {
    expect(run().result.sources).toEqual(['api/hooks.yaml', 'api/legacy.json', 'api/orders.yaml', 'api/lonely.yaml', 'api/common.yaml', 'api/schemas.yaml']);
    const { readPaths } = run().result;
    expect(readPaths).toEqual([...readPaths].sort());
    expect(run().result.readPaths).toEqual(expect.arrayContaining(paths.filter((path) => !/broken|notes/.test(path))));
  });

  it('says which rules ran, by id, sorted, and the remote $ref it did not follow', () => {
    expect(run().result.rules.map((rule) => rule.id)).toEqual(defaultRules().map((entry) => entry.rule.id).sort());
    // Sorted by file: common.yaml was read after hooks.yaml.
    expect(run().result.notices.map((notice) => `${notice.file}:${notice.line}:${notice.column}: ${notice.message}`)).toEqual([
      "api/common.yaml:9:27: remote $ref 'https://example.com/h.yaml#/Trace' is not fetched; what it names is not linted",
      "api/hooks.yaml:8:17: remote $ref 'https://example.com/r.yaml#/Empty' is not fetched; what it names is not linted",
    ]);
  });

  it('finds the problems of each spec, with the fixes they offer', () => {
    expect(run().result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(expect.arrayContaining(['require-www-authenticate api/orders.yaml:8', 'require-www-authenticate api/legacy.json:1']));
    expect(run().result.fixes.map((fix) => fix.kind)).toEqual(['add-header', 'add-header']);
  });

  it('counts each input done, in order', () => {
    expect(run().progress).toEqual(names.map((_, index) => [index + 1, names.length]));
  });

  it('gives the same in lanes, which tell --fix which specs offer fixes, by key', async () => {
    await expectSameInLanes(paths, { cwd: dir, discovered: new Set(paths) }, run().result);
    const offered: Array<[string, number]> = [];
    await lintParallel(paths, { cwd: dir, discovered: new Set(paths), onFixKeys: (path, keys) => void offered.push([path, keys.length]) });
    expect(offered).toEqual([[join(dir, 'api/legacy.json'), 1], [join(dir, 'api/orders.yaml'), 1]]);
  });
});

describe('lint() over specs named one by one', () => {
  it('lints a named components-only spec, though another references it, and refuses a named file that does not parse', () => {
    const dir = project({
      'orders.yaml': orders('common.yaml#/components/responses/NotFound'),
      'common.yaml': ['openapi: 3.0.3', info, 'components:', '  responses:', '    NotFound: {description: Not found}', ''].join('\n'),
      'notes.md': '- [ ] x: {\n',
    });
    const result = lint(['orders.yaml', 'common.yaml', 'notes.md'].map((name) => join(dir, name)), { cwd: dir });
    expect(result.files).toEqual(['orders.yaml', 'common.yaml']);
    expect(result.skipped).toEqual({ notOpenApi: [], fragments: [] });
    expect(result.failures.map((failure) => failure.file)).toEqual([join(dir, 'notes.md')]);
  });

  it('reports a problem in a file two specs share once, and a broken reference there once', async () => {
    const shared = ['Empty: {description: Deleted, content: {application/json: {}}}', "Remote: {$ref: 'https://example.com/r.yaml#/R'}", ''].join('\n');
    const spec = (title: string, ref: string) => ['openapi: 3.0.3', `info: {title: ${title}, version: '1'}`, 'paths:', `  /${title}:`, '    get:', '      responses:', "        '200': {description: OK}", `        '204': {$ref: '${ref}'}`, "        '402': {$ref: 'shared.yaml#/Remote'}", ''].join('\n');
    const dir = project({ 'a.yaml': spec('a', 'shared.yaml#/Empty'), 'b.yaml': spec('b', 'shared.yaml#/Empty'), 'c.yaml': spec('c', 'broken.yaml#/Broken'), 'd.yaml': spec('d', 'broken.yaml#/Broken'), 'shared.yaml': shared, 'broken.yaml': "Broken: {$ref: '#/Missing'}\n" });
    const paths = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'].map((name) => join(dir, name));
    const result = lint(paths, { cwd: dir });
    expect(result.findings.filter((finding) => finding.file === 'shared.yaml').map((finding) => `${finding.ruleId} ${finding.line}`)).toEqual(['no-body-on-no-content 1']);
    expect(result.failures.map((failure) => failure.describe(dir))).toEqual(["broken.yaml:1:10: cannot resolve $ref '#/Missing': no such location"]);
    expect(result.notices.map((notice) => `${notice.file}:${notice.line}`)).toEqual(['shared.yaml:2']);
    expect(result.files).toEqual(['a.yaml', 'b.yaml']);
    await expectSameInLanes(paths, { cwd: dir }, result);
    // No rule ran when every spec stopped at a broken reference.
    const stopped = lint(paths.slice(2), { cwd: dir });
    expect(stopped.rules).toEqual([]);
    await expectSameInLanes(paths.slice(2), { cwd: dir }, stopped);
  });

  it('lists unused-suppression among the rules that ran only when it reported', async () => {
    const entry = (list: string) => ['openapi: 3.0.3', info, 'paths:', '  /a:', '    get:', `      x-statuslint-ignore: [${list}]`, '      responses:', "        '200': {description: OK}", "        '401': {description: Unauthorized}", ''].join('\n');
    const dir = project({ 'used.yaml': entry('require-www-authenticate'), 'unused.yaml': entry('require-retry-after') });
    const linted = async (name: string, options: LintOptions = { cwd: dir }) => {
      const result = lint([join(dir, name)], options);
      await expectSameInLanes([join(dir, name)], options, result);
      return result.rules.map((rule) => rule.id);
    };
    expect(await linted('used.yaml')).not.toContain('unused-suppression');
    expect((await linted('unused.yaml')).at(-1)).toBe('unused-suppression');
    expect(await linted('unused.yaml', { cwd: dir, unusedSuppressions: 'off' })).not.toContain('unused-suppression');
  });

  it('keeps an entry that silenced a finding of one spec from being reported unused by another', async () => {
    const shared = 'Unauthorized:\n  description: Unauthorized\n  x-statuslint-ignore: [require-www-authenticate]\n';
    const spec = (status: string) => ['openapi: 3.0.3', info, 'paths:', '  /a:', '    get:', '      responses:', "        '200': {description: OK}", `        '${status}': {$ref: 'shared.yaml#/Unauthorized'}`, ''].join('\n');
    const dir = project({ 'a.yaml': spec('403'), 'b.yaml': spec('401'), 'shared.yaml': shared });
    // a.yaml uses it as a 403, where it silences nothing; b.yaml as a 401, where it does.
    const result = lint([join(dir, 'a.yaml'), join(dir, 'b.yaml')], { cwd: dir });
    expect(result.findings.filter((finding) => finding.file === 'shared.yaml')).toEqual([]);
    await expectSameInLanes([join(dir, 'a.yaml'), join(dir, 'b.yaml')], { cwd: dir }, result);
    expect(lint([join(dir, 'a.yaml')], { cwd: dir }).findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toContain('unused-suppression shared.yaml:3');
  });

  it('records a failure that is not the spec\'s as an internal error of the input, and lints the rest', () => {
    const dir = project({ 'a.yaml': orders('#/x'), 'b.yaml': orders('#/x') });
    const rules = (path: string) => {
      if (path.endsWith('a.yaml')) throw new Error('no rules for this one');
      return defaultRules();
    };
    const result = lint([join(dir, 'a.yaml'), join(dir, 'b.yaml')], { cwd: dir, rules });
    expect(result.internalErrors.map(({ file, message, ruleId }) => ({ file, message, ruleId }))).toEqual([{ file: 'a.yaml', message: 'no rules for this one', ruleId: undefined }]);
    expect(result.failures.map((failure) => failure.file)).toEqual([join(dir, 'b.yaml')]);
  });

  it("names where a rule that throws was looking, file:line:col; lanes, which name rules by id, leave a rule not in the registry to lint()", async () => {
    const throws: Rule = {
      id: 'test-throws-on-401',
      meta: { description: 'For the test', severity: 'error', references: [], messages: { never: 'never' } },
      defaultOptions: {},
      create: () => ({
        Response(response) {
          if (response.status === '401') throw new TypeError('boom');
        },
      }),
    };
    const dir = project({ 'a.yaml': orders('#/components/responses/NotFound').replace(/\n$/, '\ncomponents: {responses: {NotFound: {description: Not found}}}\n') });
    const result = lint([join(dir, 'a.yaml')], { cwd: dir, rules: [{ rule: throws, severity: 'error' }] });
    expect(result.internalErrors.map(({ file, ruleId, at, message }) => ({ file, ruleId, at, message }))).toEqual([{ file: 'a.yaml', ruleId: 'test-throws-on-401', at: 'a.yaml:8:9', message: 'boom' }]);
    expect(result.rules.map((rule) => rule.id)).toEqual(['test-throws-on-401']);
    await expectSameInLanes([join(dir, 'a.yaml')], { cwd: dir, rules: [{ rule: throws, severity: 'error' }] }, result);
    const perSpec = (path: string) => (path.endsWith('b.yaml') ? [{ rule: throws, severity: 'error' as const }] : defaultRules());
    expect(workersCanLint([join(dir, 'a.yaml')], undefined)).toBe(true);
    expect(workersCanLint([join(dir, 'a.yaml')], defaultRules())).toBe(true);
    expect(workersCanLint([join(dir, 'a.yaml')], [{ rule: throws, severity: 'error' }])).toBe(false);
    expect(workersCanLint([join(dir, 'a.yaml')], perSpec)).toBe(true);
    expect(workersCanLint([join(dir, 'a.yaml'), join(dir, 'b.yaml')], perSpec)).toBe(false);
  });
  it('lints in this thread with lint() when one spec has a rule not in the registry, and then says each spec offers every fix found', async () => {
    const quiet: Rule = { id: 'test-quiet', meta: { description: 'For the test', severity: 'error', references: [], messages: { never: 'never' } }, defaultOptions: {}, create: () => ({}) };
    const spec = orders('#/components/responses/NotFound').replace(/\n$/, '\ncomponents: {responses: {NotFound: {description: Not found}}}\n');
    const dir = project({ 'a.yaml': spec, 'b.yaml': spec });
    const paths = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    // An override that adds a plugin's rule to b.yaml's.
    const rules = (path: string) => (path.endsWith('b.yaml') ? [...defaultRules(), { rule: quiet, severity: 'error' as const }] : defaultRules());
    const expected = lint(paths, { cwd: dir, rules });
    expect(expected.rules.map((rule) => rule.id)).toContain('test-quiet');
    await expectSameInLanes(paths, { cwd: dir, rules }, expected);
    const offered: Array<[string, number]> = [];
    await lintParallel(paths, { cwd: dir, rules, onFixKeys: (path, keys) => void offered.push([path, keys.length]) });
    expect(offered).toEqual([[paths[0], 2], [paths[1], 2]]);
    const none: string[] = [];
    await lintParallel(paths, { cwd: dir, rules: [{ rule: quiet, severity: 'error' }], onFixKeys: (path) => void none.push(path) });
    expect(none).toEqual([]);
  });
});

describe.skipIf(process.platform === 'win32')('lint() with namedAsParallel (what --fix on one thread reports)', () => {
  it('names a file that several paths reach as the first input naming it, else by its real path', async () => {
    const dir = project({
      'common/r.yaml': "Empty: {description: Deleted, content: {application/json: {}}}\nRemote: {$ref: 'https://example.com/r.yaml#/R'}\n",
      'a/api.yaml': orders('common/r.yaml#/Empty').replace("'404'", "'204'").replace("'401': {description: Unauthorized}", "'402': {$ref: 'common/r.yaml#/Remote'}"),
      'b/api.yaml': orders('common/r.yaml#/Empty').replace("'404'", "'204'").replace("'401': {description: Unauthorized}", "'402': {$ref: 'common/r.yaml#/Remote'}"),
    });
    symlinkSync('../common', join(dir, 'a', 'common'));
    symlinkSync('../common', join(dir, 'b', 'common'));
    const specs = [join(dir, 'a/api.yaml'), join(dir, 'b/api.yaml')];
    const where = (result: ReturnType<typeof lint>) => result.findings.filter((finding) => finding.ruleId === 'no-body-on-no-content').map((finding) => finding.file);
    // As met first, a/common/r.yaml; named once, by its real path.
    expect(where(lint(specs, { cwd: dir }))).toEqual(['a/common/r.yaml']);
    const named = lint(specs, { cwd: dir, namedAsParallel: true });
    expect(where(named)).toEqual(['common/r.yaml']);
    expect(named.sources).toEqual(['a/api.yaml', 'b/api.yaml', 'common/r.yaml']);
    expect(named.files).toEqual(['a/api.yaml', 'b/api.yaml']);
    expect(named.notices.map((notice) => `${notice.file}:${notice.line}`)).toEqual(['common/r.yaml:2']);
    await expectSameInLanes(specs, { cwd: dir }, named);
    // A spec that is itself one of the names keeps the input's name.
    const input = lint([join(dir, 'b/common/r.yaml'), ...specs], { cwd: dir, namedAsParallel: true });
    expect(input.failures.map((failure) => failure.file)).toEqual([join(dir, 'b/common/r.yaml')]);
  });

  it('reports a problem, and a notice, in a file with two hard links that two specs name each way, once', async () => {
    const dir = project({
      'common/r.yaml': "Empty: {description: Deleted, content: {application/json: {}}}\nRemote: {$ref: 'https://example.com/r.yaml#/R'}\n",
      'a.yaml': orders('common/r.yaml#/Empty').replace("'404'", "'204'").replace("'401': {description: Unauthorized}", "'402': {$ref: 'common/r.yaml#/Remote'}"),
      'b.yaml': orders('common/r-link.yaml#/Empty').replace("'404'", "'204'").replace("'401': {description: Unauthorized}", "'402': {$ref: 'common/r-link.yaml#/Remote'}"),
    });
    linkSync(join(dir, 'common/r.yaml'), join(dir, 'common/r-link.yaml'));
    const specs = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    const named = lint(specs, { cwd: dir, namedAsParallel: true });
    expect(named.findings.filter((finding) => finding.ruleId === 'no-body-on-no-content').map((finding) => finding.file)).toEqual(['common/r-link.yaml']);
    expect(named.notices.map((notice) => `${notice.file}:${notice.line}`)).toEqual(['common/r-link.yaml:2']);
    await expectSameInLanes(specs, { cwd: dir }, named);
  });

  it('leaves a result whose files each have one name as it is', () => {
    const dir = project({ 'api.yaml': orders('#/x') });
    linkSync(join(dir, 'api.yaml'), join(dir, 'copy.yaml'));
    const plain = lint([join(dir, 'api.yaml')], { cwd: dir });
    expect(lint([join(dir, 'api.yaml')], { cwd: dir, namedAsParallel: true })).toEqual(plain);
  });
});

describe('canonicalPathsOf', () => {
  it.each([
    ['the first input that names the file', [['/p/b/r.yaml', '/p/a/r.yaml']], ['/p/x.yaml', '/p/a/r.yaml', '/p/b/r.yaml'], { '/p/b/r.yaml': '/p/a/r.yaml' }],
    ['an input named twice counts where it is first named', [['/p/b/r.yaml', '/p/a/r.yaml']], ['/p/b/r.yaml', '/p/a/r.yaml', '/p/b/r.yaml'], { '/p/a/r.yaml': '/p/b/r.yaml' }],
    ['no input: the first real path in sorted order (hard links)', [['/p/z.yaml', '/p/m.yaml', '/p/n.yaml']], [], { '/p/z.yaml': '/p/m.yaml', '/p/n.yaml': '/p/m.yaml' }],
    ['each file on its own', [['/p/b.yaml', '/p/a.yaml'], ['/p/d.yaml', '/p/c.yaml']], ['/p/d.yaml'], { '/p/b.yaml': '/p/a.yaml', '/p/c.yaml': '/p/d.yaml' }],
  ])('names a file by %s', (_, aliases, inputs, expected) => {
    expect(Object.fromEntries(canonicalPathsOf(aliases, inputs))).toEqual(expected);
  });
});

describe('the small helpers', () => {
  it('threadsFor: one thread per MIN_SPECS_PER_WORKER specs up to one per core, or as many as asked, never more than the specs', () => {
    const cores = availableParallelism();
    const cases: Array<[specs: number, asked: number | undefined, threads: number]> = [
      [0, undefined, 1],
      [1, undefined, 1],
      [MIN_SPECS_PER_WORKER - 1, undefined, 1],
      [MIN_SPECS_PER_WORKER, undefined, 1],
      [2 * MIN_SPECS_PER_WORKER - 1, undefined, 1],
      [2 * MIN_SPECS_PER_WORKER, undefined, Math.min(cores, 2)],
      [3 * MIN_SPECS_PER_WORKER, undefined, Math.min(cores, 3)],
      [1000 * MIN_SPECS_PER_WORKER, undefined, cores],
      [5, 3, 3],
      [2, 3, 2],
      [10, 1, 1],
      [10, 0, 1],
      [0, 4, 1],
    ];
    for (const [specs, asked, threads] of cases) expect(threadsFor(specs, asked), `${specs} specs, ${asked} asked`).toBe(threads);
  });

  it('compareNotices orders by file, line, column, then message', () => {
    const notice = (file: string, line?: number, column?: number, message = 'm'): Notice => ({ file, line, column, message });
    const sorted = [notice('b.yaml', 1, 1), notice('a.yaml', 3, 1), notice('a.yaml', 2, 9), notice('a.yaml', 2, 3, 'z'), notice('a.yaml', 2, 3, 'y'), notice('a.yaml')].sort(compareNotices);
    expect(sorted.map(({ file, line, column, message }) => `${file}:${line}:${column}:${message}`)).toEqual([
      'a.yaml:undefined:undefined:m',
      'a.yaml:2:3:y',
      'a.yaml:2:3:z',
      'a.yaml:2:9:m',
      'a.yaml:3:1:m',
      'b.yaml:1:1:m',
    ]);
    expect(compareNotices(notice('a.yaml', 1, 1), notice('a.yaml', 1, 1))).toBe(0);
  });

  it('sourcesOf keeps the specs in order and sorts the rest, each once', () => {
    expect(sourcesOf(['b.yaml', 'a.yaml'], ['z.yaml', 'a.yaml', 'c.yaml'])).toEqual(['b.yaml', 'a.yaml', 'c.yaml', 'z.yaml']);
  });

  it('defaultRules leaves the opt-in rules out; ruleById knows registered rules only', () => {
    const ids = defaultRules().map((entry) => entry.rule.id);
    expect(ids).toContain('require-www-authenticate');
    expect(ids).not.toContain('require-problem-details');
    expect(ruleById('require-problem-details')?.id).toBe('require-problem-details');
    expect(ruleById('toString')).toBeUndefined();
    expect(ruleById('no-such-rule')).toBeUndefined();
  });
});

describe('what the CLI asks before writing over a file', () => {
  const dir = project({
    'spec.yaml': 'openapi: 3.1.0\ninfo: {}\n',
    'quoted.yaml': '"swagger": "2.0"\n',
    'flow.json': '{"info": {}, "openapi": "3.0.0"}',
    'flow.yaml': '{info: {}, openapi: 3.0.0}\n',
    'spaced.yaml': 'openapi : 3.1.0\n',
    'pretty.json': '{\n  "info": {},\n  "openapi": "3.0.0"\n}\n',
    'embedded.yaml': 'kind: ConfigMap\ndata:\n  spec: |\n    openapi: 3.1.0\n    {{ .Values }}\n',
    'report.json': '{"findings": [{"message": "openapi"}]}',
    'notes.md': '# API\n\n```yaml\nopenapi: 3.1.0\n```\n',
    'list.yaml': '- openapi: 3.1.0\n',
    'nested.json': '{"x": {"openapi": "3.1.0"}}',
    'wide.yaml': Buffer.from('\ufeffopenapi: 3.1.0\n', 'utf16le'),
    'bom.yaml': '\ufeffopenapi: 3.1.0\ninfo: {}\n',
    'folder/a.yaml': 'a: 1\n',
    // Past the few bytes a mistaken size limit would let through.
    'long.yaml': `openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\n  description: ${'A long description. '.repeat(100)}\npaths: {}\n`,
  });
  const at = (name: string) => join(dir, name);

  it.each([
    ['spec.yaml', true, true, true],
    ['quoted.yaml', true, true, true],
    ['flow.json', true, true, true],
    ['flow.yaml', true, true, true],
    ['spaced.yaml', true, true, true],
    ['pretty.json', true, true, true],
    ['embedded.yaml', true, false, false],
    ['report.json', false, false, false],
    ['notes.md', true, true, false],
    ['list.yaml', false, false, false],
    ['nested.json', true, true, false],
    ['wide.yaml', true, true, true],
    ['bom.yaml', true, true, true],
    ['missing.yaml', true, true, false],
    ['folder', true, true, false],
    ['long.yaml', true, true, true],
  ])('%s: names a version key anywhere %s, at the top level %s; is an OpenAPI document %s', (name, anywhere, atTopLevel, document) => {
    expect(mentionsVersionKey(at(name))).toBe(anywhere);
    expect(mentionsVersionKey(at(name), 'atTopLevel')).toBe(atTopLevel);
    expect(isOpenApiDocument(at(name))).toBe(document);
  });

  it('searches a file over 16 MB a piece at a time, across the pieces, and finds no key in one without', () => {
    const big = (name: string, tail: string) => {
      const fd = openSync(at(name), 'w');
      const line = `${'x'.repeat(1023)}\n`.repeat(1024);
      for (let mb = 0; mb < 17; mb++) writeSync(fd, line);
      // Across the 18th MB's boundary: the key's line starts in one piece and ends in the next.
      writeSync(fd, `${'y'.repeat(1024 * 1024 - 4)}\nopenapi${tail}`);
      closeSync(fd);
    };
    big('big.yaml', ': 3.1.0\n');
    big('big-none.yaml', 'x 3.1.0\n');
    expect(mentionsVersionKey(at('big.yaml'))).toBe(true);
    expect(mentionsVersionKey(at('big.yaml'), 'atTopLevel')).toBe(true);
    expect(mentionsVersionKey(at('big-none.yaml'))).toBe(false);
    writeFileSync(at('big-wide.yaml'), Buffer.concat([Buffer.from('\ufeff', 'utf16le'), Buffer.alloc(17 * 1024 * 1024, 0x20)]));
    expect(mentionsVersionKey(at('big-wide.yaml'))).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('does not read a device, which may never end: the loader\'s error stands', () => {
    expect(mentionsVersionKey('/dev/null')).toBe(true);
    expect(isOpenApiDocument('/dev/null')).toBe(false);
  });
});
