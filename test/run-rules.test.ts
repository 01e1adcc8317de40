import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { RuleError, runRules } from '../src/engine/run.js';
import type { Rule, RuleVisitors, Severity } from '../src/engine/types.js';
import { lint } from '../src/lint.js';
import { normalize, type Spec } from '../src/loader/normalize.js';
import { Workspace } from '../src/loader/resolve.js';

// The engine's walk (src/engine/run.ts) with rules written for the test: what a report becomes,
// and what happens when a rule throws. The rules' own tables go through the same walk.

/** The files in a fresh folder; objects are written as YAML. */
function project(files: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), 'statuslint-run-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), typeof content === 'string' ? content : stringify(content));
  }
  return root;
}

/** GET /a answers 200 inline and 401 with a shared response that POST /b answers 401 with too. */
const SPEC = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/a': { get: { responses: { 200: { description: 'ok\u0007' }, 401: { $ref: '#/components/responses/Denied' } } } },
    '/b': { post: { responses: { 401: { $ref: '#/components/responses/Denied' } } } },
  },
  components: { responses: { Denied: { description: 'denied' } } },
};

function loaded(files: Record<string, string | object>): Spec {
  const dir = project(files);
  const workspace = new Workspace({ rootFor: () => dir });
  return normalize(workspace, workspace.load(join(dir, 'openapi.yaml')));
}

const rule = (id: string, create: Rule['create'], messages: Record<string, string> = { seen: 'seen' }, severity: Severity = 'warning'): Rule => ({
  id,
  meta: { description: 'For the test', severity, references: [], messages },
  defaultOptions: {},
  create,
});

/** Reports every response, saying what the walk tells it. */
const describesResponses = rule(
  'test-describes-responses',
  (context) => ({
    Response(response, operation) {
      const description = String((response.node.value as { description?: unknown }).description);
      context.report({ messageId: 'seen', at: response.node, data: { method: operation.method.toUpperCase(), path: operation.path, status: response.status, description, count: 3 } });
    },
  }),
  { seen: '{{ method }} {{path}} answers {{status}}: {{description}}, {{unknown}}, {{count}}' },
);

describe('a report', () => {
  it('fills the template (spaces inside the braces allowed, numbers written out), makes spec text printable, and leaves a placeholder with no data as written', () => {
    const dir = project({ 'openapi.yaml': SPEC });
    const { findings } = lint([join(dir, 'openapi.yaml')], { cwd: dir, rules: [{ rule: describesResponses, severity: 'warning' }] });
    expect(findings.map((finding) => `${finding.pointer} ${finding.line}:${finding.column}: ${finding.message}`)).toEqual([
      '/paths/~1a/get/responses/200 9:9: GET /a answers 200: ok\\u{7}, {{unknown}}, 3',
      '/components/responses/Denied 20:5: GET /a answers 401: denied, {{unknown}}, 3',
      '/components/responses/Denied 20:5: POST /b answers 401: denied, {{unknown}}, 3',
    ]);
  });

  it('inside an operation names it; in a shared definition it names none; each takes the status being visited, and the severity the rule runs at', () => {
    const findings = runRules(loaded({ 'openapi.yaml': SPEC }), [{ rule: describesResponses, severity: 'error' }]);
    expect(findings.map(({ at, operation, status, severity, messageId }) => ({ pointer: at.pointer, operation, status, severity, messageId }))).toEqual([
      { pointer: '/paths/~1a/get/responses/200', operation: { method: 'get', path: '/a' }, status: '200', severity: 'error', messageId: 'seen' },
      { pointer: '/components/responses/Denied', operation: undefined, status: '401', severity: 'error', messageId: 'seen' },
      { pointer: '/components/responses/Denied', operation: undefined, status: '401', severity: 'error', messageId: 'seen' },
    ]);
    // An Operation visitor's reports carry the operation and no status.
    const onOperation = rule('test-operations', (context) => ({ Operation: (operation) => context.report({ messageId: 'seen', at: operation.node }) }));
    expect(runRules(loaded({ 'openapi.yaml': SPEC }), [{ rule: onOperation, severity: 'warning' }]).map(({ at, operation, status }) => [at.pointer, operation?.method, status])).toEqual([
      ['/paths/~1a/get', 'get', undefined],
      ['/paths/~1b/post', 'post', undefined],
    ]);
    // A Spec visitor runs once, before the operations, with neither.
    const onSpec = rule('test-spec', (context) => ({ Spec: (spec) => context.report({ messageId: 'seen', at: spec.root }), Operation: (operation) => context.report({ messageId: 'seen', at: operation.node }) }));
    expect(runRules(loaded({ 'openapi.yaml': SPEC }), [{ rule: onSpec, severity: 'warning' }]).map(({ at, operation, status }) => [at.pointer, operation?.method, status])).toEqual([
      ['', undefined, undefined],
      ['/paths/~1a/get', 'get', undefined],
      ['/paths/~1b/post', 'post', undefined],
    ]);
  });

  it('of the same message at the same place, from each operation that uses a shared response, is one finding', () => {
    const same = rule('test-same', (context) => ({ Response: (response) => context.report({ messageId: 'seen', at: response.node }) }));
    expect(runRules(loaded({ 'openapi.yaml': SPEC }), [{ rule: same, severity: 'warning' }]).map((finding) => finding.at.pointer)).toEqual([
      '/paths/~1a/get/responses/200',
      '/components/responses/Denied',
    ]);
  });
});

