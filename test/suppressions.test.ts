import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { applySuppressions, type Suppressions } from '../src/engine/suppress.js';
import type { EnabledRule, RawFinding } from '../src/engine/types.js';
import { defaultRules, lint, type Finding, type LintOptions } from '../src/lint.js';
import type { SourceFile } from '../src/loader/parse.js';
import { Workspace, type Located } from '../src/loader/resolve.js';
import { header, jsonResponse, requestBody, responsesRef, schemaRef, sharedResponses, sharedSchemas, VERSIONS, withResponses } from './rule-tester.js';
import type { Rule } from '../src/engine/types.js';

/** The files in a fresh folder; objects are written as YAML. */
function project(files: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), 'statuslint-suppressions-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), typeof content === 'string' ? content : stringify(content));
  }
  return root;
}

/** The rules these tests suppress; other rules' findings on the specs are not their business. */
const WATCHED = new Set(['no-error-in-success', 'require-retry-after', 'require-validation-error', 'require-www-authenticate', 'unused-suppression']);

/**
 * Lints openapi.yaml of the files in-process, as the CLI does with the recommended rules, and
 * returns every finding (the CLI's run of the same is in suppressions-cli.test.ts).
 */
function lintAll(files: Record<string, string | object>, options: LintOptions = {}): Finding[] {
  const dir = project(files);
  const result = lint([join(dir, 'openapi.yaml')], { cwd: dir, ...options });
  expect(result.failures).toEqual([]);
  expect(result.internalErrors).toEqual([]);
  return result.findings;
}

/** The findings of the watched rules. */
async function lintProject(files: Record<string, string | object>, options: LintOptions = {}): Promise<Finding[]> {
  return lintAll(files, options).filter((finding) => WATCHED.has(finding.ruleId));
}

/** The recommended rules but `id`, as `--rule id=off` leaves them. */
const rulesWithout = (id: string): EnabledRule[] => defaultRules().filter((entry) => entry.rule.id !== id);

const at = (findings: Finding[]): string[] => findings.map((finding) => `${finding.ruleId} ${finding.file === 'openapi.yaml' ? '' : finding.file + '#'}${finding.pointer}`).sort();
const slow = { description: 'Too many requests' };
const IGNORE = 'x-statuslint-ignore';
/** What unused-suppression says of a list where none is read, and where to write it instead. */
const notRead = (where: string, instead: string): string => `${IGNORE} is not read ${where}, so it silences nothing; write it on ${instead}.`;
/** What it says of one where statuslint checks nothing. */
const unchecked = (where: string): string => `${IGNORE} is not read ${where}, which statuslint does not check, so it silences nothing; remove it.`;
const ANYWHERE = 'an operation or a response, or turn the rule off in the configuration';
const IN_SCHEMA = notRead('inside a schema', 'the response, on the schema its body names, or on a shared schema');
const IN_HEADER = notRead('inside a header', 'the header, or on the response');
const PARAMETER = notRead('on a parameter', 'the operation that takes it');
const REQUEST_BODY = notRead('on a request body', 'the operation that takes it');
const SECURITY_SCHEME = notRead('on a security scheme', 'the operations that use it, or on their 401 and 403 responses');

