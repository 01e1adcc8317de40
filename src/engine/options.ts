import { didYouMean } from '../suggest.js';
import type { OptionSchema, Rule } from './types.js';

/** Problems with `value` against `schema`, each naming the option path; empty when it fits. */
export function checkOptions(value: unknown, schema: OptionSchema, path = 'options'): string[] {
  const problems: string[] = [];
  const typeOk =
    schema.type === 'object' ? value !== null && typeof value === 'object' && !Array.isArray(value)
    : schema.type === 'array' ? Array.isArray(value)
    : schema.type === 'integer' ? Number.isInteger(value)
    : typeof value === schema.type;
  if (!typeOk) return [`${path} must be ${schema.type === 'array' || schema.type === 'object' || schema.type === 'integer' ? 'an' : 'a'} ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value as string)) {
    problems.push(`${path} must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(', ')}`);
  }
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) {
    problems.push(`${path} must match ${schema.pattern}`);
  }
  if (schema.type === 'array' && schema.items) {
    (value as unknown[]).forEach((item, index) => problems.push(...checkOptions(item, schema.items!, `${path}[${index}]`)));
  }
  if (schema.type === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      if (property) problems.push(...checkOptions(item, property, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path} has unknown option '${key}'${didYouMean(key, Object.keys(schema.properties ?? {}))}`);
    }
  }
  return problems;
}

/** A rule's options with defaults filled in; throws on options its schema refuses. */
export function resolveOptions<Options extends object>(rule: Rule<Options>, given: object | undefined): Options {
  if (given === undefined) return rule.defaultOptions;
  const schema = rule.meta.schema ?? { type: 'object', additionalProperties: false, properties: {} };
  const problems = checkOptions(given, schema);
  if (problems.length > 0) throw new Error(`invalid options for rule '${rule.id}': ${problems.join('; ')}`);
  return { ...rule.defaultOptions, ...given };
}
