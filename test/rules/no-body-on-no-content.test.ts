import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-body-on-no-content.js';
import { header, jsonResponse, lintCase, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const body = (v: string) => (v === '2.0' ? 'schema' : 'content');

for (const v of VERSIONS) {
  const withBody = (description: string) => jsonResponse(v, { type: 'object' }, { description });
  valid.push(
    { name: `${v}: bodiless 204, 205 and 304`, spec: withResponses(v, { 204: { description: 'Deleted' }, 205: { description: 'Reset' }, 304: { description: 'Not modified' } }) },
    {
      name: `${v}: headers on 204 and 304 are fine`,
      spec: withResponses(v, { 204: { description: 'Deleted', headers: { ETag: header(v) } }, 304: { description: 'Not modified', headers: { ETag: header(v), 'Cache-Control': header(v) } } }),
    },
    { name: `${v}: a body on 200 and 206`, spec: withResponses(v, { 200: withBody('OK'), 206: withBody('Part') }) },
    { name: `${v}: a 2XX range or default with a body is not a 204`, spec: withResponses(v, { default: withBody('Error'), ...(v === '2.0' ? {} : { '2XX': withBody('OK') }) }) },
    {
      name: `${v}: a shared bodiless response used for 204`,
      spec: { ...withResponses(v, { 204: { $ref: responsesRef(v, 'NoContent') } }), ...sharedResponses(v, { NoContent: { description: 'Done' } }) },
    },
  );
  if (v === '3.1' || v === '3.2') {
    // A media type is offered even when its JSON Schema 2020-12 schema is `false` (no value matches).
    invalid.push({
      name: `${v}: 204 offering a media type whose schema is false`,
      spec: withResponses(v, { 204: { description: 'Deleted', content: { 'application/json': { schema: false } } } }),
      errors: [{ messageId: 'hasContent', at: '/paths/~1items/get/responses/204/content' }],
    });
  }
  invalid.push(
    { name: `${v}: 204 with a JSON body`, spec: withResponses(v, { 204: withBody('Deleted') }), errors: [{ messageId: 'hasContent', at: `/paths/~1items/get/responses/204/${body(v)}` }] },
    { name: `${v}: 205 with a body`, spec: withResponses(v, { 205: withBody('Reset') }), errors: [{ messageId: 'hasContent', at: `/paths/~1items/get/responses/205/${body(v)}` }] },
    {
      name: `${v}: 304 with a body`,
      spec: withResponses(v, { 304: withBody('Not modified') }),
      errors: [
        {
          messageId: 'hasContent',
          at: `/paths/~1items/get/responses/304/${body(v)}`,
          // Swagger 2.0 without `produces` names what it writes, a schema.
          message: `A 304 response cannot have content (RFC 9110 §15.4.5), but this one declares ${v === '2.0' ? 'a schema' : "'application/json'"}; remove the ${body(v)} and keep only headers.`,
        },
      ],
    },
    {
      name: `${v}: a shared response used only for 204 is reported once, at its definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Deleted: withBody('Deleted') }),
        paths: {
          '/a': { delete: { responses: { 204: { $ref: responsesRef(v, 'Deleted') } } } },
          '/b': { delete: { responses: { 204: { $ref: responsesRef(v, 'Deleted') } } } },
        },
      },
      errors: [{ messageId: 'hasContent', at: `${responsesRef(v, 'Deleted').slice(1)}/${body(v)}` }],
    },
    {
      // Bundlers name a response met twice by a pointer into the operation that writes it.
      name: `${v}: an inline 204 with a body that another operation names through $ref as its 200 is reported where it is written`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/a': { delete: { responses: { 204: withBody('Deleted') } } },
          '/b': { get: { responses: { 200: { $ref: '#/paths/~1a/delete/responses/204' } } } },
        },
      },
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/delete/responses/204',
          message: `This 204 response is named through $ref elsewhere for 200, so removing its ${body(v)} here would remove the body there too; give those a response of their own, then remove the ${body(v)} here: a 204 cannot have content (RFC 9110 §15.3.5).`,
        },
      ],
    },
    {
      name: `${v}: an inline 204 with a body that another operation names through $ref as its 204 is the definition's mistake`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/a': { delete: { responses: { 204: withBody('Deleted') } } },
          '/b': { delete: { responses: { 204: { $ref: '#/paths/~1a/delete/responses/204' } } } },
        },
      },
      errors: [{ messageId: 'hasContent', at: `/paths/~1a/delete/responses/204/${body(v)}` }],
    },
    {
      name: `${v}: a shared response also used for 200 is reported where 204 uses it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Item: withBody('The item') }),
        paths: { '/a': { get: { responses: { 200: { $ref: responsesRef(v, 'Item') } } }, put: { responses: { 204: { $ref: responsesRef(v, 'Item') } } } } },
      },
      errors: [{ messageId: 'sharedHasContent', at: '/paths/~1a/put/responses/204' }],
    },
    {
      name: `${v}: a 204 in another file points into that file`,
      spec: withResponses(v, { 204: { $ref: 'common/responses.yaml#/Deleted' } }),
      files: { 'common/responses.yaml': { Deleted: withBody('Deleted') } },
      errors: [{ messageId: 'hasContent', at: `common/responses.yaml#/Deleted/${body(v)}`, line: 3 }],
    },
  );
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push(
    { name: `${v}: content: {} describes no body (accepted by default)`, spec: withResponses(v, { 204: { description: 'Deleted', content: {} } }) },
    { name: `${v}: content: {} with allowEmptyContent`, options: { allowEmptyContent: true }, spec: withResponses(v, { 204: { description: 'Deleted', content: {} } }) },
  );
  invalid.push(
    {
      name: `${v}: a media type without a schema still declares a body`,
      spec: withResponses(v, { 204: { description: 'Deleted', content: { 'application/json': {} } } }),
      errors: [{ messageId: 'hasContent', at: '/paths/~1items/get/responses/204/content' }],
    },
    {
      name: `${v}: content: {} refused when allowEmptyContent is false`,
      options: { allowEmptyContent: false },
      spec: withResponses(v, { 204: { description: 'Deleted', content: {} } }),
      errors: [{ messageId: 'emptyContent', at: '/paths/~1items/get/responses/204/content', message: "A 204 response has no content; 'content: {}' says nothing, remove it." }],
    },
  );
}

