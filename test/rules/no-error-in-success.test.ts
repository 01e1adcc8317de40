import { describe, expect, it } from 'vitest';
import { checkOptions } from '../../src/engine/options.js';
import rule from '../../rules/no-error-in-success.js';
import {
  jsonResponse,
  lintCase,
  responsesRef,
  schemaRef,
  sharedResponses,
  sharedSchemas,
  testRule,
  VERSIONS,
  withResponses,
  type InvalidCase,
  type ValidCase,
  type Version,
} from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

const AT_200 = '/paths/~1items/get/responses/200';
const str = { type: 'string' };
const int = { type: 'integer' };
const Pet = { type: 'object', properties: { id: int, name: str } };
const ErrorSchema = { type: 'object', required: ['code', 'message'], properties: { code: int, message: str } };
const ref = (v: Version, name: string) => ({ $ref: schemaRef(v, name) });
const at = (v: Version, name: string) => schemaRef(v, name).slice(1);
/** The wording of each message, with its parts filled in (pinned literally once each, above its use). */
const says = {
  errorObject: (subject: string, reason: string) =>
    `${subject} is an error object (${reason}); a 2xx status tells clients the request succeeded, so return this body with a 4xx or 5xx status.`,
  problemDetails: (subject: string, type: string) =>
    `${subject} is declared as '${type}', the media type of RFC 9457 problem details, which describe errors; return it with a 4xx or 5xx status.`,
  envelope: (subject: string, flag: string, error: string) =>
    `${subject} is a success/failure envelope: flag '${flag}' next to error member '${error}'; the status code already says whether the request succeeded, so send failures as 4xx or 5xx responses with an error body.`,
  namedElsewhere: (status: string, others: string, what: string) =>
    `This ${status} response is named through $ref elsewhere for ${others}, where its body (${what}) is right; give those a response of their own, then give this ${status} a success body, or return this one with a 4xx or 5xx status.`,
  errorBranch: (subject: string, keyword: string, branch: string, reason: string) =>
    `${subject} can be an error object: ${keyword} branch ${branch} (${reason}); a 2xx status tells clients the request succeeded, so return errors with a 4xx or 5xx status.`,
};
/** A spec whose one operation answers `status` with `schema`, plus shared schemas. */
const body = (v: Version, schema: object, schemas: Record<string, object> = {}, status = '200', shape = {}) => ({
  ...withResponses(v, { [status]: jsonResponse(v, schema as Record<string, unknown>) }, shape),
  ...sharedSchemas(v, schemas as Record<string, unknown>),
});