describe('a rule that throws', () => {
  const reportsAll = rule('test-reports-all', (context) => ({ Response: (response) => context.report({ messageId: 'seen', at: response.node }) }));
  const throwing = (visitors: (fail: () => never) => RuleVisitors | never): Rule =>
    rule('test-throws', () =>
      visitors(() => {
        throw new TypeError('broken');
      }),
    );
  const cases: Array<[string, Rule, string]> = [
    ['while being created, at the top of the spec', rule('test-throws', () => { throw new TypeError('broken'); }), ''],
    ['in its Spec visitor, at the top of the spec', throwing((fail) => ({ Spec: fail })), ''],
    ['in its Operation visitor, at the operation', throwing((fail) => ({ Operation: fail })), '/paths/~1a/get'],
    ['in its Response visitor, at the response', throwing((fail) => ({ Response: (response) => (response.status === '401' ? fail() : undefined) })), '/components/responses/Denied'],
  ];
  for (const [name, broken, pointer] of cases) {
    it(`${name}: is told once, naming the rule and keeping the cause, and skipped for the rest of the spec; the other rules still report`, () => {
      const errors: RuleError[] = [];
      const findings = runRules(loaded({ 'openapi.yaml': SPEC }), [{ rule: broken, severity: 'error' }, { rule: reportsAll, severity: 'warning' }], { onRuleError: (error) => errors.push(error) });
      expect(errors.map((error) => [error.name, error.ruleId, error.at.pointer, error.message, (error.cause as Error).message])).toEqual([
        ['RuleError', 'test-throws', pointer, "rule 'test-throws' failed: broken", 'broken'],
      ]);
      expect(findings.map((finding) => `${finding.ruleId} ${finding.at.pointer}`)).toEqual(['test-reports-all /paths/~1a/get/responses/200', 'test-reports-all /components/responses/Denied']);
    });
  }

  it('with something other than an Error, is told with that value as the reason', () => {
    const errors: RuleError[] = [];
    runRules(loaded({ 'openapi.yaml': SPEC }), [{ rule: rule('test-throws', () => ({ Operation: () => { throw 'no schema'; } })), severity: 'error' }], { onRuleError: (error) => errors.push(error) });
    expect(errors.map((error) => [error.message, error.cause])).toEqual([["rule 'test-throws' failed: no schema", 'no schema']]);
  });

  it('without a handler, throws the RuleError; so does a report of a message id the rule does not have', () => {
    const spec = loaded({ 'openapi.yaml': SPEC });
    let thrown: unknown;
    try {
      runRules(spec, [{ rule: throwing((fail) => ({ Response: fail })), severity: 'error' }]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleError);
    expect([(thrown as RuleError).ruleId, (thrown as RuleError).at.pointer, (thrown as RuleError).message]).toEqual(['test-throws', '/paths/~1a/get/responses/200', "rule 'test-throws' failed: broken"]);
    const unknown = rule('test-unknown-message', (context) => ({ Operation: (operation) => context.report({ messageId: 'nope', at: operation.node }) }));
    expect(() => runRules(spec, [{ rule: unknown, severity: 'error' }])).toThrow("rule 'test-unknown-message' failed: rule 'test-unknown-message' reported unknown message id 'nope'");
  });
});

describe('located findings', () => {
  it('are sorted by file, line, column, then rule id', () => {
    const dir = project({ 'openapi.yaml': SPEC });
    const second = rule('test-b', (context) => ({ Response: (response) => context.report({ messageId: 'seen', at: response.node }) }));
    const first = rule('test-a', (context) => ({ Response: (response) => context.report({ messageId: 'seen', at: response.node }), Operation: (operation) => context.report({ messageId: 'seen', at: operation.node }) }));
    const { findings } = lint([join(dir, 'openapi.yaml')], { cwd: dir, rules: [{ rule: second, severity: 'warning' }, { rule: first, severity: 'warning' }] });
    expect(findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`)).toEqual(['7:5 test-a', '9:9 test-a', '9:9 test-b', '14:5 test-a', '20:5 test-a', '20:5 test-b']);
    // A file that the walk meets second but whose name sorts first comes first.
    const split = project({ 'openapi.yaml': { ...SPEC, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 401: { $ref: 'common.yaml#/Denied' } } } } } }, 'common.yaml': { Denied: { description: 'denied' } } });
    const across = lint([join(split, 'openapi.yaml')], { cwd: split, rules: [{ rule: second, severity: 'warning' }] }).findings;
    expect(across.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['common.yaml:1', 'openapi.yaml:9']);
  });

  it('in a file that two specs share, reported at two severities, take the more severe', () => {
    const use = (path: string) => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { [path]: { get: { responses: { 401: { $ref: 'shared.yaml#/Denied' } } } } } });
    const dir = project({ 'a.yaml': use('/a'), 'b.yaml': use('/b'), 'shared.yaml': { Denied: { description: 'denied' } } });
    const same = rule('test-same', (context) => ({ Response: (response) => context.report({ messageId: 'seen', at: response.node }) }));
    for (const [a, b] of [['info', 'error'], ['error', 'warning'], ['warning', 'info']] as Array<[Severity, Severity]>) {
      for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
        const rules = (path: string) => [{ rule: same, severity: path.endsWith('a.yaml') ? a : b }];
        const { findings } = lint(order.map((name) => join(dir, name)), { cwd: dir, rules });
        const rank = ['info', 'warning', 'error'];
        expect(findings.map((finding) => `${finding.file}#${finding.pointer} ${finding.severity}`), `${a} ${b}`).toEqual([`shared.yaml#/Denied ${rank.indexOf(a) > rank.indexOf(b) ? a : b}`]);
      }
    }
  });

  it('at a pointer the file does not write are placed at its first line and column', () => {
    const dir = project({ 'openapi.yaml': SPEC });
    const nowhere = rule('test-nowhere', (context) => ({ Operation: (operation) => context.report({ messageId: 'seen', at: { file: operation.node.file, pointer: `${operation.node.pointer}/x-absent`, value: undefined } }) }));
    const { findings } = lint([join(dir, 'openapi.yaml')], { cwd: dir, rules: [{ rule: nowhere, severity: 'warning' }] });
    expect(findings.map(({ line, column, endLine, endColumn, pointer }) => [pointer, line, column, endLine, endColumn])).toEqual([
      ['/paths/~1a/get/x-absent', 1, 1, 1, 1],
      ['/paths/~1b/post/x-absent', 1, 1, 1, 1],
    ]);
  });

  it('at one place that two specs reach through a YAML alias by two pointers, take the more severe, under the pointer that sorts first', () => {
    // A merge of a mapping written inline: no pointer names where `description` is written, so
    // the finding keeps the pointer it was reached by, and the two are one by their place.
    const use = (path: string, name: string) => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { [path]: { get: { responses: { 401: { $ref: `shared.yaml#/${name}` } } } } } });
    const dir = project({ 'a.yaml': use('/a', 'A'), 'b.yaml': use('/b', 'B'), 'shared.yaml': 'A: &a\n  <<: {description: denied}\nB: *a\n' });
    const described = rule('test-described', (context) => ({
      Response: (response) => context.report({ messageId: 'seen', at: { file: response.node.file, pointer: `${response.node.pointer}/description`, value: 'denied' } }),
    }));
    const rank = ['info', 'warning', 'error'];
    for (const [a, b] of [['info', 'error'], ['error', 'warning']] as Array<[Severity, Severity]>) {
      for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
        const rules = (path: string) => [{ rule: described, severity: path.endsWith('a.yaml') ? a : b }];
        const { findings } = lint(order.map((name) => join(dir, name)), { cwd: dir, rules });
        expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} #${finding.pointer} ${finding.severity}`), `${a} ${b} ${order}`).toEqual([
          `shared.yaml:2:8 #/A/description ${rank.indexOf(a) > rank.indexOf(b) ? a : b}`,
        ]);
      }
    }
  });
});
