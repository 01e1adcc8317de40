import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCli } from './cli-harness.js';

const fixturesDir = join(projectRoot, 'fixtures');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `file:line rule-id` for every `# expect: rule-id` comment in a fixture folder. */
function expectedMarkers(folder: string): string[] {
  const markers: string[] = [];
  for (const path of filesUnder(folder).filter((file) => /\.ya?ml$/.test(file))) {
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const match of line.matchAll(/# expect: ([a-z0-9-]+)/g)) markers.push(`${relative(projectRoot, path)}:${index + 1} ${match[1]}`);
      });
  }
  return markers.sort();
}

const cases = readdirSync(fixturesDir).filter((name) => name !== 'invalid' && statSync(join(fixturesDir, name)).isDirectory());

describe('fixtures: findings match their # expect: markers', () => {
  for (const name of cases) {
    const folder = join(fixturesDir, name);
    const roots = readdirSync(folder).filter((file) => /^(openapi|swagger)\.(ya?ml|json)$/.test(file));
    it(name, async () => {
      expect(roots.length).toBeGreaterThan(0);
      const run = await runCli(['--format', 'json', '--fail-on', 'none', ...roots.map((root) => join('fixtures', name, root))]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const { findings, summary } = JSON.parse(run.stdout) as { findings: Array<{ file: string; line: number; ruleId: string }>; summary: { files: number } };
      expect(summary.files).toBe(roots.length);
      expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort()).toEqual(expectedMarkers(folder));
    });
  }
});

describe('README', () => {
  it("shows the Quick start command's real output", async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const shown = /```text\n(fixtures\/petstore\/openapi\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
    const run = await runCli(['fixtures/petstore/openapi.yaml']);
    expect(shown).toBe(run.stdout);
    expect(run.code, 'the exit code the Quick start names').toBe(1);
  });
});
