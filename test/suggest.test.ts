import { describe, expect, it } from 'vitest';
import { closest } from '../src/suggest.js';

describe('closest (did-you-mean hints)', () => {
  it('finds a misspelt name among thousands, beside names of every length', () => {
    const names = Array.from({ length: 5_000 }, (_, index) => `Response${index}${'x'.repeat(index % 300)}`);
    expect(closest('Unauthorised', [...names, 'Unauthorized', 'NotFound'])).toBe('Unauthorized');
    expect(closest('NotFund', [...names, 'Unauthorized', 'NotFound'])).toBe('NotFound');
  });

  it('prefers the one name that holds all of what was typed to one that rewrites it', () => {
    // Shopware's Store API 6.6.10 names '#/components/schemas/SwagPaypalVaultToken', which it does not define.
    const schemas = ['SwagPaypalVaultTokenMapping', 'swag_paypal_v1_token', 'swag_paypal_v1_client_token', 'SwagPaypalPosSalesChannel'];
    expect(closest('SwagPaypalVaultToken', schemas)).toBe('SwagPaypalVaultTokenMapping');
    // A small typo still wins over a longer name that holds the typed one.
    expect(closest('Unauthorised', ['Unauthorized', 'UnauthorisedError'])).toBe('Unauthorized');
    // Two names hold it: no one of them is the likelier, so the nearest is given.
    expect(closest('Token', ['Tokens', 'TokenMapping'])).toBe('Tokens');
  });

  it('gives up rather than hang on long names that a spec multiplies', { timeout: 5_000 }, () => {
    // A misspelt `$ref` to one of 500 responses named with 3,000 characters: 4.5 billion cells
    // of distance tables, minutes of work, for a hint.
    const long = 'y'.repeat(3_000);
    const names = Array.from({ length: 500 }, (_, index) => `K${index}${long}`);
    expect(closest(`Q${long}`, names)).toBeUndefined();
  });
});
