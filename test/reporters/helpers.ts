import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { defineRule } from '../../src/engine/define-rule.js';
import type { EnabledRule, Rule } from '../../src/engine/types.js';
import { lint } from '../../src/lint.js';
import type { Report, ReporterOptions, ReportText } from '../../src/reporters/index.js';
import type { SarifTool } from '../../src/reporters/sarif.js';
import { pathUnderRoot } from '../../src/source-root.js';
import requireWwwAuthenticate from '../../rules/require-www-authenticate.js';
import { projectRoot } from '../cli-harness.js';

/** The checkout's root (the reporters' own tests name fixtures from it). */
export { projectRoot };

/**
 * Test-only rules that fire everywhere, at the severities the real rules do not cover, with
 * messages that need escaping: the reporters' goldens stay about the reporters, whatever
 * rules are added to the registry.
 */
export const probeOperation = defineRule({
  id: 'probe-operation',
  meta: {
    description: 'Require nothing: a test probe on every operation',
    severity: 'warning',
    references: ['RFC 9110 §9.1'],
    messages: { seen: 'Operation seen: 100% probed, a,b:c.' },
  },
  defaultOptions: {},
  create(context) {
    return { Operation: (operation) => context.report({ messageId: 'seen', at: operation.node }) };
  },
});

export const probeResponse = defineRule({
  id: 'probe-response',
  meta: {
    description: 'Require nothing: a test probe on 429 and 503 responses',
    severity: 'info',
    references: ['RFC 6585 §4'],
    messages: { seen: '{{status}} response seen.\r\nA second line, 50%.' },
  },
  defaultOptions: {},
  create(context) {
    return {
      Response(response) {
        if (response.status === '429' || response.status === '503') context.report({ messageId: 'seen', at: response.node, data: { status: response.status } });
      },
    };
  },
});

export const GOLDEN_RULES: readonly Rule<any>[] = [requireWwwAuthenticate, probeOperation, probeResponse];

/**
 * A fixed doc page for the goldens, so that they do not change with the rule's real page
 * (whose conversion has its own test): a heading, inline code, a fence, links.
 */
export const TEST_DOCS: ReadonlyMap<string, string> = new Map([
  [
    'require-www-authenticate',
    [
      '# require-www-authenticate',
      '',
      'Require a `WWW-Authenticate` header on every `401` response.',
      '',
      'Severity: `error`',
      '',
      '## Why',
      '',
      'A 401 must say how to authenticate ([RFC 9110](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2));',
      'see also [require-retry-after](require-retry-after.md).',
      '',
      '## Bad',
      '',
      '```yaml',
      "'401':",
      '  description: Unauthorized',
      '```',
      '',
    ].join('\n'),
  ],
]);

/** A fixed tool description, so that goldens do not change with the package version. */
export const TEST_TOOL: SarifTool = {
  version: '1.2.3',
  informationUri: 'https://github.com/statuslint/statuslint',
  helpUri: (ruleId) => `https://github.com/statuslint/statuslint/blob/main/rules/${ruleId}.md`,
};

/** Lints `specs` (relative to `cwd`) with `rules`, and the options a reporter gets, paths from `root`. */
export function reportOf(specs: string[], options: { rules?: readonly Rule<any>[]; cwd?: string; root?: string } = {}): { report: Report; options: ReporterOptions } {
  const cwd = options.cwd ?? projectRoot;
  const root = realpathSync(options.root ?? projectRoot);
  const rules: EnabledRule[] = (options.rules ?? GOLDEN_RULES).map((rule) => ({ rule, severity: rule.meta.severity }));
  const result = lint(specs.map((spec) => resolve(cwd, spec)), { rules, cwd });
  expect(result.failures.map((failure) => failure.describe(cwd))).toEqual([]);
  const repoPaths = new Map(result.findings.map((finding) => [finding.file, pathUnderRoot(resolve(cwd, finding.file), root).path]));
  return {
    report: { findings: result.findings, files: result.files, rules: rules.map((entry) => entry.rule) },
    options: { color: false, cwd, repoPaths },
  };
}

/**
 * `reportOf`, made the first time a test asks for it and kept for the file's other tests; never
 * while the file is collected, where everything the lint reaches would make its mutants "static",
 * each tried against the whole suite (test/mutation/README.md).
 */
export function reportLater(...args: Parameters<typeof reportOf>): () => ReturnType<typeof reportOf> {
  let made: ReturnType<typeof reportOf> | undefined;
  return () => (made ??= reportOf(...args));
}

const goldenDir = join(import.meta.dirname, 'golden');

/**
 * Compares `text` with `test/reporters/golden/<name>`. Run with UPDATE_GOLDEN=1 to rewrite
 * the files, then read the diff before committing it.
 */
export function expectGolden(name: string, text: string): void {
  const path = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  expect(existsSync(path), `golden file ${name} is missing; run UPDATE_GOLDEN=1 npx vitest run test/reporters`).toBe(true);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** A report's whole text, whether it came as one string or in pieces. */
export function wholeText(text: ReportText): string {
  return typeof text === 'string' ? text : [...text].join('');
}
