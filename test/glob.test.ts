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
    expect(() => compileGlob('a\\')).toThrow(GlobError);
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
  });

  it('GlobSet: ./ prefixes, trailing slashes, and folders holding a path', () => {
    const set = new GlobSet(['./vendor/', 'legacy']);
    expect(set.matches('vendor/a/b.yaml')).toBe(true);
    expect(set.matches('legacy/a.yaml')).toBe(false);
    expect(set.matchesPathOrParent('legacy/a.yaml')).toBe(true);
    expect(set.matchesPathOrParent('src/legacy.yaml')).toBe(false);
  });
});
