import { dirname, join, resolve, sep } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { CONFIG_FILE_NAMES, ConfigError, defaultConfig, findConfig, loadConfig, STARTER_FILE, type Config } from './config/load.js';
// Statically: a dynamic import of it made esbuild split the configuration modules the CLI
// loads anyway into chunks of their own, each loaded on every run.
import { printedConfig } from './config/print.js';
import { inConfigFolder, isIgnored, parseRuleFlags, ruleResolver } from './config/resolve.js';
import { displayPath, LoadError, printable, UsageError } from './errors.js';
import { projectRoots, realPath, RealPaths } from './loader/project-root.js';
import { parseSize } from './size.js';
import { SEVERITIES, type EnabledRule, type Severity } from './engine/types.js';
import type { RefusedFix } from './fix/apply.js';
import { expandInputs, type Inputs, notSearchedNote } from './inputs.js';
import { unusedSuppression } from './engine/suppress.js';
import { allRules, isOpenApiDocument, lintParallel, mentionsVersionKey, type Finding, type LintResult, type ParallelLintOptions } from './lint.js';
import { createProgress, showsProgress } from './progress.js';
import { FORMATS, REPOSITORY_FORMATS, reporterFor, type Format, type RunNotification } from './reporters/index.js';
import { severityCounts } from './reporters/context.js';
import { packageInfo, repositoryFileUrl } from './version.js';
import { plural } from './plural.js';
import { raiseTierUpThreshold } from './tier-up.js';
import { guardProcessOutput, writeTo } from './process-output.js';
import { editDistance } from './suggest.js';
import { buildId, CACHE_FILE, cacheLocation, LintCache } from './cache.js';
import { entryExists, pathKind } from './path-kind.js';
// Static: imported where used, it would make esbuild split the loader modules it shares into
// a chunk of their own, ~4 ms more start-up for every run.
import { processStdin, readStdinSpec, STDIN_ARG, STDIN_NAME, type StdinSource } from './stdin.js';

// What only some runs need (baselines, --validate, SARIF paths, rule docs, writing files, the
// subcommands) is imported where it is used: every module loaded costs each run start-up time.

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
  /** Whether stderr is a terminal, where a long run shows its progress. */
  stderrIsTty?: boolean;
  now?: () => number;
  /** Standard input, read only for a spec given as `-`. */
  stdin?: StdinSource;
  /**
   * Called once, right before the first spec is linted (and after worker threads have started):
   * the process's own io tunes V8 there (tier-up.ts), which tests running the CLI in their own
   * process leave alone.
   */
  beforeLint?: () => void;
}

const processIo = (): CliIo => {
  guardProcessOutput(EXIT_ERROR);
  return {
    stdout: (text) => writeTo(process.stdout, text),
    stderr: (text) => writeTo(process.stderr, text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
    beforeLint: raiseTierUpThreshold,
    // Not `process.stdin`, whose stream is made on first use, until `-` asks for it.
    stdin: processStdin(),
  };
};

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
  /** Whether -f was given (a --fix-dry-run prints a diff, never a report). */
  formatGiven?: boolean;
  /** The subcommands, for a hint when a spec that does not exist is spelt like one. */
  commands?: readonly string[];
  /** A file, `false` for --no-config, or undefined to look for one. */
  config?: string | false;
  rule?: string[];
  baseline?: string;
  writeBaseline?: string;
  maxFileSize?: number;
  allowExternalRefs?: boolean;
  stdinFilepath?: string;
  cache?: boolean;
  cacheLocation?: string;
  printConfig?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * The program; `withCommands: false` leaves out the subcommands, for a command line whose
 * first spec comes after `--`, which names a spec even when it is spelt like a command.
 */
function buildProgram(io: CliIo, exit: { code: number }, withCommands = true): Command {
  const program = new Command('statuslint')
    .description('Lint OpenAPI documents for HTTP status-code misuse.')
    .version(packageInfo().version, '-v, --version')
    .argument('[specs...]', "OpenAPI documents (YAML or JSON), folders, quoted globs such as 'apis/**/*.yaml', or - for one read from standard input; after --, every argument is a spec")
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (exit 1)').choices([...SEVERITIES, 'none']).default('error'))
    .option('--sarif-root <dir>', 'folder that sarif, github and gitlab paths are relative to (default: the git top-level of the working directory, else of each file, else GITHUB_WORKSPACE or CI_PROJECT_DIR, else the working directory)')
    .option('--category <name>', 'sarif: code scanning category (automationDetails.id), to upload several runs per commit')
    .option('-c, --config <file>', 'configuration file (default: the nearest statuslint.config.yaml or .statuslintrc.* from here up)')
    .option('--no-config', 'use no configuration file: the recommended rules')
    .option('--rule <id=severity>', 'set a rule to off, info, warning or error (repeatable; wins over the configuration)', collect)
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', "record this run's findings as the baseline, and report none of them")
    .option('--max-file-size <size>', 'largest file read, e.g. 64mb (the default) or 200mb', (value) => parseSize(value))
    .option('--stdin-filepath <path>', "with '-' (a spec read from standard input): the path it is reported under and its relative $refs are followed from (default: <stdin> in the working directory)")
    .option('--cache', `lint only specs that changed since the last --cache run, or whose settings did (kept in ${CACHE_FILE})`)
    .option('--cache-location <path>', `the cache file, or a folder to keep ${CACHE_FILE} in (implies --cache)`)
    .option('--allow-external-refs', 'follow $refs to files outside the project root (the git top-level, else the working directory)')
    .option('--no-color', 'never colour the output (also NO_COLOR=1)')
    .option('--fix', 'repair mechanical findings in place (comments and layout kept), then report what remains')
    .option('--fix-dry-run', 'print the --fix changes as a unified diff (to --output if given) and change no spec; the exit code is that of the problems that would remain')
    .option('--validate', 'also check each spec against the official OpenAPI schema (slower)')
    .option('--print-config <spec>', 'print, as JSON, the configuration the spec would be linted with (every rule after extends, overrides and --rule), and lint nothing')
    .option('--debug', 'print stack traces of internal errors')
    // `statuslint rules --format json` must reach the subcommand's own --format.
    .enablePositionalOptions()
    .showHelpAfterError('(run statuslint --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // An argument echoed back (`unknown option '…'`) must not recolour the terminal.
      outputError: (text, write) => write(`statuslint: ${text.replace(/^error: /, '').replace(/[^\n]+/g, (line) => printable(line))}`),
    })
    .action(async (specs: string[], options: CliOptions) => {
      refuseEmptyPaths(options);
      // `-o -` is standard output, as for curl, wget and tar, not a file named `-`.
      if (options.output === '-') options.output = undefined;
      if (options.writeBaseline === '-') throw new UsageError("--write-baseline - would mix the baseline into the report on standard output; give the baseline's file name");
      refuseFolderTarget('--output', options.output, 'report');
      refuseFolderTarget('--write-baseline', options.writeBaseline, 'baseline');
      const formatGiven = program.getOptionValueSource('format') === 'cli';
      if (options.printConfig !== undefined) {
        io.stdout(printConfigOf(options.printConfig, specs, { ...options, formatGiven }, io.cwd, io.stderr));
        return;
      }
      if (specs.length === 0) throw new UsageError('no spec given (run statuslint --help for usage)');
      const commands = program.commands.map((command) => command.name());
      exit.code = await run(specs, { ...options, formatGiven, commands }, io);
    });
  program.addHelpText(
    'after',
    `
Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, an input that could not be linted, a report or fixed spec that
     could not be written, or an internal error

Examples:
  statuslint openapi.yaml
  statuslint specs/
  statuslint 'apis/**/openapi.{yaml,json}' --rule require-retry-after=off
  statuslint --format github api/openapi.yaml
  statuslint --baseline statuslint-baseline.json --format sarif --output statuslint.sarif specs/

Configuration, suppressions and baselines: ${repositoryFileUrl('docs/configuration.md')}`,
  );
  if (!withCommands) return program;
  program
    .command('rules')
    .description('list every rule with its id, default severity (off for a rule outside the recommended set), whether --fix repairs it, and description')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: { format: 'text' | 'json' }) => {
      const { listRules } = await import('./rule-docs.js');
      io.stdout(listRules(options.format));
    });
  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule-id>', 'the rule, e.g. require-www-authenticate')
    .action(async (ruleId: string) => {
      const { explainRule } = await import('./rule-docs.js');
      io.stdout(explainRule(ruleId));
    });
  program
    .command('init')
    .description(`write a commented starter ${STARTER_FILE} in the working directory`)
    .action(async () => {
      io.stdout(`wrote ${await initConfig(io.cwd)}\n`);
      const shadowed = parentConfig(io.cwd);
      if (shadowed) io.stderr(`statuslint: note: specs linted from here no longer read ${displayPath(shadowed, io.cwd)}; configurations do not cascade, so copy what it sets that should still apply\n`);
    });
  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(run statuslint --help for usage)');
    // An option written before the command is the linter's, and the command would run as if
    // it had not been given (`statuslint --format json rules` printed the text table).
    command.hook('preAction', () => {
      const given = program.options.find((option) => program.getOptionValueSource(option.attributeName()) === 'cli' && !HARMLESS_BEFORE_COMMAND.has(option.attributeName()));
      if (!given) return;
      const own = command.options.some((option) => option.long === given.long);
      throw new UsageError(`${given.long} before '${command.name()}' is an option for linting, not for '${command.name()}'${own ? `; write it after: statuslint ${command.name()} ${given.long} …` : ''}`);
    });
  }
  return program;
}