for (const version of VERSIONS) {
  describe(`x-statuslint-ignore (${version})`, () => {
    const op = '/paths/~1items/get';

    it('a rule id on an operation silences that rule in the operation and its inline responses', async () => {
      const spec = withResponses(version, { 200: { description: 'ok' }, 429: slow, 503: { description: 'down' } }, { operation: { [IGNORE]: ['require-retry-after'] } });
      expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([]);
    });

    it('{rule, reason} entries work like plain ids, and so do {rule} entries without a reason', async () => {
      for (const entry of [{ rule: 'require-retry-after', reason: 'The gateway adds Retry-After.' }, { rule: 'require-retry-after' }]) {
        const spec = withResponses(version, { 200: { description: 'ok' }, 429: slow }, { operation: { [IGNORE]: [entry] } });
        expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([]);
      }
    });

    it('on a response, silences that response only', async () => {
      const spec = withResponses(version, { 200: { description: 'ok' }, 429: { ...slow, [IGNORE]: ['require-retry-after'] }, 503: { description: 'down' } });
      expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([`require-retry-after ${op}/responses/503`]);
    });

    it('on a response, does not reach a finding about the operation', async () => {
      const spec = withResponses(version, { 201: { description: 'ok', [IGNORE]: ['require-validation-error'] } }, { method: 'post', operation: requestBody(version) });
      expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([
        'require-validation-error /paths/~1items/post',
        `unused-suppression /paths/~1items/post/responses/201/${IGNORE}/0`,
      ]);
    });

    it('only silences the rules it lists', async () => {
      const spec = withResponses(version, { 401: { description: 'no' }, 429: slow }, { operation: { [IGNORE]: ['require-retry-after'] } });
      expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([`require-www-authenticate ${op}/responses/401`]);
    });

    it("on an operation, does not reach a shared response it references: that entry is reported unused", async () => {
      const spec = withResponses(version, { 200: { description: 'ok' }, 429: { $ref: responsesRef(version, 'TooMany') } }, {
        operation: { [IGNORE]: ['require-retry-after'] },
        root: sharedResponses(version, { TooMany: slow }),
      });
      const shared = version === '2.0' ? '/responses/TooMany' : '/components/responses/TooMany';
      const findings = await lintProject({ 'openapi.yaml': spec });
      expect(at(findings)).toEqual([`require-retry-after ${shared}`, `unused-suppression ${op}/${IGNORE}/0`]);
      expect(findings.find((finding) => finding.ruleId === 'unused-suppression')!.message).toBe(
        `x-statuslint-ignore lists 'require-retry-after', but its finding for this operation is in the shared definition '#${shared}'; suppress it there.`,
      );
    });

    it('on a shared response, silences it for every operation that uses it', async () => {
      const spec = withResponses(version, { 200: { description: 'ok' }, 429: { $ref: responsesRef(version, 'TooMany') } }, {
        root: sharedResponses(version, { TooMany: { ...slow, [IGNORE]: [{ rule: 'require-retry-after', reason: 'Sent by the gateway.' }] } }),
      });
      const paths = spec.paths as Record<string, Record<string, unknown>>;
      paths['/other'] = { put: { responses: { 200: { description: 'ok' }, 429: { $ref: responsesRef(version, 'TooMany') } } } };
      expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([]);
    });

    it('on a shared response, also silences what is reported at a use of it for a status it does not fit', async () => {
      // A 429 that shares a 400's response: require-retry-after reports the use, not the definition.
      const spec = withResponses(version, { 400: { $ref: responsesRef(version, 'Failure') }, 429: { $ref: responsesRef(version, 'Failure') } }, {
        root: sharedResponses(version, { Failure: { description: 'failed', [IGNORE]: ['require-retry-after'] } }),
      });
      expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([]);
      const bare = withResponses(version, { 400: { $ref: responsesRef(version, 'Failure') }, 429: { $ref: responsesRef(version, 'Failure') } }, {
        root: sharedResponses(version, { Failure: { description: 'failed' } }),
      });
      expect(at(await lintProject({ 'openapi.yaml': bare }))).toEqual([`require-retry-after ${op}/responses/429`]);
    });

    it("on an operation, is unused when the shared definition's own entry already silences the finding", async () => {
      const spec = withResponses(version, { 200: { description: 'ok' }, 429: { $ref: responsesRef(version, 'TooMany') } }, {
        operation: { [IGNORE]: ['require-retry-after'] },
        root: sharedResponses(version, { TooMany: { ...slow, [IGNORE]: ['require-retry-after'] } }),
      });
      const findings = await lintProject({ 'openapi.yaml': spec });
      expect(at(findings)).toEqual([`unused-suppression ${op}/${IGNORE}/0`]);
      expect(findings[0]!.message).toBe("x-statuslint-ignore lists 'require-retry-after', which reports nothing here; remove the entry.");
    });

    it('on an operation, names the shared definition in another file that it misses', async () => {
      const spec = withResponses(version, { 200: { description: 'ok' }, 401: { $ref: 'common/responses.yaml#/Unauthorized' } }, { operation: { [IGNORE]: ['require-www-authenticate'] } });
      const findings = await lintProject({ 'openapi.yaml': spec, 'common/responses.yaml': { Unauthorized: { description: 'no' } } });
      expect(findings.find((finding) => finding.ruleId === 'unused-suppression')!.message).toContain("in the shared definition 'common/responses.yaml#/Unauthorized'");
    });

    describe('beside a $ref to a shared response', () => {
      const tooMany = (ignore?: unknown) => ({ $ref: responsesRef(version, 'TooMany'), ...(ignore === undefined ? {} : { [IGNORE]: ignore }) });
      const shared = version === '2.0' ? '/responses/TooMany' : '/components/responses/TooMany';
      /** The spec with GET /items using TooMany (`definition`) as `first`, and, when given, GET /other as `second`. */
      const twoUses = (first: object, second?: object, definition: object = slow) => {
        const spec = withResponses(version, { 200: { description: 'ok' }, 429: first }, { root: sharedResponses(version, { TooMany: definition }) });
        if (second) (spec.paths as Record<string, unknown>)['/other'] = { get: { responses: { 200: { description: 'ok' }, 429: second } } };
        return spec;
      };

      it('silences the rule for that use: with no other use, the finding in the definition goes', async () => {
        expect(at(await lintProject({ 'openapi.yaml': twoUses(tooMany(['require-retry-after'])) }))).toEqual([]);
        expect(at(await lintProject({ 'openapi.yaml': twoUses(tooMany()) }))).toEqual([`require-retry-after ${shared}`]);
      });

      it('keeps the finding, at the definition, while another use has no such entry; the entry is not reported unused', async () => {
        expect(at(await lintProject({ 'openapi.yaml': twoUses(tooMany(['require-retry-after']), tooMany()) }))).toEqual([`require-retry-after ${shared}`]);
        expect(at(await lintProject({ 'openapi.yaml': twoUses(tooMany(['require-retry-after']), tooMany([{ rule: 'require-retry-after', reason: 'gateway' }])) }))).toEqual([]);
      });

      it("is reported unused when the definition's own entry already silences the finding", async () => {
        const spec = twoUses(tooMany(['require-retry-after']), undefined, { ...slow, [IGNORE]: ['require-retry-after'] });
        expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([`unused-suppression ${op}/responses/429/${IGNORE}/0`]);
      });

      it('silences what is reported at that $ref for a status the response does not fit', async () => {
        const spec = withResponses(version, { 400: { $ref: responsesRef(version, 'Failure') }, 429: { $ref: responsesRef(version, 'Failure'), [IGNORE]: ['require-retry-after'] } }, {
          root: sharedResponses(version, { Failure: { description: 'failed' } }),
        });
        expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([]);
      });

      it('is reported unused when it silences nothing, and malformed when it is', async () => {
        expect(at(await lintProject({ 'openapi.yaml': twoUses(tooMany(['require-retry-after', 'require-www-authenticate'])) }))).toEqual([`unused-suppression ${op}/responses/429/${IGNORE}/1`]);
        expect(at(await lintProject({ 'openapi.yaml': twoUses(tooMany('require-retry-after')) }))).toEqual([`require-retry-after ${shared}`, `unused-suppression ${op}/responses/429/${IGNORE}`]);
      });

      it('beside a $ref whose shared response is itself a $ref with a list, each list speaks for its own rules', async () => {
        const spec = withResponses(version, { 200: { description: 'ok' }, 429: tooMany(['require-www-authenticate']) }, {
          root: sharedResponses(version, { TooMany: { $ref: 'common/responses.yaml#/TooMany', [IGNORE]: ['require-retry-after'] } }),
        });
        const files = { 'openapi.yaml': spec, 'common/responses.yaml': { TooMany: slow } };
        expect(at(await lintProject(files))).toEqual([`unused-suppression ${op}/responses/429/${IGNORE}/0`]);
      });

      it('on a shared response that is itself a $ref to another file, covers every use of it', async () => {
        const spec = withResponses(version, { 200: { description: 'ok' }, 429: { $ref: responsesRef(version, 'TooMany') } }, {
          root: sharedResponses(version, { TooMany: { $ref: 'common/responses.yaml#/TooMany', [IGNORE]: ['require-retry-after'] } }),
        });
        (spec.paths as Record<string, unknown>)['/other'] = { get: { responses: { 200: { description: 'ok' }, 429: { $ref: responsesRef(version, 'TooMany') } } } };
        const files = { 'openapi.yaml': spec, 'common/responses.yaml': { TooMany: slow } };
        expect(at(await lintProject(files))).toEqual([]);
        // And what is reported at a use that the response does not fit (a 429 that shares a 400's).
        const misfit = withResponses(version, { 400: { $ref: responsesRef(version, 'Failure') }, 429: { $ref: responsesRef(version, 'Failure') } }, {
          root: sharedResponses(version, { Failure: { $ref: 'common/responses.yaml#/Failure', [IGNORE]: ['require-retry-after'] } }),
        });
        expect(at(await lintProject({ 'openapi.yaml': misfit, 'common/responses.yaml': { Failure: { description: 'failed' } } }))).toEqual([]);
        // A use that names the file's response directly has no entry on its way.
        (spec.paths as Record<string, unknown>)['/direct'] = { get: { responses: { 200: { description: 'ok' }, 429: { $ref: 'common/responses.yaml#/TooMany' } } } };
        expect(at(await lintProject(files))).toEqual(['require-retry-after common/responses.yaml#/TooMany']);
      });
    });

    describe('on a shared schema, and beside a $ref to one', () => {
      // no-error-in-success reports a success/failure envelope at the shared schema that declares it.
      const envelope = { type: 'object', properties: { success: { type: 'boolean' }, error: { type: 'string' } } };
      const shared = version === '2.0' ? '/definitions/Envelope' : '/components/schemas/Envelope';
      const body = (ignore?: unknown) => ({ $ref: schemaRef(version, 'Envelope'), ...(ignore === undefined ? {} : { [IGNORE]: ignore }) });
      /** GET /items answering 200 with `first`, and, when given, GET /other with `second`; both with a 400. */
      const twoUses = (first: Record<string, unknown>, second?: Record<string, unknown>, definition: object = envelope) => {
        const spec = withResponses(version, { 200: jsonResponse(version, first), 400: { description: 'bad' } }, { root: sharedSchemas(version, { Envelope: definition }) });
        if (second) (spec.paths as Record<string, unknown>)['/other'] = { get: { responses: { 200: jsonResponse(version, second), 400: { description: 'bad' } } } };
        return spec;
      };
      // A fresh list each time: one array written twice is one list repeated by a YAML alias.
      const ignored = (): string[] => ['no-error-in-success'];
      const beside = version === '2.0' ? `${op}/responses/200/schema/${IGNORE}/0` : `${op}/responses/200/content/application~1json/schema/${IGNORE}/0`;

      it('on the schema, silences what is written in it for every use (as its finding tells the operation to)', async () => {
        expect(at(await lintProject({ 'openapi.yaml': twoUses(body(), body()) }))).toEqual([`no-error-in-success ${shared}`]);
        expect(at(await lintProject({ 'openapi.yaml': twoUses(body(), body(), { ...envelope, [IGNORE]: ignored() }) }))).toEqual([]);
        const operationWide = withResponses(version, { 200: jsonResponse(version, body()), 400: { description: 'bad' } }, { operation: { [IGNORE]: ignored() }, root: sharedSchemas(version, { Envelope: envelope }) });
        const findings = await lintProject({ 'openapi.yaml': operationWide });
        expect(findings.find((finding) => finding.ruleId === 'unused-suppression')!.message).toContain(`in the shared definition '#${shared}'; suppress it there.`);
        const there = version === '2.0' ? (operationWide as { definitions: Record<string, object> }).definitions : (operationWide as { components: { schemas: Record<string, object> } }).components.schemas;
        there.Envelope = { ...envelope, [IGNORE]: ignored() };
        expect(at(await lintProject({ 'openapi.yaml': operationWide }))).toEqual([`unused-suppression ${op}/${IGNORE}/0`]);
      });

      it('beside the $ref, speaks for that use: the finding in the schema goes once every use has one', async () => {
        expect(at(await lintProject({ 'openapi.yaml': twoUses(body(ignored())) }))).toEqual([]);
        expect(at(await lintProject({ 'openapi.yaml': twoUses(body(ignored()), body()) }))).toEqual([`no-error-in-success ${shared}`]);
        expect(at(await lintProject({ 'openapi.yaml': twoUses(body(ignored()), body([{ rule: 'no-error-in-success', reason: 'legacy clients' }])) }))).toEqual([]);
      });

      it('beside the $ref, is reported when it silences nothing, or nothing that the schema\'s own entry does not', async () => {
        expect(at(await lintProject({ 'openapi.yaml': twoUses(body(['require-retry-after'])) }))).toEqual([`no-error-in-success ${shared}`, `unused-suppression ${beside}`]);
        expect(at(await lintProject({ 'openapi.yaml': twoUses(body(ignored()), undefined, { ...envelope, [IGNORE]: ignored() }) }))).toEqual([`unused-suppression ${beside}`]);
      });

      it('beside a $ref in the components that names a schema in another file, covers every use through it', async () => {
        const spec = twoUses(body(), body(), { $ref: 'common/schemas.yaml#/Envelope', [IGNORE]: ignored() });
        expect(at(await lintProject({ 'openapi.yaml': spec, 'common/schemas.yaml': { Envelope: envelope } }))).toEqual([]);
      });
    });

    it('in another file: a shared response and a path item split out', async () => {
      const spec = withResponses(version, { 200: { description: 'ok' }, 401: { $ref: 'common/responses.yaml#/Unauthorized' } });
      (spec.paths as Record<string, unknown>)['/split'] = { $ref: 'paths/split.yaml' };
      const files = {
        'openapi.yaml': spec,
        'common/responses.yaml': { Unauthorized: { description: 'no', [IGNORE]: ['require-www-authenticate'] } },
        'paths/split.yaml': { get: { [IGNORE]: ['require-retry-after'], responses: { 200: { description: 'ok' }, 429: slow } } },
      };
      expect(at(await lintProject(files))).toEqual([]);
      // Without the suppressions both files have findings, at their own pointers.
      const bare = {
        ...files,
        'common/responses.yaml': { Unauthorized: { description: 'no' } },
        'paths/split.yaml': { get: { responses: { 200: { description: 'ok' }, 429: slow } } },
      };
      expect(at(await lintProject(bare))).toEqual(['require-retry-after paths/split.yaml#/get/responses/429', 'require-www-authenticate common/responses.yaml#/Unauthorized']);
    });
  });
}

