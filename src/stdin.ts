import { fstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { isatty } from 'node:tty';
import { LoadError, UsageError } from './errors.js';
import { decodeSource } from './loader/guards.js';
import { DEFAULT_MAX_FILE_BYTES } from './loader/resolve.js';
import { pathKind } from './path-kind.js';
import { formatBytes } from './size.js';

/** The argument that stands for standard input, as in most Unix tools. */
export const STDIN_ARG = '-';

/** What a spec read from standard input is called when --stdin-filepath does not name it. */
export const STDIN_NAME = '<stdin>';

/** Standard input as the CLI sees it; tests give their own. */
export interface StdinSource {
  /** Whether it is a terminal; by default, whether file descriptor 0 is. */
  isTty?: boolean;
  chunks: () => AsyncIterable<Buffer | string>;
}

/** The spec given as `-`: where it is reported (an absolute path), and its text or why it cannot be linted. */
export interface StdinSpec {
  path: string;
  text?: string;
  failure?: LoadError;
}

/**
 * Checks how `-` and --stdin-filepath are used, and reads standard input when `-` is given.
 * The spec is reported under --stdin-filepath (resolved from `cwd`), and its relative `$ref`s
 * are followed from there, as an editor linting an unsaved buffer needs; without it, under
 * `<stdin>` in the working directory.
 */
export async function readStdinSpec(
  specs: readonly string[],
  options: { stdinFilepath?: string; fix?: boolean; maxFileBytes?: number; cwd: string; stdin?: StdinSource },
): Promise<StdinSpec | undefined> {
  const dashes = specs.filter((spec) => spec === STDIN_ARG).length;
  if (dashes === 0) {
    if (options.stdinFilepath !== undefined) throw new UsageError(`--stdin-filepath names the spec read from standard input; pass '${STDIN_ARG}' to read it`);
    return undefined;
  }
  if (dashes > 1) throw new UsageError(`'${STDIN_ARG}' (standard input) is given ${dashes} times; it can be read once`);
  if (options.fix) throw new UsageError('--fix writes specs in place, and standard input has no file to write; use --fix-dry-run for a diff');
  if (options.stdinFilepath !== undefined && options.stdinFilepath.trim() === '') throw new UsageError('--stdin-filepath must not be empty');
  const stdin = options.stdin;
  // Waiting on a terminal would look like a hang: say what is missing instead.
  if (!stdin || (stdin.isTty ?? isatty(0))) throw new UsageError(`'${STDIN_ARG}' reads a spec from standard input, which is a terminal here; pipe one in, e.g. cat openapi.yaml | statuslint ${STDIN_ARG}`);
  const path = resolve(options.cwd, options.stdinFilepath ?? STDIN_NAME);
  // Which of the two to lint would be a guess: the text read, or the file on disk.
  const alsoNamed = specs.find((spec) => spec !== STDIN_ARG && resolve(options.cwd, spec) === path);
  if (alsoNamed !== undefined) throw new UsageError(`${alsoNamed} is named as a spec and as --stdin-filepath; give it once, as a file or as standard input`);
  if (pathKind(path) === 'folder') throw new UsageError(`--stdin-filepath names a folder (${options.stdinFilepath}); give the path of a file, which need not exist`);
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stdin.chunks()) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      total += bytes.length;
      // Standard input may never end (`yes |`): stop at the limit, as for a pipe named on the command line.
      if (total > limit) {
        return { path, failure: new LoadError(path, `standard input is over the ${formatBytes(limit)} limit (raise it with --max-file-size)`) };
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // `statuslint - < specs`: a folder given where a file was meant.
    if (code === 'EISDIR') return { path, failure: new LoadError(path, 'standard input is a folder, not a spec; name the folder instead of redirecting it') };
    return { path, failure: new LoadError(path, `cannot read standard input: ${code ?? (error as Error).message}`) };
  }
  const empty = new LoadError(path, 'standard input is empty; pipe a spec in');
  if (total === 0) return { path, failure: empty };
  try {
    const text = decodeSource(path, Buffer.concat(chunks, total));
    // White space alone (`echo "$SPEC" |` with the variable unset) is no spec either; the
    // parser's "the file is empty" would blame the file --stdin-filepath names.
    if (text.trim() === '') return { path, failure: empty };
    return { path, text };
  } catch (error) {
    if (error instanceof LoadError) return { path, failure: error };
    throw error;
  }
}

/**
 * The process's standard input. A folder redirected to it (`< specs`) reads as an empty stream
 * on Linux: it is refused as a folder instead of being reported as empty.
 */
export function processStdin(): StdinSource {
  return {
    chunks: () => {
      let folder = false;
      try {
        folder = fstatSync(0).isDirectory();
      } catch {
        // no standard input at all: the stream says so
      }
      if (folder) throw Object.assign(new Error('standard input is a folder'), { code: 'EISDIR' });
      // Not `process.stdin` until now: its stream is made on first use.
      return process.stdin;
    },
  };
}
