import rule from '../../rules/require-upgrade.js';
import { header, namedInline, responsesRef, sharedResponses, testRule, VERSIONS, withResponses, type InvalidCase, type ValidCase } from '../rule-tester.js';

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

for (const v of VERSIONS) {
  valid.push(
    { name: `${v}: 426 with Upgrade`, spec: withResponses(v, { 426: { description: 'Upgrade required', headers: { Upgrade: header(v) } } }, { method: 'delete' }) },
    { name: `${v}: header name in another case`, spec: withResponses(v, { 426: { description: 'Upgrade required', headers: { upgrade: header(v) } } }) },
    { name: `${v}: no 426 at all`, spec: withResponses(v, { 200: { description: 'OK' }, 404: { description: 'Not found' } }) },
    { name: `${v}: default is never a 426`, spec: withResponses(v, { default: { description: 'Error' } }) },
    {
      name: `${v}: a 426 in another file that declares Upgrade`,
      spec: withResponses(v, { 426: { $ref: 'common/responses.yaml#/UpgradeRequired' } }),
      files: { 'common/responses.yaml': { UpgradeRequired: { description: 'Upgrade required', headers: { Upgrade: header(v) } } } },
    },
    {
      name: `${v}: shared 426 with Upgrade`,
      spec: {
        ...withResponses(v, { 426: { $ref: responsesRef(v, 'UpgradeRequired') } }),
        ...sharedResponses(v, { UpgradeRequired: { description: 'Upgrade required', headers: { Upgrade: header(v) } } }),
      },
    },
  );
  if (v !== '2.0') {
    valid.push(
      { name: `${v}: a 4XX range is not a 426`, spec: withResponses(v, { '4XX': { description: 'Client error' } }) },
      {
        name: `${v}: Upgrade through a $ref to components/headers`,
        spec: withResponses(v, { 426: { description: 'Upgrade required', headers: { Upgrade: { $ref: '#/components/headers/Upgrade' } } } }, {
          root: { components: { headers: { Upgrade: { schema: { type: 'string' }, example: 'TLS/1.2, HTTP/1.1' } } } },
        }),
      },
    );
  }

  invalid.push(
    {
      // Named by the other use, not naming one: the message says to give the others their own.
      name: `${v}: an inline 426 that another operation names through $ref as its 400 is reported where it is written`,
      spec: namedInline(v, { status: '426', response: { description: 'Inline' }, other: '400' }),
      errors: [
        {
          messageId: 'namedElsewhere',
          at: '/paths/~1a/get/responses/426',
          message:
            "This 426 response is named through $ref elsewhere for 400, so an 'Upgrade' header added here would be declared there too; give those a response of their own, then add the header here.",
        },
      ],
    },
    {
      name: `${v}: inline 426 without headers`,
      spec: withResponses(v, { 426: { description: 'Upgrade required' } }, { method: 'post' }),
      errors: [
        {
          messageId: 'missing',
          at: '/paths/~1items/post/responses/426',
          message: "426 response declares no 'Upgrade' header; add one naming the protocol the client must switch to (e.g. 'TLS/1.2, HTTP/1.1').",
        },
      ],
    },
    {
      name: `${v}: 426 with other headers only`,
      spec: withResponses(v, { 426: { description: 'Use TLS', headers: { 'X-Request-Id': header(v) } } }),
      errors: [{ messageId: 'missing', at: '/paths/~1items/get/responses/426' }],
    },
    {
      name: `${v}: shared 426 reported once, at the definition`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { UpgradeRequired: { description: 'Upgrade required' } }),
        paths: {
          '/a': { get: { responses: { 426: { $ref: responsesRef(v, 'UpgradeRequired') } } } },
          '/b': { post: { responses: { 426: { $ref: responsesRef(v, 'UpgradeRequired') } } } },
        },
      },
      errors: [{ messageId: 'missing', at: responsesRef(v, 'UpgradeRequired').slice(1) }],
    },
    {
      name: `${v}: a 426 that uses a generic error response is reported where the operation names it`,
      spec: {
        ...withResponses(v, {}),
        ...sharedResponses(v, { Error: { description: 'An error' } }),
        paths: { '/a': { get: { responses: { 400: { $ref: responsesRef(v, 'Error') }, 426: { $ref: responsesRef(v, 'Error') } } } } },
      },
      errors: [
        {
          messageId: 'sharedMissing',
          at: '/paths/~1a/get/responses/426',
          message: `This 426 uses '${responsesRef(v, 'Error')}', which declares no 'Upgrade' header and is also used for 400; give the 426 a response of its own with an 'Upgrade' header naming the protocol the client must switch to.`,
        },
      ],
    },
    {
      name: `${v}: 426 in another file points into that file`,
      spec: withResponses(v, { 426: { $ref: 'common/responses.yaml#/UpgradeRequired' } }),
      files: { 'common/responses.yaml': 'Ok:\n  description: OK\nUpgradeRequired:\n  description: Upgrade required\n' },
      errors: [{ messageId: 'missing', at: 'common/responses.yaml#/UpgradeRequired', line: 3 }],
    },
  );
}

testRule(rule, { valid, invalid });
