// The model the rules read (src/loader/normalize.ts): which operations a spec has, with their
// security, request body and responses, for Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2. The rules'
// tables reach it through a rule's eyes; these cases pin the model itself, in-process.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { child, normalize, securitySchemeOf, type Operation, type Response, type Spec } from '../../src/loader/normalize.js';
import { Workspace } from '../../src/loader/resolve.js';
import { project } from '../cli-harness.js';

/** The model of `openapi.yaml` among `files` (texts as written, objects as YAML). */
function modelOf(files: Record<string, string | object>): Spec {
  const dir = project(files);
  const workspace = new Workspace({ rootFor: () => dir });
  const file = workspace.load(join(dir, 'openapi.yaml'));
  workspace.checkReferences(file);
  return normalize(workspace, file);
}

/** `file#pointer`, the file left out when it is openapi.yaml. */
function place(node: { file: { path: string }; pointer: string } | undefined): string | undefined {
  if (!node) return undefined;
  const name = node.file.path.split('/').at(-1);
  return name === 'openapi.yaml' ? node.pointer : `${name}#${node.pointer}`;
}

const named = (spec: Spec): string[] => spec.operations.map((operation) => `${operation.method} ${operation.path} at ${place(operation.node)}`);

function only(spec: Spec): Operation {
  expect(spec.operations).toHaveLength(1);
  return spec.operations[0]!;
}

const OK = "{description: OK}";

describe('which operations the model has', () => {
  it.each([
    ['2.0', "swagger: '2.0'", ['get /a', 'put /a', 'post /a', 'delete /a', 'options /a', 'head /a', 'patch /a']],
    ['3.0', 'openapi: 3.0.3', ['get /a', 'put /a', 'post /a', 'delete /a', 'options /a', 'head /a', 'patch /a', 'trace /a']],
    ['3.1', 'openapi: 3.1.0', ['get /a', 'put /a', 'post /a', 'delete /a', 'options /a', 'head /a', 'patch /a', 'trace /a']],
    ['3.2', 'openapi: 3.2.0', ['get /a', 'put /a', 'post /a', 'delete /a', 'options /a', 'head /a', 'patch /a', 'trace /a', 'query /a']],
  ])('%s: the methods its path item has a field for, in the fixed order (no trace in Swagger 2.0, query only from 3.2)', (_, header, methods) => {
    const all = ['query', 'trace', 'patch', 'head', 'options', 'delete', 'post', 'put', 'get'].map((method) => `    ${method}: {responses: {'200': ${OK}}}`).join('\n');
    const spec = modelOf({ 'openapi.yaml': `${header}\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${all}\n` });
    expect(spec.operations.map((operation) => `${operation.method} ${operation.path}`)).toEqual(methods);
  });

  it('skips path extensions, path items and operations that are no object, and members that are no method', () => {
    const spec = modelOf({
      'openapi.yaml': `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  x-internal:
    get: {responses: {'200': ${OK}}}
  /none: null
  /list: [1]
  /b:
    summary: B
    parameters: []
    get: null
    post: {responses: {'201': {description: Created}}}
    servers: [{url: 'https://example.com'}]
    x-get: {responses: {'200': ${OK}}}
  /a/{id}:
    delete: {responses: {'204': {description: Deleted}}}
`,
    });
    expect(named(spec)).toEqual(['post /b at /paths/~1b/post', 'delete /a/{id} at /paths/~1a~1{id}/delete']);
  });

  it('reads an operation, a path item and the paths map through $ref', () => {
    const spec = modelOf({
      'openapi.yaml': `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  $ref: paths.yaml
`,
      'paths.yaml': `/a:
  $ref: '#/items/A'
items:
  A:
    get:
      $ref: ops.yaml#/getA
`,
      'ops.yaml': `getA: {responses: {'200': ${OK}}}\n`,
    });
    expect(named(spec)).toEqual(['get /a at ops.yaml#/getA']);
  });

  it('3.2: lints additionalOperations as sent, a fixed method written there as that method, and skips extensions', () => {
    const spec = modelOf({
      'openapi.yaml': `openapi: 3.2.0
info: {title: t, version: '1'}
paths:
  /a:
    get: {responses: {'200': ${OK}}}
    additionalOperations:
      LINK: {responses: {'204': {description: Linked}}}
      HEAD: {responses: {'200': ${OK}}}
      Post: {responses: {'201': {description: Created}}}
      x-LINK: {responses: {'204': {description: Linked}}}
      PURGE: 5
`,
    });
    expect(named(spec)).toEqual([
      'get /a at /paths/~1a/get',
      'LINK /a at /paths/~1a/additionalOperations/LINK',
      'head /a at /paths/~1a/additionalOperations/HEAD',
      'post /a at /paths/~1a/additionalOperations/Post',
    ]);
  });

  it('3.1: additionalOperations is no field yet, and is not read', () => {
    const spec = modelOf({ 'openapi.yaml': `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    additionalOperations:\n      LINK: {responses: {'204': {description: Linked}}}\n` });
    expect(spec.operations).toEqual([]);
  });
});

