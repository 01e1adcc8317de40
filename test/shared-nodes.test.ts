// One written node reached under several pointers (a path item shared through `$ref`, a YAML
// alias) is one place to fix: its findings are reported once, where it is written, on one
// thread or several.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lint } from '../src/lint.js';
import { project, runCli } from './cli-harness.js';

interface Report {
  findings: Array<{ ruleId: string; file: string; pointer: string; line: number; message: string }>;
}

const info = { title: 't', version: '1' };

async function findingsOf(args: string[], cwd: string, threads: number): Promise<string[]> {
  const run = await runCli(['--format', 'json', '--no-config', ...args], { cwd, env: { STATUSLINT_THREADS: String(threads) } });
  expect(run.stderr).toBe('');
  const { findings } = JSON.parse(run.stdout) as Report;
  return findings.map(({ ruleId, file, line, message }) => `${file}:${line} ${ruleId}: ${message.split(';')[0]}`);
}

describe('a path item shared through $ref', () => {
  const item = [
    'post:',
    '  requestBody: {content: {application/json: {schema: {type: object}}}}',
    '  responses:',
    "    '200': {description: ok}",
    "    '429': {description: Slow down}",
    '',
  ].join('\n');
  const dir = project({
    'item.yaml': item,
    'one.yaml': { openapi: '3.0.3', info, paths: { '/v1/items': { $ref: 'item.yaml' }, '/v2/items': { $ref: 'item.yaml' } } },
    'two.yaml': { openapi: '3.1.0', info, paths: { '/items': { $ref: 'item.yaml' } } },
  });

  for (const threads of [1, 2]) {
    it(`reports each problem of its operations once, under several paths and specs (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      expect(await findingsOf(['one.yaml', 'two.yaml'], dir, threads)).toEqual([
        'item.yaml:1 require-validation-error: POST /v1/items accepts a request body but documents no 400 or 422 response',
        "item.yaml:5 require-retry-after: 429 response declares no 'Retry-After' header",
      ]);
    });
  }

  it('still reports what differs between the uses: a problem only one spec has', async () => {
    const secured = project({
      'item.yaml': "get:\n  responses:\n    '200': {description: ok}\n",
      'open.yaml': { openapi: '3.0.3', info, paths: { '/a': { $ref: 'item.yaml' } } },
      'locked.yaml': {
        openapi: '3.0.3',
        info,
        security: [{ key: [] }],
        components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
        paths: { '/b': { $ref: 'item.yaml' } },
      },
    });
    const findings = await findingsOf(['open.yaml', 'locked.yaml'], secured, 1);
    expect(findings.filter((finding) => finding.includes('require-auth-errors'))).toHaveLength(1);
  });
});

describe('operations written beside a path item $ref', () => {
  it('are linted, and win over the referenced item\'s operation of the same method', async () => {
    const dir = project({
      'item.yaml': "get:\n  responses:\n    '200': {description: ok}\n    '503': {description: Down}\ndelete:\n  responses:\n    '204': {description: gone}\n",
      'spec.yaml': [
        'openapi: 3.0.3',
        "info: {title: t, version: '1'}",
        'paths:',
        '  /things:',
        "    $ref: 'item.yaml'",
        '    delete:',
        '      responses:',
        "        '204': {description: gone}",
        "        '429': {description: Slow down}",
        '',
      ].join('\n'),
    });
    expect(await findingsOf(['spec.yaml'], dir, 1)).toEqual([
      'item.yaml:1 require-error-responses: GET /things documents no client-error response',
      "item.yaml:4 require-retry-after: 503 response declares no 'Retry-After' header",
      "spec.yaml:9 require-retry-after: 429 response declares no 'Retry-After' header",
    ]);
  });

  it('are linted at every link of a chain of $refs, the nearest winning', async () => {
    // mid.yaml is itself a $ref with operations beside it: its PUT is written beside a path item's
    // $ref as much as one in the spec is, and its POST is nearer than item.yaml's.
    const dir = project({
      'item.yaml': "post:\n  responses:\n    '200': {description: ok}\n    '400': {description: bad}\n",
      'mid.yaml': "$ref: 'item.yaml'\nput:\n  responses:\n    '200': {description: ok}\n    '400': {description: bad}\n    '429': {description: Slow down}\npost:\n  responses:\n    '200': {description: ok}\n    '503': {description: Down}\n",
      'spec.yaml': { openapi: '3.0.3', info, paths: { '/things': { $ref: 'mid.yaml' } } },
    });
    expect(await findingsOf(['spec.yaml'], dir, 1)).toEqual([
      "mid.yaml:6 require-retry-after: 429 response declares no 'Retry-After' header",
      'mid.yaml:7 require-error-responses: POST /things documents no client-error response',
      "mid.yaml:10 require-retry-after: 503 response declares no 'Retry-After' header",
    ]);
  });
});

describe('a YAML alias', () => {
  // A finding is placed at the key that names its node: for an alias of the node itself that
  // key is at each use (`/d: {post: *op}`), for an alias of an ancestor it is in the anchor.
  it('of a responses map reports a problem in it once, at the anchor; of an operation, at each use', async () => {
    const dir = project({
      'spec.yaml': [
        'openapi: 3.0.3',
        "info: {title: t, version: '1'}",
        'paths:',
        '  /a:',
        '    get:',
        '      responses: &common',
        "        '200': {description: ok}",
        "        '429': {description: Slow down}",
        '  /b:',
        '    get:',
        '      responses: *common',
        '  /c: {get: &op {responses: {\'200\': {description: ok}}, requestBody: {content: {application/json: {}}}}}',
        '  /d: {post: *op}',
        '',
      ].join('\n'),
    });
    expect(await findingsOf(['spec.yaml'], dir, 1)).toEqual([
      "spec.yaml:8 require-retry-after: 429 response declares no 'Retry-After' header",
      'spec.yaml:12 require-error-responses: GET /c documents no client-error response',
      'spec.yaml:12 require-validation-error: GET /c accepts a request body but documents no 400 or 422 response',
      'spec.yaml:13 require-error-responses: POST /d documents no client-error response',
      'spec.yaml:13 require-validation-error: POST /d accepts a request body but documents no 400 or 422 response',
    ]);
  });
});

describe('a YAML alias in a file that several specs share', () => {
  // b.yaml names the anchored response by its alias: a problem inside it is one place, which
  // each spec reaches under another pointer.
  const dir = project({
    'shared.yaml': ['A: &a', '  description: Nothing', '  content:', '    application/json: {schema: {type: object}}', 'B: *a', ''].join('\n'),
    'a.yaml': { openapi: '3.0.3', info, paths: { '/a': { delete: { responses: { 204: { $ref: 'shared.yaml#/A' }, 400: { description: 'bad' } } } } } },
    'b.yaml': { openapi: '3.0.3', info, paths: { '/b': { delete: { responses: { 204: { $ref: 'shared.yaml#/B' }, 400: { description: 'bad' } } } } } },
  });
  const expected = ['shared.yaml:3 no-body-on-no-content: A 204 response cannot have content (RFC 9110 §15.3.5), but this one declares \'application/json\''];

  for (const threads of [1, 2]) {
    it(`reports a problem inside the anchored node once, at the anchor (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      expect(await findingsOf(['a.yaml', 'b.yaml'], dir, threads)).toEqual(expected);
    });
  }

  for (const threads of [1, 2]) {
    it(`reports it under the pointer where it is written, whichever name the specs of the run reach it by (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      for (const inputs of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml'], ['b.yaml']]) {
        const run = await runCli(['--format', 'json', '--no-config', ...inputs], { cwd: dir, env: { STATUSLINT_THREADS: String(threads) } });
        const { findings } = JSON.parse(run.stdout) as Report;
        expect(findings.map(({ file, pointer, line }) => `${file}#${pointer}:${line}`), inputs.join(' ')).toEqual(['shared.yaml#/A/content:3']);
      }
    });
  }

  it('as lint() does', () => {
    const { findings } = lint(['a.yaml', 'b.yaml'].map((name) => join(dir, name)), { cwd: dir });
    expect(findings.map(({ ruleId, file, line, message }) => `${file}:${line} ${ruleId}: ${message.split(';')[0]}`)).toEqual(expected);
  });
});
