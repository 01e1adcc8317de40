import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors.js';
import { allRules, ruleById } from './lint.js';

/** Where the rule doc pages live: `rules/` at the package root, above both `src/` and `dist/src/`. */
function docPath(ruleId: string): string {
  const fromSource = join(import.meta.dirname, '..', 'rules', `${ruleId}.md`);
  const fromDist = join(import.meta.dirname, '..', '..', 'rules', `${ruleId}.md`);
  return import.meta.dirname.endsWith(join('dist', 'src')) ? fromDist : fromSource;
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

/** The `statuslint rules` listing. */
export function listRules(format: 'text' | 'json'): string {
  const rules = Object.values(allRules);
  if (format === 'json') {
    const list = rules.map((rule) => ({ id: rule.id, severity: rule.meta.severity, description: rule.meta.description, references: rule.meta.references }));
    return JSON.stringify(list, null, 2) + '\n';
  }
  const width = Math.max(...rules.map((rule) => rule.id.length));
  return rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}`).join('\n') + '\n';
}

/** The `statuslint explain <rule-id>` page; a misspelt id gets the closest real one. */
export function explainRule(ruleId: string): string {
  const rule = ruleById(ruleId);
  if (!rule) {
    const ids = Object.keys(allRules);
    const closest = ids.map((id) => [id, editDistance(id, ruleId)] as const).sort((a, b) => a[1] - b[1])[0];
    const hint = closest && closest[1] <= Math.max(3, ruleId.length / 3) ? `; did you mean '${closest[0]}'?` : '; run statuslint rules for the list';
    throw new UsageError(`unknown rule '${ruleId}'${hint}`);
  }
  return ruleDoc(rule.id) ?? `${rule.id}: ${rule.meta.description} (${rule.meta.references.join(', ')})\n`;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
