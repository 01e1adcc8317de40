import { describe, expect, it } from 'vitest';
import { MAX_NESTING, scanValue } from '../../src/loader/value-scan.js';

describe('scanValue', () => {
  const spec = {
    paths: {
      '/a/{id}': { get: { responses: { '200': { $ref: '#/components/responses/Ok' }, '404': { $ref: '#/components/responses/Missing' } } } },
      '/b': { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } },
    },
    components: {
      responses: { Ok: { description: 'ok', content: { 'application/json': { example: { $ref: 'not-a-ref' } } } } },
      examples: { Sample: { value: { $ref: 'also-data' } } },
      schemas: { Tagged: { 'x-note': { $ref: 'data-too' }, enum: [{ $ref: 'data' }], const: { $ref: 'a-const' }, default: { $ref: 'a-default' } } },
    },
  };

  it('lists each distinct $ref outside literal data once, in document order', () => {
    expect([...scanValue(spec, false).refs]).toEqual(['#/components/responses/Ok', '#/components/responses/Missing']);
  });

  it('names the first object holding a $ref, with pointer escapes', () => {
    const scan = scanValue(spec, false);
    expect(scan.holderOf('#/components/responses/Ok')).toBe('/paths/~1a~1{id}/get/responses/200');
    expect(scan.holderOf('#/components/responses/Missing')).toBe('/paths/~1a~1{id}/get/responses/404');
  });

  it('names each object holding an x-statuslint-ignore list, but not in literal data or as a property name', () => {
    const ignore = { 'x-statuslint-ignore': ['require-retry-after'] };
    const listed = {
      ...ignore,
      info: { title: 't', ...ignore },
      paths: { '/a/{id}': { get: { ...ignore, parameters: [{ name: 'q', ...ignore }], responses: { '200': { description: 'ok', ...ignore } } } } },
      components: {
        schemas: { Thing: { properties: { 'x-statuslint-ignore': { type: 'string' } }, example: ignore } },
        examples: { Sample: { value: ignore } },
      },
      'x-extra': ignore,
    };
    expect(scanValue(listed, false).suppressions).toEqual([[], ['info'], ['paths', '/a/{id}', 'get'], ['paths', '/a/{id}', 'get', 'parameters', 0], ['paths', '/a/{id}', 'get', 'responses', '200']]);
    expect(scanValue(spec, false).suppressions).toEqual([]);
  });

  it("on an operation's responses map the key is an extension whatever its value; on a map of shared responses, only a list is one", () => {
    const single = { 'x-statuslint-ignore': 'require-retry-after' };
    const value = { paths: { '/a': { get: { responses: { ...single, '200': { description: 'ok' } } } } }, components: { responses: { ...single } } };
    expect(scanValue(value, false).suppressions).toEqual([['paths', '/a', 'get', 'responses']]);
    expect(scanValue({ swagger: '2.0', responses: { ...single } }, false).suppressions).toEqual([]);
    // The paths map has no names either: its keys are paths.
    expect(scanValue({ paths: { ...single, '/a': {} } }, false).suppressions).toEqual([['paths']]);
  });

  it('counts every member of every object, and no character of a string', () => {
    expect(scanValue({ a: 1, b: { c: [{ d: 2 }, 3], required: ['id', 'name'] } }, false).keys).toBe(5);
    // A document that is one line of text.
    expect(scanValue('openapi 3.1.0', false)).toMatchObject({ keys: 0, containers: 0, refs: new Set() });
  });

  it('stops at the first value nested deeper than MAX_NESTING, and names it', () => {
    let deep: unknown = {};
    for (let level = 0; level < MAX_NESTING + 5; level++) deep = { n: deep };
    const tooDeep = scanValue(deep, false).tooDeep;
    expect(tooDeep).toBe('/n'.repeat(MAX_NESTING));
  });

  it('stops at the first of two values nested too deep, in a list or a mapping', () => {
    const deep = (levels: number): unknown => (levels === 0 ? {} : { n: deep(levels - 1) });
    const tooDeep = deep(MAX_NESTING + 2);
    expect(scanValue({ a: [{ b: 1 }, tooDeep, tooDeep] }, false).tooDeep).toBe(`/a/1${'/n'.repeat(MAX_NESTING - 2)}`);
    expect(scanValue({ a: tooDeep, b: { c: tooDeep } }, false).tooDeep).toBe(`/a${'/n'.repeat(MAX_NESTING - 1)}`);
    // MAX_NESTING levels below the root are read; one more is not.
    expect(scanValue(deep(MAX_NESTING - 1), false).tooDeep).toBeUndefined();
    expect(scanValue(deep(MAX_NESTING), false).tooDeep).toBe('/n'.repeat(MAX_NESTING));
  });

  it.each([
    ['a shared request body', { components: { requestBodies: { default: { $ref: 'bodies.yaml#/Default' } } } }],
    ['a security scheme', { components: { securitySchemes: { default: { $ref: 'schemes.yaml#/ApiKey' } } } }],
    ['a Swagger 2.0 security definition', { securityDefinitions: { default: { $ref: 'schemes.yaml#/ApiKey' } } }],
    ['a Swagger 2.0 definition', { definitions: { example: { $ref: 'models.yaml#/Example' } } }],
    ['a JSON Schema $defs entry', { components: { schemas: { Pet: { $defs: { default: { $ref: 'models.yaml#/Default' } } } } } }],
    ['a dependent schema, keyed by a property name', { components: { schemas: { Pet: { dependentSchemas: { default: { $ref: 'models.yaml#/WithDefault' } } } } } }],
    ['a pattern property', { components: { schemas: { Tags: { patternProperties: { 'x-': { $ref: 'models.yaml#/Extension' } } } } } }],
    ['a shared callback', { components: { callbacks: { default: { $ref: 'callbacks.yaml#/Default' } } } }],
    ['a shared path item', { components: { pathItems: { default: { $ref: 'paths.yaml#/Default' } } } }],
    ['a webhook', { webhooks: { default: { $ref: 'paths.yaml#/Default' } } }],
    ['the encoding of a property', { paths: { '/a': { post: { requestBody: { content: { 'multipart/form-data': { encoding: { description: { headers: { 'X-Rate': { $ref: 'headers.yaml#/Rate' } } } } } } } } } } }],
  ])('a %s named like literal data elsewhere (default, example, x-) is a name: its $ref is followed', (_, value) => {
    expect([...scanValue(value, false).refs]).toHaveLength(1);
  });

  it('names the first $ref whose value is not a string, outside data and outside maps of names', () => {
    expect(scanValue(spec, false).badRef).toBeUndefined();
    const responses = (ref: unknown) => ({ paths: { '/a': { get: { responses: { '200': { $ref: '#/x' }, '401': { $ref: ref } } } } } });
    for (const bad of [5, true, null, ['#/x'], { a: 1 }]) {
      expect(scanValue(responses(bad), false).badRef, JSON.stringify(bad)).toBe('/paths/~1a/get/responses/401/$ref');
    }
    expect(scanValue({ allOf: [{ $ref: 1 }] }, true).badRef).toBe('/allOf/0/$ref');
    expect(scanValue({ a: { $ref: 1 }, b: { $ref: 2 } }, false).badRef).toBe('/a/$ref');
    // A property, or a component, named "$ref"; and data.
    expect(scanValue({ properties: { $ref: { type: 'string' } }, schemas: { $ref: true } }, false).badRef).toBeUndefined();
    expect(scanValue({ example: { $ref: 5 }, 'x-a': { $ref: null }, examples: { e: { value: { $ref: [] } } } }, false).badRef).toBeUndefined();
  });

  it("follows a $ref under a name that means data elsewhere, in a map of names: the default response, a property called 'example'", () => {
    const spec = {
      paths: { '/a': { get: { responses: { '200': { description: 'ok' }, default: { $ref: 'errors.yaml#/Unexpected' } } } } },
      components: {
        schemas: { S: { properties: { example: { $ref: '#/components/schemas/E' }, enum: { $ref: '#/components/schemas/N' } }, default: { $ref: 'data' } } },
        examples: { default: { value: { $ref: 'still-data' } } },
        responses: { 'x-note': { $ref: 'extension-data' } },
      },
    };
    expect([...scanValue(spec, false).refs]).toEqual(['errors.yaml#/Unexpected', '#/components/schemas/E', '#/components/schemas/N']);
  });

  it('tells a map of names from an object named like one: data under a property called "headers" stays data', () => {
    const spec = {
      components: {
        schemas: {
          Doc: { properties: { definitions: { type: 'object', example: { Pet: { $ref: '#/definitions/Cat' } } }, content: { example: { $ref: 5 } } } },
          headers: { type: 'object', default: { $ref: 'missing.yaml' } },
          Tagged: { examples: [{ $ref: 'json-schema-examples-are-data' }] },
        },
        examples: { default: { dataValue: { $ref: 'data-3.2' }, serializedValue: { $ref: 'data-3.2' }, value: { $ref: 'data' } } },
        links: { L: { operationId: 'x', parameters: { default: { $ref: '#/not/here' } }, requestBody: { $ref: 'data-too' } } },
        responses: { Ok: { description: 'ok', headers: { 'x-rate-limit': { $ref: '#/components/headers/RateLimit' } } } },
      },
      paths: { 'x-internal': { $ref: 'extension' }, '/a': { get: { responses: { 'x-note': { $ref: 'extension' }, '200': { $ref: '#/components/responses/Ok' } } } } },
    };
    const scan = scanValue(spec, false);
    // An x- header is a header's name; in paths and responses, x- members are extensions.
    expect([...scan.refs]).toEqual(['#/components/headers/RateLimit', '#/components/responses/Ok']);
    expect(scan.badRef).toBeUndefined();
  });

  it('does not follow a $ref written as a description (a bundler include of prose), but does under a property named "description"', () => {
    const spec = {
      info: { description: { $ref: 'description.yml#/introduction' } },
      tags: [{ name: 't', description: { $ref: './tag.md' } }],
      paths: { '/a': { get: { description: { $ref: './op.md' }, responses: { '200': { description: { $ref: 5 } } } } } },
      components: { schemas: { S: { properties: { description: { $ref: '#/components/schemas/D' } } } }, parameters: { description: { $ref: '#/p' } } },
    };
    const scan = scanValue(spec, false);
    expect([...scan.refs]).toEqual(['#/components/schemas/D', '#/p']);
    expect(scan.badRef).toBeUndefined();
  });

  it("reads a Swagger 2.0 response's examples as data: each value is an example body keyed by media type, not a Reference Object", () => {
    const spec = {
      swagger: '2.0',
      paths: { '/a': { get: { responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/A' }, examples: { 'application/json': { $ref: '#/components/examples/A' } } } } } } },
      responses: { Ok: { description: 'ok', examples: { 'application/json': { $ref: './a.json' } } } },
      definitions: { A: { type: 'object' } },
    };
    const scan = scanValue(spec, false);
    expect([...scan.refs]).toEqual(['#/definitions/A']);
    expect(scan.badRef).toBeUndefined();
  });

  it('walks a value shared by YAML aliases once', () => {
    const shared = { $ref: '#/x' };
    const scan = scanValue({ a: shared, b: shared, c: { $ref: '#/y' } }, true);
    expect([...scan.refs]).toEqual(['#/x', '#/y']);
    expect(scan.holderOf('#/y')).toBe('/c');
  });

  it('lists a suppression list in a response shared by YAML aliases where the anchor writes it, and ends on an alias of an enclosing node', () => {
    const denied: Record<string, unknown> = { description: 'Denied', 'x-statuslint-ignore': ['require-www-authenticate'] };
    const spec = { paths: { '/a': { get: { responses: { '401': denied } }, post: { responses: { '401': denied } } } } };
    expect(scanValue(spec, true).suppressions).toEqual([['paths', '/a', 'get', 'responses', '401']]);
    // `node: &n {child: *n}`
    const node: Record<string, unknown> = { type: 'object' };
    node.child = node;
    const scan = scanValue({ components: { schemas: { Node: node } } }, true);
    expect(scan.tooDeep).toBeUndefined();
    expect(scan.containers).toBe(4);
  });

  it("follows the $refs of a media type's examples map, but not those inside a JSON Schema examples list", () => {
    const spec = {
      paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { examples: [{ $ref: 'data' }] }, examples: { ok: { $ref: '#/components/examples/Ok' } } } } } } } } },
    };
    expect([...scanValue(spec, false).refs]).toEqual(['#/components/examples/Ok']);
  });
});