for (const v of VERSIONS) {
  // JSON Schema 2020-12 (OAS 3.1 on) applies keywords beside a `$ref`; before 3.1 they are ignored.
  const besideRef = {
    name: `${v}: an error member written beside a $ref to a schema with the success flag`,
    spec: body(v, { ...ref(v, 'Base'), properties: { error: str } }, { Base: { type: 'object', properties: { success: { type: 'boolean' } } } }),
  };
  if (v === '3.1' || v === '3.2') invalid.push({ ...besideRef, errors: [{ messageId: 'envelope', at: AT_200 }] });
  else valid.push(besideRef);
  if (v === '3.1' || v === '3.2') {
    // JSON Schema 2020-12 boolean schemas: `true` allows any body, `false` none; neither is an error object.
    valid.push(
      { name: `${v}: a body schema that is true`, spec: withResponses(v, { 200: { description: 'OK', content: { 'application/json': { schema: true } } } }) },
      { name: `${v}: a body schema that is false`, spec: withResponses(v, { 200: { description: 'OK', content: { 'application/json': { schema: false } } } }) },
    );
    invalid.push({
      name: `${v}: an error object whose type also allows null is still an error object`,
      spec: body(v, { type: ['object', 'null'], properties: { error: str, message: str } }, {}),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    });
  }
  {
    // Square: `DeleteCustomerResponse: {errors}` with `example: {}`, the errors list filled on a 4xx only.
    const ErrorsOnly = (example?: object) => ({ type: 'object', properties: { errors: { type: 'array', items: ref(v, 'Error') } }, ...(example ? { example } : {}) });
    valid.push(
      { name: `${v}: an errors-only schema whose example is a success without them`, spec: body(v, ref(v, 'DeleteResponse'), { DeleteResponse: ErrorsOnly({}), Error: ErrorSchema }) },
      // The same body named through a one-part `allOf`, as a description beside a `$ref` is written before OAS 3.1.
      {
        name: `${v}: an errors-only schema named through a one-part allOf whose example is a success without them`,
        spec: body(v, { description: 'Deleted', allOf: [ref(v, 'DeleteResponse')] }, { DeleteResponse: ErrorsOnly({}), Error: ErrorSchema }),
      },
      { name: `${v}: an error object whose example leaves every error member out`, spec: body(v, { type: 'object', properties: { error: str, message: str }, example: { } }, {}) },
      {
        name: `${v}: an errors-only body whose ${v === '2.0' ? "response's examples entry" : "media type's example"} is a success`,
        spec: {
          ...withResponses(v, {
            200:
              v === '2.0'
                ? { description: 'OK', schema: ref(v, 'DeleteResponse'), examples: { 'application/json': {} } }
                : { description: 'OK', content: { 'application/json': { schema: ref(v, 'DeleteResponse'), example: {} } } },
          }, v === '2.0' ? { operation: { produces: ['application/json'] } } : {}),
          ...sharedSchemas(v, { DeleteResponse: ErrorsOnly(), Error: ErrorSchema }),
        },
      },
    );
    if (v === '2.0') {
      // No `produces` anywhere: the model knows the type only as `*/*`, and the examples' keys name the type sent.
      const withoutProduces = (examples: object) => ({
        ...withResponses(v, { 200: { description: 'OK', schema: ref(v, 'DeleteResponse'), examples } }),
        ...sharedSchemas(v, { DeleteResponse: ErrorsOnly(), Error: ErrorSchema }),
      });
      valid.push({ name: `${v}: no produces, an errors-only body whose JSON examples entry is a success`, spec: withoutProduces({ 'application/json': {} }) });
      // Media type names are case-insensitive (RFC 9110 §8.3.1): the examples entry for
      // 'application/json' may be keyed 'Application/JSON'.
      valid.push({
        name: `${v}: an errors-only body whose examples entry, keyed in other case than produces, is a success`,
        spec: {
          ...withResponses(v, { 200: { description: 'OK', schema: ref(v, 'DeleteResponse'), examples: { 'Application/JSON': {} } } }, { operation: { produces: ['application/json'] } }),
          ...sharedSchemas(v, { DeleteResponse: ErrorsOnly(), Error: ErrorSchema }),
        },
      });
      invalid.push({
        name: `${v}: no produces, an errors-only body whose JSON examples entry shows errors`,
        spec: withoutProduces({ 'application/xml': '<ok/>', 'application/json': { errors: [{ code: 1, message: 'gone' }] } }),
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      });
      // Every JSON entry stands for the one `*/*` body, whatever order the keys are written in:
      // as with OAS 3's named examples, each must show a success without the errors.
      for (const [order, examples] of [
        ['first', { 'application/hal+json': {}, 'application/json': { errors: [{ code: 1, message: 'gone' }] } }],
        ['last', { 'application/json': { errors: [{ code: 1, message: 'gone' }] }, 'application/hal+json': {} }],
      ] as const) {
        invalid.push({
          name: `${v}: no produces, an errors-only body whose ${order} JSON examples entry is a success and another shows errors`,
          spec: withoutProduces(examples),
          errors: [{ messageId: 'errorObject', at: AT_200 }],
        });
      }
    }
    if (v !== '2.0') {
      // An example written beside the body's `$ref`: from OAS 3.1 it is the example of the body
      // (JSON Schema 2020-12 applies keywords beside a `$ref`); before, the specification says
      // to ignore it, so the schema it names is read without it.
      const besideRef = (example: object) => body(v, { ...ref(v, 'DeleteResponse'), ...example }, { DeleteResponse: ErrorsOnly(), Error: ErrorSchema });
      const cases = [
        { name: `${v}: an errors-only schema named by a $ref whose sibling examples show a success`, spec: besideRef({ examples: [{}] }) },
        { name: `${v}: an errors-only schema named by a $ref whose sibling example shows a success`, spec: besideRef({ example: {} }) },
      ];
      if (v === '3.0') invalid.push(...cases.map((item) => ({ ...item, errors: [{ messageId: 'errorObject', at: AT_200 }] })));
      else valid.push(...cases);
      // The media type's named examples (OAS 3): every one must show a success without the errors.
      const named = (examples: Record<string, object>, shared: Record<string, object> = {}, DeleteResponse: object = ErrorsOnly()) => {
        const spec = {
          ...withResponses(v, { 200: { description: 'OK', content: { 'application/json': { schema: ref(v, 'DeleteResponse'), examples } } } }),
          ...sharedSchemas(v, { DeleteResponse, Error: ErrorSchema }),
        };
        return { ...spec, components: { ...(spec.components as object), examples: shared } };
      };
      valid.push(
        { name: `${v}: an errors-only body whose named examples all show a success`, spec: named({ deleted: { value: {} }, again: { summary: 'Again', value: {} } }) },
        {
          name: `${v}: an errors-only body open to other members whose named example shows one`,
          spec: named({ deleted: { value: { message: 'Deleted.' } } }, {}, { ...ErrorsOnly(), additionalProperties: true }),
        },
        {
          name: `${v}: an errors-only body whose named example, a $ref to a shared one, shows a success`,
          spec: named({ deleted: { $ref: '#/components/examples/Deleted' } }, { Deleted: { value: {} } }),
        },
      );
      invalid.push(
        {
          name: `${v}: an errors-only body one of whose named examples shows errors`,
          spec: named({ deleted: { value: {} }, failed: { value: { errors: [{ code: 1, message: 'gone' }] } } }),
          errors: [{ messageId: 'errorObject', at: AT_200 }],
        },
        {
          name: `${v}: an errors-only body whose named example has a member the schema does not declare`,
          spec: named({ response: { value: { message: 'Custom Field delete is processing.' } } }),
          errors: [{ messageId: 'errorObject', at: AT_200 }],
        },
        {
          name: `${v}: an errors-only body whose named example is only an external value`,
          spec: named({ deleted: { externalValue: 'https://example.com/deleted.json' } }),
          errors: [{ messageId: 'errorObject', at: AT_200 }],
        },
      );
      invalid.push({
        name: `${v}: an errors-only schema named by a $ref whose sibling examples show errors`,
        spec: besideRef({ examples: [{ errors: [{ code: 1, message: 'gone' }] }] }),
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      });
    }
    invalid.push(
      {
        // SendGrid: a 202 answered with its `{errors, id}` error schema, the example a message it does not declare.
        name: `${v}: an errors-only schema whose example has members the schema does not declare`,
        spec: body(v, ref(v, 'DeleteResponse'), { DeleteResponse: ErrorsOnly({ message: 'Delete is processing.' }), Error: ErrorSchema }),
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      },
      { name: `${v}: an errors-only schema with no example`, spec: body(v, ref(v, 'DeleteResponse'), { DeleteResponse: ErrorsOnly(), Error: ErrorSchema }), errors: [{ messageId: 'errorObject', at: AT_200 }] },
      {
        name: `${v}: an errors-only schema whose example shows errors`,
        spec: body(v, ref(v, 'DeleteResponse'), { DeleteResponse: ErrorsOnly({ errors: [{ code: 1, message: 'gone' }] }), Error: ErrorSchema }),
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      },
    );
  }
  valid.push({ name: `${v}: a description beside a $ref changes nothing`, spec: body(v, { ...ref(v, 'Pet'), description: 'The pet' }, { Pet }) });
  valid.push(
    { name: `${v}: a resource`, spec: body(v, ref(v, 'Pet'), { Pet }) },
    { name: `${v}: errors on a 4xx and default are what they are for`, spec: { ...withResponses(v, { 200: jsonResponse(v, ref(v, 'Pet')), 404: jsonResponse(v, ref(v, 'Error')), default: jsonResponse(v, ref(v, 'Error')) }), ...sharedSchemas(v, { Pet, Error: ErrorSchema }) } },
    { name: `${v}: a top-level array is a list, even of errors`, spec: body(v, { type: 'array', items: ref(v, 'Error') }, { Error: ErrorSchema }) },
    { name: `${v}: a resource about errors by its path (crash reports)`, spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }, '200', { path: '/apps/{id}/crash-reports/{reportId}' }) },
    { name: `${v}: a resource about errors by its name (ErrorReport)`, spec: body(v, ref(v, 'ErrorReport'), { ErrorReport: { type: 'object', properties: { error: str, message: str, code: int } } }) },
    { name: `${v}: GraphQL-style data next to errors, no success flag`, spec: body(v, { type: 'object', properties: { data: { type: 'object' }, errors: { type: 'array', items: ErrorSchema } } }) },
    { name: `${v}: 207 Multi-Status carries per-member failures`, spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }, '207') },
    { name: `${v}: {code, message} without an error name may be a result`, spec: body(v, ref(v, 'OperationResult'), { OperationResult: ErrorSchema }) },
    { name: `${v}: an error count is not an error`, spec: body(v, { type: 'object', properties: { errors: int } }) },
    {
      name: `${v}: per-item outcomes in a batch operation (AWS BatchDeletePartition)`,
      spec: body(v, { type: 'object', properties: { Errors: { type: 'array', items: { type: 'object', properties: { Code: str, Message: str } } } } }, {}, '200', { method: 'post', path: '/partitions/batch-delete' }),
    },
    {
      name: `${v}: a bulk result's success flag and error list are per item`,
      spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, errors: { type: 'array', items: ErrorSchema } } }, {}, '200', { method: 'post', operation: { operationId: 'bulkCreateItems' } }),
    },
    {
      name: `${v}: per-item outcomes named by their item (AWS UpdateCostAllocationTagsStatus)`,
      spec: body(v, { type: 'object', properties: { Errors: { type: 'array', items: { type: 'object', properties: { TagKey: str, Code: str, Message: str } } } } }),
    },
    {
      name: `${v}: per-item failures next to a message (Akeneo reference-file upload)`,
      spec: body(v, { type: 'object', properties: { message: str, errors: { type: 'array', items: { type: 'object', properties: { channel: str, locale: str, message: str } } } } }, {}, '201'),
    },
    {
      name: `${v}: an async operation record whose status is a lifecycle (Azure, NDHM heartbeat)`,
      spec: body(v, { type: 'object', properties: { status: { type: 'string', enum: ['UP', 'DOWN'] }, error: ref(v, 'Error'), timestamp: str } }, { Error: ErrorSchema }),
    },
    { name: `${v}: an unnamed {status, error} with a free-text status is a state (Azure AsyncOperationResult)`, spec: body(v, { type: 'object', properties: { status: str, error: ref(v, 'Error') } }, { Error: ErrorSchema }) },
    {
      name: `${v}: a job record with success and error of the job (Codat ExcelStatus)`,
      spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, errorMessage: str, inProgress: { type: 'boolean' }, queued: str } }),
    },
    {
      name: `${v}: a record with an id has a success and error of its own (a webhook delivery)`,
      spec: body(v, { type: 'object', properties: { id: str, success: { type: 'boolean' }, error: str, duration: int } }, {}, '200', { path: '/hooks/{id}/deliveries/{delivery}' }),
    },
    {
      name: `${v}: a record with an id has an outcome of its own (a finished build)`,
      spec: body(v, ref(v, 'Build'), { Build: { type: 'object', properties: { ID: str, status: { type: 'string', enum: ['success', 'failure'] }, error: ErrorSchema, createdAt: str } } }, '200', { path: '/builds/{id}' }),
    },
    {
      name: `${v}: success and error as lists of items (Mist inventory)`,
      spec: body(v, { type: 'object', properties: { op: str, success: { type: 'array', items: str }, error: { type: 'array', items: str } } }),
    },
    {
      name: `${v}: a flag about something else is no success flag (Graph messageRule.hasError, Neutrino is-error)`,
      spec: body(v, { type: 'object', properties: { 'is-error': { type: 'boolean' }, 'error-message': str, url: str, content: str } }),
    },
    {
      name: `${v}: success as a non-boolean (Google runtimeconfig Waiter)`,
      spec: body(v, { type: 'object', properties: { done: { type: 'boolean' }, error: ref(v, 'Error'), success: { type: 'object', properties: { cardinality: int } }, name: str } }, { Error: ErrorSchema }),
    },
    {
      name: `${v}: a verification endpoint answers with its findings, like validate and verify`,
      spec: body(v, { type: 'object', properties: { errors: { type: 'array', items: { type: 'object', properties: { field: str, message: str } } } } }, {}, '200', { method: 'post', path: '/address-verification' }),
    },
    {
      name: `${v}: per-item errors of a batch, the path in the plural (POST /items/batches)`,
      spec: body(v, { type: 'object', properties: { errors: { type: 'array', items: ErrorSchema } } }, {}, '200', { method: 'post', path: '/items/batches' }),
    },
    { name: `${v}: a validation endpoint answers with its findings (Jira projectvalidate)`, spec: body(v, { type: 'object', properties: { errorMessages: { type: 'array', items: str }, errors: { type: 'object', additionalProperties: str } } }, {}, '200', { path: '/rest/api/3/projectvalidate/key' }) },
    { name: `${v}: a simulation reports the simulated transaction's outcome`, spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, error: str } }, {}, '200', { method: 'post', path: '/transactions/{id}/simulate' }) },
    { name: `${v}: a dry run reports what the real request would do (POST /deployments/dry-run)`, spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, errors: { type: 'array', items: str } } }, {}, '200', { method: 'post', path: '/deployments/dry-run' }) },
    { name: `${v}: a dry run written in camel case (POST /migrations/{id}/dryRun)`, spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, error: str } }, {}, '200', { method: 'post', path: '/migrations/{id}/dryRun' }) },
    { name: `${v}: a webhook test reports the delivery's outcome`, spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, error: str } }, {}, '200', { method: 'post', path: '/webhooks/{id}/test' }) },
    {
      name: `${v}: Swagger 2.0 produces with problem+json does not make the 200 a problem`,
      spec: body(v, ref(v, 'Pet'), { Pet }, '200', { operation: { produces: ['application/json', 'application/problem+json'] } }),
    },
    {
      // As for a 204: the body is never sent (RFC 9110 §9.3.2), and no-body-on-head reports it.
      name: `${v}: a response to HEAD has no content, so no error in it`,
      spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }, '200', { method: 'head' }),
    },
    {
      // The poll succeeded; the job it reports on failed. Its 202 says "still running".
      name: `${v}: a status monitor reports its job's failure (GitHub innersource vulnerability sync status)`,
      spec: body(v, { oneOf: [ref(v, 'SyncResult'), { type: 'object', properties: { status: { type: 'string', enum: ['error'] }, error: str } }] }, {
        SyncResult: { type: 'object', properties: { processed: int, created: int } },
      }, '200', { path: '/enterprises/{enterprise}/sync/status/{job_id}' }),
    },
    {
      name: `${v}: a status monitor's success flag and error are its job's (an operation-status resource)`,
      spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, error: str } }, {}, '200', { path: '/operations/{operationId}' }),
    },
    { name: `${v}: a cycle in allOf is harmless`, spec: body(v, ref(v, 'Loop'), { Loop: { allOf: [ref(v, 'Loop')], properties: { id: int } } }) },
    {
      // The body is never sent: no-body-on-no-content reports it, and "use a 4xx" would be wrong
      // advice for "the user cast their vote successfully".
      name: `${v}: a 204 or 205 has no content, so no error in it (Bitbucket issue vote)`,
      spec: {
        ...withResponses(v, { 204: jsonResponse(v, ref(v, 'Error')), 205: jsonResponse(v, ref(v, 'Error')) }, { method: 'put' }),
        ...sharedSchemas(v, { Error: { type: 'object', title: 'Error', properties: { type: str, error: ErrorSchema } } }),
      },
    },
  );

  invalid.push(
    {
      name: `${v}: 200 whose schema is $ref Error is reported at the response`,
      spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }),
      errors: [{
        messageId: 'errorObject',
        at: AT_200,
        message: "'200' response body is an error object ('Error' has only the error fields 'code' and 'message'); a 2xx status tells clients the request succeeded, so return this body with a 4xx or 5xx status.",
      }],
    },
    {
      name: `${v}: inline {error: {code, message}}`,
      spec: body(v, { type: 'object', properties: { error: ErrorSchema } }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      name: `${v}: top-level errors list of error objects (Square DeleteCustomerResponse)`,
      spec: body(v, ref(v, 'DeleteCustomerResponse'), {
        DeleteCustomerResponse: { type: 'object', properties: { errors: { type: 'array', items: { type: 'object', properties: { category: str, code: str, detail: str, field: str } } } } },
      }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      name: `${v}: error code and message fields, names normalised (Postmark ErrorCode/Message)`,
      spec: body(v, ref(v, 'StandardPostmarkResponse'), { StandardPostmarkResponse: { type: 'object', properties: { ErrorCode: int, Message: str } } }, '200', { method: 'delete' }),
      errors: [{ messageId: 'errorObject', at: '/paths/~1items/delete/responses/200' }],
    },
    {
      name: `${v}: {code, message} titled like an error`,
      spec: body(v, { type: 'object', title: 'ApiError', properties: { code: int, message: str, status: str } }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      name: `${v}: problem details fields under an error name`,
      spec: body(v, ref(v, 'ProblemDetails'), { ProblemDetails: { type: 'object', properties: { type: str, title: str, status: int, detail: str, instance: str } } }, '201'),
      errors: [{ messageId: 'errorObject', at: '/paths/~1items/get/responses/201' }],
    },
    {
      name: `${v}: allOf is flattened`,
      spec: body(v, { allOf: [ref(v, 'Error'), { properties: { requestId: str } }] }, { Error: ErrorSchema }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      name: `${v}: envelope in a shared schema is reported once, at the schema`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/pets/{id}': { get: { responses: { 200: jsonResponse(v, ref(v, 'PetResult')) } } },
          '/pets': { post: { responses: { 201: jsonResponse(v, ref(v, 'PetResult')) } } },
        },
        ...sharedSchemas(v, { Pet, Error: ErrorSchema, PetResult: { type: 'object', properties: { success: { type: 'boolean' }, data: ref(v, 'Pet'), error: ref(v, 'Error') } } }),
      },
      errors: [{
        messageId: 'envelope',
        at: at(v, 'PetResult'),
        message: "Schema 'PetResult', used as a 2xx response body, is a success/failure envelope: flag 'success' next to error member 'error'; the status code already says whether the request succeeded, so send failures as 4xx or 5xx responses with an error body.",
      }],
    },
    {
      name: `${v}: an envelope composed inline, from a shared flag and an error of its own, is reported at the response`,
      spec: body(v, { allOf: [ref(v, 'Base')], properties: { error: str } }, { Base: { type: 'object', properties: { success: { type: 'boolean' } } } }),
      errors: [{ messageId: 'envelope', at: AT_200 }],
    },
    {
      name: `${v}: an envelope composed in a shared schema from two parts is reported at that schema, not the last part`,
      spec: body(v, ref(v, 'Wrapper'), {
        Flag: { type: 'object', properties: { success: { type: 'boolean' } } },
        Err: { type: 'object', properties: { error: str } },
        Wrapper: { allOf: [ref(v, 'Flag'), ref(v, 'Err')] },
      }),
      errors: [{ messageId: 'envelope', at: at(v, 'Wrapper') }],
    },
    {
      name: `${v}: a one-part allOf stands for its $ref: the composed schema takes the finding`,
      spec: body(v, { allOf: [ref(v, 'Wrapper')], description: 'The result' }, {
        Flag: { type: 'object', properties: { success: { type: 'boolean' } } },
        Err: { type: 'object', properties: { error: str } },
        Wrapper: { allOf: [ref(v, 'Flag'), ref(v, 'Err')] },
      }),
      errors: [{ messageId: 'envelope', at: at(v, 'Wrapper') }],
    },
    {
      name: `${v}: envelope inherited through allOf is reported at the base that declares it`,
      spec: body(v, ref(v, 'PetResponse'), {
        Pet,
        ApiResponse: { type: 'object', properties: { ok: { type: 'boolean' }, error: str } },
        PetResponse: { allOf: [ref(v, 'ApiResponse'), { properties: { data: ref(v, 'Pet') } }] },
      }),
      errors: [{ messageId: 'envelope', at: at(v, 'ApiResponse') }],
    },
    {
      name: `${v}: inline envelope with a JSend status (getthedata bng2latlong)`,
      spec: body(v, { type: 'object', properties: { status: { type: 'string', enum: ['ok', 'error'] }, error: str, latitude: { type: 'number' }, longitude: { type: 'number' } } }),
      errors: [{ messageId: 'envelope', at: AT_200, message: says.envelope("'200' response body", 'status', 'error') }],
    },
    {
      name: `${v}: paginated envelope (Sakari PaginatedResponse)`,
      spec: body(v, ref(v, 'PaginatedResponse'), {
        PaginatedResponse: { type: 'object', properties: { success: { type: 'boolean' }, pagination: { type: 'object' }, error: ErrorSchema } },
      }),
      errors: [{ messageId: 'envelope', at: at(v, 'PaginatedResponse') }],
    },
    {
      name: `${v}: a shared response used for a 2xx is reported at its definition`,
      spec: { ...withResponses(v, { 200: { $ref: responsesRef(v, 'Failure') } }), ...sharedResponses(v, { Failure: jsonResponse(v, { type: 'object', properties: { error: str } }) }) },
      errors: [{
        messageId: 'errorObject',
        at: responsesRef(v, 'Failure').slice(1),
        message: "Response 'Failure', used for a 2xx, is an error object (it has only the error field 'error'); a 2xx status tells clients the request succeeded, so return this body with a 4xx or 5xx status.",
      }],
    },
    {
      name: `${v}: a schema named as an error is one, on a status monitor too`,
      spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }, '200', { path: '/jobs/{jobId}' }),
      errors: [{ messageId: 'errorObject', at: '/paths/~1jobs~1{jobId}/get/responses/200' }],
    },
    {
      // A 202 is no sign of a status monitor: real specs use it for failures too (Kumpe Apps' 'did not complete').
      name: `${v}: a 202 beside the 200 says nothing about the 200`,
      spec: withResponses(v, { 200: jsonResponse(v, { type: 'object', properties: { error: str, message: str } }), 202: { description: 'Accepted' } }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      // The definition is right for the 400 that also uses it: the 200's use of it is the mistake.
      name: `${v}: a shared error response also used for a 4xx is reported where the 2xx names it`,
      spec: {
        ...withResponses(v, { 200: { $ref: responsesRef(v, 'Failure') } }),
        paths: {
          '/items': { get: { responses: { 200: { $ref: responsesRef(v, 'Failure') } } } },
          '/other': { get: { responses: { 200: { description: 'ok' }, 400: { $ref: responsesRef(v, 'Failure') } } } },
        },
        // Both under `components` from 3.0 on: merged, not one spread over the other.
        ...(v === '2.0'
          ? { responses: { Failure: jsonResponse(v, ref(v, 'Error')) }, definitions: { Error: ErrorSchema } }
          : { components: { responses: { Failure: jsonResponse(v, ref(v, 'Error')) }, schemas: { Error: ErrorSchema } } }),
      },
      errors: [{
        messageId: 'errorObject',
        at: AT_200,
        message: says.errorObject(`'200' response '${responsesRef(v, 'Failure')}' (also used for 400)`, "'Error' has only the error fields 'code' and 'message'"),
      }],
    },
    {
      // Bundlers name a response met twice by a pointer into the operation that writes it.
      name: `${v}: an inline 200 with an error body that another operation names through $ref as its 400 is reported where it is written`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/items': { get: { responses: { 200: jsonResponse(v, { type: 'object', properties: { error: str } }) } } },
          '/other': { get: { responses: { 200: { description: 'ok' }, 400: { $ref: '#/paths/~1items/get/responses/200' } } } },
        },
      },
      errors: [{
        messageId: 'namedElsewhere',
        at: AT_200,
        message: "This 200 response is named through $ref elsewhere for 400, where its body (an error object: it has only the error field 'error') is right; give those a response of their own, then give this 200 a success body, or return this one with a 4xx or 5xx status.",
      }],
    },
    {
      name: `${v}: an inline 200 with an error body that another operation names through $ref as its 201 is the definition's mistake`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/items': { get: { responses: { 200: jsonResponse(v, { type: 'object', properties: { error: str } }) } } },
          '/other': { post: { responses: { 201: { $ref: '#/paths/~1items/get/responses/200' } } } },
        },
      },
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      name: `${v}: a shared error response also used for a 207 or a 3xx is still reported at its definition`,
      spec: {
        ...withResponses(v, {}),
        paths: { '/items': { get: { responses: { 200: { $ref: responsesRef(v, 'Failure') }, 207: { $ref: responsesRef(v, 'Failure') }, 304: { $ref: responsesRef(v, 'Failure') } } } } },
        ...sharedResponses(v, { Failure: jsonResponse(v, { type: 'object', properties: { error: str } }) }),
      },
      errors: [{ messageId: 'errorObject', at: responsesRef(v, 'Failure').slice(1) }],
    },
    ...(v === '2.0'
      ? []
      : [
          {
            name: `${v}: a shared problem+json response also used for a 4xx is reported where the 2xx names it`,
            spec: {
              ...withResponses(v, { 202: { $ref: responsesRef(v, 'Problem') }, default: { $ref: responsesRef(v, 'Problem') } }),
              ...sharedResponses(v, { Problem: { description: 'A problem', content: { 'application/problem+json': { schema: { type: 'object', properties: { title: str, status: int } } } } } }),
            },
            errors: [{
              messageId: 'problemDetails',
              at: '/paths/~1items/get/responses/202',
              message: says.problemDetails(`'202' response '${responsesRef(v, 'Problem')}' (also used for default)`, 'application/problem+json'),
            }],
          },
          {
            name: `${v}: an inline problem+json 202 that the same operation's default names through $ref is reported where it is written`,
            spec: withResponses(v, {
              202: { description: 'A problem', content: { 'application/problem+json': { schema: { type: 'object', properties: { title: str, status: int } } } } },
              default: { $ref: '#/paths/~1items/get/responses/202' },
            }),
            errors: [{
              messageId: 'namedElsewhere',
              at: '/paths/~1items/get/responses/202',
              message: says.namedElsewhere('202', 'default', "'application/problem+json', RFC 9457 problem details"),
            }],
          },
        ]),
    {
      name: `${v}: an error schema in another file: the usage is reported`,
      spec: body(v, { $ref: 'schemas.yaml#/ErrorResponse' }),
      files: { 'schemas.yaml': { ErrorResponse: { type: 'object', properties: { error: ErrorSchema } } } },
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      name: `${v}: an envelope in another file is reported there`,
      spec: body(v, { $ref: 'schemas.yaml#/Result' }),
      files: { 'schemas.yaml': 'Pet:\n  type: object\nResult:\n  type: object\n  properties:\n    success: { type: boolean }\n    errors: { type: array, items: { type: string } }\n' },
      errors: [{ messageId: 'envelope', at: 'schemas.yaml#/Result', line: 3 }],
    },
    {
      name: `${v}: extra error names through the errorProperties option`,
      options: { errorProperties: ['failure'] },
      spec: body(v, { type: 'object', properties: { failure: { type: 'object', properties: { reason: str } } } }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
  );
  {
    // Docker Engine's `POST /containers/{id}/wait`: `ContainerWaitResponse: {StatusCode, Error}`
    // with only the exit code required, the result of a process that may carry the process's error.
    const wait = (required: string[], title?: string) => ({
      type: 'object',
      ...(title ? { title } : {}),
      required,
      properties: {
        StatusCode: { type: 'integer', description: 'Exit code of the container' },
        Error: { type: 'object', description: 'container waiting error, if any', properties: { Message: str } },
      },
    });
    valid.push(
      { name: `${v}: a process result whose exit code is required and its error optional (Docker ContainerWaitResponse)`, spec: body(v, wait(['StatusCode'], 'ContainerWaitResponse')) },
      { name: `${v}: a shared process result whose exit code is required and its error optional`, spec: body(v, ref(v, 'ContainerWaitResponse'), { ContainerWaitResponse: wait(['StatusCode']) }) },
    );
    invalid.push(
      { name: `${v}: the process result shape named as an error stays an error object`, spec: body(v, ref(v, 'WaitError'), { WaitError: wait(['StatusCode']) }), errors: [{ messageId: 'errorObject', at: AT_200 }] },
      { name: `${v}: the process result shape titled as an error stays an error object`, spec: body(v, wait(['StatusCode'], 'WaitError')), errors: [{ messageId: 'errorObject', at: AT_200 }] },
      { name: `${v}: the process result shape with its error required stays an error object`, spec: body(v, wait(['StatusCode', 'Error'], 'ContainerWaitResponse')), errors: [{ messageId: 'errorObject', at: AT_200 }] },
      { name: `${v}: the process result shape with nothing required stays an error object`, spec: body(v, wait([], 'ContainerWaitResponse')), errors: [{ messageId: 'errorObject', at: AT_200 }] },
      { name: `${v}: an error object with a required message and an optional error stays one`, spec: body(v, { type: 'object', required: ['message'], properties: { message: str, error: str } }), errors: [{ messageId: 'errorObject', at: AT_200 }] },
    );
  }
  {
    // Figma's DeleteCommentResponse: `{status: 200, error: false}`, an acknowledgement whose error
    // member is pinned to "no error"; an unconstrained boolean `error` still reads as the error.
    const ack = (error: object) => ({ type: 'object', required: ['status', 'error'], properties: { status: { type: 'number', enum: [200] }, error } });
    valid.push(
      { name: `${v}: an error member whose enum is only false`, spec: body(v, ack({ type: 'boolean', enum: [false] })) },
      { name: `${v}: an error member whose enum is only null`, spec: body(v, { type: 'object', properties: { message: str, error: { enum: [null] } } }) },
      { name: `${v}: a shared acknowledgement with error: false`, spec: body(v, ref(v, 'Ack'), { Ack: ack({ type: 'boolean', enum: [false] }) }) },
    );
    invalid.push(
      { name: `${v}: an error member that is any boolean`, spec: body(v, ack({ type: 'boolean' })), errors: [{ messageId: 'errorObject', at: AT_200 }] },
      { name: `${v}: an error member whose enum allows true`, spec: body(v, ack({ type: 'boolean', enum: [true] })), errors: [{ messageId: 'errorObject', at: AT_200 }] },
    );
    if (v === '3.1' || v === '3.2') {
      valid.push({ name: `${v}: an error member that is const false`, spec: body(v, ack({ type: 'boolean', const: false })) });
      invalid.push({ name: `${v}: an error member that is const true`, spec: body(v, ack({ type: 'boolean', const: true })), errors: [{ messageId: 'errorObject', at: AT_200 }] });
      // JSON Schema 2020-12's type 'null' allows only null, as `enum: [null]` does.
      valid.push(
        { name: `${v}: an error member whose type is only null`, spec: body(v, { type: 'object', properties: { message: str, error: { type: 'null' } } }) },
        { name: `${v}: an error member whose type list is only null`, spec: body(v, { type: 'object', properties: { message: str, error: { type: ['null'] } } }) },
        {
          name: `${v}: a success flag next to an error member whose type is only null`,
          spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, error: { type: 'null' }, data: { type: 'object' } } }),
        },
      );
      // A `false` schema allows no value: the member can never be sent.
      valid.push(
        { name: `${v}: an error member whose schema is false`, spec: body(v, { type: 'object', properties: { message: str, error: false } }) },
        {
          name: `${v}: a success flag next to an error member whose schema is false`,
          spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, error: false, data: { type: 'object' } } }),
        },
      );
      invalid.push({
        name: `${v}: an error member whose type also allows null is still an error member`,
        spec: body(v, { type: 'object', properties: { message: str, error: { type: ['string', 'null'] } } }),
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      });
    }
  }
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push(
    {
      name: `${v}: a problem+json copy of the success schema is a converter artefact (Mailchimp, Wikimedia)`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/json': { schema: ref(v, 'Pet') }, 'application/problem+json': { schema: ref(v, 'Pet') } } } }, { root: sharedSchemas(v, { Pet }) }),
    },
    {
      name: `${v}: a stream can only report errors after its 200 (Twitter compliance stream)`,
      spec: withResponses(v, { 200: jsonResponse(v, { oneOf: [{ type: 'object', properties: { data: { type: 'object' } } }, { type: 'object', properties: { errors: { type: 'array', items: ErrorSchema } } }] }) }, { path: '/2/tweets/compliance/stream' }),
    },
    {
      name: `${v}: NDJSON bodies stream too`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/x-ndjson': { schema: { oneOf: [Pet, { type: 'object', properties: { error: str } }] } } } } }),
    },
    {
      // A structured suffix is handled as its base type (OAS media type registry): RFC 8142's GeoJSON text sequences.
      name: `${v}: a +json-seq body is a JSON text sequence, which streams`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/geo+json-seq': { schema: { oneOf: [Pet, { type: 'object', properties: { error: str } }] } } } } }),
    },
    {
      name: `${v}: a nullable alternative is no error branch`,
      spec: withResponses(v, { 200: jsonResponse(v, { anyOf: [ref(v, 'Pet'), { type: 'object', nullable: true }] }) }, { root: sharedSchemas(v, { Pet }) }),
    },
  );
  invalid.push(
    {
      name: `${v}: the 2XX range is a success too`,
      spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }, '2XX'),
      errors: [{ messageId: 'errorObject', at: '/paths/~1items/get/responses/2XX' }],
    },
    {
      name: `${v}: problem+json on a 2xx`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/problem+json': { schema: { type: 'object', properties: { title: str, detail: str } } } } } }),
      errors: [{
        messageId: 'problemDetails',
        at: AT_200,
        message: "'200' response body is declared as 'application/problem+json', the media type of RFC 9457 problem details, which describe errors; return it with a 4xx or 5xx status.",
      }],
    },
    {
      name: `${v}: problem+json without a schema on a 2xx`,
      spec: withResponses(v, { 202: { description: 'accepted', content: { 'application/problem+json': {} } } }),
      errors: [{ messageId: 'problemDetails', at: '/paths/~1items/get/responses/202' }],
    },
    {
      name: `${v}: inline oneOf with an error branch`,
      spec: body(v, { oneOf: [ref(v, 'Pet'), ref(v, 'Error')] }, { Pet, Error: ErrorSchema }),
      errors: [{ messageId: 'errorBranch', at: AT_200 }],
    },
    {
      name: `${v}: anyOf in a shared schema is reported at the schema`,
      spec: body(v, ref(v, 'PetOrError'), { Pet, Error: ErrorSchema, PetOrError: { anyOf: [ref(v, 'Pet'), ref(v, 'Error')] } }),
      errors: [{
        messageId: 'errorBranch',
        at: at(v, 'PetOrError'),
        message: "Schema 'PetOrError', used as a 2xx response body, can be an error object: anyOf branch 'Error' ('Error' has only the error fields 'code' and 'message'); a 2xx status tells clients the request succeeded, so return errors with a 4xx or 5xx status.",
      }],
    },
    {
      name: `${v}: an error branch with a numeric status code (Nexmo Verify control)`,
      spec: body(v, { oneOf: [ref(v, 'controlResponse'), ref(v, 'controlErrorResponse')] }, {
        controlResponse: { type: 'object', properties: { status: str, command: { type: 'string', enum: ['cancel', 'trigger_next_event'] } } },
        controlErrorResponse: { type: 'object', properties: { status: { type: 'string', enum: ['0', '1', '2', '3', '4', '5'] }, error_text: str } },
      }, '200', { method: 'post', path: '/control/{format}' }),
      errors: [{ messageId: 'errorBranch', at: '/paths/~1control~1{format}/post/responses/200' }],
    },
  );
}

