import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-error-responses.js';
import { lintCase, preflightAnswer, requestBody, responsesOptional, testRule, VERSIONS, withoutResponses, withResponses, type InvalidCase, type ValidCase, type Version } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const ok = { description: 'ok' };
const op = '/paths/~1items/get';

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: a 4xx code`, spec: withResponses(v, { 200: ok, 404: ok }) },
    { name: `${v}: 400 among others`, spec: withResponses(v, { 201: ok, 400: ok, 500: ok }, { method: 'post' }) },
    { name: `${v}: default covers client errors`, spec: withResponses(v, { 200: ok, default: ok }) },
    { name: `${v}: an unregistered 4xx code still documents a client error`, spec: withResponses(v, { 200: ok, 499: ok }) },
    // The remote file is not fetched, so the model has no response there; the key still documents it.
    { name: `${v}: a 404 behind a remote $ref that is not fetched`, spec: withResponses(v, { 200: ok, 404: { $ref: 'https://example.com/responses.yaml#/NotFound' } }) },
    {
      // Generators write an empty list for an operation without parameters.
      name: `${v}: a public health check with an empty parameters list`,
      spec: withResponses(v, { 200: ok }, { path: '/health', operation: { security: [], parameters: [] } }),
    },
    {
      name: `${v}: a public operation that takes no input at all (health check)`,
      spec: withResponses(v, { 200: ok }, { path: '/health', operation: { security: [] } }),
    },
    {
      name: `${v}: a public operation under a public root`,
      spec: withResponses(v, { 200: ok }, { path: '/version', root: { security: [] } }),
    },
    {
      name: `${v}: an operation whose only security requirement is empty ({}) requires nothing`,
      spec: withResponses(v, { 200: ok }, { path: '/version', operation: { security: [{}] } }),
    },
    { name: `${v}: an OPTIONS that answers a CORS preflight`, spec: withResponses(v, preflightAnswer(v), { method: 'options' }) },
    {
      // Shopware's admin API: summary 'MCP CORS preflight', '204: CORS preflight accepted.', no Access-Control-* header.
      name: `${v}: an OPTIONS that says it answers a CORS preflight`,
      spec: withResponses(v, { 204: { description: 'CORS preflight accepted.' } }, { method: 'options', operation: { summary: 'MCP CORS preflight' } }),
    },
    {
      name: `${v}: a CORS preflight told by Access-Control-Allow-Headers alone, in lower case`,
      spec: withResponses(v, preflightAnswer(v, ['access-control-allow-headers']), { method: 'options', operation: { security: [{ key: [] }] } }),
    },
    {
      // The description states each operation's requirements (no root `security`): one that states
      // none requires none (Dialogporten's GET /.well-known/jwks.json beside its token-guarded operations).
      name: `${v}: an operation that declares no security where the others declare theirs is public`,
      spec: perOperationSecurity(v, {}),
    },
    {
      name: `${v}: an operation that declares no security beside others declared public is public`,
      spec: perOperationSecurity(v, { security: [] }),
    },
    {
      name: `${v}: a root whose only security requirement is empty ({}) requires nothing`,
      spec: withResponses(v, { 200: ok }, { path: '/version', root: { security: [{}] } }),
    },
  );
  invalid.push(
    {
      name: `${v}: only a 200`,
      spec: withResponses(v, { 200: ok }),
      errors: [
        {
          messageId: 'missing',
          at: op,
          // Swagger 2.0 has no range keys: the message suggests none there.
          message: `GET /items documents no client-error response; add the 4xx codes it returns (e.g. '400', '404')${v === '2.0' ? '' : ", a '4XX' range"}, or a 'default' error response.`,
        },
      ],
    },
    { name: `${v}: 2xx and 5xx but no 4xx`, spec: withResponses(v, { 200: ok, 500: ok, 503: ok }), errors: [{ messageId: 'missing', at: op }] },
    {
      // Every CORS response may carry Access-Control-Allow-Origin; only a preflight's answer the other two.
      name: `${v}: an OPTIONS whose answer has only Access-Control-Allow-Origin is no preflight`,
      spec: withResponses(v, preflightAnswer(v, ['Access-Control-Allow-Origin']), { method: 'options' }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/options' }],
    },
    { name: `${v}: an OPTIONS without CORS headers`, spec: withResponses(v, { 200: ok }, { method: 'options' }), errors: [{ messageId: 'missing', at: '/paths/~1items/options' }] },
    {
      name: `${v}: an OPTIONS that says preflight but not CORS`,
      spec: withResponses(v, { 200: { description: 'Preflight checks passed' } }, { method: 'options' }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/options' }],
    },
    { name: `${v}: preflight headers on a GET do not make it one`, spec: withResponses(v, preflightAnswer(v)), errors: [{ messageId: 'missing', at: op }] },
    { name: `${v}: x- keys do not count`, spec: withResponses(v, { 200: ok, 'x-400': ok }), errors: [{ messageId: 'missing', at: op }] },
    {
      name: `${v}: a public operation with a query parameter can be called wrongly`,
      spec: withResponses(v, { 200: ok }, { operation: { security: [], parameters: [{ name: 'q', in: 'query', type: 'string', schema: { type: 'string' } }] } }),
      errors: [{ messageId: 'missing', at: op }],
    },
    {
      name: `${v}: a public operation with a path-level parameter`,
      spec: {
        ...withResponses(v, {}),
        paths: { '/items': { parameters: [{ name: 'X-Tenant', in: 'header', type: 'string', schema: { type: 'string' } }], get: { security: [], responses: { 200: ok } } } },
      },
      errors: [{ messageId: 'missing', at: op }],
    },
    {
      // Every version lets a path item's fields sit beside its $ref.
      name: `${v}: a public operation with a parameter written beside its path item's $ref`,
      spec: {
        ...withResponses(v, {}),
        paths: { '/items': { $ref: 'paths/items.yaml', parameters: [{ name: 'X-Tenant', in: 'header', type: 'string', schema: { type: 'string' } }] } },
      },
      files: { 'paths/items.yaml': { get: { security: [], responses: { 200: ok } } } },
      errors: [{ messageId: 'missing', at: 'paths/items.yaml#/get' }],
    },
    {
      name: `${v}: a public operation with a body`,
      spec: withResponses(v, { 201: ok }, { method: 'post', operation: { security: [], ...requestBody(v) } }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/post' }],
    },
    {
      name: `${v}: a public operation with a path variable`,
      spec: withResponses(v, { 200: ok }, { path: '/items/{id}', operation: { security: [] } }),
      errors: [{ messageId: 'missing', at: '/paths/~1items~1{id}/get' }],
    },
    {
      name: `${v}: optional credentials ({} beside a scheme) can still be wrong`,
      spec: withResponses(v, { 200: ok }, {
        path: '/version',
        operation: { security: [{}, { key: [] }] },
        root:
          v === '2.0'
            ? { securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } }
            : { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } },
      }),
      errors: [{ messageId: 'missing', at: '/paths/~1version/get' }],
    },
    {
      // Nowhere in the description: authentication may be described in prose only.
      name: `${v}: security not declared is not public`,
      spec: withResponses(v, { 200: ok }, { path: '/me' }),
      errors: [{ messageId: 'missing', at: '/paths/~1me/get' }],
    },
    {
      // ClickSend declares Basic on 19 of its 205 operations: the rest are not known to be public.
      name: `${v}: an operation that declares no security where most others declare none either is not public`,
      spec: (() => {
        const spec = perOperationSecurity(v, {});
        return { ...spec, paths: { ...(spec.paths as object), '/status': { get: { responses: { 200: ok } } } } };
      })(),
      errors: [{ messageId: 'missing', at: '/paths/~1health/get' }, { messageId: 'missing', at: '/paths/~1status/get' }],
    },
    {
      name: `${v}: an operation that declares no security beside others that do still reports its parameters`,
      spec: (() => {
        const spec = perOperationSecurity(v, {});
        const paths = spec.paths as Record<string, Record<string, Record<string, unknown>>>;
        paths['/health']!.get!.parameters = [v === '2.0' ? { name: 'q', in: 'query', type: 'string' } : { name: 'q', in: 'query', schema: { type: 'string' } }];
        return spec;
      })(),
      errors: [{ messageId: 'missing', at: '/paths/~1health/get' }],
    },
    {
      name: `${v}: an operation in another file points into that file`,
      spec: { ...withResponses(v, {}), paths: { '/items': { $ref: 'paths/items.yaml' } } },
      files: { 'paths/items.yaml': "get:\n  responses:\n    '200':\n      description: ok\n" },
      errors: [{ messageId: 'missing', at: 'paths/items.yaml#/get', line: 1 }],
    },
  );
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push(
    { name: `${v}: a 4XX range`, spec: withResponses(v, { 200: ok, '4XX': ok }) },
    { name: `${v}: a lower-case 4xx range (no-unknown-status reports the spelling)`, spec: withResponses(v, { 200: ok, '4xx': ok }) },
  );
  invalid.push({ name: `${v}: a 5XX range is not a client error`, spec: withResponses(v, { 200: ok, '5XX': ok }), errors: [{ messageId: 'missing', at: op }] });
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  // A body is input that can be wrong, also one whose $ref is not fetched.
  invalid.push({
    name: `${v}: a public operation with a request body behind a remote $ref`,
    spec: withResponses(v, { 201: ok }, { method: 'post', operation: { security: [], requestBody: { $ref: 'https://example.com/bodies.yaml#/Item' } } }),
    errors: [{ messageId: 'missing', at: '/paths/~1items/post' }],
  });
}

