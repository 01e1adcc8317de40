import { appendFileSync, chmodSync, chownSync, cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyParsable, fixSpecs, writeChanges } from '../src/fix/apply.js';
import { lint } from '../src/lint.js';
import { projectRoot, runCli } from './cli-harness.js';
import { petstore, renameRef, USER_EDIT } from './fix-specs.js';

describe('--fix writing the specs', () => {
  it('does not write over a spec saved after it was read, and says so', async () => {
    const { spec } = petstore();
    const outcome = await fixSpecs([spec]);
    expect(outcome.changes).toHaveLength(1);
    appendFileSync(spec, USER_EDIT);
    const saved = readFileSync(spec, 'utf8');
    const report = writeChanges(outcome.changes);
    expect(report.written).toEqual([]);
    expect(report.unwritten.map(({ change, reason }) => [change.path, reason])).toEqual([[spec, 'changed']]);
    expect(readFileSync(spec, 'utf8')).toBe(saved);
  });
});

describe('--fix never writes an edit after which a spec no longer loads', () => {
  it('leaves a range key that a $ref names, on one thread and on several', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-ref-'));
    const specs = ['a.yaml', 'b.yaml'].map((name) => join(dir, name));
    for (const spec of specs) writeFileSync(spec, renameRef);
    const built = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'fix', 'apply.js')).href)) as typeof import('../src/fix/apply.js');
    for (const outcome of [await fixSpecs(specs, { threads: 1 }), await built.fixSpecs(specs, { threads: 2 })]) {
      expect(outcome.changes).toEqual([]);
      expect(outcome.result.failures).toEqual([]);
      expect(outcome.refused.map(({ reason }) => reason)).toEqual(['unloadable', 'unloadable']);
    }
    const run = await runCli(['--fix', '--fail-on', 'none', 'a.yaml'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, 'statuslint: left 1 fixable problem as written: 1 whose edit would break the spec (such as a $ref to the key it renames)\n']);
    expect(readFileSync(specs[0]!, 'utf8')).toBe(renameRef);
  });

  it('fixes the specs that load beside one that does not, and still takes back an edit that breaks one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-broken-'));
    const good = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '429': {description: slow}\n";
    writeFileSync(join(dir, 'good.yaml'), good);
    writeFileSync(join(dir, 'bad.yaml'), 'openapi: 3.0.3\ninfo: [');
    writeFileSync(join(dir, 'ref.yaml'), renameRef);
    const specs = ['good.yaml', 'bad.yaml', 'ref.yaml'].map((name) => join(dir, name));
    const built = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'fix', 'apply.js')).href)) as typeof import('../src/fix/apply.js');
    for (const outcome of [await fixSpecs(specs, { threads: 1 }), await built.fixSpecs(specs, { threads: 2 })]) {
      expect(outcome.changes.map((change) => change.path)).toEqual([specs[0]]);
      expect(outcome.result.failures.map((failure) => failure.file)).toEqual([specs[1]]);
      expect(outcome.refused.map(({ reason }) => reason)).toEqual(['unloadable']);
    }
    const run = await runCli(['--fix', '--fail-on', 'none', 'good.yaml', 'bad.yaml', 'ref.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: fixed 1 problem in 1 file\nstatuslint: left 1 fixable problem as written: 1 whose edit would break the spec .*\nstatuslint: bad\.yaml:2:8: invalid YAML/);
    expect(readFileSync(join(dir, 'good.yaml'), 'utf8')).toContain('Retry-After');
    expect(readFileSync(join(dir, 'ref.yaml'), 'utf8')).toBe(renameRef);
  });

  it('renames only one of two JSON keys that would both become 4XX', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-dup-'));
    const spec = join(dir, 'api.json');
    const responses = '"200": {"description": "OK"}, "4xx": {"description": "first"}, "4Xx": {"description": "second"}';
    writeFileSync(spec, `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {${responses}}}}}}\n`);
    expect(applyParsable('{"a": 1, "b": 2}', [{ start: 9, end: 12, text: '"a"' }], 'json').dropped).toEqual(new Set([0]));
    await runCli(['--fix', '--fail-on', 'none', 'api.json'], { cwd: dir });
    expect(readFileSync(spec, 'utf8').match(/"4XX"/g)).toHaveLength(1);
    expect(lint([spec], { cwd: dir }).failures).toEqual([]);
  });

  it('writes a shared header $ref that resolves from a folder whose name has a percent sign', async () => {
    // `v%41` read back from a $ref, percent-decoded, is `vA`.
    const folder = 'v%41';
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-pct-'));
    mkdirSync(join(dir, folder));
    mkdirSync(join(dir, 'common'));
    writeFileSync(
      join(dir, folder, 'api.yaml'),
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '429': {$ref: '../common/r.yaml#/T'}\ncomponents:\n  headers:\n    Retry-After: {schema: {type: integer}}\n",
    );
    writeFileSync(join(dir, 'common', 'r.yaml'), 'T:\n  description: slow down\n');
    const spec = join(dir, folder, 'api.yaml');
    const outcome = await fixSpecs([spec], { cwd: dir });
    expect(outcome.applied).toBe(1);
    expect(outcome.refused).toEqual([]);
    writeChanges(outcome.changes);
    const after = lint([spec], { cwd: dir });
    expect(after.failures).toEqual([]);
    expect(after.fixes).toEqual([]);
    expect(readFileSync(join(dir, 'common', 'r.yaml'), 'utf8')).toContain('$ref:');
  });
});

