import type { Rule, Severity } from '../engine/types.js';

export type Registry = Readonly<Record<string, Rule<any>>>;

/** What a rule is set to: a severity or `off`, and its options when given. */
export type Setting = Severity | 'off';

export interface RuleSetting {
  severity: Setting;
  options?: object;
}

export const PRESETS = {
  /** Every rule not marked `recommended: false`, at its default severity. The default. */
  'statuslint:recommended': (rule: Rule<any>) => rule.meta.recommended !== false,
  /** Every rule at its default severity. */
  'statuslint:all': () => true,
} as const satisfies Record<string, (rule: Rule<any>) => boolean>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
export const DEFAULT_PRESET: PresetName = 'statuslint:recommended';

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

/** The settings a list of presets gives, later presets adding to earlier ones. */
export function presetSettings(names: readonly PresetName[], registry: Registry): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const rule of Object.values(registry)) settings.set(rule.id, { severity: 'off' });
  for (const name of names) {
    for (const rule of Object.values(registry)) {
      if (PRESETS[name](rule)) settings.set(rule.id, { severity: rule.meta.severity });
    }
  }
  return settings;
}
