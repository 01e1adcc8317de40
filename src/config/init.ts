import { yaml } from '../lazy-yaml.js';
import { repositoryFileUrl } from '../version.js';
import type { Registry } from './presets.js';

/**
 * A commented starter configuration: every rule listed, commented out, at the severity it
 * has when on (with its default options, when it has some), so changing one is one edit;
 * a rule outside the recommended preset is marked as off by default.
 */
export function starterConfig(registry: Registry): string {
  const rules = Object.values(registry);
  const settings = rules.map((rule) => {
    const hasOptions = rule.meta.schema !== undefined && Object.keys(rule.defaultOptions).length > 0;
    const value = hasOptions ? `[${rule.meta.severity}, ${yaml().stringify(rule.defaultOptions, { collectionStyle: 'flow' }).trim()}]` : rule.meta.severity;
    return `${rule.id}: ${value}`;
  });
  const width = Math.max(...settings.map((setting) => setting.length));
  const ruleLines = rules.map((rule, index) => {
    const note = rule.meta.recommended === false ? ' (off by default: not in recommended)' : '';
    return `  # ${settings[index]!.padEnd(width)}  # ${rule.meta.description}${note}`;
  });
  const docs = repositoryFileUrl('docs/configuration.md');
  return `# statuslint configuration: ${docs}
# statuslint finds this file by walking up from the working directory; --config names another.

# Start from a preset: statuslint:recommended (the default) or statuslint:all.
extends: statuslint:recommended

# Per rule: off, info, warning or error; [severity, {options}] for a rule's options.
# Every rule is listed at the severity it has when on; uncomment a line to change it.
# A rule marked "off by default" is turned on by uncommenting its line.
rules:
${ruleLines.join('\n')}

# Other settings for some files; globs are relative to this file's folder.
# overrides:
#   - files: ['internal/**/*.yaml']
#     rules:
#       require-www-authenticate: off

# Files never linted (globs relative to this file's folder).
# ignore:
#   - 'vendor/**'

# x-statuslint-ignore entries that silence nothing are reported at this severity (or off).
# unusedSuppressions: info
`;
}
