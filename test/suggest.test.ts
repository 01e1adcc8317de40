import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../src/suggest.js';

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

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['ab', 'ba', 2],
    ['severity', 'severity', 0],
    ['', '', 0],
    ['ab', '', 2],
    ['', 'abc', 3],
  ])('%j to %j: %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('closest and didYouMean', () => {
  it.each([
    // Letter case aside, and the candidate as it is written.
    ['WARN', ['warn', 'error'], 'warn'],
    ['unauthorised', ['Unauthorized'], 'Unauthorized'],
    ['severty', ['severity', 'options'], 'severity'],
    // Letter case is no edit: the same name but for case beats a one-letter typo.
    ['unauthorized', ['unauthorised', 'Unauthorized'], 'Unauthorized'],
    // Of two as near, the first given.
    ['severty', ['severity', 'seventy'], 'severity'],
    ['severty', ['seventy', 'severity'], 'seventy'],
    // Two edits still beat a longer name that holds what was typed.
    ['Catalogue', ['Catalog', 'CatalogueEntries'], 'Catalog'],
    // As many letters longer as a third of the length allows, three here.
    ['hdrs', ['headers'], 'headers'],
    // Three edits, a third of twelve characters: close enough; four are not.
    ['abcdefghijkl', ['abcdefghwxyz'], 'abcdefghwxyz'],
    ['abcdefghijkl', ['abcdefgvwxyz'], undefined],
    // Three edits at most for a short word, which must keep something of what was typed.
    ['abcdef', ['abcxyz'], 'abcxyz'],
    ['abcdef', ['abwxyz'], undefined],
    ['ab', ['xy'], undefined],
    ['ab', ['xb'], undefined],
    ['abc', ['xbc', 'xyc'], 'xbc'],
    // The one candidate that holds what was typed, however far.
    ['www-authenticate', ['require-www-authenticate', 'require-allow'], 'require-www-authenticate'],
    ['warn', ['warning', 'error'], 'warning'],
    ['api', ['openapi', 'info'], 'openapi'],
    // Not when two hold it, nor for one or two letters.
    ['auth', ['require-auth-errors', 'no-auth-errors-on-public'], undefined],
    ['x', ['extends'], undefined],
    ['', ['a'], undefined],
  ])('%j among %j: %j', (value, candidates, expected) => {
    expect(closest(value, candidates)).toBe(expected);
    expect(didYouMean(value, new Set(candidates))).toBe(expected === undefined ? '' : `; did you mean '${expected}'?`);
  });
});
