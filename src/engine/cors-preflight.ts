import type { Operation } from '../loader/normalize.js';

/** Headers only an answer to a CORS-preflight request carries (Fetch Standard, "HTTP responses"). */
const PREFLIGHT_HEADERS = ['access-control-allow-methods', 'access-control-allow-headers'];

/**
 * An OPTIONS operation whose success response declares `Access-Control-Allow-Methods` or
 * `Access-Control-Allow-Headers`: the answer to a CORS-preflight request, as API gateways
 * export it. The browser sends that request on its own, with no content, and "a CORS-preflight
 * request never includes credentials" (Fetch Standard, "CORS protocol and credentials"); an
 * answer that fails its CORS check, or whose status is not an ok status (200 to 299), a 4xx
 * whatever its headers, reaches the page as a network error ("CORS-preflight fetch"). So
 * there is no client mistake, body or credential whose status a client could act on, and the
 * rules that ask for those leave it alone.
 */
export function isCorsPreflight(operation: Operation): boolean {
  if (operation.method !== 'options') return false;
  return operation.responses.some((response) => response.status.startsWith('2') && PREFLIGHT_HEADERS.some((name) => response.header(name) !== undefined));
}
