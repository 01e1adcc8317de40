import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { project, projectRoot, runCli } from './cli-harness.js';

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

  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  /** The `## Usage` section, up to its first subsection. */
  const usage = readme.slice(readme.indexOf('\n## Usage\n'), readme.indexOf('\n### Exit codes\n'));

  it('the Usage table names every option --help lists, and no other, with the same choices and defaults', async () => {
    const help = (await runCli(['--help'])).stdout;
    const options = help.slice(help.indexOf('\nOptions:\n'), help.indexOf('\nCommands:\n')).replace(/\n {20,}/g, ' ');
    // `-f, --format <format>  output format (choices: "text", …, default: "text")`
    const helpRows = [...options.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)(?: <[\w=-]+>)? +(.*)$/gm)].map(([, short, long, text]) => ({ short, long: long!, text: text! }));
    const tableRows = [...usage.matchAll(/^\| `([^|]*(?:\\\|[^|]*)*)` \|(.*)\|$/gm)].map(([, flags, meaning]) => ({ flags: flags!, meaning: meaning! }));
    const tableFlags = new Set(tableRows.flatMap((row) => [...row.flags.matchAll(/(?:^|[ `])(--?[\w-]*)/g)].map((match) => match[1]!)));
    // --no-config is written in the row of --config, which it goes with.
    for (const flag of [...usage.matchAll(/`(--no-[\w-]+)`/g)].map((match) => match[1]!)) tableFlags.add(flag);
    expect(helpRows.length).toBeGreaterThan(20);
    for (const { short, long } of helpRows) {
      expect(tableFlags, long).toContain(long);
      if (short) expect(tableFlags, short).toContain(short);
    }
    const known = new Set(helpRows.flatMap(({ short, long }) => (short ? [short, long] : [long])));
    expect([...tableFlags].filter((flag) => !known.has(flag))).toEqual(['-', '--']);
    for (const { long, text } of helpRows) {
      const row = tableRows.find((candidate) => new RegExp(`(^|, )${long}\\b(?!-)`).test(candidate.flags))!;
      const choices = /choices: ((?:"[^"]+"(?:, )?)+)/.exec(text)?.[1];
      if (choices) expect(/<(.*)>/.exec(row.flags)?.[1]?.split('\\|'), long).toEqual([...choices.matchAll(/"([^"]+)"/g)].map((match) => match[1]));
      const byDefault = /default: "([^"]+)"/.exec(text)?.[1] ?? /e\.g\. (\w+) \(the default\)/.exec(text)?.[1];
      if (byDefault) expect(row.meaning, long).toContain(`(default \`${byDefault}\``);
    }
  });

  it("every Usage example, and every Example of --help, runs as written; every version the README pins is the package version", async () => {
    const block = /```sh\n([\s\S]*?)```/.exec(usage)![1]!.trimEnd().split('\n');
    const petstore = readFileSync(join(fixturesDir, 'petstore/openapi.yaml'), 'utf8');
    const dir = project({ 'openapi.yaml': petstore, 'api.yaml': petstore, 'other.json': JSON.stringify(parse(petstore)), 'specs/a.yaml': petstore, 'apis/orders/v1.yaml': petstore });
    for (const line of block) {
      const command = line.replace(/\s+# .*$/, '');
      const piped = /^(.*?) \| (.*)$/.exec(command);
      const words = [...(piped?.[2] ?? command).matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
      expect(words.slice(0, 2), line).toEqual(['npx', 'statuslint']);
      const run = await runCli(words.slice(2), { cwd: dir, stdin: piped ? petstore : undefined });
      expect([run.code, run.stderr], line).toEqual([words[2] === 'rules' || words[2] === 'explain' || words[2] === 'init' ? 0 : 1, expect.not.stringMatching(/^statuslint: (?!skipped|wrote)/m)]);
      if (!words.includes('--output')) expect(run.stdout, line).not.toBe('');
    }
    expect(existsSync(join(dir, 'statuslint.sarif')), 'the sarif example writes its --output').toBe(true);
    expect(existsSync(join(dir, 'statuslint.config.yaml')), 'init writes the starter config').toBe(true);
    // The Examples that --help ends with, in a project that has what they name.
    const help = (await runCli(['--help'])).stdout;
    const examples = help.slice(help.indexOf('\nExamples:\n') + 11).split('\n\n')[0]!.split('\n').map((line) => line.trim());
    expect(examples.length).toBeGreaterThan(3);
    const other = project({ 'openapi.yaml': petstore, 'specs/a.yaml': petstore, 'apis/orders/openapi.yaml': petstore, 'apis/users/openapi.json': JSON.stringify(parse(petstore)), 'api/openapi.yaml': petstore });
    expect((await runCli(['--write-baseline', 'statuslint-baseline.json', 'specs/'], { cwd: other })).code).toBe(0);
    for (const line of examples) {
      const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
      expect(words[0], line).toBe('statuslint');
      const run = await runCli(words.slice(1), { cwd: other });
      expect([run.code, run.stderr], line).toEqual([words.includes('--baseline') ? 0 : 1, expect.not.stringMatching(/^statuslint: (?!baseline)/m)]);
      if (line.includes('--rule require-retry-after=off')) {
        expect(run.stdout).not.toContain('require-retry-after');
        expect(run.stdout).toContain('apis/orders/openapi.yaml');
        expect(run.stdout).toContain('apis/users/openapi.json');
      }
    }
    expect(existsSync(join(other, 'statuslint.sarif'))).toBe(true);
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const pinned = [...readme.matchAll(/statuslint(?:\/statuslint)?@v?(\d[\w.-]*)/g)].map((match) => match[1]);
    expect(pinned.length).toBeGreaterThan(0);
    expect(new Set(pinned)).toEqual(new Set([version]));
  });
});

describe("where findings point in a split YAML spec (fixtures/yaml-styles)", () => {
  it("every format gives the same place, columns counted in UTF-16 code units, as SARIF's columnKind says", async () => {
    const spec = 'fixtures/yaml-styles/openapi.yaml';
    const json = JSON.parse((await runCli(['--format', 'json', '--fail-on', 'none', spec])).stdout) as {
      findings: Array<{ ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number }>;
    };
    const sarif = JSON.parse((await runCli(['--format', 'sarif', '--fail-on', 'none', spec])).stdout);
    const github = (await runCli(['--format', 'github', '--fail-on', 'none', spec])).stdout;
    const text = (await runCli(['--format', 'text', '--no-color', '--fail-on', 'none', spec])).stdout;
    // In a file with CRLF line ends and a byte-order mark, after a 🚀 (two UTF-16 code units,
    // one code point) on the same line: the `content` key of a 204.
    const finding = json.findings.find((each) => each.ruleId === 'no-body-on-no-content')!;
    expect(finding.file).toBe('fixtures/yaml-styles/paths/orders.yaml');
    const line = readFileSync(join(projectRoot, finding.file), 'utf8').split('\r\n')[finding.line - 1]!;
    expect(line.slice(finding.column - 1, finding.endColumn - 1)).toBe('content');
    expect([...line.slice(0, line.indexOf('content'))].length).toBe(finding.column - 2);
    expect(sarif.runs[0].columnKind).toBe('utf16CodeUnits');
    for (const each of json.findings) {
      const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === each.ruleId);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uri).toBe(each.file);
      expect(region).toEqual({ startLine: each.line, startColumn: each.column, endLine: each.endLine, endColumn: each.endColumn });
      expect(github).toContain(`file=${each.file},line=${each.line},col=${each.column},endLine=${each.endLine},endColumn=${each.endColumn},title=${each.ruleId}::`);
      expect(text).toMatch(new RegExp(`^  ${each.line}:${each.column} .* ${each.ruleId}$`, 'm'));
    }
    // The 429 written as an alias of an anchored '429', as a key, in a file reached by $ref.
    expect(json.findings.find((each) => each.ruleId === 'require-retry-after')).toMatchObject({ file: 'fixtures/yaml-styles/paths/order.yaml', line: 8, column: 5, endColumn: 14 });
  });
});
