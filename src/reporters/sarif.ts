import type { Finding, Rule, Severity } from '../engine/types.js';
import { packageInfo, ruleDocsUrl } from '../version.js';
import { headline, pathToUri, repoPath } from './context.js';
import { occurrenceCounter } from './fingerprint.js';
export { fingerprint } from './fingerprint.js';
import { absoluteLinks, markdownToText, sectionParagraph, summary, withoutTitle } from './markdown.js';
import { documentText, ITEMS_PER_PIECE } from './pieces.js';
import type { Reporter, ReporterOptions, RunNotification } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = { error: 'error', warning: 'warning', info: 'recommendation' };

/**
 * GitHub limits a rule's short and full description to 1,024 characters ("SARIF support for
 * code scanning", reportingDescriptor object).
 */
const MAX_DESCRIPTION = 1024;

/**
 * GitHub code scanning rejects a run with more results than this ("SARIF results exceed hard
 * limit"), and shows only the top 5,000 of those it accepts.
 */
export const GITHUB_RESULTS_PER_RUN = 25_000;

/** Why code scanning would refuse a log of `results` results, when it would. */
export function githubLimitWarning(results: number): string | undefined {
  if (results <= GITHUB_RESULTS_PER_RUN) return undefined;
  return (
    `${results.toLocaleString('en-US')} results are more than GitHub code scanning accepts in one run (${GITHUB_RESULTS_PER_RUN.toLocaleString('en-US')}), ` +
    'so it will reject this SARIF file; upload fewer specs per file (each with its own --category), or report only new findings with --baseline'
  );
}

/** What the run says about statuslint itself. */
export interface SarifTool {
  /** SemVer 2.0, for `semanticVersion`. */
  version: string;
  informationUri: string;
  /** Where a rule's doc page is published. */
  helpUri(ruleId: string): string;
}

export interface SarifOptions {
  /** `--category NAME`: the run's `automationDetails.id` becomes `NAME/`. */
  category?: string;
  /** statuslint's version and links; this package's own by default. */
  tool?: SarifTool;
  /** The rules' doc pages (`rules/<id>.md`) by rule id, for rule help. */
  ruleDocs?: ReadonlyMap<string, string>;
  /** Results per piece of a long log (see documentText); tests set it low. */
  resultsPerPiece?: number;
}

export function defaultSarifTool(): SarifTool {
  const { version, homepage } = packageInfo();
  return { version, informationUri: homepage.replace(/#.*$/, ''), helpUri: ruleDocsUrl };
}

/**
 * The key code scanning reads result identity from, and the one we also publish under our
 * own versioned name. See `fingerprint` (./fingerprint.ts).
 */
export const FINGERPRINT_KEYS = ['primaryLocationLineHash', 'statuslint/v1'] as const;

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Cut to `max` characters at a sentence end when there is one. */
function clip(text: string, max = MAX_DESCRIPTION): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const end = head.lastIndexOf('. ');
  return end > max / 2 ? head.slice(0, end + 1) : `${head.slice(0, max - 1)}…`;
}

function rfcTags(rule: Rule<any>): string[] {
  return rule.meta.references.map((reference) => /^RFC (\d+)/.exec(reference)?.[1]).filter((rfc): rfc is string => rfc !== undefined).map((rfc) => `rfc${rfc}`);
}

function descriptor(rule: Rule<any>, doc: string | undefined, tool: SarifTool) {
  // The engine's own checks are documented outside rules/ and cite no RFC.
  const helpUri = rule.meta.docsUrl ?? tool.helpUri(rule.id);
  const description = sentence(rule.meta.description);
  const references = rule.meta.references.length > 0 ? `References: ${rule.meta.references.join(', ')}.` : '';
  const help = doc ? absoluteLinks(withoutTitle(doc), helpUri) : undefined;
  const full = [help ? summary(help) : undefined, help ? sectionParagraph(help, 'Why') : undefined].filter((part): part is string => part !== undefined);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: clip(description) },
    fullDescription: { text: clip([...(full.length > 0 ? full : [description]), references].filter(Boolean).join(' ')) },
    help: {
      text: help ? `${markdownToText(help)}\nDocumentation: ${helpUri}\n` : `${[description, references].filter(Boolean).join(' ')} Documentation: ${helpUri}\n`,
      markdown: help ?? `${[description, references].filter(Boolean).join(' ')}\n\nSee [${rule.meta.docsUrl ? 'the documentation' : "the rule's page"}](${helpUri}).\n`,
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.meta.severity] },
    properties: {
      tags: [...new Set(['openapi', 'http-status', ...rfcTags(rule)])],
      precision: rule.meta.precision ?? 'high',
      'problem.severity': PROBLEM_SEVERITY[rule.meta.severity],
    },
  };
}