for (const v of VERSIONS) {
  // A type tag beside the error members, as Notion's `{object: 'error', status, code, message}`
  // and UniCourt's `Exception: {object: 'Exception', code, message, details}`.
  const tag = { type: 'string', enum: ['error'] };
  valid.push({
    name: `${v}: an unnamed {object, code, message} is as likely a result as an error`,
    spec: body(v, { type: 'object', properties: { object: tag, code: str, message: str } }),
  });
  invalid.push({
    name: `${v}: an error schema with an 'object' type tag is still an error object`,
    spec: body(v, ref(v, 'Error'), { Error: { type: 'object', properties: { object: tag, status: int, code: str, message: str } } }),
    errors: [{ messageId: 'errorObject', at: AT_200 }],
  });
  if (v !== '2.0') {
    invalid.push({
      name: `${v}: a oneOf branch named as an error with an 'object' type tag`,
      spec: body(v, { oneOf: [ref(v, 'Download'), ref(v, 'Exception')] }, {
        Download: { type: 'object', properties: { fileUrl: str, expiryDate: str } },
        Exception: { type: 'object', properties: { object: { type: 'string', default: 'Exception' }, code: str, message: str, details: str } },
      }),
      errors: [{ messageId: 'errorBranch', at: AT_200 }],
    });
  }
  {
    // A schema named as an error by its own name or title may carry one member more.
    const lifecycle = { type: 'string', enum: ['IN PROGRESS', 'FAILED', 'EXPIRED', 'CANCELLED', '101'] };
    // Vonage Verify: `network` beside the error text.
    const requestErrorResponse = { type: 'object', properties: { error_text: str, network: str, request_id: str, status: str } };
    const searchErrorResponse = { type: 'object', properties: { error_text: str, request_id: str, status: lifecycle } };
    // SendGrid's `global_error_response_schema`, named by its title.
    const GlobalError = {
      type: 'object',
      title: 'Global Error Response Schema',
      properties: { errors: { type: 'array', items: { type: 'object', properties: { field: str, message: str } } }, id: str },
    };
    invalid.push(
      { name: `${v}: an error-named schema with one member outside the vocabulary`, spec: body(v, ref(v, 'requestErrorResponse'), { requestErrorResponse }), errors: [{ messageId: 'errorObject', at: AT_200 }] },
      {
        name: `${v}: an error-named schema whose status is a lifecycle`,
        spec: body(v, ref(v, 'searchErrorResponse'), { searchErrorResponse }),
        errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "'searchErrorResponse' has the error fields 'error_text' and 'request_id', and 'status' besides") }],
      },
      { name: `${v}: a schema titled as an error, of errors and an id`, spec: body(v, ref(v, 'global_error_response_schema'), { global_error_response_schema: GlobalError }), errors: [{ messageId: 'errorObject', at: AT_200 }] },
    );
    valid.push(
      {
        name: `${v}: data beside an allOf part named as an error (the body's own name is not one)`,
        spec: body(v, ref(v, 'get_carriers_response_body'), {
          get_carriers_response_body: { allOf: [{ type: 'object', properties: { carriers: { type: 'array', items: Pet } } }, ref(v, 'error_response_body')] },
          error_response_body: { type: 'object', properties: { request_id: str, errors: { type: 'array', items: ErrorSchema } } },
        }),
      },
      { name: `${v}: an error-named schema that carries data`, spec: body(v, ref(v, 'ErrorResponse'), { ErrorResponse: { type: 'object', properties: { error: str, data: Pet } } }) },
      { name: `${v}: an error-named schema with two members outside the vocabulary`, spec: body(v, ref(v, 'ApiError'), { ApiError: { type: 'object', properties: { error: str, network: str, carrier: str } } }) },
      { name: `${v}: an error-named schema with one member more and one generic member only`, spec: body(v, ref(v, 'ErrorInfo'), { ErrorInfo: { type: 'object', properties: { message: str, network: str } } }) },
      { name: `${v}: an unnamed error object with one member more`, spec: body(v, { type: 'object', properties: { error_text: str, request_id: str, network: str } }) },
      {
        name: `${v}: an error-named schema with a member more and a lifecycle status`,
        spec: body(v, ref(v, 'SearchError'), { SearchError: { type: 'object', properties: { error_text: str, network: str, status: lifecycle } } }),
      },
      { name: `${v}: an error-named schema with one member more and an error count`, spec: body(v, ref(v, 'ImportError'), { ImportError: { type: 'object', properties: { errors: int, message: str, network: str } } }) },
      { name: `${v}: an error-named schema with a job member`, spec: body(v, ref(v, 'JobError'), { JobError: { type: 'object', properties: { error: str, message: str, startedAt: str } } }) },
    );
    if (v !== '2.0') {
      invalid.push(
        {
          name: `${v}: a oneOf branch named as an error with one member outside the vocabulary`,
          spec: body(v, { oneOf: [ref(v, 'requestResponse'), ref(v, 'requestErrorResponse')] }, { requestResponse: { type: 'object', properties: { request_id: str, status: str } }, requestErrorResponse }),
          errors: [{ messageId: 'errorBranch', at: AT_200 }],
        },
        {
          name: `${v}: a oneOf branch named as an error whose status is a lifecycle`,
          spec: body(v, { oneOf: [ref(v, 'searchResponse'), ref(v, 'searchErrorResponse')] }, { searchResponse: { type: 'object', properties: { request_id: str, checks: { type: 'array', items: str } } }, searchErrorResponse }),
          errors: [{ messageId: 'errorBranch', at: AT_200 }],
        },
      );
    }
  }
  {
    // A boolean failure flag beside the failure's message: an inverted success flag.
    const bool = { type: 'boolean' };
    invalid.push(
      {
        name: `${v}: a boolean 'error' beside the message and the data`,
        spec: body(v, ref(v, 'APIResponseSong'), { APIResponseSong: { type: 'object', properties: { error: bool, message: str, response: Pet } } }),
        errors: [{ messageId: 'envelope', at: at(v, 'APIResponseSong'), message: says.envelope("Schema 'APIResponseSong', used as a 2xx response body,", 'error', 'message') }],
      },
      {
        name: `${v}: 'isError' beside the message, an exception member and the result`,
        spec: body(v, ref(v, 'DefaultResponseDTO'), {
          DefaultResponseDTO: { type: 'object', properties: { isError: bool, message: str, responseException: { type: 'object' }, result: Pet } },
        }),
        // The exception member, not the message, is the error the flag goes with.
        errors: [{ messageId: 'envelope', at: at(v, 'DefaultResponseDTO'), message: says.envelope("Schema 'DefaultResponseDTO', used as a 2xx response body,", 'isError', 'responseException') }],
      },
    );
    valid.push(
      { name: `${v}: 'has_errors' beside data, no message`, spec: body(v, { type: 'object', properties: { has_errors: bool, shipments: { type: 'array', items: Pet } } }) },
      { name: `${v}: 'isError' of a fetched page`, spec: body(v, { type: 'object', properties: { isError: bool, url: str, content: str } }) },
      { name: `${v}: a record with an id and 'hasError'`, spec: body(v, ref(v, 'Webhook'), { Webhook: { type: 'object', properties: { id: str, hasError: bool, message: str } } }) },
      { name: `${v}: a boolean 'error' among two members outside the vocabulary`, spec: body(v, { type: 'object', properties: { error: bool, message: str, name: str, url: str } }) },
      { name: `${v}: a string 'error' beside the message and the data`, spec: body(v, { type: 'object', properties: { error: str, message: str, response: Pet } }) },
    );
  }
  if (v !== '2.0') {
    // perfectpdf: `oneOf: [{$ref: error}, {$ref: result}]`, the error a string schema.
    const Result = { type: 'object', properties: { url: str } };
    invalid.push({
      name: `${v}: a oneOf branch that names a string schema named as an error`,
      spec: body(v, { oneOf: [ref(v, 'error'), ref(v, 'result')] }, { error: { type: 'string', description: 'an error message' }, result: Result }),
      errors: [{ messageId: 'errorBranch', at: AT_200, message: says.errorBranch("'200' response body", 'oneOf', "'error'", "'error' is a string named as an error") }],
    });
    valid.push(
      { name: `${v}: a oneOf branch that names a string schema with another name`, spec: body(v, { oneOf: [ref(v, 'message'), ref(v, 'result')] }, { message: str, result: Result }) },
      { name: `${v}: a oneOf branch that names an enum of error codes`, spec: body(v, { oneOf: [ref(v, 'ErrorCode'), ref(v, 'result')] }, { ErrorCode: { type: 'string', enum: ['E1', 'E2'] }, result: Result }) },
      { name: `${v}: an inline string branch`, spec: body(v, { oneOf: [{ type: 'string', title: 'Error' }, ref(v, 'result')] }, { result: Result }) },
    );
  }
}

