import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeFifo, project, runCli } from './cli-harness.js';

const info = { title: 't', version: '1' };
const spec = {
  openapi: '3.1.0',
  info,
  paths: {
    '/pets': { get: { responses: { '200': { description: 'ok' }, '401': { description: 'no' }, '429': { description: 'slow' } } } },
    '/pets/{id}': { delete: { responses: { '204': { description: 'gone' }, '503': { description: 'down' } } } },
  },
};

/** Two rules only, so the expected baselines stay small and other rules' growth leaves them alone. */
const CONFIG = 'extends: []\nrules:\n  require-www-authenticate: error\n  require-retry-after: warning\n';

const EXPECTED = `{
  "format": "statuslint-baseline",
  "version": 1,
  "entries": [
    {"file": "openapi.yaml", "pointer": "/paths/~1pets/get/responses/401", "rule": "require-www-authenticate"},
    {"file": "openapi.yaml", "pointer": "/paths/~1pets/get/responses/429", "rule": "require-retry-after"},
    {"file": "openapi.yaml", "pointer": "/paths/~1pets~1{id}/delete/responses/503", "rule": "require-retry-after"}
  ]
}
`;

function json(stdout: string): { findings: Array<{ ruleId: string; pointer: string }> } {
  return JSON.parse(stdout) as { findings: Array<{ ruleId: string; pointer: string }> };
}