for (const v of VERSIONS) {
  // Required in 2.0 and 3.0; from 3.1 on, an operation without it has not described its responses yet.
  const undescribed = { name: `${v}: an operation with no responses member`, spec: withoutResponses(v) };
  if (responsesOptional(v)) valid.push(undescribed);
  else invalid.push({ ...undescribed, errors: [{ messageId: 'missing', at: op }] });
  invalid.push({ name: `${v}: an empty responses map`, spec: withResponses(v, {}), errors: [{ messageId: 'missing', at: op }] });
}

/**
 * A description with no root `security` whose `/items` states its own requirement (`other`,
 * by default an API key) and whose `/health` states none and takes no input.
 */
function perOperationSecurity(v: Version, other: Record<string, unknown>): Record<string, unknown> {
  const key = { type: 'apiKey', in: 'header', name: 'X-Key' };
  const spec = withResponses(v, { 200: ok }, {
    path: '/health',
    root: v === '2.0' ? { securityDefinitions: { key } } : { components: { securitySchemes: { key } } },
  });
  const items = { get: { security: [{ key: [] }], ...other, responses: { 200: ok, 401: ok } } };
  return { ...spec, paths: { ...(spec.paths as object), '/items': items } };
}

testRule(rule, { valid, invalid });

describe('require-error-responses: the remedy its message suggests', () => {
  // Swagger 2.0 has no range keys (no-unknown-status reports '4XX' there): the message suggests none.
  it.each(VERSIONS.map((v) => [v, v === '2.0' ? "(e.g. '400', '404'), or a 'default' error response." : "(e.g. '400', '404'), a '4XX' range, or a 'default' error response."]))('%s', (v, expected) => {
    const result = lintCase(rule, { name: 'remedy', spec: withResponses(v as Version, { 200: ok }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(expected)]);
  });
});
