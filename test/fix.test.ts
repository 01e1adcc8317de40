import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { applyParsable, fixSpecs, type FixOutcome } from '../src/fix/apply.js';
import { fixKey, fixTarget } from '../src/fix/intents.js';
import { expandInputs } from '../src/inputs.js';
import { defaultRules, lint } from '../src/lint.js';
import { projectRoot, runCli } from './cli-harness.js';
import { applyPatch, manySpecs, snapshot } from './fix-specs.js';

const goldenDir = join(projectRoot, 'test', 'golden', 'fix');

/** Each case: a folder copied to a temp dir, and the specs to fix in it. */
const cases: Array<{ name: string; from: string; specs: string[]; unfixable?: string[] }> = [
  { name: 'petstore', from: 'fixtures/petstore', specs: ['openapi.yaml'] },
  { name: 'multi-file', from: 'fixtures/multi-file', specs: ['openapi.yaml'] },
  // Responses in other files (YAML and JSON) reuse the root's components/headers by a relative $ref.
  { name: 'shared-headers', from: 'test/fix-shared-headers', specs: ['openapi.yaml'] },
  { name: 'swagger2', from: 'fixtures/swagger2', specs: ['swagger.yaml'] },
  {
    name: 'inputs',
    from: 'test/fix-inputs',
    specs: readdirSync(join(projectRoot, 'test/fix-inputs')).sort(),
    // Renaming '4xx' next to an existing '4XX' would duplicate the key: left for a person.
    unfixable: ['no-unknown-status lowercase-range.yaml#/paths/~1b/get/responses/4xx'],
  },
];

function copyCase(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-'));
  cpSync(join(projectRoot, from), dir, { recursive: true });
  return dir;
}

