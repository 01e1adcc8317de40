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
 * The candidate `value` was most likely meant to be: the nearest by edit distance when it is
 * close (a third of the length, at least 3 edits), else the only one that contains it
 * (`warn` → `warning`, `www-authenticate` → `require-www-authenticate`).
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // A guess must keep something of what was typed: 'x' is not a misspelt 'rules'.
  if (best !== undefined && bestDistance <= Math.max(3, value.length / 3) && bestDistance < Math.max(value.length, best.length) - 1) return best;
  // Nor is one letter that a single candidate happens to hold ('x' in 'extends').
  const containing = value.length < 3 ? [] : list.filter((candidate) => candidate.toLowerCase().includes(value.toLowerCase()));
  return containing.length === 1 ? containing[0] : undefined;
}

/** `; did you mean 'x'?` or an empty string. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const match = closest(value, candidates);
  return match === undefined ? '' : `; did you mean '${match}'?`;
}