// From OAS 3.1, keywords beside a `$ref` apply with it, so `{$ref: Pet, oneOf: [...]}` is not
// the schema `$ref: Pet` names: neither may be taken for the other, whichever the rule meets first.
for (const v of VERSIONS) {
  const sibling = (extra: object) => jsonResponse(v, { ...ref(v, 'Pet'), ...extra });
  const plain = jsonResponse(v, ref(v, 'Pet'));
  const applies = v === '3.1' || v === '3.2';
  for (const [order, paths] of [
    ['beside a $ref first', (extra: object) => ({ '/sib': { get: { responses: { 200: sibling(extra) } } }, '/plain': { get: { responses: { 200: plain } } } })],
    ['the plain $ref first', (extra: object) => ({ '/plain': { get: { responses: { 200: plain } } }, '/sib': { get: { responses: { 200: sibling(extra) } } } })],
  ] as const) {
    const oneOf = { ...withResponses(v, {}), paths: paths({ oneOf: [ref(v, 'Pet'), ref(v, 'Error')] }), ...sharedSchemas(v, { Pet, Error: ErrorSchema }) };
    const name = `${v}: a oneOf beside a $ref, and the same $ref alone (${order})`;
    if (applies) invalid.push({ name, spec: oneOf, errors: [{ messageId: 'errorBranch', at: '/paths/~1sib/get/responses/200' }] });
    else valid.push({ name, spec: oneOf });
    const Flag = { type: 'object', properties: { success: { type: 'boolean' } } };
    const envelope = { ...withResponses(v, {}), paths: paths({ properties: { error: str } }), ...sharedSchemas(v, { Pet: Flag }) };
    const envelopeName = `${v}: an error member beside a $ref to a flag, and the same $ref alone (${order})`;
    if (applies) invalid.push({ name: envelopeName, spec: envelope, errors: [{ messageId: 'envelope', at: '/paths/~1sib/get/responses/200' }] });
    else valid.push({ name: envelopeName, spec: envelope });
  }
}

