import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.js';
import { allRules, ruleById } from './lint.js';
import { unusedSuppression } from './engine/suppress.js';
import { unknownRule } from './config/rule-names.js';
import { didYouMean } from './suggest.js';

/**
 * Where the rule doc pages live: `rules/` at the package root, above `src/`, `dist/src/` and
 * `dist/bundle/`. From import.meta.url: import.meta.dirname needs Node 20.11, and engines admits 20.0.
 */
function docPath(ruleId: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const inDist = basename(dirname(here)) === 'dist';
  return join(here, ...(inDist ? ['..', '..'] : ['..']), 'rules', `${ruleId}.md`);
}

/** A rule's Markdown doc page; undefined if it is missing from the install. */
export function ruleDoc(ruleId: string): string | undefined {
  try {
    return readFileSync(docPath(ruleId), 'utf8');
  } catch {
    return undefined;
  }
}

/** The doc pages of the given rules by rule id, for SARIF rule help; rules without one are left out. */
export function ruleDocs(ruleIds: Iterable<string>): Map<string, string> {
  const docs = new Map<string, string>();
  for (const id of ruleIds) {
    const doc = ruleDoc(id);
    if (doc !== undefined) docs.set(id, doc);
  }
  return docs;
}

/**
 * The `statuslint rules` listing. A rule outside `statuslint:recommended` is off unless the
 * configuration turns it on, so its severity is shown as the one it takes then; `--fix` marks
 * the rules whose findings --fix repairs. JSON says the same in `recommended` and `fixable`.
 */
export function listRules(format: 'text' | 'json'): string {
  const rules = Object.values(allRules);
  const recommended = (rule: (typeof rules)[number]): boolean => rule.meta.recommended !== false;
  if (format === 'json') {
    const list = rules.map((rule) => ({
      id: rule.id,
      severity: rule.meta.severity,
      description: rule.meta.description,
      references: rule.meta.references,
      recommended: recommended(rule),
      fixable: rule.meta.fixable !== undefined,
    }));
    return JSON.stringify(list, null, 2) + '\n';
  }
  const defaults = rules.map((rule) => (recommended(rule) ? rule.meta.severity : `off (${rule.meta.severity} when on)`));
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const defaultWidth = Math.max(...defaults.map((text) => text.length));
  const lines = rules.map((rule, index) => `${rule.id.padEnd(idWidth)}  ${defaults[index]!.padEnd(defaultWidth)}  ${(rule.meta.fixable !== undefined ? '--fix' : '').padEnd(5)}  ${rule.meta.description}`);
  return lines.join('\n') + '\n';
}

/** The `statuslint explain <rule-id>` page; a misspelt id gets the closest real one. */
export function explainRule(ruleId: string): string {
  if (ruleId === unusedSuppression.id) {
    return `${ruleId}: ${unusedSuppression.meta.description}. The engine's own check, not a rule module; set its severity with the top-level unusedSuppressions key of the configuration. See ${unusedSuppression.meta.docsUrl}\n`;
  }
  const rule = ruleById(ruleId);
  if (!rule) {
    // explain knows the engine's own check too: a misspelling of it is answered with it.
    const hint = didYouMean(ruleId, [...Object.keys(allRules), unusedSuppression.id]);
    throw new UsageError(hint ? `unknown rule '${ruleId}'${hint}` : unknownRule(ruleId, allRules));
  }
  const page = ruleDoc(rule.id);
  // The test of the pages' examples reads markers that a rendered page hides; a terminal would not.
  return page?.replace(/^<!-- example:.*-->\r?\n/gm, '') ?? `${rule.id}: ${rule.meta.description} (${rule.meta.references.join(', ')})\n`;
}
