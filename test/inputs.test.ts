import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExpandOptions, expandInputs } from '../src/inputs.js';
import { createProgress, showsProgress } from '../src/progress.js';
import { project, runCli } from './cli-harness.js';
import { clean, info, type Report, usesShared } from './inputs-specs.js';

/** The shape of a real repository: specs, fragments, unrelated YAML and JSON, tool folders. */
function repository(): string {
  return project({
    'specs/users/openapi.yaml': usesShared('../common/responses.yaml#/Unauthorized'),
    'specs/orders/openapi.json': JSON.stringify(usesShared('../common/responses.yaml#/Unauthorized')),
    'specs/common/responses.yaml': { Unauthorized: { description: 'no' } },
    // A fragment written as a valid document (some editors want that): referenced, so not a root.
    'specs/common/components.yaml': { openapi: '3.1.0', info, components: { schemas: { Id: { type: 'string' } } } },
    'specs/billing/openapi.yaml': { ...clean, components: { schemas: { Id: { $ref: '../common/components.yaml#/components/schemas/Id' } } } },
    // A components-only document nothing references is linted on its own.
    'specs/catalog/components.yaml': { openapi: '3.0.3', info, components: {} },
    'specs/docker-compose.yml': { services: { api: { image: 'api:1' } } },
    'specs/package.json': '{"name": "specs"}',
    'specs/chart/templates/deployment.yaml': 'spec:\n  replicas: {{ .Values.replicas }}\n  x: [\n',
    'specs/README.md': '# Specs\n',
    'specs/node_modules/some-package/openapi.yaml': usesShared('#/nope'),
    'specs/.cache/openapi.yaml': usesShared('#/nope'),
  });
}

async function lintJson(args: string[], cwd: string): Promise<{ code: number; stderr: string; report: Report }> {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as Report };
}