// Claims of the rule page that no case above pinned.
for (const v of VERSIONS) {
  const bool = { type: 'boolean' };
  valid.push(
    { name: `${v}: resources about errors by their path (incidents, logs)`, spec: { ...withResponses(v, {}), paths: { '/services/{id}/incidents': { get: { responses: { 200: jsonResponse(v, ref(v, 'Error')) } } }, '/apps/{id}/logs': { get: { responses: { 200: jsonResponse(v, ref(v, 'Error')) } } } }, ...sharedSchemas(v, { Error: ErrorSchema }) } },
    { name: `${v}: a resource about errors by its name (ErrorLog, ErrorEvent)`, spec: { ...withResponses(v, { 200: jsonResponse(v, ref(v, 'ErrorLog')), 201: jsonResponse(v, ref(v, 'ErrorEvent')) }), ...sharedSchemas(v, { ErrorLog: { type: 'object', properties: { error: str, message: str } }, ErrorEvent: { type: 'object', properties: { error: str, message: str } } }) } },
    { name: `${v}: only the top level of the body counts`, spec: body(v, { type: 'object', properties: { result: { type: 'object', properties: { error: str, message: str } } } }) },
    { name: `${v}: a record with a uuid or guid has a success and error of its own`, spec: { ...withResponses(v, { 200: jsonResponse(v, { type: 'object', properties: { uuid: str, success: bool, error: str } }), 201: jsonResponse(v, { type: 'object', properties: { guid: str, success: bool, error: str } }) }) } },
    { name: `${v}: a status monitor named by {taskId} or {runId} reports its job's failure`, spec: { ...withResponses(v, {}), paths: { '/tasks/{taskId}': { get: { responses: { 200: jsonResponse(v, { type: 'object', properties: { error: str, message: str } }) } } }, '/runs/{runId}': { get: { responses: { 200: jsonResponse(v, { type: 'object', properties: { success: bool, error: str } }) } } } } } },
  );
  invalid.push(
    {
      name: `${v}: a shared response reached from several 2xxs is reported once, at its definition`,
      spec: {
        ...withResponses(v, {}),
        paths: { '/a': { get: { responses: { 200: { $ref: responsesRef(v, 'Failure') } } } }, '/b': { post: { responses: { 201: { $ref: responsesRef(v, 'Failure') } } } } },
        ...sharedResponses(v, { Failure: jsonResponse(v, { type: 'object', properties: { error: str } }) }),
      },
      errors: [{ messageId: 'errorObject', at: responsesRef(v, 'Failure').slice(1) }],
    },
    { name: `${v}: a SOAP-style fault (faultcode, faultstring)`, spec: body(v, { type: 'object', properties: { faultcode: str, faultstring: str } }), errors: [{ messageId: 'errorObject', at: AT_200 }] },
    { name: `${v}: an exception member beside the message`, spec: body(v, { type: 'object', properties: { exception: str, message: str } }), errors: [{ messageId: 'errorObject', at: AT_200 }] },
    { name: `${v}: 'isSuccess' next to an error member`, spec: body(v, { type: 'object', properties: { isSuccess: bool, data: Pet, errorMessage: str } }), errors: [{ messageId: 'envelope', at: AT_200 }] },
    {
      // The limit of one member more is the failure flag's (`{error: boolean, message, …}`); a success flag has none.
      name: `${v}: a success flag next to an error member among several data members`,
      spec: body(v, { type: 'object', properties: { success: bool, data: Pet, pagination: { type: 'object' }, meta: { type: 'object' }, error: str } }),
      errors: [{ messageId: 'envelope', at: AT_200 }],
    },
    {
      // A flag written without a type (`success: {description: …}`) is still read as a flag; an object or string is not.
      name: `${v}: a success flag without a type next to an error member`,
      spec: body(v, { type: 'object', properties: { success: { description: 'Whether it worked' }, data: Pet, error: str } }),
      errors: [{ messageId: 'envelope', at: AT_200 }],
    },
    { name: `${v}: a boolean 'failed' beside the message and the data`, spec: body(v, { type: 'object', properties: { failed: bool, message: str, data: Pet } }), errors: [{ messageId: 'envelope', at: AT_200 }] },
  );
  if (v !== '2.0') {
    valid.push(
      { name: `${v}: a problem+json body whose schema is a resource is taken for a converter's copy`, spec: withResponses(v, { 200: { description: 'ok', content: { 'application/problem+json': { schema: ref(v, 'Pet') } } } }, { root: sharedSchemas(v, { Pet }) }) },
      { name: `${v}: JSON Lines and server-sent events stream`, spec: withResponses(v, { 200: { description: 'ok', content: { 'application/jsonl': { schema: ref(v, 'Error') } } }, 201: { description: 'ok', content: { 'text/event-stream': { schema: ref(v, 'Error') } } }, 202: { description: 'ok', content: { 'application/json-seq': { schema: ref(v, 'Error') } } } }, { root: sharedSchemas(v, { Error: ErrorSchema }) }) },
    );
    invalid.push(
      { name: `${v}: problem+xml on a 2xx`, spec: withResponses(v, { 200: { description: 'ok', content: { 'application/problem+xml': { schema: { type: 'object', properties: { title: str, detail: str } } } } } }), errors: [{ messageId: 'problemDetails', at: AT_200 }] },
      {
        name: `${v}: a shared error response also used for a 4XX range is reported where the 2xx names it`,
        spec: {
          ...withResponses(v, { 200: { $ref: responsesRef(v, 'Failure') }, '4XX': { $ref: responsesRef(v, 'Failure') } }),
          ...sharedResponses(v, { Failure: jsonResponse(v, { type: 'object', properties: { error: str } }) }),
        },
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      },
      // A lower-case range is still a range (no-unknown-status reports its spelling), as
      // require-success-response and require-error-responses read it: fixing the spelling
      // must not uncover a finding, nor move one from the 2xx's use to the definition.
      {
        name: `${v}: a lower-case 2xx range is a success too`,
        spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }, '2xx'),
        errors: [{ messageId: 'errorObject', at: '/paths/~1items/get/responses/2xx' }],
      },
      {
        name: `${v}: a shared error response also used for a lower-case 4xx range is reported where the 2xx names it`,
        spec: {
          ...withResponses(v, { 200: { $ref: responsesRef(v, 'Failure') }, '4xx': { $ref: responsesRef(v, 'Failure') } }),
          ...sharedResponses(v, { Failure: jsonResponse(v, { type: 'object', properties: { error: str } }) }),
        },
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      },
    );
  }
}

