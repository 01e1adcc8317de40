import type { Finding, Rule } from '../engine/types.js';

/** What every reporter receives: the run's findings and the rules that produced them. */
export interface Report {
  findings: readonly Finding[];
  /** Specs that were linted, as the user names them. */
  files: readonly string[];
  /** The rules that ran, for their metadata. */
  rules: readonly Rule<any>[];
}

export interface ReporterOptions {
  color: boolean;
  /** Working directory the findings' paths are relative to. */
  cwd: string;
}

/** A reporter is a pure function: the same report always gives the same text. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
