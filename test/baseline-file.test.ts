// The baseline module in this process: how a run's findings become entries, the file's text,
// what a baseline file may hold, and which entries a run matches, finds fixed or did not see.
// test/baseline.test.ts checks the same through the CLI.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, baselineEntries, formatBaseline, readBaseline, writeBaseline, type Baseline } from '../src/baseline.js';
import type { Finding } from '../src/engine/types.js';
import { LoadError } from '../src/errors.js';

function finding(file: string, pointer: string, ruleId = 'require-www-authenticate', line = 1): Finding {
  return { ruleId, messageId: 'missing', severity: 'error', message: 'm', file, pointer, line, column: 1, endLine: line, endColumn: 2 };
}

/** A fresh folder, its real path (macOS's /tmp is a link). */
const folder = (): string => realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-baseline-')));

describe('baselineEntries', () => {
  it('keys each finding by file from the baseline folder, pointer and rule, once, sorted by file, pointer, rule', () => {
    const cwd = folder();
    mkdirSync(join(cwd, 'specs'));
    const findings = [
      finding('specs/b.yaml', '/paths/~1pets/get/responses/401'),
      finding('specs/a.yaml', '/paths/~1pets/get/responses/429', 'require-retry-after', 30),
      finding('specs/a.yaml', '/paths/~1pets/get/responses/401', 'require-www-authenticate', 12),
      finding('specs/a.yaml', '/paths/~1pets/get/responses/401', 'no-unknown-status', 12),
      // The same rule at the same place twice (two messages): one entry.
      finding('specs/a.yaml', '/paths/~1pets/get/responses/429', 'require-retry-after', 31),
    ];
    expect(baselineEntries(findings, cwd, 'specs/baseline.json')).toEqual([
      { file: 'a.yaml', pointer: '/paths/~1pets/get/responses/401', rule: 'no-unknown-status' },
      { file: 'a.yaml', pointer: '/paths/~1pets/get/responses/401', rule: 'require-www-authenticate' },
      { file: 'a.yaml', pointer: '/paths/~1pets/get/responses/429', rule: 'require-retry-after' },
      { file: 'b.yaml', pointer: '/paths/~1pets/get/responses/401', rule: 'require-www-authenticate' },
    ]);
    // From a baseline in a sibling folder, and through a linked folder: the real one's path.
    mkdirSync(join(cwd, 'ci'));
    symlinkSync(join(cwd, 'specs'), join(cwd, 'linked'));
    expect(baselineEntries([finding('linked/a.yaml', '/x')], cwd, 'ci/baseline.json')).toEqual([{ file: '../specs/a.yaml', pointer: '/x', rule: 'require-www-authenticate' }]);
  });
});

describe('baselineEntries: the same findings, in any order, give the same entries', () => {
  it('sorts by file, then pointer, then rule', () => {
    const cwd = folder();
    const sorted = ['a.yaml', 'b.yaml'].flatMap((file) => ['/paths/~1a', '/paths/~1b'].flatMap((pointer) => ['no-unknown-status', 'require-allow'].map((rule) => finding(file, pointer, rule))));
    const expected = sorted.map((item) => ({ file: item.file, pointer: item.pointer, rule: item.ruleId }));
    const orders = [sorted, [...sorted].reverse(), [...sorted.slice(3), ...sorted.slice(0, 3)], sorted.filter((_, index) => index % 2 === 1).concat(sorted.filter((_, index) => index % 2 === 0))];
    for (const order of orders) expect(baselineEntries(order, cwd, 'baseline.json')).toEqual(expected);
  });
});

