import { jsonReporter } from './json.js';
import { createSarifReporter, type SarifOptions } from './sarif.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function reporterFor(format: Format, sarif: SarifOptions = {}): Reporter {
  switch (format) {
    case 'text':
      return textReporter;
    case 'json':
      return jsonReporter;
    case 'sarif':
      return createSarifReporter(sarif);
  }
}

export type { Report, Reporter, ReporterOptions } from './types.js';
