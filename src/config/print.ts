import { displayPath } from '../errors.js';
import type { Config, RuleEntry } from './load.js';
import type { Registry } from './presets.js';
import { isIgnored, matchingOverrides, settingsFor } from './resolve.js';

/**
 * `--print-config <spec>`: what a spec would be linted with, as ESLint's and Stylelint's flag
 * of that name shows it, to tell why a rule runs (or not) on it: the configuration file, the
 * overrides whose `files` match, and every rule's setting once presets, `rules`, those
 * overrides and `--rule` flags are applied. Options are those configured; a rule given none
 * runs with the defaults its page lists.
 */
export function printedConfig(config: Config, file: string, registry: Registry, flags: ReadonlyMap<string, RuleEntry>, cwd: string): string {
  const settings = settingsFor(config, file, registry, flags);
  const rules: Record<string, unknown> = {};
  for (const id of Object.keys(registry).sort()) {
    const setting = settings.get(id);
    if (!setting) continue;
    rules[id] = setting.options === undefined ? setting.severity : [setting.severity, setting.options];
  }
  const printed = {
    file: displayPath(file, cwd),
    configuration: config.path === undefined ? null : displayPath(config.path, cwd),
    ignored: isIgnored(config, file),
    extends: config.extends,
    overrides: matchingOverrides(config, file).map((index) => ({ index, files: config.overrides[index]!.files.patterns })),
    unusedSuppressions: config.unusedSuppressions,
    rules,
  };
  return `${JSON.stringify(printed, null, 2)}\n`;
}