// Where each finding goes and how it names the body, when a response or schema is met from several places.
for (const v of VERSIONS) {
  const failure = jsonResponse(v, { type: 'object', properties: { error: str } });
  invalid.push(
    {
      // The others are listed sorted, whatever order the operations that name the response come in.
      name: `${v}: a shared error response also used for several error statuses lists them sorted`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/items': { get: { responses: { 200: { $ref: responsesRef(v, 'Failure') } } } },
          '/a': { get: { responses: { 200: { description: 'ok' }, 404: { $ref: responsesRef(v, 'Failure') } } } },
          '/b': { get: { responses: { 200: { description: 'ok' }, 400: { $ref: responsesRef(v, 'Failure') } } } },
        },
        ...sharedResponses(v, { Failure: failure }),
      },
      errors: [{
        messageId: 'errorObject',
        at: AT_200,
        message: says.errorObject(`'200' response '${responsesRef(v, 'Failure')}' (also used for 400, 404)`, "it has only the error field 'error'"),
      }],
    },
    {
      name: `${v}: an inline 200 with an error body that other operations name as their 404 and 400 lists them sorted`,
      spec: {
        ...withResponses(v, {}),
        paths: {
          '/items': { get: { responses: { 200: failure } } },
          '/a': { get: { responses: { 200: { description: 'ok' }, 404: { $ref: '#/paths/~1items/get/responses/200' } } } },
          '/b': { get: { responses: { 200: { description: 'ok' }, 400: { $ref: '#/paths/~1items/get/responses/200' } } } },
        },
      },
      errors: [{ messageId: 'namedElsewhere', at: AT_200, message: says.namedElsewhere('200', '400, 404', "an error object: it has only the error field 'error'") }],
    },
    {
      name: `${v}: an envelope written inline is named by its response`,
      spec: body(v, { type: 'object', properties: { success: { type: 'boolean' }, data: Pet, error: str } }),
      errors: [{ messageId: 'envelope', at: AT_200, message: says.envelope("'200' response body", 'success', 'error') }],
    },
  );
  // Swagger 2.0 `produces` names every type the operation may send, errors included: the 200's
  // schema is not problem details because problem+json is among them.
  if (v === '2.0') {
    valid.push({
      name: `${v}: produces with problem+json does not make a {code, message} result a problem`,
      spec: body(v, ref(v, 'OperationResult'), { OperationResult: ErrorSchema }, '200', { operation: { produces: ['application/json', 'application/problem+json'] } }),
    });
  }
  // A body offered both as JSON and as a stream of events (chat completions): the stream can
  // only report a failure after its 200, and the JSON form of it is exempt too.
  const events = { oneOf: [ref(v, 'Chunk'), ref(v, 'Error')] };
  valid.push({
    name: `${v}: a body offered as JSON and as an event stream whose events may be errors`,
    spec: v === '2.0'
      ? body(v, events, { Chunk: Pet, Error: ErrorSchema }, '200', { operation: { produces: ['application/json', 'text/event-stream'] } })
      : withResponses(v, { 200: { description: 'ok', content: { 'application/json': { schema: events }, 'text/event-stream': { schema: events } } } }, { root: sharedSchemas(v, { Chunk: Pet, Error: ErrorSchema }) }),
  });
}

