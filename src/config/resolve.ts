import { relative, resolve, sep } from 'node:path';
import { realPath, RealFolders } from '../loader/project-root.js';
import type { EnabledRule } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { Config, RuleEntry } from './load.js';
import { SETTINGS, unknownRule } from './load.js';
import { presetSettings, type Registry, type RuleSetting, type Setting } from './presets.js';

/**
 * Each configuration's folder as its real path, and the real paths of the folders of specs
 * named outside it, each found once: a folder of thousands of specs outside the
 * configuration's folder costs one `realpath` per folder, not per spec.
 */
const realFolders = new WeakMap<Config, { base: string; folders: RealFolders }>();

/**
 * A file's path as configuration patterns see it: relative to the config's folder, with `/`.
 * A path that leaves the folder is tried again through real paths: a spec named through a
 * symbolic link to the project (a linked checkout, a `$PWD` that holds one, macOS's `/tmp`)
 * is the project's file, and its overrides and `ignore` must not fall away because the
 * working directory, which the configuration is found from, is always a real path. Only the
 * spec's folder is resolved, so a spec that is itself a link is matched where it is named.
 */
export function configPath(config: Config, file: string): string {
  const path = relative(config.base, file).split(sep).join('/');
  if (!outsideBase(path)) return path;
  let known = realFolders.get(config);
  if (known === undefined) realFolders.set(config, (known = { base: realPath(config.base), folders: new RealFolders() }));
  const real = relative(known.base, known.folders.of(resolve(file))).split(sep).join('/');
  return outsideBase(real) ? path : real;
}

/**
 * Whether a file lies outside the config's folder: its patterns are relative to that folder,
 * and `**` must not reach up out of it (`../other/api.yaml`), as ESLint's do not.
 */
function outsideBase(path: string): boolean {
  return path === '..' || path.startsWith('../') || /^[a-zA-Z]:/.test(path) || path.startsWith('/');
}

/** Whether the file is in the config's folder, where its `overrides` and `ignore` patterns can match it. */
export function inConfigFolder(config: Config, file: string): boolean {
  return !outsideBase(configPath(config, file));
}

/** Whether `ignore` covers the file or a folder holding it. */
export function isIgnored(config: Config, file: string): boolean {
  if (config.ignore.patterns.length === 0) return false;
  const path = configPath(config, file);
  return !outsideBase(path) && config.ignore.matchesPathOrParent(path);
}

function apply(settings: Map<string, RuleSetting>, entries: ReadonlyMap<string, RuleEntry>): void {
  for (const [id, entry] of entries) {
    const previous = settings.get(id);
    // A severity alone keeps the options set earlier, so an override can just turn a rule down.
    settings.set(id, { severity: entry.severity, options: entry.options ?? previous?.options });
  }
}

/** Indexes of the overrides whose `files` match the spec: all that its path decides. */
export function matchingOverrides(config: Config, file: string): number[] {
  if (config.overrides.length === 0) return [];
  const path = configPath(config, file);
  if (outsideBase(path)) return [];
  return config.overrides.flatMap((override, index) => (override.files.matches(path) ? [index] : []));
}

function settingsWith(config: Config, overrides: readonly number[], registry: Registry, flags: ReadonlyMap<string, RuleEntry>): Map<string, RuleSetting> {
  const settings = presetSettings(config.extends, registry);
  apply(settings, config.rules);
  for (const index of overrides) apply(settings, config.overrides[index]!.rules);
  apply(settings, flags);
  return settings;
}

function enabledRules(settings: ReadonlyMap<string, RuleSetting>, registry: Registry): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const [id, setting] of settings) {
    if (setting.severity === 'off') continue;
    enabled.push({ rule: registry[id]!, severity: setting.severity, ...(setting.options ? { options: setting.options } : {}) });
  }
  return enabled;
}

/**
 * What each rule is set to for one spec: the presets, then `rules`, then every override whose
 * `files` match, in order, then `--rule` flags.
 */
export function settingsFor(config: Config, file: string, registry: Registry, flags: ReadonlyMap<string, RuleEntry> = new Map()): Map<string, RuleSetting> {
  return settingsWith(config, matchingOverrides(config, file), registry, flags);
}

/** The rules to run on one spec, in registry order, with their severities and options. */
export function rulesFor(config: Config, file: string, registry: Registry, flags?: ReadonlyMap<string, RuleEntry>): EnabledRule[] {
  return enabledRules(settingsFor(config, file, registry, flags), registry);
}

/**
 * `rulesFor` for the specs of one run. Specs matched by the same overrides (all of them, when
 * there are none) get the same rules, worked out once: a run over a folder of 2,000 specs
 * would otherwise build the same list 2,000 times before linting the first.
 */
export function ruleResolver(config: Config, registry: Registry, flags: ReadonlyMap<string, RuleEntry> = new Map()): (file: string) => readonly EnabledRule[] {
  const byOverrides = new Map<string, EnabledRule[]>();
  return (file) => {
    const overrides = matchingOverrides(config, file);
    const key = overrides.join(',');
    let enabled = byOverrides.get(key);
    if (!enabled) byOverrides.set(key, (enabled = enabledRules(settingsWith(config, overrides, registry, flags), registry)));
    return enabled;
  };
}

/** Reads `--rule id=severity` flags; a misspelt id or severity is a usage error with a hint. */
export function parseRuleFlags(values: readonly string[], registry: Registry): Map<string, RuleEntry> {
  const entries = new Map<string, RuleEntry>();
  for (const value of values) {
    const match = /^([^=]+)=(.*)$/.exec(value);
    if (!match) throw new UsageError(`--rule '${value}': expected <rule-id>=<severity>, e.g. --rule require-retry-after=off`);
    const id = match[1]!.trim();
    const severity = match[2]!.trim();
    if (!Object.hasOwn(registry, id)) {
      throw new UsageError(`--rule '${value}': ${unknownRule(id, registry, severity || undefined)}`);
    }
    if (!(SETTINGS as readonly string[]).includes(severity)) {
      throw new UsageError(`--rule '${value}': invalid severity '${severity}': use off, info, warning or error${didYouMean(severity, SETTINGS)}`);
    }
    entries.set(id, { severity: severity as Setting });
  }
  return entries;
}
