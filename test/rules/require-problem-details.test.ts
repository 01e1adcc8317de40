import { describe, expect, it } from 'vitest';
import rule from '../../rules/require-problem-details.js';
import { defaultRules } from '../../src/lint.js';
import { jsonResponse, lintCase, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase, type Version } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const problem = { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' } } };

/** An error response with a body in each of `types`, shaped for the version (2.0: `produces`). */
function errorIn(v: Version, status: string, types: string[]) {
  return v === '2.0'
    ? withResponses(v, { [status]: { description: 'Error', schema: problem } }, { operation: { produces: types } })
    : withResponses(v, { [status]: { description: 'Error', content: Object.fromEntries(types.map((type) => [type, { schema: problem }])) } });
}

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: 404 as problem+json`, spec: errorIn(v, '404', ['application/problem+json']) },
    { name: `${v}: 500 as problem+xml`, spec: errorIn(v, '500', ['application/problem+xml']) },
    { name: `${v}: problem details offered beside plain JSON`, spec: errorIn(v, '400', ['application/json', 'application/problem+json']) },
    { name: `${v}: problem details in XML offered beside plain JSON`, spec: errorIn(v, '400', ['application/json', 'application/problem+xml']) },
    { name: `${v}: an error without a body`, spec: withResponses(v, { 404: { description: 'Not found' } }) },
    {
      // YAML `schema:` (or `content:`) with nothing after it: no body, as no-body-on-no-content reads it too.
      name: `${v}: an error whose body field is left empty`,
      spec: withResponses(v, { 404: { description: 'Not found', [v === '2.0' ? 'schema' : 'content']: null } }, v === '2.0' ? { operation: { produces: ['application/json'] } } : {}),
    },
    { name: `${v}: an HTML or text error page is not structured`, spec: errorIn(v, '502', ['text/html', 'text/plain']) },
    { name: `${v}: success bodies are not checked`, spec: withResponses(v, { 200: jsonResponse(v, { type: 'object' }) }) },
    { name: `${v}: default is never checked`, spec: withResponses(v, { default: jsonResponse(v, { type: 'object' }) }) },
  );
  if (v === '2.0') {
    valid.push({ name: `${v}: no produces: the media type is unknown`, spec: withResponses(v, { 400: { description: 'Error', schema: problem } }) });
  } else {
    valid.push(
      { name: `${v}: a 4XX or 5XX range is never checked`, spec: withResponses(v, { '4XX': jsonResponse(v, { type: 'object' }), '5XX': jsonResponse(v, { type: 'object' }) }) },
      { name: `${v}: media type with parameters`, spec: errorIn(v, '409', ['application/problem+json; charset=utf-8']) },
    );
  }

  invalid.push(
    {
      // Named by the other use, not naming one: the message says to give the others their own.
      name: `${v}: an inline 500 that another operation names through $ref as its 200 is reported where it is written`,
      spec: namedInline(v, { status: '500', response: v === '2.0' ? { description: 'Failed', schema: { type: 'object' } } : { description: 'Failed', content: { 'application/json': { schema: { type: 'object' } } } }, other: '200', root: (v === '2.0' ? { produces: ['application/json'] } : {}) }),
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/get/responses/500',
          message:
            "This 500 response, offered as 'application/json' without a problem-details media type, is named through $ref elsewhere for 200; give those a response of their own, then offer this one as 'application/problem+json' (or 'application/problem+xml') with the RFC 9457 members type, title, status, detail.",
        },
      ],
    },
    { name: `${v}: 400 as plain JSON`, spec: errorIn(v, '400', ['application/json']), errors: [{ messageId: 'notProblem', at: '/paths/~1items/get/responses/400' }] },
    { name: `${v}: 503 as XML`, spec: errorIn(v, '503', ['application/xml']), errors: [{ messageId: 'notProblem', at: '/paths/~1items/get/responses/503' }] },
    { name: `${v}: a vendor +json type`, spec: errorIn(v, '422', ['application/vnd.api+json']), errors: [{ messageId: 'notProblem', at: '/paths/~1items/get/responses/422' }] },
    { name: `${v}: text/json`, spec: errorIn(v, '400', ['text/json']), errors: [{ messageId: 'notProblem', at: '/paths/~1items/get/responses/400' }] },
    { name: `${v}: text/xml`, spec: errorIn(v, '500', ['text/xml']), errors: [{ messageId: 'notProblem', at: '/paths/~1items/get/responses/500' }] },
    { name: `${v}: a +xml type`, spec: errorIn(v, '502', ['application/soap+xml']), errors: [{ messageId: 'notProblem', at: '/paths/~1items/get/responses/502' }] },
    {
      name: `${v}: a shared error is reported once, at the definition`,
      spec: {
        ...withResponses(v, {}, v === '2.0' ? { root: { produces: ['application/json'] } } : {}),
        ...sharedResponses(v, { Error: jsonResponse(v, problem, { description: 'Error' }) }),
        paths: {
          '/a': { get: { responses: { 400: { $ref: responsesRef(v, 'Error') }, 404: { $ref: responsesRef(v, 'Error') } } } },
          '/b': { post: { responses: { 500: { $ref: responsesRef(v, 'Error') } } } },
        },
      },
      errors: [{ messageId: 'notProblem', at: responsesRef(v, 'Error').slice(1) }],
    },
    {
      // The definition is also a success body: reported at the definition, the finding would call a 200 an error.
      name: `${v}: an error that uses a response also used for a 200 is reported where the operation names it`,
      spec: {
        ...withResponses(v, {}, v === '2.0' ? { root: { produces: ['application/json'] } } : {}),
        ...sharedResponses(v, { Result: jsonResponse(v, problem, { description: 'The result' }) }),
        paths: { '/a': { get: { responses: { 200: { $ref: responsesRef(v, 'Result') }, 500: { $ref: responsesRef(v, 'Result') } } } } },
      },
      errors: [
        {
          messageId: 'sharedNotProblem',
          at: '/paths/~1a/get/responses/500',
          message: `This 500 uses '${responsesRef(v, 'Result')}', whose body is offered as 'application/json', without a problem-details media type, and which is also used for 200; give the 500 a response of its own offered as 'application/problem+json' (or 'application/problem+xml') with the RFC 9457 members type, title, status, detail.`,
        },
      ],
    },
    {
      // `default` names no class: a response used for it and for errors is used for errors alone.
      name: `${v}: an error response also used for default is reported once, at the definition`,
      spec: {
        ...withResponses(v, {}, v === '2.0' ? { root: { produces: ['application/json'] } } : {}),
        ...sharedResponses(v, { Error: jsonResponse(v, problem, { description: 'Error' }) }),
        paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 404: { $ref: responsesRef(v, 'Error') }, default: { $ref: responsesRef(v, 'Error') } } } } },
      },
      errors: [{ messageId: 'notProblem', at: responsesRef(v, 'Error').slice(1) }],
    },
    {
      name: `${v}: an error that names a 200 written inline in another operation is reported where it names it`,
      spec: {
        ...withResponses(v, {}, v === '2.0' ? { root: { produces: ['application/json'] } } : {}),
        paths: {
          '/status': { get: { responses: { 200: jsonResponse(v, problem, { description: 'The status' }) } } },
          '/health': { get: { responses: { 501: { $ref: '#/paths/~1status/get/responses/200' } } } },
        },
      },
      errors: [{ messageId: 'sharedNotProblem', at: '/paths/~1health/get/responses/501' }],
    },
  );
}

testRule(rule, { valid, invalid });

describe('require-problem-details is opt-in', () => {
  it('is not in the default rule set', () => {
    expect(defaultRules().map((entry) => entry.rule.id)).not.toContain('require-problem-details');
  });
});

describe('require-problem-details: the message is about the media type', () => {
  // Jellyfin and others declare an RFC 9457 schema as 'application/json': the body is problem
  // details in all but its media type, so the message must not say it is not.
  it.each(VERSIONS)('%s: an RFC 9457 schema declared as application/json', (v) => {
    const result = lintCase(rule, { name: 'shaped', spec: errorIn(v, '404', ['application/json']) });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "Error response body is offered as 'application/json', without a problem-details media type; offer 'application/problem+json' (or 'application/problem+xml') with the RFC 9457 members type, title, status, detail.",
    ]);
  });
  // ASP.NET Web API descriptions offer every body in the four types its formatters write.
  it.each(VERSIONS)('%s: more media types are listed with commas, the last two with "and"', (v) => {
    const result = lintCase(rule, { name: 'four', spec: errorIn(v, '400', ['application/json', 'text/json', 'application/xml', 'text/xml']) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining("offered as 'application/json', 'text/json', 'application/xml' and 'text/xml', without")]);
  });
  it.each(VERSIONS)('%s: a response also used for success statuses names them in order', (v) => {
    const spec = {
      ...withResponses(v, {}, v === '2.0' ? { root: { produces: ['application/json'] } } : {}),
      ...sharedResponses(v, { Result: jsonResponse(v, problem, { description: 'The result' }) }),
      paths: {
        '/a': { post: { responses: { 201: { $ref: responsesRef(v, 'Result') } } } },
        '/b': { get: { responses: { 200: { $ref: responsesRef(v, 'Result') } } } },
        '/c': { get: { responses: { 500: { $ref: responsesRef(v, 'Result') } } } },
      },
    };
    const result = lintCase(rule, { name: 'shared with 201 and 200', spec });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining('and which is also used for 200, 201;')]);
  });
  // Scalar Galaxy offers its errors as JSON and XML: "'application/json', 'application/xml',
  // without" read as a list that went on; the last two are joined with "and".
  it.each(VERSIONS)('%s: two media types are listed with "and"', (v) => {
    const result = lintCase(rule, { name: 'two', spec: errorIn(v, '404', ['application/json', 'application/xml']) });
    expect(result.findings.map((finding) => finding.message)).toEqual([
      "Error response body is offered as 'application/json' and 'application/xml', without a problem-details media type; offer 'application/problem+json' (or 'application/problem+xml') with the RFC 9457 members type, title, status, detail.",
    ]);
  });
});
