import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixSpecs } from '../src/fix/apply.js';
import { EditableFile, editFor, pointersFor } from '../src/fix/edit.js';
import { fixTarget, type FixIntent } from '../src/fix/intents.js';
import type { Located } from '../src/loader/resolve.js';

// What --fix writes into a user's spec, byte for byte, in-process (the CLI tests in fix.test.ts
// spawn the CLI, which runs the code as written). Each case is a small spec as people and tools
// write them; the default rules offer the fixes (a Retry-After on a 429 or 503, a
// WWW-Authenticate on a 401, an Allow on a 405, `4XX` for `4xx`).

const RA = 'Seconds to wait before retrying (RFC 9110 §10.2.3 also allows an HTTP-date).';

/** The Retry-After header as a YAML block, its key at `indent`, nested by `unit`. */
function retryAfterBlock(indent: string, unit = '  ', description = RA): string[] {
  const inner = indent + unit;
  return [`${indent}Retry-After:`, `${inner}description: ${description}`, `${inner}schema:`, `${inner}${unit}type: integer`, `${inner}${unit}minimum: 0`, `${inner}example: 60`];
}

/** The Retry-After header as a YAML flow member, with braces `{` `}` or `{ ` ` }`. */
function retryAfterFlow(open = '{', close = '}'): string {
  return `Retry-After: ${open}description: ${RA}, schema: ${open}type: integer, minimum: 0${close}, example: 60${close}`;
}

/** The Retry-After header as a one-line JSON member, as people write JSON by hand. */
const RA_JSON = `"Retry-After": {"description": "${RA}", "schema": {"type": "integer", "minimum": 0}, "example": 60}`;

const yamlHead = ['openapi: 3.0.3', "info: {title: t, version: '1'}", 'paths:', '  /a:', '    get:', '      responses:', "        '200': {description: ok}"];

interface Case {
  name: string;
  /** The files by name; the first is the spec linted. */
  files: Record<string, string>;
  /** Each file --fix changes, as it writes it. */
  fixed: Record<string, string>;
  /** Fixes left alone, as `reason pointer`. */
  refused?: string[];
}

async function runFix(files: Record<string, string>): Promise<{ fixed: Record<string, string>; refused: string[]; counts: Record<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-fix-edit-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const outcome = await fixSpecs([join(dir, Object.keys(files)[0]!)], { threads: 1, cwd: dir });
  const name = (path: string): string => relative(dir, path).split('\\').join('/');
  return {
    fixed: Object.fromEntries(outcome.changes.map((change) => [name(change.path), change.after])),
    refused: outcome.refused.map(({ intent, reason }) => `${reason} ${fixTarget(intent).pointer}`).sort(),
    counts: Object.fromEntries(outcome.changes.map((change) => [name(change.path), change.fixes])),
  };
}

function check(cases: Case[]): void {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const { fixed, refused } = await runFix(testCase.files);
      expect(fixed).toEqual(testCase.fixed);
      expect(refused).toEqual(testCase.refused ?? []);
    });
  }
}