describe("fields written beside a path item's $ref", () => {
  it('win over the same field in the item it names, link by link, and the item fills in the rest', () => {
    const spec = modelOf({
      'openapi.yaml': `openapi: 3.2.0
info: {title: t, version: '1'}
paths:
  /a:
    $ref: mid.yaml
    get: {responses: {'200': {description: near}}}
    parameters: [{name: near, in: query}]
    additionalOperations:
      LINK: {responses: {'204': {description: near}}}
`,
      'mid.yaml': `$ref: item.yaml
put: {responses: {'200': {description: mid}}}
get: {responses: {'200': {description: mid}}}
additionalOperations:
  UNLINK: {responses: {'204': {description: mid}}}
  LINK: {responses: {'204': {description: mid}}}
`,
      'item.yaml': `get: {responses: {'200': {description: far}}}
put: {responses: {'200': {description: far}}}
delete: {responses: {'204': {description: far}}}
parameters: [{name: far, in: query}]
additionalOperations:
  PURGE: {responses: {'204': {description: far}}}
`,
    });
    const seen = spec.operations.map((operation) => `${operation.method} ${place(operation.node)}: ${operation.responses[0]!.description}`);
    expect(seen).toEqual([
      'get /paths/~1a/get: near',
      'put mid.yaml#/put: mid',
      'delete item.yaml#/delete: far',
      'LINK /paths/~1a/additionalOperations/LINK: near',
      'UNLINK mid.yaml#/additionalOperations/UNLINK: mid',
      'PURGE item.yaml#/additionalOperations/PURGE: far',
    ]);
    expect(spec.operations.map((operation) => place(operation.pathParameters))).toEqual(Array(6).fill('/paths/~1a/parameters'));
  });

  it("the item's own parameters when nothing beside the $ref writes them; none when neither does", () => {
    const parameters = (beside: string, item: string) =>
      modelOf({
        'openapi.yaml': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: item.yaml\n${beside}`,
        'item.yaml': `get: {responses: {'200': ${OK}}}\n${item}`,
      }).operations.map((operation) => place(operation.pathParameters));
    expect(parameters('    summary: A\n', 'parameters: [{name: q, in: query}]\n')).toEqual(['item.yaml#/parameters']);
    expect(parameters('', '')).toEqual([undefined]);
    expect(modelOf({ 'openapi.yaml': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': ${OK}}}\n` }).operations[0]!.pathParameters).toBeUndefined();
  });
});

