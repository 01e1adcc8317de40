import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';

const rulesDir = join(import.meta.dirname, '..', 'rules');
const modules = readdirSync(rulesDir).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.slice(0, -3));
const testsDir = join(import.meta.dirname, 'rules');

describe('rule registry', () => {
  it('registers every rule module, under its file name, in sorted order', () => {
    expect(Object.keys(rules)).toEqual([...modules].sort());
    for (const [id, rule] of Object.entries(rules)) expect(rule.id).toBe(id);
  });

  for (const [id, rule] of Object.entries(rules)) {
    describe(id, () => {
      it('has an id in kebab-case that says what it forbids or requires', () => {
        expect(id).toMatch(/^(no|require)-[a-z0-9]+(-[a-z0-9]+)*$/);
      });

      it('has metadata: a "Require/Disallow" description, a severity, RFC references, messages', () => {
        expect(rule.meta.description).toMatch(/^(Require|Disallow) /);
        expect(['error', 'warning', 'info']).toContain(rule.meta.severity);
        expect(rule.meta.references.length).toBeGreaterThan(0);
        for (const reference of rule.meta.references) expect(reference).toMatch(/^RFC \d+ §[\d.]+$/);
        expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      });

      // FindingSet takes a shared path item's findings under /v1/x and /v2/x for one by removing
      // exactly this label from their messages; any other wording would report them twice.
      it('names an operation only as "{{method}} {{path}}"', () => {
        for (const message of Object.values(rule.meta.messages)) {
          if (/\{\{(method|path)\}\}/.test(message)) expect(message).toMatch(/^(?:(?!\{\{(?:method|path)\}\}).)*\{\{method\}\} \{\{path\}\}(?:(?!\{\{(?:method|path)\}\}).)*$/s);
        }
      });

      it('has a doc page with why, bad, good, options and references sections', () => {
        const doc = readFileSync(join(rulesDir, `${id}.md`), 'utf8');
        expect(doc.startsWith(`# ${id}\n`)).toBe(true);
        expect(doc).toContain(`Severity: \`${rule.meta.severity}\``);
        for (const section of ['## Why', '## Bad', '## Good', '## Options', '## References']) expect(doc).toContain(section);
        for (const reference of rule.meta.references) {
          const [, rfc, section] = /^RFC (\d+) §([\d.]+)$/.exec(reference)!;
          expect(doc, `doc links ${reference}`).toContain(`rfc${rfc}#section-${section}`);
        }
      });

      it('documents what --fix writes, when it can fix', () => {
        const doc = readFileSync(join(rulesDir, `${id}.md`), 'utf8');
        expect(doc.includes('## Fix')).toBe(Boolean(rule.meta.fixable));
      });

      it('is listed in the README rule table with its default, whether --fix repairs it, and its description', () => {
        const setting = rule.meta.recommended ? rule.meta.severity : `off (${rule.meta.severity} when on)`;
        const row = `| [\`${id}\`](rules/${id}.md) | ${setting} | ${rule.meta.fixable ? 'yes' : ''} | ${rule.meta.description} |`;
        expect(readFileSync(join(rulesDir, '..', 'README.md'), 'utf8').split('\n')).toContain(row);
      });

      it('says on its doc page when it is off by default', () => {
        const doc = readFileSync(join(rulesDir, `${id}.md`), 'utf8');
        expect(doc.includes('**Off by default**')).toBe(!rule.meta.recommended);
      });

      it('has its table-driven tests', () => {
        expect(readdirSync(testsDir)).toContain(`${id}.test.ts`);
      });
    });
  }
});
