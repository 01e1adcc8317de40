import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubReporter, workflowCommand } from '../../src/reporters/github.js';
import { expectGolden, reportLater, reportOf } from './helpers.js';

/** Reads a workflow command back as the runner does (actions/runner ActionCommand.TryParseV2). */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescapeData = (value: string) => value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProperty = (value: string) => unescapeData(value.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
  }
  return { command: match[1]!, properties, message: unescapeData(match[3]!) };
}

describe('github: escaping, as @actions/core does it', () => {
  it('escapes %, CR and LF in the message', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
  });

  it('also escapes : and , in properties', () => {
    expect(escapeProperty('C:\\specs\\a,b.yaml\n50%')).toBe('C%3A\\specs\\a%2Cb.yaml%0A50%25');
  });

  it.each([
    ['50%', '50%25', '50%25'],
    ['a\rb', 'a%0Db', 'a%0Db'],
    ['a\nb', 'a%0Ab', 'a%0Ab'],
    ['a:b', 'a:b', 'a%3Ab'],
    ['a,b', 'a,b', 'a%2Cb'],
    ['plain text', 'plain text', 'plain text'],
  ])('escapes %j alone: data %j, property %j', (value, data, property) => {
    expect(escapeData(value)).toBe(data);
    expect(escapeProperty(value)).toBe(property);
  });

  it('escapes % first, so an escape in the input is not read back as one', () => {
    expect(escapeData('%0A')).toBe('%250A');
    expect(parseCommand(workflowCommand('error', '%0A literally', undefined)).message).toBe('%0A literally');
  });

  it('round-trips odd file names, titles and messages through the runner parser', () => {
    const line = workflowCommand('warning', 'a: b, c\n50% %3A', { file: 'my specs/a,b:c%.yaml', line: 3, column: 5, endLine: 3, endColumn: 9 }, 'rule,id:x');
    expect(line.split('\n')).toHaveLength(1);
    expect(parseCommand(line)).toEqual({
      command: 'warning',
      properties: { file: 'my specs/a,b:c%.yaml', line: '3', col: '5', endLine: '3', endColumn: '9', title: 'rule,id:x' },
      message: 'a: b, c\n50% %3A',
    });
  });
});

describe('github: positions', () => {
  it('gives 1-based line and columns, endColumn exclusive, on one line', () => {
    expect(workflowCommand('error', 'm', { file: 'a.yaml', line: 81, column: 5, endLine: 81, endColumn: 17 }, 'r')).toBe('::error file=a.yaml,line=81,col=5,endLine=81,endColumn=17,title=r::m');
  });

  it('drops columns from a range over several lines, which the runner would refuse', () => {
    expect(workflowCommand('error', 'm', { file: 'a.yaml', line: 3, column: 5, endLine: 6, endColumn: 2 })).toBe('::error file=a.yaml,line=3,endLine=6::m');
  });

  it('writes a command without a place when there is none', () => {
    expect(workflowCommand('notice', 'm', undefined, 't')).toBe('::notice title=t::m');
  });
});

describe('github: the places the runner takes', () => {
  it.each([
    ['a file alone', { file: 'a.yaml' }, '::error file=a.yaml::m'],
    ['a line alone', { file: 'a.yaml', line: 4 }, '::error file=a.yaml,line=4::m'],
    ['a line and column with no end', { file: 'a.yaml', line: 4, column: 2 }, '::error file=a.yaml,line=4,col=2::m'],
    ['lines with no columns', { file: 'a.yaml', line: 4, endLine: 6 }, '::error file=a.yaml,line=4,endLine=6::m'],
    ['an empty range at the start column', { file: 'a.yaml', line: 4, column: 2, endLine: 4, endColumn: 2 }, '::error file=a.yaml,line=4,col=2,endLine=4,endColumn=2::m'],
    ['an end column before the start column, which the runner would refuse', { file: 'a.yaml', line: 4, column: 5, endLine: 4, endColumn: 2 }, '::error file=a.yaml,line=4,col=5::m'],
  ])('%s', (_, place, command) => {
    expect(workflowCommand('error', 'm', place)).toBe(command);
  });

  it('writes control characters and bidi overrides in a file name as \\u{…}, CR and LF as the runner reads them back', () => {
    const line = workflowCommand('warning', 'm', { file: 'specs/\u001b[31mred\u202e\u0085.yaml', line: 1 });
    expect(line).toBe('::warning file=specs/\\u{1b}[31mred\\u{202e}\\u{85}.yaml,line=1::m');
    expect(parseCommand(workflowCommand('warning', 'm', { file: 'specs/a\r\nb.yaml', line: 1 })).properties.file).toBe('specs/a\r\nb.yaml');
  });
});

