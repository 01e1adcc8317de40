import type { SarifOptions } from './sarif.js';
import type { Reporter } from './types.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** Formats whose paths must be relative to the repository root, not the working directory. */
export const REPOSITORY_FORMATS: ReadonlySet<Format> = new Set(['sarif', 'github', 'gitlab']);

/** How the report will be written: the SARIF settings, and whether the text report is coloured. */
export interface ReporterSetup extends SarifOptions {
  color?: boolean;
}

/**
 * The reporter for a format, loaded when asked for: a run prints one format, and the others
 * (hashing for SARIF, chalk for coloured text) would only add to start-up.
 */
export async function reporterFor(format: Format, setup: ReporterSetup = {}): Promise<Reporter> {
  const { color, ...sarif } = setup;
  switch (format) {
    case 'text': {
      const { createTextReporter } = await import('./text.js');
      return createTextReporter(color ? new (await import('chalk')).Chalk({ level: 1 }) : undefined);
    }
    case 'json':
      return (await import('./json.js')).jsonReporter;
    case 'sarif':
      return (await import('./sarif.js')).createSarifReporter(sarif);
    case 'github':
      return (await import('./github.js')).githubReporter;
    case 'gitlab':
      return (await import('./gitlab.js')).createGitlabReporter();
  }
}

export type { Report, Reporter, ReporterOptions, ReportText, RunNotification, StringReporter } from './types.js';
export type { SarifOptions } from './sarif.js';
