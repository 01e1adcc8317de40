import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvModule from 'ajv';

// A CommonJS module: under NodeNext its class is `.default`; vitest's interop may unwrap it already.
const Ajv = ((ajvModule as unknown as { default?: typeof ajvModule.default }).default ?? ajvModule) as typeof ajvModule.default;

// Written from GitLab's "Code Quality report format" (see the schema's $comment).
const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(import.meta.dirname, 'schemas', 'gitlab-codequality.json'), 'utf8')) as object);

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/**
 * What GitLab would not take from a Code Quality report, one line each: schema violations, a
 * byte-order mark (GitLab's parser refuses one), and fingerprints used twice (GitLab shows
 * issues with one fingerprint as one). Empty when the report is fine.
 */
export function gitlabReportErrors(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) return ['the report starts with a byte-order mark'];
  const issues = JSON.parse(text) as unknown;
  if (!validate(issues)) return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const [index, issue] of (issues as GitlabIssue[]).entries()) {
    if (seen.has(issue.fingerprint)) errors.push(`/${index}/fingerprint ${issue.fingerprint} is used twice`);
    seen.add(issue.fingerprint);
  }
  return errors;
}

/** The issues of a report GitLab takes, or a failed expectation naming what it would not. */
export function assertValidGitlab(text: string): GitlabIssue[] {
  const errors = gitlabReportErrors(text);
  if (errors.length > 0) throw new Error(`not a GitLab Code Quality report:\n${errors.join('\n')}`);
  return JSON.parse(text) as GitlabIssue[];
}
