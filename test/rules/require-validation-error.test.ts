import rule from '../../rules/require-validation-error.js';
import { requestBody, responsesOptional, testRule, VERSIONS, withoutResponses, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
const both = { 201: { description: 'Created' }, 400: { description: 'Malformed' }, 422: { description: 'Invalid' } };
const at = '/paths/~1items/post';

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: body with 400 and 422`, spec: withResponses(v, both, { method: 'post', operation: requestBody(v) }) },
    { name: `${v}: no request body, no requirement`, spec: withResponses(v, { 200: { description: 'ok' } }) },
    { name: `${v}: option asks only for 400`, options: { codes: ['400'] }, spec: withResponses(v, { 201: { description: 'ok' }, 400: { description: 'Bad' } }, { method: 'post', operation: requestBody(v) }) },
  );
  invalid.push(
    {
      name: `${v}: body with no error responses at all`,
      spec: withResponses(v, { 201: { description: 'Created' } }, { method: 'post', operation: requestBody(v) }),
      errors: [{ messageId: 'missing', at }],
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
}

testRule(rule, { valid, invalid });
