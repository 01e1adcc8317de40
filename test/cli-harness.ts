import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../src/cli.js';
import { assertValidSarif, looksLikeSarif } from './sarif-schema.js';
import { assertValidGitlab } from './gitlab-schema.js';

export const projectRoot = join(import.meta.dirname, '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI where file permissions apply: `chmod` does not stop root, and CI runs as root,
 * so there the built CLI runs as the user `nobody`, and the test is skipped when that user
 * cannot run it from this checkout. Elsewhere it runs in this process, as runCli.
 */
export async function runCliUnprivileged(args: string[], cwd: string, skip: (note: string) => void): Promise<CliRun> {
  if (process.getuid?.() !== 0) return runCli(args, { cwd });
  const asNobody = (list: string[]) =>
    spawnSync(process.execPath, [join(projectRoot, 'bin', 'statuslint.js'), ...list], { cwd, uid: 65534, gid: 65534, encoding: 'utf8', timeout: 30_000 });
  if (asNobody(['--version']).status !== 0) skip('running as root, and user nobody cannot run the built CLI from this checkout');
  const child = asNobody(args);
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/**
 * Makes a named pipe (FIFO) at `path`. mkfifo is not statuslint: a test that calls this still
 * runs the CLI in this process, so it is called here rather than spawned by the test file,
 * which would leave the whole file out of mutation runs.
 */
export function makeFifo(path: string): void {
  const made = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${made.stderr}`);
}

/** Runs the CLI in this process, as a user would from `cwd` (the project root by default). */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean; stderrTty?: boolean; now?: () => number; stdin?: string | Buffer } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: options.cwd ?? projectRoot,
    env: options.env ?? {},
    stdoutIsTty: options.tty ?? false,
    stderrIsTty: options.stderrTty ?? false,
    now: options.now,
    // Without text to give, standard input is a terminal, as when a user types the command.
    stdin: options.stdin === undefined ? { isTty: true, chunks: () => [] as never } : { isTty: false, chunks: () => chunksOf(options.stdin!) },
  });
  checkSarif(args, stdout, options.cwd ?? projectRoot);
  return { code, stdout, stderr };
}

/** Standard input in small pieces, as a pipe delivers it. */
async function* chunksOf(input: string | Buffer): AsyncIterable<Buffer> {
  const bytes = Buffer.from(input);
  for (let start = 0; start < bytes.length; start += 4096) yield bytes.subarray(start, start + 4096);
}

/**
 * Every SARIF log a test makes the CLI write must fit the SARIF 2.1.0 schema, and every
 * `--format gitlab` report GitLab's Code Quality format.
 */
function checkSarif(args: readonly string[], stdout: string, cwd: string): void {
  const gitlab = wantsGitlab(args);
  if (looksLikeSarif(stdout)) assertValidSarif(stdout);
  if (gitlab && stdout.startsWith('[')) assertValidGitlab(stdout);
  const at = args.findIndex((arg) => arg === '--output' || arg === '-o');
  const output = at === -1 ? undefined : args[at + 1];
  // Only a regular file: reading a FIFO or a device given to -o would wait, or never end.
  // A file where a folder should be (ENOTDIR) means no report was written, as a missing one does.
  if (output !== undefined && isFile(resolve(cwd, output))) {
    const text = readFileSync(resolve(cwd, output), 'utf8');
    if (looksLikeSarif(text)) assertValidSarif(text);
    if (gitlab && text.startsWith('[')) assertValidGitlab(text);
  }
}

function wantsGitlab(args: readonly string[]): boolean {
  return args.some((arg, index) => arg === '--format=gitlab' || arg === '-fgitlab' || ((arg === '--format' || arg === '-f') && args[index + 1] === 'gitlab'));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Runs the built executable as a separate process (needs `npm run build`). */
export function runBinary(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin', 'statuslint.js'), ...args], {
    input: options.input,
    cwd: options.cwd ?? projectRoot,
    env: { PATH: process.env.PATH, ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  checkSarif(args, result.stdout, options.cwd ?? projectRoot);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Writes a throwaway project (objects as YAML, strings as they are) into a fresh temporary
 * folder and returns its path.
 */
export function project(files: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), 'statuslint-project-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' || Buffer.isBuffer(content) ? content : stringify(content));
  }
  return root;
}

/**
 * A JSON spec whose lint gives more results than GitHub code scanning accepts in one run
 * (25,000): each of its 3,600 operations earns 7 findings. `extraPaths` are added as written.
 */
export function specOverResultLimit(extraPaths: Record<string, unknown> = {}): string {
  const operation = {
    requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
    responses: {
      200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } } },
      401: { description: 'Permission denied' },
      429: { description: 'Too many requests' },
      503: { description: 'Gateway timeout' },
    },
  };
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < 3600; index++) paths[`/items${index}`] = { post: operation };
  return JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { ...paths, ...extraPaths } });
}