describe('security', () => {
  const withSecurity = (root: string, operation: string, header = 'openapi: 3.1.0') =>
    modelOf({
      'openapi.yaml': `${header}
info: {title: t, version: '1'}
${root}paths:
  /a:
    get:
${operation}      responses: {'200': ${OK}}
`,
    });

  it.each([
    ['none anywhere', '', '', { kind: 'undeclared', requirements: [], explicitlyPublic: false, at: undefined }],
    ['inherited from the root', 'security: [{key: []}]\n', '', { kind: 'required', requirements: [{ key: [] }], explicitlyPublic: false, at: '/security' }],
    ['an empty root list', 'security: []\n', '', { kind: 'public', requirements: [], explicitlyPublic: false, at: '/security' }],
    ['an empty list on the operation', 'security: [{key: []}]\n', '      security: []\n', { kind: 'public', requirements: [], explicitlyPublic: true, at: '/paths/~1a/get/security' }],
    ['an anonymous alternative', '', '      security: [{key: []}, {}]\n', { kind: 'optional', requirements: [{ key: [] }, {}], explicitlyPublic: false, at: '/paths/~1a/get/security' }],
    ['the operation overrides the root', 'security: []\n', '      security: [{oauth: [read]}]\n', { kind: 'required', requirements: [{ oauth: ['read'] }], explicitlyPublic: false, at: '/paths/~1a/get/security' }],
    ['a security that is no list on the operation is ignored', 'security: [{key: []}]\n', '      security: {key: []}\n', { kind: 'required', requirements: [{ key: [] }], explicitlyPublic: false, at: '/security' }],
    ['a root security that is no list', 'security: {key: []}\n', '', { kind: 'undeclared', requirements: [], explicitlyPublic: false, at: undefined }],
    ['requirements that are no object are dropped', '', '      security: [key, null]\n', { kind: 'public', requirements: [], explicitlyPublic: true, at: '/paths/~1a/get/security' }],
    [
      'a suppression list in a requirement names no scheme',
      '',
      '      security: [{key: [], x-statuslint-ignore: [require-auth-errors]}]\n',
      { kind: 'required', requirements: [{ key: [] }], explicitlyPublic: false, at: '/paths/~1a/get/security' },
    ],
  ])('%s', (_, root, operation, expected) => {
    const { security } = only(withSecurity(root, operation));
    expect({ kind: security.kind, requirements: security.requirements, explicitlyPublic: security.explicitlyPublic, at: place(security.declaredAt) }).toEqual(expected);
  });

  it('names the security schemes: OAS 3 components, Swagger 2.0 securityDefinitions, through $ref, objects only', () => {
    const oas3 = modelOf({
      'openapi.yaml': `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  securitySchemes:
    key: {type: apiKey, name: k, in: header}
    shared: {$ref: schemes.yaml#/basic}
    broken: 5
`,
      'schemes.yaml': 'basic: {type: http, scheme: basic}\n',
    });
    expect([...oas3.securitySchemes].map(([name, scheme]) => `${name} at ${place(scheme)}`)).toEqual(['key at /components/securitySchemes/key', 'shared at schemes.yaml#/basic']);
    const swagger = modelOf({
      'openapi.yaml': `swagger: '2.0'
info: {title: t, version: '1'}
paths: {}
securityDefinitions:
  key: {type: apiKey, name: k, in: header}
securitySchemes:
  wrong: {type: basic}
`,
    });
    expect([...swagger.securitySchemes.keys()]).toEqual(['key']);
    const components = modelOf({ 'openapi.yaml': "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nsecuritySchemes:\n  key: {type: apiKey, name: k, in: header}\ncomponents: {}\n" });
    expect(components.securitySchemes.size).toBe(0);
  });

  it('3.2: a requirement may name a scheme by URI, resolved from where the requirement is written; earlier versions only by name', () => {
    const files = (version: string) => ({
      'openapi.yaml': `openapi: ${version}
info: {title: t, version: '1'}
security: [{'schemes.yaml#/basic': []}]
paths:
  /a:
    get: {responses: {'200': ${OK}}}
components:
  securitySchemes:
    key: {type: apiKey, name: k, in: header}
`,
      'schemes.yaml': 'basic: {type: http, scheme: basic}\n',
    });
    const spec = modelOf(files('3.2.0'));
    const { security } = only(spec);
    expect(place(securitySchemeOf(spec, 'schemes.yaml#/basic', security))).toBe('schemes.yaml#/basic');
    expect(place(securitySchemeOf(spec, 'key', security))).toBe('/components/securitySchemes/key');
    expect(securitySchemeOf(spec, 'missing.yaml#/nothing', security)).toBeUndefined();
    const older = modelOf(files('3.1.0'));
    expect(securitySchemeOf(older, 'schemes.yaml#/basic', only(older).security)).toBeUndefined();
  });
});

