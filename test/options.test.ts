import { describe, expect, it } from 'vitest';
import { checkOptions, resolveOptions } from '../src/engine/options.js';
import type { OptionSchema, Rule } from '../src/engine/types.js';

// What a configuration's `rules: {id: [severity, options]}` is checked against: each problem
// names the option's path, so that the one line the CLI prints says what to change.
const schema: OptionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allowDefaultOnly: { type: 'boolean' },
    codes: { type: 'array', items: { type: 'string', pattern: '^[1-5]\\d\\d$' } },
    mode: { type: 'string', enum: ['strict', 'loose'] },
    depth: { type: 'integer' },
    nested: { type: 'object', properties: { level: { type: 'integer' } } },
  },
};

const cases: [name: string, value: unknown, problems: string[]][] = [
  ['options that fit', { allowDefaultOnly: true, codes: ['400', '422'], mode: 'strict', depth: 3, nested: { level: 1 } }, []],
  ['no options at all', {}, []],
  ['a list where an object belongs', [], ['options must be an object']],
  ['null where an object belongs', null, ['options must be an object']],
  ['a string where a boolean belongs', { allowDefaultOnly: 'yes' }, ['options.allowDefaultOnly must be a boolean']],
  ['an object where a list belongs', { codes: { 0: '400' } }, ['options.codes must be an array']],
  ['a fraction where an integer belongs', { depth: 1.5 }, ['options.depth must be an integer']],
  ['a number where a string belongs', { mode: 1 }, ['options.mode must be a string']],
  ['a value outside the enum', { mode: 'lax' }, ['options.mode must be one of "strict", "loose"']],
  ['list items checked one by one, by index', { codes: ['400', '4xx', 422] }, ['options.codes[1] must match ^[1-5]\\d\\d$', 'options.codes[2] must be a string']],
  ['a nested option, by its path', { nested: { level: 'top' } }, ['options.nested.level must be an integer']],
  // A nested object without additionalProperties: false takes keys it does not list.
  ['an unlisted key where other keys are allowed', { nested: { other: 1 } }, []],
  ['an unknown option, with the closest name', { allowDefaultonly: true }, ["options has unknown option 'allowDefaultonly'; did you mean 'allowDefaultOnly'?"]],
  ['an unknown option like no other', { zzz: true }, ["options has unknown option 'zzz'"]],
  // Inherited names are no options: only the schema's own properties are.
  ['a name every object inherits', { toString: 'x' }, ["options has unknown option 'toString'"]],
  ['every problem, not only the first', { mode: 'lax', depth: 'deep' }, ['options.mode must be one of "strict", "loose"', 'options.depth must be an integer']],
];

describe('checkOptions', () => {
  it.each(cases)('%s', (_name, value, problems) => {
    expect(checkOptions(value, schema)).toEqual(problems);
  });
});

describe('resolveOptions', () => {
  const rule = (meta: Partial<Rule<{ mode: string; depth: number }>['meta']>) =>
    ({ id: 'some-rule', meta: { schema, ...meta }, defaultOptions: { mode: 'loose', depth: 2 } }) as unknown as Rule<{ mode: string; depth: number }>;

  it('gives the defaults when no options are given', () => {
    expect(resolveOptions(rule({}), undefined)).toEqual({ mode: 'loose', depth: 2 });
  });

  it('lays the given options over the defaults', () => {
    expect(resolveOptions(rule({}), { depth: 5 })).toEqual({ mode: 'loose', depth: 5 });
  });

  it('refuses options the schema refuses, naming the rule and every problem', () => {
    expect(() => resolveOptions(rule({}), { mode: 'lax', depth: 'deep' })).toThrow(
      `invalid options for rule 'some-rule': options.mode must be one of "strict", "loose"; options.depth must be an integer`,
    );
  });

  it('refuses any option for a rule that takes none', () => {
    expect(() => resolveOptions(rule({ schema: undefined }), { depth: 5 })).toThrow("invalid options for rule 'some-rule': options has unknown option 'depth'");
    expect(resolveOptions(rule({ schema: undefined }), {})).toEqual({ mode: 'loose', depth: 2 });
  });
});
