import { createHash } from 'node:crypto';
import dns from 'node:dns';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../src/cli.js';
import { projectRoot, runCli } from './cli-harness.js';

const HEAD = { openapi: '3.0.3', info: { title: 't', version: '1' } };
const unauthorized = (ref: string) => ({ ...HEAD, paths: { '/a': { get: { responses: { '401': { $ref: ref } } } } } });

function folder(name: string): string {
  return mkdtempSync(join(tmpdir(), `statuslint-${name}-`));
}

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function hashes(paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((path) => [relative(projectRoot, path), createHash('sha256').update(readFileSync(path)).digest('hex')]));
}

describe('nothing in a spec is executed', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).statuslintPwned;
  });

  it('YAML language tags are read as plain data, and __proto__ keys pollute nothing', async () => {
    const dir = folder('tags');
    writeFileSync(
      join(dir, 'api.yaml'),
      [
        'openapi: 3.0.3',
        "info: {title: t, version: '1'}",
        'x-fn: !!js/function "function () { globalThis.statuslintPwned = true }"',
        'x-undefined: !!js/undefined ""',
        'x-regexp: !!js/regexp /(a+)+$/',
        'x-python: !!python/object/apply:os.system ["touch pwned"]',
        'x-custom: !include ../../etc/passwd',
        '__proto__: {polluted: yes}',
        'paths:',
        '  /a:',
        '    get:',
        '      responses:',
        "        '200': {description: ok, constructor: {prototype: {polluted: yes}}}",
      ].join('\n'),
    );
    writeFileSync(join(dir, 'api.json'), JSON.stringify({ ...HEAD, __proto__x: 1, paths: {} }).replace('__proto__x', '__proto__'));
    const run = await runCli(['api.yaml', 'api.json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((globalThis as Record<string, unknown>).statuslintPwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['api.json', 'api.yaml']);
  });
});

describe('no network unless asked', () => {
  it('remote $refs, with and without --validate, open no socket and resolve no name', async () => {
    const attempts: string[] = [];
    const patches: Array<[object, string]> = [
      [net, 'connect'],
      [net, 'createConnection'],
      [net.Socket.prototype, 'connect'],
      [http, 'request'],
      [http, 'get'],
      [https, 'request'],
      [https, 'get'],
      [dns, 'lookup'],
      [dns.promises, 'lookup'],
      [globalThis, 'fetch'],
    ];
    const originals = patches.map(([owner, name]) => (owner as Record<string, unknown>)[name]);
    patches.forEach(([owner, name]) => {
      (owner as Record<string, unknown>)[name] = () => {
        attempts.push(name);
        throw new Error(`network use: ${name}`);
      };
    });
    try {
      const dir = folder('remote');
      writeFileSync(join(dir, 'api.yaml'), stringify({ ...unauthorized('https://example.com/shared.yaml#/Unauthorized'), 'x-ext': { $ref: 'http://169.254.169.254/latest/meta-data' } }));
      const plain = await runCli(['--fail-on', 'none', 'api.yaml'], { cwd: dir });
      expect(plain.code).toBe(0);
      expect(plain.stderr).toMatch(/^statuslint: warning: api\.yaml:\d+:\d+: remote \$ref 'https:\/\/example\.com\/shared\.yaml#\/Unauthorized' is not fetched/);
      await runCli(['--validate', 'api.yaml'], { cwd: dir });
      expect(attempts).toEqual([]);
    } finally {
      patches.forEach(([owner, name], index) => ((owner as Record<string, unknown>)[name] = originals[index]));
    }
  });
});

