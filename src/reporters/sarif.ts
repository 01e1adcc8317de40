import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule, Severity } from '../engine/types.js';
import { packageInfo, ruleDocsUrl } from '../version.js';
import type { Reporter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** The repository root: the nearest folder above `cwd` holding `.git`, else `cwd`. */
export function findSourceRoot(cwd: string): string {
  let folder = resolve(cwd);
  for (;;) {
    if (existsSync(join(folder, '.git'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return resolve(cwd);
    folder = parent;
  }
}

function realpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A URI relative to the source root: forward slashes, each segment percent-encoded. */
export function artifactUri(file: string, cwd: string, root: string): string {
  const absolute = realpath(isAbsolute(file) ? file : resolve(cwd, file));
  const rel = relative(realpath(root), absolute);
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/** The rule's doc page, from the Markdown file that ships beside it. */
export function ruleDoc(ruleId: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '../../rules', `${ruleId}.md`), join(here, '../../../rules', `${ruleId}.md`)]) {
    try {
      return readFileSync(candidate, 'utf8');
    } catch {
      // not in this layout
    }
  }
  return undefined;
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}

function descriptor(rule: Rule<any>) {
  const doc = ruleDoc(rule.id);
  const references = rule.meta.references.length > 0 ? ` (${rule.meta.references.join(', ')})` : '';
  const docsUrl = rule.meta.docsUrl ?? ruleDocsUrl(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: `${rule.meta.description}${references}.` },
    help: { text: doc ?? `${rule.meta.description}. See ${docsUrl}`, markdown: doc ?? `${rule.meta.description}. See [the documentation](${docsUrl}).` },
    helpUri: docsUrl,
    defaultConfiguration: { level: LEVEL[rule.meta.severity] },
    properties: {
      tags: ['openapi', 'http-status'],
      precision: 'high',
      'problem.severity': PROBLEM_SEVERITY[rule.meta.severity],
    },
  };
}

export interface SarifOptions {
  /** Folder that artifact URIs are relative to; the git top-level by default. */
  sourceRoot?: string;
  /** `runAutomationDetails.id` prefix, so several specs can be uploaded separately. */
  category?: string;
}

/** SARIF 2.1.0 shaped for GitHub code scanning. */
export function createSarifReporter(sarifOptions: SarifOptions = {}): Reporter {
  return (report, options) => {
    const root = sarifOptions.sourceRoot ? resolve(options.cwd, sarifOptions.sourceRoot) : findSourceRoot(options.cwd);
    const rules = [...report.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const results = report.findings.map((finding) => {
      const uri = artifactUri(finding.file, options.cwd, root);
      const fingerprint = createHash('sha256').update(`${finding.ruleId}\u0000${uri}\u0000${finding.pointer}`).digest('hex');
      return {
        ruleId: finding.ruleId,
        ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: finding.line,
                startColumn: finding.column,
                endLine: finding.endLine,
                endColumn: finding.endColumn,
              },
            },
            ...(finding.operation ? { logicalLocations: [{ name: `${finding.operation.method.toUpperCase()} ${finding.operation.path}`, kind: 'function' }] } : {}),
          },
        ],
        partialFingerprints: { 'statuslint/v1': fingerprint.slice(0, 32) },
        properties: { pointer: finding.pointer },
      };
    });
    const { version, homepage } = packageInfo();
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'statuslint',
              version,
              semanticVersion: version,
              informationUri: homepage,
              rules: rules.map(descriptor),
            },
          },
          ...(sarifOptions.category ? { automationDetails: { id: `${sarifOptions.category.replace(/\/?$/, '/')}` } } : {}),
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    };
    return JSON.stringify(log, null, 2) + '\n';
  };
}
