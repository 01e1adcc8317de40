// The yaml library's value budget (parse.ts `parsedWithinBudget`): a file it reads may hold as
// many values as half of the heap can build, 1,536 bytes each. On a 64 MiB heap, as
// robustness-cli.test.ts starts the CLI with, that is 21,845 values; here the heap's limit is
// given to the module, so that the bound is met in this process, in milliseconds.
import { describe, expect, it, vi } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { parseSource } from '../../src/loader/parse.js';

vi.mock('node:v8', async (original) => {
  const v8 = await original<typeof import('node:v8')>();
  return { ...v8, getHeapStatistics: () => ({ ...v8.getHeapStatistics(), heap_size_limit: 64 * 2 ** 20 }) };
});

const BUDGET = 21_845;

/**
 * A spec-like file the yaml library reads (it has an anchor) of exactly `values` values: each
 * key and scalar, whatever its style, each alias and each flow collection counts as one, a block
 * scalar as two (its header and its text, which the lexer marks as it marks a plain scalar).
 */
function fileOf(values: number): string {
  // 10 values: four keys, a plain scalar, two block scalars and the list.
  const head = 'x-id: &id 1\ndescription: |\n  Text.\nsummary: >\n  Text.\nx-list: [';
  // Six values a group: a plain, a double-quoted and a single-quoted scalar, an alias, a flow mapping and a flow sequence.
  const rest = values - 10;
  const items = [...Array.from({ length: Math.floor(rest / 6) }, () => `1, "d", 's', *id, {}, []`), ...Array.from({ length: rest % 6 }, () => '2')];
  return `${head}${items.join(', ')}]\n`;
}

describe('the yaml library reads a file of as many values as half the heap holds, and refuses one more', () => {
  it(`${BUDGET.toLocaleString('en-US')} values on a 64 MiB heap are read`, () => {
    const value = parseSource('/p/api.yaml', fileOf(BUDGET)).value as { 'x-list': unknown[] };
    expect(value['x-list']).toHaveLength(BUDGET - 10);
  });

  it('one more is refused, saying why and what to do', () => {
    let refusal: unknown;
    try {
      parseSource('/p/api.yaml', fileOf(BUDGET + 1));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(LoadError);
    expect((refusal as LoadError).describe('/p')).toBe(
      "api.yaml: over 21,845 YAML values in a file that the yaml library reads (it has anchors, tags or other forms statuslint's own reader leaves to it), which needs more than half of Node's 0.1 GB heap; convert it to JSON, or raise the heap (NODE_OPTIONS=--max-old-space-size=<MB>)",
    );
  });
});