// `%SRCROOT%` marks the URI as relative to the repository root, as CodeQL's own SARIF does.
// It is left out of `originalUriBaseIds`: its place on disk is the reader's checkout, and an
// absolute path of the machine that linted would mean nothing there.
function artifactLocation(path: string) {
  return { uri: pathToUri(path), uriBaseId: '%SRCROOT%' };
}

function physicalLocation(file: string, region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } | undefined, options: ReporterOptions) {
  return { artifactLocation: artifactLocation(repoPath(file, options)), region };
}

/** Where a file's results point: one object per file, shared by its results. */
type ArtifactLocation = ReturnType<typeof artifactLocation>;

/**
 * One result. Every field is written in one object literal, in the order SARIF readers see,
 * with `undefined` for the absent ones (JSON.stringify leaves them out): a report can hold
 * tens of thousands of results, and spreading optional parts made throwaway objects and
 * several shapes of result for each of them.
 */
function result(finding: Finding, ruleIndex: number | undefined, occurrence: string, artifactLocation: ArtifactLocation) {
  const operation = finding.operation;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: headline(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          // 1-based, endColumn exclusive: what the loader gives, on the key's own line.
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
        logicalLocations: operation ? [{ name: `${operation.method.toUpperCase()} ${operation.path}`, kind: 'function' }] : undefined,
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEYS[0]]: occurrence, [FINGERPRINT_KEYS[1]]: occurrence },
    properties: { pointer: finding.pointer },
  };
}

/**
 * An input that could not be linted (level `error`), or a part of one left unread (`warning`),
 * as a `toolExecutionNotifications` entry (SARIF §3.58): its file, and a region only when the
 * position is known. A file that could not be read has none: region is optional (§3.29), and
 * a made-up line 1 would point a reader at text that is not the problem.
 */
function notification(item: RunNotification, options: ReporterOptions) {
  const region = item.line !== undefined ? { startLine: item.line, startColumn: item.column } : undefined;
  return {
    level: item.level,
    message: { text: item.message },
    locations: item.file !== undefined ? [{ physicalLocation: physicalLocation(item.file, region, options) }] : undefined,
  };
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, every rule that ran with its help,
 * one location per result relative to the repository root, fingerprints that do not depend
 * on line numbers. A clean run still lists `results: []`, which closes fixed alerts.
 */
export function createSarifReporter(sarifOptions: SarifOptions = {}): Reporter {
  const perPiece = sarifOptions.resultsPerPiece ?? ITEMS_PER_PIECE;
  return (report, options) => {
    const tool = sarifOptions.tool ?? defaultSarifTool();
    const rules = [...report.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const occurrence = occurrenceCounter();
    // Findings come sorted by file: each file's path is worked out once, not once per result.
    // Results must be made in order: the fingerprints count what came before.
    let file: string | undefined;
    let path = '';
    let location: ArtifactLocation | undefined;
    const resultOf = (finding: Finding) => {
      if (finding.file !== file || location === undefined) {
        file = finding.file;
        path = repoPath(file, options);
        location = artifactLocation(path);
      }
      return result(finding, ruleIndex.get(finding.ruleId), occurrence(finding.ruleId, path, finding.pointer), location);
    };
    const notifications = report.notifications ?? [];
    const category = sarifOptions.category?.trim();
    const logWith = (results: unknown[]) => ({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'statuslint',
              version: tool.version,
              semanticVersion: tool.version,
              informationUri: tool.informationUri,
              rules: rules.map((rule) => descriptor(rule, sarifOptions.ruleDocs?.get(rule.id), tool)),
            },
          },
          invocations: [
            {
              executionSuccessful: !notifications.some((item) => item.level === 'error'),
              ...(notifications.length > 0 ? { toolExecutionNotifications: notifications.map((item) => notification(item, options)) } : {}),
            },
          ],
          ...(category ? { automationDetails: { id: category.endsWith('/') ? category : `${category}/` } } : {}),
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    });
    return documentText(logWith, 'results', report.findings, resultOf, perPiece);
  };
}