invalid.push({
  name: '2.0: a file download schema on 204 is still a body',
  spec: withResponses('2.0', { 204: { description: 'x', schema: { type: 'file' } } }, { operation: { produces: ['application/octet-stream'] } }),
  errors: [{ messageId: 'hasContent', at: '/paths/~1items/get/responses/204/schema' }],
});

// Every media type offered is named, '*/*' as written (springdoc writes it): only Swagger 2.0's
// stand-in for an operation without `produces` reads as 'a schema'.
for (const v of VERSIONS) {
  const schema = { type: 'object' };
  invalid.push({
    name: `${v}: a 204 offered in two media types names both`,
    spec:
      v === '2.0'
        ? withResponses(v, { 204: { description: 'Deleted', schema } }, { method: 'delete', operation: { produces: ['*/*', 'application/json'] } })
        : withResponses(v, { 204: { description: 'Deleted', content: { '*/*': { schema }, 'application/json': { schema } } } }, { method: 'delete' }),
    errors: [
      {
        messageId: 'hasContent',
        at: `/paths/~1items/delete/responses/204/${body(v)}`,
        message: `A 204 response cannot have content (RFC 9110 §15.3.5), but this one declares '*/*', 'application/json'; remove the ${body(v)} and keep only headers.`,
      },
    ],
  });
}

testRule(rule, { valid, invalid });