describe('a folder as input', () => {
  it('lints the OpenAPI documents below it; counts, and skips, everything else', async () => {
    const { code, stderr, report } = await lintJson(['specs'], repository());
    expect(stderr).toBe(
      'statuslint: skipped 3 files that are not OpenAPI (specs/chart/templates/deployment.yaml, specs/docker-compose.yml, specs/package.json) and 2 shared fragments (linted through the specs that reference them)\n',
    );
    expect(code).toBe(1);
    expect(report.summary.files).toBe(4);
    // The shared 401 is used by two specs and reported once, where it is written.
    const unauthorized = report.findings.filter((finding) => finding.ruleId === 'require-www-authenticate');
    expect(unauthorized.map((finding) => `${finding.ruleId} ${finding.file}#${finding.pointer}`)).toEqual([
      'require-www-authenticate specs/common/responses.yaml#/Unauthorized',
    ]);
  });

  it('a broken file that is meant to be a spec is still an error', async () => {
    const dir = project({ 'api/openapi.yaml': 'openapi: 3.1.0\ninfo: {title: t\n', 'api/good.yaml': clean });
    const run = await runCli(['api'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^statuslint: api\/openapi\.yaml:\d+:\d+: invalid YAML/);
    expect(run.stdout).toContain('no problems in 1 file');
  });

  it('a manifest that embeds a spec in a block scalar is skipped, though it does not parse', async () => {
    const dir = project({
      // A Helm template ({{ }} is not YAML) and a Kubernetes file of two documents.
      'deploy/templates/configmap.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-spec\ndata:\n  openapi.yaml: |\n    openapi: 3.0.0\n",
      'deploy/all.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  openapi.yaml: |\n    openapi: 3.0.0\n    info: {title: t}\n---\napiVersion: v1\nkind: Service\n',
      'deploy/openapi.yaml': clean,
      // A broken spec is still one, in block YAML after a byte-order mark, in flow YAML and in JSON.
      'deploy/bom.yaml': '\ufeffopenapi: 3.0.0\ninfo: {title: t\n',
      'deploy/flow.yaml': '{openapi: 3.0.0, info: {title: t\n',
      'deploy/broken.json': '{\n  "info": {"title": "x"},\n  "openapi": "3.0.0",\n',
    });
    const run = await runCli(['deploy'], { cwd: dir });
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.map((line) => line.replace(/: invalid .*/, ''))).toEqual([
      'statuslint: deploy/bom.yaml:3:1',
      'statuslint: deploy/broken.json:4:1',
      'statuslint: deploy/flow.yaml:2:1',
      'statuslint: skipped 2 files that are not OpenAPI (deploy/all.yaml, deploy/templates/configmap.yaml)',
    ]);
  });

  it('a data file over 512 MB in a folder is skipped as not OpenAPI, searched without being read whole', async () => {
    const dir = project({ 'api/openapi.yaml': clean, 'api/dump.json': '' });
    // Sparse: 520 MB of NULs, too long for one string, at no cost on disk.
    truncateSync(join(dir, 'api/dump.json'), 520 * 1024 * 1024);
    // Over 16 MB, searched in pieces too: the version key comes last, and makes it a spec.
    writeFileSync(join(dir, 'api/late.json'), `{"x-pad": "${'a'.repeat(20 * 1024 * 1024)}", "openapi": "3.0.3"`);
    const run = await runCli(['--max-file-size', '1mb', 'api'], { cwd: dir });
    expect(run.stderr).toBe(
      'statuslint: api/late.json: the file is 20 MiB, over the 1 MiB limit (raise it with --max-file-size)\nstatuslint: skipped 1 file that is not OpenAPI (api/dump.json)\n',
    );
    expect(run.code).toBe(2);
  });

  it('an unsupported version in a folder is an error, not a skip', async () => {
    const run = await runCli(['api'], { cwd: project({ 'api/old.yaml': 'swaggerVersion: "1.2"\napis: []\n', 'api/good.yaml': clean }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: api/old.yaml:1:1: Swagger 1.2 is not supported; convert it to Swagger 2.0 or OpenAPI 3\n');
  });

  it('a spec saved as UTF-16 or UTF-32 (with or without a byte-order mark) is reported, as when named, not skipped', async () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    const utf32le = Buffer.alloc(text.length * 4);
    for (let index = 0; index < text.length; index++) utf32le.writeUInt32LE(text.charCodeAt(index), index * 4);
    const dir = project({
      'api/a-utf16le-bom.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'api/b-utf16le.yaml': Buffer.from(text, 'utf16le'),
      'api/c-utf16be-bom.yaml': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
      'api/d-utf32le.yaml': utf32le,
      // Not a spec in any encoding: still skipped.
      'api/e-other-utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('port: 8080\n', 'utf16le')]),
      'api/good.yaml': clean,
    });
    const run = await runCli(['api'], { cwd: dir });
    expect(run.code).toBe(2);
    const refused = (name: string) => `statuslint: api/${name}: the file is UTF-16 (or UTF-32) text; save it as UTF-8`;
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      ...['a-utf16le-bom.yaml', 'b-utf16le.yaml', 'c-utf16be-bom.yaml', 'd-utf32le.yaml'].map(refused),
      'statuslint: skipped 1 file that is not OpenAPI (api/e-other-utf16.yaml)',
    ]);
    // Named directly: the same line.
    const named = await runCli(['api/b-utf16le.yaml'], { cwd: dir });
    expect(named.stderr).toBe(`${refused('b-utf16le.yaml')}\n`);
  });

  it('names the first three files it skips as not OpenAPI, and counts the rest', async () => {
    const run = await runCli(['config'], {
      cwd: project({ 'config/a.yaml': { a: 1 }, 'config/b.yaml': { b: 1 }, 'config/c.yaml': { c: 1 }, 'config/d.yaml': { d: 1 }, 'config/e.yaml': { e: 1 }, 'config/spec.yaml': clean }),
    });
    expect(run.stderr).toBe('statuslint: skipped 5 files that are not OpenAPI (config/a.yaml, config/b.yaml, config/c.yaml and 2 more)\n');
  });

  it('a folder with no OpenAPI document is a usage error', async () => {
    const run = await runCli(['config'], { cwd: project({ 'config/app.yaml': { port: 8080 } }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("statuslint: skipped 1 file that is not OpenAPI (config/app.yaml)\nstatuslint: no OpenAPI document found in 'config'\n");
  });

  it('a file or folder whose name is not UTF-8 is an input error, never passed over', async () => {
    const dir = project({ 'specs/ok.yaml': clean });
    // Latin-1 names, as an old archive leaves them: Node reads the byte 0xE9 as U+FFFD.
    const latin1 = (name: string) => Buffer.concat([Buffer.from(join(dir, 'specs', name)), Buffer.from([0xe9])]);
    mkdirSync(latin1('caf'));
    writeFileSync(Buffer.concat([latin1('caf'), Buffer.from('/openapi.yaml')]), JSON.stringify(clean));
    writeFileSync(Buffer.concat([latin1('r'), Buffer.from('.yaml')]), JSON.stringify(clean));
    for (const input of ['specs', 'specs/**/*.yaml']) {
      const run = await runCli([input], { cwd: dir });
      expect(run.code, input).toBe(2);
      expect(run.stderr, input).toBe(
        'statuslint: specs/caf\uFFFD: its name is not valid UTF-8, so it cannot be opened by that name; rename it\n' +
          'statuslint: specs/r\uFFFD.yaml: its name is not valid UTF-8, so it cannot be opened by that name; rename it\n',
      );
    }
  });

  it('when nothing is found, names the dot folders and node_modules it did not search', async () => {
    const dir = project({ 'tools/node_modules/pkg/openapi.yaml': clean, 'tools/.generated/openapi.yaml': clean, 'tools/README.md': '# Tools\n' });
    const note = 'node_modules and folders whose name starts with a dot are not searched unless named (here: tools/.generated, tools/node_modules)';
    const folder = await runCli(['tools'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`statuslint: no OpenAPI document found in 'tools'; ${note}\n`);
    const glob = await runCli(['tools/**/*.yaml'], { cwd: dir });
    expect(glob.code).toBe(2);
    expect(glob.stderr).toBe(`statuslint: no files match 'tools/**/*.yaml'; ${note}\n`);
    // Named, they are searched.
    expect((await runCli(['tools/.generated', 'tools/.*/openapi.yaml', 'tools/node_modules'], { cwd: dir })).code).toBe(0);
  });

  it('names at most three folders it did not search, and only those where the glob that found nothing could match', async () => {
    const dir = project({
      'tools/.a/openapi.yaml': clean,
      'tools/.b/openapi.yaml': clean,
      'tools/.c/openapi.yaml': clean,
      'tools/node_modules/pkg/openapi.yaml': clean,
      'specs/openapi.yaml': clean,
      'specs/.cache/openapi.yaml': clean,
    });
    const glob = await runCli(['tools/**/*.yaml'], { cwd: dir });
    expect(glob.stderr).toBe("statuslint: no files match 'tools/**/*.yaml'; node_modules and folders whose name starts with a dot are not searched unless named (here: tools/.a, tools/.b, tools/.c and 1 more)\n");
    // A folder the glob could not match in is not one it passed over.
    const shallow = await runCli(['tools/*.yaml'], { cwd: dir });
    expect(shallow.stderr).toBe("statuslint: no files match 'tools/*.yaml'\n");
    // specs/.cache, passed over for the folder before it, says nothing about this glob.
    const later = await runCli(['specs', 'other/*.yaml'], { cwd: dir });
    expect(later.stderr).toBe("statuslint: no files match 'other/*.yaml'\n");
  });

  it("a folder or glob whose every file 'ignore' covers is named in a warning, as an ignored file is", async () => {
    const dir = project({ 'statuslint.config.yaml': { ignore: ['vendor/'] }, 'specs/openapi.yaml': clean, 'vendor/stripe/openapi.yaml': clean });
    const run = await runCli(['specs', 'vendor', 'vendor/*/openapi.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "statuslint: warning: every file found in 'vendor' is ignored by statuslint.config.yaml; none linted\n" +
        "statuslint: warning: every file found in 'vendor/*/openapi.yaml' is ignored by statuslint.config.yaml; none linted\n",
    );
    // A folder that ignore only thins out says nothing.
    expect((await runCli(['.'], { cwd: dir })).stderr).toBe('');
  });

  it('a file named on the command line is linted even when a folder also holds it, once', async () => {
    const { report } = await lintJson(['specs', 'specs/users/openapi.yaml'], repository());
    expect(report.summary.files).toBe(4);
  });

  it('a spec reached through a linked folder and without one is linted under its own path, and configured so', async () => {
    const dir = project({
      'statuslint.config.yaml': { overrides: [{ files: ['specs/internal/**'], rules: { 'require-retry-after': 'off' } }] },
      'specs/internal/a.yaml': { openapi: '3.0.3', info, paths: { '/a': { get: { responses: { '200': { description: 'ok' }, '404': { description: 'no' }, '429': { description: 'slow' }, '503': { description: 'down' } } }, post: { responses: { '201': { description: 'created' }, '400': { description: 'bad' } } } } } },
    });
    // 'a-link' sorts before 'specs': the link used to be walked first and the real path dropped.
    symlinkSync(join(dir, 'specs'), join(dir, 'a-link'));
    for (const input of ['.', '**/a.yaml']) {
      const { report } = await lintJson([input], dir);
      expect(new Set(report.findings.map((finding) => finding.file)), input).toEqual(new Set(['specs/internal/a.yaml']));
      expect(report.findings.some((finding) => finding.ruleId === 'require-retry-after'), input).toBe(false);
    }
    // A folder reached only through a link is still linted.
    const { report } = await lintJson(['a-link'], dir);
    expect(new Set(report.findings.map((finding) => finding.file))).toEqual(new Set(['a-link/internal/a.yaml']));
  });

  it("a folder linked beside its target ('latest -> v2') is linted once, under the target's path", async () => {
    const dir = project({ 'specs/v1/openapi.yaml': clean, 'specs/v2/openapi.yaml': usesShared('common.yaml#/Unauthorized'), 'specs/v2/common.yaml': { Unauthorized: { description: 'no' } } });
    symlinkSync('v2', join(dir, 'specs/latest'));
    // Quoted, expanded by the shell, or both folders named, in either order.
    for (const inputs of [['specs/*'], ['specs/latest', 'specs/v1', 'specs/v2'], ['specs/v1', 'specs/v2', 'specs/latest'], ['specs', 'specs/latest']]) {
      const { report } = await lintJson(inputs, dir);
      expect(report.summary.files, inputs.join(' ')).toBe(2);
      expect(report.findings.map((finding) => finding.file), inputs.join(' ')).toEqual(['specs/v2/common.yaml']);
    }
    // A file named through the link is linted as named, and not again as found in the folder;
    // the fragment it references, found in the folder too, is named as found there.
    const named = await lintJson(['specs/latest/openapi.yaml', 'specs'], dir);
    expect(named.report.summary.files).toBe(2);
    expect(named.report.findings.map((finding) => finding.file)).toEqual(['specs/v2/common.yaml']);
    // Named only through the link, it is reported under its real path.
    const only = await lintJson(['specs/latest/openapi.yaml'], dir);
    expect(only.report.findings.map((finding) => finding.file)).toEqual(['specs/v2/common.yaml']);
  });

  it('a link in a folder that points out of the project is refused, as such a $ref is', async () => {
    const outside = project({ 'secret.yaml': { openapi: '3.0.3', info, paths: { '/internal-admin': { get: { responses: { '429': { description: 'x' } } } } } }, 'more/openapi.yaml': clean });
    const dir = project({ 'specs/openapi.yaml': clean });
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'specs/linked.yaml'));
    symlinkSync(join(outside, 'more'), join(dir, 'specs/more'));
    const note = `a symbolic link takes it outside the project root ${dir}; pass --allow-external-refs to lint it`;
    for (const input of ['specs', 'specs/**/*.yaml']) {
      const run = await runCli(['--format', 'json', input], { cwd: dir });
      expect(run.code, input).toBe(2);
      expect(run.stderr, input).toBe(`statuslint: specs/linked.yaml: ${note}\nstatuslint: specs/more: ${note}\n`);
      // Nothing of the file is read, so nothing of it is reported.
      expect(run.stdout, input).not.toContain('internal-admin');
      expect((JSON.parse(run.stdout) as Report).summary.files, input).toBe(1);
    }
    // A glob that meets only the link says so, not that it matches nothing.
    const only = await runCli(['specs/linked.*'], { cwd: dir });
    expect(only.stderr).toBe(`statuslint: specs/linked.yaml: ${note}\n`);
    expect(only.code).toBe(2);
    expect((await lintJson(['--allow-external-refs', 'specs'], dir)).report.summary.files).toBe(3);
    // Named on the command line, a link is trusted, as a spec named from elsewhere is.
    expect((await lintJson(['specs/linked.yaml', 'specs/more'], dir)).report.summary.files).toBe(2);
  });

  it("an empty argument is a usage error, not the working directory ('statuslint \"$UNSET\"')", async () => {
    for (const arg of ['']) {
      const run = await runCli(['specs', arg], { cwd: repository() });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe("statuslint: an empty argument names no spec (an unset variable?); give a file, a folder or a glob, or '.' for the working directory\n");
    }
  });

  it('a file named on the command line must be OpenAPI', async () => {
    const run = await runCli(['specs/docker-compose.yml'], { cwd: repository() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("statuslint: specs/docker-compose.yml: not an OpenAPI document: no 'openapi' or 'swagger' version key at the top level\n");
  });

  it('never takes its own config, baseline or report for a spec', async () => {
    const dir = project({ 'statuslint.config.yaml': 'rules: {}\n', 'openapi.yaml': clean, 'baseline.json': '{}' });
    const run = await runCli(['--write-baseline', 'baseline.json', '--output', 'report.txt', '.'], { cwd: dir });
    expect(run.stderr).toBe('statuslint: wrote 0 entries to baseline.json\n');
    expect(run.code).toBe(0);
  });
});

describe('globs as input (quoted, so statuslint expands them)', () => {
  it("'specs/**/*.yaml' matches at any depth, fragments and non-specs skipped as in a folder", async () => {
    const { stderr, report } = await lintJson(['specs/**/*.yaml'], repository());
    expect(report.summary.files).toBe(3);
    expect(stderr).toBe('statuslint: skipped 1 file that is not OpenAPI (specs/chart/templates/deployment.yaml) and 2 shared fragments (linted through the specs that reference them)\n');
  });

  it("a glob that climbs out of the working directory, or is absolute, works as a path does (unlike in 'ignore' and 'overrides')", async () => {
    const root = project({ 'other/a.yaml': clean, 'other/b.yaml': clean, 'here/.keep': '' });
    for (const glob of ['../other/*.yaml', join(root, 'other', '*.yaml')]) {
      const { code, stderr, report } = await lintJson([glob], join(root, 'here'));
      expect([code, stderr], glob).toEqual([0, '']);
      expect(report.summary.files, glob).toBe(2);
    }
  });

  it("'specs/*/openapi.{yaml,json}' and several globs at once", async () => {
    const dir = repository();
    expect((await lintJson(['specs/*/openapi.{yaml,json}'], dir)).report.summary.files).toBe(3);
    expect((await lintJson(['specs/users/*.yaml', 'specs/orders/*.json'], dir)).report.summary.files).toBe(2);
  });

  it("a folder the glob matches is linted whole, as when the shell expands 'specs/*' to it", async () => {
    const dir = repository();
    const folders = await lintJson(['specs/*/'], dir);
    expect(folders.report.summary.files).toBe(4);
    // node_modules and dot folders stay skipped, as in a named folder.
    expect(folders.report.findings.map((finding) => finding.file)).not.toContainEqual(expect.stringMatching(/node_modules|\.cache/));
    expect((await lintJson(['specs/*'], dir)).report.summary.files).toBe(4);
    expect((await lintJson(['specs/u*'], dir)).report.summary.files).toBe(1);
  });

  it('a README or page that quotes a spec is skipped, not refused as a broken one; a spec without .yaml or .json is linted', async () => {
    const dir = project({
      'specs/README.md': "# Specs\n\nEach spec starts so:\n\n```yaml\nopenapi: 3.1.0\ninfo:\n  title: Orders\n```\n",
      'specs/index.html': `<html><body><script>\nconst spec = {"openapi": "3.0.0"};\n  Redoc.init(spec, {}\n</script></body></html>\n`,
      'specs/openapi': clean,
      'specs/broken.yaml': 'openapi: 3.1.0\ninfo: {title: t\n',
    });
    const run = await runCli(['--format', 'json', 'specs/*'], { cwd: dir });
    expect(run.stderr).toBe(
      'statuslint: specs/broken.yaml:3:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }\nstatuslint: skipped 2 files that are not OpenAPI (specs/README.md, specs/index.html)\n',
    );
    expect((JSON.parse(run.stdout) as Report).summary.files).toBe(1);
  });

  it("a folder whose name holds glob characters is reached by escaping them: 'api\\[v1]/*.yaml'", async () => {
    const dir = project({ 'api[v1]/openapi.yaml': clean, 'apiv/openapi.yaml': clean });
    const { code, report } = await lintJson(['api\\[v1]/*.yaml'], dir);
    expect(code).toBe(0);
    expect(report.summary.files).toBe(1);
  });

  it("an escaped name with no glob syntax left names that one file or folder: 'api\\[v1]/openapi.yaml', 'a\\*.yaml'", async () => {
    const slow = { openapi: '3.0.3', info, paths: { '/b': { get: { responses: { '200': { description: 'ok' }, '429': { description: 'Slow down' } } } } } };
    const dir = project({ 'api[v1]/openapi.yaml': slow, 'a*.yaml': slow, 'ab.yaml': slow });
    for (const [arg, file] of [
      ['api\\[v1]/openapi.yaml', 'api[v1]/openapi.yaml'],
      ['api\\[v1]', 'api[v1]/openapi.yaml'],
      ['a\\*.yaml', 'a*.yaml'],
    ]) {
      const { code, stderr, report } = await lintJson([arg!], dir);
      expect(stderr, arg).toBe('');
      expect(code, arg).toBe(0);
      expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}`), arg).toEqual([`${file} require-retry-after`]);
    }
    // Spelt with its backslash, a name that does not exist either way is still not found as typed.
    const missing = await runCli(['a\\?.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    const nothing = await runCli(['x\\*.yaml'], { cwd: dir });
    expect(nothing.stderr).toBe('statuslint: x\\*.yaml: no such file\n');
  });

  it('a dot folder or node_modules is searched when the glob names it, never through * or **', async () => {
    const dir = project({
      'site/.well-known/openapi.yaml': clean,
      'api/.well-known/openapi.yaml': clean,
      'api/v1/openapi.yaml': clean,
      'api/.cache/openapi.yaml': clean,
      '.git/openapi.yaml': clean,
      'vendor/node_modules/pkg/openapi.yaml': clean,
    });
    /** How many specs the glob lints; 0 when it matches none. */
    const files = async (glob: string) => {
      const run = await runCli(['--format', 'json', glob], { cwd: dir });
      return run.stdout === '' ? 0 : (JSON.parse(run.stdout) as Report).summary.files;
    };
    expect(await files('**/.well-known/openapi.yaml')).toBe(2);
    expect(await files('api/.*/openapi.yaml')).toBe(2);
    expect(await files('api/{.cache,v1}/*.yaml')).toBe(2);
    expect(await files('**/openapi.yaml')).toBe(1);
    expect(await files('api/*')).toBe(1);
    expect(await files('vendor/node_modules/**/*.yaml')).toBe(1);
    expect(await files('vendor/**/*.yaml')).toBe(0);
  });

  it('a glob that matches nothing, or cannot be read, is a usage error', async () => {
    const dir = repository();
    const none = await runCli(['apis/**/*.yaml'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("statuslint: no files match 'apis/**/*.yaml'\n");
    const negated = await runCli(['specs', '!specs/common/**'], { cwd: dir });
    expect(negated.code).toBe(2);
    expect(negated.stderr).toBe("statuslint: no files match '!specs/common/**': a glob cannot be negated; leave files out with 'ignore' in the configuration\n");
    const bad = await runCli(['specs/[abc.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("statuslint: invalid glob: '[abc.yaml' has an unclosed '['\n");
  });

  it('a reversed range is a usage error, not an internal one', async () => {
    const run = await runCli(['[z-a].yaml'], { cwd: repository() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("statuslint: invalid glob: '[z-a].yaml' has a reversed range 'z-a'; write 'a-z'\n");
  });

  it('a pattern that made the old matcher backtrack for minutes is answered at once', async () => {
    const dir = project({ [`g/${'a'.repeat(240)}.yaml`]: clean });
    const started = performance.now();
    const run = await runCli(['g/*a*a*a*a*a*a*b.yaml'], { cwd: dir });
    expect(run.stderr).toBe("statuslint: no files match 'g/*a*a*a*a*a*a*b.yaml'\n");
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('progress on a terminal', () => {
  // A clock that advances a second per reading, so every update is past the delay.
  const ticking = () => {
    let time = 0;
    return () => (time += 1000);
  };

  it('is drawn on stderr, then erased before the report', async () => {
    const run = await runCli(['specs'], { cwd: repository(), stderrTty: true, now: ticking() });
    expect(run.stderr).toContain('\r\u001b[Kstatuslint: linted 1/');
    expect(run.stderr).toMatch(/\r\u001b\[K(statuslint: skipped[^\r]*)?$/);
    expect(run.stdout).not.toContain('\r');
  });

  it('is never drawn in CI, into a pipe or on a dumb terminal', async () => {
    for (const options of [{ stderrTty: false }, { stderrTty: true, env: { CI: 'true' } }, { stderrTty: true, env: { TERM: 'dumb' } }]) {
      const run = await runCli(['specs'], { cwd: repository(), now: ticking(), ...options });
      expect(run.stderr).not.toContain('\r');
    }
  });

  it('waits before drawing, and redraws at most every interval', () => {
    let time = 0;
    const written: string[] = [];
    const progress = createProgress(true, { write: (text) => written.push(text), now: () => time, delayMs: 500, intervalMs: 100 });
    progress.update(1, 10);
    time = 600;
    progress.update(2, 10);
    time = 650;
    progress.update(3, 10);
    time = 800;
    progress.update(4, 10);
    progress.clear();
    expect(written).toEqual(['\r\u001b[Kstatuslint: linted 2/10 files', '\r\u001b[Kstatuslint: linted 4/10 files', '\r\u001b[K']);
    expect(showsProgress(true, { CI: 'false' })).toBe(true);
    expect(showsProgress(true, { CI: '1' })).toBe(false);
  });

  it('by default waits half a second and redraws at most every 100 ms; says nothing once all are done; erases only what it drew', () => {
    let time = 1_000;
    const written: string[] = [];
    const progress = createProgress(true, { write: (text) => written.push(text), now: () => time, verb: 'validated' });
    progress.clear();
    time = 1_499;
    progress.update(1, 12_345);
    time = 1_500;
    progress.update(2, 12_345);
    time = 1_599;
    progress.update(3, 12_345);
    time = 1_600;
    progress.update(1_234, 12_345);
    time = 2_000;
    progress.update(12_345, 12_345);
    progress.clear();
    progress.clear();
    expect(written).toEqual(['\r\u001b[Kstatuslint: validated 2/12,345 files', '\r\u001b[Kstatuslint: validated 1,234/12,345 files', '\r\u001b[K']);
  });

  it.each([
    [{}, true],
    [{ CI: '' }, true],
    [{ CI: '0' }, true],
    [{ CI: 'false' }, true],
    [{ CI: 'true' }, false],
    [{ CI: '1' }, false],
    [{ TERM: 'dumb' }, false],
    [{ TERM: 'xterm-256color' }, true],
  ])('is shown on a terminal with %j', (env, shown) => {
    expect(showsProgress(true, env)).toBe(shown);
    expect(showsProgress(false, env)).toBe(false);
  });

  it('when not shown, writes nothing at all', () => {
    const written: string[] = [];
    const progress = createProgress(false, { write: (text) => written.push(text), now: () => 10_000, delayMs: 0 });
    progress.update(1, 10);
    progress.clear();
    expect(written).toEqual([]);
  });
});

describe('expandInputs: the files a run lints, from what the user typed', () => {
  const expand = (cwd: string, args: string[], options: Omit<ExpandOptions, 'cwd'> = {}) => {
    const inputs = expandInputs(args, { cwd, ...options });
    const shown = (paths: Iterable<string>) => [...paths].map((path) => relative(cwd, path));
    return { ...inputs, files: shown(inputs.files), discovered: shown(inputs.discovered), ownFilesFound: shown(inputs.ownFilesFound), ignored: shown(inputs.ignored) };
  };

  it('lists each file once, in the order given, whether named, found by a folder or a glob, or both', () => {
    const cwd = project({ 'specs/a.yaml': clean, 'specs/b.yaml': clean, 'specs/c.json': clean });
    const inputs = expand(cwd, ['specs/c.json', 'specs', 'specs/*.yaml', 'specs/b.yaml']);
    expect(inputs.files).toEqual(['specs/c.json', 'specs/a.yaml', 'specs/b.yaml']);
    // Named files are linted as named: a non-spec among them is refused, not skipped.
    expect(inputs.discovered).toEqual(['specs/a.yaml']);
    // A folder named may lend its files to the specs in it; a glob's base folder does not.
    expect(inputs.namedFolders).toEqual([join(cwd, 'specs')]);
    expect(expand(cwd, ['specs/*.yaml', 'specs']).files).toEqual(['specs/a.yaml', 'specs/b.yaml', 'specs/c.json']);
  });

  // src/spec-files.ts: what a folder is searched for.
  it('a folder gives its .yaml, .yml and .json files in any letter case, not backups or other extensions', () => {
    const cwd = project({
      'specs/a.yaml': clean,
      'specs/b.yml': clean,
      'specs/c.json': clean,
      'specs/D.YAML': clean,
      'specs/E.Json': clean,
      'specs/a.yaml.bak': clean,
      'specs/a.json~': clean,
      'specs/a.jsonc': clean,
      'specs/notes.txt': clean,
    });
    expect(expand(cwd, ['specs']).files).toEqual(['specs/D.YAML', 'specs/E.Json', 'specs/a.yaml', 'specs/b.yml', 'specs/c.json']);
  });

  it("takes neither statuslint's own files nor another folder's configuration for specs, unless named", () => {
    const cwd = project({ 'specs/a.yaml': clean, 'specs/baseline.json': '{}', 'specs/team/statuslint.config.yaml': 'rules: {}\n', 'specs/team/.statuslintrc.json': '{}' });
    const own = new Set([join(cwd, 'specs/baseline.json')]);
    const found = expand(cwd, ['specs', 'specs/*.json'], { exclude: own });
    expect(found.files).toEqual(['specs/a.yaml']);
    // Named once, however often found.
    expect(found.ownFilesFound).toEqual(['specs/baseline.json']);
    expect(expand(cwd, ['specs']).files).toEqual(['specs/a.yaml', 'specs/baseline.json']);
    expect(expand(cwd, ['specs/team/statuslint.config.yaml']).files).toEqual(['specs/team/statuslint.config.yaml']);
  });

  it("counts what 'ignore' covers, and names the folders and globs it empties, not an empty folder", () => {
    const cwd = project({ 'specs/a.yaml': clean, 'vendor/x/openapi.yaml': clean, 'vendor/y/openapi.yaml': clean, 'vendor/y/notes.txt': '' });
    mkdirSync(join(cwd, 'empty'));
    const isIgnored = (path: string) => relative(cwd, path).startsWith('vendor/');
    const inputs = expand(cwd, ['specs', 'vendor', 'empty', 'vendor/x/*', 'vendor/y/openapi.yaml'], { isIgnored });
    expect(inputs.files).toEqual(['specs/a.yaml']);
    expect(inputs.ignoredFound).toBe(3);
    expect(inputs.ignoredInputs).toEqual(['vendor', 'vendor/x/*']);
    expect(inputs.ignored).toEqual(['vendor/y/openapi.yaml']);
    // Without an `ignore`, nothing is.
    expect(expand(cwd, ['vendor']).files).toEqual(['vendor/x/openapi.yaml', 'vendor/y/openapi.yaml']);
  });

  it('takes a path that names a file as that file, glob characters and all, and so the path --stdin-filepath gives', () => {
    const cwd = project({ 'a*.yaml': clean, 'ab.yaml': clean });
    expect(expand(cwd, ['a*.yaml']).files).toEqual(['a*.yaml']);
    expect(expand(cwd, ['a?.yaml']).files).toEqual(['a*.yaml', 'ab.yaml']);
    const stdin = join(cwd, 'pages/[id].yaml');
    expect(expand(cwd, ['pages/[id].yaml'], { literal: new Set([stdin]) }).files).toEqual(['pages/[id].yaml']);
  });

  it('lints a file reached through links once: as named, else by the path with the fewest links, else the first', () => {
    const cwd = project({ 'specs/v1/openapi.yaml': clean, 'specs/v2/openapi.yaml': clean, 'shared/x.yaml': clean });
    symlinkSync('v2', join(cwd, 'specs/latest'));
    expect(expand(cwd, ['specs/latest/openapi.yaml', 'specs']).files).toEqual(['specs/latest/openapi.yaml', 'specs/v1/openapi.yaml']);
    expect(expand(cwd, ['specs/latest/openapi.yaml', 'specs/v2']).files).toEqual(['specs/latest/openapi.yaml']);
    expect(expand(cwd, ['specs']).files).toEqual(['specs/v1/openapi.yaml', 'specs/v2/openapi.yaml']);
    // Two links to one file, one link each: the first.
    for (const name of ['one.yaml', 'two.yaml']) symlinkSync('../shared/x.yaml', join(cwd, 'specs', name));
    expect(expand(cwd, ['specs']).files).toEqual(['specs/one.yaml', 'specs/v1/openapi.yaml', 'specs/v2/openapi.yaml']);
  });

  it('ends on a link that loops back to a folder it is in, by folder or by glob', () => {
    const cwd = project({ 'specs/a.yaml': clean, 'specs/sub/b.yaml': clean });
    symlinkSync('..', join(cwd, 'specs/sub/up'));
    for (const input of ['specs', 'specs/**/*.yaml']) {
      const inputs = expand(cwd, [input]);
      expect(inputs.files, input).toEqual(['specs/a.yaml', 'specs/sub/b.yaml']);
      expect(inputs.failures, input).toEqual([]);
    }
  });

  it('takes a file whose name holds U+FFFD itself, written as UTF-8: only a name that is not UTF-8 cannot be opened', () => {
    const cwd = project({ 'specs/caf\uFFFD.yaml': clean });
    const inputs = expand(cwd, ['specs']);
    expect(inputs.failures).toEqual([]);
    expect(inputs.files).toEqual(['specs/caf\uFFFD.yaml']);
  });
});
