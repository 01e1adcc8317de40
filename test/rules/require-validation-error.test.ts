import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-validation-error.js';
import { lintCase, preflightAnswer, requestBody, responsesOptional, testRule, VERSIONS, withoutResponses, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const both = { 201: { description: 'Created' }, 400: { description: 'Malformed' }, 422: { description: 'Invalid' } };
const at = '/paths/~1items/post';

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: body with 400 and 422`, spec: withResponses(v, both, { method: 'post', operation: requestBody(v) }) },
    { name: `${v}: no request body, no requirement`, spec: withResponses(v, { 200: { description: 'ok' } }) },
    {
      // An API gateway's export gives the preflight's mock integration a body the browser never sends.
      name: `${v}: a CORS preflight with a request body`,
      spec: withResponses(v, preflightAnswer(v), { method: 'options', operation: requestBody(v) }),
    },
    {
      name: `${v}: a CORS preflight said in words, with a request body`,
      spec: withResponses(v, { 204: { description: 'CORS preflight accepted.' } }, { method: 'options', operation: { ...requestBody(v), summary: 'MCP CORS preflight' } }),
    },
    { name: `${v}: option asks only for 400`, options: { codes: ['400'] }, spec: withResponses(v, { 201: { description: 'ok' }, 400: { description: 'Bad' } }, { method: 'post', operation: requestBody(v) }) },
  );
  invalid.push(
    {
      name: `${v}: body with no error responses at all`,
      spec: withResponses(v, { 201: { description: 'Created' } }, { method: 'post', operation: requestBody(v) }),
      errors: [{ messageId: 'missing', at, message: 'POST /items accepts a request body but documents no 400 or 422 response; clients cannot tell a malformed request (400) from an invalid one (422).' }],
    },
    {
      name: `${v}: an OPTIONS with a request body that answers no preflight`,
      spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'options', operation: requestBody(v) }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/options' }],
    },
    {
      name: `${v}: 400 only`,
      spec: withResponses(v, { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', operation: requestBody(v) }),
      errors: [{ messageId: 'missing', at }],
    },
    {
      name: `${v}: default does not count`,
      spec: withResponses(v, { 201: { description: 'Created' }, default: { description: 'Error' } }, { method: 'put', operation: requestBody(v) }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/put' }],
    },
  );
}

valid.push({
  // README: parameters written beside a path item's $ref replace the referenced item's (a clash the specs leave undefined).
  name: "2.0: parameters written beside the path item's $ref replace its own: a body parameter the item declares no longer applies",
  spec: { ...withResponses('2.0', {}), paths: { '/items': { $ref: 'paths/items.yaml', parameters: [{ name: 'q', in: 'query', type: 'string' }] } } },
  files: { 'paths/items.yaml': { parameters: [{ name: 'b', in: 'body', schema: { type: 'object' } }], post: { responses: { 201: { description: 'ok' }, 400: { description: 'Bad' } } } } },
});
valid.push({
  name: '3.1: request body defined once in components',
  spec: {
    ...withResponses('3.1', { 200: { description: 'ok' } }),
    paths: { '/items': { patch: { requestBody: { $ref: '#/components/requestBodies/Item' }, responses: both } } },
    components: { requestBodies: { Item: { content: { 'application/json': { schema: { type: 'object' } } } } } },
  },
});
invalid.push(
  {
    name: '3.0: a 4XX range does not count',
    spec: withResponses('3.0', { 201: { description: 'Created' }, '4XX': { description: 'Client error' } }, { method: 'post', operation: requestBody('3.0') }),
    errors: [{ messageId: 'missing', at }],
  },
  {
    name: '2.0: formData parameters are a body',
    spec: withResponses('2.0', { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', operation: { consumes: ['multipart/form-data'], parameters: [{ name: 'file', in: 'formData', type: 'file' }] } }),
    errors: [{ messageId: 'missing', at }],
  },
  {
    name: '2.0: a body parameter declared on the path item applies to the operation',
    spec: { ...withResponses('2.0', {}), paths: { '/items': { parameters: [{ name: 'b', in: 'body', schema: { type: 'object' } }], post: { responses: { 201: { description: 'ok' }, 400: { description: 'Bad' } } } } } },
    errors: [{ messageId: 'missing', at }],
  },
  {
    name: "2.0: a body parameter written beside the path item's $ref applies to the operation",
    spec: { ...withResponses('2.0', {}), paths: { '/items': { $ref: 'paths/items.yaml', parameters: [{ name: 'b', in: 'body', schema: { type: 'object' } }] } } },
    files: { 'paths/items.yaml': { post: { responses: { 201: { description: 'ok' }, 400: { description: 'Bad' } } } } },
    errors: [{ messageId: 'missing', at: 'paths/items.yaml#/post' }],
  },
  {
    name: '2.0: a shared body parameter through $ref',
    spec: {
      ...withResponses('2.0', {}),
      parameters: { Body: { name: 'b', in: 'body', schema: { type: 'object' } } },
      paths: { '/items': { post: { parameters: [{ $ref: '#/parameters/Body' }], responses: { 201: { description: 'ok' }, 422: { description: 'Invalid' } } } } },
    },
    errors: [{ messageId: 'missing', at }],
  },
);

for (const v of VERSIONS) {
  // Required in 2.0 and 3.0; from 3.1 on, an operation without it has not described its responses yet.
  const undescribed = { name: `${v}: a body, and no responses member`, spec: withoutResponses(v, { method: 'post', operation: requestBody(v) }) };
  if (responsesOptional(v)) valid.push(undescribed);
  else invalid.push({ ...undescribed, errors: [{ messageId: 'missing', at }] });
  // Described, and empty: no version leaves it alone.
  invalid.push({ name: `${v}: a body, and an empty responses map`, spec: withResponses(v, {}, { method: 'post', operation: requestBody(v) }), errors: [{ messageId: 'missing', at }] });
}

for (const v of VERSIONS) {
  // With other codes than 400 and 422, the reason "malformed (400) or invalid (422)" does not hold.
  invalid.push(
    {
      name: `${v}: option asks only for 400, and it is missing`,
      options: { codes: ['400'] },
      spec: withResponses(v, { 201: { description: 'Created' }, 422: { description: 'Invalid' } }, { method: 'post', operation: requestBody(v) }),
      errors: [{ messageId: 'missingCodes', at, message: 'POST /items accepts a request body but documents no 400 response; document the status a client gets for a body the operation cannot accept.' }],
    },
    {
      name: `${v}: option asks for 400, 409 and 422: the 400/422 reason holds`,
      options: { codes: ['400', '409', '422'] },
      spec: withResponses(v, { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', operation: requestBody(v) }),
      errors: [{ messageId: 'missing', at }],
    },
    {
      // 400 and 422 are both there: a client can tell the two apart, only the 409 is missing.
      name: `${v}: option asks for 400, 409 and 422, and only 409 is missing: the 400/422 reason does not hold`,
      options: { codes: ['400', '409', '422'] },
      spec: withResponses(v, { 201: { description: 'Created' }, 400: { description: 'Bad' }, 422: { description: 'Invalid' } }, { method: 'post', operation: requestBody(v) }),
      errors: [{ messageId: 'missingCodes', at }],
    },
  );
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  // `content: {}` lists no media type a body could have: there is no body to validate.
  valid.push({
    name: `${v}: a request body with an empty content map`,
    spec: withResponses(v, { 204: { description: 'Deleted' } }, { method: 'delete', operation: { requestBody: { content: {}, required: false } } }),
  });
  invalid.push({
    name: `${v}: a request body with one media type and no schema is a body`,
    spec: withResponses(v, { 204: { description: 'Done' } }, { method: 'post', operation: { requestBody: { content: { 'text/plain': {} } } } }),
    errors: [{ messageId: 'missing', at }],
  });
  // A JSON or form media type without a schema admits any JSON: nothing says the body is empty.
  invalid.push({
    name: `${v}: a JSON request body with no schema is a body`,
    spec: withResponses(v, { 204: { description: 'Done' } }, { method: 'post', operation: { requestBody: { content: { 'application/json': {} } } } }),
    errors: [{ messageId: 'missing', at }],
  });
}

/** A schema that admits only `{}`, as Stripe's description gives every GET and DELETE. */
const emptyObject = { type: 'object', properties: {}, additionalProperties: false };
/** A form-encoded body with that schema, as Stripe writes it (OAS 3), or a body parameter with it (2.0). */
function bodyOf(v: (typeof VERSIONS)[number], schema: Record<string, unknown>): Record<string, unknown> {
  if (v === '2.0') return requestBody('2.0', schema);
  return { requestBody: { required: false, content: { 'application/x-www-form-urlencoded': { encoding: {}, schema } } } };
}
for (const v of VERSIONS) {
  // A body that admits only the empty object carries nothing that could be malformed or invalid.
  valid.push(
    { name: `${v}: a GET whose body admits only the empty object (Stripe)`, spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'get', operation: bodyOf(v, emptyObject) }) },
    ...(v === '2.0' ? [] : [{ name: `${v}: a JSON media type with parameters, and a +json one, both the empty object`, spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'put', operation: { requestBody: { content: { 'application/json; charset=utf-8': { schema: emptyObject }, 'application/*+json': { schema: emptyObject } } } } }) }]),
    { name: `${v}: a DELETE whose body admits only the empty object, with no properties member`, spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'delete', operation: bodyOf(v, { type: 'object', additionalProperties: false }) }) },
    {
      name: `${v}: a body whose schema is a $ref to a schema that admits only the empty object`,
      spec: {
        ...withResponses(v, {}),
        paths: { '/items': { get: { ...bodyOf(v, { $ref: v === '2.0' ? '#/definitions/Nothing' : '#/components/schemas/Nothing' }), responses: { 200: { description: 'ok' } } } } },
        ...(v === '2.0' ? { definitions: { Nothing: emptyObject } } : { components: { schemas: { Nothing: emptyObject } } }),
      },
    },
  );
  invalid.push(
    {
      name: `${v}: a body with additionalProperties false but a property is a body`,
      spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'post', operation: bodyOf(v, { ...emptyObject, properties: { expand: { type: 'string' } } }) }),
      errors: [{ messageId: 'missing', at }],
    },
    {
      name: `${v}: an object schema with no properties that does not forbid others is a body`,
      spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'post', operation: bodyOf(v, { type: 'object', properties: {} }) }),
      errors: [{ messageId: 'missing', at }],
    },
  );
}
for (const v of VERSIONS) {
  const nothing = v === '2.0' ? '#/definitions/Nothing' : '#/components/schemas/Nothing';
  const definitions = v === '2.0' ? { definitions: { Nothing: emptyObject } } : { components: { schemas: { Nothing: emptyObject } } };
  const body = bodyOf(v, emptyObject) as { parameters?: unknown[] };
  const expand = v === '2.0' ? { name: 'expand', in: 'query', type: 'string' } : { name: 'expand', in: 'query', schema: { type: 'string' } };
  valid.push(
    {
      // A description beside the `$ref` annotates it; it lets no member in.
      name: `${v}: a body whose schema is a described $ref to a schema that admits only the empty object`,
      spec: { ...withResponses(v, {}), paths: { '/items': { get: { ...bodyOf(v, { $ref: nothing, description: 'No parameters' }), responses: { 200: { description: 'ok' } } } } }, ...definitions },
    },
    {
      // Stripe's GETs take their options in the query; the body still admits only `{}`.
      name: `${v}: a GET with query parameters whose body admits only the empty object`,
      spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'get', operation: { ...body, parameters: [expand, ...(body.parameters ?? [])] } }),
    },
  );
  invalid.push({
    // additionalProperties says nothing of the items of an array: a bulk request carries them.
    name: `${v}: an array body with additionalProperties false is a body`,
    spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'post', operation: bodyOf(v, { type: 'array', items: { type: 'string' }, additionalProperties: false }) }),
    errors: [{ messageId: 'missing', at }],
  });
  // An object closed with additionalProperties false whose members come from a composition (Swagger 2.0 has only allOf).
  for (const keyword of v === '2.0' ? ['allOf'] : ['allOf', 'anyOf', 'oneOf']) {
    invalid.push({
      name: `${v}: additionalProperties false beside ${keyword === 'oneOf' ? 'a' : 'an'} ${keyword} that brings the members: a body`,
      spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'post', operation: bodyOf(v, { ...emptyObject, [keyword]: [{ type: 'object', properties: { id: { type: 'string' } } }] }) }),
      errors: [{ messageId: 'missing', at }],
    });
  }
}
for (const v of ['3.1', '3.2'] as const) {
  valid.push({
    // OAS 3.1 on: a Reference Object's summary and description, written beside a schema's $ref.
    name: `${v}: a body whose schema is a $ref with a summary beside it, to a schema that admits only the empty object`,
    spec: { ...withResponses(v, {}), paths: { '/items': { get: { ...bodyOf(v, { $ref: '#/components/schemas/Nothing', summary: 'Nothing', description: 'No parameters' }), responses: { 200: { description: 'ok' } } } } }, components: { schemas: { Nothing: emptyObject } } },
  });
}
for (const v of ['3.0', '3.1', '3.2'] as const) {
  // JSON:API's media type: a +json type with a vendor tree before the plus.
  valid.push({ name: `${v}: an application/vnd.api+json body that admits only the empty object`, spec: withResponses(v, { 200: { description: 'ok' } }, { method: 'delete', operation: { requestBody: { content: { 'application/vnd.api+json': { schema: emptyObject } } } } }) });
}
invalid.push(
  {
    name: '3.0: one media type admits only the empty object, another takes JSON: a body',
    spec: withResponses('3.0', { 200: { description: 'ok' } }, { method: 'post', operation: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: emptyObject }, 'application/json': { schema: { type: 'object' } } } } } }),
    errors: [{ messageId: 'missing', at }],
  },
  {
    name: '3.1: patternProperties let members in: a body',
    spec: withResponses('3.1', { 200: { description: 'ok' } }, { method: 'post', operation: bodyOf('3.1', { ...emptyObject, patternProperties: { '^x-': { type: 'string' } } }) }),
    errors: [{ messageId: 'missing', at }],
  },
  {
    // ShipEngine: additionalProperties: false beside an allOf and a oneOf that bring the members.
    name: '3.0: additionalProperties false beside allOf and oneOf: a body',
    spec: {
      ...withResponses('3.0', {}),
      paths: { '/items': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, allOf: [{ $ref: '#/components/schemas/Options' }], oneOf: [{ $ref: '#/components/schemas/ById' }] } } } }, responses: { 200: { description: 'ok' } } } } },
      components: { schemas: { Options: { type: 'object', properties: { carrier: { type: 'string' } } }, ById: { type: 'object', properties: { id: { type: 'string' } } } } },
    },
    errors: [{ messageId: 'missing', at }],
  },
  {
    name: '3.1: keywords beside a $ref to the empty object: a body',
    spec: {
      ...withResponses('3.1', {}),
      paths: { '/items': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Nothing', properties: { id: { type: 'string' } } } } } }, responses: { 200: { description: 'ok' } } } } },
      components: { schemas: { Nothing: emptyObject } },
    },
    errors: [{ messageId: 'missing', at }],
  },
  {
    // Open Banking's file-payment consent: a JWE body described by a placeholder object schema.
    name: '3.0: an empty object schema on a media type that is neither JSON nor a form: a body',
    spec: withResponses('3.0', { 200: { description: 'ok' } }, { method: 'post', operation: { requestBody: { content: { 'application/jose+jwe': { schema: emptyObject }, 'application/json': { schema: emptyObject } } } } }),
    errors: [{ messageId: 'missing', at }],
  },
  {
    name: '2.0: a form parameter beside a body parameter that admits only the empty object: a body',
    spec: withResponses('2.0', { 200: { description: 'ok' } }, { method: 'post', operation: { consumes: ['application/json'], parameters: [{ name: 'body', in: 'body', schema: emptyObject }, { name: 'f', in: 'formData', type: 'string' }] } }),
    errors: [{ messageId: 'missing', at }],
  },
);

for (const v of ['3.0', '3.1', '3.2'] as const) {
  // A requestBody is a body whatever it names: that the $ref is not fetched does not make it less of one.
  invalid.push({
    name: `${v}: a request body behind a remote $ref is a body`,
    spec: withResponses(v, { 201: { description: 'Created' } }, { method: 'post', operation: { requestBody: { $ref: 'https://example.com/bodies.yaml#/Item' } } }),
    errors: [{ messageId: 'missing', at }],
  });
}
// A Swagger 2.0 parameter behind one may be in the query as well as the body: not known to be a body.
valid.push({
  name: '2.0: a parameter behind a remote $ref is not known to be a body',
  spec: withResponses('2.0', { 201: { description: 'Created' } }, { method: 'post', operation: { parameters: [{ $ref: 'https://example.com/params.yaml#/Body' }] } }),
});

for (const v of VERSIONS) {
  // The codes are documented, behind a $ref that is not fetched.
  valid.push({
    name: `${v}: 400 and 422 behind remote $refs`,
    spec: withResponses(
      v,
      { 201: { description: 'Created' }, 400: { $ref: 'https://example.com/responses.yaml#/BadRequest' }, 422: { $ref: 'https://example.com/responses.yaml#/Invalid' } },
      { method: 'post', operation: requestBody(v) },
    ),
  });
}

/** An OAuth 2.0 access token request (RFC 6749 §4.1.3): a form with a `grant_type`. */
function tokenRequest(v: (typeof VERSIONS)[number]): Record<string, unknown> {
  if (v === '2.0') {
    return { consumes: ['application/x-www-form-urlencoded'], parameters: [{ name: 'code', in: 'formData', type: 'string' }, { name: 'grant_type', in: 'formData', type: 'string', required: true }] };
  }
  const schema = { type: 'object', required: ['grant_type'], properties: { grant_type: { type: 'string' }, code: { type: 'string' } } };
  return { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema } } } };
}

for (const v of VERSIONS) {
  // RFC 6749 §5.2: a token request's errors are 400 (401 for invalid_client), never 422.
  valid.push({
    name: `${v}: an OAuth token request documents 400, the status RFC 6749 gives its errors`,
    spec: withResponses(v, { 200: { description: 'Token' }, 400: { description: 'invalid_grant' } }, { method: 'post', path: '/oauth/token', operation: tokenRequest(v) }),
  });
  invalid.push({
    name: `${v}: an OAuth token request without a 400 is asked for the 400 only`,
    spec: withResponses(v, { 200: { description: 'Token' } }, { method: 'post', path: '/oauth/token', operation: tokenRequest(v) }),
    errors: [{ messageId: 'missingCodes', at: '/paths/~1oauth~1token/post' }],
  });
}
/** A SCIM 2.0 (RFC 7644) request: a resource in `application/scim+json`, offered beside plain JSON or alone. */
function scimRequest(v: (typeof VERSIONS)[number], types: string[]): Record<string, unknown> {
  const schema = { type: 'object', properties: { schemas: { type: 'array', items: { type: 'string' } }, userName: { type: 'string' } } };
  if (v === '2.0') return { consumes: types, parameters: [{ name: 'user', in: 'body', required: true, schema }] };
  return { requestBody: { required: true, content: Object.fromEntries(types.map((type) => [type, { schema }])) } };
}

for (const v of VERSIONS) {
  // RFC 7644 §3.12: SCIM answers a bad or invalid body with 400 and a scimType, never 422.
  valid.push({
    name: `${v}: a SCIM request documents 400, the status RFC 7644 gives invalid values`,
    spec: withResponses(v, { 201: { description: 'Created', headers: {} }, 400: { description: 'invalidValue' }, 409: { description: 'uniqueness' } }, { method: 'put', path: '/scim/v2/Users/{id}', operation: scimRequest(v, ['application/scim+json', 'application/json']) }),
  });
  invalid.push({
    name: `${v}: a SCIM request without a 400 is asked for the 400 only`,
    spec: withResponses(v, { 200: { description: 'Replaced' } }, { method: 'put', path: '/scim/v2/Users/{id}', operation: scimRequest(v, ['application/scim+json; charset=utf-8']) }),
    errors: [{ messageId: 'missingCodes', at: '/paths/~1scim~1v2~1Users~1{id}/put' }],
  });
  invalid.push({
    name: `${v}: a body in plain JSON at a SCIM-looking path is asked for both`,
    spec: withResponses(v, { 200: { description: 'Replaced' }, 400: { description: 'Bad' } }, { method: 'put', path: '/scim/v2/Users/{id}', operation: scimRequest(v, ['application/json']) }),
    errors: [{ messageId: 'missing', at: '/paths/~1scim~1v2~1Users~1{id}/put' }],
  });
}
{
  // Swagger 2.0: the body's media types are the document's `consumes` when the operation has none.
  const spec = withResponses('2.0', { 200: { description: 'Replaced' }, 400: { description: 'Bad' } }, { method: 'put', path: '/Users/{id}', operation: { parameters: [{ name: 'user', in: 'body', schema: { type: 'object', properties: { userName: { type: 'string' } } } }] } });
  valid.push({ name: "2.0: a SCIM body through the document's consumes", spec: { ...spec, consumes: ['application/scim+json'] } });
}
for (const v of ['3.0', '3.1', '3.2'] as const) {
  // JSON Schema 2020-12 (OAS 3.1 on) applies keywords beside a `$ref`; before 3.1 they are ignored.
  const besideRef = {
    name: `${v}: a token request whose grant_type is written beside the body's $ref`,
    spec: {
      ...withResponses(v, {}),
      paths: { '/token': { post: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/Client', properties: { grant_type: { type: 'string' } } } } } }, responses: { 200: { description: 'ok' }, 400: { description: 'Bad' } } } } },
      components: { schemas: { Client: { type: 'object', properties: { client_id: { type: 'string' } } } } },
    },
  };
  if (v === '3.0') invalid.push({ ...besideRef, errors: [{ messageId: 'missing', at: '/paths/~1token/post' }] });
  else valid.push(besideRef);
}
for (const v of ['3.0', '3.1', '3.2'] as const) {
  // The same inside a composition: an allOf member, or a oneOf alternative, that adds grant_type beside its $ref.
  for (const keyword of ['allOf', 'oneOf']) {
    const besideRef = {
      name: `${v}: a token request whose grant_type is written beside the $ref of ${keyword === 'oneOf' ? 'a oneOf alternative' : 'an allOf member'}`,
      spec: {
        ...withResponses(v, {}),
        paths: { '/token': { post: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { [keyword]: [{ $ref: '#/components/schemas/Client', properties: { grant_type: { type: 'string' } } }] } } } }, responses: { 200: { description: 'ok' }, 400: { description: 'Bad' } } } } },
        components: { schemas: { Client: { type: 'object', properties: { client_id: { type: 'string' } } } } },
      },
    };
    if (v === '3.0') invalid.push({ ...besideRef, errors: [{ messageId: 'missing', at: '/paths/~1token/post' }] });
    else valid.push(besideRef);
  }
}
valid.push(
  {
    name: '3.1: a token request whose schema is a $ref, with grant_type in an allOf member',
    spec: {
      ...withResponses('3.1', {}),
      paths: { '/token': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenRequest' } } } }, responses: { 200: { description: 'ok' }, 400: { description: 'Bad' } } } } },
      components: { schemas: { Grant: { type: 'object', properties: { grant_type: { type: 'string' } } }, TokenRequest: { allOf: [{ $ref: '#/components/schemas/Grant' }, { type: 'object', properties: { scope: { type: 'string' } } }] } } },
    },
  },
  {
    name: '2.0: a token request with grant_type in the body parameter\'s schema',
    spec: withResponses('2.0', { 200: { description: 'ok' }, 400: { description: 'Bad' } }, { method: 'post', operation: requestBody('2.0', { type: 'object', properties: { grant_type: { type: 'string' } } }) }),
  },
  {
    name: "2.0: a grant_type form parameter declared on the path item",
    spec: { ...withResponses('2.0', {}), paths: { '/token': { parameters: [{ name: 'grant_type', in: 'formData', type: 'string' }], post: { responses: { 200: { description: 'ok' }, 400: { description: 'Bad' } } } } } },
  },
);
for (const v of ['3.0', '3.1', '3.2'] as const) {
  // Shopware's Admin API: POST /oauth/token takes a oneOf of grants, each an allOf of a shared OAuthGrant that holds grant_type.
  const grants = {
    OAuthGrant: { type: 'object', required: ['grant_type'], properties: { grant_type: { type: 'string' } } },
    PasswordGrant: { allOf: [{ $ref: '#/components/schemas/OAuthGrant' }, { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } } }] },
    ClientCredentialsGrant: { allOf: [{ $ref: '#/components/schemas/OAuthGrant' }, { type: 'object', properties: { client_id: { type: 'string' }, client_secret: { type: 'string' } } }] },
  };
  const tokenWith = (schema: Record<string, unknown>) => ({
    ...withResponses(v, {}),
    paths: { '/oauth/token': { post: { requestBody: { required: true, content: { 'application/json': { schema } } }, responses: { 200: { description: 'Token' }, 400: { description: 'invalid_grant' } } } } },
    components: { schemas: grants },
  });
  valid.push(
    { name: `${v}: a token request whose body is a oneOf of grants, each an allOf with grant_type`, spec: tokenWith({ oneOf: [{ $ref: '#/components/schemas/PasswordGrant' }, { $ref: '#/components/schemas/ClientCredentialsGrant' }] }) },
    { name: `${v}: a token request whose body is an anyOf with grant_type in one alternative`, spec: tokenWith({ anyOf: [{ type: 'object', properties: { grant_type: { type: 'string' }, code: { type: 'string' } } }, { type: 'object', properties: { assertion: { type: 'string' } } }] }) },
  );
  invalid.push({
    name: `${v}: a oneOf whose alternatives have no grant_type is no token request`,
    spec: tokenWith({ oneOf: [{ type: 'object', properties: { refresh: { type: 'string' } } }, { type: 'object', properties: { name: { type: 'string' } } }] }),
    errors: [{ messageId: 'missing', at: '/paths/~1oauth~1token/post' }],
  });
}