describe('--fix in a YAML block mapping', () => {
  check([
    {
      name: 'adds a headers map after the last member, nested by the two spaces the file indents by',
      files: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow', ''].join('\n') },
      fixed: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow', '          headers:', ...retryAfterBlock('            '), ''].join('\n') },
    },
    {
      name: 'nests by four spaces in a file indented by four',
      files: { 'api.yaml': ['openapi: 3.0.3', 'info:', '    title: t', "    version: '1'", 'paths:', '    /a:', '        get:', '            responses:', "                '429':", '                    description: slow', ''].join('\n') },
      fixed: {
        'api.yaml': ['openapi: 3.0.3', 'info:', '    title: t', "    version: '1'", 'paths:', '    /a:', '        get:', '            responses:', "                '429':", '                    description: slow', '                    headers:', ...retryAfterBlock('                        ', '    '), ''].join('\n'),
      },
    },
    {
      name: 'nests by the step the file takes most often, not by the depth of its first indented line',
      files: { 'api.yaml': ['openapi: 3.0.3', 'info:', '  title: t', "  version: '1'", 'paths:', '  /a:', '      get:', '          responses:', "              '429':", '                  description: slow', ''].join('\n') },
      fixed: {
        'api.yaml': ['openapi: 3.0.3', 'info:', '  title: t', "  version: '1'", 'paths:', '  /a:', '      get:', '          responses:', "              '429':", '                  description: slow', '                  headers:', ...retryAfterBlock('                      ', '    '), ''].join('\n'),
      },
    },
    {
      name: 'adds to a headers map already there, after its last header',
      files: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow', '          headers:', '            X-Limit:', '              schema:', '                type: integer', ''].join('\n') },
      fixed: {
        'api.yaml': [...yamlHead, "        '429':", '          description: slow', '          headers:', '            X-Limit:', '              schema:', '                type: integer', ...retryAfterBlock('            '), ''].join('\n'),
      },
    },
    {
      name: 'keeps CRLF line endings and a missing final newline',
      files: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow'].join('\r\n') },
      fixed: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow', '          headers:', ...retryAfterBlock('            ')].join('\r\n') },
    },
    {
      name: 'keeps a trailing comment on its line, and the comment lines under the last member with it',
      files: {
        'api.yaml': [...yamlHead, "        '429':", '          description: slow  # says ops', '          content:', '            application/json: {}', '            # more to come', '', "        '404': {description: missing}", ''].join('\n'),
      },
      fixed: {
        'api.yaml': [
          ...yamlHead,
          "        '429':",
          '          description: slow  # says ops',
          '          content:',
          '            application/json: {}',
          '            # more to come',
          '          headers:',
          ...retryAfterBlock('            '),
          '',
          "        '404': {description: missing}",
          '',
        ].join('\n'),
      },
    },
    {
      name: 'writes a $ref to components/headers when the spec defines the header, in the quotes the file uses',
      files: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow', 'components:', '  headers:', '    Retry-After:', '      schema: {type: integer}', ''].join('\n') },
      fixed: {
        'api.yaml': [...yamlHead, "        '429':", '          description: slow', '          headers:', '            Retry-After:', "              $ref: '#/components/headers/Retry-After'", 'components:', '  headers:', '    Retry-After:', '      schema: {type: integer}', ''].join('\n'),
      },
    },
    {
      name: 'writes a $ref in double quotes in a file that mostly quotes so',
      files: { 'api.yaml': ['openapi: 3.0.3', 'info: {title: "t", version: "1"}', 'paths:', '  /a:', '    get:', '      responses:', '        "200": {description: "ok"}', '        "429":', '          description: slow', 'components:', '  headers:', '    Retry-After:', '      schema: {type: integer}', ''].join('\n') },
      fixed: {
        'api.yaml': ['openapi: 3.0.3', 'info: {title: "t", version: "1"}', 'paths:', '  /a:', '    get:', '      responses:', '        "200": {description: "ok"}', '        "429":', '          description: slow', '          headers:', '            Retry-After:', '              $ref: "#/components/headers/Retry-After"', 'components:', '  headers:', '    Retry-After:', '      schema: {type: integer}', ''].join('\n'),
      },
    },
    {
      name: 'leaves a comment line at the column of the last member before the added one, and one deeper after',
      files: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow', '            # the window is an hour', '          # headers: to come', "        '404': {description: missing}"].join('\n') },
      fixed: { 'api.yaml': [...yamlHead, "        '429':", '          description: slow', '            # the window is an hour', '          headers:', ...retryAfterBlock('            '), '          # headers: to come', "        '404': {description: missing}"].join('\n') },
    },
    {
      name: 'quotes a string with a double quote in single quotes, whatever quote the file prefers',
      files: {
        'api.yaml': ['openapi: 3.0.3', 'info: {title: "t", version: "1"}', 'security: [{b: []}]', 'components:', '  securitySchemes:', '    b: {type: http, scheme: bearer}', 'paths:', '  /a:', '    get:', '      responses:', '        "200": {description: ok}', '        "401":', '          description: who', ''].join('\n'),
      },
      fixed: {
        'api.yaml': [
          'openapi: 3.0.3',
          'info: {title: "t", version: "1"}',
          'security: [{b: []}]',
          'components:',
          '  securitySchemes:',
          '    b: {type: http, scheme: bearer}',
          'paths:',
          '  /a:',
          '    get:',
          '      responses:',
          '        "200": {description: ok}',
          '        "401":',
          '          description: who',
          '          headers:',
          '            WWW-Authenticate:',
          '              description: The Bearer challenge the client must answer (RFC 9110 §11.6.1).',
          '              schema:',
          '                type: string',
          `              example: 'Bearer realm="api"'`,
          '',
        ].join('\n'),
      },
    },
    {
      name: 'edits a response in another file that a $ref names, and leaves the spec as it was',
      files: { 'api.yaml': [...yamlHead, "        '429':", "          $ref: 'common.yaml#/Slow'", ''].join('\n'), 'common.yaml': 'Slow:\n  description: slow\n' },
      fixed: { 'common.yaml': ['Slow:', '  description: slow', '  headers:', ...retryAfterBlock('    '), ''].join('\n') },
    },
    {
      name: 'edits a shared Swagger 2.0 response, with the example in the description',
      files: { 'api.yaml': ["swagger: '2.0'", "info: {title: t, version: '1'}", 'paths:', '  /a:', '    get:', '      responses:', '        200: {description: ok}', "        429: {$ref: '#/responses/Slow'}", 'responses:', '  Slow:', '    description: slow', ''].join('\n') },
      fixed: {
        'api.yaml': [
          "swagger: '2.0'",
          "info: {title: t, version: '1'}",
          'paths:',
          '  /a:',
          '    get:',
          '      responses:',
          '        200: {description: ok}',
          "        429: {$ref: '#/responses/Slow'}",
          'responses:',
          '  Slow:',
          '    description: slow',
          '    headers:',
          '      Retry-After:',
          `        description: '${RA} Example: 60'`,
          '        type: integer',
          '        minimum: 0',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'renames a status key as it is written: plain, single-quoted or double-quoted',
      files: { 'api.yaml': [...yamlHead, '        4xx: {description: client}', "        '5xx': {description: server}", '        "2xx": {description: fine}', ''].join('\n') },
      fixed: { 'api.yaml': [...yamlHead, '        4XX: {description: client}', "        '5XX': {description: server}", '        "2XX": {description: fine}', ''].join('\n') },
    },
    {
      name: 'leaves a response whose members a << merge key brings in',
      files: { 'api.yaml': ['openapi: 3.0.3', "info: {title: t, version: '1'}", 'x-base: &base', '  description: slow', 'paths:', '  /a:', '    get:', '      responses:', "        '200': {description: ok}", "        '429':", '          <<: *base', ''].join('\n') },
      fixed: {},
      refused: ['layout /paths/~1a/get/responses/429'],
    },
  ]);
});

describe('--fix in a YAML flow mapping', () => {
  check([
    {
      name: 'adds headers to a one-line map with or without spaces inside its braces, as the map has them',
      files: { 'api.yaml': [...yamlHead, "        '429': {description: slow}", "        '503': { description: down }", ''].join('\n') },
      fixed: {
        'api.yaml': [...yamlHead, `        '429': {description: slow, headers: {${retryAfterFlow()}}}`, `        '503': { description: down, headers: { ${retryAfterFlow('{ ', ' }')} } }`, ''].join('\n'),
      },
    },
    {
      name: 'fills an empty map as the file writes its flow maps',
      files: { 'api.yaml': [...yamlHead, "        '429': {description: slow, headers: {}}", "        '503': { description: down, headers: {} }", "        '404': { description: missing }", ''].join('\n') },
      fixed: {
        'api.yaml': [...yamlHead, `        '429': {description: slow, headers: {${retryAfterFlow()}}}`, `        '503': { description: down, headers: {${retryAfterFlow()}} }`, "        '404': { description: missing }", ''].join('\n'),
      },
    },
    {
      name: 'fills an empty map with spaces inside its braces where the file has as many maps with them as without, not counting empty maps and open braces',
      files: {
        'api.yaml': ['openapi: 3.0.3', "info: {title: t, version: '1'}", 'paths:', '  /a:', '    get:', '      responses:', "        '200': { description: ok, content: {} }", "        '404': {", '          description: missing', '          }', "        '503':", '          description: down', '          headers: {}', ''].join('\n'),
      },
      fixed: {
        'api.yaml': ['openapi: 3.0.3', "info: {title: t, version: '1'}", 'paths:', '  /a:', '    get:', '      responses:', "        '200': { description: ok, content: {} }", "        '404': {", '          description: missing', '          }', "        '503':", '          description: down', `          headers: { ${retryAfterFlow('{ ', ' }')} }`, ''].join('\n'),
      },
    },
    {
      name: 'fills an empty map written open over lines, keeping its closing line',
      files: { 'api.yaml': [...yamlHead, "        '503': {description: down, headers: {", '          }}', ''].join('\n') },
      fixed: { 'api.yaml': [...yamlHead, "        '503': {description: down, headers: {", `            ${retryAfterFlow()}`, '          }}', ''].join('\n') },
    },
    {
      name: 'fills an empty map with spaces inside its braces in a file that mostly writes them so',
      files: { 'api.yaml': ['openapi: 3.0.3', "info: { title: t, version: '1' }", 'paths:', '  /a:', '    get:', '      responses:', "        '200': { description: ok }", "        '503': { description: down, headers: {} }", ''].join('\n') },
      fixed: { 'api.yaml': ['openapi: 3.0.3', "info: { title: t, version: '1' }", 'paths:', '  /a:', '    get:', '      responses:', "        '200': { description: ok }", `        '503': { description: down, headers: { ${retryAfterFlow('{ ', ' }')} } }`, ''].join('\n') },
    },
    {
      name: 'adds a member on a line of its own to a map written over lines, after a comment on the last member',
      files: {
        'api.yaml': [...yamlHead, "        '429': {", '          description: slow', '          }', "        '503': {description: down, headers: {", '          X-Region: {schema: {type: string}}, # where', '          }}', "        '502': {description: bad, headers: {", '          }}', ''].join('\n'),
      },
      fixed: {
        'api.yaml': [
          ...yamlHead,
          "        '429': {",
          '          description: slow,',
          `          headers: { ${retryAfterFlow('{ ', ' }')} }`,
          '          }',
          "        '503': {description: down, headers: {",
          '          X-Region: {schema: {type: string}}, # where',
          `          ${retryAfterFlow('{ ', ' }')},`,
          '          }}',
          "        '502': {description: bad, headers: {",
          '          }}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'puts the comma before a comment that ends the last member',
      files: { 'api.yaml': [...yamlHead, "        '429': {", '          description: slow  # why', '          }', ''].join('\n') },
      fixed: { 'api.yaml': [...yamlHead, "        '429': {", '          description: slow,  # why', `          headers: { ${retryAfterFlow('{ ', ' }')} }`, '          }', ''].join('\n') },
    },
    {
      name: 'quotes a string with a comma, where a comma would end it',
      files: { 'api.yaml': ['openapi: 3.0.3', "info: {title: t, version: '1'}", 'paths:', '  /a:', '    get:', "      responses: {'200': {description: ok}, '405': {description: no}}", '    post:', "      responses: {'200': {description: ok}}", ''].join('\n') },
      fixed: {
        'api.yaml': [
          'openapi: 3.0.3',
          "info: {title: t, version: '1'}",
          'paths:',
          '  /a:',
          '    get:',
          "      responses: {'200': {description: ok}, '405': {description: no, headers: {Allow: {description: The methods the target resource supports (RFC 9110 §10.2.1)., schema: {type: string}, example: 'GET, POST'}}}}",
          '    post:',
          "      responses: {'200': {description: ok}}",
          '',
        ].join('\n'),
      },
    },
  ]);
});

describe('--fix in a YAML file kept in ASCII', () => {
  const spec = (title: string) => ['openapi: 3.0.3', `info: {title: "${title}", version: '1'}`, 'paths:', '  /a:', '    get:', '      responses:', "        '200': {description: ok}", "        '503':", '          description: down', ''];
  const fixedSpec = (title: string, section: string) => [...spec(title).slice(0, -1), '          headers:', ...retryAfterBlock('            ', '  ', `"Seconds to wait before retrying (RFC 9110 ${section}10.2.3 also allows an HTTP-date)."`), ''];
  check([
    { name: 'writes § as \\xA7 where the file writes \\x escapes', files: { 'api.yaml': spec('caf\\xE9').join('\n') }, fixed: { 'api.yaml': fixedSpec('caf\\xE9', '\\xA7').join('\n') } },
    { name: 'writes lower-case hex where the file does', files: { 'api.yaml': spec('caf\\u00e9').join('\n') }, fixed: { 'api.yaml': fixedSpec('caf\\u00e9', '\\u00a7').join('\n') } },
    { name: 'writes § as \\xA7 where the file writes \\x escapes beside \\u ones', files: { 'api.yaml': spec('you\\u2019re caf\\xE9').join('\n') }, fixed: { 'api.yaml': fixedSpec('you\\u2019re caf\\xE9', '\\xA7').join('\n') } },
    { name: 'writes upper-case hex, as PyYAML does, where no escape shows a letter', files: { 'api.yaml': spec('\\u2014').join('\n') }, fixed: { 'api.yaml': fixedSpec('\\u2014', '\\u00A7').join('\n') } },
    { name: 'writes upper-case hex where the file shows no letter but in \\U escapes', files: { 'api.yaml': spec('caf\\U0001F600').join('\n') }, fixed: { 'api.yaml': fixedSpec('caf\\U0001F600', '\\u00A7').join('\n') } },
    { name: 'writes § as it is in a file that has a raw character beyond ASCII beside escapes', files: { 'api.yaml': spec('you’re \\u2019').join('\n') }, fixed: { 'api.yaml': [...spec('you’re \\u2019').slice(0, -1), '          headers:', ...retryAfterBlock('            '), ''].join('\n') } },
    { name: 'writes § as it is where an escaped backslash only looks like an escape', files: { 'api.yaml': spec('a \\\\u2019 b').join('\n') }, fixed: { 'api.yaml': [...spec('a \\\\u2019 b').slice(0, -1), '          headers:', ...retryAfterBlock('            '), ''].join('\n') } },
  ]);
});

describe('--fix in JSON', () => {
  const pretty = (responses: object) => JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, ...responses } } } } }, null, 2);
  check([
    {
      name: 'writes a missing headers member over lines, indented as the file is; an empty map on its line; a renamed key in its quotes',
      files: { 'api.json': `${pretty({ 429: { description: 'slow' }, 503: { description: 'down', headers: {} }, '4xx': { description: 'client' } })}\n` },
      fixed: {
        'api.json': `${pretty({
          429: { description: 'slow', headers: { 'Retry-After': { description: RA, schema: { type: 'integer', minimum: 0 }, example: 60 } } },
          503: { description: 'down', headers: {} },
          '4XX': { description: 'client' },
        }).replace('"headers": {}', `"headers": {${RA_JSON}}`)}\n`,
      },
    },
    {
      name: 'writes minified JSON without spaces',
      files: { 'api.json': JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 429: { description: 'slow' }, 503: { description: 'down', headers: {} } } } } } }) },
      fixed: {
        'api.json': JSON.stringify({
          openapi: '3.0.3',
          info: { title: 't', version: '1' },
          paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 429: { description: 'slow', headers: { 'Retry-After': { description: RA, schema: { type: 'integer', minimum: 0 }, example: 60 } } }, 503: { description: 'down', headers: { 'Retry-After': { description: RA, schema: { type: 'integer', minimum: 0 }, example: 60 } } } } } } },
        }),
      },
    },
    {
      name: 'writes one-line JSON with a space after each colon and comma, as the file does',
      files: { 'api.json': '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}, "429": {"description": "slow"}, "503": {"description": "down", "headers": {"X-A": {"schema": {"type": "string"}}}}}}}}}\n' },
      fixed: { 'api.json': `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}, "429": {"description": "slow", "headers": {${RA_JSON}}}, "503": {"description": "down", "headers": {"X-A": {"schema": {"type": "string"}}, ${RA_JSON}}}}}}}}\n` },
    },
    {
      name: 'indents by tabs in a file indented by tabs',
      files: { 'api.json': ['{', '\t"openapi": "3.0.3",', '\t"info": {"title": "t", "version": "1"},', '\t"paths": {"/a": {"get": {"responses": {', '\t\t"200": {"description": "ok"},', '\t\t"429": {', '\t\t\t"description": "slow"', '\t\t}', '\t}}}}', '}', ''].join('\n') },
      fixed: {
        'api.json': [
          '{',
          '\t"openapi": "3.0.3",',
          '\t"info": {"title": "t", "version": "1"},',
          '\t"paths": {"/a": {"get": {"responses": {',
          '\t\t"200": {"description": "ok"},',
          '\t\t"429": {',
          '\t\t\t"description": "slow",',
          '\t\t\t"headers": {',
          '\t\t\t\t"Retry-After": {',
          `\t\t\t\t\t"description": "${RA}",`,
          '\t\t\t\t\t"schema": {',
          '\t\t\t\t\t\t"type": "integer",',
          '\t\t\t\t\t\t"minimum": 0',
          '\t\t\t\t\t},',
          '\t\t\t\t\t"example": 60',
          '\t\t\t\t}',
          '\t\t\t}',
          '\t\t}',
          '\t}}}}',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'fills an empty object whose closing brace ends its line, indented one step past the brace',
      files: { 'api.json': ['{', '  "openapi": "3.0.3",', '  "info": {"title": "t", "version": "1"},', '  "paths": {"/a": {"get": {"responses": {', '    "200": {"description": "ok"},', '    "503": {', '      "description": "down",', '      "headers": {', '      }', '    }', '  }}}}', '}', ''].join('\n') },
      fixed: {
        'api.json': [
          '{',
          '  "openapi": "3.0.3",',
          '  "info": {"title": "t", "version": "1"},',
          '  "paths": {"/a": {"get": {"responses": {',
          '    "200": {"description": "ok"},',
          '    "503": {',
          '      "description": "down",',
          '      "headers": {',
          '        "Retry-After": {',
          `          "description": "${RA}",`,
          '          "schema": {',
          '            "type": "integer",',
          '            "minimum": 0',
          '          },',
          '          "example": 60',
          '        }',
          '      }',
          '    }',
          '  }}}}',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'fills an empty object written open over lines, keeping its closing line',
      files: { 'api.json': ['{', '  "openapi": "3.0.3",', '  "info": {"title": "t", "version": "1"},', '  "paths": {"/a": {"get": {"responses": {', '    "200": {"description": "ok"},', '    "503": {"description": "down", "headers": {', '    }}', '  }}}}', '}', ''].join('\r\n') },
      fixed: {
        'api.json': [
          '{',
          '  "openapi": "3.0.3",',
          '  "info": {"title": "t", "version": "1"},',
          '  "paths": {"/a": {"get": {"responses": {',
          '    "200": {"description": "ok"},',
          '    "503": {"description": "down", "headers": {',
          '      "Retry-After": {',
          `        "description": "${RA}",`,
          '        "schema": {',
          '          "type": "integer",',
          '          "minimum": 0',
          '        },',
          '        "example": 60',
          '      }',
          '    }}',
          '  }}}}',
          '}',
          '',
        ].join('\r\n'),
      },
    },
  ]);
});