/**
 * A path option given an empty value (`--output "$REPORT"` with the variable unset) names no
 * file: it would have been dropped without a word, the report going to stdout, no baseline
 * written or read, and a CI step failing later on a file that is not there.
 */
function refuseEmptyPaths(options: CliOptions): void {
  const paths: Array<[flag: string, value: string | false | undefined]> = [
    ['--output', options.output],
    ['--config', options.config],
    ['--baseline', options.baseline],
    ['--write-baseline', options.writeBaseline],
    ['--sarif-root', options.sarifRoot],
    ['--cache-location', options.cacheLocation],
    ['--print-config', options.printConfig],
  ];
  for (const [flag, value] of paths) {
    if (value === '') throw new UsageError(`${flag} must not be empty`);
  }
}

/**
 * `-o reports/` (or `reports/.`) names a folder: resolved, the path loses its slash, and a
 * missing `reports` (which --output and --write-baseline would now create as a folder) became
 * the file. `what` is the file's name in the message.
 */
function refuseFolderTarget(flag: string, path: string | undefined, what: string): void {
  if (path !== undefined && (path.endsWith('/') || path.endsWith(sep) || /(?:^|[/\\])\.\.?$/.test(path))) {
    throw new UsageError(`${flag} ${printable(path)} names a folder; give the ${what}'s file name`);
  }
}

/** Options that change nothing a command prints, so they may stand before one. */
const HARMLESS_BEFORE_COMMAND = new Set(['color', 'debug']);

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function fails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && RANK[severity] >= RANK[failOn];
}

/** Runs statuslint with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const exit = { code: EXIT_OK };
  let program = buildProgram(io, exit);
  if (specsStartAfterDoubleDash(argv, program.options)) program = buildProgram(io, exit, false);
  const debug = argv.includes('--debug');
  try {
    refuseConfigConflict(argv);
    await program.parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; every flag error is a usage error.
      if (error.exitCode === 0) return EXIT_OK;
      if (wantsAnnotations(argv)) io.stdout(await usageAnnotations(new UsageError(error.message.replace(/^error: /, '')), argv, io));
      return EXIT_ERROR;
    }
    if (error instanceof UsageError && wantsAnnotations(argv)) io.stdout(await usageAnnotations(error, argv, io));
    if (error instanceof ConfigError) {
      for (const problem of error.problems) io.stderr(`statuslint: ${problem.describe(io.cwd)}\n`);
      return EXIT_ERROR;
    }
    if (error instanceof LoadError) {
      io.stderr(`statuslint: ${error.describe(io.cwd)}\n`);
      return EXIT_ERROR;
    }
    if (error instanceof UsageError) {
      // Messages echo what was typed (`unknown rule '…'`), which may hold a line break or an escape.
      io.stderr(`statuslint: ${printable(error.message)}\n`);
      return EXIT_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`statuslint: internal error (${printable(message)}); please report it with --debug output\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

/** `--print-config <spec>`: the configuration the spec would be linted with, as JSON. */
function printConfigOf(spec: string, others: readonly string[], options: CliOptions, cwd: string, stderr: (text: string) => void): string {
  if (others.length > 0) throw new UsageError(`--print-config shows one spec's configuration, its value, and lints nothing: give no other spec (got '${others[0]}')`);
  if (options.formatGiven || options.output !== undefined) throw new UsageError('--print-config prints JSON on standard output; --format and --output do not apply');
  // As in a run: the path is standard input's, and would otherwise be dropped without a word.
  if (options.stdinFilepath !== undefined && spec !== STDIN_ARG) throw new UsageError(`--stdin-filepath names the spec read from standard input; write --print-config ${STDIN_ARG} to show its configuration`);
  // Standard input is configured as the path it is reported under.
  const path = spec === STDIN_ARG ? resolve(cwd, options.stdinFilepath ?? STDIN_NAME) : resolve(cwd, spec);
  if (pathKind(path) === 'folder') throw new UsageError(`--print-config ${spec}: a folder; overrides and ignore match files, so name a spec in it`);
  return printedConfig(configFor(options.config, cwd, stderr), path, allRules, parseRuleFlags(options.rule ?? [], allRules), cwd);
}