describe('x-statuslint-ignore on a header, and beside a $ref to one', () => {
  // No rule reports inside a header yet: this one, under a real rule's id, reports every header.
  const headerRule: Rule = {
    id: 'require-retry-after',
    meta: { description: 'Report headers', severity: 'warning', references: [], messages: { seen: 'header {{name}}' } },
    defaultOptions: {},
    create: (context) => ({
      Response(response) {
        for (const header of response.headers) if (header.node) context.report({ messageId: 'seen', at: header.node, data: { name: header.name } });
      },
    }),
  };
  const lintWith = (files: Record<string, string | object>, rule: Rule = headerRule): string[] => {
    const dir = project(files);
    const result = lint([join(dir, 'openapi.yaml')], { cwd: dir, rules: [{ rule, severity: 'warning' }] });
    return result.findings.map((finding) => `${finding.ruleId} ${finding.pointer}`).sort();
  };
  const ignored = (): string[] => ['require-retry-after'];
  for (const version of ['3.0', '3.1'] as const) {
    const use = (ignore?: unknown) => ({ description: 'slow', headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter', ...(ignore === undefined ? {} : { [IGNORE]: ignore }) } } });
    const twoUses = (first: object, second?: object, definition: object = { schema: { type: 'integer' } }) => {
      const spec = withResponses(version, { 429: first }, { root: { components: { headers: { RetryAfter: definition } } } });
      if (second) (spec.paths as Record<string, unknown>)['/other'] = { get: { responses: { 429: second } } };
      return spec;
    };
    const shared = 'require-retry-after /components/headers/RetryAfter';
    const beside = `/paths/~1items/get/responses/429/headers/Retry-After/${IGNORE}/0`;

    it(`${version}: beside the $ref, speaks for that use; on the header, for every use`, () => {
      expect(lintWith({ 'openapi.yaml': twoUses(use(), use()) })).toEqual([shared]);
      expect(lintWith({ 'openapi.yaml': twoUses(use(ignored())) })).toEqual([]);
      expect(lintWith({ 'openapi.yaml': twoUses(use(ignored()), use()) })).toEqual([shared]);
      expect(lintWith({ 'openapi.yaml': twoUses(use(ignored()), use(ignored())) })).toEqual([]);
      expect(lintWith({ 'openapi.yaml': twoUses(use(), use(), { schema: { type: 'integer' }, [IGNORE]: ignored() }) })).toEqual([]);
      expect(lintWith({ 'openapi.yaml': twoUses(use(ignored()), undefined, { schema: { type: 'integer' }, [IGNORE]: ignored() }) })).toEqual([`unused-suppression ${beside}`]);
    });

    it(`${version}: with the real rules, which report nothing inside a header, such a list is reported unused rather than ignored`, async () => {
      const spec = twoUses(use([{ rule: 'require-retry-after', reason: 'set by the gateway' }]), undefined, { schema: { type: 'integer' }, [IGNORE]: ['require-www-authenticate'] });
      expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([`unused-suppression ${beside}`, `unused-suppression /components/headers/RetryAfter/${IGNORE}/0`].sort());
    });
  }

  it('2.0: on an inline header (Swagger 2.0 headers take no $ref)', () => {
    const spec = withResponses('2.0', { 429: { description: 'slow', headers: { 'Retry-After': { type: 'integer', [IGNORE]: ignored() } } } });
    expect(lintWith({ 'openapi.yaml': spec })).toEqual([]);
  });
});

describe('x-statuslint-ignore beside a $ref inside a body schema, and where none is read', () => {
  const op = '/paths/~1items/get';
  // no-error-in-success reports a success/failure envelope at the shared schema that declares it.
  const envelope = { type: 'object', properties: { success: { type: 'boolean' }, error: { type: 'string' } } };
  const ignored = (): string[] => ['no-error-in-success'];

  for (const version of VERSIONS) {
    const shared = version === '2.0' ? '/definitions/Envelope' : '/components/schemas/Envelope';
    const part = (ignore?: unknown) => ({ $ref: schemaRef(version, 'Envelope'), ...(ignore === undefined ? {} : { [IGNORE]: ignore }) });
    /** A body that is Envelope plus a `data` member: Envelope is a part of its allOf, reached through the shared Page. */
    const page = (first: object) => ({ allOf: [first, { type: 'object', properties: { data: { type: 'object' } } }] });
    const spec = (first: object, second?: object) => {
      const made = withResponses(version, { 200: jsonResponse(version, { $ref: schemaRef(version, 'Page') }), 400: { description: 'bad' } }, { root: sharedSchemas(version, { Envelope: envelope, Page: page(first) }) });
      if (second) (made.paths as Record<string, unknown>)['/other'] = { get: { responses: { 200: jsonResponse(version, page(second)), 400: { description: 'bad' } } } };
      return made;
    };
    const pagePart = `${version === '2.0' ? '/definitions' : '/components/schemas'}/Page/allOf/0/${IGNORE}`;

    it(`${version}: beside the $ref of an allOf part, speaks for that use of the part's schema`, async () => {
      expect(at(await lintProject({ 'openapi.yaml': spec(part()) }))).toEqual([`no-error-in-success ${shared}`]);
      expect(at(await lintProject({ 'openapi.yaml': spec(part(ignored())) }))).toEqual([]);
      // Another use, through an inline allOf with no entry, keeps the finding; the entry is still needed.
      expect(at(await lintProject({ 'openapi.yaml': spec(part(ignored()), part()) }))).toEqual([`no-error-in-success ${shared}`]);
      expect(at(await lintProject({ 'openapi.yaml': spec(part(ignored()), part(ignored())) }))).toEqual([]);
      // One that silences nothing is reported, not ignored.
      expect(at(await lintProject({ 'openapi.yaml': spec(part(['require-retry-after'])) }))).toEqual([`no-error-in-success ${shared}`, `unused-suppression ${pagePart}/0`]);
    });

    if (version === '3.1' || version === '3.2') {
      it(`${version}: beside the $ref of an allOf part written beside a $ref (the body's own, or a part's), speaks for that use`, async () => {
        const bodyOf = (schema: Record<string, unknown>) => withResponses(version, { 200: jsonResponse(version, schema), 400: { description: 'bad' } }, { root: sharedSchemas(version, { Envelope: envelope, Base: { type: 'object' } }) });
        const beside = (ignore?: unknown) => ({ $ref: schemaRef(version, 'Base'), allOf: [part(ignore)] });
        for (const [name, schema] of [['the body', beside], ['a part', (ignore?: unknown) => ({ allOf: [beside(ignore)] })]] as const) {
          expect(at(await lintProject({ 'openapi.yaml': bodyOf(schema()) })), name).toEqual([`no-error-in-success ${shared}`]);
          expect(at(await lintProject({ 'openapi.yaml': bodyOf(schema(ignored())) })), name).toEqual([]);
        }
      });
    }

    it(`${version}: a list on a shared response that no operation uses is reported unused`, async () => {
      const made = withResponses(version, { 200: { description: 'ok' } }, { root: sharedResponses(version, { Unused: { description: 'slow', [IGNORE]: ['require-retry-after'] } }) });
      const findings = await lintProject({ 'openapi.yaml': made });
      const where = version === '2.0' ? '/responses/Unused' : '/components/responses/Unused';
      expect(at(findings)).toEqual([`unused-suppression ${where}/${IGNORE}/0`]);
      expect(findings[0]!.message).toBe("x-statuslint-ignore lists 'require-retry-after', which reports nothing here; remove the entry.");
    });

    it(`${version}: a list where no rule reports (a parameter, a request body, a nested schema, info…) is reported with where to write it`, async () => {
      const list = (): string[] => ['require-validation-error'];
      const nested = {
        type: 'object',
        properties: { owner: { $ref: schemaRef(version, 'Envelope'), [IGNORE]: list() } },
        additionalProperties: { $ref: schemaRef(version, 'Envelope'), [IGNORE]: list() },
        allOf: [{ type: 'object', [IGNORE]: list() }],
      };
      const items = { type: 'array', items: { $ref: schemaRef(version, 'Envelope'), [IGNORE]: list() } };
      const made = withResponses(version, { 200: jsonResponse(version, nested), 201: jsonResponse(version, items), 400: { description: 'bad' } }, {
        method: 'post',
        root: sharedSchemas(version, { Envelope: { type: 'object', properties: { id: { type: 'string', [IGNORE]: list() } } } }),
      });
      const paths = made.paths as Record<string, Record<string, Record<string, unknown>>>;
      const post = paths['/items']!.post!;
      (paths['/items'] as Record<string, unknown>).parameters = [{ name: 'trace', in: 'header', ...(version === '2.0' ? { type: 'string' } : { schema: { type: 'string' } }), [IGNORE]: list() }];
      const expected: Array<[string, string]> = [
        [`/paths/~1items/post/responses/200/${version === '2.0' ? 'schema' : 'content/application~1json/schema'}/properties/owner`, IN_SCHEMA],
        [`/paths/~1items/post/responses/200/${version === '2.0' ? 'schema' : 'content/application~1json/schema'}/additionalProperties`, IN_SCHEMA],
        [`/paths/~1items/post/responses/200/${version === '2.0' ? 'schema' : 'content/application~1json/schema'}/allOf/0`, IN_SCHEMA],
        [`/paths/~1items/post/responses/201/${version === '2.0' ? 'schema' : 'content/application~1json/schema'}/items`, IN_SCHEMA],
        [`${shared}/properties/id`, IN_SCHEMA],
        ['/paths/~1items/parameters/0', PARAMETER],
        ['/info', notRead('on info', ANYWHERE)],
        ['/tags/0', notRead('on a tag', ANYWHERE)],
      ];
      if (version === '2.0') {
        Object.assign(post, { consumes: ['application/json'], parameters: [{ name: 'body', in: 'body', schema: { type: 'object', [IGNORE]: list() }, [IGNORE]: list() }] });
        Object.assign(made, { parameters: { Page: { name: 'page', in: 'query', type: 'integer', [IGNORE]: list() } }, securityDefinitions: { key: { type: 'apiKey', name: 'k', in: 'header', [IGNORE]: list() } } });
        expected.push(['/paths/~1items/post/parameters/0', PARAMETER], ['/paths/~1items/post/parameters/0/schema', PARAMETER]);
        expected.push(['/parameters/Page', PARAMETER], ['/securityDefinitions/key', SECURITY_SCHEME]);
      } else {
        const media = { schema: { type: 'object', [IGNORE]: list() }, [IGNORE]: list() };
        Object.assign(post, {
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' }, [IGNORE]: list() }],
          requestBody: { content: { 'application/json': media }, [IGNORE]: list() },
          callbacks: { done: { '{$request.body#/url}': { post: { responses: { 200: { description: 'ok', [IGNORE]: list() } } } } } },
        });
        const created = (post.responses as Record<string, Record<string, Record<string, Record<string, unknown>>>>)['201']!;
        created.links = { self: { operationId: 'x', [IGNORE]: list() } };
        created.content!['application/json']!.examples = { one: { value: {}, [IGNORE]: list() } };
        Object.assign(made, { servers: [{ url: 'https://example.com', [IGNORE]: list() }] });
        const components = made.components as Record<string, unknown>;
        Object.assign(components, {
          parameters: { Page: { name: 'page', in: 'query', schema: { type: 'integer' }, [IGNORE]: list() } },
          requestBodies: { Thing: { content: {}, [IGNORE]: list() } },
          securitySchemes: { key: { type: 'apiKey', name: 'k', in: 'header', [IGNORE]: list() } },
        });
        expected.push(['/paths/~1items/post/parameters/0', PARAMETER], ['/paths/~1items/post/requestBody', REQUEST_BODY]);
        expected.push(['/paths/~1items/post/requestBody/content/application~1json', REQUEST_BODY], ['/paths/~1items/post/requestBody/content/application~1json/schema', REQUEST_BODY]);
        expected.push(['/paths/~1items/post/responses/201/content/application~1json/examples/one', unchecked('on an example')]);
        expected.push(['/paths/~1items/post/callbacks/done/{$request.body#~1url}/post/responses/200', unchecked('in a callback')]);
        expected.push(['/paths/~1items/post/responses/201/links/self', unchecked('on a link')], ['/servers/0', notRead('on a server', ANYWHERE)]);
        expected.push(['/components/parameters/Page', PARAMETER], ['/components/requestBodies/Thing', REQUEST_BODY], ['/components/securitySchemes/key', SECURITY_SCHEME]);
        if (version !== '3.0') {
          Object.assign(made, { webhooks: { ping: { post: { responses: { 200: { description: 'ok' } }, [IGNORE]: list() } } } });
          expected.push(['/webhooks/ping/post', unchecked('in a webhook')]);
        }
      }
      Object.assign(made.info as object, { [IGNORE]: list() });
      Object.assign(made, { tags: [{ name: 'items', [IGNORE]: list() }] });
      const findings = (await lintProject({ 'openapi.yaml': made })).filter((finding) => finding.ruleId === 'unused-suppression');
      expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`).sort()).toEqual(expected.map(([pointer, message]) => `${pointer}/${IGNORE}: ${message}`).sort());
    });
  }

  for (const version of ['2.0', '3.1'] as const) {
    it(`${version}: in files the spec names, a list inside what it uses is reported; one on a definition it does not use is left to the specs that do`, async () => {
      const list = (): string[] => ['require-validation-error'];
      const spec = withResponses(version, { 200: { description: 'ok' } });
      spec.paths = { '/split': { $ref: 'paths/split.yaml' } };
      const split = version === '2.0'
        ? { parameters: [{ $ref: '../common.yaml#/Page' }], post: { consumes: ['application/json'], parameters: [{ name: 'body', in: 'body', schema: { type: 'object' }, [IGNORE]: list() }], responses: { 200: { $ref: '../common.yaml#/Ok' } } } }
        : { parameters: [{ $ref: '../common.yaml#/Page' }], post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } }, [IGNORE]: list() }, responses: { 200: { $ref: '../common.yaml#/Ok' } } } };
      const page = version === '2.0' ? { name: 'page', in: 'query', type: 'integer', [IGNORE]: list() } : { name: 'page', in: 'query', schema: { type: 'integer' }, [IGNORE]: list() };
      const ok = jsonResponse(version, { type: 'object', properties: { id: { type: 'string', [IGNORE]: list() } } });
      const common = { Page: page, Ok: ok, Unused: { description: 'unused', [IGNORE]: list() }, Other: { name: 'other', in: 'query', [IGNORE]: list() } };
      const findings = await lintProject({ 'openapi.yaml': spec, 'paths/split.yaml': split, 'common.yaml': common });
      const body = version === '2.0' ? 'paths/split.yaml#/post/parameters/0' : 'paths/split.yaml#/post/requestBody';
      const schema = version === '2.0' ? 'common.yaml#/Ok/schema' : 'common.yaml#/Ok/content/application~1json/schema';
      expect(findings.filter((finding) => finding.ruleId === 'unused-suppression').map((finding) => `${finding.file}#${finding.pointer}: ${finding.message.replace(/, so it silences nothing.*/, '')}`).sort()).toEqual([
        `${schema}/properties/id/${IGNORE}: x-statuslint-ignore is not read inside a schema`,
        `common.yaml#/Page/${IGNORE}: x-statuslint-ignore is not read on a parameter`,
        `${body}/${IGNORE}: x-statuslint-ignore is not read ${version === '2.0' ? 'on a parameter' : 'on a request body'}`,
      ]);
    });

    it(`${version}: a header, schema, parameter or shared response named x-statuslint-ignore in a map of names is no list; a list written there is reported`, async () => {
      const named = withResponses(version, { 200: { ...jsonResponse(version, { $ref: schemaRef(version, IGNORE) }), headers: { [IGNORE]: header(version) } }, 400: { description: 'bad' } }, {
        root: version === '2.0'
          ? { definitions: { [IGNORE]: { type: 'object' } }, parameters: { [IGNORE]: { name: 'q', in: 'query', type: 'string' } }, responses: { [IGNORE]: { description: 'spare' } } }
          : { components: { schemas: { [IGNORE]: { type: 'object' } }, headers: { [IGNORE]: header(version) }, parameters: { [IGNORE]: { name: 'q', in: 'query', schema: { type: 'string' } } }, responses: { [IGNORE]: { description: 'spare' } } } },
      });
      expect(at(await lintProject({ 'openapi.yaml': named }))).toEqual([]);
      // A list in the same place is still reported, saying where it goes.
      const listed = withResponses(version, { 200: { ...jsonResponse(version, { type: 'object' }), headers: { [IGNORE]: ['require-retry-after'] } }, 400: { description: 'bad' } }, {
        root: sharedSchemas(version, { [IGNORE]: ['no-error-in-success'] }),
      });
      expect(at(await lintProject({ 'openapi.yaml': listed }))).toEqual([
        `unused-suppression ${version === '2.0' ? '/definitions' : '/components/schemas'}/${IGNORE}`,
        `unused-suppression ${op}/responses/200/headers/${IGNORE}`,
      ]);
    });
  }

  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`${version}: a list on a schema in another file that the spec names only from a request body, a parameter or a header is reported`, async () => {
      const list = (): string[] => ['require-validation-error'];
      const schema = (name: string) => ({ $ref: `common.yaml#/${name}` });
      const operation = version === '2.0'
        ? { consumes: ['application/json'], parameters: [{ name: 'body', in: 'body', schema: schema('Body') }] }
        : { parameters: [{ name: 'q', in: 'query', schema: schema('Query') }], requestBody: { content: { 'application/json': { schema: schema('Body') } } } };
      const ok = { description: 'ok', ...(version === '2.0' ? { headers: { 'X-Id': { type: 'string' } } } : { headers: { 'X-Id': { schema: schema('Id') } } }) };
      const spec = withResponses(version, { 200: ok, 400: { description: 'bad' } }, { method: 'post', operation });
      const common = { Body: { type: 'object', [IGNORE]: list() }, Query: { type: 'string', [IGNORE]: list() }, Id: { type: 'string', [IGNORE]: list() }, Spare: { type: 'string', [IGNORE]: list() } };
      const findings = await lintProject({ 'openapi.yaml': spec, 'common.yaml': common });
      expect(findings.filter((finding) => finding.ruleId === 'unused-suppression').map((finding) => `${finding.file}#${finding.pointer}: ${finding.message.replace(/, so it silences nothing.*/, '')}`).sort()).toEqual(
        version === '2.0'
          ? [`common.yaml#/Body/${IGNORE}: x-statuslint-ignore is not read on a parameter`]
          : [
              `common.yaml#/Body/${IGNORE}: x-statuslint-ignore is not read on a request body`,
              `common.yaml#/Id/${IGNORE}: x-statuslint-ignore is not read inside a header`,
              `common.yaml#/Query/${IGNORE}: x-statuslint-ignore is not read on a parameter`,
            ],
      );
    });
  }

  for (const version of ['3.0', '3.1'] as const) {
    it(`${version}: a list on a whole request body or header in another file, which the spec names by $ref, is reported there as misplaced or unused`, async () => {
      const list = (): string[] => ['require-validation-error'];
      const operation = { requestBody: { $ref: 'common.yaml#/Body' } };
      const ok = { description: 'ok', headers: { 'X-Id': { $ref: 'common.yaml#/IdHeader' } } };
      const spec = withResponses(version, { 200: ok, 400: { description: 'bad' } }, { method: 'post', operation });
      const common = {
        Body: { content: { 'application/json': { schema: { type: 'object' } } }, [IGNORE]: list() },
        IdHeader: { schema: { type: 'string' }, [IGNORE]: list() },
      };
      const findings = await lintProject({ 'openapi.yaml': spec, 'common.yaml': common });
      expect(findings.filter((finding) => finding.ruleId === 'unused-suppression').map((finding) => `${finding.file}#${finding.pointer}: ${finding.message.replace(/, so it silences nothing.*/, '')}`).sort()).toEqual([
        `common.yaml#/Body/${IGNORE}: x-statuslint-ignore is not read on a request body`,
        // A header's list is read (a rule may report there): this one is merely unused.
        `common.yaml#/IdHeader/${IGNORE}/0: x-statuslint-ignore lists 'require-validation-error', which reports nothing here; remove the entry.`,
      ]);
    });
  }

  it('a list repeated by a YAML alias is read, or reported, at each object that holds it', async () => {
    const lines = (...text: string[]): string => text.join('\n') + '\n';
    const head = ['openapi: 3.0.3', "info: {title: t, version: '1'}"];
    // One list on a response (read) and on a parameter (not read there).
    const aliasedList = lines(
      ...head,
      'paths:',
      '  /a:',
      '    get:',
      '      parameters:',
      '        - {name: q, in: query, schema: {type: string}, x-statuslint-ignore: &retry [require-retry-after]}',
      '      responses:',
      "        '429': {description: slow, x-statuslint-ignore: *retry}",
    );
    expect(at(await lintProject({ 'openapi.yaml': aliasedList }))).toEqual([`unused-suppression /paths/~1a/get/parameters/0/${IGNORE}`]);
    // One response, written first in a callback (not checked), and used by an operation: read there.
    const aliasedResponse = lines(
      ...head,
      'components:',
      '  callbacks:',
      '    done:',
      "      '{$request.body#/url}':",
      '        post:',
      '          responses:',
      "            '429': &slow {description: slow, x-statuslint-ignore: [require-retry-after]}",
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '429': *slow",
    );
    expect(at(await lintProject({ 'openapi.yaml': aliasedResponse }))).toEqual([]);
    // One list merged (`<<`) into a response (read) and a parameter (not read there): the parameter's is reported.
    const mergedList = lines(
      ...head,
      'x-common: &common',
      '  x-statuslint-ignore: [require-retry-after]',
      'paths:',
      '  /a:',
      '    get:',
      '      parameters:',
      '        - {name: q, in: query, schema: {type: string}, <<: *common}',
      '      responses:',
      "        '429': {description: slow, <<: *common}",
    );
    const merged = await lintProject({ 'openapi.yaml': mergedList });
    // Under the pointer where x-common writes it, as a finding in a node an alias repeats is.
    expect(at(merged)).toEqual([`unused-suppression /x-common/${IGNORE}`]);
    // Located where x-common writes it (which the response reads): the message names the parameter whose '<<' brings it in.
    expect(merged.map((finding) => finding.message)).toEqual([
      "x-statuslint-ignore is not read on a parameter, where the '<<' merge key of '#/paths/~1a/get/parameters/0' brings it in from where it is written, so it silences nothing there; merge it only into objects that read it, or write one on the operation that takes it.",
    ]);
    // Merged into several parameters: one report where the list is written, naming the first and counting the others.
    const mergedTwice = mergedList.replace("        - {name: q, in: query, schema: {type: string}, <<: *common}\n", "        - {name: q, in: query, schema: {type: string}, <<: *common}\n        - {name: r, in: query, schema: {type: string}, <<: *common}\n");
    expect(mergedTwice).not.toBe(mergedList);
    expect((await lintProject({ 'openapi.yaml': mergedTwice })).map((finding) => `${finding.pointer}: ${finding.message}`)).toEqual([
      `/x-common/${IGNORE}: x-statuslint-ignore is not read on a parameter, where the '<<' merge key of '#/paths/~1a/get/parameters/0' (and 1 more) brings it in from where it is written, so it silences nothing there; merge it only into objects that read it, or write one on the operation that takes it.`,
    ]);
    // Merged into a response, an entry that silences nothing is reported where it is written, once for all its merges, and
    // not at all when it silences something at one of them; lists are never concatenated: the response's own list, or the
    // first of its '<<' sources that has one, is the list it has (YAML 1.1), as every OpenAPI tool reads it.
    const mergedEntries = lines(
      ...head,
      'x-retry: &retry',
      '  x-statuslint-ignore: [require-retry-after, require-www-authenticate]',
      'x-auth: &auth',
      '  x-statuslint-ignore: [require-www-authenticate]',
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200': {description: ok}",
      "        '429': {description: slow, <<: *retry}",
      "        '404': {description: none, <<: *retry}",
      "        '503': {description: down, <<: [*auth, *retry]}",
    );
    expect(at(await lintProject({ 'openapi.yaml': mergedEntries }))).toEqual([
      'require-retry-after /paths/~1a/get/responses/503',
      // Under the pointers where they are written, whichever response merges them.
      `unused-suppression /x-auth/${IGNORE}/0`,
      `unused-suppression /x-retry/${IGNORE}/1`,
    ]);
    const written = (await lintProject({ 'openapi.yaml': mergedEntries })).filter((finding) => finding.ruleId === 'unused-suppression').map((finding) => finding.line);
    expect(written.sort()).toEqual([4, 6]);
  });

  it('a list under a misspelt key, inside a header, on an encoding or on a shared callback, link or example says where it is and where to write it', async () => {
    const list = (): string[] => ['require-retry-after'];
    const ELSEWHERE = notRead('here', 'an operation, a response, a header or the schema of a response body');
    const cases: Array<[string, object, Array<[string, string]>]> = [
      ['3.1', {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {
          '/items': {
            gett: { [IGNORE]: list(), responses: { 200: { description: 'ok' } } },
            servers: [{ url: 'https://example.com', [IGNORE]: list() }],
            get: {
              responses: {
                200: { description: 'ok', content: { 'multipart/form-data': { schema: { type: 'object' }, encoding: { file: { contentType: 'image/png', [IGNORE]: list() } } } } },
                400: { description: 'bad' },
                429: { description: 'slow', headers: { 'Retry-After': { schema: { type: 'integer', [IGNORE]: list() } } } },
              },
            },
          },
        },
        components: {
          respones: { TooMany: { description: 'slow', [IGNORE]: list() } },
          headers: { RetryAfter: { schema: { type: 'integer', [IGNORE]: list() } } },
          callbacks: { Done: { '{$request.body#/url}': { post: { [IGNORE]: list(), responses: { 200: { description: 'ok' } } } } } },
          links: { Self: { operationId: 'x', [IGNORE]: list() } },
          examples: { One: { value: 1, [IGNORE]: list() } },
        },
      }, [
        ['/paths/~1items/gett', ELSEWHERE],
        ['/paths/~1items/servers/0', notRead('on a server', ANYWHERE)],
        ['/paths/~1items/get/responses/200/content/multipart~1form-data/encoding/file', notRead('on an encoding', 'the response')],
        ['/paths/~1items/get/responses/429/headers/Retry-After/schema', IN_HEADER],
        ['/components/respones/TooMany', ELSEWHERE],
        ['/components/headers/RetryAfter/schema', IN_HEADER],
        ['/components/callbacks/Done/{$request.body#~1url}/post', unchecked('in a callback')],
        ['/components/links/Self', unchecked('on a link')],
        ['/components/examples/One', unchecked('on an example')],
      ]],
      ['2.0', {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        respones: { TooMany: { description: 'slow', [IGNORE]: list() } },
        paths: { '/items': { get: { responses: { 200: { description: 'ok' }, 400: { description: 'bad' } } } } },
      }, [['/respones/TooMany', ELSEWHERE]]],
    ];
    for (const [version, made, expected] of cases) {
      const findings = (await lintProject({ 'openapi.yaml': made })).filter((finding) => finding.ruleId === 'unused-suppression');
      expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`).sort(), version).toEqual(expected.map(([pointer, message]) => `${pointer}/${IGNORE}: ${message}`).sort());
    }
  });

  it('a list on a shared response, schema or header that nothing uses is read, and reported unused; one inside a shared response that no operation uses is not read', async () => {
    const list = (): string[] => ['no-error-in-success'];
    const unused = (where = 'here'): string => `${IGNORE} lists 'no-error-in-success', which reports nothing ${where}; remove the entry.`;
    const notUsed = unchecked('in a shared response that no operation uses');
    const paths = { '/items': { get: { responses: { 200: { description: 'ok' }, 400: { description: 'bad' } } } } };
    const cases: Array<[string, object, Array<[string, string]>]> = [
      ['3.1', {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        // Extension data under paths is no path item: a list there is data, and not reported.
        paths: { 'x-tooling': { [IGNORE]: list() }, ...paths },
        components: {
          schemas: { Spare: { type: 'object', [IGNORE]: list() }, Linked: { $ref: 'common.yaml#/Thing', [IGNORE]: list() } },
          headers: { Spare: { schema: { type: 'integer' }, [IGNORE]: list() } },
          responses: { Spare: { description: 'spare', [IGNORE]: list(), content: { 'application/json': { schema: { type: 'object', [IGNORE]: list() } } }, headers: { H: { schema: { type: 'string' }, [IGNORE]: list() } } } },
        },
      }, [
        [`/components/schemas/Spare/${IGNORE}/0`, unused()],
        [`/components/schemas/Linked/${IGNORE}/0`, unused()],
        [`/components/headers/Spare/${IGNORE}/0`, unused('in this header (a missing header is reported at the response)')],
        [`/components/responses/Spare/${IGNORE}/0`, unused()],
        [`/components/responses/Spare/content/application~1json/schema/${IGNORE}`, notUsed],
        [`/components/responses/Spare/headers/H/${IGNORE}`, notUsed],
      ]],
      ['2.0', {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        paths,
        definitions: { Spare: { type: 'object', [IGNORE]: list() } },
        responses: { Spare: { description: 'spare', [IGNORE]: list(), schema: { type: 'object', [IGNORE]: list() } } },
      }, [
        [`/definitions/Spare/${IGNORE}/0`, unused()],
        [`/responses/Spare/${IGNORE}/0`, unused()],
        [`/responses/Spare/schema/${IGNORE}`, notUsed],
      ]],
    ];
    for (const [version, made, expected] of cases) {
      const findings = await lintProject({ 'openapi.yaml': made, 'common.yaml': { Thing: { type: 'object' } } });
      expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`).sort(), version).toEqual(expected.map(([pointer, message]) => `${pointer}: ${message}`).sort());
    }
  });

  it('the messages say where to write the list instead, or that statuslint checks nothing there', async () => {
    const made = withResponses('3.1', { 200: { description: 'ok' } }, {
      method: 'post',
      operation: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } }, [IGNORE]: ['require-validation-error'] } },
      root: { webhooks: { ping: { post: { responses: { 200: { description: 'ok' } }, [IGNORE]: ['require-validation-error'] } } } },
    });
    const findings = await lintProject({ 'openapi.yaml': made });
    // The finding the list was meant for stays, and the list says where it should be.
    expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`).sort()).toEqual([
      `/paths/~1items/post/requestBody/${IGNORE}: x-statuslint-ignore is not read on a request body, so it silences nothing; write it on the operation that takes it.`,
      '/paths/~1items/post: POST /items accepts a request body but documents no 400 or 422 response; clients cannot tell a malformed request (400) from an invalid one (422).',
      `/webhooks/ping/post/${IGNORE}: x-statuslint-ignore is not read in a webhook, which statuslint does not check, so it silences nothing; remove it.`,
    ]);
  });

  it('3.0: a list on a content map, which it reports, is not taken for a media type: content that holds only the list declares none', async () => {
    const listed = (rule: string) => ({ content: { [IGNORE]: [rule] } });
    const made = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          delete: { responses: { 204: { description: 'gone', ...listed('no-body-on-no-content') }, 400: { description: 'bad' } } },
          head: { responses: { 200: { description: 'ok', ...listed('no-body-on-head') }, 400: { description: 'bad' } } },
          // As `content: {}`: no media type, so no body can be sent, and no 400 or 422 is asked for.
          post: { requestBody: listed('require-validation-error'), responses: { 200: { description: 'ok' } } },
        },
      },
    };
    // The rules accept an empty content map by default: so one that holds only the list.
    const findings = lintAll({ 'openapi.yaml': made });
    expect(findings.map((finding) => `${finding.ruleId} ${finding.pointer}`).sort()).toEqual([
      // As for `content: {}`: a POST without a 4xx.
      'require-error-responses /paths/~1a/post',
      `unused-suppression /paths/~1a/delete/responses/204/content/${IGNORE}`,
      `unused-suppression /paths/~1a/head/responses/200/content/${IGNORE}`,
      `unused-suppression /paths/~1a/post/requestBody/content/${IGNORE}`,
    ]);
  });

  for (const version of ['2.0', '3.0'] as const) {
    it(`${version}: a list on a security requirement, which it reports, is not taken for a scheme the operation requires`, async () => {
      const list = (): Record<string, string[]> => ({ [IGNORE]: ['require-auth-errors'] });
      // A requirement that holds only the list is empty, {}: anonymous access, which needs no 401.
      for (const shape of [{ operation: { security: [list()] } }, { root: { security: [list()] } }]) {
        const made = withResponses(version, { 200: { description: 'ok' }, 400: { description: 'bad' } }, shape);
        const findings = lintAll({ 'openapi.yaml': made });
        expect(findings.map((finding) => `${finding.ruleId} ${finding.pointer}`), JSON.stringify(shape)).toEqual([
          `unused-suppression ${'operation' in shape ? '/paths/~1items/get' : ''}/security/0/${IGNORE}`,
        ]);
      }
    });
  }

  for (const version of ['2.0', '3.0'] as const) {
    it(`${version}: a list on an operation's externalDocs or security requirement says to write it on the operation`, async () => {
      const made = withResponses(version, { 200: { description: 'ok' }, 400: { description: 'bad' } }, {
        operation: { externalDocs: { url: 'https://example.com', [IGNORE]: ['require-retry-after'] }, security: [{ key: [], [IGNORE]: ['require-www-authenticate'] }] },
      });
      const findings = (await lintProject({ 'openapi.yaml': made })).filter((finding) => finding.ruleId === 'unused-suppression');
      expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`).sort()).toEqual([
        `/paths/~1items/get/externalDocs/${IGNORE}: x-statuslint-ignore is not read on externalDocs, so it silences nothing; write it on the operation.`,
        `/paths/~1items/get/security/0/${IGNORE}: x-statuslint-ignore is not read on a security requirement, so it silences nothing; write it on the operation.`,
      ]);
    });
  }

  it('2.0: a response\'s examples are literal data, where a list is no list and is not reported', async () => {
    const examples = () => ({ 'application/json': { [IGNORE]: ['require-retry-after'], nested: { [IGNORE]: ['a'] } } });
    const made = withResponses('2.0', { 200: { description: 'ok', examples: examples() }, 400: { description: 'bad' } }, { root: { responses: { Spare: { description: 'spare', examples: examples() } } } });
    expect(at(await lintProject({ 'openapi.yaml': made }))).toEqual([]);
  });

  it('3.1: example, default, enum and const values, an Example Object\'s value and x- extension data are literal data, where a list is no list and is not reported', async () => {
    const data = () => ({ [IGNORE]: ['require-retry-after'], nested: { [IGNORE]: ['a'] } });
    const schema = { type: 'object', example: data(), default: data(), enum: [data()], const: data(), examples: [data()], properties: { p: { type: 'object', examples: [data()] } } };
    const body = { content: { 'application/json': { schema, example: data(), examples: { one: { value: data() } } } } };
    const made = withResponses('3.1', { 200: { description: 'ok', ...body }, 400: { description: 'bad' } }, {
      operation: { 'x-vendor': data() },
      root: { 'x-tooling': data(), components: { examples: { Shared: { value: data() } } } },
    });
    expect(at(await lintProject({ 'openapi.yaml': made }))).toEqual([]);
  });

  it('3.1: in a path item of components/pathItems that no path names (a webhook\'s, or none\'s), a list is not read and there is nowhere better', async () => {
    // A fresh object each time: one object written twice is one node repeated by a YAML alias.
    const operation = () => ({ responses: { 200: { description: 'ok' }, 429: { ...slow, [IGNORE]: ['require-retry-after'] } }, [IGNORE]: ['require-retry-after'] });
    const made = withResponses('3.1', { 200: { description: 'ok' } }, {
      root: { webhooks: { ping: { $ref: '#/components/pathItems/Hook' } }, components: { pathItems: { Hook: { post: operation() }, Spare: { [IGNORE]: ['require-retry-after'], get: operation() } } } },
    });
    const findings = await lintProject({ 'openapi.yaml': made });
    const unnamed = (where: string) => `${where}: ${unchecked('in a path item that no path names')}`;
    expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`).sort()).toEqual([
      unnamed(`/components/pathItems/Hook/post/${IGNORE}`),
      unnamed(`/components/pathItems/Hook/post/responses/429/${IGNORE}`),
      unnamed(`/components/pathItems/Spare/${IGNORE}`),
      unnamed(`/components/pathItems/Spare/get/${IGNORE}`),
      unnamed(`/components/pathItems/Spare/get/responses/429/${IGNORE}`),
    ].sort());
    // Named by a path, its operations' lists are read as any operation's.
    (made.paths as Record<string, unknown>)['/spare'] = { $ref: '#/components/pathItems/Spare' };
    expect(at(await lintProject({ 'openapi.yaml': made })).filter((line) => line.includes('Spare'))).toEqual([`unused-suppression /components/pathItems/Spare/${IGNORE}`]);
  });
});