describe('--fix in a JSON file kept in ASCII', () => {
  const spec = (title: string, response: string) =>
    ['{', '  "openapi": "3.0.3",', `  "info": {"title": "${title}", "version": "1"},`, '  "security": [{"b": []}],', '  "components": {"securitySchemes": {"b": {"type": "http", "scheme": "bearer"}}},', '  "paths": {"/a": {"get": {"responses": {', '    "200": {"description": "ok"},', `    ${response}`, '  }}}}', '}', ''].join('\n');
  const challenge = (section: string, quote: string) => `"WWW-Authenticate": {"description": "The Bearer challenge the client must answer (RFC 9110 ${section}11.6.1).", "schema": {"type": "string"}, "example": "Bearer realm=${quote}api${quote}"}`;
  const cases: Array<[string, string, string, string]> = [
    // .NET's System.Text.Json: upper-case hex, a quote as \u0022.
    ['escapes as .NET does: upper-case hex, a quote as \\u0022', 'caf\\u00C9 \\u0022x\\u0022', '\\u00A7', '\\u0022'],
    // Python's ensure_ascii: lower-case hex, a quote as \".
    ['escapes as Python does: lower-case hex, a quote as \\"', 'caf\\u00e9 \\"x\\"', '\\u00a7', '\\"'],
    ['takes the case of the first escape with a letter in it', 'caf\\u0100 \\u00e9', '\\u00a7', '\\"'],
    ['takes upper-case hex from the first escape with a letter, after one without', 'caf\\u0100 \\u00C9', '\\u00A7', '\\"'],
    ['writes lower-case hex where no escape shows a letter', 'caf\\u0100', '\\u00a7', '\\"'],
    ['takes \\" where the file writes a quote both ways', 'a \\u0022b\\u0022 \\"c\\"', '\\u00a7', '\\"'],
    ['writes § as it is in a file with a raw character beyond ASCII', 'café \\u00e9', '§', '\\"'],
    ['writes § as it is in a file with no escape beyond ASCII', 'plain \\u0041', '§', '\\"'],
  ];
  check(
    cases.map(([name, title, section, quote]) => ({
      name,
      files: { 'api.json': spec(title, '"401": {"description": "who"}') },
      fixed: { 'api.json': spec(title, `"401": {"description": "who", "headers": {${challenge(section, quote)}}}`) },
    })),
  );
});