for (const v of ['3.0', '3.1', '3.2'] as const) {
  valid.push(
    // A download, or a body whose schema the spec leaves out: nothing to judge.
    { name: `${v}: a media type without a schema`, spec: withResponses(v, { 200: { description: 'The file', content: { 'application/octet-stream': {} } } }) },
    {
      // A converter that gives every response every `produces` type copies the success schema
      // into problem+json; the copy is no problem, even when its members read like one.
      name: `${v}: a problem+json copy of a {status, message} success schema is a converter artefact`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/json': { schema: ref(v, 'Status') }, 'application/problem+json': { schema: ref(v, 'Status') } } } }, {
        root: sharedSchemas(v, { Status: { type: 'object', properties: { status: str, message: str } } }),
      }),
    },
    {
      name: `${v}: a problem+json body whose schema is a list is taken for a converter's copy`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/problem+json': { schema: { type: 'array', items: ref(v, 'Pet') } } } } }, { root: sharedSchemas(v, { Pet }) }),
    },
    {
      // As a top-level array is a list, even of errors.
      name: `${v}: a oneOf branch that is a list named after errors`,
      spec: body(v, { oneOf: [ref(v, 'Pet'), ref(v, 'Errors')] }, { Pet, Errors: { type: 'array', items: ErrorSchema } }),
    },
  );
  invalid.push(
    {
      name: `${v}: a problem+json body beside a different JSON body is no copy`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/json': { schema: ref(v, 'Pet') }, 'application/problem+json': { schema: { type: 'object', properties: { title: str, status: int, detail: str } } } } } }, {
        root: sharedSchemas(v, { Pet }),
      }),
      errors: [{ messageId: 'problemDetails', at: AT_200 }],
    },
    {
      name: `${v}: a problem+json body beside a body without a schema is no copy`,
      spec: withResponses(v, { 200: { description: 'ok', content: { 'application/octet-stream': {}, 'application/problem+json': { schema: { type: 'object', properties: { title: str, status: int, detail: str } } } } } }),
      errors: [{ messageId: 'problemDetails', at: AT_200 }],
    },
    {
      // A description beside a `$ref` before OAS 3.1 is written as a one-part allOf: the branch
      // is not itself a `$ref`, so the message gives its place in the list.
      name: `${v}: an error branch written as a one-part allOf is named by its index`,
      spec: body(v, { oneOf: [ref(v, 'Pet'), { description: 'When the lookup failed', allOf: [ref(v, 'Error')] }] }, { Pet, Error: ErrorSchema }),
      errors: [{ messageId: 'errorBranch', at: AT_200, message: says.errorBranch("'200' response body", 'oneOf', '1', "'Error' has only the error fields 'code' and 'message'") }],
    },
  );
  {
    // The same inline body in two operations (a YAML anchor and alias: the one object twice):
    // each response is reported, the second from what the first search found.
    const either = { oneOf: [ref(v, 'Pet'), ref(v, 'Error')] };
    invalid.push({
      name: `${v}: one inline oneOf body with an error branch, aliased into two operations, is reported at each`,
      spec: {
        ...withResponses(v, {}),
        paths: { '/items': { get: { responses: { 200: jsonResponse(v, either) } } }, '/pets': { get: { responses: { 200: jsonResponse(v, either) } } } },
        ...sharedSchemas(v, { Pet, Error: ErrorSchema }),
      },
      errors: [{ messageId: 'errorBranch', at: AT_200 }, { messageId: 'errorBranch', at: '/paths/~1pets/get/responses/200' }],
    });
  }
}

// How the verdict reads a member's role, flag and partner.
for (const v of VERSIONS) {
  const bool = { type: 'boolean' };
  valid.push(
    // An error count typed as any number, as an integer one is.
    { name: `${v}: an error count typed number is not an error`, spec: body(v, { type: 'object', properties: { errors: { type: 'number' } } }) },
    {
      // Failures keyed by the item they are about: per-item outcomes, as a list of them is.
      name: `${v}: a map of error objects keyed by item is per-item outcomes`,
      spec: body(v, { type: 'object', properties: { errors: { type: 'object', additionalProperties: { type: 'object', properties: { code: str, message: str } } } } }, {}, '200', { method: 'post' }),
    },
    {
      // `outcome: [queued, failed, done]` is a lifecycle, not a yes/no flag: failure is one of its values, but not every value is an outcome.
      name: `${v}: an outcome whose enum is a lifecycle is no success flag`,
      spec: body(v, { type: 'object', properties: { outcome: { type: 'string', enum: ['queued', 'running', 'failed', 'done'] }, error: str } }),
    },
    {
      // A record whose status is a lifecycle has a success and an error of its own, as one with an id does.
      name: `${v}: a run record whose status is a lifecycle, with a success flag and an error`,
      spec: body(v, { type: 'object', properties: { success: bool, status: { type: 'string', enum: ['queued', 'running', 'completed'] }, error: str } }),
    },
  );
  invalid.push(
    {
      // An error whose code list allows null (OAS 3.0 writes a nullable enum with null among its values).
      name: `${v}: an error member whose enum is error codes or null is still an error member`,
      spec: body(v, { type: 'object', properties: { message: str, error: { type: 'string', enum: ['invalid_token', 'expired_token', null] } } }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      // Vonage: `{status: '0'…'5', error_text}` written inline; a status of numeric codes is a code, not a lifecycle.
      name: `${v}: an unnamed error text beside a status of numeric codes`,
      spec: body(v, { type: 'object', properties: { status: { type: 'string', enum: ['0', '1', '2', '3'] }, error_text: str } }),
      errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "it has only the error fields 'status' and 'error_text'") }],
    },
    {
      // .NET: `{code, message, innerException}`: an `…Exception` member is the one member more.
      name: `${v}: an error-named schema with an inner exception beside its code and message`,
      spec: body(v, ref(v, 'ApiError'), { ApiError: { type: 'object', properties: { code: str, message: str, innerException: { type: 'object' } } } }),
      errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "'ApiError' has the error fields 'code' and 'message', and 'innerException' besides") }],
    },
    {
      // Two members of the vocabulary are enough beside the one more, with no error member among them.
      name: `${v}: an error-named schema with one member more and two generic members`,
      spec: body(v, ref(v, 'ErrorInfo'), { ErrorInfo: { type: 'object', properties: { code: str, message: str, network: str } } }),
      errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "'ErrorInfo' has the error fields 'code' and 'message', and 'network' besides") }],
    },
    {
      // Nothing outside the vocabulary: an error object, not an envelope.
      name: `${v}: a boolean 'error' beside the message alone is an error object`,
      spec: body(v, { type: 'object', properties: { error: bool, message: str } }),
      errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "it has only the error fields 'error' and 'message'") }],
    },
    {
      name: `${v}: a boolean 'error' beside the data and 'msg'`,
      spec: body(v, { type: 'object', properties: { error: bool, data: Pet, msg: str } }),
      errors: [{ messageId: 'envelope', at: AT_200, message: says.envelope("'200' response body", 'error', 'msg') }],
    },
    {
      // `result` is kept as a possible outcome member: it is the data here, not the error the flag goes with.
      name: `${v}: a boolean 'error' beside the result and the message`,
      spec: body(v, { type: 'object', properties: { error: bool, result: Pet, message: str } }),
      errors: [{ messageId: 'envelope', at: AT_200, message: says.envelope("'200' response body", 'error', 'message') }],
    },
    {
      name: `${v}: 'isError' beside its errorMessage and the data`,
      spec: body(v, { type: 'object', properties: { isError: bool, errorMessage: str, data: Pet } }),
      errors: [{ messageId: 'envelope', at: AT_200, message: says.envelope("'200' response body", 'isError', 'errorMessage') }],
    },
    {
      // The operation's own inline 404 is no use of the shared response.
      name: `${v}: a shared response used for a 2xx beside an inline error response is named by its definition`,
      spec: {
        ...withResponses(v, { 200: { $ref: responsesRef(v, 'Failure') }, 404: { description: 'Not found' } }),
        ...sharedResponses(v, { Failure: jsonResponse(v, { type: 'object', properties: { error: str } }) }),
      },
      errors: [{
        messageId: 'errorObject',
        at: responsesRef(v, 'Failure').slice(1),
        message: says.errorObject("Response 'Failure', used for a 2xx,", "it has only the error field 'error'"),
      }],
    },
  );
}