/** The configuration a run from `cwd` read before `init` wrote one there, if any. */
function parentConfig(cwd: string): string | undefined {
  try {
    return findConfig(dirname(resolve(cwd)));
  } catch {
    // A folder above holding two configurations: a run from there says so itself.
    return undefined;
  }
}

/** Writes the starter configuration; refuses when the folder already has a configuration. */
async function initConfig(cwd: string): Promise<string> {
  // As discovery counts them: a dangling link by a config name would make the file written a second configuration.
  const existing = CONFIG_FILE_NAMES.find((name) => entryExists(join(cwd, name)));
  if (existing) throw new UsageError(`${existing} already exists here; edit it, or remove it to start again`);
  const { starterConfig } = await import('./config/init.js');
  const { writeUserFile } = await import('./output.js');
  writeUserFile(join(cwd, STARTER_FILE), starterConfig(allRules), STARTER_FILE, {
    exclusive: true,
    ifExists: `${STARTER_FILE} already exists here; edit it, or remove it to start again`,
  });
  return STARTER_FILE;
}

function configFor(option: string | false | undefined, cwd: string, stderr: (text: string) => void): Config {
  if (option === false) return defaultConfig(cwd);
  const misnamed: string[] = [];
  const path = option === undefined ? findConfig(cwd, misnamed) : resolve(cwd, option);
  for (const file of misnamed) {
    const instead = path === undefined ? 'the defaults' : displayPath(path, cwd);
    stderr(`statuslint: warning: ${printable(displayPath(file, cwd))} is not read: a configuration is named ${CONFIG_FILE_NAMES.slice(0, -1).join(', ')} or ${CONFIG_FILE_NAMES.at(-1)!}; this run uses ${instead}\n`);
  }
  return path === undefined ? defaultConfig(cwd) : loadConfig(path, allRules);
}

