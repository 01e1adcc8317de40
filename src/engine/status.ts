// Status keys as OpenAPI writes them: exact codes ('404'), ranges ('4XX', OAS 3 only) and
// 'default'. Kept as strings, never numbers.

// Patterns are module constants throughout the engine and the rules: a regular expression
// literal inside a function makes a new RegExp object each time it runs, and these run for
// every response of every spec.
const EXACT = /^[1-5]\d\d$/;
const RANGE = /^[1-5]XX$/;
// What a range means does not hang on its spelling: a lower-case '4xx' is misspelt (OpenAPI
// writes ranges with an uppercase X, and no-unknown-status says so), but it is still the
// 4xx class, as require-success-response and require-error-responses read it.
const RANGE_ANY_CASE = /^[1-5]XX$/i;

/** A three-digit code such as '404' (not a range, not 'default'). */
export function isExactStatus(key: string): boolean {
  return EXACT.test(key);
}

/** An OpenAPI 3 range key: '1XX' to '5XX', uppercase X. */
export function isStatusRange(key: string): boolean {
  return RANGE.test(key);
}

/** The class digit of an exact code or range ('404', '4XX' and '4xx' → 4); undefined otherwise. */
export function statusClass(key: string): number | undefined {
  return isExactStatus(key) || RANGE_ANY_CASE.test(key) ? Number(key[0]) : undefined;
}

/** A 2xx code or the '2XX' range (or '2xx'). */
export function isSuccessStatus(key: string): boolean {
  return statusClass(key) === 2;
}
