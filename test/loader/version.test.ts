import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { detectVersion } from '../../src/loader/normalize.js';
import { parseSource } from '../../src/loader/parse.js';

/** The one line a spec's version error prints, as `api.yaml:line:col: detail`. */
function versionError(name: string, text: string): string {
  try {
    detectVersion(parseSource(`/p/${name}`, text));
  } catch (error) {
    if (error instanceof LoadError) return error.describe('/p');
    throw error;
  }
  throw new Error('accepted');
}

const READS = '(statuslint reads Swagger 2.0, OpenAPI 3.0.x, 3.1.x and 3.2.x)';

describe('version errors quote what the file says, at the version key', () => {
  const cases: Array<[string, string, string]> = [
    ['swagger: 2.0 (a YAML number)', 'swagger: 2.0\npaths: {}\n', "api.yaml:1:1: swagger: 2.0 is read as the number 2, but the version must be a string; write swagger: '2.0' in quotes"],
    ['openapi: 3.0 (a YAML number)', "info: {title: t}\nopenapi: 3.0\n", "api.yaml:2:1: openapi: 3.0 is read as the number 3, but the version must be a string; write openapi: '3.0.3' in quotes"],
    ['openapi: 3.1 with a comment', 'openapi: 3.1 # latest\n', "api.yaml:1:1: openapi: 3.1 is a number, but the version must be a string; write openapi: '3.1.0' in quotes"],
    ['openapi: 3.2 (a YAML number)', 'openapi: 3.2\n', "api.yaml:1:1: openapi: 3.2 is a number, but the version must be a string; write openapi: '3.2.0' in quotes"],
    ['JSON "openapi": 3.0', '{"info": {}, "openapi": 3.0}', 'api.json:1:14: openapi: 3.0 is read as the number 3, but the version must be a string; write "openapi": "3.0.3"'],
    ['a number that is no supported version', 'openapi: 4.0\n', `api.yaml:1:1: unsupported OpenAPI version '4.0', read as the number 4 ${READS}`],
    ['a mapping', 'paths: {}\nopenapi: {a: 1}\n', `api.yaml:2:1: openapi must be a version string such as '3.1.0', not a mapping ${READS}`],
    ['a list', 'openapi: [3]\n', `api.yaml:1:1: openapi must be a version string such as '3.1.0', not a list ${READS}`],
    ['null', 'openapi:\npaths: {}\n', `api.yaml:1:1: openapi must be a version string such as '3.1.0', not empty (null) ${READS}`],
    ['a boolean', 'swagger: true\n', `api.yaml:1:1: swagger must be a version string such as '2.0', not the boolean true ${READS}`],
    ['a string without the patch number', "openapi: '3.1'\n", "api.yaml:1:1: OpenAPI version '3.1' has no patch number, which the version must have; write openapi: '3.1.0'"],
    ['JSON "openapi": "3.2"', '{"openapi": "3.2"}', 'api.json:1:2: OpenAPI version \'3.2\' has no patch number, which the version must have; write "openapi": "3.2.0"'],
    ['a future version', "openapi: '4.0.0'\n", `api.yaml:1:1: unsupported OpenAPI version '4.0.0' ${READS}`],
    ['an unsupported string', 'info: {}\nopenapi: 3.3.0\n', `api.yaml:2:1: unsupported OpenAPI version '3.3.0' ${READS}`],
    ['Swagger 1.2', 'swaggerVersion: "1.2"\n', 'api.yaml:1:1: Swagger 1.2 is not supported; convert it to Swagger 2.0 or OpenAPI 3'],
    ['a swaggerVersion mapping', 'swaggerVersion: {a: 1}\n', 'api.yaml:1:1: Swagger 1.x is not supported; convert it to Swagger 2.0 or OpenAPI 3'],
    ['Swagger 1.2 written as a number', 'apiVersion: 1.0.0\nswaggerVersion: 1.2\n', 'api.yaml:2:1: Swagger 1.2 is not supported; convert it to Swagger 2.0 or OpenAPI 3'],
    ['an empty file', '# nothing yet\n', 'api.yaml: not an OpenAPI document: the document is empty (null)'],
    ['a list at the top level', '- openapi: 3.1.0\n', 'api.yaml: not an OpenAPI document: the top level is a list, not a mapping'],
    ['text at the top level', 'This is the API of the shop.\n', 'api.yaml: not an OpenAPI document: the top level is a string, not a mapping'],
    ['an AsyncAPI document', 'info: {title: t}\nasyncapi: 2.6.0\n', 'api.yaml:2:1: not an OpenAPI document: this is an AsyncAPI document'],
    ['no version key', 'info: {title: t}\npaths: {}\n', "api.yaml: not an OpenAPI document: no 'openapi' or 'swagger' version key at the top level"],
    ['a version with a v', "openapi: v3.2.0\n", `api.yaml:1:1: unsupported OpenAPI version 'v3.2.0' ${READS}`],
    ['a version with four numbers', "openapi: 3.1.0.1\n", `api.yaml:1:1: unsupported OpenAPI version '3.1.0.1' ${READS}`],
    ['openapi: 3.10 (a YAML number)', 'openapi: 3.10\n', "api.yaml:1:1: openapi: 3.10 is read as the number 3.1, but the version must be a string; write openapi: '3.1.0' in quotes"],
    ['openapi: 3.00 (a YAML number)', 'openapi: 3.00\n', "api.yaml:1:1: openapi: 3.00 is read as the number 3, but the version must be a string; write openapi: '3.0.3' in quotes"],
    ['swagger: 2.00 (a YAML number)', 'swagger: 2.00\n', "api.yaml:1:1: swagger: 2.00 is read as the number 2, but the version must be a string; write swagger: '2.0' in quotes"],
    ['a long version string', "openapi: 'OpenAPI Specification, version three point one'\n", `api.yaml:1:1: unsupported OpenAPI version 'OpenAPI Specification, version three poi…' ${READS}`],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      expect(versionError(expected.split(':')[0]!, text)).toBe(expected);
    });
  }

  it('the versions it reads still pass', () => {
    expect(detectVersion(parseSource('/p/a.yaml', "swagger: '2.0'\n"))).toBe('2.0');
    expect(detectVersion(parseSource('/p/a.yaml', 'openapi: 3.0.3\n'))).toBe('3.0');
    expect(detectVersion(parseSource('/p/a.json', '{"openapi": "3.1.0"}'))).toBe('3.1');
    expect(detectVersion(parseSource('/p/a.yaml', "openapi: '3.2.0'\n"))).toBe('3.2');
    // docs/robustness.md: any patch of 3.0, 3.1 or 3.2 is read, pre-release suffixes too.
    expect(detectVersion(parseSource('/p/a.yaml', 'openapi: 3.0.4\n'))).toBe('3.0');
    expect(detectVersion(parseSource('/p/a.yaml', 'openapi: 3.1.1\n'))).toBe('3.1');
    expect(detectVersion(parseSource('/p/a.yaml', 'openapi: 3.0.0-rc2\n'))).toBe('3.0');
    expect(detectVersion(parseSource('/p/a.yaml', 'openapi: 3.1.0-rc.1\n'))).toBe('3.1');
    expect(detectVersion(parseSource('/p/a.json', '{"openapi": "3.2.0-rc.0"}'))).toBe('3.2');
  });
});
