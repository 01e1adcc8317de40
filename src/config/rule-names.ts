// Apart from the configuration loader, so that `statuslint explain` can name an unknown rule
// without bringing the loader into the bundle's start-up chunk.
import { unusedSuppression } from '../engine/suppress.js';
import { SEVERITIES } from '../engine/types.js';
import { didYouMean } from '../suggest.js';
import type { Registry, Setting } from './presets.js';

/** What a rule may be set to. */
export const SETTINGS: readonly Setting[] = ['off', ...SEVERITIES];

/**
 * `unknown rule 'x'` with a hint: the closest rule id, or, for `unused-suppression` (which
 * findings name like a rule, but which the engine runs), the key that sets it.
 */
export function unknownRule(id: string, registry: Registry, severity?: string): string {
  if (id === unusedSuppression.id) {
    const example = (SETTINGS as readonly string[]).includes(severity ?? '') ? severity : 'off';
    return `unknown rule '${id}': it is the engine's own check, not a rule; set it with the top-level configuration key unusedSuppressions (e.g. 'unusedSuppressions: ${example}')`;
  }
  return `unknown rule '${id}'${didYouMean(id, Object.keys(registry)) || '; run statuslint rules for the list'}`;
}