describe('github: problems with the run', () => {
  const clean = { findings: [], files: ['openapi.yaml'], rules: [] };

  it('an internal error is an ::error, one with no file has no place; a warning is a ::warning', () => {
    const notifications = [
      { level: 'error' as const, internal: true, message: "internal error (rule 'x' failed: boom); please report it with --debug output", file: 'openapi.yaml', line: 3, column: 5 },
      { level: 'error' as const, message: 'no input given' },
      { level: 'warning' as const, message: "remote $ref 'https://example.com/x.yaml' is not fetched", file: 'openapi.yaml' },
    ];
    expect(githubReporter({ ...clean, notifications }, { color: false, cwd: '.' }).split('\n')).toEqual([
      "::error file=openapi.yaml,line=3,col=5,title=statuslint::internal error (rule 'x' failed: boom); please report it with --debug output",
      '::error title=statuslint::no input given',
      "::warning file=openapi.yaml,title=statuslint::remote $ref 'https://example.com/x.yaml' is not fetched",
      'statuslint: no problems in 1 file; 1 input error, 1 internal error',
      '',
    ]);
  });
});

describe('github reporter: goldens (reviewed by hand; UPDATE_GOLDEN=1 rewrites them)', () => {
  it('petstore and multi-file', () => {
    const { report, options } = reportOf(['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml']);
    expectGolden('petstore-multi-file.github.txt', githubReporter(report, options));
  });

  it('a clean spec', () => {
    const { report, options } = reportOf(['fixtures/clean/openapi.yaml']);
    expectGolden('clean.github.txt', githubReporter(report, options));
  });
});

describe('github reporter', () => {
  const both = reportLater(['fixtures/petstore/openapi.yaml', 'fixtures/multi-file/openapi.yaml']);
  // Made in each test, not when the file is collected: a mutant is then tried against every test
  // that runs it (see test/mutation/README.md), not against the whole suite.
  const annotate = () => {
    const { report, options } = both();
    const lines = githubReporter(report, options).trimEnd().split('\n');
    return { report, lines, commands: lines.slice(0, -1).map(parseCommand) };
  };

  it('writes one command per finding, errors first, then a summary line', () => {
    const { report, lines, commands } = annotate();
    expect(commands).toHaveLength(report.findings.length);
    expect(commands.map((command) => command.command)).toEqual([...commands.map((command) => command.command)].sort((a, b) => ['error', 'warning', 'notice'].indexOf(a) - ['error', 'warning', 'notice'].indexOf(b)));
    expect(new Set(commands.map((command) => command.command))).toEqual(new Set(['error', 'warning', 'notice']));
    // Two of the files with findings are not linted specs but files they reference.
    expect(lines.at(-1)).toBe('statuslint: 12 problems (2 errors, 7 warnings, 3 info) in 2 files and 2 files they reference');
  });

  it('titles each annotation with its rule id and leads the message with the operation', () => {
    const { commands } = annotate();
    expect(commands).toContainEqual({
      command: 'notice',
      properties: { file: 'fixtures/petstore/openapi.yaml', line: '23', col: '9', endLine: '23', endColumn: '14', title: 'probe-response' },
      message: 'GET /pets: 429 response seen.\r\nA second line, 50%.',
    });
  });

  it("points into $ref'd files", () => {
    const { commands } = annotate();
    expect(commands.filter((command) => command.properties.file === 'fixtures/multi-file/common/responses.yaml').map((command) => command.properties.line)).toEqual(['1', '3']);
  });
});
