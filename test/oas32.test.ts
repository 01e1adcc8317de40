// OpenAPI 3.2: what it adds that changes which operations and bodies exist. Every rule's own
// table also runs on 3.2 (VERSIONS in rule-tester.ts).
import { describe, expect, it } from 'vitest';
import { project, runCli } from './cli-harness.js';

interface JsonReport {
  findings: { ruleId: string; message: string; pointer: string; line: number }[];
  inputErrors: { message: string; line?: number }[];
}

const info = "info: {title: t, version: '1'}";

async function lint(files: Record<string, string>, args: string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const dir = project(files);
  const run = await runCli(['--format', 'json', '--no-config', ...args, 'openapi.yaml'], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

describe('OpenAPI 3.2', () => {
  it.each(['3.0.3', '3.1.0', '3.2.0'])('%s: callbacks and webhooks, requests the API sends, are not linted; the operation around a callback is', async (version) => {
    const wrong = `
              responses:
                '200': {description: OK, content: {application/json: {schema: {type: object, properties: {error: {type: string}, code: {type: integer}}}}}}
                '204': {description: No Content, content: {text/plain: {}}}
                '401': {description: Unauthorized}
                '429': {description: Slow down}`;
    const { code, report } = await lint({
      'openapi.yaml': `openapi: ${version}
${info}
paths:
  /subscriptions:
    post:
      requestBody:
        content:
          application/json: {schema: {type: object}}
      responses:
        '201': {description: Created, headers: {Location: {schema: {type: string}}}}
        '400': {description: Bad request}
        '422': {description: Invalid}
        '429': {description: Slow down}
      callbacks:
        onEvent:
          '{$request.body#/url}':
            post:${wrong}
${version === '3.0.3' ? '' : `webhooks:
  ping:
    post:${wrong.replaceAll('\n        ', '\n')}
`}`,
    });
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.pointer}`)).toEqual(['require-retry-after /paths/~1subscriptions/post/responses/429']);
    expect(report.inputErrors).toEqual([]);
    expect(code).toBe(0);
  });

  it('lints QUERY operations and additionalOperations, named by their method', async () => {
    const { report } = await lint({
      'openapi.yaml': `openapi: 3.2.0
${info}
paths:
  /search:
    query:
      requestBody:
        content:
          application/json: {schema: {type: object}}
      responses:
        '200': {description: OK}
    additionalOperations:
      LINK:
        responses:
          '204': {description: Linked}
          '401': {description: Unauthorized}
      UNLINK:
        responses:
          '204': {description: Unlinked}
`,
    });
    const seen = report.findings.map((finding) => `${finding.ruleId} ${finding.pointer}`);
    expect(seen).toContain('require-validation-error /paths/~1search/query');
    expect(seen).toContain('require-www-authenticate /paths/~1search/additionalOperations/LINK/responses/401');
    expect(report.findings.map((finding) => finding.message)).toContainEqual(expect.stringMatching(/^UNLINK \/search documents no client-error response/));
    expect(report.findings.map((finding) => finding.message)).toContainEqual(expect.stringMatching(/^QUERY \/search accepts a request body/));
  });

  it('an additionalOperations key that names a fixed field\'s method (forbidden) is linted as that method', async () => {
    const spec = `openapi: 3.2.0
${info}
paths:
  /a:
    get:
      responses:
        '200': {description: OK}
        '400': {description: Bad}
        '405':
          description: Not allowed
    additionalOperations:
      GET:
        responses:
          '200': {description: OK}
          '400': {description: Bad}
      HEAD:
        responses:
          '200':
            description: OK
            content:
              application/json: {schema: {type: object}}
          '400': {description: Bad}
`;
    const { report } = await lint({ 'openapi.yaml': spec });
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.pointer}`)).toContain('no-body-on-head /paths/~1a/additionalOperations/HEAD/responses/200/content');
    // The Allow header --fix writes names GET once.
    const dir = project({ 'openapi.yaml': spec });
    const dry = await runCli(['--fix-dry-run', '--no-config', 'openapi.yaml'], { cwd: dir });
    expect(dry.stdout).toContain('example: GET, HEAD\n');
  });

  it('reads additionalOperations beside a path item $ref, those written there winning', async () => {
    const { report } = await lint({
      'openapi.yaml': `openapi: 3.2.0
${info}
paths:
  /items:
    $ref: '#/components/pathItems/Items'
    additionalOperations:
      PURGE:
        responses:
          '200': {description: OK}
          '400': {description: Bad}
          '503': {description: Busy}
components:
  pathItems:
    Items:
      additionalOperations:
        PURGE:
          responses:
            '200': {description: OK}
        LINK:
          responses:
            '200': {description: OK}
            '400': {description: Bad}
            '429': {description: Slow down}
`,
    });
    const retryAfter = report.findings.filter((finding) => finding.ruleId === 'require-retry-after').map((finding) => finding.pointer).sort();
    expect(retryAfter).toEqual(['/components/pathItems/Items/additionalOperations/LINK/responses/429', '/paths/~1items/additionalOperations/PURGE/responses/503']);
    // The referenced PURGE, which documents no 4xx, is replaced by the one written beside the $ref.
    expect(report.findings.filter((finding) => finding.ruleId === 'require-error-responses')).toEqual([]);
  });

  it('a `query` member is no operation before 3.2', async () => {
    const spec = (version: string) => `${version === '2.0' ? "swagger: '2.0'" : `openapi: ${version}`}
${info}
paths:
  /search:
    query:
      responses:
        '200': {description: OK}
`;
    for (const version of ['2.0', '3.0.3', '3.1.1']) expect((await lint({ 'openapi.yaml': spec(version) })).report.findings, version).toEqual([]);
    expect((await lint({ 'openapi.yaml': spec('3.2.0') })).report.findings.map((finding) => finding.pointer)).toEqual(['/paths/~1search/query']);
  });

  it('follows a media type $ref into components/mediaTypes', async () => {
    const { report } = await lint({
      'openapi.yaml': `openapi: 3.2.0
${info}
paths:
  /items:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json: {$ref: '#/components/mediaTypes/Failure'}
        '400': {description: Bad}
components:
  mediaTypes:
    Failure:
      schema:
        type: object
        properties:
          error: {type: string}
          message: {type: string}
`,
    });
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.pointer}`)).toEqual(['no-error-in-success /paths/~1items/get/responses/200']);
  });

  it('a security requirement may name its scheme by URI: --fix writes that scheme\'s challenge', async () => {
    const dir = project({
      'openapi.yaml': `openapi: 3.2.0
${info}
paths:
  /items:
    get:
      security: [{'#/components/securitySchemes/basic': []}]
      responses:
        '200': {description: OK}
        '400': {description: Bad}
        '401': {description: Who are you?}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
`,
    });
    const dry = await runCli(['--fix-dry-run', '--no-config', 'openapi.yaml'], { cwd: dir });
    expect(dry.stdout).toContain(`example: 'Basic realm="api"'`);
  });

  it('a $ref to the document\'s own $self URI names a place in it; other absolute URIs stay remote', async () => {
    const spec = (version: string) => `openapi: ${version}
$self: https://example.com/api/openapi.yaml
${info}
paths:
  /items:
    get:
      responses:
        '200': {description: OK}
        '400': {description: Bad}
        '401': {$ref: 'https://example.com/api/openapi.yaml#/components/responses/Unauthorized'}
        '429': {$ref: 'https://example.com/api/common.yaml#/TooMany'}
components:
  responses:
    Unauthorized: {description: Unauthorized}
`;
    const own = await lint({ 'openapi.yaml': spec('3.2.0') });
    expect(own.report.findings.map((finding) => `${finding.ruleId} ${finding.pointer}`)).toEqual(['require-www-authenticate /components/responses/Unauthorized']);
    expect(own.stderr).toBe("statuslint: warning: openapi.yaml:11:17: remote $ref 'https://example.com/api/common.yaml#/TooMany' is not fetched; what it names is not linted\n");
    // 3.1 has no $self: the member means nothing there.
    const before = await lint({ 'openapi.yaml': spec('3.1.1') });
    expect(before.report.findings).toEqual([]);
    expect(before.stderr).toContain("remote $ref 'https://example.com/api/openapi.yaml#/components/responses/Unauthorized' is not fetched");
    // A place its own $self names that is not there is a broken reference, as '#/…' would be.
    const broken = await lint({ 'openapi.yaml': spec('3.2.0').replace('Unauthorized: {', 'Other: {') });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("cannot resolve $ref 'https://example.com/api/openapi.yaml#/components/responses/Unauthorized': no such location");
  });

  it('--validate says it cannot check 3.2, not that the spec is invalid', async () => {
    const { code, report } = await lint({ 'openapi.yaml': `info: {title: t, version: '1'}\nopenapi: 3.2.0\npaths: {}\n` }, ['--validate']);
    expect(code).toBe(2);
    expect(report.inputErrors).toEqual([{ file: 'openapi.yaml', line: 2, column: 1, message: 'cannot validate: --validate checks with swagger-parser, which has no schema for OpenAPI 3.2 yet; the rules did lint the spec' }]);
  });
});