describe('formatBaseline', () => {
  it('writes one entry per line, and an empty list on one', () => {
    expect(formatBaseline([])).toBe('{\n  "format": "statuslint-baseline",\n  "version": 1,\n  "entries": []\n}\n');
    expect(formatBaseline([{ file: 'a "b".yaml', pointer: '/x', rule: 'r' }, { file: 'c.yaml', pointer: '/y', rule: 's' }])).toBe(
      '{\n  "format": "statuslint-baseline",\n  "version": 1,\n  "entries": [\n    {"file": "a \\"b\\".yaml", "pointer": "/x", "rule": "r"},\n    {"file": "c.yaml", "pointer": "/y", "rule": "s"}\n  ]\n}\n',
    );
  });
});

describe('readBaseline', () => {
  const write = (text: string): string => {
    const path = join(folder(), 'baseline.json');
    writeFileSync(path, text);
    return path;
  };
  const refusal = (text: string): string => {
    try {
      readBaseline(write(text));
    } catch (error) {
      expect(error).toBeInstanceOf(LoadError);
      return (error as LoadError).describe(tmpdir()).replace(/^.*baseline\.json/, 'baseline.json');
    }
    throw new Error('not refused');
  };

  it('reads what writeBaseline wrote, each entry once', () => {
    const cwd = folder();
    const path = join(cwd, 'baseline.json');
    expect(writeBaseline(path, [finding('a.yaml', '/x'), finding('a.yaml', '/x', 'r', 9), finding('b.yaml', '/y')], cwd)).toBe(3);
    expect(readBaseline(path)).toEqual({
      path,
      entries: [
        { file: 'a.yaml', pointer: '/x', rule: 'r' },
        { file: 'a.yaml', pointer: '/x', rule: 'require-www-authenticate' },
        { file: 'b.yaml', pointer: '/y', rule: 'require-www-authenticate' },
      ],
    });
    const twice = '{"format": "statuslint-baseline", "version": 1, "entries": [{"file": "a.yaml", "pointer": "/x", "rule": "r", "note": "kept for now"}, {"file": "a.yaml", "pointer": "/x", "rule": "r"}]}';
    expect(readBaseline(write(twice)).entries).toEqual([{ file: 'a.yaml', pointer: '/x', rule: 'r' }]);
  });

  it('refuses a baseline that is not there, or is a folder, naming it', () => {
    const dir = folder();
    expect(() => readBaseline(join(dir, 'missing.json'))).toThrow('no such baseline file; create it with --write-baseline');
    expect(() => readBaseline(dir)).toThrow('the baseline is a directory, not a file');
  });

  it.each([
    ['{"format": "statuslint-baseline", "version": 1, "entries": [}', 'baseline.json:1:61: not a statuslint baseline: invalid JSON: '],
    ['null', 'baseline.json: not a statuslint baseline (no "format": "statuslint-baseline"); create it with --write-baseline'],
    ['[]', 'baseline.json: not a statuslint baseline (no "format": "statuslint-baseline"); create it with --write-baseline'],
    ['{"format": "sarif", "version": 1, "entries": []}', 'baseline.json: not a statuslint baseline (no "format": "statuslint-baseline"); create it with --write-baseline'],
    ['{"format": "statuslint-baseline", "version": 2, "entries": []}', 'baseline.json: baseline version 2 is not supported (expected 1)'],
    ['{"format": "statuslint-baseline", "entries": []}', 'baseline.json: baseline version undefined is not supported (expected 1)'],
    ['{"format": "statuslint-baseline", "version": "1", "entries": []}', 'baseline.json: baseline version "1" is not supported (expected 1)'],
    ['{"format": "statuslint-baseline", "version": 1, "entries": {}}', 'baseline.json: not a statuslint baseline: "entries" must be a list'],
    ['{"format": "statuslint-baseline", "version": 1, "entries": [{"file": "a", "pointer": "/x", "rule": "r"}, null]}', 'baseline.json: baseline entry 2 must have string "file", "pointer" and "rule"'],
    ['{"format": "statuslint-baseline", "version": 1, "entries": ["a.yaml"]}', 'baseline.json: baseline entry 1 must have string "file", "pointer" and "rule"'],
    ['{"format": "statuslint-baseline", "version": 1, "entries": [{"pointer": "/x", "rule": "r"}]}', 'baseline.json: baseline entry 1 must have string "file", "pointer" and "rule"'],
    ['{"format": "statuslint-baseline", "version": 1, "entries": [{"file": "a", "pointer": 3, "rule": "r"}]}', 'baseline.json: baseline entry 1 must have string "file", "pointer" and "rule"'],
    ['{"format": "statuslint-baseline", "version": 1, "entries": [{"file": "a", "pointer": "/x"}]}', 'baseline.json: baseline entry 1 must have string "file", "pointer" and "rule"'],
  ])('refuses %s', (text, message) => {
    expect(refusal(text).startsWith(message), refusal(text)).toBe(true);
  });
});