async function run(specs: string[], options: CliOptions, io: CliIo): Promise<number> {
  // Refuse bad flags before reading any spec.
  const explicitRoot = options.sarifRoot !== undefined ? (await import('./source-root.js')).sourceRootOption(options.sarifRoot, io.cwd) : undefined;
  if (options.category !== undefined && options.category.trim() === '') throw new UsageError('--category must not be empty');
  // GitHub reads the category as what comes before the last '/' of automationDetails.id.
  if (options.category !== undefined && options.category.trim().replace(/\/+$/, '') === '') throw new UsageError(`--category '${printable(options.category)}' names no category: GitHub takes what comes before the last '/'`);
  // Options of formats other than the one chosen: said, not silently dropped (a script that
  // switched --format would otherwise lose its category without a word).
  const report = options.fixDryRun ? 'a --fix-dry-run diff' : `--format ${options.format}`;
  if (options.category !== undefined && (options.fixDryRun || options.format !== 'sarif')) io.stderr(`statuslint: warning: --category is read by --format sarif only; ${report} ignores it\n`);
  if (options.sarifRoot !== undefined && (options.fixDryRun || !REPOSITORY_FORMATS.has(options.format))) io.stderr(`statuslint: warning: --sarif-root is read by --format sarif, github and gitlab only; ${report} ignores it\n`);
  if (options.baseline && options.writeBaseline) {
    throw new UsageError('use --baseline or --write-baseline, not both (--write-baseline alone refreshes a baseline)');
  }
  if (options.fixDryRun) {
    // A dry run's output is a diff: refuse what it cannot do rather than drop it.
    if (options.fix) throw new UsageError('use --fix or --fix-dry-run, not both');
    if (options.formatGiven) throw new UsageError('--fix-dry-run prints a unified diff, not a report, so --format does not apply; run --fix, or lint without a fix option, for a report');
    if (options.writeBaseline) throw new UsageError('--fix-dry-run writes no file but its diff; run --write-baseline without it');
  }
  // Before the inputs are expanded: `-` stands for the path standard input is named by.
  const stdinSpec = specs.includes(STDIN_ARG) || options.stdinFilepath !== undefined
    ? await readStdinSpec(specs, { ...options, maxFileBytes: options.maxFileSize, cwd: io.cwd, stdin: io.stdin })
    : undefined;
  if (stdinSpec && options.stdinFilepath === undefined && REPOSITORY_FORMATS.has(options.format)) {
    io.stderr(`statuslint: warning: findings in standard input are reported under ${STDIN_NAME}, which ${options.format === 'sarif' ? 'code scanning' : options.format === 'gitlab' ? 'GitLab' : 'GitHub'} cannot place in the repository; name it with --stdin-filepath\n`);
  }
  const specArgs = stdinSpec ? specs.flatMap((spec) => (spec !== STDIN_ARG ? [spec] : stdinSpec.text !== undefined ? [stdinSpec.path] : [])) : specs;
  const config = configFor(options.config, io.cwd, io.stderr);
  const flags = parseRuleFlags(options.rule ?? [], allRules);
  // Not with --fix, which writes the specs and lints them again from memory, nor with a spec
  // read from standard input, which is not on disk to be fingerprinted.
  const cachePath = (options.cache || options.cacheLocation !== undefined) && !options.fix && !options.fixDryRun && stdinSpec?.text === undefined
    ? cacheLocation(options.cacheLocation, io.cwd)
    : undefined;
  const own = [config.path, options.baseline, options.writeBaseline, options.output, cachePath].filter((path): path is string => typeof path === 'string');
  refuseClashingFiles(options, config.path, cachePath, io.cwd);
  const inputs = expandInputs(specArgs, {
    cwd: io.cwd,
    isIgnored: (path) => isIgnored(config, path),
    exclude: new Set(own.map((path) => resolve(io.cwd, path))),
    literal: stdinSpec?.text !== undefined ? new Set([stdinSpec.path]) : undefined,
    rootFor: options.allowExternalRefs ? undefined : projectRoots(io.cwd),
  });
  const configName = config.path ? displayPath(config.path, io.cwd) : 'the configuration';
  for (const path of inputs.ignored) io.stderr(`statuslint: warning: ${printable(displayPath(path, io.cwd))} is ignored by ${configName}; not linted\n`);
  // Only beside something to lint: else the run stops, and says so with the count of ignored files.
  if (inputs.files.length > 0) {
    for (const arg of inputs.ignoredInputs) io.stderr(`statuslint: warning: every file found in '${printable(arg)}' is ignored by ${configName}; none linted\n`);
  }
  // `--config ci/strict.yaml`, or a shared one, whose patterns (relative to its own folder) can
  // match no spec of the run: without a word, its overrides and ignore would do nothing.
  if (config.path !== undefined && (config.overrides.length > 0 || config.ignore.patterns.length > 0) && inputs.files.length > 0 && !inputs.files.some((path) => inConfigFolder(config, path))) {
    const folder = displayPath(dirname(config.path), io.cwd);
    io.stderr(`statuslint: warning: no spec of this run is in ${printable(folder)}, the folder of ${configName}, which its overrides and ignore patterns are relative to; they match none\n`);
  }

  const progress = createProgress(showsProgress(Boolean(io.stderrIsTty), io.env), { write: io.stderr, now: io.now });
  const rulesFor = ruleResolver(config, allRules, flags);
  const lintOptions: ParallelLintOptions = {
    rules: rulesFor,
    cwd: io.cwd,
    discovered: inputs.discovered,
    unusedSuppressions: config.unusedSuppressions,
    onProgress: (done, total) => progress.update(done, total),
    maxFileBytes: options.maxFileSize,
    allowExternalRefs: options.allowExternalRefs,
    namedFolders: inputs.namedFolders,
    overlay: stdinSpec?.text !== undefined ? new Map([[stdinSpec.path, stdinSpec.text]]) : undefined,
  };
  // Many specs are linted on every core: this thread and a worker per other core.
  // STATUSLINT_THREADS sets how many threads in all (1: this one), for a machine shared with
  // other jobs.
  const threads = io.env.STATUSLINT_THREADS?.trim() ? Number(io.env.STATUSLINT_THREADS) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0)) throw new UsageError(`STATUSLINT_THREADS must be a whole number, not '${io.env.STATUSLINT_THREADS}'`);
  let result: LintResult;
  /** A --fix-dry-run's diff and what it says on stderr, given once the remaining findings are known. */
  let dryRun: { diff: string[]; fixes: string; notes: string } | undefined;
  /** Whether --fix could not write a file it fixed: the run fails, whatever the findings. */
  let unwritten = false;
  if (options.fix || options.fixDryRun) {
    // Loaded only for --fix: the editor brings in the yaml package.
    const { asWritten, fixSpecs, writeChanges } = await import('./fix/apply.js');
    const { diffPath, reachableByPatch, unifiedDiff } = await import('./fix/diff.js');
    const outcome = await fixSpecs(inputs.files, { ...lintOptions, threads, beforeLint: io.beforeLint });
    progress.clear();
    result = outcome.result;
    const files = outcome.changes.length;
    if (options.fixDryRun) {
      const names = outcome.changes.map((change) => diffPath(change.path, io.cwd));
      const diff = asWritten(outcome.changes).map((change, index) => unifiedDiff(`a/${names[index]}`, `b/${names[index]}`, change.before, change.after));
      const refused = outcome.refused.length > 0 ? refusedNote(outcome.refused) : '';
      // Named as they are, since any other name would be wrong; but `patch -p1` skips them.
      const outside = names.filter((name) => !reachableByPatch(name));
      const unreachable = outside.length > 0 ? `statuslint: --fix-dry-run: patch -p1 will not apply the changes to ${outside.join(', ')}, outside the working directory (patch refuses such names); run from a folder that holds every spec, or use --fix\n` : '';
      // As for the formats that place findings in the repository: `<stdin>` is no file of it.
      const unnamed = options.stdinFilepath === undefined && outcome.changes.some((change) => change.path === stdinSpec?.path)
        ? `statuslint: --fix-dry-run: the diff names standard input ${STDIN_NAME}, which patch -p1 will not find; name it with --stdin-filepath\n`
        : '';
      dryRun = { diff, fixes: `${plural(outcome.applied, 'fix', 'fixes')} in ${plural(files, 'file')}`, notes: refused + unreachable + unnamed };
    } else {
      // A report or baseline refused after the fixes would leave specs written by a run that
      // failed as a usage error: refused first, before any spec is touched.
      if (options.output !== undefined) refuseToOverwriteInput('report', resolve(io.cwd, options.output), result, inputs, io.cwd);
      if (options.writeBaseline !== undefined) refuseToOverwriteInput('baseline', resolve(io.cwd, options.writeBaseline), result, inputs, io.cwd);
      const written = writeChanges(outcome.changes);
      for (const item of written.unwritten) {
        const name = displayPath(item.change.path, io.cwd);
        io.stderr(item.reason === 'changed' ? `statuslint: ${name} changed while statuslint read it; not fixed, run --fix again\n` : `statuslint: cannot write ${name}: ${item.detail}\n`);
      }
      const fixed = written.written.reduce((sum, change) => sum + change.fixes, 0);
      // When some files were not written, the others are named: they are fixed, and stay so.
      const which = written.unwritten.length > 0 && written.written.length > 0 ? ` (${written.written.map((change) => displayPath(change.path, io.cwd)).join(', ')})` : '';
      if (fixed > 0) io.stderr(`statuslint: fixed ${plural(fixed, 'problem')} in ${plural(written.written.length, 'file')}${which}\n`);
      // The report is of the files as they are now: one left as it was still holds the problems
      // its fixes were to repair, so the specs are linted again, from disk (only when that happens).
      if (written.unwritten.length > 0) {
        unwritten = true;
        result = await lintParallel(inputs.files, { ...lintOptions, threads });
        progress.clear();
      }
      if (outcome.refused.length > 0) io.stderr(refusedNote(outcome.refused));
    }
  } else {
    const isRuleId = (id: string): boolean => Object.hasOwn(allRules, id) || id === unusedSuppression.id;
    const cache = cachePath !== undefined ? LintCache.open(cachePath, displayPath(cachePath, io.cwd), buildId(), isRuleId) : undefined;
    if (cache?.discarded) io.stderr(`statuslint: warning: the cache ${cache.shownAs} ${cache.discarded}\n`);
    result = await lintParallel(inputs.files, { ...lintOptions, threads, beforeLint: io.beforeLint, cache });
    progress.clear();
    try {
      await cache?.save((folder) => displayPath(folder, io.cwd));
    } catch (error) {
      // The lint stands; only the next run is slower.
      io.stderr(`statuslint: warning: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  // A folder that could not be listed was met before any spec was read.
  result.failures.unshift(...inputs.failures);
  if (stdinSpec?.failure) result.failures.unshift(stdinSpec.failure);
  for (const notice of result.notices) {
    const where = notice.line !== undefined ? `:${notice.line}:${notice.column}` : '';
    io.stderr(`statuslint: warning: ${printable(`${notice.file}${where}: ${notice.message}`)}\n`);
  }
  if (options.validate) {
    const { validateStructure } = await import('./validate.js');
    const rootFor = projectRoots(io.cwd, inputs.namedFolders);
    // Validating takes far longer than linting (a folder of large specs, minutes): a terminal
    // shows how far it is, as it did for the lint.
    const validating = createProgress(showsProgress(Boolean(io.stderrIsTty), io.env), { write: io.stderr, now: io.now, verb: 'validated' });
    for (const [done, file] of result.files.entries()) {
      validating.update(done, result.files.length);
      const path = resolve(io.cwd, file);
      const problem = await validateStructure(path, { root: options.allowExternalRefs ? undefined : rootFor(path), overlay: lintOptions.overlay, maxFileBytes: options.maxFileSize, cwd: io.cwd });
      if (problem) result.failures.push(problem);
    }
    validating.clear();
  }
  result.failures = result.failures.map((failure) => withCommandHint(failure, specs, options.commands ?? [], io.cwd));
  for (const failure of result.failures) io.stderr(`statuslint: ${failure.describe(io.cwd)}\n`);
  reportInternalErrors(result, options, io);
  const { notOpenApi, fragments } = result.skipped;
  if (notOpenApi.length + fragments.length > 0) {
    const parts = [
      ...(notOpenApi.length > 0 ? [`${plural(notOpenApi.length, 'file')} that ${notOpenApi.length === 1 ? 'is' : 'are'} not OpenAPI (${someOf(notOpenApi)})`] : []),
      ...(fragments.length > 0 ? [`${plural(fragments.length, 'shared fragment')} (linted through the specs that reference ${fragments.length === 1 ? 'it' : 'them'})`] : []),
    ];
    io.stderr(`statuslint: skipped ${parts.join(' and ')}\n`);
  }
  // A spec that met an internal error was found, and that error is already said.
  if (result.files.length === 0 && result.failures.length === 0 && result.internalErrors.length === 0 && inputs.ignored.length === 0) {
    // A spec named as --output or --write-baseline was taken for statuslint's own and left out:
    // it is a spec, and that is what the user must hear.
    if (options.output !== undefined) refuseToOverwriteInput(options.fixDryRun ? 'diff' : 'report', resolve(io.cwd, options.output), result, inputs, io.cwd);
    if (options.writeBaseline !== undefined) refuseToOverwriteInput('baseline', resolve(io.cwd, options.writeBaseline), result, inputs, io.cwd);
    // Say what left nothing to lint, when statuslint itself left files out (ESLint: "All files
    // matched by 'x' are ignored").
    const why = [
      ...(inputs.ignoredFound > 0 ? [`${plural(inputs.ignoredFound, 'file')} found there ${inputs.ignoredFound === 1 ? 'is' : 'are'} ignored by ${configName}`] : []),
      ...(inputs.ownFilesFound.length > 0 ? [`${someOf(inputs.ownFilesFound.map((path) => displayPath(path, io.cwd)))} ${inputs.ownFilesFound.length === 1 ? 'is' : 'are'} statuslint's own (configuration, baseline, report or cache)`] : []),
    ];
    throw new UsageError(`no OpenAPI document found in ${specs.map((spec) => `'${spec}'`).join(', ')}${why.length > 0 ? `; ${why.join('; ')}` : ''}${notSearchedNote(inputs.passedOver, io.cwd)}`);
  }

  let findings = result.findings;
  if (options.writeBaseline) {
    refuseToOverwriteInput('baseline', resolve(io.cwd, options.writeBaseline), result, inputs, io.cwd);
    // A rule that failed reported nothing more on its spec: such a baseline would miss findings
    // that the next run, with the bug fixed, reports as new.
    const incomplete = [
      ...(result.failures.length > 0 ? [`${plural(result.failures.length, 'input')} could not be linted`] : []),
      ...(result.internalErrors.length > 0 ? [`${plural(result.internalErrors.length, 'internal error')} left the run incomplete`] : []),
    ];
    if (incomplete.length > 0) {
      io.stderr(`statuslint: not writing ${options.writeBaseline}: ${incomplete.join('; ')}\n`);
    } else {
      const { applyBaseline, readBaseline, writeBaseline } = await import('./baseline.js');
      const path = resolve(io.cwd, options.writeBaseline);
      // A rewrite from a run over part of the specs (the command a partial run's "drop them
      // with --write-baseline" note suggests) drops the entries of the rest, which the next
      // full run reports as new: say so. An old file that is no baseline is replaced as before.
      let dropped = 0;
      if (pathKind(path) === 'file') {
        try {
          dropped = applyBaseline(readBaseline(path), findings, result.sources, io.cwd, ruleLookedAt(result, rulesFor, config.unusedSuppressions, io.cwd)).unseen;
        } catch (error) {
          if (!(error instanceof LoadError)) throw error;
        }
      }
      const count = writeBaseline(path, findings, io.cwd);
      io.stderr(`statuslint: wrote ${plural(count, 'entry', 'entries')} to ${displayPath(path, io.cwd)}\n`);
      if (dropped > 0) {
        io.stderr(`statuslint: warning: dropped ${plural(dropped, 'entry', 'entries')} of files this run did not read (or of rules that were off for them); write the baseline from a run over every spec to keep ${dropped === 1 ? 'it' : 'them'}\n`);
      }
      findings = [];
    }
  } else if (options.baseline) {
    const { applyBaseline, readBaseline } = await import('./baseline.js');
    const baseline = readBaseline(resolve(io.cwd, options.baseline));
    const applied = applyBaseline(baseline, findings, result.sources, io.cwd, ruleLookedAt(result, rulesFor, config.unusedSuppressions, io.cwd));
    findings = applied.findings;
    const name = displayPath(baseline.path, io.cwd);
    const hidden = result.findings.length - findings.length;
    const fixedNote =
      applied.fixed === 0 ? '; none fixed'
      : options.fixDryRun ? `; ${plural(applied.fixed, 'entry', 'entries')} would be found no more once the diff is applied`
      : `; ${plural(applied.fixed, 'entry', 'entries')} now fixed (drop ${applied.fixed === 1 ? 'it' : 'them'} with --write-baseline ${options.baseline})`;
    io.stderr(`statuslint: baseline ${name}: ${plural(hidden, 'known finding')} not reported${fixedNote}\n`);
  }

  if (dryRun) {
    // Like ESLint's --fix-dry-run: the exit code is that of the problems left once the diff is
    // applied, so that 1 means the same in every mode.
    const remaining = findings.length > 0 ? `; ${plural(findings.length, 'problem')} would remain (${severityCounts(findings)})` : '';
    // Written even when nothing could be linted, as a report is: no diff from an earlier run stays.
    const output = options.output ? resolve(io.cwd, options.output) : undefined;
    if (output) {
      await writeOutput('diff', output, dryRun.diff, result, inputs, io.cwd);
    } else {
      for (const piece of dryRun.diff) io.stdout(piece);
    }
    const written = output ? `diff written to ${displayPath(output, io.cwd)}, no spec changed` : 'nothing written';
    io.stderr(`statuslint: --fix-dry-run: ${dryRun.fixes}; ${written}${remaining}\n${dryRun.notes}`);
    return exitCode(result, findings, options.failOn);
  }

  const notifications: RunNotification[] = [
    ...result.failures.map((failure): RunNotification => ({ level: 'error', message: failure.detail, file: displayPath(failure.file, io.cwd), line: failure.position?.line, column: failure.position?.column })),
    ...result.notices.map((notice): RunNotification => ({ level: 'warning', message: notice.message, file: notice.file, line: notice.line, column: notice.column })),
    ...result.internalErrors.map((bug): RunNotification => {
      // Where the rule was looking (`file:line:col`), so that an annotation can point there.
      const at = bug.at === undefined ? undefined : /^(.*):(\d+):(\d+)$/.exec(bug.at);
      return { level: 'error', internal: true, message: internalErrorText(bug), file: at ? at[1]! : bug.file, line: at ? Number(at[2]) : undefined, column: at ? Number(at[3]) : undefined };
    }),
  ];
  const repoPaths = REPOSITORY_FORMATS.has(options.format)
    ? await repositoryPaths([...findings.map((finding) => finding.file), ...notifications.flatMap((item) => (item.file !== undefined ? [item.file] : []))], explicitRoot, io, options.format === 'gitlab' ? 'GitLab' : 'GitHub')
    : undefined;

  const color = options.color && !options.output && wantsColor(io);
  const rules = result.rules;
  const ruleDocs = options.format === 'sarif' ? (await import('./rule-docs.js')).ruleDocs(rules.map((rule) => rule.id)) : undefined;
  const reporter = await reporterFor(options.format, { category: options.category, ruleDocs, color });
  const text = reporter({ findings, files: result.files, rules, notifications }, { color, cwd: io.cwd, repoPaths });
  if (options.format === 'sarif') {
    // The log is still written: SARIF has other readers, and the user may split the run.
    const tooMany = (await import('./reporters/sarif.js')).githubLimitWarning(findings.length);
    if (tooMany) io.stderr(`statuslint: warning: ${tooMany}\n`);
  }
  // The report is written even when no input could be linted: it lists them (json, sarif,
  // github) or counts them (text), and an --output file from an earlier run must not survive
  // a failed one to be read, or uploaded, as this run's.
  if (options.output) {
    await writeOutput('report', resolve(io.cwd, options.output), text, result, inputs, io.cwd);
  } else {
    if (typeof text === 'string') io.stdout(text);
    else for (const piece of text) io.stdout(piece);
  }
  return unwritten ? EXIT_ERROR : exitCode(result, findings, options.failOn);
}