describe('baselines', () => {
  it('--write-baseline records the findings as sorted JSON, one entry per line, and reports none of them', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec });
    const run = await runCli(['--write-baseline', 'statuslint-baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('statuslint: wrote 3 entries to statuslint-baseline.json\n');
    expect(run.stdout).toContain('no problems in 1 file');
    expect(readFileSync(join(dir, 'statuslint-baseline.json'), 'utf8')).toBe(EXPECTED);
    expect(readdirSync(dir).sort()).toEqual(['openapi.yaml', 'statuslint-baseline.json', 'statuslint.config.yaml']);
    // Stable: the same findings give the same bytes.
    await runCli(['--write-baseline', 'statuslint-baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(readFileSync(join(dir, 'statuslint-baseline.json'), 'utf8')).toBe(EXPECTED);
  });

  it('records findings of every severity as configured, the unused-suppression ones too, and none that a suppression silences', async () => {
    const suppressed = {
      openapi: '3.1.0',
      info,
      paths: {
        '/pets': {
          get: {
            // require-upgrade finds nothing here: its entry is an unused-suppression finding.
            'x-statuslint-ignore': ['require-retry-after', 'require-upgrade'],
            responses: { '200': { description: 'ok' }, '401': { description: 'no', 'x-statuslint-ignore': ['require-www-authenticate'] }, '429': { description: 'slow' } },
          },
          delete: { responses: { '204': { description: 'gone' }, '503': { description: 'down' } } },
        },
      },
    };
    const dir = project({ 'statuslint.config.yaml': 'extends: []\nrules:\n  require-www-authenticate: error\n  require-retry-after: info\n  require-upgrade: warning\n', 'openapi.yaml': suppressed });
    const run = await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toContain(
      '"entries": [\n' +
        '    {"file": "openapi.yaml", "pointer": "/paths/~1pets/delete/responses/503", "rule": "require-retry-after"},\n' +
        '    {"file": "openapi.yaml", "pointer": "/paths/~1pets/get/x-statuslint-ignore/1", "rule": "unused-suppression"}\n  ]',
    );
    // --fail-on applies to what the baseline does not hold.
    const replay = await runCli(['--fail-on', 'info', '--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(replay.code).toBe(0);
    expect(replay.stderr).toBe('statuslint: baseline baseline.json: 2 known findings not reported; none fixed\n');
  });

  it('--baseline reports only new findings, and survives edits that move lines', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec });
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    const same = await runCli(['--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stderr).toBe('statuslint: baseline baseline.json: 3 known findings not reported; none fixed\n');

    // Comments on top, paths in another order, a new operation: every old line number moves.
    const edited = {
      ...spec,
      paths: {
        '/health': { get: { responses: { '200': { description: 'ok' }, '503': { description: 'down' } } } },
        '/pets/{id}': spec.paths['/pets/{id}'],
        '/pets': spec.paths['/pets'],
      },
    };
    writeFileSync(join(dir, 'openapi.yaml'), `# Pets API\n# maintained by the pets team\n\n${stringify(edited)}`);
    const moved = await runCli(['--format', 'json', '--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(json(moved.stdout).findings.map((finding) => `${finding.ruleId} ${finding.pointer}`)).toEqual(['require-retry-after /paths/~1health/get/responses/503']);
    expect(moved.code).toBe(0);
    expect(moved.stderr).toBe('statuslint: baseline baseline.json: 3 known findings not reported; none fixed\n');
  });

  it('says how many entries are fixed, and a rewrite drops them', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec });
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const fixedSpec = structuredClone(spec) as any;
    fixedSpec.paths['/pets'].get.responses['401'].headers = { 'WWW-Authenticate': { schema: { type: 'string' } } };
    delete fixedSpec.paths['/pets/{id}'].delete.responses['503'];
    writeFileSync(join(dir, 'openapi.yaml'), stringify(fixedSpec));
    const run = await runCli(['--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('statuslint: baseline baseline.json: 1 known finding not reported; 2 entries now fixed (drop them with --write-baseline baseline.json)\n');
    const one = await runCli(['--baseline', 'baseline.json', '--rule', 'require-retry-after=off', 'openapi.yaml'], { cwd: dir });
    expect(one.stderr).toBe('statuslint: baseline baseline.json: 0 known findings not reported; 1 entry now fixed (drop it with --write-baseline baseline.json)\n');
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toContain('"entries": [\n    {"file": "openapi.yaml", "pointer": "/paths/~1pets/get/responses/429", "rule": "require-retry-after"}\n  ]');
  });

  it('counts no entry as fixed whose rule is off for its file: the rule did not look', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec, 'other.yaml': spec });
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml', 'other.yaml'], { cwd: dir });
    const flag = await runCli(['--baseline', 'baseline.json', '--rule', 'require-retry-after=off', 'openapi.yaml', 'other.yaml'], { cwd: dir });
    expect([flag.code, flag.stderr]).toEqual([0, 'statuslint: baseline baseline.json: 2 known findings not reported; none fixed\n']);
    // Off for one spec by an override: that spec's entries are left alone, the other's still match.
    writeFileSync(join(dir, 'statuslint.config.yaml'), `${CONFIG}overrides:\n  - files: [other.yaml]\n    rules:\n      require-www-authenticate: off\n`);
    const override = await runCli(['--baseline', 'baseline.json', 'openapi.yaml', 'other.yaml'], { cwd: dir });
    expect([override.code, override.stderr]).toEqual([0, 'statuslint: baseline baseline.json: 5 known findings not reported; none fixed\n']);
    // unused-suppression, off at the top level, likewise.
    writeFileSync(join(dir, 'statuslint.config.yaml'), CONFIG);
    writeFileSync(join(dir, 'openapi.yaml'), stringify({ ...spec, paths: { ...spec.paths, '/x': { get: { 'x-statuslint-ignore': ['require-retry-after'], responses: { '200': { description: 'ok' } } } } } }));
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    writeFileSync(join(dir, 'statuslint.config.yaml'), `${CONFIG}unusedSuppressions: off\n`);
    const unused = await runCli(['--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect([unused.code, unused.stderr]).toEqual([0, 'statuslint: baseline baseline.json: 3 known findings not reported; none fixed\n']);
  });

  it('new findings fail the run as usual', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec });
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const worse = structuredClone(spec) as any;
    worse.paths['/pets/{id}'].delete.responses['401'] = { description: 'no' };
    writeFileSync(join(dir, 'openapi.yaml'), stringify(worse));
    const run = await runCli(['--format', 'json', '--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.map((finding) => finding.pointer)).toEqual(['/paths/~1pets~1{id}/delete/responses/401']);
  });

  it('paths are relative to the baseline file, so any working directory matches', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'api/openapi.yaml': spec });
    mkdirSync(join(dir, 'ci'));
    await runCli(['--write-baseline', 'ci/baseline.json', 'api/openapi.yaml'], { cwd: dir });
    expect(readFileSync(join(dir, 'ci', 'baseline.json'), 'utf8')).toContain('"file": "../api/openapi.yaml"');
    const fromApi = await runCli(['--baseline', '../ci/baseline.json', 'openapi.yaml'], { cwd: join(dir, 'api') });
    expect(fromApi.code).toBe(0);
    expect(fromApi.stderr).toBe(`statuslint: baseline ${join(dir, 'ci', 'baseline.json')}: 3 known findings not reported; none fixed\n`);
  });

  it('a run through a linked folder keys files as one through the real folder, and writes the same bytes', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'specs/openapi.yaml': spec });
    symlinkSync('specs', join(dir, 'api'), 'dir');
    await runCli(['--write-baseline', 'baseline.json', 'specs'], { cwd: dir });
    const written = readFileSync(join(dir, 'baseline.json'), 'utf8');
    const linked = await runCli(['--baseline', 'baseline.json', 'api'], { cwd: dir });
    expect(linked.code).toBe(0);
    expect(linked.stderr).toBe('statuslint: baseline baseline.json: 3 known findings not reported; none fixed\n');
    // The baseline named through the link, from inside the linked folder.
    const inside = await runCli(['--baseline', '../baseline.json', 'openapi.yaml'], { cwd: join(dir, 'api') });
    expect(inside.code).toBe(0);
    await runCli(['--write-baseline', 'baseline.json', 'api'], { cwd: dir });
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toBe(written);
  });

  it('entries for files this run did not read are not counted as fixed; those of deleted files are', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'a/openapi.yaml': spec, 'b/openapi.yaml': spec });
    await runCli(['--write-baseline', 'baseline.json', 'a', 'b'], { cwd: dir });
    const partial = await runCli(['--baseline', 'baseline.json', 'a'], { cwd: dir });
    expect(partial.stderr).toBe('statuslint: baseline baseline.json: 3 known findings not reported; none fixed\n');
    rmSync(join(dir, 'b'), { recursive: true });
    const deleted = await runCli(['--baseline', 'baseline.json', 'a'], { cwd: dir });
    expect(deleted.stderr).toBe('statuslint: baseline baseline.json: 3 known findings not reported; 3 entries now fixed (drop them with --write-baseline baseline.json)\n');
  });

  it('a rewrite from a run over part of the specs warns that it drops the entries of the rest', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'a/openapi.yaml': spec, 'b/openapi.yaml': spec });
    await runCli(['--write-baseline', 'baseline.json', 'a', 'b'], { cwd: dir });
    const full = await runCli(['--write-baseline', 'baseline.json', 'a', 'b'], { cwd: dir });
    expect(full.stderr).toBe('statuslint: wrote 6 entries to baseline.json\n');
    const partial = await runCli(['--write-baseline', 'baseline.json', 'a'], { cwd: dir });
    expect(partial.stderr).toBe(
      'statuslint: wrote 3 entries to baseline.json\n' +
        'statuslint: warning: dropped 3 entries of files this run did not read (or of rules that were off for them); write the baseline from a run over every spec to keep them\n',
    );
    // Entries of a deleted file are fixed, not dropped unseen.
    await runCli(['--write-baseline', 'baseline.json', 'a', 'b'], { cwd: dir });
    rmSync(join(dir, 'b'), { recursive: true });
    expect((await runCli(['--write-baseline', 'baseline.json', 'a'], { cwd: dir })).stderr).toBe('statuslint: wrote 3 entries to baseline.json\n');
    const off = await runCli(['--write-baseline', 'baseline.json', '--rule', 'require-www-authenticate=off', 'a'], { cwd: dir });
    expect(off.stderr).toBe('statuslint: wrote 2 entries to baseline.json\nstatuslint: warning: dropped 1 entry of files this run did not read (or of rules that were off for them); write the baseline from a run over every spec to keep it\n');
  });

  it('entries of a spec piped without --stdin-filepath are not fixed in a run that does not read standard input', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec });
    await runCli(['--write-baseline', 'baseline.json', '-'], { cwd: dir, stdin: stringify(spec) });
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toContain('"file": "<stdin>"');
    const piped = await runCli(['--baseline', 'baseline.json', '-'], { cwd: dir, stdin: stringify(spec) });
    expect(piped.stderr).toBe('statuslint: baseline baseline.json: 3 known findings not reported; none fixed\n');
    const other = await runCli(['--fail-on', 'none', '--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(other.stderr).toBe('statuslint: baseline baseline.json: 0 known findings not reported; none fixed\n');
  });

  it('findings in a shared file are keyed by that file', async () => {
    const usesShared = { openapi: '3.1.0', info, paths: { '/a': { get: { responses: { '401': { $ref: 'common.yaml#/Unauthorized' } } } } } };
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': usesShared, 'common.yaml': { Unauthorized: { description: 'no' } } });
    await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toContain('{"file": "common.yaml", "pointer": "/Unauthorized", "rule": "require-www-authenticate"}');
    expect((await runCli(['--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('a finding in a node that a YAML alias repeats is keyed where the node is written, so a run over some of the specs matches it', async () => {
    // B names the response that A anchors: a.yaml reaches it as A, b.yaml as B.
    const uses = (path: string, name: string) => ({ openapi: '3.0.3', info, paths: { [path]: { delete: { responses: { '204': { $ref: `shared.yaml#/${name}` }, '400': { description: 'bad' } } } } } });
    const dir = project({
      'shared.yaml': ['A: &a', '  description: Nothing', '  content:', '    application/json: {schema: {type: object}}', 'B: *a', ''].join('\n'),
      'a.yaml': uses('/a', 'A'),
      'b.yaml': uses('/b', 'B'),
    });
    const entry = '{"file": "shared.yaml", "pointer": "/A/content", "rule": "no-body-on-no-content"}';
    for (const inputs of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml'], ['b.yaml']]) {
      expect((await runCli(['--write-baseline', 'baseline.json', ...inputs], { cwd: dir })).code).toBe(0);
      expect(readFileSync(join(dir, 'baseline.json'), 'utf8'), inputs.join(' ')).toContain(entry);
    }
    // A pre-commit hook that names only the spec that changed: the finding is still known.
    await runCli(['--write-baseline', 'baseline.json', 'a.yaml', 'b.yaml'], { cwd: dir });
    for (const input of ['a.yaml', 'b.yaml']) {
      const run = await runCli(['--baseline', 'baseline.json', input], { cwd: dir });
      expect([run.code, run.stderr], input).toEqual([0, 'statuslint: baseline baseline.json: 1 known finding not reported; none fixed\n']);
    }
  });

  const bad: Array<[string, string | undefined, string]> = [
    ['a missing baseline', undefined, 'statuslint: baseline.json: no such baseline file; create it with --write-baseline\n'],
    ['invalid JSON, at its line and column', '{"format": ', 'statuslint: baseline.json:1:12: not a statuslint baseline: invalid JSON: '],
    ['a trailing comma, at its line', '{\n  "format": "x",\n}\n', 'statuslint: baseline.json:3:1: not a statuslint baseline: invalid JSON: '],
    ['another JSON file', '{"findings": []}', 'statuslint: baseline.json: not a statuslint baseline (no "format": "statuslint-baseline"); create it with --write-baseline\n'],
    ['a future version', '{"format": "statuslint-baseline", "version": 2, "entries": []}', 'statuslint: baseline.json: baseline version 2 is not supported (expected 1)\n'],
    ['a bad entry', '{"format": "statuslint-baseline", "version": 1, "entries": [{"file": "a.yaml"}]}', 'statuslint: baseline.json: baseline entry 1 must have string "file", "pointer" and "rule"\n'],
  ];
  for (const [name, text, message] of bad) {
    it(`refuses ${name} with exit 2`, async () => {
      const dir = project(text === undefined ? { 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec } : { 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec, 'baseline.json': text });
      const run = await runCli(['--baseline', 'baseline.json', 'openapi.yaml'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.startsWith(message)).toBe(true);
    });
  }

  it('a baseline saved with a byte order mark is read; a device is refused without reading on', async () => {
    const dir = project({ 'openapi.yaml': spec });
    expect((await runCli(['--write-baseline', 'b.json', 'openapi.yaml'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'b.json'), '\ufeff' + readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(await runCli(['--baseline', 'b.json', 'openapi.yaml'], { cwd: dir })).toMatchObject({ code: 0 });
    const device = await runCli(['--baseline', '/dev/zero', 'openapi.yaml'], { cwd: dir });
    expect(device.code).toBe(2);
    expect(device.stderr).toBe('statuslint: /dev/zero: the baseline is not a regular file (a FIFO, socket or device)\n');
  });

  it('a baseline that is a folder, not UTF-8 or over 64 MB is refused in one line (a FIFO: below)', async () => {
    const dir = project({ 'openapi.yaml': spec, 'big.json': '' });
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]));
    // Sparse: the size is all that is looked at.
    truncateSync(join(dir, 'big.json'), 64 * 1024 * 1024 + 1);
    for (const [file, detail] of [
      ['folder', 'the baseline is a directory, not a file'],
      ['utf16.json', 'the baseline is not UTF-8 text (it is UTF-16); save it as UTF-8'],
      ['big.json', 'the baseline is over 64 MB, more than any baseline holds'],
    ]) {
      const run = await runCli(['--baseline', file!, 'openapi.yaml'], { cwd: dir });
      expect(run.code, file).toBe(2);
      expect(run.stderr).toBe(`statuslint: ${file}: ${detail}\n`);
    }
  });

  it('--baseline with --write-baseline is a usage error', async () => {
    const run = await runCli(['--baseline', 'a.json', '--write-baseline', 'a.json', 'openapi.yaml'], { cwd: project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: use --baseline or --write-baseline, not both (--write-baseline alone refreshes a baseline)\n');
  });

  it('is not written when an input could not be linted', async () => {
    const dir = project({ 'statuslint.config.yaml': CONFIG, 'openapi.yaml': spec, 'broken.yaml': 'openapi: 3.1.0\ninfo: [\n' });
    const run = await runCli(['--write-baseline', 'baseline.json', 'openapi.yaml', 'broken.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('statuslint: not writing baseline.json: 1 input could not be linted\n');
    expect(existsSync(join(dir, 'baseline.json'))).toBe(false);
  });
});

describe('a FIFO as the baseline', () => {
  it('is refused in one line, without reading on', async () => {
    const dir = project({ 'openapi.yaml': spec });
    makeFifo(join(dir, 'fifo'));
    const run = await runCli(['--baseline', 'fifo', 'openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: fifo: the baseline is not a regular file (a FIFO, socket or device)\n');
  });
});