describe('--fix on several edits in one file', () => {
  it('makes each in one pass and counts them for the file', async () => {
    const spec = [...yamlHead, "        '429':", '          description: slow', "        '503': {description: down}", '        5xx: {description: failed}', ''].join('\n');
    const { fixed, counts } = await runFix({ 'api.yaml': spec });
    expect(fixed['api.yaml']).toBe(
      [...yamlHead, "        '429':", '          description: slow', '          headers:', ...retryAfterBlock('            '), `        '503': {description: down, headers: {${retryAfterFlow()}}}`, '        5XX: {description: failed}', ''].join('\n'),
    );
    expect(counts).toEqual({ 'api.yaml': 3 });
  });
});

describe('--fix at each place a response is written', () => {
  const block = (indent: string) => [`${indent}headers:`, ...retryAfterBlock(`${indent}  `)];
  check([
    {
      name: 'components/responses, and an operation of an OpenAPI 3.2 additionalOperations map',
      files: {
        'api.yaml': [
          'openapi: 3.2.0',
          "info: {title: t, version: '1'}",
          'paths:',
          '  /a:',
          '    additionalOperations:',
          '      PURGE:',
          '        responses:',
          "          '200': {description: ok}",
          "          '429':",
          '            description: slow',
          '    post:',
          '      responses:',
          "        '200': {description: ok}",
          "        '503': {$ref: '#/components/responses/Down'}",
          'components:',
          '  responses:',
          '    Down:',
          '      description: down',
          '',
        ].join('\n'),
      },
      fixed: {
        'api.yaml': [
          'openapi: 3.2.0',
          "info: {title: t, version: '1'}",
          'paths:',
          '  /a:',
          '    additionalOperations:',
          '      PURGE:',
          '        responses:',
          "          '200': {description: ok}",
          "          '429':",
          '            description: slow',
          ...block('            '),
          '    post:',
          '      responses:',
          "        '200': {description: ok}",
          "        '503': {$ref: '#/components/responses/Down'}",
          'components:',
          '  responses:',
          '    Down:',
          '      description: down',
          ...block('      '),
          '',
        ].join('\n'),
      },
    },
    {
      name: 'leaves a $ref that names what is no response: the info object, a schema, an extension',
      files: {
        'api.yaml': [
          'openapi: 3.1.0',
          "info: {title: t, version: '1'}",
          'x-responses:',
          '  Busy: {description: busy}',
          'paths:',
          '  /a:',
          '    get:',
          '      responses:',
          "        '200': {description: ok}",
          "        '429': {$ref: '#/components/schemas/Err'}",
          "        '503': {$ref: '#/x-responses/Busy'}",
          '  /b:',
          '    get:',
          '      responses:',
          "        '200': {description: ok}",
          "        '429': {$ref: '#/info'}",
          'components:',
          '  schemas:',
          '    Err: {type: object}',
          '',
        ].join('\n'),
      },
      fixed: {},
      refused: ['layout /components/schemas/Err', 'layout /info', 'layout /x-responses/Busy'],
    },
    {
      name: "leaves a Swagger 2.0 $ref to a definition, and edits one to responses",
      files: {
        'api.json': `${JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 429: { $ref: '#/definitions/Err' }, 503: { $ref: '#/responses/Down' } } } } }, definitions: { Err: { type: 'object' } }, responses: { Down: { description: 'down' } } }, null, 2)}\n`,
      },
      fixed: {
        'api.json': `${JSON.stringify(
          {
            swagger: '2.0',
            info: { title: 't', version: '1' },
            paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 429: { $ref: '#/definitions/Err' }, 503: { $ref: '#/responses/Down' } } } } },
            definitions: { Err: { type: 'object' } },
            responses: { Down: { description: 'down', headers: { 'Retry-After': { description: `${RA} Example: 60`, type: 'integer', minimum: 0 } } } },
          },
          null,
          2,
        )}\n`,
      },
      refused: ['layout /definitions/Err'],
    },
  ]);
});

