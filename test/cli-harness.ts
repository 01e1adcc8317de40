import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../src/cli.js';
import { assertValidSarif, looksLikeSarif } from './sarif-schema.js';

export const projectRoot = join(import.meta.dirname, '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, as a user would from `cwd` (the project root by default). */
export async function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: options.cwd ?? projectRoot,
    env: options.env ?? {},
    stdoutIsTty: options.tty ?? false,
  });
  checkSarif(args, stdout, options.cwd ?? projectRoot);
  return { code, stdout, stderr };
}

/** Every SARIF log a test makes the CLI write must fit the SARIF 2.1.0 schema. */
function checkSarif(args: readonly string[], stdout: string, cwd: string): void {
  if (looksLikeSarif(stdout)) assertValidSarif(stdout);
  const at = args.findIndex((arg) => arg === '--output' || arg === '-o');
  const output = at === -1 ? undefined : args[at + 1];
  if (output !== undefined && existsSync(resolve(cwd, output))) {
    const text = readFileSync(resolve(cwd, output), 'utf8');
    if (looksLikeSarif(text)) assertValidSarif(text);
  }
}

/** Runs the built executable as a separate process (needs `npm run build`). */
export function runBinary(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin', 'statuslint.js'), ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { PATH: process.env.PATH, ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  checkSarif(args, result.stdout, options.cwd ?? projectRoot);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
