import { appendFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { renameRef } from './fix-specs.js';

// How --fix applies the fixes the rules offer over passes, and writes the files, in-process:
// fix-write.test.ts pins the same through the CLI run in this process. Folders named
// `read-only` and `broken` cannot be written to (write-refusals.ts).
vi.mock('../src/output.js', async (importOriginal) => (await import('./write-refusals.js')).refusingWrites(importOriginal));

const { applyParsable, asWritten, fixSpecs, writeChanges } = await import('../src/fix/apply.js');
const { fixTarget } = await import('../src/fix/intents.js');

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-apply-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const spec = (responses: string[], extra: string[] = []) => ['openapi: 3.0.3', "info: {title: t, version: '1'}", 'paths:', '  /a:', '    get:', '      responses:', "        '200': {description: OK}", ...responses, ...extra, ''].join('\n');
const refused = (outcome: Awaited<ReturnType<typeof fixSpecs>>) => outcome.refused.map(({ intent, reason }) => `${reason} ${intent.kind} ${fixTarget(intent).pointer}`).sort();

describe('--fix takes back an edit after which a spec no longer loads', () => {
  // The rename is taken back; the 429's Retry-After, in the same file, is kept.
  const renameRefAnd429 = renameRef.replace("        4xx: {description: client error}\n", "        4xx: {description: client error}\n        '429': {description: slow}\n");

  it('keeps the other edits of the file, and says the rename would break the spec', async () => {
    const dir = folder({ 'api.yaml': renameRefAnd429 });
    const outcome = await fixSpecs([join(dir, 'api.yaml')], { threads: 1 });
    expect(refused(outcome)).toEqual(['unloadable rename-key /paths/~1a/get/responses/4xx']);
    expect(outcome.result.failures).toEqual([]);
    expect(outcome.applied).toBe(1);
    expect(outcome.changes.map((change) => [change.fixes, change.before, change.after])).toEqual([
      [1, renameRefAnd429, renameRefAnd429.replace("        '429': {description: slow}", "        '429': {description: slow, headers: {Retry-After: {description: Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date)., schema: {type: integer, minimum: 0}, example: 60}}}")],
    ]);
  });

  it('fixes the specs that load beside one that never did, which stays an input error', async () => {
    const dir = folder({ 'good.yaml': spec(["        '429': {description: slow}"]), 'bad.yaml': 'openapi: 3.0.3\ninfo: [', 'ref.yaml': renameRef });
    const specs = ['good.yaml', 'bad.yaml', 'ref.yaml'].map((name) => join(dir, name));
    const outcome = await fixSpecs(specs, { threads: 1 });
    expect(outcome.changes.map((change) => change.path)).toEqual([specs[0]]);
    expect(outcome.result.failures.map((failure) => failure.file)).toEqual([specs[1]]);
    expect(refused(outcome)).toEqual(['unloadable rename-key /paths/~1a/get/responses/4xx']);
    expect(outcome.applied).toBe(1);
  });
});

describe('--fix never writes a file it cannot read back', () => {
  it('renames only one of two JSON keys that would both become 4XX: the loader refuses a duplicate', async () => {
    const text = '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}, "4xx": {"description": "first"}, "4Xx": {"description": "second"}}}}}}\n';
    const dir = folder({ 'api.json': text });
    const outcome = await fixSpecs([join(dir, 'api.json')], { threads: 1 });
    expect(outcome.changes.map((change) => change.after)).toEqual([text.replace('"4xx"', '"4XX"')]);
    // The second rename is dropped, and not offered again beside the 4XX the first wrote.
    expect(outcome.applied).toBe(1);
    expect(outcome.result.failures).toEqual([]);
    // Nor said to be left: beside 4XX no fix of 4Xx is offered any more.
    expect(outcome.refused).toEqual([]);
  });
});

describe('--fix of a spec given as text (read from standard input)', () => {
  it('edits the text, which no file on disk holds, and its $ref-named file on disk', async () => {
    const dir = folder({ 'common.yaml': 'Slow:\n  description: slow\n' });
    const path = join(dir, '<stdin>');
    const text = spec(["        '503': {description: down}", "        '429': {$ref: 'common.yaml#/Slow'}"]);
    const outcome = await fixSpecs([path], { threads: 1, overlay: new Map([[path, text]]) });
    expect(outcome.refused).toEqual([]);
    expect(outcome.changes.map((change) => [change.path, change.before === text || change.before.startsWith('Slow:'), change.fixes])).toEqual([
      [join(dir, 'common.yaml'), true, 1],
      [path, true, 1],
    ]);
    expect(outcome.changes[1]!.after).toContain("'503': {description: down, headers: {Retry-After: {");
  });

  it('takes back an edit that would break the spec, and leaves the text as given', async () => {
    const path = join(folder({}), '<stdin>');
    const outcome = await fixSpecs([path], { threads: 1, overlay: new Map([[path, renameRef]]) });
    expect(refused(outcome)).toEqual(['unloadable rename-key /paths/~1a/get/responses/4xx']);
    expect([outcome.changes, outcome.result.failures, outcome.applied]).toEqual([[], [], 0]);
  });
});

describe('--fix and a node that several fixes ask for', () => {
  it('leaves a response that one spec uses for a 201 and a redirect: no one header is right for both', async () => {
    const text = [
      'openapi: 3.0.3',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    post:',
      '      responses:',
      "        '201': {$ref: '#/components/responses/Moved'}",
      "        '400': {description: bad}",
      '  /b:',
      '    get:',
      '      responses:',
      "        '301': {$ref: '#/components/responses/Moved'}",
      "        '400': {description: bad}",
      'components:',
      '  responses:',
      '    Moved:',
      '      description: moved or created',
      '',
    ].join('\n');
    const dir = folder({ 'a.yaml': text });
    const outcome = await fixSpecs([join(dir, 'a.yaml')], { threads: 1 });
    expect(outcome.changes).toEqual([]);
    expect(refused(outcome)).toEqual(['conflict add-header /components/responses/Moved']);
  });

  it('leaves a shared file that a Swagger 2.0 and an OpenAPI 3 spec would fix differently, in either order', async () => {
    const responses = ['      responses:', "        '200': {description: OK}", "        '400': {description: bad}", "        '429': {$ref: 'common/r.yaml#/TooMany'}"];
    const dir = folder({
      'b.yaml': ["swagger: '2.0'", "info: {title: b, version: '1'}", 'paths:', '  /b:', '    get:', ...responses, ''].join('\n'),
      'c.yaml': ['openapi: 3.0.3', "info: {title: c, version: '1'}", 'paths:', '  /c:', '    get:', ...responses, ''].join('\n'),
      'd.yaml': ['openapi: 3.0.3', "info: {title: d, version: '1'}", 'paths:', '  /d:', '    get:', ...responses, ''].join('\n'),
      'common/r.yaml': 'TooMany:\n  description: Too many requests\n',
    });
    for (const order of [['b.yaml', 'c.yaml'], ['c.yaml', 'b.yaml']]) {
      const outcome = await fixSpecs(order.map((name) => join(dir, name)), { threads: 1 });
      expect(outcome.changes, order.join(' ')).toEqual([]);
      expect(refused(outcome)).toEqual(['conflict add-header /TooMany']);
    }
    // Two specs that agree have the header written once, in the shared file.
    const agreeing = await fixSpecs([join(dir, 'c.yaml'), join(dir, 'd.yaml')], { threads: 1 });
    expect(agreeing.refused).toEqual([]);
    expect(agreeing.changes.map((change) => [change.path, change.fixes])).toEqual([[join(dir, 'common/r.yaml'), 1]]);
    expect(agreeing.applied).toBe(1);
  });

  it('on several threads, leaves a shared file that specs in different batches would fix differently', async () => {
    // The intents are gathered 16 specs at a time: the two that disagree, in two batches.
    const responses = ['      responses:', "        '200': {description: OK}", "        '429': {$ref: 'common/r.yaml#/TooMany'}"];
    const fillers = Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`f${String(index).padStart(2, '0')}.yaml`, spec(["        '503': {description: down}"])]));
    const dir = folder({
      'b.yaml': ["swagger: '2.0'", "info: {title: b, version: '1'}", 'paths:', '  /b:', '    get:', ...responses, ''].join('\n'),
      ...fillers,
      'c.yaml': ['openapi: 3.0.3', "info: {title: c, version: '1'}", 'paths:', '  /c:', '    get:', ...responses, ''].join('\n'),
      'common/r.yaml': 'TooMany:\n  description: Too many requests\n',
    });
    const specs = ['b.yaml', ...Object.keys(fillers), 'c.yaml'].map((name) => join(dir, name));
    const outcome = await fixSpecs(specs, { threads: 2 });
    expect(refused(outcome)).toEqual(['conflict add-header /TooMany']);
    expect(outcome.changes.map((change) => change.path)).toEqual(Object.keys(fillers).map((name) => join(dir, name)));
    expect(outcome.applied).toBe(16);
  });

  it('writes a header shared by specs whose examples differ without the example', async () => {
    const ops = (methods: string[]) => methods.flatMap((method, index) => [`  /p${index}:`, `    ${method}:`, '      responses:', "        '200': {description: OK}", "        '405': {$ref: 'common/r.yaml#/NotAllowed'}"]);
    const dir = folder({
      'get.yaml': ['openapi: 3.0.3', "info: {title: g, version: '1'}", 'paths:', ...ops(['get']), ''].join('\n'),
      'post.yaml': ['openapi: 3.0.3', "info: {title: p, version: '1'}", 'paths:', ...ops(['post']), ''].join('\n'),
      'common/r.yaml': 'NotAllowed:\n  description: Not allowed\n',
    });
    const outcome = await fixSpecs([join(dir, 'get.yaml'), join(dir, 'post.yaml')], { threads: 1 });
    expect(outcome.refused).toEqual([]);
    expect(outcome.changes.map((change) => change.after)).toEqual([
      ['NotAllowed:', '  description: Not allowed', '  headers:', '    Allow:', '      description: The methods the target resource supports (RFC 9110 §10.2.1).', '      schema:', '        type: string', ''].join('\n'),
    ]);
  });
});

