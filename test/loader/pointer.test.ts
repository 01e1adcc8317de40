import { describe, expect, it } from 'vitest';
import { child } from '../../src/loader/normalize.js';
import type { SourceFile } from '../../src/loader/parse.js';
import { appendPointer, appendSegment, getAtPointer, isWithin, splitPointer } from '../../src/loader/pointer.js';

describe('pointer helpers', () => {
  it('appends escaped segments', () => {
    expect(appendPointer('')).toBe('');
    expect(appendPointer('', 'paths', '/a/{b}', 'get', 0)).toBe('/paths/~1a~1{b}/get/0');
    expect(appendPointer('/x', 'a~b')).toBe('/x/a~0b');
    expect(appendSegment('/paths', '/a~b')).toBe('/paths/~1a~0b');
    expect(appendSegment('/list', 3)).toBe('/list/3');
    expect(appendSegment('', '')).toBe('/');
  });

  it('splits pointers, unescaping', () => {
    expect(splitPointer('')).toEqual([]);
    expect(splitPointer('/')).toEqual(['']);
    expect(splitPointer('/a//b/')).toEqual(['a', '', 'b', '']);
    expect(splitPointer('/~1a~1{b}/a~0b/~01')).toEqual(['/a/{b}', 'a~b', '~1']);
    expect(() => splitPointer('a/b')).toThrow(/not a JSON pointer/);
  });

  it('finds values the way splitPointer cuts the pointer', () => {
    const root = { '': { '': 1 }, a: { 'b/c': [10, { 'd~e': 'x' }] }, empty: [] };
    expect(getAtPointer(root, '')).toEqual({ found: true, value: root });
    expect(getAtPointer(root, '/')).toEqual({ found: true, value: root[''] });
    expect(getAtPointer(root, '//')).toEqual({ found: true, value: 1 });
    expect(getAtPointer(root, '/a/b~1c/1/d~0e')).toEqual({ found: true, value: 'x' });
    expect(getAtPointer(root, '/a/b~1c/0')).toEqual({ found: true, value: 10 });
    expect(getAtPointer(root, '/a/b~1c/01').found).toBe(false);
    expect(getAtPointer(root, '/a/b~1c/2').found).toBe(false);
    expect(getAtPointer(root, '/a/b~1c/-').found).toBe(false);
    expect(getAtPointer(root, '/a/').found).toBe(false);
    expect(getAtPointer(root, '/a/toString').found).toBe(false);
    expect(getAtPointer(root, '/a/b~1c/0/x').found).toBe(false);
    expect(() => getAtPointer(root, 'a')).toThrow(/not a JSON pointer/);
  });

  it('reads an array only by index, and nothing inside a string or null', () => {
    const root = { allOf: Array.from({ length: 12 }, (_, index) => ({ index })), description: 'OK', example: null };
    expect(getAtPointer(root, '/allOf/10/index')).toEqual({ found: true, value: 10 });
    expect(getAtPointer(root, '/allOf/1e1').found).toBe(false);
    expect(getAtPointer(root, '/allOf/length').found).toBe(false);
    expect(getAtPointer(root, '/description/0').found).toBe(false);
    expect(getAtPointer(root, '/description/length').found).toBe(false);
    expect(getAtPointer(root, '/example/x').found).toBe(false);
  });
});

describe('isWithin', () => {
  it('is true for the pointer itself and what is below it, by whole segments', () => {
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/b/c', '/a/b')).toBe(true);
    expect(isWithin('/a/b/', '/a/b')).toBe(true);
    expect(isWithin('/a/bc', '/a/b')).toBe(false);
    expect(isWithin('/a', '/a/b')).toBe(false);
    expect(isWithin('/a', '')).toBe(true);
    expect(isWithin('', '')).toBe(true);
    expect(isWithin('', '/a')).toBe(false);
  });
});

describe('child', () => {
  // A member's pointer is spelt out only when read: through parents whose own was never read.
  it('gives each member the pointer that names it, escaped, through objects and arrays', () => {
    const value = { paths: { '/a/{b}': { get: { responses: { '200': { description: 'ok' } } } } }, list: [{ 'x~y': true }] };
    const root = { file: {} as SourceFile, pointer: '', value };
    const operation = child(child(child(root, 'paths')!, '/a/{b}')!, 'get')!;
    const ok = child(child(operation, 'responses')!, '200')!;
    const item = child(child(child(root, 'list')!, 0)!, 'x~y')!;
    expect(ok.pointer).toBe('/paths/~1a~1{b}/get/responses/200');
    expect(operation.pointer).toBe('/paths/~1a~1{b}/get');
    expect(item.pointer).toBe('/list/0/x~0y');
    for (const node of [operation, ok, item]) expect(getAtPointer(value, node.pointer)).toEqual({ found: true, value: node.value });
    expect(ok.file).toBe(root.file);
  });

  it('has nothing for a member that is not there', () => {
    const root = { file: {} as SourceFile, pointer: '', value: { list: [1], text: 'x' } };
    expect(child(root, 'missing')).toBeUndefined();
    expect(child(child(root, 'list')!, 1)).toBeUndefined();
    expect(child(child(root, 'text')!, 0)).toBeUndefined();
    expect(child(root, 'toString')).toBeUndefined();
  });
});
