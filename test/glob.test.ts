import { describe, expect, it } from 'vitest';
import { compileGlob, GlobError, GlobSet, hasMagic, splitGlob } from '../src/glob.js';

describe('glob matcher', () => {
  const table: Array<[string, string[], string[]]> = [
    ['*.yaml', ['a.yaml', '.hidden.yaml'], ['a/b.yaml', 'a.yml', 'a.yaml.bak']],
    ['**/*.yaml', ['a.yaml', 'x/a.yaml', 'x/y/z/a.yaml'], ['a.json', 'x/a.yml']],
    ['apis/**/openapi.{yaml,json}', ['apis/openapi.yaml', 'apis/v1/openapi.json', 'apis/a/b/openapi.yaml'], ['apis/v1/openapi.yml', 'other/openapi.yaml']],
    ['apis/**', ['apis/a', 'apis/a/b.yaml'], ['apisx/a', 'other/a']],
    ['v?/spec.yaml', ['v1/spec.yaml', 'v2/spec.yaml'], ['v10/spec.yaml', 'v/spec.yaml']],
    ['v[12]/*.yaml', ['v1/a.yaml', 'v2/a.yaml'], ['v3/a.yaml']],
    ['v[!1]/*.yaml', ['v2/a.yaml'], ['v1/a.yaml', 'v//a.yaml']],
    ['{a,b/{c,d}}.yaml', ['a.yaml', 'b/c.yaml', 'b/d.yaml'], ['b.yaml', 'c.yaml']],
    ['a**b.yaml', ['ab.yaml', 'axxb.yaml'], ['a/x/b.yaml']],
    ['file(1).yaml', ['file(1).yaml'], ['file1.yaml']],
    ['\\*.yaml', ['*.yaml'], ['a.yaml']],
    // `*` stays in one name; only `**` as a whole segment crosses folders.
    ['specs/*', ['specs/a.yaml', 'specs/v1'], ['specs/v1/a.yaml']],
    ['*', ['a.yaml'], ['v1/a.yaml']],
    ['api**', ['api', 'api-v1'], ['api/v1']],
    ['**.yaml', ['a.yaml'], ['v1/a.yaml']],
    ['v[2-9]/*.yaml', ['v2/a.yaml', 'v9/a.yaml'], ['v1/a.yaml', 'v10/a.yaml']],
    ['v[135]/*.yaml', ['v1/a.yaml', 'v5/a.yaml'], ['v2/a.yaml', 'v4/a.yaml']],
    // A comma outside braces is a character of the name.
    ['v1,v2.yaml', ['v1,v2.yaml'], ['v1.yaml', 'v2.yaml']],
  ];
  for (const [pattern, matching, other] of table) {
    it(pattern, () => {
      const regex = compileGlob(pattern);
      for (const path of matching) expect(regex.test(path), path).toBe(true);
      for (const path of other) expect(regex.test(path), path).toBe(false);
    });
  }

  it('refuses unclosed brackets and braces', () => {
    expect(() => compileGlob('a/[b')).toThrow(GlobError);
    expect(() => compileGlob('a/{b,c')).toThrow(/unclosed '\{'/);
    expect(() => compileGlob('a\\')).toThrow(new GlobError("'a\\' ends with a lone backslash"));
  });

  it('tells globs from paths', () => {
    expect(hasMagic('specs/openapi.yaml')).toBe(false);
    expect(hasMagic('specs/*.yaml')).toBe(true);
    expect(hasMagic('specs/{a,b}.yaml')).toBe(true);
    expect(hasMagic('specs/\\*.yaml')).toBe(false);
  });

  it('splits a glob into the folder to walk and the pattern below it', () => {
    expect(splitGlob('apis/**/*.yaml')).toEqual({ base: 'apis', rest: '**/*.yaml' });
    expect(splitGlob('a/b/v*/openapi.yaml')).toEqual({ base: 'a/b', rest: 'v*/openapi.yaml' });
    expect(splitGlob('*.json')).toEqual({ base: '', rest: '*.json' });
    expect(splitGlob('/srv/specs/*.json')).toEqual({ base: '/srv/specs', rest: '*.json' });
    expect(splitGlob('/*.json')).toEqual({ base: '/', rest: '*.json' });
  });

  it('GlobSet: ./ prefixes, trailing slashes, and folders holding a path', () => {
    const set = new GlobSet(['./vendor/', 'legacy']);
    expect(set.matches('vendor/a/b.yaml')).toBe(true);
    expect(set.matches('legacy/a.yaml')).toBe(false);
    expect(set.matchesPathOrParent('legacy/a.yaml')).toBe(true);
    expect(set.matchesPathOrParent('src/legacy.yaml')).toBe(false);
  });

  it('a reversed range, or a set closed too early, is a GlobError that says so', () => {
    expect(() => compileGlob('[z-a].yaml')).toThrow(new GlobError("'[z-a].yaml' has a reversed range 'z-a'; write 'a-z'"));
    expect(() => compileGlob('v[!9-0]/*')).toThrow(new GlobError("'v[!9-0]/*' has a reversed range '9-0'; write '0-9'"));
    // A `]` first in the set is part of it, so these never close.
    expect(() => compileGlob('[]')).toThrow(new GlobError("'[]' has an unclosed '[' (a ']' right after '[' is part of the set)"));
    expect(() => compileGlob('[!]')).toThrow(new GlobError("'[!]' has an unclosed '[' (a ']' right after '[!' is part of the set)"));
    expect(() => compileGlob('[^]')).toThrow(GlobError);
  });

  it('reads odd sets and braces as the syntax says, without throwing', () => {
    const cases: Array<[string, string[], string[]]> = [
      ['[]a]', [']', 'a'], ['b']],
      ['[!]a]', ['b'], [']', 'a', '/']],
      ['[\\]', ['\\'], ['a']], // a backslash in a set stands for itself
      ['[a-]', ['a', '-'], ['b']],
      ['[ab]', ['a', 'b'], [']', '[']],
      ['[a-a]', ['a'], ['b']],
      ['[+-0]', ['+', '/', '0'], ['a']],
      ['[/]', ['/'], ['a']],
      ['{}a', ['a'], ['']],
      ['a}', ['a}'], ['a']],
      ['{a,{b,}}c', ['ac', 'bc', 'c'], ['abc']],
    ];
    for (const [pattern, matching, other] of cases) {
      const glob = compileGlob(pattern);
      for (const path of matching) expect(glob.test(path), `${pattern} ${path}`).toBe(true);
      for (const path of other) expect(glob.test(path), `${pattern} ${path}`).toBe(false);
    }
  });

  it('explicitDots: a leading dot of a name is matched only by a dot written in the pattern', () => {
    const cases: Array<[string, string[], string[]]> = [
      ['*', ['a', 'a.b'], ['.a']],
      ['**/*.yaml', ['a.yaml', 'x/a.yaml'], ['.x/a.yaml', 'x/.y/a.yaml', '.a.yaml']],
      ['.*/a.yaml', ['.x/a.yaml'], ['x/a.yaml']],
      ['**/.well-known/*', ['.well-known/a', 'x/y/.well-known/a'], ['.git/.well-known/a', '.well-known/.a']],
      ['{.a,b}/c', ['.a/c', 'b/c'], []],
      ['?a', ['ba'], ['.a']],
      ['[.]a', [], ['.a']],
    ];
    for (const [pattern, matching, other] of cases) {
      const glob = compileGlob(pattern, { explicitDots: true });
      for (const path of matching) expect(glob.test(path), `${pattern} ${path}`).toBe(true);
      for (const path of other) expect(glob.test(path), `${pattern} ${path}`).toBe(false);
    }
    // Without it, as for `overrides` and `ignore`, `*` covers a leading dot.
    expect(compileGlob('*').test('.a')).toBe(true);
  });

  it('allowsPrefix: whether a folder may hold a match', () => {
    expect(compileGlob('*.yaml').allowsPrefix('v1/')).toBe(false);
    expect(compileGlob('v1/*.yaml').allowsPrefix('v1/')).toBe(true);
    expect(compileGlob('v1/*.yaml').allowsPrefix('v2/')).toBe(false);
    expect(compileGlob('**/a.yaml').allowsPrefix('x/y/')).toBe(true);
    expect(compileGlob('**/a.yaml', { explicitDots: true }).allowsPrefix('.git/')).toBe(false);
    expect(compileGlob('**/.well-known/a.yaml', { explicitDots: true }).allowsPrefix('x/.well-known/')).toBe(true);
  });

  // With a backtracking regular expression each of these took from seconds to hours; matching
  // now takes time proportional to path length × pattern length. The bound is generous: a
  // slow machine takes milliseconds, the old matcher minutes.
  it('matches hostile patterns in linear time', () => {
    const name = 'a'.repeat(240) + '.yaml';
    const deep = 'a/'.repeat(120) + 'a.yaml';
    const cases: Array<[string, string]> = [
      ['*a*a*a*a*a*a*a*a*b.yaml', name],
      ['**/*a*a*a*a*a*b.yaml', 'x/' + name],
      ['{*a,a*}{*a,a*}{*a,a*}{*a,a*}*b.yaml', name],
      ['**/a/**/a/**/a/**/a/**/b.yaml', deep],
      ['**/*a*/**/*a*/**/*a*/**/*a*/**/b.yaml', deep],
    ];
    const started = performance.now();
    for (const [pattern, path] of cases) {
      expect(compileGlob(pattern).test(path)).toBe(false);
      expect(new GlobSet([pattern]).matchesPathOrParent(path)).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('gives the same answers when its cache of states fills up and is emptied', () => {
    // `a` then ten characters: a glob with more than a thousand states to remember.
    const glob = compileGlob('*a??????????');
    const reference = /^[^/]*a[^/]{10}$/;
    let seed = 1;
    for (let run = 0; run < 5000; run++) {
      let path = '';
      for (let length = run % 40; length > 0; length--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        path += seed & 0x10000 ? 'a' : 'b';
      }
      expect(glob.test(path), path).toBe(reference.test(path));
    }
  });
});
