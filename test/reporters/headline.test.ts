import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { headline } from '../../src/reporters/context.js';
import { jsonReporter } from '../../src/reporters/json.js';

const MESSAGE = "401 response declares no 'WWW-Authenticate' header; add one.";

function finding(pointer: string, message = MESSAGE, operation?: Finding['operation']): Finding {
  return { ruleId: 'require-www-authenticate', messageId: 'missing', severity: 'error', message, file: 'openapi.yaml', pointer, line: 1, column: 1, endLine: 1, endColumn: 2, operation, status: '401' };
}

describe('headline of a finding in a shared definition', () => {
  it.each([
    ['/components/responses/requires_authentication', "response 'requires_authentication'"],
    ['/components/responses/Unauthorized/headers/WWW-Authenticate', "response 'Unauthorized'"],
    ['/components/schemas/Error/properties/code', "schema 'Error'"],
    ['/components/headers/RateLimit', "header 'RateLimit'"],
    ['/components/requestBodies/Pet/content', "request body 'Pet'"],
    ['/components/pathItems/Pets/get/responses/401', "path item 'Pets'"],
    // Swagger 2.0's maps at the top level.
    ['/responses/Unauthorized', "response 'Unauthorized'"],
    ['/definitions/Error', "schema 'Error'"],
    ['/parameters/PetId', "parameter 'PetId'"],
    // A response written in one operation and named by `$ref` from others, reached first from one of those.
    ['/paths/~1jobs~1{id}/get/responses/401', 'GET /jobs/{id}'],
    ['/paths/~1items/additionalOperations/LINK/responses/401', 'LINK /items'],
    // The engine's own findings carry no operation: an entry on one is led by it too.
    ['/paths/~1users~1{id}/get/x-statuslint-ignore/0', 'GET /users/{id}'],
    // A response written in an operation's callback, named by `$ref` from another operation:
    // the callback's, not the operation's (which may not document that status at all).
    ['/paths/~1a/get/callbacks/onEvent/{$request.body#~1url}/post/responses/503', "GET /a callback 'onEvent'"],
    ['/paths/~1a/additionalOperations/LINK/callbacks/cb~1x/{$url}/post/responses/503', "LINK /a callback 'cb/x'"],
    // The callbacks map itself is the operation's.
    ['/paths/~1a/get/callbacks', 'GET /a'],
    // One in a webhook (3.1, 3.2), named by `$ref` from an operation.
    ['/webhooks/newPet/post/responses/429', "webhook 'newPet'"],
  ])('%s is led by %s', (pointer, lead) => {
    expect(headline(finding(pointer))).toBe(`${lead}: ${MESSAGE}`);
  });

  it('decodes the pointer escapes, and escapes what the terminal would run', () => {
    expect(headline(finding('/components/responses/a~1b~0c'))).toBe(`response 'a/b~c': ${MESSAGE}`);
    expect(headline(finding('/definitions/evil\u001b[2J\u202e'))).toBe(`schema 'evil\\u{1b}[2J\\u{202e}': ${MESSAGE}`);
  });

  it('leaves the message alone where the pointer names no definition: the file name says it', () => {
    // The root of a file reached by `$ref`, and a top-level key of one, which may be a
    // definition's name (`responses.yaml#/Unauthorized`) or the field of a response (`/headers`).
    // Nor do the maps of definitions themselves.
    for (const pointer of ['', '/Unauthorized', '/headers/WWW-Authenticate', '/components', '/components/responses', '/paths/~1pets', '/paths/~1pets/parameters/0', '/components/x-things/a', '/responses', '/definitions', '/webhooks', '/paths/~1items/additionalOperations']) {
      expect(headline(finding(pointer))).toBe(MESSAGE);
    }
  });

  it("does not take a list written on a map of definitions for a definition of that name", () => {
    // `components: {responses: {x-statuslint-ignore: [...]}}`: the list is reported as one that
    // is not read on the map; leading it with "response 'x-statuslint-ignore'" would name a
    // response that is not there.
    const notRead = (pointer: string, message: string): Finding => ({ ...finding(pointer, message), ruleId: 'unused-suppression', messageId: 'notRead', severity: 'info', status: undefined });
    const message = 'x-statuslint-ignore is not read on the components/responses map, so it silences nothing; write it on each shared response.';
    for (const pointer of ['/components/responses/x-statuslint-ignore', '/components/schemas/x-statuslint-ignore', '/responses/x-statuslint-ignore', '/definitions/x-statuslint-ignore', '/parameters/x-statuslint-ignore']) {
      expect(headline(notRead(pointer, message)), pointer).toBe(message);
    }
    // A list on an operation, or on a Swagger 2.0 shared response, is led by it.
    const invalid = 'x-statuslint-ignore is a string; write a list of rule ids or {rule, reason} entries.';
    expect(headline(notRead('/paths/~1users~1{id}/get/x-statuslint-ignore', invalid))).toBe(`GET /users/{id}: ${invalid}`);
    expect(headline(notRead('/responses/Slow/x-statuslint-ignore', invalid))).toBe(`response 'Slow': ${invalid}`);
    // A list on a shared response, and a rule's finding in a response that has that name, are led as ever.
    expect(headline(notRead('/components/responses/Slow/x-statuslint-ignore', message))).toBe(`response 'Slow': ${message}`);
    expect(headline(finding('/components/responses/x-statuslint-ignore'))).toBe(`response 'x-statuslint-ignore': ${MESSAGE}`);
  });

  it('does not name twice a definition the message names', () => {
    const envelope = "Schema 'PetResult', used as a 2xx response body, is a success/failure envelope.";
    expect(headline(finding('/components/schemas/PetResult', envelope))).toBe(envelope);
    expect(headline(finding('/definitions/PetResult', envelope))).toBe(envelope);
    const used = "Response 'Created', used for a 2xx, is an error object.";
    expect(headline(finding('/components/responses/Created/content', used))).toBe(used);
    // Another definition named in the message is no reason to leave the lead out.
    expect(headline(finding('/components/responses/Created', "Schema 'Created', used as …"))).toBe("response 'Created': Schema 'Created', used as …");
  });

  it('still leads with the operation when there is one, whatever the pointer', () => {
    expect(headline(finding('/components/responses/Unauthorized', MESSAGE, { method: 'get', path: '/pets' }))).toBe(`GET /pets: ${MESSAGE}`);
  });

  it('keeps the JSON message as the rule wrote it (a contract)', () => {
    const report = { findings: [finding('/components/responses/Unauthorized')], files: ['openapi.yaml'], rules: [] };
    const text = jsonReporter(report as never, { color: false, cwd: '.' });
    const json = JSON.parse(typeof text === 'string' ? text : [...text].join(''));
    expect(json.findings[0].message).toBe(MESSAGE);
  });
});
