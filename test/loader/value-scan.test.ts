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
      schemas: { Tagged: { 'x-note': { $ref: 'data-too' }, enum: [{ $ref: 'data' }] } },
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

  it('counts every member of every object', () => {
    expect(scanValue({ a: 1, b: { c: [{ d: 2 }, 3] } }, false).keys).toBe(4);
  });

  it('stops at the first value nested deeper than MAX_NESTING, and names it', () => {
    let deep: unknown = {};
    for (let level = 0; level < MAX_NESTING + 5; level++) deep = { n: deep };
    const tooDeep = scanValue(deep, false).tooDeep;
    expect(tooDeep).toBe('/n'.repeat(MAX_NESTING));
  });

  it('walks a value shared by YAML aliases once', () => {
    const shared = { $ref: '#/x' };
    const scan = scanValue({ a: shared, b: shared, c: { $ref: '#/y' } }, true);
    expect([...scan.refs]).toEqual(['#/x', '#/y']);
    expect(scan.holderOf('#/y')).toBe('/c');
  });
});
