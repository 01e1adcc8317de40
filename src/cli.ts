import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { displayPath, LoadError, printable, UsageError } from './errors.js';
import { SEVERITIES, type Severity } from './engine/types.js';
import { defaultRules, lint } from './lint.js';
import { explainRule, listRules } from './rule-docs.js';
import { writeFileAtomic } from './output.js';
import { FORMATS, reporterFor, type Format } from './reporters/index.js';
import { validateStructure } from './validate.js';
import { projectRootFor, realPath } from './loader/project-root.js';
import { parseSize } from './size.js';
import { packageInfo } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTty: boolean;
}

const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTty: Boolean(process.stdout.isTTY),
});

type FailOn = Severity | 'none';

interface CliOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  color: boolean;
  debug?: boolean;
  validate?: boolean;
  maxFileSize?: number;
  allowExternalRefs?: boolean;
}

function buildProgram(io: CliIo, exit: { code: number }): Command {
  const program = new Command('statuslint')
    .description('Lint OpenAPI documents for HTTP status-code misuse.')
    .version(packageInfo().version, '-v, --version')
    .argument('[specs...]', 'OpenAPI documents (YAML or JSON)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)').choices([...SEVERITIES, 'none']).default('error'))
    .option('--no-color', 'never colour the output (also NO_COLOR=1)')
    .option('--validate', 'also check each spec against the official OpenAPI schema (slower)')
    .option('--max-file-size <size>', 'largest file read, e.g. 64mb (the default) or 200mb', (value) => parseSize(value))
    .option('--allow-external-refs', 'follow $refs to files outside the project root (the git top-level, else the working directory)')
    .option('--debug', 'print stack traces of internal errors')
    // `statuslint rules --format json` must reach the subcommand's own --format.
    .enablePositionalOptions()
    .showHelpAfterError('(run statuslint --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`statuslint: ${text.replace(/^error: /, '')}`),
    })
    .action(async (specs: string[], options: CliOptions) => {
      if (specs.length === 0) throw new UsageError('no spec given (run statuslint --help for usage)');
      exit.code = await run(specs, options, io);
    });
  program.addHelpText(
    'after',
    `
Commands:
  statuslint rules              list every rule with its id, severity and description
  statuslint explain <rule-id>  print a rule's documentation

Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, an input that could not be linted, or an internal error

Examples:
  statuslint openapi.yaml
  statuslint --format sarif --output statuslint.sarif specs/*.yaml`,
  );
  program
    .command('rules')
    .description('list every rule with its id, default severity and description')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((options: { format: 'text' | 'json' }) => {
      io.stdout(listRules(options.format));
    });
  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule-id>', 'the rule, e.g. require-www-authenticate')
    .action((ruleId: string) => {
      io.stdout(explainRule(ruleId));
    });
  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(run statuslint --help for usage)');
  }
  return program;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function fails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && RANK[severity] >= RANK[failOn];
}

/** Runs statuslint with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const exit = { code: EXIT_OK };
  const program = buildProgram(io, exit);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; every flag error is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    if (error instanceof LoadError) {
      io.stderr(`statuslint: ${error.describe(io.cwd)}\n`);
      return EXIT_ERROR;
    }
    if (error instanceof UsageError) {
      io.stderr(`statuslint: ${error.message}\n`);
      return EXIT_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`statuslint: internal error (${printable(message)}); please report it with --debug output\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

async function run(specs: string[], options: CliOptions, io: CliIo): Promise<number> {
  const enabled = defaultRules();
  const result = lint(specs.map((spec) => resolve(io.cwd, spec)), {
    rules: enabled,
    cwd: io.cwd,
    maxFileBytes: options.maxFileSize,
    allowExternalRefs: options.allowExternalRefs,
  });
  for (const notice of result.notices) {
    const where = notice.line !== undefined ? `:${notice.line}:${notice.column}` : '';
    io.stderr(`statuslint: warning: ${printable(`${notice.file}${where}: ${notice.message}`)}\n`);
  }
  if (options.validate) {
    for (const file of result.files) {
      const path = resolve(io.cwd, file);
      const problem = await validateStructure(path, { root: options.allowExternalRefs ? undefined : projectRootFor(path, io.cwd) });
      if (problem) result.failures.push(problem);
    }
  }
  for (const failure of result.failures) io.stderr(`statuslint: ${failure.describe(io.cwd)}\n`);
  for (const bug of result.internalErrors) {
    const where = bug.ruleId ? ` in rule '${bug.ruleId}' at ${bug.at ?? bug.file}` : ` while linting ${bug.file}`;
    io.stderr(`statuslint: internal error${printable(where)} (${printable(bug.message)}); please report it with --debug output\n`);
    if (options.debug && bug.error instanceof Error && bug.error.stack) io.stderr(`${bug.error.stack}\n`);
  }

  const color = options.color && !options.output && io.stdoutIsTty && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  const reporter = reporterFor(options.format);
  const text = reporter({ findings: result.findings, files: result.files, rules: enabled.map((entry) => entry.rule) }, { color, cwd: io.cwd });
  if (options.output && (result.files.length > 0 || result.failures.length === 0)) {
    refuseToOverwriteInput(resolve(io.cwd, options.output), result.readPaths, io.cwd);
    try {
      writeFileAtomic(resolve(io.cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${displayPath(resolve(io.cwd, options.output), io.cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else if (result.files.length > 0 || result.failures.length === 0) {
    // With nothing linted, a report would only claim "no problems" about files never read.
    io.stdout(text);
  }
  if (result.failures.length > 0 || result.internalErrors.length > 0) return EXIT_ERROR;
  return result.findings.some((finding) => fails(finding.severity, options.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}


/** The report must never replace a spec or a file a spec references. */
function refuseToOverwriteInput(output: string, inputs: readonly string[], cwd: string): void {
  const target = realPath(output);
  if (inputs.some((input) => realPath(input) === target)) {
    throw new UsageError(`refusing to write the report over ${displayPath(output, cwd)}, which this run reads`);
  }
}
