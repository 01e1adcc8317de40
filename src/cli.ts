import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { displayPath, LoadError, UsageError } from './errors.js';
import { SEVERITIES, type Severity } from './engine/types.js';
import { defaultRules, lintParallel } from './lint.js';
import { writeFileAtomic } from './output.js';
import { FORMATS, reporterFor, type Format } from './reporters/index.js';
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
}

function buildProgram(io: CliIo): Command {
  const program = new Command('statuslint')
    .description('Lint OpenAPI documents for HTTP status-code misuse.')
    .version(packageInfo().version, '-v, --version')
    .argument('<specs...>', 'OpenAPI documents (YAML or JSON)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)').choices([...SEVERITIES, 'none']).default('error'))
    .option('--no-color', 'never colour the output (also NO_COLOR=1)')
    .option('--debug', 'print stack traces of internal errors')
    .showHelpAfterError('(run statuslint --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.addHelpText(
    'after',
    `
Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, or an input that could not be loaded

Examples:
  statuslint openapi.yaml
  statuslint --format sarif --output statuslint.sarif specs/*.yaml`,
  );
  return program;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function fails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && RANK[severity] >= RANK[failOn];
}

/** Runs statuslint with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  let debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    const options = program.opts<CliOptions>();
    debug = Boolean(options.debug);
    return await run(program.args, options, io);
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
    io.stderr(`statuslint: internal error (${message}); please report it with --debug output\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

async function run(specs: string[], options: CliOptions, io: CliIo): Promise<number> {
  const enabled = defaultRules();
  // Many specs are linted on worker threads, one per core.
  const result = await lintParallel(specs.map((spec) => resolve(io.cwd, spec)), { rules: enabled, cwd: io.cwd });
  for (const notice of result.notices) {
    const where = notice.line !== undefined ? `:${notice.line}:${notice.column}` : '';
    io.stderr(`statuslint: warning: ${notice.file}${where}: ${notice.message}\n`);
  }
  for (const failure of result.failures) io.stderr(`statuslint: ${failure.describe(io.cwd)}\n`);

  const color = options.color && !options.output && io.stdoutIsTty && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  const reporter = reporterFor(options.format);
  const text = reporter({ findings: result.findings, files: result.files, rules: enabled.map((entry) => entry.rule) }, { color, cwd: io.cwd });
  if (options.output) {
    try {
      writeFileAtomic(resolve(io.cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${displayPath(resolve(io.cwd, options.output), io.cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    io.stdout(text);
  }
  if (result.failures.length > 0) return EXIT_ERROR;
  return result.findings.some((finding) => fails(finding.severity, options.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