/**
 * Whether a rule looked at a file of the run (as the run names it), so that a baseline entry
 * there that no finding matches is fixed, not merely unseen: a spec's own rules, and for a file
 * the specs reference, the rules on for any spec (which one reads it is not kept).
 */
function ruleLookedAt(result: LintResult, rulesFor: (path: string) => readonly EnabledRule[], unused: Severity | 'off', cwd: string): (file: string, rule: string) => boolean {
  // Once per spec, not per entry: an override's globs are matched on each call.
  const bySpec = new Map(result.files.map((file) => [file, new Set(rulesFor(resolve(cwd, file)).map((entry) => entry.rule.id))]));
  const onAnywhere = new Set([...bySpec.values()].flatMap((ids) => [...ids]));
  return (file, rule) => {
    if (rule === unusedSuppression.id) return unused !== 'off';
    return (bySpec.get(file) ?? onAnywhere).has(rule);
  };
}

/** How many skipped files the note names: enough to spot a spec skipped by mistake, not a listing. */
const NAMED_SKIPS = 3;

/**
 * `a.yaml, b.json, c.yml and 4 more`: the first few files, so that a spec the run skipped by
 * mistake is seen in a CI log, without listing every Helm chart and package.json of a repository.
 */
function someOf(files: readonly string[]): string {
  const named = files.slice(0, NAMED_SKIPS).map((file) => printable(file)).join(', ');
  return files.length > NAMED_SKIPS ? `${named} and ${files.length - NAMED_SKIPS} more` : named;
}

