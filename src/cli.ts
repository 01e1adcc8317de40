import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { displayPath, LoadError, UsageError } from './errors.js';
import { SEVERITIES, type Severity } from './engine/types.js';
import { unifiedDiff } from './fix/diff.js';
import { fixSpecs, writeChanges } from './fix/apply.js';
import { defaultRules, lint, type LintResult } from './lint.js';
import { explainRule, listRules, ruleDocs } from './rule-docs.js';
import { writeFileAtomic } from './output.js';
import { FORMATS, REPOSITORY_FORMATS, reporterFor, type Format, type RunNotification } from './reporters/index.js';
import { findSourceRoot, pathUnderRoot, sourceRootOption } from './source-root.js';
import { validateStructure } from './validate.js';
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
  sarifRoot?: string;
  category?: string;
  color: boolean;
  debug?: boolean;
  validate?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
}

function buildProgram(io: CliIo, exit: { code: number }): Command {
  const program = new Command('statuslint')
    .description('Lint OpenAPI documents for HTTP status-code misuse.')
    .version(packageInfo().version, '-v, --version')
    .argument('[specs...]', 'OpenAPI documents (YAML or JSON)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)').choices([...SEVERITIES, 'none']).default('error'))
    .option('--sarif-root <dir>', 'folder that sarif and github paths are relative to (default: the git top-level, else GITHUB_WORKSPACE, else the working directory)')
    .option('--category <name>', 'sarif: code scanning category (automationDetails.id), to upload several runs per commit')
    .option('--no-color', 'never colour the output (also NO_COLOR=1)')
    .option('--fix', 'repair mechanical findings in place (comments and layout kept), then report what remains')
    .option('--fix-dry-run', 'print the --fix changes as a unified diff; write nothing')
    .option('--validate', 'also check each spec against the official OpenAPI schema (slower)')
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
Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, or an input that could not be loaded

Examples:
  statuslint openapi.yaml
  statuslint --format github api/openapi.yaml
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
    io.stderr(`statuslint: internal error (${message}); please report it with --debug output\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

async function run(specs: string[], options: CliOptions, io: CliIo): Promise<number> {
  // Refuse bad flags before reading any spec.
  const explicitRoot = options.sarifRoot !== undefined ? sourceRootOption(options.sarifRoot, io.cwd) : undefined;
  if (options.category !== undefined && options.category.trim() === '') throw new UsageError('--category must not be empty');

  const enabled = defaultRules();
  const paths = specs.map((spec) => resolve(io.cwd, spec));
  let result: LintResult;
  if (options.fix || options.fixDryRun) {
    const outcome = fixSpecs(paths, { rules: enabled, cwd: io.cwd });
    result = outcome.result;
    const files = outcome.changes.length;
    if (options.fixDryRun) {
      for (const change of outcome.changes) {
        const name = displayPath(change.path, io.cwd);
        io.stdout(unifiedDiff(`a/${name}`, `b/${name}`, change.before, change.after));
      }
      io.stderr(`statuslint: --fix-dry-run: ${outcome.applied} fix${outcome.applied === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}; nothing written\n`);
      return result.failures.length > 0 ? EXIT_ERROR : EXIT_OK;
    }
    writeChanges(outcome.changes);
    if (outcome.applied > 0) io.stderr(`statuslint: fixed ${outcome.applied} problem${outcome.applied === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`);
  } else {
    result = lint(paths, { rules: enabled, cwd: io.cwd });
  }
  for (const notice of result.notices) {
    const where = notice.line !== undefined ? `:${notice.line}:${notice.column}` : '';
    io.stderr(`statuslint: warning: ${notice.file}${where}: ${notice.message}\n`);
  }
  if (options.validate) {
    for (const file of result.files) {
      const problem = await validateStructure(resolve(io.cwd, file));
      if (problem) result.failures.push(problem);
    }
  }
  for (const failure of result.failures) io.stderr(`statuslint: ${failure.describe(io.cwd)}\n`);

  const notifications: RunNotification[] = [
    ...result.failures.map((failure): RunNotification => ({ level: 'error', message: failure.detail, file: displayPath(failure.file, io.cwd), line: failure.position?.line, column: failure.position?.column })),
    ...result.notices.map((notice): RunNotification => ({ level: 'warning', message: notice.message, file: notice.file, line: notice.line, column: notice.column })),
  ];
  const repoPaths = REPOSITORY_FORMATS.has(options.format)
    ? repositoryPaths([...result.findings.map((finding) => finding.file), ...notifications.flatMap((item) => (item.file !== undefined ? [item.file] : []))], explicitRoot ?? findSourceRoot(io.cwd, io.env), io)
    : undefined;

  const color = options.color && !options.output && io.stdoutIsTty && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  const rules = enabled.map((entry) => entry.rule);
  const reporter = reporterFor(options.format, { category: options.category, ruleDocs: options.format === 'sarif' ? ruleDocs(rules.map((rule) => rule.id)) : undefined });
  const text = reporter({ findings: result.findings, files: result.files, rules, notifications }, { color, cwd: io.cwd, repoPaths });
  if (options.output && (result.files.length > 0 || result.failures.length === 0)) {
    try {
      writeFileAtomic(resolve(io.cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${displayPath(resolve(io.cwd, options.output), io.cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else if (result.files.length > 0 || result.failures.length === 0) {
    // With nothing linted, a report would only claim "no problems" about files never read.
    io.stdout(text);
  }
  if (result.failures.length > 0) return EXIT_ERROR;
  return result.findings.some((finding) => fails(finding.severity, options.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Each file (as the user names it) relative to `root`. A file outside the root cannot be
 * shown by code scanning or annotations; say so once per file rather than upload a path
 * that matches nothing without a word.
 */
function repositoryPaths(files: readonly string[], root: string, io: CliIo): Map<string, string> {
  const paths = new Map<string, string>();
  for (const file of files) {
    if (paths.has(file)) continue;
    const { path, inside } = pathUnderRoot(resolve(io.cwd, file), root);
    paths.set(file, path);
    if (!inside) io.stderr(`statuslint: warning: ${file} is outside the repository root ${displayPath(root, io.cwd) || '.'}; GitHub cannot place its findings (set --sarif-root)\n`);
  }
  return paths;
}