describe('--fix and fixes that wait for one another', () => {
  it('makes a fix inside one already made on the next pass, and says which need another run after the last', async () => {
    // Each response sits in the one before it: an edit waits for the edit of the map around it.
    const depth = 13;
    const paths = Array.from({ length: depth }, (_, level) => `  /p${level}:\n    get:\n      responses:\n        '200': {description: OK}\n        '503': {$ref: 'r.yaml#/R${'/x-inner'.repeat(level)}'}\n`);
    let nested = '';
    for (let level = depth - 1; level >= 0; level--) {
      const indent = '  '.repeat(level + 1);
      nested = `${indent}description: down ${level}\n${level < depth - 1 ? `${indent}x-inner:\n${nested}` : ''}`;
    }
    const dir = folder({ 'a.yaml': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n${paths.join('')}`, 'r.yaml': `R:\n${nested}` });
    for (const threads of [1, 2]) {
      // A second spec makes the run one of many, linted on every core.
      const specs = threads === 1 ? ['a.yaml'] : ['a.yaml', 'other.yaml'];
      writeFileSync(join(dir, 'other.yaml'), spec(["        '400': {description: bad}"]));
      const outcome = await fixSpecs(specs.map((name) => join(dir, name)), { threads });
      expect(outcome.applied).toBe(10);
      expect(outcome.changes.map((change) => change.fixes)).toEqual([10]);
      expect(refused(outcome)).toEqual([10, 11, 12].map((level) => `passes add-header /R${'/x-inner'.repeat(level)}`));
    }
  });
});

describe.skipIf(process.platform === 'win32')('--fix of a file reached by two paths', () => {
  it.each([
    ['a symlink', (dir: string) => symlinkSync('common/responses.yaml', join(dir, 'link.yaml'))],
    ['a hard link', (dir: string) => linkSync(join(dir, 'common', 'responses.yaml'), join(dir, 'link.yaml'))],
  ])('makes the fixes of both paths, through %s, in one text', async (_, link) => {
    const ref = (path: string, status: string, target: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /${path}:\n    get:\n      responses:\n        '200': {description: OK}\n        '${status}':\n          $ref: '${target}'\n`;
    const dir = folder({
      'common/responses.yaml': 'TooMany:\n  description: Too many requests\nUnauthorized:\n  description: Unauthorized\n',
      'a.yaml': ref('a', '429', './common/responses.yaml#/TooMany'),
      'b.yaml': ref('b', '401', './link.yaml#/Unauthorized'),
    });
    link(dir);
    const outcome = await fixSpecs([join(dir, 'a.yaml'), join(dir, 'b.yaml')], { threads: 1 });
    expect(outcome.refused).toEqual([]);
    expect(outcome.changes.map((change) => [change.path, change.fixes])).toEqual([[join(dir, 'common', 'responses.yaml'), 2]]);
    const after = outcome.changes[0]!.after;
    expect(after.match(/Retry-After:|WWW-Authenticate:/g)).toEqual(['Retry-After:', 'WWW-Authenticate:']);
  });

  it('reports a fix it leaves in a file reached by two paths once', async () => {
    const ref = (target: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '401': {$ref: '${target}'}\n`;
    const dir = folder({ 'common/r.yaml': 'Unauthorized:\n  description: Unauthorized\n  headers: []\n', 'a.yaml': ref('common/r.yaml#/Unauthorized'), 'z.yaml': ref('link/r.yaml#/Unauthorized') });
    symlinkSync('common', join(dir, 'link'));
    const outcome = await fixSpecs([join(dir, 'a.yaml'), join(dir, 'z.yaml')], { threads: 1 });
    expect(refused(outcome)).toEqual(['layout add-header /Unauthorized']);
    expect(outcome.changes).toEqual([]);
  });
});

describe('--fix keeps how a file is written', () => {
  it('leaves a byte-order mark out of the texts, and asWritten puts it back in front of both', async () => {
    const text = spec(["        '429': {description: slow}"]);
    const dir = folder({ 'bom.yaml': `\ufeff${text}`, 'plain.yaml': text });
    const outcome = await fixSpecs(['bom.yaml', 'plain.yaml'].map((name) => join(dir, name)), { threads: 1 });
    const [bom, plain] = outcome.changes;
    expect([bom!.byteOrderMark, bom!.before, plain!.byteOrderMark, plain!.before]).toEqual([true, text, false, text]);
    expect(bom!.after).toBe(plain!.after);
    const written = asWritten(outcome.changes);
    expect(written[0]).toEqual({ ...bom, before: `\ufeff${text}`, after: `\ufeff${plain!.after}`, byteOrderMark: false });
    expect(written[1]).toBe(plain);
  });
});

describe('writeChanges', () => {
  it('writes each file it can, keeping its mark; leaves one saved since it was read, and one it cannot write, and says why', async () => {
    const text = spec(["        '429': {description: slow}"]);
    const dir = folder({ 'a.yaml': `\ufeff${text}`, 'read-only/b.yaml': text, 'c.yaml': text, 'd.yaml': text });
    const outcome = await fixSpecs(['a.yaml', 'read-only/b.yaml', 'c.yaml', 'd.yaml'].map((name) => join(dir, name)), { threads: 1 });
    expect(outcome.changes).toHaveLength(4);
    appendFileSync(join(dir, 'c.yaml'), '# saved by the user\n');
    const report = writeChanges(outcome.changes);
    const fixed = outcome.changes[3]!.after;
    expect(report.written.map((change) => change.path)).toEqual([join(dir, 'a.yaml'), join(dir, 'd.yaml')]);
    expect(report.unwritten.map((item) => [item.change.path, item.reason, item.reason === 'failed' ? item.detail : ''])).toEqual([
      [join(dir, 'read-only/b.yaml'), 'failed', 'permission denied (EACCES)'],
      [join(dir, 'c.yaml'), 'changed', ''],
    ]);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(`\ufeff${fixed}`);
    expect(readFileSync(join(dir, 'd.yaml'), 'utf8')).toBe(fixed);
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toBe(`${text}# saved by the user\n`);
  });

  it('throws what is no failure of the system: a bug, not a file left unwritten', async () => {
    const dir = folder({ 'broken/a.yaml': spec(["        '429': {description: slow}"]) });
    const outcome = await fixSpecs([join(dir, 'broken/a.yaml')], { threads: 1 });
    expect(() => writeChanges(outcome.changes)).toThrow('a bug');
  });
});

describe('applyParsable', () => {
  // The check behind "--fix never writes a file it cannot read back": an edit after which the
  // text no longer parses, or holds a key twice (which the loader refuses), is dropped.
  const at = (text: string, after: string, insert: string) => ({ start: text.indexOf(after) + after.length, end: text.indexOf(after) + after.length, text: insert });
  it.each<[string, string, 'json' | 'yaml', (text: string) => Array<{ start: number; end: number; text: string }>, string, number[]]>([
    ['JSON, an edit that breaks it', '{"a": 1}', 'json', (text) => [at(text, '1', ', "b": 2'), at(text, '{', 'oops')], '{"a": 1, "b": 2}', [1]],
    ['JSON, an edit that writes a key twice', '{"a": 1}', 'json', (text) => [at(text, '1', ', "a": 2'), at(text, '1', '')], '{"a": 1}', [0]],
    ['YAML, an edit that breaks it', 'a: 1\nb: 2\n', 'yaml', (text) => [at(text, 'b: 2\n', 'c: 3\n'), at(text, 'a: 1\n', 'c: [\n')], 'a: 1\nb: 2\nc: 3\n', [1]],
    ['YAML, an edit that writes a key twice', 'a: 1\nb: 2\n', 'yaml', (text) => [at(text, 'b: 2\n', 'a: 3\n')], 'a: 1\nb: 2\n', [0]],
    // Anchors are left to the yaml library, which decides for the fast reader.
    ['YAML that the yaml library reads, an edit that writes a key twice', 'a: &x 1\nb: *x\n', 'yaml', (text) => [at(text, 'b: *x\n', 'c: *x\n'), at(text, 'b: *x\n', 'b: 3\n')], 'a: &x 1\nb: *x\nc: *x\n', [1]],
  ])('%s', (_, text, format, edits, written, dropped) => {
    const outcome = applyParsable(text, edits(text), format);
    expect([outcome.text, [...outcome.dropped]]).toEqual([written, dropped]);
  });
});
