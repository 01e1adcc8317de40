import { readlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readOwnFile } from '../own-file.js';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { yaml } from '../lazy-yaml.js';
import { entryExists, pathKind } from '../path-kind.js';
import { checkOptions } from '../engine/options.js';
import { displayPath, LoadError, UsageError, type ErrorPosition } from '../errors.js';
import { jsonError } from '../loader/parse.js';
import { GlobError, GlobSet } from '../glob.js';
import { didYouMean } from '../suggest.js';
import { SETTINGS, unknownRule } from './rule-names.js';
import { DEFAULT_PRESET, isPresetName, PRESET_NAMES, type PresetName, type Registry, type Setting } from './presets.js';

/** Where a configuration is looked for, in each folder from the working directory up. */
export const CONFIG_FILE_NAMES = ['statuslint.config.yaml', '.statuslintrc.yaml', '.statuslintrc.yml', '.statuslintrc.json'] as const;

/** The name `statuslint init` writes (here, not in init.ts, so that the help text does not load the starter). */
export const STARTER_FILE = 'statuslint.config.yaml';

export { SETTINGS, unknownRule };

/** A rule as one `rules` map sets it: options stay as they were when only a severity is given. */
export interface RuleEntry {
  severity: Setting;
  options?: object;
}

export interface Override {
  files: GlobSet;
  rules: Map<string, RuleEntry>;
}

/** A checked configuration. */
export interface Config {
  /** The file it was read from; absent for the built-in default. */
  path?: string;
  /** Folder that `overrides[].files` and `ignore` patterns are relative to. */
  base: string;
  extends: PresetName[];
  rules: Map<string, RuleEntry>;
  overrides: Override[];
  ignore: GlobSet;
  /** Severity of `unused-suppression` findings, or `off`. */
  unusedSuppressions: Setting;
}

/** A configuration that cannot be used; one problem per line, each with its position. */
export class ConfigError extends UsageError {
  constructor(readonly problems: readonly LoadError[]) {
    super(problems.map((problem) => problem.describe()).join('\n'));
  }
}

/** The configuration when no file is found: the recommended rules. */
export function defaultConfig(cwd: string): Config {
  return { base: cwd, extends: [DEFAULT_PRESET], rules: new Map(), overrides: [], ignore: new GlobSet([]), unusedSuppressions: 'info' };
}

/**
 * Names a configuration is easily given that statuslint does not read: the main name with the
 * other extensions, and the extensionless rc file that ESLint and Stylelint read. Such a file
 * would leave the run on the defaults (or on a file further up) without a word.
 */
const MISNAMED_CONFIG_FILES = ['statuslint.config.yml', 'statuslint.config.json', '.statuslintrc'];

/**
 * The nearest configuration file from `cwd` up to the file system root, if any. Files by a
 * name it does not read, in the folders searched, are added to `misnamed` (to warn about).
 */
