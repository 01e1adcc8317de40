import { describe, expect, it } from 'vitest';
import { closest } from '../src/suggest.js';

describe('closest (did-you-mean hints)', () => {
  it('finds a misspelt name among thousands, beside names of every length', () => {
    const names = Array.from({ length: 5_000 }, (_, index) => `Response${index}${'x'.repeat(index % 300)}`);
    expect(closest('Unauthorised', [...names, 'Unauthorized', 'NotFound'])).toBe('Unauthorized');
    expect(closest('NotFund', [...names, 'Unauthorized', 'NotFound'])).toBe('NotFound');
  });

  it('gives up rather than hang on long names that a spec multiplies', { timeout: 5_000 }, () => {
    // A misspelt `$ref` to one of 500 responses named with 3,000 characters: 4.5 billion cells
    // of distance tables, minutes of work, for a hint.
    const long = 'y'.repeat(3_000);
    const names = Array.from({ length: 500 }, (_, index) => `K${index}${long}`);
    expect(closest(`Q${long}`, names)).toBeUndefined();
  });
});