describe('suppressions that silence nothing (unused-suppression)', () => {
  const spec = (ignore: unknown) => withResponses('3.1', { 200: { description: 'ok' }, 429: slow }, { operation: { [IGNORE]: ignore } });

  it('an entry whose rule ran and found nothing is reported, at the entry, as info', async () => {
    const findings = await lintProject({ 'openapi.yaml': spec(['require-retry-after', 'require-www-authenticate']) });
    expect(findings.map(({ ruleId, severity, pointer, message }) => ({ ruleId, severity, pointer, message }))).toEqual([
      {
        ruleId: 'unused-suppression',
        severity: 'info',
        pointer: `/paths/~1items/get/${IGNORE}/1`,
        message: "x-statuslint-ignore lists 'require-www-authenticate', which reports nothing here; remove the entry.",
      },
    ]);
    // Or at the severity that unusedSuppressions sets.
    for (const severity of ['warning', 'error'] as const) {
      const reported = await lintProject({ 'openapi.yaml': spec(['require-retry-after', 'require-www-authenticate']) }, { unusedSuppressions: severity });
      expect(reported.map((finding) => `${finding.ruleId} ${finding.severity}`)).toEqual([`unused-suppression ${severity}`]);
    }
  });

  for (const version of VERSIONS) {
    it(`${version}: an entry on a header or a response whose finding is reported further out (the response, the operation) says where to move it`, async () => {
      const made = withResponses(version, {
        201: { description: 'created', [IGNORE]: ['require-validation-error'] },
        429: { description: 'slow', headers: { 'X-Rate-Limit-Reset': { ...header(version, 'integer'), [IGNORE]: ['require-retry-after'] } } },
        503: { description: 'down', headers: { 'X-Wait': { ...header(version, 'integer'), [IGNORE]: ['require-www-authenticate'] } } },
      }, { method: 'post', operation: requestBody(version) });
      const findings = (await lintProject({ 'openapi.yaml': made })).filter((finding) => finding.ruleId === 'unused-suppression');
      expect(findings.map((finding) => `${finding.pointer}: ${finding.message}`).sort()).toEqual([
        `/paths/~1items/post/responses/201/${IGNORE}/0: x-statuslint-ignore lists 'require-validation-error', whose finding is reported further out, at '#/paths/~1items/post', which this entry does not reach; move the entry there.`,
        `/paths/~1items/post/responses/429/headers/X-Rate-Limit-Reset/${IGNORE}/0: x-statuslint-ignore lists 'require-retry-after', whose finding is reported further out, at '#/paths/~1items/post/responses/429', which this entry does not reach; move the entry there.`,
        // Really unused: it says so, and where the finding of a missing header would be.
        `/paths/~1items/post/responses/503/headers/X-Wait/${IGNORE}/0: x-statuslint-ignore lists 'require-www-authenticate', which reports nothing in this header (a missing header is reported at the response); remove the entry.`,
      ]);
    });
  }

  it('a misspelt rule id is reported with the closest real one (and silences nothing)', async () => {
    const findings = await lintProject({ 'openapi.yaml': spec(['require-retry-aftr']) });
    expect(findings.map((finding) => `${finding.ruleId}: ${finding.message}`).sort()).toEqual([
      'require-retry-after: 429 response declares no \'Retry-After\' header; tell clients when to retry (delay-seconds or an HTTP-date).',
      "unused-suppression: x-statuslint-ignore lists 'require-retry-aftr', which is not a statuslint rule; did you mean 'require-retry-after'?",
    ]);
    // Close to none: no guess.
    const unlike = await lintProject({ 'openapi.yaml': spec(['require-retry-after', 'sonar:S1234']) });
    expect(unlike.map((finding) => `${finding.ruleId}: ${finding.message}`)).toEqual(["unused-suppression: x-statuslint-ignore lists 'sonar:S1234', which is not a statuslint rule."]);
  });

  it('an entry naming unused-suppression, the engine\'s own check, says which key sets it', async () => {
    const findings = await lintProject({ 'openapi.yaml': spec(['unused-suppression', 'require-retry-after']) });
    expect(findings.map((finding) => `${finding.ruleId}: ${finding.message}`)).toEqual([
      "unused-suppression: x-statuslint-ignore lists 'unused-suppression', which is not a statuslint rule: it is the engine's own check, set by the configuration's top-level key unusedSuppressions.",
    ]);
  });

  const malformed: Array<[string, unknown, string, string]> = [
    ['a single id instead of a list', 'require-retry-after', '', 'x-statuslint-ignore must be a list; write a list of rule ids or {rule, reason} entries.'],
    ['a number', [42], '/0', 'x-statuslint-ignore entry 42 is not a rule id; write a list of rule ids or {rule, reason} entries.'],
    // YAML reads a bare `-` (an item left empty) as null.
    ['an empty item', [null], '/0', 'x-statuslint-ignore entry null is not a rule id; write a list of rule ids or {rule, reason} entries.'],
    ['an object without rule', [{ reason: 'x' }], '/0', "x-statuslint-ignore entry has no 'rule'; write a list of rule ids or {rule, reason} entries."],
    ['an unknown key', [{ rule: 'require-retry-after', why: 'x' }], '/0', "x-statuslint-ignore entry has an unknown key 'why'; write a list of rule ids or {rule, reason} entries."],
    ['a reason that is not text', [{ rule: 'require-retry-after', reason: 1 }], '/0', "x-statuslint-ignore entry's 'reason' must be a string; write a list of rule ids or {rule, reason} entries."],
  ];
  for (const [name, ignore, pointer, message] of malformed) {
    it(`a malformed entry is reported and silences nothing: ${name}`, async () => {
      const findings = await lintProject({ 'openapi.yaml': spec(ignore) });
      expect(findings.map((finding) => `${finding.ruleId} ${finding.pointer}`).sort()).toEqual([
        'require-retry-after /paths/~1items/get/responses/429',
        `unused-suppression /paths/~1items/get/${IGNORE}${pointer}`,
      ]);
      expect(findings.find((finding) => finding.ruleId === 'unused-suppression')!.message).toBe(message);
    });
  }

  it('a list where none is read (the top level, a path item, beside its $ref, a responses map) is reported, and silences nothing', async () => {
    const list = ['require-retry-after'];
    const misplaced = withResponses('3.1', { [IGNORE]: list, 200: { description: 'ok' }, 429: slow }, { root: { [IGNORE]: list } });
    const paths = misplaced.paths as Record<string, Record<string, unknown>>;
    paths['/items']![IGNORE] = list;
    paths['/split'] = { $ref: 'paths/split.yaml', [IGNORE]: list };
    const files = { 'openapi.yaml': misplaced, 'paths/split.yaml': { [IGNORE]: list, get: { responses: { 200: { description: 'ok' } } } } };
    const findings = await lintProject(files);
    expect(findings.map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}: ${finding.message}`).sort()).toEqual([
      `require-retry-after openapi.yaml#/paths/~1items/get/responses/429: 429 response declares no 'Retry-After' header; tell clients when to retry (delay-seconds or an HTTP-date).`,
      `unused-suppression openapi.yaml#/paths/~1items/get/responses/${IGNORE}: x-statuslint-ignore is not read on the responses map, so it silences nothing; write it on the operation, or on each response.`,
      `unused-suppression openapi.yaml#/paths/~1items/${IGNORE}: x-statuslint-ignore is not read on a path item, so it silences nothing; write it on each of its operations.`,
      `unused-suppression openapi.yaml#/paths/~1split/${IGNORE}: x-statuslint-ignore is not read on a path item, so it silences nothing; write it on each of its operations.`,
      `unused-suppression openapi.yaml#/${IGNORE}: x-statuslint-ignore is not read at the top level, so it silences nothing; write it on an operation or a response, or turn the rule off in the configuration.`,
      `unused-suppression paths/split.yaml#/${IGNORE}: x-statuslint-ignore is not read on a path item, so it silences nothing; write it on each of its operations.`,
    ]);
    expect(at(await lintProject(files, { unusedSuppressions: 'off' }))).toEqual(['require-retry-after /paths/~1items/get/responses/429']);
  });

  for (const version of VERSIONS) {
    it(`${version}: on an operation's responses map (an extension there, not a response's name), anything but a list is reported too, in a file with no other list`, async () => {
      for (const value of ['require-retry-after', { rule: 'require-retry-after' }]) {
        const findings = await lintProject({ 'openapi.yaml': withResponses(version, { [IGNORE]: value, 200: { description: 'ok' }, 429: slow }) });
        expect(findings.map((finding) => `${finding.ruleId} ${finding.pointer}: ${finding.message}`).sort()).toEqual([
          "require-retry-after /paths/~1items/get/responses/429: 429 response declares no 'Retry-After' header; tell clients when to retry (delay-seconds or an HTTP-date).",
          `unused-suppression /paths/~1items/get/responses/${IGNORE}: x-statuslint-ignore is not read on the responses map, so it silences nothing; write it on the operation, or on each response.`,
        ]);
      }
    });

    it(`${version}: a list on a map of shared definitions, the paths map, or a response's headers or content is reported, and silences nothing`, async () => {
      const list = (): string[] => ['require-retry-after'];
      const tooMany = { description: 'Too many', headers: { [IGNORE]: list(), 'X-Rate': version === '2.0' ? { type: 'integer' } : { schema: { type: 'integer' } } } };
      const spec = withResponses(version, { 200: { description: 'ok' }, 429: { $ref: responsesRef(version, 'TooMany') } });
      (spec.paths as Record<string, unknown>)[IGNORE] = list();
      const misplaced = [
        `/paths/${IGNORE}: ${notRead('on the paths map', 'each operation')}`,
        `${version === '2.0' ? '/responses' : '/components/responses'}/TooMany/headers/${IGNORE}: ${notRead('on a headers map', 'the response, or on each header')}`,
      ];
      if (version === '2.0') {
        Object.assign(spec, { responses: { [IGNORE]: list(), TooMany: tooMany }, definitions: { [IGNORE]: list(), Thing: { type: 'object' } } });
        misplaced.push(`/responses/${IGNORE}: ${notRead('on the top-level responses map', 'each shared response')}`, `/definitions/${IGNORE}: ${notRead('on the definitions map', 'each schema')}`);
      } else {
        const ok = { description: 'ok', content: { [IGNORE]: list(), 'application/json': { schema: { type: 'object' }, [IGNORE]: list() } } };
        (spec.paths as Record<string, Record<string, Record<string, Record<string, unknown>>>>)['/items']!.get!.responses!['200'] = ok;
        spec.components = {
          [IGNORE]: list(),
          responses: { [IGNORE]: list(), TooMany: tooMany },
          schemas: { [IGNORE]: list(), Thing: { type: 'object' } },
          headers: { [IGNORE]: list(), Rate: { schema: { type: 'integer' } } },
        };
        misplaced.push(`/components/${IGNORE}: ${notRead('on components', 'each shared response, header or schema')}`, `/components/responses/${IGNORE}: ${notRead('on the components/responses map', 'each shared response')}`);
        misplaced.push(`/components/schemas/${IGNORE}: ${notRead('on the components/schemas map', 'each schema')}`, `/components/headers/${IGNORE}: ${notRead('on the components/headers map', 'each header')}`);
        misplaced.push(`/paths/~1items/get/responses/200/content/${IGNORE}: ${notRead('on a content map', 'the response, or on the schema of each media type')}`);
        misplaced.push(`/paths/~1items/get/responses/200/content/application~1json/${IGNORE}: ${notRead('on a media type', 'the response, or on its schema')}`);
      }
      const findings = await lintProject({ 'openapi.yaml': spec });
      const shared = version === '2.0' ? '/responses/TooMany' : '/components/responses/TooMany';
      expect(at(findings)).toEqual([`require-retry-after ${shared}`, ...misplaced.map((line) => `unused-suppression ${line.slice(0, line.indexOf(': '))}`)].sort());
      expect(findings.filter((finding) => finding.ruleId === 'unused-suppression').map((finding) => `${finding.pointer}: ${finding.message}`).sort()).toEqual([...misplaced].sort());
    });
  }

  it('a list beside each $ref of a chain of path items (3.1 components/pathItems) is reported', async () => {
    const spec = withResponses('3.1', { 200: { description: 'ok' }, 429: slow });
    const item = (spec.paths as Record<string, unknown>)['/items'];
    spec.paths = { '/items': { $ref: '#/components/pathItems/Mid' } };
    spec.components = { pathItems: { Mid: { $ref: '#/components/pathItems/End', [IGNORE]: ['require-retry-after'] }, End: item } };
    expect(at(await lintProject({ 'openapi.yaml': spec }))).toEqual([
      'require-retry-after /components/pathItems/End/get/responses/429',
      `unused-suppression /components/pathItems/Mid/${IGNORE}`,
    ]);
  });

  it('an entry for a rule that is off is not reported: nothing says whether it is still needed', async () => {
    const quiet = withResponses('3.1', { 200: { description: 'ok' } }, { operation: { [IGNORE]: ['require-www-authenticate'] } });
    expect(await lintProject({ 'openapi.yaml': quiet }, { rules: rulesWithout('require-www-authenticate') })).toEqual([]);
    expect(at(await lintProject({ 'openapi.yaml': quiet }))).toEqual([`unused-suppression /paths/~1items/get/${IGNORE}/0`]);
  });

  it('a list repeated by a YAML alias is one entry: used at one of its places, it is not reported unused at another', async () => {
    const lines = (...text: string[]): string => text.join('\n') + '\n';
    const head = ['openapi: 3.0.3', "info: {title: t, version: '1'}"];
    const aliasedList = lines(
      ...head,
      'x-lists:',
      '  retry: &retry [require-retry-after]',
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200': {description: ok, x-statuslint-ignore: *retry}",
      "        '429': {description: slow, x-statuslint-ignore: *retry}",
    );
    expect(at(await lintProject({ 'openapi.yaml': aliasedList }))).toEqual([]);
    const aliasedResponse = lines(
      ...head,
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '429': &slow",
      '          description: slow',
      '          x-statuslint-ignore: [require-retry-after]',
      '  /b:',
      '    get:',
      '      responses:',
      "        '200': *slow",
    );
    expect(at(await lintProject({ 'openapi.yaml': aliasedResponse }))).toEqual([]);
    // Used nowhere, it is still reported, once.
    const unused = aliasedList.replace("'429': {description: slow,", "'204': {description: none,");
    expect(at(await lintProject({ 'openapi.yaml': unused }))).toEqual(['unused-suppression /x-lists/retry/0']);
  });
});

