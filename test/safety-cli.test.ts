import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runBinary } from './cli-harness.js';

// These run the built CLI as a process (several threads, a working directory in no
// repository): a test file that spawns one is left out of mutation runs, so they stay apart
// from safety.test.ts, which runs the CLI in this process.

const HEAD = { openapi: '3.0.3', info: { title: 't', version: '1' } };
const unauthorized = (ref: string) => ({ ...HEAD, paths: { '/a': { get: { responses: { '401': { $ref: ref } } } } } });

function folder(name: string): string {
  return mkdtempSync(join(tmpdir(), `statuslint-${name}-`));
}

describe('a folder named from outside the project: its specs may use the files of its own project', () => {
  // `cd some/repo && statuslint /tmp/corpus`, where /tmp is in no repository: the user named
  // the corpus, every file of which is linted anyway, so its specs may reference one another's
  // files; but nothing outside it, nor through a link out of it.
  function layout(): { base: string; corpus: string; repo: string; plain: string } {
    const base = realpathSync(folder('named'));
    const files: Record<string, unknown> = {
      'corpus/mojaloop/api/openapi.yaml': { ...unauthorized('../components/schemas.yaml#/Unauthorized'), 'x-docs': { $ref: '../components/schemas.yaml#/Unauthorized' } },
      'corpus/mojaloop/components/schemas.yaml': { Unauthorized: { description: 'no' } },
      'corpus/cactus/v1/api/openapi.yaml': unauthorized('../../../mojaloop/components/schemas.yaml#/Unauthorized'),
      'corpus/signalk/openapi.yaml': unauthorized('./shared.yaml#/Unauthorized'),
      'corpus/signalk/shared.yaml': { Unauthorized: { description: 'no' } },
      'secret.yaml': { Unauthorized: { description: 'hunter2-secret' } },
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'plain/README.md': 'not a repository\n',
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(base, name)), { recursive: true });
      writeFileSync(join(base, name), typeof content === 'string' ? content : stringify(content));
    }
    return { base, corpus: join(base, 'corpus'), repo: join(base, 'repo'), plain: join(base, 'plain') };
  }
  const json = (stdout: string) => JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string }>; summary: { files: number } };
  /** Messages without the `:line:col` of the `$ref`, which the YAML writer decides. */
  const unplaced = (stderr: string) => stderr.replace(/(\.yaml):\d+:\d+: /g, '$1: ');

  it('a folder named from inside a repository or from a folder in none, on one thread and two, alike', () => {
    const { corpus, repo, plain } = layout();
    for (const cwd of [repo, plain]) {
      for (const input of [corpus]) {
        const reports = ['1', '2'].map((threads) => {
          const run = runBinary(['--format', 'json', input], { cwd, env: { STATUSLINT_THREADS: threads } });
          expect(run.stderr, `${input} from ${cwd}, ${threads} thread(s)`).not.toMatch(/outside the project root/);
          expect(run.code, run.stderr).toBe(1);
          return run.stdout;
        });
        expect(reports[1], `${input} from ${cwd}`).toBe(reports[0]);
        const report = json(reports[0]!);
        expect(report.summary.files).toBe(3);
        const challenges = report.findings.filter((finding) => finding.ruleId === 'require-www-authenticate');
        expect(new Set(challenges.map((finding) => relative(cwd, resolve(cwd, finding.file))))).toEqual(new Set([relative(cwd, join(corpus, 'mojaloop/components/schemas.yaml')), relative(cwd, join(corpus, 'signalk/shared.yaml'))]));
      }
    }
  });

  it('a file named directly or found by a glob keeps its own folder as its root: a glob names files, not the folder it searches', () => {
    const { corpus, repo } = layout();
    const spec = join(corpus, 'mojaloop/api/openapi.yaml');
    const refused = `statuslint: ${spec}: cannot resolve $ref '../components/schemas.yaml#/Unauthorized': it is outside the project root ${join(corpus, 'mojaloop/api')}; pass --allow-external-refs to follow it\n`;
    for (const input of [spec, join(corpus, 'mojaloop/api/*.yaml'), join(corpus, '**', 'openapi.yaml'), join(corpus, '*', 'api', 'openapi.yaml')]) {
      const run = runBinary(['--format', 'json', input], { cwd: repo });
      expect(run.code, input).toBe(2);
      expect(unplaced(run.stderr), input).toContain(refused);
    }
  });

  it('a $ref that climbs out of the named folder is refused as before, by lint and by --validate', () => {
    const { base, corpus, repo } = layout();
    writeFileSync(join(corpus, 'mojaloop/api/openapi.yaml'), stringify(unauthorized('../../../secret.yaml#/Unauthorized')));
    for (const threads of ['1', '2']) {
      const run = runBinary(['--format', 'json', corpus], { cwd: repo, env: { STATUSLINT_THREADS: threads } });
      expect(run.code).toBe(2);
      expect(unplaced(run.stderr)).toContain(`statuslint: ${join(corpus, 'mojaloop/api/openapi.yaml')}: cannot resolve $ref '../../../secret.yaml#/Unauthorized': it is outside the project root ${corpus}; pass --allow-external-refs to follow it\n`);
      expect(run.stdout).not.toContain('hunter2');
    }
    // An extension's `$ref`, which only --validate's schema checker follows.
    writeFileSync(join(corpus, 'mojaloop/api/openapi.yaml'), stringify({ ...unauthorized('../components/schemas.yaml#/Unauthorized'), 'x-leak': { $ref: '../../../secret.yaml' } }));
    const run = runBinary(['--validate', corpus], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`statuslint: ${join(corpus, 'mojaloop/api/openapi.yaml')}: cannot validate: a $ref (in an example or extension) names ${join(base, 'secret.yaml')}, outside the project root; pass --allow-external-refs to follow it\n`);
  });

  it('a symbolic link inside the named folder that points out of it is refused, as a file and through a $ref', () => {
    const { base, corpus, repo } = layout();
    symlinkSync(join(base, 'secret.yaml'), join(corpus, 'signalk/linked.yaml'));
    writeFileSync(join(corpus, 'signalk/openapi.yaml'), stringify(unauthorized('./linked.yaml#/Unauthorized')));
    const run = runBinary(['--format', 'json', corpus], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`statuslint: ${join(corpus, 'signalk/linked.yaml')}: a symbolic link takes it outside the project root ${corpus}; pass --allow-external-refs to lint it\n`);
    expect(unplaced(run.stderr)).toContain(`statuslint: ${join(corpus, 'signalk/openapi.yaml')}: cannot resolve $ref './linked.yaml#/Unauthorized': a symbolic link takes it outside the project root ${corpus}; pass --allow-external-refs to follow it\n`);
    expect(run.stdout).not.toContain('hunter2');
  });

  it('a named folder that holds the project (`statuslint ..`) lends the specs beside the project no wider root', () => {
    const { base, corpus, repo } = layout();
    writeFileSync(join(corpus, 'signalk/openapi.yaml'), stringify(unauthorized('../../secret.yaml#/Unauthorized')));
    for (const threads of ['1', '2']) {
      const run = runBinary(['--format', 'json', '..'], { cwd: repo, env: { STATUSLINT_THREADS: threads } });
      expect(run.code).toBe(2);
      expect(unplaced(run.stderr)).toContain(`cannot resolve $ref '../../secret.yaml#/Unauthorized': it is outside the project root ${join(corpus, 'signalk')}; pass --allow-external-refs to follow it\n`);
      expect(run.stdout).not.toContain('hunter2');
    }
    expect(base).toBe(dirname(repo));
  });

  it('--validate and --fix-dry-run take the same root, on one thread and two', () => {
    const { corpus, repo } = layout();
    const validated = runBinary(['--validate', '--format', 'json', corpus], { cwd: repo });
    expect(validated.stderr).not.toMatch(/outside the project root|cannot validate/);
    expect(validated.code).toBe(1);
    const diffs = ['1', '2'].map((threads) => {
      const run = runBinary(['--fix-dry-run', corpus], { cwd: repo, env: { STATUSLINT_THREADS: threads } });
      expect(run.stderr).not.toMatch(/outside the project root/);
      // The 401s are fixed; what no fix repairs (no success response) remains.
      expect(run.code).toBe(1);
      return run.stdout;
    });
    expect(diffs[1]).toBe(diffs[0]);
    expect(diffs[0]).toContain(`+++ b/${relative(repo, join(corpus, 'mojaloop/components/schemas.yaml'))}`);
    expect(diffs[0]).toContain('+    WWW-Authenticate:');
  });

  it('--cache does not replay for a narrower glob what a spec found in the folder was allowed', () => {
    const { corpus, repo } = layout();
    expect(runBinary(['--cache', '--format', 'json', corpus], { cwd: repo }).code).toBe(1);
    // Found by a glob too, so that only the root tells the two runs apart.
    const run = runBinary(['--cache', '--format', 'json', join(corpus, 'mojaloop/api/*.yaml')], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot resolve \$ref '\.\.\/components\/schemas\.yaml#\/Unauthorized': it is outside the project root/);
  });
});