describe('--fix and a file that specs of different versions share', () => {
  it('leaves a response that one spec uses for a 201 and a redirect, and does not blame specs that share a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-conflict-'));
    const spec = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    post:\n      responses:\n        '201': {$ref: '#/components/responses/Moved'}\n        '400': {description: bad}\n  /b:\n    get:\n      responses:\n        '301': {$ref: '#/components/responses/Moved'}\n        '400': {description: bad}\ncomponents:\n  responses:\n    Moved:\n      description: moved or created\n`;
    writeFileSync(join(dir, 'a.yaml'), spec);
    const run = await runCli(['--fix', '--fail-on', 'none', 'a.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: left 1 fixable problem as written: 1 at a node that two fixes would write differently (such as a response that a Swagger 2.0 and an OpenAPI 3 spec share, or one used for a 201 and a redirect)\n');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(spec);
  });

  it('leaves a shared response that a Swagger 2.0 and an OpenAPI 3 spec would fix differently, in either order, on one thread and on several', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-versions-'));
    mkdirSync(join(dir, 'common'));
    const responses = "      responses:\n        '200': {description: OK}\n        '400': {description: bad}\n        '429': {$ref: 'common/r.yaml#/TooMany'}\n";
    const files = {
      'b.yaml': `swagger: '2.0'\ninfo: {title: b, version: '1'}\npaths:\n  /b:\n    get:\n${responses}`,
      // With a header of its own to $ref, which the 2.0 spec could not use.
      'a.yaml': `openapi: 3.0.3\ninfo: {title: a, version: '1'}\npaths:\n  /a:\n    get:\n${responses}components:\n  headers:\n    Retry-After: {schema: {type: string}}\n`,
      'c.yaml': `openapi: 3.0.3\ninfo: {title: c, version: '1'}\npaths:\n  /c:\n    get:\n${responses}`,
      'common/r.yaml': 'TooMany:\n  description: Too many requests\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const built = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'fix', 'apply.js')).href)) as typeof import('../src/fix/apply.js');
    for (const order of [['b.yaml', 'a.yaml'], ['a.yaml', 'b.yaml'], ['b.yaml', 'c.yaml'], ['c.yaml', 'a.yaml']]) {
      const specs = order.map((name) => join(dir, name));
      for (const outcome of [await fixSpecs(specs, { threads: 1 }), await built.fixSpecs(specs, { threads: 2 })]) {
        expect(outcome.changes, order.join(' ')).toEqual([]);
        expect(outcome.refused.map(({ reason }) => reason)).toEqual(['conflict']);
      }
    }
    // On several threads the intents are gathered 16 specs at a time: the two apart, in two batches.
    const fillers = Array.from({ length: 16 }, (_, index) => join(dir, `filler-${index}.yaml`));
    for (const filler of fillers) writeFileSync(filler, `openapi: 3.0.3\ninfo: {title: f, version: '1'}\npaths:\n  /f:\n    get:\n      responses:\n        '200': {description: OK}\n        '400': {description: bad}\n        '429': {description: slow}\n`);
    const apart = await built.fixSpecs([join(dir, 'b.yaml'), ...fillers, join(dir, 'a.yaml')], { threads: 2 });
    expect(apart.changes.map((change) => change.path).sort()).toEqual([...fillers].sort());
    expect(apart.refused.map(({ reason }) => reason)).toEqual(['conflict']);
    for (const filler of fillers) rmSync(filler);
    const run = await runCli(['--fix', '--fail-on', 'none', 'b.yaml', 'a.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: left 1 fixable problem as written: 1 at a node that two fixes would write differently (such as a response that a Swagger 2.0 and an OpenAPI 3 spec share, or one used for a 201 and a redirect)\n');
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
    // Specs that agree on the header still have it written once, in the shared file.
    writeFileSync(join(dir, 'd.yaml'), files['c.yaml'].replace('title: c', 'title: d'));
    const agreeing = await fixSpecs([join(dir, 'c.yaml'), join(dir, 'd.yaml')], { threads: 1 });
    expect(agreeing.refused).toEqual([]);
    expect(agreeing.changes.map((change) => change.path)).toEqual([join(dir, 'common/r.yaml')]);
  });
});

describe('--fix and a response that operations of one spec share', () => {
  /** A spec whose paths each use the one shared response for `status`, their operations given as `[path, method, security]`. */
  const shared = (version: '2.0' | '3.0.3', status: string, operations: Array<[string, string, string?]>): string => {
    const swagger = version === '2.0';
    const ref = swagger ? '#/responses/Shared' : '#/components/responses/Shared';
    const lines = [swagger ? "swagger: '2.0'" : 'openapi: 3.0.3', "info: {title: t, version: '1'}", 'paths:'];
    for (const [path, method, scheme] of operations) {
      lines.push(`  ${path}:`, `    ${method}:`);
      if (scheme) lines.push(`      security: [{${scheme}: []}]`);
      lines.push('      responses:', "        '200': {description: ok}", "        '400': {description: bad}", `        '${status}': {$ref: '${ref}'}`);
    }
    const schemes = ['    bearer: {type: http, scheme: bearer}', '    basic: {type: http, scheme: basic}'];
    if (swagger) lines.push('securityDefinitions:', '  basic: {type: basic}', 'responses:', '  Shared: {description: shared}');
    else lines.push('components:', '  securitySchemes:', ...schemes.map((line) => `  ${line}`), '  responses:', '    Shared: {description: shared}');
    return `${lines.join('\n')}\n`;
  };
  const headersOf = (text: string, swagger: boolean): unknown => {
    const document = parse(text) as Record<string, any>;
    return (swagger ? document.responses : document.components.responses).Shared.headers;
  };

  it("writes a shared 405's Allow without an example when its paths allow different methods, and with it when they agree", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-shared-example-'));
    for (const version of ['2.0', '3.0.3'] as const) {
      const swagger = version === '2.0';
      const name = (kind: string) => join(dir, `${kind}-${swagger ? 2 : 3}.yaml`);
      writeFileSync(name('differ'), shared(version, '405', [['/a', 'get'], ['/b', 'post'], ['/c', 'get']]));
      writeFileSync(name('agree'), shared(version, '405', [['/a', 'get'], ['/c', 'get']]));
      for (const threads of [1, 2]) {
        const outcome = await fixSpecs([name('differ'), name('agree')], { threads });
        expect(outcome.refused).toEqual([]);
        const after = (kind: string) => headersOf(outcome.changes.find((change) => change.path === name(kind))!.after, swagger);
        const description = 'The methods the target resource supports (RFC 9110 §10.2.1).';
        // GET is not what /b allows: an example of one path's methods is wrong for the other's.
        expect(after('differ')).toEqual({ Allow: swagger ? { description, type: 'string' } : { description, schema: { type: 'string' } } });
        expect(after('agree')).toEqual({ Allow: swagger ? { description: `${description} Example: GET`, type: 'string' } : { description, schema: { type: 'string' }, example: 'GET' } });
      }
    }
  });

  it('writes a shared 401 whose operations answer different challenges (Bearer, Basic) with a challenge of no scheme, and one whose operations agree with theirs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-shared-challenge-'));
    writeFileSync(join(dir, 'differ.yaml'), shared('3.0.3', '401', [['/a', 'get', 'bearer'], ['/b', 'get', 'basic']]));
    writeFileSync(join(dir, 'agree.yaml'), shared('3.0.3', '401', [['/a', 'get', 'basic'], ['/b', 'get', 'basic']]));
    for (const threads of [1, 2]) {
      const outcome = await fixSpecs([join(dir, 'differ.yaml'), join(dir, 'agree.yaml')], { threads });
      expect(outcome.refused).toEqual([]);
      const after = (name: string) => headersOf(outcome.changes.find((change) => change.path === join(dir, name))!.after, false);
      // A Bearer challenge would be wrong for /b and a Basic one for /a: neither is borrowed.
      expect(after('differ.yaml')).toEqual({
        'WWW-Authenticate': { description: 'The authentication challenge the client must answer: an auth-scheme and its parameters (RFC 9110 §11.6.1).', schema: { type: 'string' } },
      });
      expect(after('agree.yaml')).toEqual({
        'WWW-Authenticate': { description: 'The Basic challenge the client must answer (RFC 9110 §11.6.1).', schema: { type: 'string' }, example: 'Basic realm="api"' },
      });
    }
  });
});

describe.skipIf(process.platform === 'win32')('--fix and a file that specs of different versions share by different paths', () => {
  it('leaves it as written when the specs reach it through a symlink and are linted in different batches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-versions-link-'));
    mkdirSync(join(dir, 'common'));
    symlinkSync('common', join(dir, 'link'));
    const shared = 'TooMany:\n  description: Too many requests\n';
    writeFileSync(join(dir, 'common', 'r.yaml'), shared);
    const responses = (folder: string) => `      responses:\n        '200': {description: OK}\n        '400': {description: bad}\n        '429': {$ref: '${folder}/r.yaml#/TooMany'}\n`;
    writeFileSync(join(dir, 'b.yaml'), `swagger: '2.0'\ninfo: {title: b, version: '1'}\npaths:\n  /b:\n    get:\n${responses('common')}`);
    writeFileSync(join(dir, 'a.yaml'), `openapi: 3.0.3\ninfo: {title: a, version: '1'}\npaths:\n  /a:\n    get:\n${responses('link')}`);
    // On several threads the intents of the specs with fixes are gathered 16 at a time: the two apart, in two batches.
    const fillers = Array.from({ length: 16 }, (_, index) => join(dir, `filler-${index}.yaml`));
    for (const filler of fillers) writeFileSync(filler, `openapi: 3.0.3\ninfo: {title: f, version: '1'}\npaths:\n  /f:\n    get:\n      responses:\n        '200': {description: OK}\n        '400': {description: bad}\n        '429': {description: slow}\n`);
    const built = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'fix', 'apply.js')).href)) as typeof import('../src/fix/apply.js');
    const outcome = await built.fixSpecs([join(dir, 'b.yaml'), ...fillers, join(dir, 'a.yaml')], { threads: 2 });
    expect(outcome.changes.map((change) => change.path).sort()).toEqual([...fillers].sort());
    expect(new Set(outcome.refused.map(({ reason }) => reason))).toEqual(new Set(['conflict']));
    expect(readFileSync(join(dir, 'common', 'r.yaml'), 'utf8')).toBe(shared);
  });
});

describe('--fix and fixes that wait for one another', () => {
  /** Specs whose 503s name shared responses each nested in the one before: an edit waits for the edit of the map around it. */
  function nestedResponses(depth: number, names: readonly string[], extraPaths = ''): { dir: string; specs: string[] } {
    // In a file of shared responses, whose layout is its author's (in an OpenAPI document, a
    // response inside another is no place for one, and is left alone).
    const paths = (file: string) => Array.from({ length: depth }, (_, level) => `  /p${level}:\n    get:\n      responses:\n        '200': {description: OK}\n        '400': {description: bad}\n        '503': {$ref: '${file}#/R${'/x-inner'.repeat(level)}'}\n`);
    let nested = '';
    for (let level = depth - 1; level >= 0; level--) {
      const indent = '  '.repeat(level + 1);
      nested = `${indent}description: down ${level}\n${level < depth - 1 ? `${indent}x-inner:\n${nested}` : ''}`;
    }
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-nested-'));
    const specs = names.map((name) => join(dir, name));
    for (const [index, path] of specs.entries()) {
      writeFileSync(path, `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n${paths(`r${index}.yaml`).join('')}${extraPaths}`);
      writeFileSync(join(dir, `r${index}.yaml`), `R:\n${nested}`);
    }
    return { dir, specs };
  }

  it('says that responses nested deeper than its passes reach need another run, on one thread and on several', async () => {
    const { dir, specs } = nestedResponses(13, ['a.yaml', 'b.yaml']);
    const built = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'fix', 'apply.js')).href)) as typeof import('../src/fix/apply.js');
    for (const outcome of [await fixSpecs(specs, { threads: 1 }), await built.fixSpecs(specs, { threads: 2 })]) {
      expect(outcome.applied).toBe(20);
      expect(outcome.refused.map(({ reason }) => reason)).toEqual(Array(6).fill('passes'));
    }
    const first = await runCli(['--fix', '--fail-on', 'none', 'a.yaml'], { cwd: dir });
    expect(first.stderr).toBe('statuslint: fixed 10 problems in 1 file\nstatuslint: left 3 fixable problems as written: 3 that need another --fix run (more passes than one run makes)\n');
    const second = await runCli(['--fix', '--fail-on', 'none', 'a.yaml'], { cwd: dir });
    expect(second.stderr).toBe('statuslint: fixed 3 problems in 1 file\n');
    expect(lint([specs[0]!]).fixes).toEqual([]);
  });

  it('names each reason it left fixes for in one line, and one fix left for another run in the singular', async () => {
    // One nesting level past what a run reaches, and a 503 whose headers are not a map.
    const { dir } = nestedResponses(11, ['a.yaml'], "  /down:\n    get:\n      responses:\n        '200': {description: OK}\n        '503': {description: Down, headers: null}\n");
    const run = await runCli(['--fix', '--fail-on', 'none', 'a.yaml'], { cwd: dir });
    expect(run.stderr).toBe(
      "statuslint: fixed 10 problems in 1 file\nstatuslint: left 2 fixable problems as written: 1 written in a way --fix does not edit (such as a 'headers' that is not a map, or a response behind a YAML alias); 1 that needs another --fix run (more passes than one run makes)\n",
    );
  });
});

describe('--fix and YAML merge keys', () => {
  it('leaves a response whose headers may come from a << merge key, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-merge-'));
    const spec = [
      'openapi: 3.0.3',
      "info: {title: t, version: '1'}",
      'x-base: &base',
      '  description: Unauthorized',
      '  headers:',
      '    X-Request-Id:',
      '      schema: {type: string}',
      'paths:',
      '  /a:',
      '    get:',
      '      security: [{b: []}]',
      '      responses:',
      "        '200': {description: OK}",
      "        '401':",
      '          <<: *base',
      '          description: Not authorized here',
      'components:',
      '  securitySchemes:',
      '    b: {type: http, scheme: bearer}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'api.yaml'), spec);
    const run = await runCli(['--fix', '--fail-on', 'none', 'api.yaml'], { cwd: dir });
    expect(run.stderr).toBe("statuslint: left 1 fixable problem as written: 1 written in a way --fix does not edit (such as a 'headers' that is not a map, or a response behind a YAML alias)\n");
    expect(readFileSync(join(dir, 'api.yaml'), 'utf8')).toBe(spec);
  });
});

/**
 * a.yaml and z.yaml, whose 401 is common/r.yaml's Unauthorized, reached by z.yaml through the
 * linked folder link/; and `fillers` specs between them, each with a fix of its own.
 */
function specsThroughLinkedFolder(shared: string, fillerCount: number): { dir: string; fillers: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-links-'));
  mkdirSync(join(dir, 'common'));
  writeFileSync(join(dir, 'common', 'r.yaml'), shared);
  symlinkSync('common', join(dir, 'link'));
  const spec = (ref: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '401': {$ref: '${ref}'}\n`;
  writeFileSync(join(dir, 'a.yaml'), spec('common/r.yaml#/Unauthorized'));
  writeFileSync(join(dir, 'z.yaml'), spec('link/r.yaml#/Unauthorized'));
  const fillers = Array.from({ length: fillerCount }, (_, index) => `filler-${index}.yaml`);
  for (const filler of fillers) writeFileSync(join(dir, filler), `openapi: 3.0.3\ninfo: {title: f, version: '1'}\npaths:\n  /f:\n    get:\n      responses:\n        '200': {description: OK}\n        '400': {description: bad}\n        '503': {description: down}\n`);
  return { dir, fillers };
}

