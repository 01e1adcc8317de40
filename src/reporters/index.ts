import type { SarifOptions } from './sarif.js';
import type { Reporter } from './types.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Formats whose paths must be relative to the repository root, not the working directory. */
export const REPOSITORY_FORMATS: ReadonlySet<Format> = new Set(['sarif', 'github']);

/**
 * The reporter for a format, loaded when asked for: a run prints one format, and the others
 * (chalk for text, hashing for SARIF) would only add to start-up.
 */
export async function reporterFor(format: Format, sarif: SarifOptions = {}): Promise<Reporter> {
  switch (format) {
    case 'text':
      return (await import('./text.js')).textReporter;
    case 'json':
      return (await import('./json.js')).jsonReporter;
    case 'sarif':
      return (await import('./sarif.js')).createSarifReporter(sarif);
    case 'github':
      return (await import('./github.js')).githubReporter;
  }
}

export type { Report, Reporter, ReporterOptions, RunNotification } from './types.js';
export type { SarifOptions } from './sarif.js';