describe('--fix leaves what it cannot edit safely as written', () => {
  check([
    {
      name: "a 'headers' that is not a map, or is a $ref",
      files: {
        'api.yaml': [
          ...yamlHead,
          "        '429':",
          '          description: slow',
          '          headers:',
          "        '503':",
          '          description: down',
          '          headers: []',
          '  /b:',
          '    get:',
          '      responses:',
          "        '200': {description: ok}",
          "        '429': {description: slow, headers: {$ref: 'h.yaml'}}",
          "        '503':",
          '          description: down',
          '          headers:',
          "            $ref: 'h.yaml'",
          '',
        ].join('\n'),
        'h.yaml': 'X-Region: {schema: {type: string}}\n',
      },
      fixed: {},
      refused: ['layout /paths/~1a/get/responses/429', 'layout /paths/~1a/get/responses/503', 'layout /paths/~1b/get/responses/429', 'layout /paths/~1b/get/responses/503'],
    },
    {
      name: 'a JSON headers member that is null or a $ref',
      files: { 'api.json': JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 429: { description: 'slow', headers: { $ref: 'h.json' } }, 503: { description: 'down', headers: null } } } } } }, null, 2), 'h.json': '{}' },
      fixed: {},
      refused: ['layout /paths/~1a/get/responses/429', 'layout /paths/~1a/get/responses/503'],
    },
    {
      name: 'a map an alias shares, or one inside it; an anchored map no alias names is edited',
      files: {
        'api.yaml': [
          'openapi: 3.0.3',
          "info: {title: t, version: '1'}",
          'paths:',
          '  /a:',
          '    get:',
          '      responses:',
          "        '200': {description: ok}",
          "        '429':",
          '          description: slow',
          '          headers: &common',
          '            X-Request-Id: {schema: {type: string}}',
          "        '400':",
          '          description: bad',
          '          headers: *common',
          '  /b:',
          '    get:',
          '      responses: &shared',
          "        '200': {description: ok}",
          '        4xx: {description: client}',
          '  /c:',
          '    get:',
          '      responses: *shared',
          '  /d:',
          '    get:',
          '      responses:',
          "        '200': {description: ok}",
          "        '503': &lonely {description: down}",
          '',
        ].join('\n'),
      },
      fixed: {
        'api.yaml': [
          'openapi: 3.0.3',
          "info: {title: t, version: '1'}",
          'paths:',
          '  /a:',
          '    get:',
          '      responses:',
          "        '200': {description: ok}",
          "        '429':",
          '          description: slow',
          '          headers: &common',
          '            X-Request-Id: {schema: {type: string}}',
          "        '400':",
          '          description: bad',
          '          headers: *common',
          '  /b:',
          '    get:',
          '      responses: &shared',
          "        '200': {description: ok}",
          '        4xx: {description: client}',
          '  /c:',
          '    get:',
          '      responses: *shared',
          '  /d:',
          '    get:',
          '      responses:',
          "        '200': {description: ok}",
          `        '503': &lonely {description: down, headers: {${retryAfterFlow()}}}`,
          '',
        ].join('\n'),
      },
      refused: ['layout /paths/~1a/get/responses/429', 'layout /paths/~1b/get/responses/4xx', 'layout /paths/~1c/get/responses/4xx'],
    },
  ]);
});

