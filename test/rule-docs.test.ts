import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { explainRule, listRules, ruleDoc, ruleDocs } from '../src/rule-docs.js';

// `statuslint rules` and `explain` through the CLI are in cli.test.ts; here, what those tests
// read past: the table's columns, the engine's own check, and the pages found from dist/.
const root = join(import.meta.dirname, '..');
const page = (id: string): string => readFileSync(join(root, 'rules', `${id}.md`), 'utf8');

describe('statuslint rules', () => {
  it('the text table lines its columns up: id, default severity, --fix, description', () => {
    const lines = listRules('text').trimEnd().split('\n');
    const columns = (line: string): number[] => [...line.matchAll(/ {2}(?=\S)/g)].map((match) => match.index + 2);
    // Each column starts where it starts on every other line, two spaces after the widest entry
    // of the column before (the --fix column is five wide, blank where --fix repairs nothing).
    const fixable = lines.find((line) => line.startsWith('require-retry-after '))!;
    const [severityAt, fixAt, descriptionAt] = columns(fixable);
    const widestId = Math.max(...lines.map((line) => line.indexOf(' ')));
    expect(severityAt).toBe(widestId + 2);
    expect(fixable.slice(fixAt, descriptionAt)).toBe('--fix  ');
    for (const line of lines) {
      expect(line.slice(descriptionAt! - 2, descriptionAt), line).toBe('  ');
      expect(line.slice(severityAt! - 2, severityAt), line).toBe('  ');
      expect(line[descriptionAt!], line).toMatch(/[A-Z]/);
      expect(line[severityAt!], line).toMatch(/[a-z]/);
    }
    // The widest default is an opt-in rule's: its column ends two spaces before --fix.
    const optIn = lines.find((line) => line.startsWith('require-problem-details '))!;
    expect(optIn.slice(severityAt, fixAt)).toBe('off (warning when on)  ');
  });

  it('each output ends its last line', () => {
    expect(listRules('text')).toMatch(/[a-z)]\n$/);
    expect(listRules('json')).toMatch(/\]\n$/);
  });
});

describe('statuslint explain', () => {
  it("prints a rule's page without the lines that mark its examples for the test", () => {
    const written = page('no-error-in-success');
    const markers = written.split('\n').filter((line) => line.startsWith('<!-- example:'));
    expect(markers.length).toBeGreaterThan(0);
    expect(explainRule('no-error-in-success')).toBe(written.split('\n').filter((line) => !line.startsWith('<!-- example:')).join('\n'));
  });

  it('explains unused-suppression, the engine check that has no rule module or page', () => {
    expect(explainRule('unused-suppression')).toBe(
      'unused-suppression: Disallow x-statuslint-ignore entries that silence nothing. The engine\'s own check, not a rule module; ' +
        'set its severity with the top-level unusedSuppressions key of the configuration. ' +
        'See https://github.com/statuslint/statuslint/blob/main/docs/configuration.md#suppressions-that-silence-nothing-unused-suppression\n',
    );
  });

  // An install without rules/ (a bundler that copied dist/ alone): the rule's own line instead.
  it('without the page, the rule id, description and references', async () => {
    vi.resetModules();
    vi.doMock('node:fs', async (importOriginal) => {
      const fs = await importOriginal<typeof import('node:fs')>();
      const readFileSync = ((path: string, ...rest: never[]) => {
        if (String(path).endsWith('.md')) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
      }) as typeof fs.readFileSync;
      return { ...fs, readFileSync, default: { ...fs, readFileSync } };
    });
    try {
      const { explainRule: withoutPages } = (await import('../src/rule-docs.js')) as typeof import('../src/rule-docs.js');
      expect(withoutPages('require-allow')).toBe('require-allow: Require an Allow header on every 405 response (RFC 9110 §15.5.6, RFC 9110 §10.2.1)\n');
    } finally {
      vi.doUnmock('node:fs');
      vi.resetModules();
    }
  });

  it('an id that is close to no rule gets the list command instead of a guess', () => {
    expect(() => explainRule('frobnicate')).toThrow("unknown rule 'frobnicate'; run statuslint rules for the list");
  });
});

describe('rule doc pages', () => {
  it('SARIF rule help leaves out an id that has no page, and keeps the order given', () => {
    const docs = ruleDocs(['require-location', 'no-such-rule', 'require-allow']);
    expect([...docs.keys()]).toEqual(['require-location', 'require-allow']);
    expect(docs.get('require-allow')).toBe(page('require-allow'));
    expect(ruleDoc('no-such-rule')).toBeUndefined();
  });

  // bin/ runs dist/bundle/ and the package exports dist/src/: both sit two folders below the
  // pages, where src/ sits one.
  it('finds the pages from the built dist/src/ too', async () => {
    const built = (await import(pathToFileURL(join(root, 'dist', 'src', 'rule-docs.js')).href)) as typeof import('../src/rule-docs.js');
    expect(built.ruleDoc('require-allow')).toBe(page('require-allow'));
  });
});
