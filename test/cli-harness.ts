import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../src/cli.js';

export const projectRoot = join(import.meta.dirname, '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, as a user would from `cwd` (the project root by default). */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean; stderrTty?: boolean; now?: () => number } = {},
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
  });
  return { code, stdout, stderr };
}

/** Runs the built executable as a separate process (needs `npm run build`). */
export function runBinary(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin', 'statuslint.js'), ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { PATH: process.env.PATH, ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
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
    writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  }
  return root;
}