describe('$refs stay inside the project root unless --allow-external-refs', () => {
  // project/ is the root (no git above a temp folder: the working directory is the root).
  function project(): { root: string; outside: string } {
    const base = folder('refs');
    const root = join(base, 'project');
    const outside = join(base, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(outside, 'shared.yaml'), stringify({ Unauthorized: { description: 'no' } }));
    writeFileSync(join(outside, 'secret.yaml'), 'token: hunter2-secret\nlist: [unclosed\n');
    return { root, outside };
  }

  it('refuses a relative or absolute $ref that leaves the root, the same way whether the file exists or not', async () => {
    const { root, outside } = project();
    writeFileSync(join(root, 'relative.yaml'), stringify(unauthorized('../outside/shared.yaml#/Unauthorized')));
    writeFileSync(join(root, 'absolute.yaml'), stringify(unauthorized(join(outside, 'shared.yaml') + '#/Unauthorized')));
    writeFileSync(join(root, 'missing.yaml'), stringify(unauthorized('../outside/nothing-here.yaml#/Unauthorized')));
    const run = await runCli(['relative.yaml', 'absolute.yaml', 'missing.yaml'], { cwd: root });
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^statuslint: \w+\.yaml:\d+:\d+: cannot resolve \$ref '.*': it is outside the project root .*project; pass --allow-external-refs to follow it$/);
  });

  it('refuses a symbolic link inside the root that points outside it', async () => {
    const { root, outside } = project();
    symlinkSync(join(outside, 'shared.yaml'), join(root, 'shared.yaml'));
    writeFileSync(join(root, 'api.yaml'), stringify(unauthorized('./shared.yaml#/Unauthorized')));
    const run = await runCli(['api.yaml'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: api\.yaml:\d+:\d+: cannot resolve \$ref '\.\/shared\.yaml#\/Unauthorized': a symbolic link takes it outside the project root/);
  });

  it('refuses a $ref through a linked folder inside the root that points outside it', async () => {
    const { root, outside } = project();
    symlinkSync(outside, join(root, 'vendor'));
    writeFileSync(join(root, 'api.yaml'), stringify(unauthorized('./vendor/shared.yaml#/Unauthorized')));
    const run = await runCli(['api.yaml'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: api\.yaml:\d+:\d+: cannot resolve \$ref '\.\/vendor\/shared\.yaml#\/Unauthorized': a symbolic link takes it outside the project root/);
  });

  it('--allow-external-refs follows them, and findings point into the outside file', async () => {
    const { root } = project();
    writeFileSync(join(root, 'api.yaml'), stringify(unauthorized('../outside/shared.yaml#/Unauthorized')));
    const run = await runCli(['--allow-external-refs', '--format', 'json', 'api.yaml'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings[0]).toMatchObject({ ruleId: 'require-www-authenticate', pointer: '/Unauthorized' });
  });

  it('a referenced file that fails to parse is named, but none of its content is echoed', async () => {
    const { root } = project();
    writeFileSync(join(root, 'api.yaml'), stringify(unauthorized('../outside/secret.yaml#/token')));
    for (const args of [['api.yaml'], ['--allow-external-refs', 'api.yaml']]) {
      const run = await runCli(args, { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/hunter2|unclosed/);
    }
  });

  it('a spec named from outside the working directory may use files beside it', async () => {
    const { root, outside } = project();
    writeFileSync(join(outside, 'api.yaml'), stringify(unauthorized('./shared.yaml#/Unauthorized')));
    const run = await runCli([join(outside, 'api.yaml')], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });

  it('--validate holds swagger-parser to the same root, even for $refs in extensions', async () => {
    const { root } = project();
    writeFileSync(join(root, 'api.yaml'), stringify({ ...HEAD, paths: {}, 'x-leak': { $ref: '../outside/secret.yaml' } }));
    const run = await runCli(['--validate', 'api.yaml'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: api\.yaml: cannot validate: a \$ref \(in an example or extension\) names .*secret\.yaml, outside the project root; pass --allow-external-refs/);
    expect(run.stderr).not.toMatch(/hunter2/);
  });
});

describe('inputs are never written', () => {
  it('no run, in any format, with or without --output, changes a byte of its inputs', async () => {
    const inputs = filesUnder(join(projectRoot, 'fixtures'));
    const before = hashes(inputs);
    const out = folder('out');
    for (const format of ['text', 'json', 'sarif']) {
      await runCli(['--format', format, ...inputs.filter((path) => /\.(ya?ml|json)$/.test(path))]);
      await runCli(['--format', format, '--output', join(out, `report.${format}`), 'fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml']);
    }
    expect(hashes(inputs)).toEqual(before);
  });

  it('--output naming a spec, or a file a spec references, is refused and the file is untouched', async () => {
    const dir = folder('overwrite');
    writeFileSync(join(dir, 'api.yaml'), stringify(unauthorized('./shared.yaml#/Unauthorized')));
    writeFileSync(join(dir, 'shared.yaml'), stringify({ Unauthorized: { description: 'no' } }));
    const before = hashes([join(dir, 'api.yaml'), join(dir, 'shared.yaml')]);
    for (const target of ['api.yaml', './shared.yaml']) {
      const run = await runCli(['--output', target, 'api.yaml'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`statuslint: refusing to write the report over ${target.replace('./', '')}, which this run reads\n`);
    }
    expect(hashes([join(dir, 'api.yaml'), join(dir, 'shared.yaml')])).toEqual(before);
  });

  it('--write-baseline naming a spec, or a file a spec references, is refused and the file is untouched', async () => {
    const dir = folder('overwrite-baseline');
    cpSync(join(projectRoot, 'fixtures/multi-file'), dir, { recursive: true });
    const inputs = filesUnder(dir);
    const before = hashes(inputs);
    for (const [target, spec] of [
      ['common/responses.yaml', 'openapi.yaml'],
      [join(dir, 'common', 'responses.yaml'), join(dir, 'openapi.yaml')],
      ['openapi.yaml', 'openapi.yaml'],
    ]) {
      const run = await runCli(['--write-baseline', target!, spec!], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`statuslint: refusing to write the baseline over ${relative(dir, resolve(dir, target!))}, which this run reads\n`);
      expect(run.stdout).toBe('');
    }
    expect(filesUnder(dir)).toEqual(inputs);
    expect(hashes(inputs)).toEqual(before);
  });

  it('a spec in a folder being linted is not written over for being named as the report or the baseline', async () => {
    const dir = folder('overwrite-folder');
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'a.yaml'), stringify(unauthorized('#/components/responses/Unauthorized')).replace('paths:', 'components:\n  responses:\n    Unauthorized: {description: no}\npaths:'));
    writeFileSync(join(dir, 'specs', 'b.json'), JSON.stringify({ ...HEAD, paths: {} }));
    const before = hashes(filesUnder(dir));
    for (const flag of ['--output', '--write-baseline']) {
      const run = await runCli([flag, 'specs/b.json', 'specs/'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`statuslint: refusing to write the ${flag === '--output' ? 'report' : 'baseline'} over specs/b.json, an OpenAPI document in a folder this run lints\n`);
    }
    expect(hashes(filesUnder(dir))).toEqual(before);
    // A baseline or report already in the folder is statuslint's own: refreshed, not refused.
    for (const args of [['--write-baseline', 'specs/baseline.json'], ['--format', 'json', '--output', 'specs/report.json']]) {
      expect((await runCli([...args, 'specs/'], { cwd: dir })).code).not.toBe(2);
      const again = await runCli([...args, 'specs/'], { cwd: dir });
      expect(again.stderr).not.toMatch(/refusing/);
      expect(again.code).not.toBe(2);
    }
  });

  it('the only spec of a folder or glob, named as the report or the baseline, is refused as a spec, not called statuslint\'s own', async () => {
    const dir = folder('overwrite-only-spec');
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'a.json'), JSON.stringify({ ...HEAD, paths: {} }));
    const before = hashes(filesUnder(dir));
    for (const flag of ['--output', '--write-baseline']) {
      for (const spec of ['specs/', 'specs/*.json']) {
        const run = await runCli([flag, 'specs/a.json', spec], { cwd: dir });
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`statuslint: refusing to write the ${flag === '--output' ? 'report' : 'baseline'} over specs/a.json, an OpenAPI document in a folder this run lints\n`);
      }
    }
    expect(hashes(filesUnder(dir))).toEqual(before);
  });
});

describe('statuslint never writes over what it reads, or over a spec', () => {
  it('a spec named on the command line is not written over when it cannot be linted, or is ignored', async () => {
    const dir = folder('overwrite-unreadable');
    writeFileSync(join(dir, 'bad.yaml'), 'openapi: 3.0.0\npaths: [\n');
    writeFileSync(join(dir, 'root.yaml'), stringify(unauthorized('./frag.yaml#/Unauthorized')));
    writeFileSync(join(dir, 'frag.yaml'), 'Unauthorized: [\n');
    mkdirSync(join(dir, 'skip'));
    writeFileSync(join(dir, 'skip', 'api.json'), JSON.stringify({ ...HEAD, paths: {} }));
    writeFileSync(join(dir, 'statuslint.config.yaml'), 'ignore: ["skip/"]\n');
    const before = hashes(filesUnder(dir));
    for (const args of [
      ['--output', 'bad.yaml', 'bad.yaml'],
      ['--fix-dry-run', '--output', 'bad.yaml', 'bad.yaml'],
      ['--write-baseline', 'bad.yaml', 'bad.yaml'],
      // A referenced file that does not parse: the run read it, and it is the user's.
      ['--output', 'frag.yaml', 'root.yaml'],
      ['--output', 'skip/api.json', 'skip/api.json'],
    ]) {
      const run = await runCli(args, { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(new RegExp(`^statuslint: refusing to write the (report|diff|baseline) over ${args.at(-2)!.replace('.', '\\.')}, which this run reads\n`, 'm'));
    }
    expect(hashes(filesUnder(dir))).toEqual(before);
  });

  it('the configuration, a baseline and the outputs are never one another', async () => {
    const dir = folder('overwrite-own');
    writeFileSync(join(dir, 'api.yaml'), stringify(unauthorized('#/components/responses/Unauthorized')).replace('paths:', 'components:\n  responses:\n    Unauthorized: {description: no}\npaths:'));
    writeFileSync(join(dir, 'statuslint.config.yaml'), 'rules:\n  require-www-authenticate: warning\n');
    expect((await runCli(['--write-baseline', 'known.json', 'api.yaml'], { cwd: dir })).code).toBe(0);
    const before = hashes(filesUnder(dir));
    for (const [args, message] of [
      [['--output', 'statuslint.config.yaml'], '--output and the configuration are the same file (statuslint.config.yaml); give --output another file'],
      [['--write-baseline', './statuslint.config.yaml'], '--write-baseline and the configuration are the same file (statuslint.config.yaml); give --write-baseline another file'],
      [['--baseline', 'known.json', '--output', 'known.json'], '--output and --baseline are the same file (known.json); give --output another file'],
      [['--write-baseline', 'same.json', '--output', 'same.json'], '--output and --write-baseline are the same file (same.json); give --output another file'],
    ] as const) {
      const run = await runCli([...args, 'api.yaml'], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(`statuslint: ${message}\n`);
      expect(run.stdout).toBe('');
    }
    expect(hashes(filesUnder(dir))).toEqual(before);
  });

  it('an OpenAPI document the run does not read is not replaced by a report or a baseline; an earlier report is', async () => {
    const dir = folder('overwrite-other-spec');
    writeFileSync(join(dir, 'api.yaml'), stringify(unauthorized('#/components/responses/Unauthorized')).replace('paths:', 'components:\n  responses:\n    Unauthorized: {description: no}\npaths:'));
    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other', 'spec.yaml'), 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n');
    writeFileSync(join(dir, 'other', 'spec.json'), JSON.stringify({ ...HEAD, paths: {} }, null, 2));
    const before = hashes(filesUnder(dir));
    for (const [flag, target] of [['--output', 'other/spec.yaml'], ['--write-baseline', 'other/spec.json']]) {
      const run = await runCli([flag!, target!, 'api.yaml'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`statuslint: refusing to write the ${flag === '--output' ? 'report' : 'baseline'} over ${target}, an OpenAPI document; remove it first, or give another file\n`);
    }
    expect(hashes(filesUnder(dir))).toEqual(before);
    // Reports and diffs quote specs, and are written over run after run.
    for (const args of [['-f', 'json', '-o', 'r.json'], ['-f', 'sarif', '-o', 'r.sarif'], ['-o', 'r.txt'], ['--fix-dry-run', '-o', 'fix.patch'], ['--write-baseline', 'b.json']]) {
      for (let run = 0; run < 2; run++) expect((await runCli([...args, 'api.yaml'], { cwd: dir })).stderr, args.join(' ')).not.toMatch(/refusing|same file/);
    }
  });
});

describe('what a spec says cannot rewrite the terminal', () => {
  it('control characters and bidi overrides from a spec are escaped in findings and on stderr', async () => {
    const dir = folder('escapes');
    const path = '/pets\u001b[2J\u001b[31m\u202e';
    writeFileSync(join(dir, 'api.yaml'), stringify({ ...HEAD, paths: { [path]: { post: { requestBody: { content: { 'application/json': {} } }, responses: { '200': { description: 'ok' } } } } } }));
    writeFileSync(join(dir, 'bad-ref.yaml'), stringify(unauthorized('#/nowhere\u001b[2J\n\rforged line')));
    const run = await runCli(['api.yaml', 'bad-ref.yaml'], { cwd: dir });
    expect(run.stdout).toContain('POST /pets\\u{1b}[2J\\u{1b}[31m\\u{202e} accepts a request body');
    expect(run.stderr).toContain("cannot resolve $ref '#/nowhere\\u{1b}[2J\\u{a}\\u{d}forged line'");
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u202e\r]/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    // The formats that lead each message with its operation: escaped there too, and said once.
    // (Pointers and locations in JSON and SARIF stay exact: they are data, JSON-escaped.)
    const github = (await runCli(['--format', 'github', 'api.yaml'], { cwd: dir })).stdout;
    expect(github).not.toMatch(/[\u001b\u202e]/);
    const sarif = JSON.parse((await runCli(['--format', 'sarif', 'api.yaml'], { cwd: dir })).stdout) as { runs: Array<{ results: Array<{ message: { text: string } }> }> };
    for (const message of [...github.split('\n').filter((line) => line.startsWith('::')).map((line) => line.slice(line.indexOf('::', 2) + 2)), ...sarif.runs[0]!.results.map((result) => result.message.text)]) {
      expect(message).not.toMatch(/[\u001b\u202e]/);
      expect(message.split('POST /pets\\u{1b}[2J\\u{1b}[31m\\u{202e}').length - 1, message).toBe(1);
    }
  });

  it('json and sarif keep a spec\'s text exact but write C1 controls, line separators and bidi overrides as \\u escapes', async () => {
    const dir = folder('json-escapes');
    const path = '/pets\u009b2J\u202e\u2028\u2066x\u0085';
    writeFileSync(join(dir, 'api.yaml'), stringify({ ...HEAD, paths: { [path]: { post: { requestBody: { content: { 'application/json': {} } }, responses: { '200': { description: 'ok' } } } } } }));
    for (const format of ['json', 'sarif']) {
      const run = await runCli(['--format', format, 'api.yaml'], { cwd: dir });
      expect(run.stdout, format).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      expect(run.stdout, format).toContain('/pets\\u009b2J\\u202e\\u2028\\u2066x\\u0085');
      const report = JSON.parse(run.stdout) as { findings?: Array<{ operation?: { path: string } }>; runs?: Array<{ results: Array<{ properties: { pointer: string } }> }> };
      if (format === 'json') expect(report.findings![0]!.operation!.path).toBe(path);
      else expect(report.runs![0]!.results[0]!.properties.pointer.startsWith(`/paths/${path.replace('/', '~1')}/post`)).toBe(true);
    }
  });

  it('a quoted $ref is cut at 120 characters', async () => {
    const dir = folder('long-ref');
    const ref = `#/components/responses/${'x'.repeat(300)}`;
    writeFileSync(join(dir, 'api.yaml'), stringify(unauthorized(ref)));
    const run = await runCli(['api.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`statuslint: api.yaml:10:11: cannot resolve $ref '${ref.slice(0, 120)}…': no such location\n`);
  });

  it("a file's name cannot start a line of its own or recolour the terminal in the text report", async () => {
    const dir = folder('escaped-name');
    const name = 'evil\u001b[31mred\nforged.yaml';
    writeFileSync(join(dir, name), stringify(unauthorized('#/components/responses/Unauthorized')).replace('paths:', 'components:\n  responses:\n    Unauthorized: {description: no}\npaths:'));
    const run = await runCli([name], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('evil\\u{1b}[31mred\\u{a}forged.yaml');
    expect(run.stdout).not.toMatch(/\u001b/);
    // Nor in an annotation's file= (its newline is the runner's %0A, read back as the name's own).
    const github = await runCli(['--format', 'github', name], { cwd: dir });
    expect(github.stdout).not.toMatch(/\u001b/);
    expect(github.stdout).toContain('::error file=evil\\u{1b}[31mred%0Aforged.yaml,line=');
  });
});

describe('a bug in statuslint is never a silent exit 0', () => {
  it('an error escaping everything else is one line with a hint, exit 2, the stack only with --debug', async () => {
    const failing = (args: string[]) => {
      let stderr = '';
      const io = { stdout: () => { throw new TypeError('stdout exploded'); }, stderr: (text: string) => (stderr += text), cwd: projectRoot, env: {}, stdoutIsTty: false };
      return main(args, io).then((code) => ({ code, stderr }));
    };
    const run = await failing(['fixtures/clean/openapi.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: internal error (stdout exploded); please report it with --debug output\n');
    const debug = await failing(['--debug', 'fixtures/clean/openapi.yaml']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^statuslint: internal error \(stdout exploded\); please report it with --debug output\nTypeError: stdout exploded\n\s+at /);
  });
});
