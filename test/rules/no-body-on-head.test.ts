import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-body-on-head.js';
import { header, jsonResponse, lintCase, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const body = (v: string) => (v === '2.0' ? 'schema' : 'content');
const head = { method: 'head' };

for (const v of VERSIONS) {
  const withBody = (description: string) => jsonResponse(v, { type: 'object' }, { description });
  valid.push(
    {
      name: `${v}: HEAD responses with headers only`,
      spec: withResponses(v, { 200: { description: 'Exists', headers: { 'Content-Length': header(v, 'integer'), ETag: header(v) } }, 404: { description: 'Missing' } }, head),
    },
    { name: `${v}: GET may have a body`, spec: withResponses(v, { 200: withBody('The item') }) },
    {
      name: `${v}: HEAD beside a GET with a body`,
      spec: { ...withResponses(v, {}), paths: { '/items': { get: { responses: { 200: withBody('Items') } }, head: { responses: { 200: { description: 'Items exist' } } } } } },
    },
  );
  invalid.push(
    {
      name: `${v}: HEAD 200 with a body`,
      spec: withResponses(v, { 200: withBody('Exists') }, head),
      errors: [{ messageId: 'hasContent', at: `/paths/~1items/head/responses/200/${body(v)}` }],
    },
    {
      name: `${v}: error responses to HEAD have no body either`,
      spec: withResponses(v, { 200: { description: 'Exists' }, 404: withBody('Missing'), default: withBody('Error') }, head),
      errors: [
        { messageId: 'hasContent', at: `/paths/~1items/head/responses/404/${body(v)}` },
        { messageId: 'hasContent', at: `/paths/~1items/head/responses/default/${body(v)}` },
      ],
    },
    {
      name: `${v}: a response shared by GET and HEAD is reported where HEAD uses it, not at the definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Item: withBody('The item') }),
        paths: { '/items': { get: { responses: { 200: { $ref: responsesRef(v, 'Item') } } }, head: { responses: { 200: { $ref: responsesRef(v, 'Item') } } } } },
      },
      errors: [{ messageId: 'sharedHasContent', at: '/paths/~1items/head/responses/200' }],
    },
    {
      // Bundlers name a response met twice by a pointer into the operation that writes it.
      name: `${v}: an inline HEAD response with a body that a GET names through $ref is reported where it is written`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/items': { head: { responses: { 200: withBody('Items') } }, get: { responses: { 200: { $ref: '#/paths/~1items/head/responses/200' } } } },
        },
      },
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1items/head/responses/200',
          message: `This HEAD 200 response is named through $ref elsewhere for GET /items, so removing its ${body(v)} here would remove the body there too; give those a response of their own, then remove the ${body(v)} here: a response to HEAD never has content (RFC 9110 §9.3.2).`,
        },
      ],
    },
    {
      name: `${v}: an inline HEAD response with a body that another HEAD names through $ref is the definition's mistake`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/a': { head: { responses: { 200: withBody('Exists') } } },
          '/b': { head: { responses: { 200: { $ref: '#/paths/~1a/head/responses/200' } } } },
        },
      },
      errors: [{ messageId: 'hasContent', at: `/paths/~1a/head/responses/200/${body(v)}` }],
    },
    {
      name: `${v}: a shared response used only by HEAD operations is reported once, at its definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Exists: withBody('Exists') }),
        paths: {
          '/a': { head: { responses: { 200: { $ref: responsesRef(v, 'Exists') } } } },
          '/b': { head: { responses: { 200: { $ref: responsesRef(v, 'Exists') } } } },
        },
      },
      errors: [{ messageId: 'hasContent', at: `${responsesRef(v, 'Exists').slice(1)}/${body(v)}` }],
    },
    {
      name: `${v}: a HEAD response in another file points into that file`,
      spec: withResponses(v, { 200: { $ref: 'common/responses.yaml#/Exists' } }, head),
      files: { 'common/responses.yaml': { Exists: withBody('Exists') } },
      errors: [{ messageId: 'hasContent', at: `common/responses.yaml#/Exists/${body(v)}`, line: 3 }],
    },
  );
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push({ name: `${v}: content: {} on HEAD describes no body (accepted by default)`, spec: withResponses(v, { 200: { description: 'Exists', content: {} } }, head) });
  invalid.push(
    {
      name: `${v}: HEAD with a media type and no schema`,
      spec: withResponses(v, { 200: { description: 'Exists', content: { 'image/*': {} } } }, head),
      errors: [{ messageId: 'hasContent', at: '/paths/~1items/head/responses/200/content' }],
    },
    {
      name: `${v}: content: {} refused when allowEmptyContent is false`,
      options: { allowEmptyContent: false },
      spec: withResponses(v, { 200: { description: 'Exists', content: {} } }, head),
      errors: [{ messageId: 'emptyContent', at: '/paths/~1items/head/responses/200/content', message: "A response to HEAD has no content; 'content: {}' says nothing, remove it." }],
    },
  );
}

