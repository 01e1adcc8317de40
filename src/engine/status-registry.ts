// The IANA HTTP Status Code Registry (https://www.iana.org/assignments/http-status-codes),
// registered under the procedure of RFC 9110 §16.2.1 (the registry is older: RFC 2817 set it
// up, and RFC 9110 §18.3 updated it). Kept as data so that rules and a future `--fix` can
// share it, and so that a registry change is a one-line edit. Checked entry by entry against
// the registry as last updated 2025-09-15 (the extension of 104).

import { isExactStatus } from './status.js';

/** How the registry lists a code. */
export type RegistryState =
  /** An ordinary registration. */
  | 'registered'
  /** Listed as "(Unused)": reserved, not to be sent (306, 418). */
  | 'unused'
  /** Registered, but marked obsolete or deprecated by its reference (305, 510). */
  | 'obsolete'
  /** A temporary registration that expires unless renewed (104). */
  | 'temporary';

export interface RegisteredStatus {
  /** The registry's description: the reason phrase, or "(Unused)". */
  reason: string;
  state: RegistryState;
  /** The registry's reference, e.g. `RFC 9110 §15.5.5`. */
  reference: string;
}

const entry = (reason: string, reference: string, state: RegistryState = 'registered'): RegisteredStatus => ({ reason, reference, state });

/** Every code in the registry, by its three-digit string, as OpenAPI keys them. */
export const STATUS_REGISTRY: ReadonlyMap<string, RegisteredStatus> = new Map([
  ['100', entry('Continue', 'RFC 9110 §15.2.1')],
  ['101', entry('Switching Protocols', 'RFC 9110 §15.2.2')],
  ['102', entry('Processing', 'RFC 2518')],
  ['103', entry('Early Hints', 'RFC 8297')],
  // TEMPORARY: registered 2024-11-13, extension registered 2025-09-15, expires 2026-11-13.
  // That date has passed; the copy checked shows no later renewal or permanent registration, and
  // what the registry says now was not seen: check it before relying on 104.
  ['104', entry('Upload Resumption Supported', 'draft-ietf-httpbis-resumable-upload-05', 'temporary')],
  ['200', entry('OK', 'RFC 9110 §15.3.1')],
  ['201', entry('Created', 'RFC 9110 §15.3.2')],
  ['202', entry('Accepted', 'RFC 9110 §15.3.3')],
  ['203', entry('Non-Authoritative Information', 'RFC 9110 §15.3.4')],
  ['204', entry('No Content', 'RFC 9110 §15.3.5')],
  ['205', entry('Reset Content', 'RFC 9110 §15.3.6')],
  ['206', entry('Partial Content', 'RFC 9110 §15.3.7')],
  ['207', entry('Multi-Status', 'RFC 4918')],
  ['208', entry('Already Reported', 'RFC 5842')],
  ['226', entry('IM Used', 'RFC 3229')],
  ['300', entry('Multiple Choices', 'RFC 9110 §15.4.1')],
  ['301', entry('Moved Permanently', 'RFC 9110 §15.4.2')],
  ['302', entry('Found', 'RFC 9110 §15.4.3')],
  ['303', entry('See Other', 'RFC 9110 §15.4.4')],
  ['304', entry('Not Modified', 'RFC 9110 §15.4.5')],
  ['305', entry('Use Proxy', 'RFC 9110 §15.4.6', 'obsolete')],
  ['306', entry('(Unused)', 'RFC 9110 §15.4.7', 'unused')],
  ['307', entry('Temporary Redirect', 'RFC 9110 §15.4.8')],
  ['308', entry('Permanent Redirect', 'RFC 9110 §15.4.9')],
  ['400', entry('Bad Request', 'RFC 9110 §15.5.1')],
  ['401', entry('Unauthorized', 'RFC 9110 §15.5.2')],
  ['402', entry('Payment Required', 'RFC 9110 §15.5.3')],
  ['403', entry('Forbidden', 'RFC 9110 §15.5.4')],
  ['404', entry('Not Found', 'RFC 9110 §15.5.5')],
  ['405', entry('Method Not Allowed', 'RFC 9110 §15.5.6')],
  ['406', entry('Not Acceptable', 'RFC 9110 §15.5.7')],
  ['407', entry('Proxy Authentication Required', 'RFC 9110 §15.5.8')],
  ['408', entry('Request Timeout', 'RFC 9110 §15.5.9')],
  ['409', entry('Conflict', 'RFC 9110 §15.5.10')],
  ['410', entry('Gone', 'RFC 9110 §15.5.11')],
  ['411', entry('Length Required', 'RFC 9110 §15.5.12')],
  ['412', entry('Precondition Failed', 'RFC 9110 §15.5.13')],
  ['413', entry('Content Too Large', 'RFC 9110 §15.5.14')],
  ['414', entry('URI Too Long', 'RFC 9110 §15.5.15')],
  ['415', entry('Unsupported Media Type', 'RFC 9110 §15.5.16')],
  ['416', entry('Range Not Satisfiable', 'RFC 9110 §15.5.17')],
  ['417', entry('Expectation Failed', 'RFC 9110 §15.5.18')],
  ['418', entry('(Unused)', 'RFC 9110 §15.5.19', 'unused')],
  ['421', entry('Misdirected Request', 'RFC 9110 §15.5.20')],
  ['422', entry('Unprocessable Content', 'RFC 9110 §15.5.21')],
  ['423', entry('Locked', 'RFC 4918')],
  ['424', entry('Failed Dependency', 'RFC 4918')],
  ['425', entry('Too Early', 'RFC 8470')],
  ['426', entry('Upgrade Required', 'RFC 9110 §15.5.22')],
  ['428', entry('Precondition Required', 'RFC 6585')],
  ['429', entry('Too Many Requests', 'RFC 6585')],
  ['431', entry('Request Header Fields Too Large', 'RFC 6585')],
  ['451', entry('Unavailable For Legal Reasons', 'RFC 7725')],
  ['500', entry('Internal Server Error', 'RFC 9110 §15.6.1')],
  ['501', entry('Not Implemented', 'RFC 9110 §15.6.2')],
  ['502', entry('Bad Gateway', 'RFC 9110 §15.6.3')],
  ['503', entry('Service Unavailable', 'RFC 9110 §15.6.4')],
  ['504', entry('Gateway Timeout', 'RFC 9110 §15.6.5')],
  ['505', entry('HTTP Version Not Supported', 'RFC 9110 §15.6.6')],
  ['506', entry('Variant Also Negotiates', 'RFC 2295')],
  ['507', entry('Insufficient Storage', 'RFC 4918')],
  ['508', entry('Loop Detected', 'RFC 5842')],
  ['510', entry('Not Extended (OBSOLETED)', 'RFC 2774', 'obsolete')],
  ['511', entry('Network Authentication Required', 'RFC 6585')],
]);

/** The registry's entry for an exact code such as `'404'`; undefined when it is not registered. */
export function registeredStatus(code: string): RegisteredStatus | undefined {
  return STATUS_REGISTRY.get(code);
}

/** The reason phrase of a registered, usable code (`'404'` → `'Not Found'`); undefined otherwise. */
export function reasonPhrase(code: string): string | undefined {
  const status = STATUS_REGISTRY.get(code);
  return status && status.state !== 'unused' ? status.reason : undefined;
}

/**
 * The x00 code of a code's class (`'299'` → `'200'`): RFC 9110 §15 has a client treat an
 * unrecognised code as that one, so it is what an unregistered code means on the wire.
 */
export function classFallback(code: string): string | undefined {
  return isExactStatus(code) ? `${code[0]}00` : undefined;
}