function golden(name: string, actual: string): string {
  const path = join(goldenDir, `${name}.diff`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  return readFileSync(path, 'utf8');
}

describe('--fix', () => {
  for (const testCase of cases) {
    describe(testCase.name, () => {
      it('--fix-dry-run prints the reviewed golden diff and writes nothing', async () => {
        const dir = copyCase(testCase.from);
        const before = snapshot(dir);
        const run = await runCli(['--fix-dry-run', '--fail-on', 'none', ...testCase.specs], { cwd: dir });
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(golden(testCase.name, run.stdout));
        expect(run.stdout.length).toBeGreaterThan(0);
        expect(snapshot(dir)).toEqual(before);
      });

      it('--fix writes exactly the dry-run diff, clears every fixable finding, and a second run changes nothing', async () => {
        const dir = copyCase(testCase.from);
        const patched = copyCase(testCase.from);
        const dry = await runCli(['--fix-dry-run', ...testCase.specs], { cwd: dir });
        const diff = dry.stdout;
        // The diff is a real unified diff: `patch` turns the originals into what --fix writes.
        const patch = applyPatch(['-p1', '-s', '-d', patched], { input: diff, encoding: 'utf8' });
        expect(patch.status, patch.stderr).toBe(0);

        const fixed = await runCli(['--fix', '--format', 'json', '--fail-on', 'none', ...testCase.specs], { cwd: dir });
        expect(fixed.code).toBe(0);
        expect(fixed.stderr).toMatch(/^statuslint: fixed \d+ problems? in \d+ files?\n$/);
        const left = lint(testCase.specs.map((spec) => join(dir, spec)), { cwd: dir });
        expect(left.fixes).toEqual([]);
        const remaining = left.findings.filter((finding) => (testCase.unfixable ?? []).includes(`${finding.ruleId} ${finding.file}#${finding.pointer}`));
        expect(remaining).toHaveLength(testCase.unfixable?.length ?? 0);

        const after = snapshot(dir);
        const expected = snapshot(patched);
        for (const [file, content] of after) expect(content.toString('utf8'), file).toBe(expected.get(file)?.toString('utf8'));

        const again = await runCli(['--fix', ...testCase.specs], { cwd: dir });
        expect(again.stderr).toBe('');
        expect(snapshot(dir)).toEqual(after);
        // The dry run exits as the lint of the fixed specs does.
        expect(dry.code).toBe(again.code);
      });

      it('the fixed specs still validate as OpenAPI', async () => {
        const dir = copyCase(testCase.from);
        await runCli(['--fix', ...testCase.specs], { cwd: dir });
        // A '4xx' key beside a '4XX' one is not valid OpenAPI before or after: --fix leaves it.
        const specs = testCase.specs.filter((spec) => spec !== 'lowercase-range.yaml');
        const run = await runCli(['--validate', '--fail-on', 'none', ...specs], { cwd: dir });
        expect(run.stderr).toBe('');
      });
    });
  }

  it('keeps a byte-order mark, CRLF line endings and a missing final newline', async () => {
    const dir = copyCase('test/fix-inputs');
    await runCli(['--fix', 'bom.yaml', 'crlf-no-final-newline.yaml'], { cwd: dir });
    const bom = readFileSync(join(dir, 'bom.yaml'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const crlf = readFileSync(join(dir, 'crlf-no-final-newline.yaml'), 'utf8');
    expect(crlf).toContain('Retry-After');
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
    expect(crlf.endsWith('\n')).toBe(false);
  });

  it('gives a dry-run diff that patch applies to a file with a byte-order mark, when the edit is on its first line', async () => {
    // A minified JSON spec is one line: the diff's context must carry the mark the file starts with.
    const spec = '\ufeff{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"},"503":{"description":"down"}}}}}}';
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-bom-'));
    const patched = mkdtempSync(join(tmpdir(), 'statuslint-fix-bom-'));
    writeFileSync(join(dir, 'bom.json'), spec);
    writeFileSync(join(patched, 'bom.json'), spec);
    const dry = await runCli(['--fix-dry-run', '--fail-on', 'none', 'bom.json'], { cwd: dir });
    const patch = applyPatch(['-p1', '-s', '-d', patched], { input: dry.stdout, encoding: 'utf8' });
    expect(patch.status, patch.stdout + patch.stderr).toBe(0);
    await runCli(['--fix', '--fail-on', 'none', 'bom.json'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'bom.json'));
    expect(fixed.toString('utf8')).toContain('Retry-After');
    expect(readFileSync(join(patched, 'bom.json'))).toEqual(fixed);
  });

  it('keeps a JSON spec written in ASCII with \\u escapes in ASCII, escaping as the file does', async () => {
    // Dialogporten's description is written by System.Text.Json: every non-ASCII character and
    // every quote inside a string is a \uXXXX escape. A raw '§' or '\"' added by a fix would be the only one in the file.
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-ascii-json-'));
    const doc = (description: string) =>
      [
        '{',
        '  "openapi": "3.0.1",',
        `  "info": { "title": "${description}", "version": "1" },`,
        '  "components": { "securitySchemes": { "jwt": { "type": "http", "scheme": "bearer" } } },',
        '  "security": [ { "jwt": [] } ],',
        '  "paths": {',
        '    "/a": {',
        '      "get": {',
        '        "responses": {',
        '          "200": { "description": "ok" },',
        '          "401": {',
        '            "description": "No token"',
        '          }',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n');
    const cases: Array<[string, string, (text: string) => void]> = [
      // .NET: upper-case hex, quotes escaped too.
      ['dotnet.json', 'Dialogporten \\u0022API\\u0022 \\u2014 f\\u00F8r', (text) => {
        expect(text).toContain('(RFC 9110 \\u00A711.6.1)');
        expect(text).toContain('"Bearer realm=\\u0022api\\u0022"');
      }],
      // Python's ensure_ascii: lower-case hex, quotes as \".
      ['python.json', 'caf\\u00e9 \\"menu\\"', (text) => {
        expect(text).toContain('(RFC 9110 \\u00a711.6.1)');
        expect(text).toContain('"Bearer realm=\\"api\\""');
      }],
      // A file that writes its characters as they are: the header is written as before.
      ['raw.json', 'café \\u00e9', (text) => {
        expect(text).toContain('(RFC 9110 §11.6.1)');
        expect(text).toContain('"Bearer realm=\\"api\\""');
      }],
      // Plain ASCII with no escapes says nothing about how the file is written.
      ['plain.json', 'plain', (text) => expect(text).toContain('(RFC 9110 §11.6.1)')],
    ];
    for (const [name, title] of cases) writeFileSync(join(dir, name), doc(title));
    await runCli(['--fix', '--fail-on', 'none', ...cases.map(([name]) => name)], { cwd: dir });
    for (const [name, title, check] of cases) {
      const text = readFileSync(join(dir, name), 'utf8');
      check(text);
      const parsed = JSON.parse(text) as { info: { title: string }; paths: Record<string, any> };
      expect(parsed.info.title).toBe(JSON.parse(`"${title}"`));
      expect(parsed.paths['/a'].get.responses['401'].headers['WWW-Authenticate']).toEqual({
        description: 'The Bearer challenge the client must answer (RFC 9110 §11.6.1).',
        schema: { type: 'string' },
        example: 'Bearer realm="api"',
      });
    }
    expect(lint(cases.map(([name]) => join(dir, name))).fixes).toEqual([]);
  });

  it('keeps a YAML spec written in ASCII with escapes in ASCII, writing a non-ASCII character as the file does', async () => {
    // Ceph's dashboard description is dumped by PyYAML without allow_unicode: every non-ASCII
    // character is an escape in a double-quoted scalar (\u2019). A raw '§' would be the only one.
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-ascii-yaml-'));
    const doc = (description: string) =>
      ['openapi: 3.0.2', 'info:', `  description: ${description}`, "  title: t", "  version: ''", 'paths:', '  /a:', '    get:', '      responses:', "        '200':", '          description: OK', "        '503':", '          description: Unavailable', ''].join('\n');
    const cases: Array<[string, string, string]> = [
      ['pyyaml.yaml', '"you\\u2019re ordering \\\\u00e9 (\\xE9)"', '"Seconds to wait before retrying (RFC 9110 \\xA710.2.3 also allows an HTTP-date)."'],
      ['unicode.yaml', '"you\\u2019re"', '"Seconds to wait before retrying (RFC 9110 \\u00A710.2.3 also allows an HTTP-date)."'],
      // An escaped backslash before 'u2019' is no escape: the file shows nothing, and keeps the raw character.
      ['literal.yaml', '"a \\\\u2019 b"', 'Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date).'],
      ['raw.yaml', '"you’re \\u2019"', 'Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date).'],
    ];
    for (const [name, description] of cases) writeFileSync(join(dir, name), doc(description));
    await runCli(['--fix', '--fail-on', 'none', ...cases.map(([name]) => name)], { cwd: dir });
    for (const [name, , written] of cases) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text).toContain(`\n              description: ${written}\n`);
      expect((parse(text) as any).paths['/a'].get.responses['503'].headers['Retry-After'].description).toBe(
        'Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date).',
      );
    }
    expect(lint(cases.map(([name]) => join(dir, name))).fixes).toEqual([]);
  });

  it('nests inserted YAML by the step the file indents by, when its top level is itself indented', async () => {
    // A split spec's fragment (responses cut out of a components section) may keep the indentation
    // it had there: the first indented line is then two steps in, not one.
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-indented-top-'));
    writeFileSync(
      join(dir, 'openapi.yaml'),
      ['openapi: 3.1.0', "info: {title: t, version: '1'}", 'paths:', '  /a:', '    get:', '      responses:', "        '200': {description: ok}", "        '429':", "          $ref: 'responses.yaml#/TooManyRequests'", ''].join('\n'),
    );
    writeFileSync(join(dir, 'responses.yaml'), ['  TooManyRequests:', '    description: Too Many Requests', '    content:', '      application/json:', '        schema:', '          type: object', ''].join('\n'));
    await runCli(['--fix', '--fail-on', 'none', 'openapi.yaml'], { cwd: dir });
    expect(readFileSync(join(dir, 'responses.yaml'), 'utf8').split('\n').slice(6)).toEqual([
      '    headers:',
      '      Retry-After:',
      '        description: Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date).',
      '        schema:',
      '          type: integer',
      '          minimum: 0',
      '        example: 60',
      '',
    ]);
  });

  it('leaves a clean spec byte for byte as it was', async () => {
    const dir = copyCase('fixtures/clean');
    const before = snapshot(dir);
    const run = await runCli(['--fix', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });

  describe('--fix-dry-run honours or refuses every option', () => {
    it('exits 1 when a problem at or above --fail-on would remain, as ESLint does, and says how many', async () => {
      const dir = copyCase('fixtures/petstore');
      const run = await runCli(['--fix-dry-run', 'openapi.yaml'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('statuslint: --fix-dry-run: 3 fixes in 1 file; nothing written; 3 problems would remain (2 errors, 1 warning, 0 info)\n');
      expect((await runCli(['--fix-dry-run', '--fail-on', 'none', 'openapi.yaml'], { cwd: dir })).code).toBe(0);
      expect((await runCli(['--fix-dry-run', '--rule', 'no-error-in-success=off', 'openapi.yaml'], { cwd: dir })).code).toBe(0);
      expect((await runCli(['--fix-dry-run', '--rule', 'no-error-in-success=off', '--fail-on', 'warning', 'openapi.yaml'], { cwd: dir })).code).toBe(1);
      // A baseline hides what it holds from the exit code, as in any run.
      expect((await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir })).code).toBe(0);
      const known = await runCli(['--fix-dry-run', '--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
      expect(known.code).toBe(0);
      // Nothing would remain: no count of remaining problems.
      expect(known.stderr).toBe('statuslint: baseline baseline.json: 3 known findings not reported; 3 entries would be found no more once the diff is applied\nstatuslint: --fix-dry-run: 3 fixes in 1 file; nothing written\n');
    });

    it('writes the diff to --output, and never over a file the run reads', async () => {
      const dir = copyCase('fixtures/multi-file');
      const before = snapshot(dir);
      const printed = await runCli(['--fix-dry-run', 'openapi.yaml'], { cwd: dir });
      const run = await runCli(['--fix-dry-run', '-o', 'fix.patch', 'openapi.yaml'], { cwd: dir });
      expect(run.stdout).toBe('');
      expect(run.code).toBe(printed.code);
      expect(run.stderr).toMatch(/^statuslint: --fix-dry-run: \d+ fixes in 2 files; diff written to fix\.patch, no spec changed/);
      expect(readFileSync(join(dir, 'fix.patch'), 'utf8')).toBe(printed.stdout);
      for (const target of ['openapi.yaml', 'common/responses.yaml']) {
        const refused = await runCli(['--fix-dry-run', '-o', target, 'openapi.yaml'], { cwd: dir });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(new RegExp(`^statuslint: refusing to write the diff over ${target}, which this run reads\n`, 'm'));
      }
      const after = snapshot(dir);
      after.delete('fix.patch');
      expect(after).toEqual(before);
    });

    it('--fix whose report or baseline would be refused writes no spec', async () => {
      const dir = copyCase('fixtures/multi-file');
      const before = snapshot(dir);
      for (const [flag, what] of [['--output', 'report'], ['--write-baseline', 'baseline']]) {
        const run = await runCli(['--fix', flag!, 'common/responses.yaml', 'openapi.yaml'], { cwd: dir });
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`statuslint: refusing to write the ${what} over common/responses.yaml, which this run reads\n`);
      }
      expect(snapshot(dir)).toEqual(before);
    });

    it('refuses --format, --fix and --write-baseline, which it cannot honour, before reading a spec', async () => {
      const dir = copyCase('fixtures/petstore');
      const before = snapshot(dir);
      for (const [args, message] of [
        [['-f', 'json'], '--fix-dry-run prints a unified diff, not a report, so --format does not apply; run --fix, or lint without a fix option, for a report'],
        [['--format', 'text'], '--fix-dry-run prints a unified diff, not a report, so --format does not apply; run --fix, or lint without a fix option, for a report'],
        [['--format', 'gitlab'], '--fix-dry-run prints a unified diff, not a report, so --format does not apply; run --fix, or lint without a fix option, for a report'],
        [['--fix'], 'use --fix or --fix-dry-run, not both'],
        [['--write-baseline', 'baseline.json'], '--fix-dry-run writes no file but its diff; run --write-baseline without it'],
      ] as const) {
        const run = await runCli(['--fix-dry-run', ...args, 'openapi.yaml'], { cwd: dir });
        expect([run.code, run.stdout, run.stderr]).toEqual([2, '', `statuslint: ${message}\n`]);
      }
      expect(snapshot(dir)).toEqual(before);
    });
  });

  it.skipIf(process.platform === 'win32')('writes through a symlinked spec to its target, keeping the link and the mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-link-'));
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'spec.yaml');
    cpSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'), target);
    chmodSync(target, 0o640);
    symlinkSync(join('real', 'spec.yaml'), join(dir, 'link.yaml'));
    const diff = (await runCli(['--fix-dry-run', '--fail-on', 'none', 'link.yaml'], { cwd: dir })).stdout;
    // The file --fix writes: patch will not write through a link ("not a regular file").
    expect(diff).toMatch(/^--- a\/real\/spec\.yaml\n\+\+\+ b\/real\/spec\.yaml\n/);
    const patch = applyPatch(['-p1', '--dry-run', '--batch'], { cwd: dir, input: diff, encoding: 'utf8' });
    expect(patch.status, patch.stdout + patch.stderr).toBe(0);
    const run = await runCli(['--fix', 'link.yaml'], { cwd: dir });
    expect(run.stderr).toMatch(/^statuslint: fixed \d+ problems in 1 file\n$/);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.yaml'))).toBe(join('real', 'spec.yaml'));
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toContain('Retry-After');
    expect(lint([target], { cwd: dir }).fixes).toEqual([]);
    // Only the spec changed: no temporary file is left beside the link or the target.
    expect(readdirSync(dir).sort()).toEqual(['link.yaml', 'real']);
    expect(readdirSync(join(dir, 'real'))).toEqual(['spec.yaml']);
  });

  it.skipIf(process.platform === 'win32')('writes the header out in a response file reached through a linked folder, where a $ref to the spec would be read two ways', async () => {
    // common/ linked into the service: a `$ref` written in common/r.yaml names files from
    // common/ for statuslint and the file system, from svc/common/ for a tool that reads it as a
    // URI; `../api.yaml` would name a spec that is not there for one or the other.
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-linked-'));
    mkdirSync(join(dir, 'common'));
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'common', 'r.yaml'), 'Slow:\n  description: slow\n');
    symlinkSync('../common', join(dir, 'svc', 'common'));
    writeFileSync(
      join(dir, 'svc', 'api.yaml'),
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '400': {description: bad}\n" +
        "        '429': {$ref: 'common/r.yaml#/Slow'}\ncomponents:\n  headers:\n    Retry-After: {schema: {type: integer}}\n",
    );
    const run = await runCli(['--fix', 'svc/api.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: fixed 1 problem in 1 file\n');
    expect(run.code).toBe(0);
    expect(parse(readFileSync(join(dir, 'common', 'r.yaml'), 'utf8'))).toMatchObject({ Slow: { headers: { 'Retry-After': { schema: { type: 'integer' } } } } });
    expect(readFileSync(join(dir, 'common', 'r.yaml'), 'utf8')).not.toContain('$ref');
    const again = lint([join(dir, 'svc', 'api.yaml')], { cwd: dir });
    expect([again.failures, again.findings]).toEqual([[], []]);
  });

  it('gives a 401 that a Bearer spec and a Basic spec share the generic challenge, as one spec with both operations gets', async () => {
    // Each spec alone describes its own scheme; the two descriptions differed, so the shared
    // response was left as written, where one spec with both operations has it fixed.
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-challenges-'));
    const shared = 'Unauthorized:\n  description: no credentials\n';
    writeFileSync(join(dir, 'r.yaml'), shared);
    const spec = (scheme: string) =>
      `openapi: 3.0.3\ninfo: {title: t, version: '1'}\nsecurity: [{s: []}]\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '401': {$ref: 'r.yaml#/Unauthorized'}\n` +
      `components:\n  securitySchemes:\n    s: {type: http, scheme: ${scheme}}\n`;
    writeFileSync(join(dir, 'bearer.yaml'), spec('bearer'));
    writeFileSync(join(dir, 'basic.yaml'), spec('basic'));
    const run = await runCli(['--fix', 'bearer.yaml', 'basic.yaml'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, 'statuslint: fixed 1 problem in 1 file\n']);
    expect(parse(readFileSync(join(dir, 'r.yaml'), 'utf8'))).toEqual({
      Unauthorized: {
        description: 'no credentials',
        headers: { 'WWW-Authenticate': { description: 'The authentication challenge the client must answer: an auth-scheme and its parameters (RFC 9110 §11.6.1).', schema: { type: 'string' } } },
      },
    });
  });

  it.skipIf(process.platform === 'win32')('writes the header out in a file one spec reaches through a linked folder, whichever spec reached it first', async () => {
    // other.yaml reaches common/r.yaml by its real path; named first, it gave the file that
    // name, and api.yaml, which reaches it through svc/common, had '../svc/api.yaml#/…' written,
    // which a tool reading the $ref as a URI from svc/common/ finds nowhere.
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-linked-order-'));
    mkdirSync(join(dir, 'common'));
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'common', 'r.yaml'), 'Slow:\n  description: slow\nBusy:\n  description: busy\n');
    symlinkSync('../common', join(dir, 'svc', 'common'));
    const op = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '400': {description: bad}\n";
    // other.yaml defines the header too: its $ref would be right for itself, but linted before
    // api.yaml it cannot know that api.yaml reaches the file through the link.
    const headers = 'components:\n  headers:\n    Retry-After: {schema: {type: integer}}\n';
    writeFileSync(join(dir, 'svc', 'api.yaml'), `${op}        '429': {$ref: 'common/r.yaml#/Slow'}\n${headers}`);
    writeFileSync(join(dir, 'other.yaml'), `${op}        '503': {$ref: 'common/r.yaml#/Busy'}\n${headers}`);
    // Over many specs on two threads, --fix lints the ones that offer fixes 16 at a time: with
    // other.yaml in the first batch and api.yaml in a later one, the batch that fixes Busy does
    // not read the link itself.
    const fillers = Array.from({ length: 17 }, (_, index) => `f${index}.yaml`);
    for (const name of fillers) writeFileSync(join(dir, name), `${op}        '429': {description: slow}\n`);
    const written: string[] = [];
    for (const [order, threads] of [[['other.yaml', 'svc/api.yaml'], 1], [['svc/api.yaml', 'other.yaml'], 1], [['other.yaml', ...fillers, 'svc/api.yaml'], 2]] as const) {
      writeFileSync(join(dir, 'common', 'r.yaml'), 'Slow:\n  description: slow\nBusy:\n  description: busy\n');
      const run = await runCli(['--fix', ...order], { cwd: dir, env: { ...process.env, STATUSLINT_THREADS: String(threads) } });
      expect([run.code, run.stderr]).toEqual([0, `statuslint: fixed ${order.length === 2 ? '2 problems in 1 file' : '19 problems in 18 files'}\n`]);
      written.push(readFileSync(join(dir, 'common', 'r.yaml'), 'utf8'));
      const again = lint([join(dir, 'other.yaml'), join(dir, 'svc', 'api.yaml')], { cwd: dir });
      expect([again.failures, again.findings]).toEqual([[], []]);
    }
    expect(written[0]).not.toContain('$ref');
    expect(written[1]).toBe(written[0]);
    expect(written[2]).toBe(written[0]);
  });

  it.skipIf(process.platform === 'win32')('names files in a dry-run diff so that patch -p1 reads the whole name, and says which it cannot reach', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-names-'));
    const spec = readFileSync(join(projectRoot, 'fixtures/petstore/openapi.yaml'));
    const names = ['my dir/my api.yaml', 'say "hi"\\there.yaml', 'tab\there.yaml', 'sub/inside.yaml', 'up.yaml'];
    mkdirSync(join(dir, 'my dir'));
    mkdirSync(join(dir, 'sub'));
    for (const name of names) writeFileSync(join(dir, name), spec);
    const patched = mkdtempSync(join(tmpdir(), 'statuslint-fix-names-'));
    cpSync(dir, patched, { recursive: true });
    const inside = names.slice(0, 3);
    const dry = await runCli(['--fix-dry-run', '--fail-on', 'none', ...inside], { cwd: dir });
    expect(dry.stdout).toContain('--- a/my dir/my api.yaml\t\n');
    expect(dry.stdout).toContain('--- "a/say \\"hi\\"\\\\there.yaml"\n');
    expect(dry.stdout).toContain('--- "a/tab\\there.yaml"\n');
    const patch = applyPatch(['-p1', '--batch'], { cwd: patched, input: dry.stdout, encoding: 'utf8' });
    expect(patch.status, patch.stdout + patch.stderr).toBe(0);
    await runCli(['--fix', '--fail-on', 'none', ...inside], { cwd: dir });
    for (const name of inside) expect(readFileSync(join(patched, name), 'utf8'), name).toBe(readFileSync(join(dir, name), 'utf8'));

    // Outside the working directory, patch refuses every name (`..` or absolute): named by the
    // path that leads there, and said on stderr.
    const up = await runCli(['--fix-dry-run', '--fail-on', 'none', 'inside.yaml', '../up.yaml'], { cwd: join(dir, 'sub') });
    expect(up.stdout).toContain('--- a/../up.yaml\n+++ b/../up.yaml\n');
    expect(up.stderr).toContain('statuslint: --fix-dry-run: patch -p1 will not apply the changes to ../up.yaml, outside the working directory');
    const partly = applyPatch(['-p1', '--dry-run', '--batch'], { cwd: join(patched, 'sub'), input: up.stdout, encoding: 'utf8' });
    expect(partly.stdout).toContain("checking file inside.yaml");
    expect(partly.status).toBe(1);
  });

  it('leaves alone a headers member that is not a map, and a response reached through a YAML alias, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-'));
    // `headers:` with no value is not valid OpenAPI and may be a placeholder: a person decides.
    writeFileSync(
      join(dir, 'null-headers.yaml'),
      [
        'openapi: 3.0.3',
        "info: {title: Not a map, version: '1'}",
        'x-shared: &unavailable',
        '  description: down',
        'paths:',
        '  /a:',
        '    get:',
        '      responses:',
        "        '200': {description: ok}",
        "        '429':",
        '          description: slow',
        '          headers:',
        "        '401':",
        '          description: who are you',
        '          headers: null',
        "        '503': *unavailable",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'null-headers.json'),
      JSON.stringify({ openapi: '3.1.0', info: { title: 'Not a map', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 503: { description: 'down', headers: null } } } } } }, null, 2),
    );
    const before = snapshot(dir);
    const outcome = await fixSpecs([join(dir, 'null-headers.yaml'), join(dir, 'null-headers.json')]);
    expect(outcome.changes).toEqual([]);
    expect(outcome.refused.map(({ intent, reason }) => `${reason} ${intent.kind === 'add-header' ? intent.response.pointer : ''}`).sort()).toEqual([
      'layout /paths/~1a/get/responses/401',
      'layout /paths/~1a/get/responses/429',
      'layout /paths/~1a/get/responses/503',
      'layout /paths/~1a/get/responses/503',
    ]);
    const run = await runCli(['--fix', '--fail-on', 'none', 'null-headers.yaml', 'null-headers.json'], { cwd: dir });
    expect(run.stderr).toBe("statuslint: left 4 fixable problems as written: 4 written in a way --fix does not edit (such as a 'headers' that is not a map, or a response behind a YAML alias)\n");
    expect(snapshot(dir)).toEqual(before);
  });

  it('leaves alone a headers map written as a $ref, where a header beside the $ref would be ignored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-headers-ref-'));
    writeFileSync(join(dir, 'headers.yaml'), 'X-Region: {schema: {type: string}}\n');
    const spec = (headers: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '503':\n          description: down\n          headers: ${headers}\n`;
    writeFileSync(join(dir, 'flow.yaml'), spec("{$ref: 'headers.yaml'}"));
    writeFileSync(join(dir, 'block.yaml'), spec("\n            $ref: 'headers.yaml'"));
    writeFileSync(join(dir, 'api.json'), JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 503: { description: 'down', headers: { $ref: 'headers.yaml' } } } } } } }, null, 2));
    const before = snapshot(dir);
    const outcome = await fixSpecs(['flow.yaml', 'block.yaml', 'api.json'].map((name) => join(dir, name)));
    expect(outcome.changes).toEqual([]);
    expect(outcome.refused.map(({ reason }) => reason)).toEqual(['layout', 'layout', 'layout']);
    expect(snapshot(dir)).toEqual(before);
  });

  it("leaves alone a response that is the whole document ($ref: '#' or ''): its OpenAPI Object takes no headers", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-whole-document-'));
    const responses = (ref: string) => ({ 200: { description: 'ok' }, 400: { description: 'bad' }, 401: { $ref: ref } });
    writeFileSync(join(dir, 'hash.yaml'), stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { security: [{ key: [] }], responses: responses('#') } } }, components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } }));
    writeFileSync(join(dir, 'empty.json'), JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } }, paths: { '/a': { get: { security: [{ key: [] }], responses: responses('') } } } }, null, 2));
    const before = snapshot(dir);
    const outcome = await fixSpecs(['hash.yaml', 'empty.json'].map((name) => join(dir, name)));
    expect(outcome.changes).toEqual([]);
    expect(outcome.refused.map(({ intent, reason }) => `${intent.kind} ${reason}`)).toEqual(['add-header layout', 'add-header layout']);
    expect(snapshot(dir)).toEqual(before);
  });

  it("leaves alone a response $ref that names what is not a response's place (#/info, a schema): headers written there would corrupt it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-not-a-response-'));
    const key = { type: 'apiKey', in: 'header', name: 'X-Key' };
    writeFileSync(
      join(dir, 'api.yaml'),
      stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        'x-responses': { Busy: { description: 'busy' } },
        paths: {
          '/a': {
            get: {
              security: [{ key: [] }],
              responses: {
                200: { description: 'ok' },
                401: { $ref: '#/info' },
                429: { $ref: '#/components/schemas/Err' },
                503: { $ref: '#/x-responses/Busy' },
              },
            },
          },
          // A response named where another operation writes it, and one in components/responses: both edited.
          '/b': { get: { responses: { 200: { description: 'ok' }, 429: { $ref: '#/paths/~1c/get/responses/429' }, 503: { $ref: '#/components/responses/Down' } } } },
          '/c': { get: { responses: { 200: { description: 'ok' }, 429: { description: 'slow' } } } },
        },
        components: { securitySchemes: { key }, schemas: { Err: { type: 'object' } }, responses: { Down: { description: 'down' } } },
      }),
    );
    writeFileSync(
      join(dir, 'swagger.json'),
      JSON.stringify(
        {
          swagger: '2.0',
          info: { title: 't', version: '1' },
          securityDefinitions: { key },
          paths: { '/a': { get: { security: [{ key: [] }], responses: { 200: { description: 'ok' }, 401: { $ref: '#/responses/Unauth' }, 503: { $ref: '#/definitions/Err' } } } } },
          definitions: { Err: { type: 'object' } },
          responses: { Unauth: { description: 'who are you' } },
        },
        null,
        2,
      ),
    );
    const outcome = await fixSpecs(['api.yaml', 'swagger.json'].map((name) => join(dir, name)));
    expect(outcome.refused.map(({ intent, reason }) => `${reason} ${fixTarget(intent).pointer}`).sort()).toEqual([
      'layout /components/schemas/Err',
      'layout /definitions/Err',
      'layout /info',
      'layout /x-responses/Busy',
    ]);
    const fixed = (name: string) => outcome.changes.find((change) => change.path === join(dir, name))!.after;
    const api = parse(fixed('api.yaml')) as Record<string, any>;
    expect(api.info).toEqual({ title: 't', version: '1' });
    expect(api.components.schemas.Err).toEqual({ type: 'object' });
    expect(api['x-responses'].Busy).toEqual({ description: 'busy' });
    expect(Object.keys(api.components.responses.Down.headers)).toEqual(['Retry-After']);
    expect(Object.keys(api.paths['/c'].get.responses['429'].headers)).toEqual(['Retry-After']);
    const swagger = JSON.parse(fixed('swagger.json')) as Record<string, any>;
    expect(swagger.definitions.Err).toEqual({ type: 'object' });
    expect(Object.keys(swagger.responses.Unauth.headers)).toEqual(['WWW-Authenticate']);
  });

  it('leaves alone a map whose anchor an alias names, or one inside it: the edit would show at the alias too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-anchor-'));
    const spec = [
      'openapi: 3.0.3',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    post:',
      '      responses:',
      "        '201':",
      '          description: created',
      '          headers: &common',
      '            X-Request-Id: {schema: {type: string}}',
      "        '200':",
      '          description: OK',
      '          headers: *common',
      "        '400': {description: bad}",
      '  /b:',
      '    get:',
      '      responses: &shared',
      "        '200': {description: OK}",
      '        4xx: {description: client error}',
      '  /c:',
      '    get:',
      '      responses: *shared',
      // Anchored, never aliased: edited as any map.
      '  /d:',
      '    get:',
      '      responses:',
      "        '200': {description: OK}",
      "        '4XX': {description: client error}",
      "        '429': &lonely {description: slow}",
      '',
    ].join('\n');
    writeFileSync(join(dir, 'api.yaml'), spec);
    const outcome = await fixSpecs([join(dir, 'api.yaml')]);
    expect(outcome.refused.map(({ intent, reason }) => `${reason} ${intent.kind} ${fixTarget(intent).pointer}`).sort()).toEqual([
      'layout add-header /paths/~1a/post/responses/201',
      'layout rename-key /paths/~1b/get/responses/4xx',
      'layout rename-key /paths/~1c/get/responses/4xx',
    ]);
    expect(outcome.changes).toHaveLength(1);
    const fixed = outcome.changes[0]!.after;
    expect(fixed).not.toContain('Location');
    expect(fixed).toContain('4xx:');
    expect(fixed).toMatch(/'429': &lonely \{description: slow, headers: \{Retry-After: /);
  });

  it('quotes a string with a comma written into a flow mapping, where a comma ends it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-'));
    const spec = (responses: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: ${responses}\n    post:\n      responses: {'200': {description: ok}, '400': {description: bad}}\n`;
    writeFileSync(join(dir, 'flow.yaml'), spec("{'200': {description: ok}, '405': {description: not allowed}}"));
    const run = await runCli(['--fix', 'flow.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const fixed = parse(readFileSync(join(dir, 'flow.yaml'), 'utf8')) as { paths: Record<string, { get: { responses: Record<string, { headers: Record<string, unknown> }> } }> };
    // Not {example: GET, POST: null}.
    expect(fixed.paths['/a']!.get.responses['405']!.headers.Allow).toEqual({ description: expect.any(String), schema: { type: 'string' }, example: 'GET, POST' });
  });

  it('gives a Swagger 2.0 header its example in the description, which is where 2.0 can say it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-2-'));
    // A download (octet-stream): require-content-range writes its byte-range fix only there.
    const spec = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      produces: [application/octet-stream]\n      responses:\n        200: {description: ok}\n        405: {description: not allowed}\n        416: {description: unsatisfiable}\n    put:\n      responses:\n        200: {description: ok}\n";
    writeFileSync(join(dir, 'api.yaml'), spec);
    const run = await runCli(['--fix', '--fail-on', 'none', 'api.yaml'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const headers = (status: string) => (parse(readFileSync(join(dir, 'api.yaml'), 'utf8')) as { paths: { '/a': { get: { responses: Record<string, { headers: Record<string, unknown> }> } } } }).paths['/a'].get.responses[status]!.headers;
    // The Header Object has no `example` field (Swagger 2.0): the methods would be lost.
    expect(headers('405')).toEqual({ Allow: { description: 'The methods the target resource supports (RFC 9110 §10.2.1). Example: GET, PUT', type: 'string' } });
    // A description that gives the example already is not made to say it twice.
    expect(headers('416')).toEqual({ 'Content-Range': { description: 'The current length of the representation, e.g. bytes */1234 (RFC 9110 §14.4).', type: 'string' } });
  });

  it("writes YAML as the file does: its quotes, and flow maps with or without spaces inside the braces", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-style-'));
    const spec = (quote: string, open: string, close: string) =>
      [
        'openapi: 3.0.3',
        `info: {title: t, version: ${quote}1${quote}}`,
        'paths:',
        '  /a:',
        '    post:',
        '      responses:',
        `        ${quote}201${quote}:`,
        '          description: created',
        `        ${quote}429${quote}: ${open}description: slow${close}`,
        `        ${quote}503${quote}:`,
        '          description: down',
        `          headers: {}`,
        'components:',
        '  headers:',
        `    Location: ${open}schema: ${open}type: string${close}${close}`,
        '',
      ].join('\n');
    writeFileSync(join(dir, 'double.yaml'), spec('"', '{', '}'));
    writeFileSync(join(dir, 'single.yaml'), spec("'", '{ ', ' }'));
    const outcome = await fixSpecs(['double.yaml', 'single.yaml'].map((name) => join(dir, name)));
    const fixed = (name: string) => outcome.changes.find((change) => change.path === join(dir, name))!.after.split('\n');
    const retryAfter = (open: string, close: string) =>
      `Retry-After: ${open}description: Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date)., schema: ${open}type: integer, minimum: 0${close}, example: 60${close}`;
    expect(fixed('double.yaml')).toEqual(
      expect.arrayContaining([
        '              $ref: "#/components/headers/Location"',
        `        "429": {description: slow, headers: {${retryAfter('{', '}')}}}`,
        `          headers: {${retryAfter('{', '}')}}`,
      ]),
    );
    expect(fixed('single.yaml')).toEqual(
      expect.arrayContaining([
        "              $ref: '#/components/headers/Location'",
        `        '429': { description: slow, headers: { ${retryAfter('{ ', ' }')} } }`,
        `          headers: { ${retryAfter('{ ', ' }')} }`,
      ]),
    );
    for (const name of ['double.yaml', 'single.yaml']) expect(parse(fixed(name).join('\n')).paths['/a'].post.responses['429'].headers['Retry-After'].schema).toEqual({ type: 'integer', minimum: 0 });
  });

  it('keeps a comment after the last member of a YAML flow map on that member, with or without a trailing comma', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-flow-comment-'));
    const spec = (nl: string) =>
      [
        'openapi: 3.0.3',
        "info: {title: t, version: '1'}",
        'paths:',
        '  /a:',
        '    get:',
        '      responses:',
        "        '200': {description: ok}",
        "        '429': {",
        '          description: slow # why it is slow',
        '          }',
        "        '503': {description: down, headers: {",
        '          X-Region: {schema: {type: string}}, # where',
        '          }}',
        '',
      ].join(nl);
    for (const nl of ['\n', '\r\n']) {
      writeFileSync(join(dir, 'api.yaml'), spec(nl));
      await runCli(['--fix', '--fail-on', 'none', 'api.yaml'], { cwd: dir });
      const lines = readFileSync(join(dir, 'api.yaml'), 'utf8').split(nl);
      expect(lines[8]).toBe('          description: slow, # why it is slow');
      expect(lines[9]).toMatch(/^ {10}headers: \{ Retry-After: \{ .*\} \}$/);
      expect(lines[12]).toBe('          X-Region: {schema: {type: string}}, # where');
      expect(lines[13]).toMatch(/^ {10}Retry-After: \{ .*\},$/);
      expect(lines.slice(14)).toEqual(['          }}', '']);
      expect(lint([join(dir, 'api.yaml')]).fixes).toEqual([]);
    }
  });

  it('keeps the comment lines indented under the last member of a YAML block map with that member', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-block-comment-'));
    const spec = [
      'openapi: 3.0.3',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200': {description: ok}",
      "        '429':",
      '          description: slow',
      '          content:',
      '            application/json:',
      '              schema: {type: object}',
      '',
      '            # application/xml: to come',
      '          # about the map, after its last member',
      "        '503': {description: down, headers: {Retry-After: {schema: {type: integer}}}}",
      '',
    ];
    writeFileSync(join(dir, 'api.yaml'), spec.join('\n'));
    await runCli(['--fix', '--fail-on', 'none', 'api.yaml'], { cwd: dir });
    const lines = readFileSync(join(dir, 'api.yaml'), 'utf8').split('\n');
    expect(lines.slice(0, 14)).toEqual(spec.slice(0, 14));
    expect(lines[14]).toBe('          headers:');
    expect(lines.slice(-3)).toEqual(spec.slice(-3));
    expect(lint([join(dir, 'api.yaml')]).fixes).toEqual([]);
  });

  it('adds the header to the response that lacks it when a comment ends its last member, not to the next response', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-comment-end-'));
    const spec = (comment: string) =>
      `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '429':\n          description: slow\n          content:\n            application/json:\n              schema: {type: object}\n${comment}        '404':\n          description: missing\n`;
    for (const comment of ['              # more types to come\n', '            # more types to come\n\n  # a comment at any depth\n']) {
      writeFileSync(join(dir, 'api.yaml'), spec(comment));
      const run = await runCli(['--fix', '--fail-on', 'none', 'api.yaml'], { cwd: dir });
      expect(run.stderr).toBe('statuslint: fixed 1 problem in 1 file\n');
      const responses = (parse(readFileSync(join(dir, 'api.yaml'), 'utf8')) as { paths: { '/a': { get: { responses: Record<string, { headers?: object }> } } } }).paths['/a'].get.responses;
      expect(Object.keys(responses['429']!.headers ?? {})).toEqual(['Retry-After']);
      expect(responses['404']!.headers).toBeUndefined();
    }
  });

  it('indents the added member as the keys are when the last key has a tag or an anchor of its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-key-tag-'));
    const spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '429':\n          !!str description: slow\n        '503':\n          &named description: down\n";
    writeFileSync(join(dir, 'api.yaml'), spec);
    const run = await runCli(['--fix', '--fail-on', 'none', 'api.yaml'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: fixed 2 problems in 1 file\n');
    const lines = readFileSync(join(dir, 'api.yaml'), 'utf8').split('\n');
    expect(lines.filter((line) => line.includes('headers:'))).toEqual(['          headers:', '          headers:']);
  });

  it('keeps the closing line of an empty JSON object written over two lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-open-'));
    const lines = (headers: string[]) =>
      ['{', '  "openapi": "3.0.3",', '  "info": {"title": "t", "version": "1"},', '  "paths": {"/a": {"get": {"responses": {', '    "200": {"description": "ok"},', '    "503": {', '      "description": "down",', '      "headers": {', ...headers, '      }', '    }', '  }}}}', '}', ''].join('\n');
    writeFileSync(join(dir, 'api.json'), lines([]));
    await runCli(['--fix', '--fail-on', 'none', 'api.json'], { cwd: dir });
    const header = { description: expect.any(String), schema: { type: 'integer', minimum: 0 }, example: 60 };
    const fixed = readFileSync(join(dir, 'api.json'), 'utf8');
    expect(JSON.parse(fixed).paths['/a'].get.responses['503'].headers).toEqual({ 'Retry-After': header });
    const written = JSON.stringify({ 'Retry-After': JSON.parse(fixed).paths['/a'].get.responses['503'].headers['Retry-After'] }, null, 2).split('\n').slice(1, -1);
    expect(fixed).toBe(lines(written.map((line) => `      ${line}`)));
  });

  it("leaves a YAML map where two keys read as one ('503' and 503): the loader refuses it, as a duplicate", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-twokeys-'));
    const spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: OK}\n        '503':\n          description: first\n        503:\n          description: second\n";
    writeFileSync(join(dir, 'api.yaml'), spec);
    const outcome = await fixSpecs([join(dir, 'api.yaml')]);
    expect(outcome.changes).toEqual([]);
    expect(outcome.result.failures.map((failure) => failure.describe(dir))).toEqual([
      "api.yaml:10:9: invalid YAML: keys '503' and 503 in one mapping are one member once read, as in JSON and so OpenAPI; keep one",
    ]);
    expect(readFileSync(join(dir, 'api.yaml'), 'utf8')).toBe(spec);
  });

  it('drops an edit after which the file would not parse, and keeps the others', () => {
    const json = '{"a": 1, "b": 2}';
    expect(applyParsable(json, [{ start: 6, end: 7, text: '3' }, { start: 15, end: 15, text: ', "c": ' }], 'json')).toEqual({ text: '{"a": 3, "b": 2}', dropped: new Set([1]) });
    // A duplicated key parses as YAML but not as the loader reads it: dropped too.
    const yaml = 'a: 1\nb: 2\n';
    expect(applyParsable(yaml, [{ start: 5, end: 5, text: 'a: 3\n' }, { start: 10, end: 10, text: 'c: 4\n' }], 'yaml')).toEqual({ text: 'a: 1\nb: 2\nc: 4\n', dropped: new Set([0]) });
  });
});