/** `--no-config` with `-c`: the last would silently win, whichever the user meant. */
function refuseConfigConflict(argv: readonly string[]): void {
  const options = optionArgs(argv);
  if (options.includes('--no-config') && options.some((arg) => /^(?:-c|--config(?:=|$))/.test(arg))) {
    throw new UsageError('use --config <file> or --no-config, not both');
  }
}

/**
 * Colour on a terminal, unless `NO_COLOR` is set (no-color.org) or the terminal says it has
 * none (`TERM=dumb`: an Emacs shell or compilation buffer, as Node and chalk read it);
 * `FORCE_COLOR` overrides all of them, as in Node and chalk: `0` or `false` turns it off, any
 * other value on, for a CI log that shows colour though it is no terminal.
 */
function wantsColor(io: CliIo): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTty && io.env.TERM !== 'dumb';
}

function exitCode(result: LintResult, findings: readonly Finding[], failOn: FailOn): number {
  if (result.failures.length > 0 || result.internalErrors.length > 0) return EXIT_ERROR;
  return findings.some((finding) => fails(finding.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Writes --output (the report, or a dry run's diff) atomically, never over a file the run
 * reads (see refuseToOverwriteInput); the writer is loaded only for a run that writes a file.
 */
async function writeOutput(what: string, path: string, content: string | Iterable<string>, result: LintResult, inputs: Inputs, cwd: string): Promise<void> {
  refuseToOverwriteInput(what, path, result, inputs, cwd);
  const { writeUserFile } = await import('./output.js');
  // The folders are made as ESLint's --output-file makes them: a CI job's `reports/x.sarif`.
  writeUserFile(path, content, displayPath(path, cwd), { createFolders: (folder) => displayPath(folder, cwd) });
}

/**
 * Whether the first spec on the command line comes after `--` (`statuslint -- init`): every
 * argument after it is a spec, so none of them may run a command (`init` would write a file).
 */
function specsStartAfterDoubleDash(argv: readonly string[], options: readonly Option[]): boolean {
  if (!argv.includes('--')) return false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') return true;
    if (arg === '-' || !arg.startsWith('-')) return false;
    // An option's value is no spec: `--config x`, `-f json`, but not `--config=x` nor `-fjson`.
    const option = options.find((candidate) => candidate.long === arg || candidate.short === arg);
    if (option && (option.required || option.optional)) index++;
  }
  return false;
}

/**
 * `rule: no such file; did you mean 'rules'?`: a missing input typed as a bare word within two
 * edits of a subcommand (`rule`, `explian`) was most likely meant as that command; one typed
 * as a command after a spec was meant as it too, and `help` as --help.
 */
function withCommandHint(failure: LoadError, specs: readonly string[], commands: readonly string[], cwd: string): LoadError {
  if (failure.detail !== 'no such file') return failure;
  const typed = specs.find((spec) => /^[a-z][a-z0-9-]*$/i.test(spec) && resolve(cwd, spec) === failure.file);
  if (typed === undefined) return failure;
  if (commands.includes(typed)) {
    return new LoadError(failure.file, `${failure.detail}; '${typed}' is a command only as the first argument: statuslint ${typed} …`, failure.position);
  }
  if (typed.toLowerCase() === 'help' && commands.length > 0) return new LoadError(failure.file, `${failure.detail}; for usage, run statuslint --help`, failure.position);
  let best: string | undefined;
  let bestDistance = 3;
  for (const command of commands) {
    const distance = editDistance(typed.toLowerCase(), command);
    if (distance < bestDistance) [best, bestDistance] = [command, distance];
  }
  return best === undefined ? failure : new LoadError(failure.file, `${failure.detail}; did you mean '${best}'?`, failure.position);
}

/** A bug met while linting: one line each (the stack with --debug); the run exits 2. */
function reportInternalErrors(result: LintResult, options: CliOptions, io: CliIo): void {
  for (const bug of result.internalErrors) {
    io.stderr(`statuslint: ${internalErrorText(bug)}\n`);
    if (options.debug && bug.error instanceof Error && bug.error.stack) io.stderr(`${bug.error.stack}\n`);
  }
}

/** One line for a bug met while linting, on stderr and in the reports that list run problems. */
function internalErrorText(bug: LintResult['internalErrors'][number]): string {
  const where = bug.ruleId ? ` in rule '${bug.ruleId}' at ${bug.at ?? bug.file}` : ` while linting ${bug.file}`;
  return `internal error${printable(where)} (${printable(bug.message)}); please report it with --debug output`;
}

/**
 * The files a run reads for itself (the configuration, a baseline, the cache) and the ones it
 * writes (--output, --write-baseline, the cache) must all differ: one would overwrite another,
 * and a configuration replaced by a report breaks every later run. Refused before linting.
 */
function refuseClashingFiles(options: CliOptions, configPath: string | undefined, cachePath: string | undefined, cwd: string): void {
  const files: Array<[role: string, path: string | undefined, written: boolean]> = [
    ['--output', options.output, true],
    ['--write-baseline', options.writeBaseline, true],
    ['the configuration', configPath, false],
    ['--baseline', options.baseline, false],
    // Last, so that a clash names --cache-location as the one to change.
    ['the cache', cachePath, true],
  ];
  const given = files.flatMap(([role, path, written]) => (path === undefined ? [] : [{ role, path: resolve(cwd, path), written }]));
  for (const [index, first] of given.entries()) {
    for (const second of given.slice(index + 1)) {
      if (!first.written && !second.written) continue;
      if (realPath(first.path) !== realPath(second.path)) continue;
      if (second.role === 'the cache') throw new UsageError(`${first.role} and the cache are the same file (${displayPath(second.path, cwd)}); give --cache-location another`);
      const [writer, other] = first.written ? [first, second] : [second, first];
      throw new UsageError(`${writer.role} and ${other.role} are the same file (${displayPath(writer.path, cwd)}); give ${writer.role} another file`);
    }
  }
}

/**
 * What statuslint writes besides fixes (the report, a baseline) must never replace a spec: one
 * named on the command line (linted, ignored, or refused as unreadable), a file a spec
 * references, or any other OpenAPI document already at that path.
 */
function refuseToOverwriteInput(what: string, output: string, result: LintResult, inputs: Inputs, cwd: string): void {
  const target = realPath(output);
  const real = new RealPaths();
  const read = [...result.readPaths, ...inputs.files, ...inputs.ignored, ...result.failures.map((failure) => failure.file)];
  if (read.some((input) => real.of(input) === target)) {
    throw new UsageError(`refusing to write the ${what} over ${displayPath(output, cwd)}, which this run reads`);
  }
  if (inputs.ownFilesFound.some((found) => realPath(found) === target) && mentionsVersionKey(output)) {
    throw new UsageError(`refusing to write the ${what} over ${displayPath(output, cwd)}, an OpenAPI document in a folder this run lints`);
  }
  if (isOpenApiDocument(output)) {
    throw new UsageError(`refusing to write the ${what} over ${displayPath(output, cwd)}, an OpenAPI document; remove it first, or give another file`);
  }
}

/**
 * Each file (as the user names it) relative to its root (--sarif-root, else see sourceRoots). A
 * file outside the root cannot be shown by code scanning, annotations or GitLab Code Quality; say so once per file
 * rather than upload a path that matches nothing without a word.
 */
async function repositoryPaths(files: readonly string[], explicitRoot: string | undefined, io: CliIo, reader: 'GitHub' | 'GitLab' = 'GitHub'): Promise<Map<string, string>> {
  const { sourceRoots, pathUnderRoot } = await import('./source-root.js');
  const rootOf = explicitRoot !== undefined ? () => explicitRoot : sourceRoots(io.cwd, io.env);
  const paths = new Map<string, string>();
  for (const file of files) {
    if (paths.has(file)) continue;
    const absolute = resolve(io.cwd, file);
    const root = rootOf(absolute);
    const { path, inside } = pathUnderRoot(absolute, root);
    paths.set(file, path);
    // printable: a line break in a file name would start a line the runner reads as a workflow command.
    if (!inside) io.stderr(`statuslint: warning: ${printable(`${file} is outside the repository root ${displayPath(root, io.cwd)}`)}; ${reader} cannot place its findings (set --sarif-root)\n`);
  }
  return paths;
}

/** Whether the command line asks for GitHub annotations (`-f github`), read before or without parsing it. */
function wantsAnnotations(argv: readonly string[]): boolean {
  return optionValue(argv, '-f', '--format') === 'github';
}

/** The arguments before `--`, where options may be; after it, every argument is a spec. */
function optionArgs(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/** The last value given to an option in `argv` (`-f x`, `-fx`, `--format x`, `--format=x`), up to `--`. */
function optionValue(argv: readonly string[], short: string | undefined, long: string): string | undefined {
  const options = optionArgs(argv);
  let value: string | undefined;
  for (let index = 0; index < options.length; index++) {
    const arg = options[index]!;
    if (arg === long || arg === short) value = options[++index];
    else if (arg.startsWith(`${long}=`)) value = arg.slice(long.length + 1);
    else if (short !== undefined && arg.startsWith(short) && !arg.startsWith('--')) value = arg.slice(short.length);
  }
  return value;
}

/**
 * With `--format github`, a run stopped by a usage or configuration error also says why as an
 * `::error` annotation (at the configuration's line when there is one): the step fails with
 * exit 2, and its annotations are what a pull request shows. The stderr line is kept.
 */
async function usageAnnotations(error: UsageError, argv: readonly string[], io: CliIo): Promise<string> {
  const { workflowCommand } = await import('./reporters/github.js');
  const problems = error instanceof ConfigError ? error.problems : [error];
  const files = problems.flatMap((problem) => (problem instanceof LoadError ? [displayPath(problem.file, io.cwd)] : []));
  let paths: Map<string, string> | undefined;
  try {
    const sarifRoot = optionValue(argv, undefined, '--sarif-root');
    const explicitRoot = sarifRoot !== undefined ? (await import('./source-root.js')).sourceRootOption(sarifRoot, io.cwd) : undefined;
    paths = files.length > 0 ? await repositoryPaths(files, explicitRoot, io) : undefined;
  } catch {
    // A bad --sarif-root is the error being reported: name the files as given.
  }
  const lines = problems.map((problem) => {
    if (!(problem instanceof LoadError)) return workflowCommand('error', problem.message, undefined, 'statuslint');
    const file = displayPath(problem.file, io.cwd);
    const place = { file: paths?.get(file) ?? file, line: problem.position?.line, column: problem.position?.column };
    return workflowCommand('error', problem.detail, place, 'statuslint');
  });
  return lines.join('\n') + '\n';
}

/** Why some fixable findings are still reported: they are in the report that follows. */
function refusedNote(refused: readonly RefusedFix[]): string {
  const layout = refused.filter((item) => item.reason === 'layout').length;
  const unparsable = refused.filter((item) => item.reason === 'unparsable').length;
  const unloadable = refused.filter((item) => item.reason === 'unloadable').length;
  const conflict = refused.filter((item) => item.reason === 'conflict').length;
  const passes = refused.filter((item) => item.reason === 'passes').length;
  const reasons = [
    layout > 0 ? `${layout} written in a way --fix does not edit (such as a 'headers' that is not a map, or a response behind a YAML alias)` : '',
    unparsable > 0 ? `${unparsable} whose edit would not parse again` : '',
    unloadable > 0 ? `${unloadable} whose edit would break the spec (such as a $ref to the key it renames)` : '',
    conflict > 0 ? `${conflict} at a node that two fixes would write differently (such as a response that a Swagger 2.0 and an OpenAPI 3 spec share, or one used for a 201 and a redirect)` : '',
    passes > 0 ? `${passes} that ${passes === 1 ? 'needs' : 'need'} another --fix run (more passes than one run makes)` : '',
  ].filter(Boolean);
  return `statuslint: left ${plural(refused.length, 'fixable problem')} as written: ${reasons.join('; ')}\n`;
}
