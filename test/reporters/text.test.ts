import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import requireLocation from '../../rules/require-location.js';
import requireValidationError from '../../rules/require-validation-error.js';
import requireWwwAuthenticate from '../../rules/require-www-authenticate.js';
import { createTextReporter } from '../../src/reporters/text.js';
import { reportOf } from './helpers.js';

/**
 * The pattern of GitHub's REST description: many operations each write the same inline 201 or
 * 401 without its header, and the 401 is also a shared component used by others. In the text
 * report each line must say which operation it is about, as annotations and SARIF do: the
 * messages alone are the same, and a line number in a 13 MB file does not tell them apart.
 */
function spec(): string {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-text-'));
  const created = { description: 'Created', content: { 'application/json': { schema: { type: 'object' } } } };
  const unauthorized = { description: 'Unauthorized' };
  const body = { content: { 'application/json': { schema: { type: 'object' } } } };
  const file = join(dir, 'openapi.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        openapi: '3.0.3',
        info: { title: 'T', version: '1' },
        paths: {
          '/repos/{owner}/{repo}/hooks': { post: { requestBody: body, responses: { '201': created, '401': unauthorized, '422': { description: 'Invalid' }, '400': { description: 'Bad' } } } },
          '/orgs/{org}/hooks': { post: { requestBody: body, responses: { '201': created, '401': { $ref: '#/components/responses/requires_authentication' }, '422': { description: 'Invalid' } } } },
        },
        components: { responses: { requires_authentication: { description: 'Requires authentication' } } },
      },
      null,
      2,
    ),
  );
  return file;
}

describe('text reporter', () => {
  it('leads each finding about one operation with that operation, and one in a shared definition with that definition', () => {
    const file = spec();
    const { report, options } = reportOf([file], { rules: [requireLocation, requireValidationError, requireWwwAuthenticate], cwd: join(file, '..') });
    const lines = createTextReporter()(report, options)
      .split('\n')
      .filter((line) => /^\s+\d+:\d+/.test(line))
      .map((line) => line.trim().replace(/^\d+:\d+\s+\w+\s+/, ''));
    expect(lines).toEqual([
      "POST /repos/{owner}/{repo}/hooks: 201 response declares no 'Location' header; add one with the URI of the resource that was created, or use 200 if the request created nothing.  require-location",
      "POST /repos/{owner}/{repo}/hooks: 401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').  require-www-authenticate",
      // The message names its operation already: not twice.
      'POST /orgs/{org}/hooks accepts a request body but documents no 400 response; clients cannot tell a malformed request (400) from an invalid one (422).  require-validation-error',
      "POST /orgs/{org}/hooks: 201 response declares no 'Location' header; add one with the URI of the resource that was created, or use 200 if the request created nothing.  require-location",
      // In the shared definition: no one operation to name, but the definition (159 operations
      // use GitHub's, and the bare message did not say that it is not one of them).
      "response 'requires_authentication': 401 response declares no 'WWW-Authenticate' header; add one with the challenge the client must answer (e.g. 'Bearer realm=\"api\"').  require-www-authenticate",
    ]);
  });
});