describe('x-statuslint-ignore across the specs of one lint (in-process; the CLI\'s threads and --cache in suppressions-cli.test.ts)', () => {
  /** The watched findings of linting `names` of the files in one run, as `file#pointer`. */
  const lintSpecs = (dir: string, names: readonly string[], options: LintOptions = {}): string[] =>
    lint(names.map((name) => join(dir, name)), { cwd: dir, ...options })
      .findings.filter((finding) => WATCHED.has(finding.ruleId))
      .map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`);
  const bothOrders = (names: readonly string[]): Array<readonly string[]> => [names, [...names].reverse()];

  it('an entry in a shared file that silences a finding for one spec is not reported unused for another', () => {
    // require-location asks a Location of a POST's 201, not of a PUT's: the entry is needed by b.yaml only.
    const spec = (method: string) => withResponses('3.1', { 201: { $ref: 'shared.yaml#/Created' }, 400: { description: 'bad' } }, { method });
    const dir = project({ 'a.yaml': spec('put'), 'b.yaml': spec('post'), 'shared.yaml': { Created: { description: 'created', [IGNORE]: ['require-location'] } } });
    const all = (names: readonly string[]) => lint(names.map((name) => join(dir, name)), { cwd: dir }).findings.map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`);
    for (const order of bothOrders(['a.yaml', 'b.yaml'])) expect(all(order)).toEqual([]);
    expect(all(['a.yaml'])).toEqual([`unused-suppression shared.yaml#/Created/${IGNORE}/0`]);
  });

  it('an entry in a shared file is not reported unused for one spec while its rule is off for another that uses it; a misspelt one is', () => {
    const spec = (path: string, status: string) => withResponses('3.1', { [status]: { $ref: 'shared.yaml#/TooMany' }, 400: { description: 'bad' } }, { path });
    const shared = { TooMany: { description: 'Too many', [IGNORE]: ['require-retry-after', 'require-retry-aftr'] } };
    const dir = project({ 'a.yaml': spec('/a', '429'), 'b.yaml': spec('/b', '200'), 'shared.yaml': shared });
    // a.yaml would need the entry for its 429, but its rules leave require-retry-after off; b.yaml uses the response as a 200.
    const rules = { rules: (path: string) => (path.endsWith('a.yaml') ? rulesWithout('require-retry-after') : defaultRules()) };
    const misspelt = `unused-suppression shared.yaml#/TooMany/${IGNORE}/1`;
    for (const order of bothOrders(['a.yaml', 'b.yaml'])) expect(lintSpecs(dir, order, rules)).toEqual([misspelt]);
    expect(lintSpecs(dir, ['b.yaml'], rules)).toEqual([`unused-suppression shared.yaml#/TooMany/${IGNORE}/0`, misspelt]);
  });

  it('an aliased entry in a shared file that one spec uses under one name is not reported unused for a spec that reaches it under another', () => {
    // B is A again, by a YAML alias: one written entry, which a.yaml needs for its 429.
    const spec = (path: string, status: string, name: string) => withResponses('3.1', { [status]: { $ref: `shared.yaml#/${name}` }, 400: { description: 'bad' } }, { path });
    const dir = project({ 'a.yaml': spec('/a', '429', 'A'), 'b.yaml': spec('/b', '200', 'B'), 'shared.yaml': 'A: &a\n  description: Too many\n  x-statuslint-ignore: [require-retry-after]\nB: *a\n' });
    for (const order of bothOrders(['a.yaml', 'b.yaml'])) expect(lintSpecs(dir, order)).toEqual([]);
    // Keyed where it is written, under A, though this run reaches it only as B.
    expect(lintSpecs(dir, ['b.yaml'])).toEqual([`unused-suppression shared.yaml#/A/${IGNORE}/0`]);
  });

  it('a list in a shared file that one spec reads is not reported as not read for a spec that reaches it inside another schema', () => {
    const shared = {
      Wrapper: { type: 'object', properties: { env: { type: 'object', [IGNORE]: ['no-error-in-success'], properties: { success: { type: 'boolean' }, error: { type: 'string' } } } } },
    };
    const spec = (path: string, name: string) => withResponses('3.0', { 200: jsonResponse('3.0', { $ref: `shared.yaml#/${name}` }), 400: { description: 'bad' } }, { path });
    const dir = project({ 'shared.yaml': shared, 'a.yaml': spec('/a', 'Wrapper/properties/env'), 'b.yaml': spec('/b', 'Wrapper') });
    for (const order of bothOrders(['a.yaml', 'b.yaml'])) expect(lintSpecs(dir, order)).toEqual([]);
    expect(lintSpecs(dir, ['b.yaml'])).toEqual([`unused-suppression shared.yaml#/Wrapper/properties/env/${IGNORE}`]);
  });

  it('is reported once for a shared response used by several operations and several specs', () => {
    const shared = { TooMany: { ...slow, headers: { 'Retry-After': { schema: { type: 'integer' } } }, [IGNORE]: ['require-retry-after'] } };
    const spec = withResponses('3.1', { 429: { $ref: 'shared.yaml#/TooMany' } });
    (spec.paths as Record<string, unknown>)['/b'] = { get: { responses: { 429: { $ref: 'shared.yaml#/TooMany' } } } };
    const dir = project({ 'openapi.yaml': spec, 'v2/openapi.yaml': { ...spec, paths: { '/c': { get: { responses: { 429: { $ref: '../shared.yaml#/TooMany' } } } } } }, 'shared.yaml': shared });
    expect(lintSpecs(dir, ['openapi.yaml', 'v2/openapi.yaml'])).toEqual([`unused-suppression shared.yaml#/TooMany/${IGNORE}/0`]);
  });
});