describe('request bodies', () => {
  const bodyOf = (header: string, pathItem: string, operation: string, extra: Record<string, string> = {}) => {
    const found = only(modelOf({ 'openapi.yaml': `${header}\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${pathItem}    post:\n${operation}      responses: {'200': ${OK}}\n`, ...extra }));
    return { acceptsBody: found.acceptsBody, at: place(found.requestBody) };
  };

  it.each([
    ['3.1 requestBody', 'openapi: 3.1.0', '', '      requestBody: {content: {application/json: {}}}\n', { acceptsBody: true, at: '/paths/~1a/post/requestBody' }],
    ['3.0 requestBody through $ref: where the operation names it', 'openapi: 3.0.3', '', '      requestBody: {$ref: bodies.yaml#/Pet}\n', { acceptsBody: true, at: '/paths/~1a/post/requestBody' }],
    ['3.1 requestBody that is no object', 'openapi: 3.1.0', '', '      requestBody: yes\n', { acceptsBody: false, at: undefined }],
    ['3.1 none', 'openapi: 3.1.0', '', '', { acceptsBody: false, at: undefined }],
    [
      'Swagger 2.0: the operation body parameter, after others',
      "swagger: '2.0'",
      '',
      '      parameters: [{name: q, in: query, type: string}, {name: pet, in: body, schema: {type: object}}]\n',
      { acceptsBody: true, at: '/paths/~1a/post/parameters/1' },
    ],
    ['Swagger 2.0: formData', "swagger: '2.0'", '', '      parameters: [{name: f, in: formData, type: file}]\n', { acceptsBody: true, at: '/paths/~1a/post/parameters/0' }],
    ['Swagger 2.0: a body parameter through $ref', "swagger: '2.0'", '', "      parameters: [{$ref: '#/parameters/Pet'}]\n", { acceptsBody: true, at: '/paths/~1a/post/parameters/0' }],
    ['Swagger 2.0: on the path item', "swagger: '2.0'", '    parameters: [{name: pet, in: body, schema: {type: object}}]\n', '      parameters: [{name: q, in: query, type: string}]\n', { acceptsBody: true, at: '/paths/~1a/parameters/0' }],
    [
      "Swagger 2.0: the operation's body over the path item's",
      "swagger: '2.0'",
      '    parameters: [{name: pet, in: body, schema: {type: object}}]\n',
      '      parameters: [{name: patch, in: body, schema: {type: array}}]\n',
      { acceptsBody: true, at: '/paths/~1a/post/parameters/0' },
    ],
    ['Swagger 2.0: no body parameter', "swagger: '2.0'", '    parameters: [{name: q, in: header, type: string}]\n', '      parameters: {in: body}\n', { acceptsBody: false, at: undefined }],
    ['Swagger 2.0: a requestBody field is not read', "swagger: '2.0'", '', '      requestBody: {content: {application/json: {}}}\n', { acceptsBody: false, at: undefined }],
  ])('%s', (_, header, pathItem, operation, expected) => {
    const extra = { 'bodies.yaml': 'Pet: {content: {application/json: {}}}\n' };
    const withParameters = header.startsWith('swagger') ? `${header}\nparameters:\n  Pet: {name: pet, in: body, schema: {type: object}}` : header;
    expect(bodyOf(withParameters, pathItem, operation, extra)).toEqual(expected);
  });
});

