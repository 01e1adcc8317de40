/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Cells of the distance tables one guess may fill (some 100 ms), after which it gives none: a
 * hint is not worth a hang, and a spec can make each table large and the candidates many (a
 * misspelt `$ref` to one of 500 response names of 2,000 characters took 12 s, of 8,000 hours).
 */
const DISTANCE_BUDGET = 20_000_000;

/**
 * The candidate `value` was most likely meant to be: the nearest by edit distance when it is
 * close (a third of the length, at least 3 edits), else the only one that contains it
 * (`warn` → `warning`, `www-authenticate` → `require-www-authenticate`).
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const typed = value.toLowerCase();
  const near = Math.max(3, value.length / 3);
  let best: string | undefined;
  let bestDistance = Infinity;
  let budget = DISTANCE_BUDGET;
  for (const candidate of list) {
    // Lengths further apart than `near` are at least that many edits apart: never the guess.
    if (Math.abs(candidate.length - value.length) > near) continue;
    budget -= (value.length + 1) * (candidate.length + 1);
    if (budget < 0) return undefined;
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // A guess must keep something of what was typed: 'x' is not a misspelt 'rules'.
  const nearEnough = best !== undefined && bestDistance <= near && bestDistance < Math.max(value.length, best.length) - 1;
  // A small typo (two edits at most) is the likeliest meaning. Past that, the one candidate that
  // holds all of what was typed is likelier than one that rewrites it: a `$ref` to
  // 'SwagPaypalVaultToken' meant 'SwagPaypalVaultTokenMapping', not 'swag_paypal_v1_token'
  // (Shopware's Store API 6.6.10). One letter a single candidate happens to hold ('x' in
  // 'extends') is not such a guess.
  if (nearEnough && bestDistance <= 2) return best;
  const containing = value.length < 3 ? [] : list.filter((candidate) => candidate.toLowerCase().includes(typed));
  if (containing.length === 1) return containing[0];
  return nearEnough ? best : undefined;
}

/** `; did you mean 'x'?` or an empty string. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const match = closest(value, candidates);
  return match === undefined ? '' : `; did you mean '${match}'?`;
}