testRule(rule, { valid, invalid });

describe('no-body-on-head: the message names only what the spec says', () => {
  // Without `produces`, a Swagger 2.0 schema is modelled as '*/*', which the spec does not say.
  it('2.0 without produces: a schema, not a made-up media type', () => {
    const result = lintCase(rule, { name: 'no produces', spec: withResponses('2.0', { 200: { description: 'x', schema: { type: 'object' } } }, { method: 'head' }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "A response to HEAD never has content (RFC 9110 §9.3.2), but this 200 response declares a schema; remove the schema: a HEAD response carries headers only.",
    ]);
  });

  it('2.0 with produces: its media types', () => {
    const result = lintCase(rule, { name: 'produces', spec: withResponses('2.0', { 200: { description: 'x', schema: { type: 'object' } } }, { method: 'head', operation: { produces: ['application/json'] } }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining("declares 'application/json';")]);
  });
});

describe('no-body-on-head: the shared-response message names the other users', () => {
  it('names the operations other than HEAD that use the response', () => {
    const spec = {
      ...withResponses('3.0', {}),
      ...sharedResponses('3.0', { Item: jsonResponse('3.0', { type: 'object' }, { description: 'The item' }) }),
      paths: { '/items': { get: { responses: { 200: { $ref: responsesRef('3.0', 'Item') } } }, head: { responses: { 200: { $ref: responsesRef('3.0', 'Item') } } } } },
    };
    const result = lintCase(rule, { name: 'shared by GET and HEAD', spec });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "This HEAD 200 response uses '#/components/responses/Item', which declares a body ('application/json') for other operations too (GET /items); a response to HEAD never has content (RFC 9110 §9.3.2): give HEAD a response without a body.",
    ]);
  });
});

describe('no-body-on-head on a response shared by thousands of HEAD operations', () => {
  it('asks once whether the response serves another method, not once per use', () => {
    // Counts reads of each operation's method behind the rule: a search of every use per use
    // made 40,000 HEAD operations sharing one response take 10 s.
    const count = 2_000;
    let reads = 0;
    const counted = new WeakSet<object>();
    const counting: typeof rule = {
      ...rule,
      create(context) {
        const visitor = rule.create(context);
        return {
          Response(response, operation) {
            if (!counted.has(operation)) {
              counted.add(operation);
              const method = operation.method;
              Object.defineProperty(operation, 'method', { get: () => (reads++, method) });
            }
            visitor.Response!(response, operation);
          },
        };
      },
    };
    const paths = Object.fromEntries(Array.from({ length: count }, (_, index) => [`/p${index}`, { head: { responses: { 200: { $ref: responsesRef('3.0', 'Found') } } } }]));
    const spec = { ...withResponses('3.0', {}), paths, ...sharedResponses('3.0', { Found: jsonResponse('3.0', { type: 'object' }, { description: 'Found' }) }) };
    const result = lintCase(counting, { name: 'shared by HEAD only', spec });
    expect(result.findings).toHaveLength(1);
    expect(reads).toBeLessThan(10 * count);
  });
});