describe.skipIf(process.platform === 'win32')('--fix of a file reached by two paths', () => {
  function specsThrough(dir: string, second: string): void {
    mkdirSync(join(dir, 'common'));
    writeFileSync(join(dir, 'common', 'responses.yaml'), 'TooMany:\n  description: Too many requests\nUnauthorized:\n  description: Unauthorized\n');
    const spec = (path: string, response: string, ref: string) =>
      `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /${path}:\n    get:\n      responses:\n        '200': {description: OK}\n        '${response}':\n          $ref: '${ref}'\n`;
    writeFileSync(join(dir, 'a.yaml'), spec('a', '429', './common/responses.yaml#/TooMany'));
    writeFileSync(join(dir, 'b.yaml'), spec('b', '401', `./${second}#/Unauthorized`));
  }

  it.each([
    ['a symlink', (dir: string) => symlinkSync('common/responses.yaml', join(dir, 'link.yaml'))],
    ['a hard link', (dir: string) => linkSync(join(dir, 'common', 'responses.yaml'), join(dir, 'link.yaml'))],
  ])('makes the fixes of both paths, through %s, in one text', async (_, link) => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-links-'));
    specsThrough(dir, 'link.yaml');
    link(dir);
    const run = await runCli(['--fix', 'a.yaml', 'b.yaml'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, 'statuslint: fixed 2 problems in 1 file\n']);
    const fixed = readFileSync(join(dir, 'common', 'responses.yaml'), 'utf8');
    expect(fixed).toContain('Retry-After');
    expect(fixed).toContain('WWW-Authenticate');
    expect(readFileSync(join(dir, 'link.yaml'), 'utf8')).toBe(fixed);
    const again = await runCli(['--fix', 'a.yaml', 'b.yaml'], { cwd: dir });
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'common', 'responses.yaml'), 'utf8')).toBe(fixed);
  });

  it('fixes a file once when a later batch of specs reaches it by the other path, and reports it fixed', async () => {
    // On several threads the intents of the specs with fixes are gathered 16 at a time: the
    // two apart, in two batches, the second linted after the first's edits.
    const { dir, fillers } = specsThroughLinkedFolder('Unauthorized:\n  description: Unauthorized\n', 16);
    const specs = ['a.yaml', ...fillers, 'z.yaml'].map((name) => join(dir, name));
    const built = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'fix', 'apply.js')).href)) as typeof import('../src/fix/apply.js');
    for (const outcome of [await fixSpecs(specs, { threads: 1 }), await built.fixSpecs(specs, { threads: 2 })]) {
      expect(outcome.refused).toEqual([]);
      expect(outcome.result.findings.map((finding) => finding.ruleId)).toEqual([]);
      const shared = outcome.changes.find((change) => change.path === join(dir, 'common', 'r.yaml'));
      expect(shared?.after.match(/WWW-Authenticate/g)).toHaveLength(1);
      expect(outcome.changes).toHaveLength(17);
    }
  });

  // A 'headers' that is not a map: --fix leaves the finding, and says so once, for one file.
  it.each([
    ['two specs, on one thread', 0, 1],
    ['two batches, on two threads', 16, 2],
  ])('reports a fix it leaves, in a file reached by two paths, once: %s', async (_, fillerCount, threads) => {
    const { dir, fillers } = specsThroughLinkedFolder('Unauthorized:\n  description: Unauthorized\n  headers: []\n', fillerCount);
    const run = await runCli(['--fix', '-f', 'json', 'a.yaml', ...fillers, 'z.yaml'], { cwd: dir, env: { ...process.env, STATUSLINT_THREADS: String(threads) } });
    expect(run.stderr).toContain("statuslint: left 1 fixable problem as written: 1 written in a way --fix does not edit (such as a 'headers' that is not a map, or a response behind a YAML alias)\n");
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string }> };
    expect(report.findings.map((finding) => [finding.ruleId, finding.file])).toEqual([['require-www-authenticate', 'common/r.yaml']]);
  });

  // A plain run names such a file by its real path when no input names it (lintParallel's
  // merge), whichever spec met it first: --fix, on one thread or many, names it alike, or a
  // baseline written by a plain run would not match what --fix leaves.
  it.each([
    ['one thread', 0, 1],
    ['two threads', 16, 2],
  ])('names a file it leaves a finding in as a plain run does, when the first spec reaches it through a link: %s', async (_, fillerCount, threads) => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-links-'));
    mkdirSync(join(dir, 'common'));
    writeFileSync(join(dir, 'common', 'r.yaml'), 'Unauthorized:\n  description: Unauthorized\n  headers: []\n');
    symlinkSync('common', join(dir, 'link'));
    const spec = (ref: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '401': {$ref: '${ref}'}\n`;
    writeFileSync(join(dir, 'a.yaml'), spec('link/r.yaml#/Unauthorized'));
    writeFileSync(join(dir, 'z.yaml'), spec('common/r.yaml#/Unauthorized'));
    const fillers = Array.from({ length: fillerCount }, (_, index) => `filler-${index}.yaml`);
    for (const filler of fillers) writeFileSync(join(dir, filler), `openapi: 3.0.3\ninfo: {title: f, version: '1'}\npaths:\n  /f:\n    get:\n      responses:\n        '200': {description: OK}\n        '400': {description: bad}\n`);
    const env = { ...process.env, STATUSLINT_THREADS: String(threads) };
    const files = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ file: string }> }).findings.map((finding) => finding.file);
    const plain = await runCli(['-f', 'json', 'a.yaml', ...fillers, 'z.yaml'], { cwd: dir, env });
    expect(files(plain.stdout)).toEqual(['common/r.yaml']);
    const fixed = await runCli(['--fix', '-f', 'json', 'a.yaml', ...fillers, 'z.yaml'], { cwd: dir, env });
    expect(files(fixed.stdout)).toEqual(['common/r.yaml']);
  });

  it('keeps a hard-linked spec hard-linked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-links-'));
    cpSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), join(dir, 'a.yaml'));
    linkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    const run = await runCli(['--fix', '--fail-on', 'none', 'a.yaml', 'b.yaml'], { cwd: dir });
    expect(run.stderr).toMatch(/^statuslint: fixed \d+ problems in 1 file\n$/);
    expect(statSync(join(dir, 'a.yaml')).ino).toBe(statSync(join(dir, 'b.yaml')).ino);
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toContain('Retry-After');
    expect((await runCli(['--fix', '--fail-on', 'none', 'a.yaml', 'b.yaml'], { cwd: dir })).stderr).toBe('');
  });
});

describe('--fix keeps who may read a spec', () => {
  const root = process.getuid?.() === 0;
  const NOBODY = 65534;

  it.runIf(root)("a spec another user owns keeps its owner, group and mode when root fixes it", async () => {
    const { dir, spec } = petstore();
    chownSync(spec, NOBODY, NOBODY);
    chmodSync(spec, 0o640);
    const run = await runCli(['--fix', spec], { cwd: dir });
    expect(run.stderr).toMatch(/^statuslint: fixed /m);
    const after = statSync(spec);
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([NOBODY, NOBODY, 0o640]);
  });
});
