import type { Operation } from '../loader/normalize.js';
import { isSuccessStatus } from './status.js';

/** Headers only an answer to a CORS-preflight request carries (Fetch Standard, "HTTP responses"). */
const PREFLIGHT_HEADERS = ['access-control-allow-methods', 'access-control-allow-headers'];

/**
 * An OPTIONS operation whose success response declares `Access-Control-Allow-Methods` or
 * `Access-Control-Allow-Headers`: the answer to a CORS-preflight request, as API gateways
 * export it; or one whose summary, description or success response's description says so
 * ("CORS preflight", "cross-origin pre-flight"). The browser sends that request on its own,
 * with no content, and "a CORS-preflight request never includes credentials" (Fetch
 * Standard, "CORS protocol and credentials"); an
 * answer that fails its CORS check, or whose status is not an ok status (200 to 299), a 4xx
 * whatever its headers, reaches the page as a network error ("CORS-preflight fetch"). So
 * there is no client mistake, body or credential whose status a client could act on, and the
 * rules that ask for those leave it alone.
 */
export function isCorsPreflight(operation: Operation): boolean {
  if (operation.method !== 'options') return false;
  // As the engine reads status keys everywhere: a key that is no status ('2ab', '2000') answers
  // nothing, and a lower-case '2xx' is still any 2xx (no-unknown-status reports the spelling).
  const answers = operation.responses.filter((response) => isSuccessStatus(response.status));
  if (answers.some((response) => PREFLIGHT_HEADERS.some((name) => response.header(name) !== undefined))) return true;
  // Some descriptions say it in words only: Shopware's admin API has `OPTIONS /_mcp`, summary
  // 'MCP CORS preflight', answer '204: CORS preflight accepted.', and no Access-Control-* header.
  const { summary, description } = operation.node.value;
  return [summary, description, ...answers.map((response) => response.description)].some(saysCorsPreflight);
}

/** Text that names a CORS preflight: "preflight" beside "CORS" or "cross-origin" ("preflight" alone may be a deployment's checks). */
function saysCorsPreflight(text: unknown): boolean {
  return typeof text === 'string' && /\bpre-?flight\b/i.test(text) && /\bCORS\b|\bcross-origin\b/i.test(text);
}