describe('suppressions scale with the spec, not with entries times findings', () => {
  // Counted reads instead of timings: a list on each of thousands of operations used to make
  // every finding look at every entry for its rule, and every unused entry at every finding.
  const file = { path: '/project/openapi.yaml' } as unknown as SourceFile;
  const located = (pointer: string): Located => ({ file, pointer, value: {} });
  const counted = <T extends object>(target: T, key: keyof T, counter: { reads: number }): T => {
    const value = target[key];
    Object.defineProperty(target, key, { get: () => (counter.reads++, value), enumerable: true });
    return target;
  };
  const N = 2_000;
  const scopes = Array.from({ length: N }, (_, index) => located(`/paths/~1p${index}/get`));
  const finding = (at: Located, counter: { reads: number }): RawFinding =>
    counted({ ruleId: 'no-unknown-status', messageId: 'm', severity: 'warning', message: 'm', at, operation: undefined, status: undefined, fix: undefined }, 'ruleId', counter);
  const entries = (counter: { reads: number }) =>
    scopes.map((scope) => counted({ rule: 'no-unknown-status', at: located(`${scope.pointer}/x-statuslint-ignore/0`), scope, list: ['no-unknown-status'], index: 0, used: false }, 'scope', counter));
  const suppressions = (list: ReturnType<typeof entries>): Suppressions => ({ entries: list, invalid: [], uses: new Map(), misplaced: [] });

  it('an entry on each operation silences its own finding, looking at a few entries per finding', () => {
    const entryReads = { reads: 0 };
    const findingReads = { reads: 0 };
    const findings = scopes.map((scope) => finding(located(`${scope.pointer}/responses/299`), findingReads));
    const kept = applySuppressions(suppressions(entries(entryReads)), findings, new Set(['no-unknown-status']));
    expect(kept).toEqual([]);
    expect(entryReads.reads).toBeLessThan(10 * N);
  });

  it('lists in a shared file that are not read are placed by the pointers above each, not by every node the spec uses there', () => {
    // A parameter with a list in common.yaml for each of N operations: each list used to be
    // looked for in every parameter the spec names there.
    const common: Record<string, object> = {};
    const paths: Record<string, object> = {};
    for (let index = 0; index < N; index++) {
      common[`P${index}`] = { name: `q${index}`, in: 'query', schema: { type: 'string' }, [IGNORE]: ['require-retry-after'] };
      paths[`/p${index}`] = { get: { parameters: [{ $ref: `common.yaml#/P${index}` }], responses: { 200: { description: 'ok' }, 400: { description: 'bad' } } } };
    }
    const dir = project({ 'openapi.yaml': { openapi: '3.0.3', info: { title: 't', version: '1' }, paths }, 'common.yaml': common });
    const pointerReads = { reads: 0 };
    const deref = Workspace.prototype.deref;
    const spy = vi.spyOn(Workspace.prototype, 'deref').mockImplementation(function (this: Workspace, node) {
      const found = deref.call(this, node);
      if (!found || found.file.path !== join(dir, 'common.yaml')) return found;
      const pointer = found.pointer;
      return Object.defineProperty({ ...found }, 'pointer', { get: () => (pointerReads.reads++, pointer), enumerable: true });
    });
    try {
      const findings = lint([join(dir, 'openapi.yaml')], { cwd: dir }).findings.filter((finding) => finding.ruleId === 'unused-suppression');
      expect(findings).toHaveLength(N);
    } finally {
      spy.mockRestore();
    }
    expect(pointerReads.reads).toBeLessThan(20 * N);
  });

  it('more lists, or entries, than a call takes arguments (200,000 tags with a list each; one list of 200,000) are reported or used, not an internal error', () => {
    const tags = Array.from({ length: 200_000 }, (_, index) => ({ name: `t${index}`, [IGNORE]: ['a'] }));
    const text = JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, tags, paths: { '/a': { get: { responses: { 200: { description: 'ok' }, 400: { description: 'bad' } } } } } });
    const dir = project({ 'openapi.json': text });
    const result = lint([join(dir, 'openapi.json')], { cwd: dir });
    expect(result.internalErrors).toEqual([]);
    expect(result.findings.filter((finding) => finding.ruleId === 'unused-suppression')).toHaveLength(tags.length);
    // And one list that names the rule of a finding it covers 200,000 times: each is used.
    const repeated = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { [IGNORE]: Array(200_000).fill('require-retry-after'), responses: { 200: { description: 'ok' }, 400: { description: 'bad' }, 429: slow } } } } };
    const again = project({ 'openapi.json': JSON.stringify(repeated) });
    const silenced = lint([join(again, 'openapi.json')], { cwd: again });
    expect(silenced.internalErrors).toEqual([]);
    expect(silenced.findings).toEqual([]);
  });

  it('unused entries are reported without looking through every finding for each', () => {
    const entryReads = { reads: 0 };
    const findingReads = { reads: 0 };
    // Findings of the same rule elsewhere (components), reached from no operation with an entry.
    const findings = scopes.map((_, index) => finding(located(`/components/responses/R${index}`), findingReads));
    const reachedFrom = new Map(findings.map((each) => [each, new Set([located('/paths/~1other/get')])]));
    const kept = applySuppressions(suppressions(entries(entryReads)), findings, new Set(['no-unknown-status']), {}, { reachedFrom });
    expect(kept.filter((each) => each.ruleId === 'unused-suppression')).toHaveLength(N);
    expect(kept.filter((each) => each.ruleId === 'no-unknown-status')).toHaveLength(N);
    expect(entryReads.reads + findingReads.reads).toBeLessThan(20 * N);
  });
});
