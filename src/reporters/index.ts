import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { createSarifReporter, type SarifOptions } from './sarif.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** Formats whose paths must be relative to the repository root, not the working directory. */
export const REPOSITORY_FORMATS: ReadonlySet<Format> = new Set(['sarif', 'github']);

export function reporterFor(format: Format, sarif: SarifOptions = {}): Reporter {
  switch (format) {
    case 'text':
      return textReporter;
    case 'json':
      return jsonReporter;
    case 'sarif':
      return createSarifReporter(sarif);
    case 'github':
      return githubReporter;
  }
}

export type { Report, Reporter, ReporterOptions, RunNotification } from './types.js';
export type { SarifOptions } from './sarif.js';