describe('applyBaseline', () => {
  /** A project with two specs, and a baseline of `entries` at its root. */
  function setUp(entries: Baseline['entries']) {
    const cwd = folder();
    writeFileSync(join(cwd, 'a.yaml'), 'openapi: 3.1.0\n');
    writeFileSync(join(cwd, 'b.yaml'), 'openapi: 3.1.0\n');
    return { cwd, baseline: { path: join(cwd, 'baseline.json'), entries } };
  }

  it('drops the findings the baseline holds, in order, and counts the entries that matched nothing in a file read as fixed', () => {
    const { cwd, baseline } = setUp([
      { file: 'a.yaml', pointer: '/x', rule: 'require-www-authenticate' },
      { file: 'a.yaml', pointer: '/gone', rule: 'require-www-authenticate' },
      { file: 'b.yaml', pointer: '/x', rule: 'require-www-authenticate' },
    ]);
    const findings = [finding('a.yaml', '/new'), finding('a.yaml', '/x'), finding('a.yaml', '/x', 'require-retry-after'), finding('a.yaml', '/x', 'require-www-authenticate', 7)];
    const result = applyBaseline(baseline, findings, ['a.yaml', 'b.yaml'], cwd);
    expect(result).toEqual({ findings: [findings[0], findings[2]], fixed: 2, unseen: 0 });
  });

  it('does not count as fixed an entry of a file the run did not read, nor one whose rule did not look at it', () => {
    const { cwd, baseline } = setUp([
      { file: 'a.yaml', pointer: '/x', rule: 'require-www-authenticate' },
      { file: 'b.yaml', pointer: '/x', rule: 'require-www-authenticate' },
      { file: 'a.yaml', pointer: '/y', rule: 'require-retry-after' },
    ]);
    const looked = (file: string, rule: string) => !(file === 'a.yaml' && rule === 'require-retry-after');
    expect(applyBaseline(baseline, [], ['a.yaml'], cwd, looked)).toEqual({ findings: [], fixed: 1, unseen: 2 });
  });

  it('counts an entry of a deleted file as fixed, but not one of a spec piped without a name', () => {
    const { cwd, baseline } = setUp([
      { file: 'deleted.yaml', pointer: '/x', rule: 'require-www-authenticate' },
      { file: 'old/deleted.yaml', pointer: '/x', rule: 'require-www-authenticate' },
      { file: '<stdin>', pointer: '/x', rule: 'require-www-authenticate' },
      { file: 'b.yaml', pointer: '/x', rule: 'require-www-authenticate' },
    ]);
    expect(applyBaseline(baseline, [], ['a.yaml'], cwd)).toEqual({ findings: [], fixed: 2, unseen: 2 });
  });

  it('matches files from the baseline folder, whatever the working directory', () => {
    const { cwd, baseline } = setUp([{ file: 'a.yaml', pointer: '/x', rule: 'require-www-authenticate' }]);
    mkdirSync(join(cwd, 'tools'));
    expect(applyBaseline(baseline, [finding('../a.yaml', '/x')], ['../a.yaml'], join(cwd, 'tools'))).toEqual({ findings: [], fixed: 0, unseen: 0 });
  });
});