describe('--fix after the last member of a YAML block mapping', () => {
  check([
    {
      name: 'indents as the keys are when the last key has a tag or an anchor of its own',
      files: { 'api.yaml': [...yamlHead, "        '429':", '          !!str description: slow', "        '503':", '          &named description: down', ''].join('\n') },
      fixed: { 'api.yaml': [...yamlHead, "        '429':", '          !!str description: slow', '          headers:', ...retryAfterBlock('            '), "        '503':", '          &named description: down', '          headers:', ...retryAfterBlock('            '), ''].join('\n') },
    },
    {
      name: 'goes after a block sequence that ends the response, and after a nested map ending in comment lines, not into the next response',
      files: {
        'api.yaml': [...yamlHead, "        '429':", '          description: slow', '          x-tags:', '            - a', '            - b', "        '503':", '          description: down', '          content:', '            application/json:', '              schema: {type: object}', '              # more to come', '  # about /a', "        '404': {description: missing}", ''].join('\n'),
      },
      fixed: {
        'api.yaml': [
          ...yamlHead,
          "        '429':",
          '          description: slow',
          '          x-tags:',
          '            - a',
          '            - b',
          '          headers:',
          ...retryAfterBlock('            '),
          "        '503':",
          '          description: down',
          '          content:',
          '            application/json:',
          '              schema: {type: object}',
          '              # more to come',
          '          headers:',
          ...retryAfterBlock('            '),
          '  # about /a',
          "        '404': {description: missing}",
          '',
        ].join('\n'),
      },
    },
    {
      name: 'goes after a last member with no value, and after comment lines with blank lines between them',
      files: {
        'api.yaml': [...yamlHead, "        '429':", '          description: slow', '          x-todo:', "        '503':", '          description: down', '          content:', '            application/json: {}', '            # text/csv: to come', '', '            # application/xml: later', "        '404': {description: missing}", ''].join('\n'),
      },
      fixed: {
        'api.yaml': [
          ...yamlHead,
          "        '429':",
          '          description: slow',
          '          x-todo:',
          '          headers:',
          ...retryAfterBlock('            '),
          "        '503':",
          '          description: down',
          '          content:',
          '            application/json: {}',
          '            # text/csv: to come',
          '',
          '            # application/xml: later',
          '          headers:',
          ...retryAfterBlock('            '),
          "        '404': {description: missing}",
          '',
        ].join('\n'),
      },
    },
    {
      name: 'adds to an empty flow map a response is written as',
      files: { 'api.yaml': [...yamlHead, "        '429': {}", ''].join('\n') },
      fixed: { 'api.yaml': [...yamlHead, `        '429': {headers: {${retryAfterFlow()}}}`, ''].join('\n') },
    },
  ]);
});

