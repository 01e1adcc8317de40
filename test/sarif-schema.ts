import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';

// The SARIF 2.1.0 JSON schema (draft-04), vendored so that the tests need no network.
const schemaPath = join(import.meta.dirname, 'schemas', 'sarif-2.1.0.json');

// RFC 3986: unreserved, gen-delims, sub-delims, or a percent-encoded octet.
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** A URI reference (RFC 3986 §4.1); a relative one may not have ':' in its first segment (§4.2). */
export function isUriReference(value: string): boolean {
  if (!URI_CHARACTERS.test(value)) return false;
  if (SCHEME.test(value)) return true;
  return !value.split(/[/?#]/)[0]!.includes(':');
}

/** An absolute URI: a URI reference with a scheme. */
export function isUri(value: string): boolean {
  return URI_CHARACTERS.test(value) && SCHEME.test(value);
}

// A CommonJS module: under NodeNext its class is `.default`; vitest's interop may unwrap it already.
const Ajv = ((ajvDraft04 as unknown as { default?: typeof ajvDraft04.default }).default ?? ajvDraft04) as typeof ajvDraft04.default;

const ajv = new Ajv({
  allErrors: true,
  strict: false,
  // The schema's `language` pattern ends in a stray `]?`, an error under the `u` flag.
  unicodeRegExp: false,
  formats: {
    uri: isUri,
    'uri-reference': isUriReference,
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i,
  },
});
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** Schema violations of a SARIF log, one line each (`/runs/0/results/0/level must be …`); empty when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error: { instancePath: string; message?: string; params?: unknown }) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}

/** Parses SARIF text and throws with every violation when it does not fit the schema. */
export function assertValidSarif(text: string): unknown {
  const log = JSON.parse(text) as unknown;
  const errors = sarifSchemaErrors(log);
  if (errors.length > 0) throw new Error(`invalid SARIF:\n${errors.join('\n')}`);
  return log;
}

/** Is this output a SARIF log? (What the CLI harness validates on the way out.) */
export function looksLikeSarif(text: string): boolean {
  return text.trimStart().startsWith('{') && text.includes('"$schema": "https://json.schemastore.org/sarif-2.1.0.json"');
}