// What the helpers read of names, paths, examples and members.
for (const v of VERSIONS) {
  const bool = { type: 'boolean' };
  const Errors = { type: 'object', properties: { errors: { type: 'array', items: ErrorSchema } } };
  invalid.push(
    {
      // `additionalProperties: false` closes the schema: an example with another member is of another body.
      name: `${v}: a closed errors-only schema whose example has a member it does not declare`,
      spec: body(v, ref(v, 'DeleteResponse'), { DeleteResponse: { ...Errors, additionalProperties: false, example: { message: 'Deleted.' } } }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      // A word inside a segment (log in /login) does not make the path one about errors.
      name: `${v}: a path that only contains a domain word is no domain path (/login)`,
      spec: body(v, ref(v, 'Error'), { Error: ErrorSchema }, '200', { method: 'post', path: '/login' }),
      errors: [{ messageId: 'errorObject', at: '/paths/~1login/post/responses/200' }],
    },
    {
      // Only a parameter that names a job makes a status monitor.
      name: `${v}: an envelope on a path with a parameter that names no job`,
      spec: body(v, { type: 'object', properties: { success: bool, data: Pet, error: str } }, {}, '200', { path: '/pets/{petId}' }),
      errors: [{ messageId: 'envelope', at: '/paths/~1pets~1{petId}/get/responses/200' }],
    },
    {
      name: `${v}: a schema named with an acronym (APIError) is named as an error`,
      spec: body(v, ref(v, 'APIError'), { APIError: { type: 'object', properties: { code: int, message: str } } }),
      errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "'APIError' has only the error fields 'code' and 'message'") }],
    },
    {
      // One schema per file: the file name is the schema's name.
      name: `${v}: a schema in a file of its own is named by the file`,
      spec: body(v, { $ref: 'schemas/ApiError.yaml' }),
      files: { 'schemas/ApiError.yaml': { type: 'object', properties: { code: int, message: str, network: str } } },
      errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "'ApiError' has the error fields 'code' and 'message', and 'network' besides") }],
    },
    {
      name: `${v}: an inline schema titled as an error, with one member more`,
      spec: body(v, { type: 'object', title: 'ApiError', properties: { code: int, message: str, network: str } }),
      errors: [{ messageId: 'errorObject', at: AT_200, message: says.errorObject("'200' response body", "'ApiError' has the error fields 'code' and 'message', and 'network' besides") }],
    },
    {
      // JSON:API error objects carry an id and a source beside their code and detail.
      name: `${v}: a JSON:API errors document`,
      spec: body(v, { type: 'object', properties: { errors: { type: 'array', items: { type: 'object', properties: { id: str, status: str, code: str, title: str, detail: str, source: { type: 'object', properties: { pointer: str } } } } } } }),
      errors: [{ messageId: 'errorObject', at: AT_200 }],
    },
    {
      name: `${v}: a 'result' whose enum is success or error beside an error member`,
      spec: body(v, { type: 'object', properties: { result: { type: 'string', enum: ['success', 'error'] }, error: str, data: Pet } }),
      errors: [{ messageId: 'envelope', at: AT_200, message: says.envelope("'200' response body", 'result', 'error') }],
    },
  );
  if (v !== '2.0') {
    invalid.push(
      {
        name: `${v}: an error body in the second media type is judged too`,
        spec: withResponses(v, { 200: { description: 'ok', content: { 'application/json': { schema: ref(v, 'Pet') }, 'application/xml': { schema: ref(v, 'Error') } } } }, { root: sharedSchemas(v, { Pet, Error: ErrorSchema }) }),
        errors: [{ messageId: 'errorObject', at: AT_200 }],
      },
      {
        // RFC 9457 §3.1: `instance` is a member of problem details.
        name: `${v}: problem+json with every RFC 9457 member on a 2xx`,
        spec: withResponses(v, { 200: { description: 'ok', content: { 'application/problem+json': { schema: { type: 'object', properties: { type: str, title: str, status: int, detail: str, instance: str } } } } } }),
        errors: [{ messageId: 'problemDetails', at: AT_200 }],
      },
    );
  }
  if (v === '2.0') {
    // No `produces`: the examples' keys name what is sent, and only the JSON ones show the body.
    const withoutProduces = (examples: object) => ({
      ...withResponses(v, { 200: { description: 'OK', schema: ref(v, 'DeleteResponse'), examples } }),
      ...sharedSchemas(v, { DeleteResponse: Errors }),
    });
    valid.push({ name: `${v}: no produces, an errors-only body whose JSON examples entry is a success beside an XML one`, spec: withoutProduces({ 'application/xml': '<deleted/>', 'application/json': {} }) });
    invalid.push({ name: `${v}: no produces, an errors-only body with only a plain-text example`, spec: withoutProduces({ 'text/plain': 'Deleted' }), errors: [{ messageId: 'errorObject', at: AT_200 }] });
  }
}

describe('no-error-in-success: options', () => {
  it.each([
    [{ errorProperties: ['failure', 'problems'] }, []],
    [{ errorProperties: 'failure' }, ['options.errorProperties must be an array']],
    [{ errorProperties: ['failure', 1] }, ['options.errorProperties[1] must be a string']],
    [{ errorProperty: ['failure'] }, [expect.stringContaining("options has unknown option 'errorProperty'")]],
    [['failure'], ['options must be an object']],
  ])('%j', (options, problems) => {
    expect(checkOptions(options, rule.meta.schema!)).toEqual(problems);
  });
});

testRule(rule, { valid, invalid });

describe('nested choices', () => {
  /**
   * `levels` schemas, each an `allOf` and a `oneOf` of the next: allOf brings every level's
   * oneOf up to the one above, so a search that does not remember what it found grows as
   * (levels it merges) ^ (levels it descends).
   */
  const layered = (levels: number, last: object) => ({
    ...withResponses('3.0', { 200: jsonResponse('3.0', ref('3.0', 'S0')), 400: { description: 'bad' } }),
    ...sharedSchemas('3.0', Object.fromEntries([
      ...Array.from({ length: levels }, (_, i) => [`S${i}`, { allOf: [ref('3.0', `S${i + 1}`)], oneOf: [ref('3.0', `S${i + 1}`)] }]),
      [`S${levels}`, last],
    ])),
  });
  /** The rule, with its steps into the spec counted; it gives up (and the run fails) past `budget`. */
  const counted = (budget: number) => {
    const steps = { count: 0 };
    const wrapped: typeof rule = {
      ...rule,
      create: (context) => rule.create({
        ...context,
        child: (node, key) => {
          if (++steps.count > budget) throw new Error(`more than ${budget} steps`);
          return context.child(node, key);
        },
      }),
    };
    return { wrapped, steps };
  };

  it('30 levels of allOf + oneOf take polynomial work', () => {
    const { wrapped, steps } = counted(10_000);
    const result = lintCase(wrapped, { name: 'layered', spec: layered(30, ErrorSchema) });
    expect(result.internalErrors.map((error) => error.message)).toEqual([]);
    expect(result.failures.map((failure) => failure.describe())).toEqual([]);
    expect(result.findings).toEqual([]);
    // About 3,300 (mostly merging each level's allOf); without memory, billions.
    expect(steps.count).toBeLessThanOrEqual(10_000);
  });

  it('a base whose oneOf lists subtypes that extend it ends', () => {
    // Polymorphism: each subtype is an allOf of the base, so its choices include itself: the
    // search must stop, and within a budget of steps.
    const spec = body('3.0', ref('3.0', 'Pet'), {
      Pet: { type: 'object', properties: { petType: str }, oneOf: [ref('3.0', 'Cat'), ref('3.0', 'Dog')], discriminator: { propertyName: 'petType' } },
      Cat: { allOf: [ref('3.0', 'Pet'), { type: 'object', properties: { huntingSkill: str } }] },
      Dog: { allOf: [ref('3.0', 'Pet'), { type: 'object', properties: { packSize: int } }] },
    });
    const { wrapped, steps } = counted(10_000);
    const result = lintCase(wrapped, { name: 'cycle', spec });
    expect(result.internalErrors.map((error) => error.message)).toEqual([]);
    expect(result.failures.map((failure) => failure.describe())).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(steps.count).toBeLessThanOrEqual(10_000);
  });

  it('an error branch deep in the layers is still found, at the schema that offers it', () => {
    const { wrapped, steps } = counted(10_000);
    const result = lintCase(wrapped, { name: 'layered', spec: layered(18, { ...ErrorSchema, title: 'ApiError' }) });
    expect(result.internalErrors.map((error) => error.message)).toEqual([]);
    expect(result.failures.map((failure) => failure.describe())).toEqual([]);
    // Where it was before memory: S0 merges S1…S8, whose oneOfs come deepest first; S8's offers S9,
    // which merges S10…S17, and S17's offers the ApiError.
    expect(result.findings.map((finding) => `${finding.messageId} at ${finding.pointer}`)).toEqual(['errorBranch at /components/schemas/S17']);
    expect(steps.count).toBeLessThanOrEqual(10_000);
  });
});

describe('no-error-in-success: how the message names the error fields', () => {
  it.each([
    [ErrorSchema, "('Error' has only the error fields 'code' and 'message')"],
    [{ type: 'object', properties: { error: str } }, "('Error' has only the error field 'error')"],
    [{ type: 'object', properties: { code: int, message: str, details: str } }, "('Error' has only the error fields 'code', 'message' and 'details')"],
  ])('%j', (schema, reason) => {
    const result = lintCase(rule, { name: 'named', spec: body('3.0', ref('3.0', 'Error'), { Error: schema }) });
    expect(result.findings.map((finding) => finding.message)).toEqual([expect.stringContaining(reason)]);
  });
});