describe('editFor', () => {
  // Beyond the headers the rules add today: what a header may hold, as each layout writes it.
  const acceptEncoding = {
    description: 'The encodings the server accepts',
    required: true,
    schema: { type: 'array', items: { type: 'string', enum: ['gzip', 'br'] } },
    example: 'gzip, br',
    'x-since': '2024-01-01',
    'x-answer': 'yes',
    'x-flags': {},
    'x-path': '/items/1',
    'x-note': 'trailing ',
  };
  const pointer = '/paths/~1a/get/responses/406';
  const intent = (root: unknown, name: string, header: Record<string, unknown>): FixIntent => ({ kind: 'add-header', response: { file: { value: root }, pointer, value: {} } as unknown as Located, name, header });
  const edited = (text: string, format: 'yaml' | 'json', intents: (root: unknown) => FixIntent[]): string | undefined => {
    const file = new EditableFile('api', text, format);
    const edit = editFor(file, intents(format === 'json' ? JSON.parse(text) : parse(text)));
    return edit && text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  };
  const yamlSpec = (response: string[]) => ['openapi: 3.0.3', 'paths:', '  /a:', '    get:', '      responses:', ...response, ''].join('\n');

  it('writes lists, booleans, empty maps and strings a reader would misread, in a YAML block', () => {
    expect(edited(yamlSpec(["        '406':", '          description: no']), 'yaml', (root) => [intent(root, 'Accept-Encoding', acceptEncoding)])).toBe(
      yamlSpec([
        "        '406':",
        '          description: no',
        '          headers:',
        '            Accept-Encoding:',
        '              description: The encodings the server accepts',
        '              required: true',
        '              schema:',
        '                type: array',
        '                items:',
        '                  type: string',
        '                  enum: [gzip, br]',
        '              example: gzip, br',
        "              x-since: '2024-01-01'",
        "              x-answer: 'yes'",
        '              x-flags: {}',
        "              x-path: '/items/1'",
        "              x-note: 'trailing '",
      ]),
    );
  });

  it('writes them in a YAML flow map, a string with a comma quoted', () => {
    expect(edited(yamlSpec(["        '406': {description: no}"]), 'yaml', (root) => [intent(root, 'Accept-Encoding', acceptEncoding)])).toBe(
      yamlSpec([
        "        '406': {description: no, headers: {Accept-Encoding: {description: The encodings the server accepts, required: true, schema: {type: array, items: {type: string, enum: [gzip, br]}}, example: 'gzip, br', x-since: '2024-01-01', x-answer: 'yes', x-flags: {}, x-path: '/items/1', x-note: 'trailing '}}}",
      ]),
    );
  });

  it('writes them in JSON, on one line or over lines as the map is', () => {
    const oneLine = (headers: string) => `{"openapi": "3.0.3", "paths": {"/a": {"get": {"responses": {"406": {"description": "no"${headers}}}}}}}`;
    expect(edited(oneLine(''), 'json', (root) => [intent(root, 'Accept-Encoding', acceptEncoding)])).toBe(
      oneLine(`, "headers": {"Accept-Encoding": {"description": "The encodings the server accepts", "required": true, "schema": {"type": "array", "items": {"type": "string", "enum": ["gzip", "br"]}}, "example": "gzip, br", "x-since": "2024-01-01", "x-answer": "yes", "x-flags": {}, "x-path": "/items/1", "x-note": "trailing "}}`),
    );
    const pretty = (response: object) => JSON.stringify({ openapi: '3.0.3', paths: { '/a': { get: { responses: { 406: response } } } } }, null, 2);
    expect(edited(pretty({ description: 'no' }), 'json', (root) => [intent(root, 'Accept-Encoding', acceptEncoding)])).toBe(pretty({ description: 'no', headers: { 'Accept-Encoding': acceptEncoding } }));
  });

  it('quotes a string that YAML would read as a hexadecimal or octal number', () => {
    const requestId = { description: 'The request id', schema: { type: 'string' }, example: '0x1F', 'x-mode': '0o644' };
    const fixed = edited(yamlSpec(["        '406': {description: no}"]), 'yaml', (root) => [intent(root, 'X-Request-Id', requestId)])!;
    expect(fixed).toBe(yamlSpec(["        '406': {description: no, headers: {X-Request-Id: {description: The request id, schema: {type: string}, example: '0x1F', x-mode: '0o644'}}}"]));
    expect((parse(fixed) as any).paths['/a'].get.responses['406'].headers['X-Request-Id']).toEqual(requestId);
  });

  it('quotes a string that would read as a keyword or number only where all of it would, and doubles a single quote', () => {
    const limit = { description: 'Requests allowed per hour, by default 1000', schema: { type: 'integer' }, 'x-policy': 'no-cache', 'x-note': "The server's limit" };
    expect(edited(yamlSpec(["        '406':", '          description: no']), 'yaml', (root) => [intent(root, 'X-RateLimit-Limit', limit)])).toBe(
      yamlSpec([
        "        '406':",
        '          description: no',
        '          headers:',
        '            X-RateLimit-Limit:',
        '              description: Requests allowed per hour, by default 1000',
        '              schema:',
        '                type: integer',
        '              x-policy: no-cache',
        "              x-note: 'The server''s limit'",
      ]),
    );
  });

  it("leaves a map where two keys read as one ('503' and 503)", () => {
    const text = yamlSpec(["        '406': {description: no}", '        406: {description: again}']);
    expect(edited(text, 'yaml', (root) => [intent(root, 'Vary', { schema: { type: 'string' } })])).toBeUndefined();
  });

  it('writes the headers several intents add to one response in one edit, each name once whatever its case', () => {
    const vary = { description: 'Varies by', schema: { type: 'string' } };
    expect(
      edited(yamlSpec(["        '406': {description: no}"]), 'yaml', (root) => [intent(root, 'Vary', vary), intent(root, 'X-Region', { schema: { type: 'string' } }), intent(root, 'vary', { schema: { type: 'integer' } })]),
    ).toBe(yamlSpec(["        '406': {description: no, headers: {Vary: {description: Varies by, schema: {type: string}}, X-Region: {schema: {type: string}}}}"]));
    const pretty = JSON.stringify({ openapi: '3.0.3', paths: { '/a': { get: { responses: { 406: { description: 'no', headers: { 'X-Region': { schema: { type: 'string' } } } } } } } } }, null, 2);
    expect(edited(pretty, 'json', (root) => [intent(root, 'Vary', vary), intent(root, 'X-Trace', { schema: { type: 'string' } })])).toBe(
      JSON.stringify({ openapi: '3.0.3', paths: { '/a': { get: { responses: { 406: { description: 'no', headers: { 'X-Region': { schema: { type: 'string' } }, Vary: vary, 'X-Trace': { schema: { type: 'string' } } } } } } } } }, null, 2),
    );
    expect(pointersFor([intent({}, 'Vary', vary)])).toEqual([pointer, `${pointer}/headers`]);
    expect(pointersFor([])).toEqual([]);
    expect(editFor(new EditableFile('api', '{}', 'json'), [])).toBeUndefined();
  });
});

describe('--fix in a fragment of shared responses', () => {
  check([
    {
      name: 'edits a response in a list, its members indented past the dash',
      files: { 'api.yaml': [...yamlHead, "        '429': {$ref: 'list.yaml#/1'}", ''].join('\n'), 'list.yaml': '- description: ok\n- description: slow\n  content: {}\n' },
      fixed: { 'list.yaml': ['- description: ok', '- description: slow', '  content: {}', '  headers:', ...retryAfterBlock('    '), ''].join('\n') },
    },
    {
      name: 'edits the response the whole fragment is',
      files: { 'api.yaml': [...yamlHead, "        '429': {$ref: 'slow.yaml'}", ''].join('\n'), 'slow.yaml': 'description: slow\n' },
      fixed: { 'slow.yaml': ['description: slow', 'headers:', ...retryAfterBlock('  '), ''].join('\n') },
    },
  ]);
});