describe('responses', () => {
  const responsesOf = (text: string, extra: Record<string, string> = {}): Response[] => only(modelOf({ 'openapi.yaml': text, ...extra })).responses;

  it('one per status written, in order, without extensions or what is no object; looked up by the status exactly as written', () => {
    const spec = modelOf({
      'openapi.yaml': `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': ${OK}
        x-note: {description: not a response}
        4XX: {description: Client error}
        '404': null
        default: {$ref: '#/components/responses/Error'}
components:
  responses:
    Error: {description: Error}
`,
    });
    const operation = only(spec);
    expect(operation.responses.map((response) => `${response.status} ${place(response.entry)} -> ${place(response.node)}`)).toEqual([
      '200 /paths/~1a/get/responses/200 -> /paths/~1a/get/responses/200',
      '4XX /paths/~1a/get/responses/4XX -> /paths/~1a/get/responses/4XX',
      'default /paths/~1a/get/responses/default -> /components/responses/Error',
    ]);
    expect(place(operation.responsesNode)).toBe('/paths/~1a/get/responses');
    expect(operation.response('4XX')?.description).toBe('Client error');
    expect(operation.response('4xx')).toBeUndefined();
    expect(operation.response('404')).toBeUndefined();
    expect(operation.response('default')?.description).toBe('Error');
  });

  it('none, and no responses node, when the operation has no responses object', () => {
    const operation = only(modelOf({ 'openapi.yaml': "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {responses: [200]}\n" }));
    expect(operation.responses).toEqual([]);
    expect(operation.responsesNode).toBeUndefined();
  });

  it('headers: each as written, resolved through $ref (a remote one is not), looked up ignoring case, the last of two spellings winning', () => {
    const [response] = responsesOf(`openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '429':
          description: Slow down
          headers:
            retry-after: {schema: {type: integer}}
            Retry-After: {$ref: '#/components/headers/RetryAfter'}
            X-Remote: {$ref: 'https://example.com/headers.yaml#/Remote'}
components:
  headers:
    RetryAfter: {description: seconds, schema: {type: integer}}
`);
    expect(response!.headers.map((header) => `${header.name} ${place(header.entry)} -> ${place(header.node)}`)).toEqual([
      'retry-after /paths/~1a/get/responses/429/headers/retry-after -> /paths/~1a/get/responses/429/headers/retry-after',
      'Retry-After /paths/~1a/get/responses/429/headers/Retry-After -> /components/headers/RetryAfter',
      'X-Remote /paths/~1a/get/responses/429/headers/X-Remote -> undefined',
    ]);
    expect(response!.header('RETRY-AFTER')?.name).toBe('Retry-After');
    expect(response!.header('x-remote')?.name).toBe('X-Remote');
    expect(response!.header('Location')).toBeUndefined();
  });

  it('OAS 3 content: each media type with its schema, through $ref; none without content', () => {
    const responses = responsesOf(`openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json: {schema: {type: object}}
            text/plain: {}
            application/xml: {$ref: '#/components/mediaTypes/Xml'}
        '204': {description: No Content}
        '206': {description: Partial, content: null}
components:
  mediaTypes:
    Xml: {schema: {type: string}}
`);
    expect(responses.map((response) => response.content.map((media) => `${media.type} ${place(media.node)} schema ${place(media.schema)}`))).toEqual([
      [
        'application/json /paths/~1a/get/responses/200/content/application~1json schema /paths/~1a/get/responses/200/content/application~1json/schema',
        'text/plain /paths/~1a/get/responses/200/content/text~1plain schema undefined',
        'application/xml /paths/~1a/get/responses/200/content/application~1xml schema /components/mediaTypes/Xml/schema',
      ],
      [],
      [],
    ]);
  });

  it.each([
    ['the root produces', 'produces: [application/json, application/xml]\n', '', ['application/json', 'application/xml']],
    ["the operation's own produces, over the root's", 'produces: [application/json]\n', '      produces: [text/csv]\n', ['text/csv']],
    ['any type when none is given', '', '', ['*/*']],
    ['any type when the operation gives an empty list', 'produces: [application/json]\n', '      produces: []\n', ['*/*']],
    ['any type when the root produces is no list', 'produces: application/json\n', '', ['*/*']],
  ])("Swagger 2.0: the response schema under each content type of %s", (_, root, operation, types) => {
    const responses = responsesOf(`swagger: '2.0'
info: {title: t, version: '1'}
${root}paths:
  /a:
    get:
${operation}      responses:
        '200': {description: OK, schema: {type: object}}
        '204': {description: No Content}
        '206': {description: Partial, schema: null}
`);
    expect(responses.map((response) => response.content.map((media) => `${media.type} ${place(media.node)} ${place(media.schema)}`))).toEqual([
      types.map((type) => `${type} /paths/~1a/get/responses/200/schema /paths/~1a/get/responses/200/schema`),
      [],
      [],
    ]);
  });

  it.each([
    ['3.0', 'openapi: 3.0.3', { description: 'shared', at: '/components/responses/Error' }],
    ['3.1', 'openapi: 3.1.0', { description: 'beside', at: '/paths/~1a/get/responses/500' }],
    ['3.2', 'openapi: 3.2.0', { description: 'beside', at: '/paths/~1a/get/responses/500' }],
  ])('%s: the description in force, and where it is written, for a $ref with a description beside it', (_, header, expected) => {
    const responses = responsesOf(`${header}
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '500': {$ref: '#/components/responses/Error', description: beside}
        '503': {$ref: '#/components/responses/Unavailable'}
components:
  responses:
    Error: {description: shared}
    Unavailable: {$ref: '#/components/responses/Fallback', description: 42}
    Fallback: {description: 7}
`);
    expect({ description: responses[0]!.description, at: place(responses[0]!.describedAt) }).toEqual(expected);
    // Numbers are no description: the one in force is undefined, placed at the response itself.
    expect({ description: responses[1]!.description, at: place(responses[1]!.describedAt) }).toEqual({ description: undefined, at: '/components/responses/Fallback' });
  });

  it('3.1: the outermost description along a $ref chain wins', () => {
    const [response] = responsesOf(`openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '500': {$ref: '#/components/responses/Middle'}
components:
  responses:
    Middle: {$ref: '#/components/responses/Error', description: middle}
    Error: {description: shared}
`);
    expect({ description: response!.description, at: place(response!.describedAt) }).toEqual({ description: 'middle', at: '/components/responses/Middle' });
  });
});

describe('child', () => {
  it('is a member the node writes: in range for a list, its own for a mapping, even named like what every object inherits', () => {
    const spec = modelOf({ 'openapi.yaml': "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ntags: [{name: a}]\npaths: {}\n" });
    const tags = child(spec.root, 'tags')!;
    expect(place(child(tags, 0))).toBe('/tags/0');
    expect(child(tags, 1)).toBeUndefined();
    expect(child(tags, 'name')).toBeUndefined();
    expect(child(tags, 'length')).toBeUndefined();
    // `info:` with nothing after it.
    expect(child({ file: spec.file, pointer: '/info', value: null }, 'title')).toBeUndefined();
    for (const inherited of ['constructor', 'toString', '__proto__']) expect(child(spec.root, inherited), inherited).toBeUndefined();
    expect(child(child(spec.root, 'openapi')!, 'length')).toBeUndefined();
  });
});