export function findConfig(cwd: string, misnamed: string[] = []): string | undefined {
  let folder = resolve(cwd);
  for (;;) {
    for (const name of MISNAMED_CONFIG_FILES) if (entryExists(join(folder, name))) misnamed.push(join(folder, name));
    // Any entry by one of these names counts, not only a regular file: a dangling link or a
    // folder skipped here would leave the run on the defaults without a word. loadConfig
    // then refuses what is not a regular file.
    const found = CONFIG_FILE_NAMES.filter((name) => entryExists(join(folder, name)));
    if (found.length > 1) {
      // Silently preferring one would leave the user editing a file that has no effect.
      const where = folder === resolve(cwd) ? '.' : displayPath(folder, cwd);
      throw new UsageError(`${where} holds ${found.join(' and ')}; keep one configuration file`);
    }
    if (found.length === 1) {
      const path = join(folder, found[0]!);
      if (pathKind(path) === 'missing') throw new UsageError(`${displayPath(path, cwd)} is a symbolic link to ${readlinkSync(path)}, which does not exist; fix or remove the link`);
      return path;
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** Reads and checks a configuration file; throws ConfigError listing every problem. */
export function loadConfig(path: string, registry: Registry): Config {
  return parseConfig(path, readOwnFile(path, 'configuration', 'no such configuration file'), registry);
}

/**
 * YAML reads JSON too, but also reads what JSON is not: a `// comment` became part of the next
 * key, and `off` unquoted was taken. A file named `.json` is held to JSON, with the loader's
 * messages and hints; the checks below then read it through YAML for their positions.
 */
function refuseInvalidJson(path: string, text: string): void {
  if (text.trim() === '') return; // an empty file means the defaults, whatever its name
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ConfigError([jsonError(path, text, error as Error)]);
  }
}

const TOP_LEVEL_KEYS = ['extends', 'rules', 'overrides', 'ignore', 'unusedSuppressions'];

const OVERRIDE_KEYS = ['files', 'rules'];

/** Checks configuration text: YAML, or JSON in a file named `.json`. */
export function parseConfig(path: string, text: string, registry: Registry): Config {
  if (/\.json$/i.test(path)) refuseInvalidJson(path, text);
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // No byte-order mark to drop: readOwnFile has. Without pretty errors, a message names no place of its own.
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: LoadError[] = [];
  const at = (node: YamlNode | null | undefined): ErrorPosition | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problem = (node: YamlNode | null | undefined, detail: string): void => {
    problems.push(new LoadError(path, detail, at(node)));
  };

  const config = defaultConfig(dirname(path));
  config.path = path;
  const yamlError = document.errors[0];
  if (yamlError) {
    const { line, col } = lineCounter.linePos(yamlError.pos[0]);
    // `yaml` tells a program what to call instead; a person needs to know what is wrong.
    const message = yamlError.code === 'MULTIPLE_DOCS'
      ? "a second document starts here ('---'); a configuration is one document"
      : yamlError.message.split('\n')[0]!;
    throw new ConfigError([new LoadError(path, `invalid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${message}`, { line, column: col })]);
  }
  // Every check below reads the nodes as written: an alias would be judged as the word
  // '*name', and YAML 1.1's merge key as a rule named '<<'. Said once, where it is written.
  const shorthand: LoadError[] = [];
  yaml().visit(document, {
    Alias(_, node) {
      shorthand.push(new LoadError(path, `an alias (*${node.source}): the configuration does not expand aliases; write the value out`, at(node)));
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') shorthand.push(new LoadError(path, 'a merge key (<<): the configuration does not merge mappings; write the keys out', at(pair.key)));
    },
  });
  if (shorthand.length > 0) throw new ConfigError(shorthand);
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return config; // an empty file: the defaults
  if (!isMap(root)) throw new ConfigError([new LoadError(path, 'a configuration must be a mapping of extends, rules, overrides, ignore and unusedSuppressions', at(root))]);
  // A spec given as the configuration (`-c openapi.yaml`) would get a line per top-level key,
  // none of which says what happened.
  const versionKey = root.items.find((pair) => ['openapi', 'swagger'].includes(keyOf(pair) ?? ''));
  if (versionKey) {
    throw new ConfigError([new LoadError(path, `this is an OpenAPI document ('${keyOf(versionKey)}'), not a statuslint configuration, which has extends, rules, overrides, ignore and unusedSuppressions; to lint it, name it as a spec`, at(versionKey.key as YamlNode))]);
  }

  const stringList = (node: YamlNode | null, what: string): Array<{ value: string; node: YamlNode }> => {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node) && typeof node.value === 'string') return [{ value: node.value, node }];
    if (isSeq(node)) {
      const items: Array<{ value: string; node: YamlNode }> = [];
      for (const item of node.items as YamlNode[]) {
        if (isScalar(item) && typeof item.value === 'string') items.push({ value: item.value, node: item });
        else problem(item, `each entry of ${what} must be a string`);
      }
      return items;
    }
    problem(node, `${what} must be a string or a list of strings`);
    return [];
  };
  const globs = (node: YamlNode | null, what: string): GlobSet => {
    const patterns: string[] = [];
    for (const { value, node: item } of stringList(node, what)) {
      // Matches no path: an override left without a pattern is refused below.
      if (value === '') continue;
      if (value.startsWith('/')) {
        problem(item, `${what} pattern '${value}' is absolute; patterns are relative to the folder of ${basename(path)}`);
        continue;
      }
      // The paths patterns are matched against never hold '..' (a spec outside the folder is
      // matched by no pattern), so such a pattern would silently match nothing.
      if (value.split('/').includes('..')) {
        problem(item, `${what} pattern '${value}' has a '..' segment, but patterns match only files inside the folder of ${basename(path)}, relative to it`);
        continue;
      }
      // Read as in .gitignore, `!` would bring files back; read literally it matches nothing, and
      // a spec the user meant to bring back into the run would be left out without a word.
      if (value.startsWith('!')) {
        problem(item, `${what} pattern '${value}' starts with '!', but patterns cannot be negated; list only what to match (write '\\!' for a name that starts with '!')`);
        continue;
      }
      try {
        new GlobSet([value]);
        patterns.push(value);
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        problem(item, `invalid ${what} pattern: ${error.message}`);
      }
    }
    return new GlobSet(patterns);
  };
  const ruleMap = (node: YamlNode | null): Map<string, RuleEntry> => {
    const entries = new Map<string, RuleEntry>();
    if (node === null || (isScalar(node) && node.value === null)) return entries;
    if (!isMap(node)) {
      problem(node, "'rules' must map rule ids to off, info, warning, error or [severity, {options}]");
      return entries;
    }
    for (const pair of node.items) {
      const id = keyOf(pair);
      const keyNode = pair.key as YamlNode;
      if (id === undefined) {
        problem(keyNode, 'a rule id must be a string');
        continue;
      }
      const rule = Object.hasOwn(registry, id) ? registry[id] : undefined;
      if (!rule) {
        problem(keyNode, unknownRule(id, registry, isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined));
        continue;
      }
      const entry = ruleEntry(rule.id, rule.meta.schema, pair.value as YamlNode | null, keyNode);
      if (entry) entries.set(id, entry);
    }
    return entries;
  };
  const severity = (node: YamlNode | null, owner: YamlNode, what: string): Setting | undefined => {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && (SETTINGS as readonly string[]).includes(value)) return value as Setting;
    if (node === null || (isScalar(node) && node.value === null)) {
      problem(owner, `no severity for ${what}: use off, info, warning or error`);
      return undefined;
    }
    if (!isScalar(node)) {
      // `rule: {severity: warning}`, as other linters' configurations are sometimes written.
      const kind = isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'a value';
      const options = isMap(node) && what.startsWith('rule ') ? "; a rule's options follow its severity in a list: [warning, {…}]" : '';
      problem(node ?? owner, `${what} takes a severity (off, info, warning or error), not ${kind}${options}`);
      return undefined;
    }
    const hint = typeof value === 'string' ? didYouMean(value, SETTINGS) : '';
    problem(node, `invalid severity ${JSON.stringify(node.value) ?? 'nothing'} for ${what}: use off, info, warning or error${hint}`);
    return undefined;
  };
  const ruleEntry = (id: string, schema: Parameters<typeof checkOptions>[1] | undefined, node: YamlNode | null, keyNode: YamlNode): RuleEntry | undefined => {
    if (!isSeq(node)) {
      const level = severity(node, keyNode, `rule '${id}'`);
      return level && { severity: level };
    }
    const [levelNode, optionsNode, ...extra] = node.items as YamlNode[];
    if (levelNode === undefined || extra.length > 0) {
      problem(node, `rule '${id}' takes [severity] or [severity, {options}]`);
      return undefined;
    }
    const level = severity(levelNode, keyNode, `rule '${id}'`);
    if (optionsNode === undefined) return level && { severity: level };
    if (!schema) {
      problem(optionsNode, `rule '${id}' takes no options`);
      return undefined;
    }
    const options = optionsNode.toJSON() as unknown;
    const optionProblems = checkOptions(options, schema);
    for (const text of optionProblems) {
      problem(nodeAtOptionPath(optionsNode, text) ?? optionsNode, `invalid options for rule '${id}': ${text}`);
    }
    if (!level || optionProblems.length > 0) return undefined;
    return { severity: level, options: options as object };
  };

  for (const pair of root.items) {
    const key = keyOf(pair);
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'extends': {
        const names = stringList(value, "'extends'");
        config.extends = [];
        for (const { value: name, node } of names) {
          if (isPresetName(name)) config.extends.push(name);
          // A file or a package, as ESLint's and Spectral's configurations extend: say that none is read, not only that the name is unknown.
          else if (/[\\/]|\.(?:ya?ml|json)$/i.test(name)) problem(node, `unknown preset '${name}' in 'extends': use ${PRESET_NAMES.join(' or ')}; a configuration extends presets only, not a file or a package: write its settings here`);
          else problem(node, `unknown preset '${name}' in 'extends': use ${PRESET_NAMES.join(' or ')}${didYouMean(name, PRESET_NAMES)}`);
        }
        break;
      }
      case 'rules':
        config.rules = ruleMap(value);
        break;
      case 'overrides':
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isSeq(value)) {
          problem(value, "'overrides' must be a list of {files, rules}");
          break;
        }
        for (const item of value.items as YamlNode[]) {
          if (!isMap(item)) {
            problem(item, "each entry of 'overrides' must be a mapping with 'files' and 'rules'");
            continue;
          }
          const override = parseOverride(item, problem, globs, ruleMap);
          if (override) config.overrides.push(override);
        }
        break;
      case 'ignore':
        config.ignore = globs(value, "'ignore'");
        break;
      case 'unusedSuppressions': {
        const level = severity(value, pair.key as YamlNode, "'unusedSuppressions'");
        if (level) config.unusedSuppressions = level;
        break;
      }
      default:
        problem(pair.key as YamlNode, `unknown key '${key ?? String(pair.key)}'${didYouMean(key ?? '', TOP_LEVEL_KEYS) || `; a configuration has ${TOP_LEVEL_KEYS.join(', ')}`}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function parseOverride(
  item: YAMLMap,
  problem: (node: YamlNode | null | undefined, detail: string) => void,
  globs: (node: YamlNode | null, what: string) => GlobSet,
  ruleMap: (node: YamlNode | null) => Map<string, RuleEntry>,
): Override | undefined {
  let files: GlobSet | undefined;
  let filesNode: YamlNode | null = null;
  let rules = new Map<string, RuleEntry>();
  for (const pair of item.items) {
    const key = keyOf(pair);
    if (key === 'files') {
      filesNode = pair.value as YamlNode | null;
      files = globs(filesNode, "'overrides[].files'");
    }
    else if (key === 'rules') rules = ruleMap(pair.value as YamlNode | null);
    else problem(pair.key as YamlNode, `unknown key '${key ?? String(pair.key)}' in an override${didYouMean(key ?? '', OVERRIDE_KEYS) || '; an override has files and rules'}`);
  }
  if (!files || files.patterns.length === 0) {
    if (!files) problem(item, "an override needs 'files', the globs it applies to");
    // `files: []`, `files: ''` or `files:` would apply to nothing, without a word.
    else if (isEmpty(filesNode)) problem(filesNode ?? item, "an override's 'files' is empty; give the globs it applies to");
    return undefined;
  }
  return { files, rules };
}

/** No value, an empty string, or a list of none but empty strings: what leaves a list of globs with none. */
function isEmpty(node: YamlNode | null): boolean {
  const { isScalar, isSeq } = yaml();
  if (node === null) return true;
  if (isScalar(node)) return node.value === null || node.value === '';
  return isSeq(node) && node.items.every((item) => isScalar(item) && item.value === '');
}

function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const { isPair, isScalar } = yaml();
  if (!isPair(pair)) return undefined;
  return isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}

/** The node an option problem (`options.codes[1] must …`) is about, for its line. */
function nodeAtOptionPath(options: YamlNode, problem: string): YamlNode | undefined {
  const { isMap, isSeq } = yaml();
  const [, path = '', unknownKey] = /^options((?:\.[^\s.[]+|\[\d+\])*)(?: has unknown option '([^']+)')?/.exec(problem) ?? [];
  let node: YamlNode | undefined = options;
  for (const [, key, index] of path.matchAll(/\.([^\s.[]+)|\[(\d+)\]/g)) {
    if (key !== undefined && isMap(node)) node = node.items.find((pair) => keyOf(pair) === key)?.value as YamlNode | undefined;
    else if (index !== undefined && isSeq(node)) node = node.items[Number(index)] as YamlNode | undefined;
    else return node;
    if (!node) return undefined;
  }
  // An unknown option is best shown at its own key.
  if (unknownKey !== undefined && isMap(node)) return (node.items.find((pair) => keyOf(pair) === unknownKey)?.key as YamlNode | undefined) ?? node;
  return node;
}
