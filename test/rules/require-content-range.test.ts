import rule from '../../rules/require-content-range.js';
import { describe, expect, it } from 'vitest';
import { header, lintCase, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase, type Version } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

/** A 206 whose body is offered in each of `types`, shaped for the version. */
function partial(v: Version, types: string[], extra: Record<string, unknown> = {}) {
  return v === '2.0'
    ? { response: { description: 'Partial content', schema: { type: 'file' }, ...extra }, operation: { produces: types } }
    : { response: { description: 'Partial content', content: Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])), ...extra }, operation: {} };
}

function withPartial(v: Version, types: string[], extra: Record<string, unknown> = {}) {
  const { response, operation } = partial(v, types, extra);
  return withResponses(v, { 206: response }, { operation });
}

for (const v of VERSIONS) {
  const ranged = { headers: { 'Content-Range': header(v) } };
  valid.push(
    { name: `${v}: single-part 206 with Content-Range`, spec: withPartial(v, ['application/octet-stream'], ranged) },
    { name: `${v}: header name in another case`, spec: withPartial(v, ['application/pdf'], { headers: { 'content-range': header(v) } }) },
    { name: `${v}: multipart/byteranges 206 carries Content-Range in each part`, spec: withPartial(v, ['multipart/byteranges']) },
    { name: `${v}: a 206 that may be multipart is not checked`, spec: withPartial(v, ['application/pdf', 'multipart/byteranges']) },
    { name: `${v}: 416 with Content-Range`, spec: withResponses(v, { 416: { description: 'Range not satisfiable', ...ranged } }) },
    { name: `${v}: 416 to a PUT does not answer a Range request`, spec: withResponses(v, { 416: { description: 'Upload offset mismatch' } }, { method: 'put' }) },
    { name: `${v}: 206 to HEAD with Content-Range`, spec: withResponses(v, { 206: { description: 'Partial content', ...ranged } }, { method: 'head' }) },
    { name: `${v}: default is never a 206 or a 416`, spec: withResponses(v, { default: { description: 'Anything' } }) },
    {
      name: `${v}: shared 416 with Content-Range`,
      spec: { ...withResponses(v, { 416: { $ref: responsesRef(v, 'Unsatisfiable') } }), ...sharedResponses(v, { Unsatisfiable: { description: 'Range not satisfiable', ...ranged } }) },
    },
  );
  // RFC 9110 §14.2: a server MUST ignore Range on any method but GET, so neither status answers
  // a range request there, and Content-Range is asked of neither. A 416 there is left alone
  // (upload sessions use it for a chunk whose Content-Range does not fit); a 206 is reported
  // as a status that answers no range request (below).
  for (const method of ['post', 'put', 'delete', 'patch', 'options']) {
    valid.push({ name: `${v}: 416 to ${method.toUpperCase()} is not asked for Content-Range`, spec: withResponses(v, { 416: { description: 'Range not satisfiable' } }, { method }) });
    invalid.push({
      name: `${v}: 206 to ${method.toUpperCase()} answers no range request`,
      spec: withResponses(v, { 206: { description: 'No data returned' } }, { method }),
      errors: [
        {
          messageId: 'partialNotRanged',
          at: `/paths/~1items/${method}/responses/206`,
          message: `206 answers a range request, and a server ignores Range on ${method.toUpperCase()} (only GET has range handling); use 200, or 204 if there is no content.`,
        },
      ],
    });
  }
  if (v !== '2.0') {
    // TRACE is in RFC 9110 §9.3.8 and has no range handling either (Swagger 2.0 has no trace).
    valid.push({ name: `${v}: 416 to TRACE is not asked for Content-Range`, spec: withResponses(v, { 416: { description: 'Range not satisfiable' } }, { method: 'trace' }) });
    invalid.push({
      name: `${v}: 206 to TRACE answers no range request`,
      spec: withResponses(v, { 206: { description: 'No data returned' } }, { method: 'trace' }),
      errors: [{ messageId: 'partialNotRanged', at: '/paths/~1items/trace/responses/206' }],
    });
  }
  valid.push({
    name: `${v}: a 206 in another file that declares Content-Range`,
    spec: withResponses(v, { 206: { $ref: 'common/responses.yaml#/Partial' } }),
    files: { 'common/responses.yaml': { Partial: { description: 'Partial content', headers: { 'Content-Range': header(v) } } } },
  });
  invalid.push({
    name: `${v}: 206 to HEAD without Content-Range`,
    spec: withResponses(v, { 206: { description: 'Partial content' } }, { method: 'head' }),
    errors: [{ messageId: 'partial', at: '/paths/~1items/head/responses/206' }],
  });
  if (v !== '2.0') {
    valid.push(
      { name: `${v}: media type with a boundary parameter`, spec: withPartial(v, ['multipart/byteranges; boundary=THIS_STRING_SEPARATES']) },
      { name: `${v}: 2XX and 4XX ranges are not checked`, spec: withResponses(v, { '2XX': { description: 'OK' }, '4XX': { description: 'Client error' } }) },
      {
        name: `${v}: Content-Range through a $ref to components/headers`,
        spec: withResponses(v, { 416: { description: 'Range not satisfiable', headers: { 'Content-Range': { $ref: '#/components/headers/ContentRange' } } } }, {
          root: { components: { headers: { ContentRange: { schema: { type: 'string' }, example: 'bytes */1234' } } } },
        }),
      },
    );
  }

  invalid.push(
    {
      // Named by the other use, not naming one: the message says to give the others their own.
      name: `${v}: an inline 206 that another operation names through $ref as its 200 is reported where it is written`,
      spec: namedInline(v, { status: '206', response: { description: 'Part' }, other: '200' }),
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/get/responses/206',
          message: "This 206 response is named through $ref elsewhere for 200, so a 'Content-Range' header added here would be declared there too; give those a response of their own, then add the header here.",
        },
      ],
    },
    { name: `${v}: single-part 206 without Content-Range`, spec: withPartial(v, ['application/octet-stream']), errors: [{ messageId: 'partial', at: '/paths/~1items/get/responses/206' }] },
    { name: `${v}: 206 declaring no body at all`, spec: withResponses(v, { 206: { description: 'Partial content' } }), errors: [{ messageId: 'partial', at: '/paths/~1items/get/responses/206' }] },
    {
      name: `${v}: 206 used for a partial list`,
      spec: withResponses(v, { 206: { description: 'Partial result', headers: { 'X-Next-Token': header(v) } } }),
      errors: [{ messageId: 'partial', at: '/paths/~1items/get/responses/206' }],
    },
    { name: `${v}: 416 to GET without Content-Range`, spec: withResponses(v, { 416: { description: 'Range not satisfiable' } }), errors: [{ messageId: 'unsatisfiable', at: '/paths/~1items/get/responses/416' }] },
    {
      name: `${v}: 416 to HEAD without Content-Range`,
      spec: withResponses(v, { 416: { description: 'Range not satisfiable' } }, { method: 'head' }),
      errors: [{ messageId: 'unsatisfiable', at: '/paths/~1items/head/responses/416' }],
    },
    {
      name: `${v}: 416 shared by a GET and a PUT is reported once, at the definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Unsatisfiable: { description: 'Range not satisfiable' } }),
        paths: {
          '/files/{id}': {
            get: { responses: { 416: { $ref: responsesRef(v, 'Unsatisfiable') } } },
            put: { responses: { 416: { $ref: responsesRef(v, 'Unsatisfiable') } } },
          },
          '/logs/{id}': { get: { responses: { 416: { $ref: responsesRef(v, 'Unsatisfiable') } } } },
        },
      },
      errors: [{ messageId: 'unsatisfiable', at: responsesRef(v, 'Unsatisfiable').slice(1) }],
    },
    {
      name: `${v}: 206 to a POST is reported even when it has Content-Range`,
      spec: withResponses(v, { 206: { description: 'Partial result', ...ranged } }, { method: 'post' }),
      errors: [{ messageId: 'partialNotRanged', at: '/paths/~1items/post/responses/206' }],
    },
    {
      name: `${v}: 206 to a PUT is reported even when it may be multipart/byteranges`,
      spec: (() => {
        const { response, operation } = partial(v, ['multipart/byteranges']);
        return withResponses(v, { 206: response }, { method: 'put', operation });
      })(),
      errors: [{ messageId: 'partialNotRanged', at: '/paths/~1items/put/responses/206' }],
    },
    {
      // The GET's 206 lacks the header, reported once at the definition; the POST's use of a
      // 206 at all is the POST's mistake, reported where it names the response.
      name: `${v}: a shared 206 used by a GET and a POST`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Partial: { description: 'Partial content' } }),
        paths: {
          '/files/{id}': {
            get: { responses: { 206: { $ref: responsesRef(v, 'Partial') } } },
            post: { responses: { 206: { $ref: responsesRef(v, 'Partial') } } },
          },
        },
      },
      errors: [
        { messageId: 'partial', at: responsesRef(v, 'Partial').slice(1) },
        { messageId: 'partialNotRanged', at: '/paths/~1files~1{id}/post/responses/206' },
      ],
    },
    {
      name: `${v}: 206 in another file points into that file`,
      spec: withResponses(v, { 206: { $ref: 'common/responses.yaml#/Partial' } }),
      files: { 'common/responses.yaml': 'Ok:\n  description: OK\nPartial:\n  description: Partial content\n' },
      errors: [{ messageId: 'partial', at: 'common/responses.yaml#/Partial', line: 3 }],
    },
    {
      name: `${v}: a 206 that uses the download response of a 200 is reported where the operation names it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { File: partial(v, ['application/octet-stream']).response }),
        paths: { '/files/{id}': { get: { ...partial(v, ['application/octet-stream']).operation, responses: { 200: { $ref: responsesRef(v, 'File') }, 206: { $ref: responsesRef(v, 'File') } } } } },
      },
      errors: [
        {
          messageId: 'sharedPartial',
          at: '/paths/~1files~1{id}/get/responses/206',
          message: `This 206 uses '${responsesRef(v, 'File')}', which declares no 'Content-Range' header and is also used for 200; give the 206 a response of its own with a 'Content-Range' header saying which range the content is, or describe its content as 'multipart/byteranges'.`,
        },
      ],
    },
    {
      name: `${v}: a 416 that uses a generic error response is reported where the operation names it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Error: { description: 'An error' } }),
        paths: { '/files/{id}': { get: { responses: { 200: { description: 'OK' }, 404: { $ref: responsesRef(v, 'Error') }, 416: { $ref: responsesRef(v, 'Error') } } } } },
      },
      errors: [
        {
          messageId: 'sharedUnsatisfiable',
          at: '/paths/~1files~1{id}/get/responses/416',
          message: `This 416 uses '${responsesRef(v, 'Error')}', which declares no 'Content-Range' header and is also used for 404; give the 416 a response of its own with a 'Content-Range' header giving the current length (for a byte range, 'bytes */1234').`,
        },
      ],
    },
  );
}

for (const v of VERSIONS) {
  // What --fix writes: a described string header, with the example where the version takes one
  // (a Swagger 2.0 header has no example; its description already gives one).
  const range = v === '2.0' ? { name: 'Range', in: 'header', type: 'string' } : { name: 'Range', in: 'header', schema: { type: 'string' } };
  const download = (headers: Record<string, Record<string, unknown>> = {}, parameters: unknown[] = [range]) =>
    withResponses(v, { 206: { description: 'Partial content', ...headers[206] }, 416: { description: 'Range not satisfiable', ...headers[416] } }, { operation: { parameters } });
  const contentRange = (description: string, example: string) => ({
    headers: { 'Content-Range': v === '2.0' ? { description, type: 'string' } : { description, schema: { type: 'string' }, example } },
  });
  invalid.push({
    name: `${v}: --fix adds a Content-Range header to the 206 and the 416 of an operation that takes a Range header`,
    spec: download(),
    errors: [
      {
        messageId: 'partial',
        at: '/paths/~1items/get/responses/206',
        message: "206 response declares no 'Content-Range' header; add one saying which range the content is (e.g. 'bytes 0-499/1234'), describe the content as 'multipart/byteranges', or use 200 if this does not answer a Range request.",
      },
      {
        messageId: 'unsatisfiable',
        at: '/paths/~1items/get/responses/416',
        message: "416 response declares no 'Content-Range' header; to a byte-range request, add one giving the current length ('bytes */1234'); if this answers no Range request (a page past the last, say), use another status.",
      },
    ],
    fixed: download({
      206: contentRange('The range enclosed and the complete length, e.g. bytes 0-499/1234 (RFC 9110 §14.4).', 'bytes 0-499/1234'),
      416: contentRange('The current length of the representation, e.g. bytes */1234 (RFC 9110 §14.4).', 'bytes */1234'),
    }),
  });
  // A draft's list with an empty entry and a stray name: skipped, and the Range header still read.
  const draft = [null, 'Range', range];
  invalid.push({
    name: `${v}: a Range header among parameters that are not objects is still read`,
    spec: download({}, draft),
    errors: [
      { messageId: 'partial', at: '/paths/~1items/get/responses/206' },
      { messageId: 'unsatisfiable', at: '/paths/~1items/get/responses/416' },
    ],
    fixed: download(
      {
        206: contentRange('The range enclosed and the complete length, e.g. bytes 0-499/1234 (RFC 9110 §14.4).', 'bytes 0-499/1234'),
        416: contentRange('The current length of the representation, e.g. bytes */1234 (RFC 9110 §14.4).', 'bytes */1234'),
      },
      draft,
    ),
  });
}

// OAS 3.2 `query` (and `additionalOperations`): methods RFC 9110 does not define, whose range
// handling is their own specification's to define (§14.2); neither status is judged there.
valid.push(
  { name: '3.2: 206 to QUERY is not judged', spec: withResponses('3.2', { 206: { description: 'Partial content' } }, { method: 'query' }) },
  { name: '3.2: 416 to QUERY is not judged', spec: withResponses('3.2', { 416: { description: 'Range not satisfiable' } }, { method: 'query' }) },
  {
    name: '3.2: 206 to an additional operation is not judged',
    spec: { ...withResponses('3.2', {}), paths: { '/items': { additionalOperations: { LINK: { responses: { 206: { description: 'Partial content' } } } } } } },
  },
);

// Swagger 2.0: the operation's `produces` (or the document's) are the 206's media types even
// when the response leaves out its `schema`, as 2.0 downloads often do.
valid.push(
  {
    name: '2.0: a 206 without a schema, its operation producing multipart/byteranges',
    spec: withResponses('2.0', { 206: { description: 'Partial content' } }, { operation: { produces: ['application/octet-stream', 'multipart/byteranges'] } }),
  },
  {
    name: '2.0: a 206 without a schema, the document producing multipart/byteranges',
    spec: withResponses('2.0', { 206: { description: 'Partial content' } }, { root: { produces: ['multipart/byteranges'] } }),
  },
);
invalid.push(
  {
    name: '2.0: a 206 without a schema, its operation producing a single-part type only',
    spec: withResponses('2.0', { 206: { description: 'Partial content' } }, { operation: { produces: ['application/octet-stream'] } }),
    errors: [{ messageId: 'partial', at: '/paths/~1items/get/responses/206' }],
  },
  {
    name: "2.0: the operation's produces replaces the document's",
    spec: withResponses('2.0', { 206: { description: 'Partial content', schema: { type: 'file' } } }, { root: { produces: ['multipart/byteranges'] }, operation: { produces: ['application/pdf'] } }),
    errors: [{ messageId: 'partial', at: '/paths/~1items/get/responses/206' }],
  },
);

testRule(rule, { valid, invalid });

// The fix writes a byte-range example ('bytes 0-499/1234', 'bytes */1234'): it is offered only
// where the operation shows it serves byte ranges (a `Range` header parameter, or a
// byte-oriented body on the 206 or 416), not on a 206 "Partial Result" page of a JSON list or a
// 416 "filtering required". The finding is reported either way.
describe('require-content-range fix', () => {
  const rangeParameter = (v: Version, name = 'Range', where = 'header') =>
    v === '2.0' ? { name, in: where, type: 'string' } : { name, in: where, schema: { type: 'string' } };
  const json = (v: Version, description: string) =>
    v === '2.0' ? { description, schema: { type: 'object' } } : { description, content: { 'application/json': { schema: { type: 'object' } } } };
  const jsonOperation = (v: Version, extra: Record<string, unknown> = {}) => (v === '2.0' ? { produces: ['application/json'], ...extra } : extra);
  const fixesOf = (name: string, spec: Record<string, unknown>) => {
    const result = lintCase(rule, { name, spec });
    expect(result.findings.map((finding) => finding.messageId)).not.toEqual([]);
    return result.fixes.length;
  };

  for (const v of VERSIONS) {
    it(`${v}: no fix on a 206 page of a JSON list, nor on a 416 'filtering required', when nothing shows byte ranges`, () => {
      expect(fixesOf('page', withResponses(v, { 200: json(v, 'ok'), 206: json(v, 'Partial Result') }, { operation: jsonOperation(v) }))).toBe(0);
      expect(fixesOf('filter', withResponses(v, { 200: json(v, 'ok'), 416: json(v, 'Filtering required') }, { operation: jsonOperation(v) }))).toBe(0);
      // A download described only in prose: a 206 with no content beside a JSON 200.
      expect(fixesOf('prose', withResponses(v, { 200: json(v, 'ok'), 206: { description: 'The part the Range header asks for' } }, { operation: jsonOperation(v) }))).toBe(0);
      // A query parameter called range is not the Range header field.
      expect(fixesOf('query', withResponses(v, { 416: json(v, 'Out of range') }, { operation: jsonOperation(v, { parameters: [rangeParameter(v, 'range', 'query')] }) }))).toBe(0);
      // Nor is another header parameter.
      expect(fixesOf('header', withResponses(v, { 206: json(v, 'Partial Result') }, { operation: jsonOperation(v, { parameters: [rangeParameter(v, 'If-None-Match')] }) }))).toBe(0);
    });

    it(`${v}: a fix where the operation declares a Range header parameter, in any case`, () => {
      const operation = jsonOperation(v, { parameters: [rangeParameter(v, 'range')] });
      expect(fixesOf('206', withResponses(v, { 206: json(v, 'Partial') }, { operation }))).toBe(1);
      expect(fixesOf('416', withResponses(v, { 416: json(v, 'Unsatisfiable') }, { operation }))).toBe(1);
    });

    it(`${v}: a fix where the Range parameter is named through $ref, or declared on the path item`, () => {
      const ref = v === '2.0' ? '#/parameters/Range' : '#/components/parameters/Range';
      const named = withResponses(v, { 416: json(v, 'Unsatisfiable') }, { operation: jsonOperation(v, { parameters: [{ $ref: ref }] }) });
      const parameters = { Range: rangeParameter(v) };
      expect(fixesOf('ref', v === '2.0' ? { ...named, parameters } : { ...named, components: { parameters } })).toBe(1);
      const base = withResponses(v, { 416: json(v, 'Unsatisfiable') }, { operation: jsonOperation(v) }) as { paths: Record<string, Record<string, unknown>> };
      const pathLevel = { ...base, paths: { '/items': { ...base.paths['/items'], parameters: [rangeParameter(v)] } } };
      expect(fixesOf('path', pathLevel)).toBe(1);
    });

    it(`${v}: a fix where the body is byte-oriented`, () => {
      for (const type of ['application/octet-stream', 'video/mp4', 'audio/mpeg', 'image/png', 'application/pdf']) {
        expect(fixesOf(type, withPartial(v, [type])), type).toBe(1);
      }
    });
  }

  for (const v of VERSIONS) {
    it(`${v}: no fix where the status, not the header, is what needs changing: a shared response that also serves a 200, a 206 to POST`, () => {
      const download = partial(v, ['application/octet-stream']);
      const shared = {
        ...withResponses(v, {}),
        ...sharedResponses(v, { File: download.response }),
        paths: { '/files/{id}': { get: { ...download.operation, parameters: [rangeParameter(v)], responses: { 200: { $ref: responsesRef(v, 'File') }, 206: { $ref: responsesRef(v, 'File') } } } } },
      };
      expect(fixesOf('shared', shared)).toBe(0);
      expect(fixesOf('post', withResponses(v, { 206: download.response }, { method: 'post', operation: { ...download.operation, parameters: [rangeParameter(v)] } }))).toBe(0);
    });
  }

  for (const v of VERSIONS) {
    // The 416 of an operation whose 206 may be sent as several parts is still asked for Content-Range, and fixed.
    it(`${v}: a 416 beside a 206 offered as multipart/byteranges is reported, with a fix`, () => {
      const { response, operation } = partial(v, ['multipart/byteranges']);
      expect(fixesOf(v, withResponses(v, { 206: response, 416: json(v, 'Unsatisfiable') }, { operation }))).toBe(1);
    });
  }

  it('2.0: a 206 without a schema gets a fix where its operation produces a byte-oriented type among others', () => {
    expect(fixesOf('2.0', withResponses('2.0', { 206: { description: 'Partial content' } }, { operation: { produces: ['application/json', 'application/octet-stream'] } }))).toBe(1);
  });

  it('3.x: a 416 beside a byte-oriented 206 gets a fix, though its own body is JSON', () => {
    for (const v of ['3.0', '3.1', '3.2'] as const) {
      const { response } = partial(v, ['video/mp4'], { headers: { 'Content-Range': header(v) } });
      expect(fixesOf(v, withResponses(v, { 206: response, 416: json(v, 'Unsatisfiable') }))).toBe(1);
    }
  });
});