/** An outcome as plain data: the fixes refused by key, the lint without its intents and thrown values. */
function comparableOutcome(outcome: FixOutcome, cwd: string): unknown {
  const { fixes: _fixes, ...result } = outcome.result;
  return {
    changes: outcome.changes,
    applied: outcome.applied,
    refused: outcome.refused.map(({ intent, reason }) => `${reason} ${fixKey(intent)}`).sort(),
    result: { ...result, failures: result.failures.map((failure) => failure.describe(cwd)), internalErrors: result.internalErrors, rules: result.rules.map((rule) => rule.id) },
  };
}

describe('--fix over many specs', () => {
  it('makes the same edits on every core as in one thread, and reports the same', async () => {
    const { dir } = manySpecs();
    const built = (await import(pathToFileURL(join(projectRoot, 'dist', 'src', 'fix', 'apply.js')).href)) as typeof import('../src/fix/apply.js');
    // As the CLI finds them in a folder: shared.yaml is then a fragment, not a spec.
    const { files, discovered } = expandInputs(['.'], { cwd: dir, isIgnored: () => false, exclude: new Set() });
    const options = { cwd: dir, discovered, unusedSuppressions: 'warning' as const };
    const oneThread = await fixSpecs(files, { ...options, threads: 1 });
    const expected = comparableOutcome(oneThread, dir);
    expect(oneThread.applied).toBeGreaterThan(40);
    expect(oneThread.changes.map((change) => relative(dir, change.path))).toContain('shared.yaml');
    expect(oneThread.refused.length).toBeGreaterThan(0);
    expect(oneThread.result.skipped.fragments).toStrictEqual(['shared.yaml']);
    // From the sources, a second thread is this one again (no compiled worker); from the build, a worker thread.
    expect(comparableOutcome(await fixSpecs(files, { ...options, threads: 2 }), dir)).toStrictEqual(expected);
    expect(comparableOutcome(await built.fixSpecs(files, { ...options, threads: 2 }), dir)).toStrictEqual(expected);
    // Rules that are not the registry's (a worker names rules by id) lint in this thread alone.
    // They lint each spec as often as one thread does, not once more per pass to learn which offer fixes.
    let lints = 0;
    const copies = defaultRules().map((entry, index) => {
      const rule = { ...entry.rule };
      if (index === 0) rule.create = (context) => (lints++, entry.rule.create(context));
      return { ...entry, rule };
    });
    expect(comparableOutcome(await fixSpecs(files, { ...options, rules: copies, threads: 1 }), dir)).toStrictEqual(expected);
    const lintsOnOneThread = lints;
    lints = 0;
    expect(comparableOutcome(await fixSpecs(files, { ...options, rules: copies, threads: 2 }), dir)).toStrictEqual(expected);
    expect(lints).toBe(lintsOnOneThread);
    rmSync(dir, { recursive: true, force: true });
  });

});