/** An OAuth 2.0 token revocation request (RFC 7009 §2.1): `token`, with `token_type_hint` (or client credentials) beside it. */
function revocationRequest(v: (typeof VERSIONS)[number], members: readonly string[] = ['token', 'token_type_hint']): Record<string, unknown> {
  if (v === '2.0') {
    return { consumes: ['application/x-www-form-urlencoded'], parameters: members.map((name) => ({ name, in: 'formData', type: 'string' })) };
  }
  const schema = { type: 'object', ...(members.includes('token') ? { required: ['token'] } : {}), properties: Object.fromEntries(members.map((name) => [name, { type: 'string' }])) };
  return { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema } } } };
}

for (const v of VERSIONS) {
  // RFC 7009 §2.2.1: a revocation request's errors "conform to the definition in Section 5.2 of [RFC6749]": 400, never 422.
  valid.push({
    name: `${v}: an OAuth token revocation request documents 400, the status RFC 7009 gives its errors`,
    spec: withResponses(v, { 200: { description: 'Revoked' }, 400: { description: 'invalid_request' } }, { method: 'post', path: '/oauth/revoke', operation: revocationRequest(v) }),
  });
  invalid.push(
    {
      name: `${v}: an OAuth token revocation request without a 400 is asked for the 400 only`,
      spec: withResponses(v, { 200: { description: 'Revoked' } }, { method: 'post', path: '/oauth/revoke', operation: revocationRequest(v) }),
      errors: [{ messageId: 'missingCodes', at: '/paths/~1oauth~1revoke/post' }],
    },
    {
      // `token` is a common member name (a push token, a card token): alone it names no OAuth endpoint.
      name: `${v}: a body with a token but no token_type_hint is no revocation request`,
      spec: withResponses(v, { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', path: '/devices', operation: revocationRequest(v, ['token', 'platform']) }),
      errors: [{ messageId: 'missing', at: '/paths/~1devices/post' }],
    },
    {
      // A client_id names an app, not credentials: only the client_secret of RFC 6749 §2.3.1 marks an OAuth client authenticating.
      name: `${v}: a body with a token and a client_id but no client_secret is no revocation request`,
      spec: withResponses(v, { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', path: '/devices', operation: revocationRequest(v, ['token', 'client_id']) }),
      errors: [{ messageId: 'missing', at: '/paths/~1devices/post' }],
    },
  );
  invalid.push({
    // Creating an OAuth app sets its client_secret: with no token beside it, no revocation request.
    name: `${v}: a body with a client_secret but no token is no revocation request`,
    spec: withResponses(v, { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', path: '/apps', operation: revocationRequest(v, ['name', 'client_id', 'client_secret']) }),
    errors: [{ messageId: 'missing', at: '/paths/~1apps/post' }],
  });
  // Box, Mastodon, Trakt: the client authenticates in the body (RFC 6749 §2.3.1) and sends no token_type_hint.
  valid.push({
    name: `${v}: a revocation request with client credentials in the body and no token_type_hint`,
    spec: withResponses(v, { 200: { description: 'Revoked' }, 400: { description: 'invalid_request' } }, { method: 'post', path: '/oauth/revoke', operation: revocationRequest(v, ['client_id', 'client_secret', 'token']) }),
  });
}
valid.push({
  name: '2.0: a revocation request whose token form parameter is declared on the path item',
  spec: {
    ...withResponses('2.0', {}),
    paths: { '/revoke': { parameters: [{ name: 'token', in: 'formData', type: 'string' }], post: { consumes: ['application/x-www-form-urlencoded'], parameters: [{ name: 'token_type_hint', in: 'formData', type: 'string' }], responses: { 200: { description: 'ok' }, 400: { description: 'Bad' } } } } },
  },
});

invalid.push(
  {
    name: '3.0: a query parameter named grant_type does not make a body a token request',
    spec: withResponses('3.0', { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', operation: { parameters: [{ name: 'grant_type', in: 'query', schema: { type: 'string' } }], ...requestBody('3.0') } }),
    errors: [{ messageId: 'missing', at }],
  },
  {
    name: '2.0: a grant_type header parameter does not make a body a token request',
    spec: withResponses('2.0', { 201: { description: 'Created' }, 400: { description: 'Bad' } }, { method: 'post', operation: { consumes: ['application/x-www-form-urlencoded'], parameters: [{ name: 'grant_type', in: 'header', type: 'string' }, { name: 'x', in: 'formData', type: 'string' }] } }),
    errors: [{ messageId: 'missing', at }],
  },
);

testRule(rule, { valid, invalid });

describe('require-validation-error: what its messages say is missing', () => {
  const created = { 201: { description: 'Created' } };
  it.each([
    // Neither code: "no 400 or 422", not "no 400 and 422", which reads as "not both".
    [{}, created, 'documents no 400 or 422 response; clients cannot tell a malformed request (400) from an invalid one (422).'],
    [{}, { ...created, 400: { description: 'Bad' } }, 'documents no 422 response; clients cannot tell'],
    [{ codes: ['400', '409', '422'] }, created, 'documents no 400, 409 or 422 response;'],
    [{ codes: ['400'] }, created, 'documents no 400 response; document the status a client gets for a body the operation cannot accept.'],
    // A code listed twice is asked for once.
    [{ codes: ['400', '400'] }, created, 'documents no 400 response; document'],
  ])('%j %j', (options, responses, expected) => {
    const result = lintCase(rule, { name: 'wording', options, spec: withResponses('3.0', responses, { method: 'post', operation: requestBody('3.0') }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(expected)]);
  });
  // RFC 6749 §5.2 spares a token request the 422 only: the other codes asked for are still asked for.
  it.each(VERSIONS)('%s: a token request is still asked for the other codes in codes', (v) => {
    const result = lintCase(rule, {
      name: 'token, 409',
      options: { codes: ['400', '409', '422'] },
      spec: withResponses(v, { 200: { description: 'Token' }, 400: { description: 'invalid_grant' } }, { method: 'post', path: '/oauth/token', operation: tokenRequest(v) }),
    });
    expect(result.findings.map((finding) => `${finding.messageId}: ${finding.message}`)).toEqual([expect.stringContaining('missingCodes: POST /oauth/token accepts a request body but documents no 409 response;')]);
  });
});