describe('no-body-on-no-content: the message names only what the spec says', () => {
  // Without `produces`, a Swagger 2.0 schema is modelled as '*/*', which the spec does not say.
  it('2.0 without produces: a schema, not a made-up media type', () => {
    const result = lintCase(rule, { name: 'no produces', spec: withResponses('2.0', { 204: { description: 'x', schema: { type: 'object' } } }, { method: 'delete' }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "A 204 response cannot have content (RFC 9110 §15.3.5), but this one declares a schema; remove the schema and keep only headers.",
    ]);
  });

  it('2.0 with produces: its media types', () => {
    const result = lintCase(rule, { name: 'produces', spec: withResponses('2.0', { 204: { description: 'x', schema: { type: 'object' } } }, { method: 'delete', operation: { produces: ['application/json'] } }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining("declares 'application/json';")]);
  });

  // A 2.0 schema's media types are each operation's `produces`: a shared response's are not
  // its own, and naming one use's would report the one definition once per `produces` list.
  it('2.0, a shared response used by operations that produce different types: once, as a schema', () => {
    const spec = {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      produces: ['application/json'],
      responses: { Gone: { description: 'gone', schema: { type: 'object' } } },
      paths: {
        '/a': { delete: { responses: { 204: { $ref: '#/responses/Gone' } } } },
        '/b': { delete: { produces: ['application/xml'], responses: { 204: { $ref: '#/responses/Gone' } } } },
      },
    };
    const result = lintCase(rule, { name: 'shared across produces', spec });
    expect(result.findings.map((finding) => `${finding.pointer} ${finding.message}`)).toEqual([
      '/responses/Gone/schema A 204 response cannot have content (RFC 9110 §15.3.5), but this one declares a schema; remove the schema and keep only headers.',
    ]);
  });

  // RFC 9110 §15.3.5 and §15.4.5: a 204 or 304 "cannot contain content"; §15.3.6 only has a
  // server not generate content in a 205 ("MUST NOT"), so the message says must not, not cannot.
  it('205: "must not have content", as §15.3.6 words it', () => {
    const result = lintCase(rule, { name: '205 body', spec: withResponses('3.1', { 205: { description: 'x', content: { 'application/json': {} } } }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "A 205 response must not have content (RFC 9110 §15.3.6), but this one declares 'application/json'; remove the content and keep only headers.",
    ]);
  });

  it('names the other statuses in order, whichever operation uses the response first', () => {
    const spec = {
      ...withResponses('3.1', {}),
      ...sharedResponses('3.1', { Item: jsonResponse('3.1', { type: 'object' }, { description: 'The item' }) }),
      paths: {
        '/items': { post: { responses: { 201: { $ref: responsesRef('3.1', 'Item') } } } },
        '/items/{id}': { get: { responses: { 200: { $ref: responsesRef('3.1', 'Item') } } }, put: { responses: { 204: { $ref: responsesRef('3.1', 'Item') } } } },
      },
    };
    const result = lintCase(rule, { name: 'shared with 201 and 200', spec });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining('and is also used for 200, 201;')]);
  });

  it('a shared response used for a 204 names the other statuses that use it', () => {
    const spec = {
      ...withResponses('3.0', {}),
      ...sharedResponses('3.0', { Item: jsonResponse('3.0', { type: 'object' }, { description: 'The item' }) }),
      paths: {
        '/a': { get: { responses: { 200: { $ref: responsesRef('3.0', 'Item') } } }, put: { responses: { 204: { $ref: responsesRef('3.0', 'Item') } } } },
        '/b': { post: { responses: { 201: { $ref: responsesRef('3.0', 'Item') } } } },
      },
    };
    const result = lintCase(rule, { name: 'shared with 200 and 201', spec });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "This 204 response uses '#/components/responses/Item', which declares a body ('application/json') and is also used for 200, 201; a 204 cannot have content (RFC 9110 §15.3.5): give it a response without a body.",
    ]);
  });
});
