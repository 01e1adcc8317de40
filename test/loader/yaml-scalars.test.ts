// Scalars as the fast YAML reader resolves them (src/loader/yaml-scalars.ts, a port of `yaml`'s
// own), against `yaml.parse` with its default core schema: the same value, of the same type, for
// every form a spec may write a value in. A form the port does not take must leave the file to
// `yaml` (no result), never give a value of its own.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tryReadYamlFast } from '../../src/loader/yaml-fast.js';

/** Reads `text` both ways; the fast reader must agree with `yaml` whenever it answers. */
function agrees(text: string): { fast: boolean } {
  const fast = tryReadYamlFast(text).result;
  if (fast) expect({ text, value: fast.value }).toStrictEqual({ text, value: parse(text) as unknown });
  return { fast: fast !== undefined };
}

const plain = [
  // null, booleans and what only looks like them
  '~', 'null', 'Null', 'NULL', 'nULL', 'nil', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'n', 'f', 't',
  // integers, octal and hexadecimal (YAML 1.2: no `0644` octal, no `0b`)
  '0', '42', '-17', '+3', '007', '0o17', '0o8', '0O17', '0x1F', '0xff', '0X1F', '0xg', '-0x1F', '12345678901234567890',
  // floats, infinities and not-a-number in every case YAML 1.2 names, and near misses
  '1.5', '-0.5', '+.5', '.5', '5.', '1e3', '1E-3', '-1.5e+10', '.5e2', '1.e2', 'e3', '1e', '1.2.3',
  '.inf', '-.Inf', '+.INF', '.iNF', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'NaN',
  // words a spec writes: status codes, versions, dates, media types, times
  '200', '2XX', '4xx', 'v1', '1.0.0', '3.1.0', '2024-01-01', 'application/json', '12:30', '1_000',
];

describe('plain scalars', () => {
  it.each(plain)('%s as a value and as a key', (source) => {
    expect(agrees(`value: ${source}\n`).fast).toBe(true);
    expect(agrees(`${source}: x\n`).fast).toBe(true);
  });

  it('folds a plain scalar over lines, an empty line kept as a line break', () => {
    for (const text of ['d: one\n  two\n', 'd: one  \n   two\t\n  three\n', 'd: one\n\n  two\n', 'd: one\n\n\n  two\n', 'd: a\n  \n  b\n']) expect(agrees(text).fast).toBe(true);
  });
});

describe('quoted scalars', () => {
  const doubleQuoted = [
    String.raw`"plain"`, String.raw`""`, String.raw`"tab\there"`, String.raw`"\0\a\b\e\f\n\r\t\v"`, String.raw`"\N\_\L\P"`, String.raw`"\ \"\/\\"`,
    String.raw`"\x41\u00e9\U0001F600"`, String.raw`"\u00E9"`, '"a\\\tb"',
    // folded over lines: a break is a space, n breaks n - 1, spaces before a break dropped
    '"one\n  two"', '"one   \n  two"', '"one\n\n  two"', '"one\n\n\n  two"', '"a \\\n  b"', '"a\\\n  \tb"', '"trailing  "', '"in  side"',
  ];
  it.each(doubleQuoted)('double-quoted %s', (source) => {
    expect(agrees(`d: ${source}\n`).fast).toBe(true);
  });

  it.each([String.raw`"\q"`, String.raw`"\x4"`, String.raw`"\u12G4"`, String.raw`"\U00110000"`])('leaves the bad escape %s to yaml', (source) => {
    expect(agrees(`d: ${source}\n`).fast).toBe(false);
  });

  const singleQuoted = ["'plain'", "''", "'it''s'", "''''", "'a\n  b'", "'a''\n\n  b'", "'a  \n  b'", "'  spaced  '"];
  it.each(singleQuoted)('single-quoted %s', (source) => {
    expect(agrees(`d: ${source}\n`).fast).toBe(true);
  });
});

describe('block scalars', () => {
  const bodies = ['  one\n  two\n', '  one\n\n  two\n\n\n', '  one\n    more\n  two\n', '\n\n  one\n', '  one\n   \n', '    deep\n  ', '  one\n\ttab\n'];
  const headers = ['|', '|-', '|+', '>', '>-', '>+', '|2', '>2'];
  it.each(headers)('%s, with each body', (header) => {
    for (const body of bodies) agrees(`d: ${header}\n${body}`);
    for (const body of bodies) agrees(`d: ${header}\n${body}e: end\n`);
  });

  it('folds more-indented lines as yaml does', () => {
    expect(agrees('d: >\n  one\n  two\n\n    more\n    indented\n  back\n\n  again\n').fast).toBe(true);
    expect(agrees('d: >-\n  a\n\n\n  b\n').fast).toBe(true);
    expect(agrees('d: |+\n  kept\n\n\ne: x\n').fast).toBe(true);
  });
});
