import {
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface WriteOptions {
  /** Refuse (EEXIST) rather than replace a file that is already there. */
  exclusive?: boolean;
  /**
   * The bytes the file must still hold when it is replaced: a file changed since it was read
   * is not written (FileChanged). Checked after the new content is on disk, just before the
   * rename, to leave the smallest window in which an edit could still be lost.
   */
  unchangedFrom?: Uint8Array;
  /**
   * Create the folders missing on the way to the file, as `mkdir -p` (a CI job's
   * `reports/statuslint.sarif`); the function names a folder in an error. They are made only
   * when the file is written, and removed again when that fails, so that a failed write
   * leaves nothing behind.
   */
  createFolders?: (folder: string) => string;
}

/** The file no longer holds the bytes it was read with (WriteOptions.unchangedFrom). */
export class FileChanged extends Error {
  readonly code = 'ECHANGED';
}

/** A target statuslint will not write to, with the reason as the user reads it. */
export class OutputRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** What follows `cannot write <file>: ` for an error thrown by writeFileAtomic: in words, with the code to search for. */
export function writeErrorText(error: unknown): string {
  if (error instanceof OutputRefused) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return (error as Error).message;
  const words = WRITE_ERRORS[code];
  return words === undefined ? code : `${words} (${code})`;
}

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a folder on its path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
};

/**
 * Writes a file the user asked for (a report, a baseline, a configuration) with
 * writeFileAtomic; a failure is the user's to fix (a missing folder, a full disk), so it is a
 * UsageError, `cannot write <shownAs>: <reason>`. `ifExists`: the message when an exclusive
 * write finds the file already there.
 */
export function writeUserFile(path: string, content: string | Iterable<string | Uint8Array>, shownAs: string, options: WriteOptions & { ifExists?: string } = {}): void {
  try {
    writeFileAtomic(path, content, options);
  } catch (error) {
    if (options.ifExists !== undefined && (error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(options.ifExists);
    throw new UsageError(`cannot write ${shownAs}: ${writeErrorText(error)}`);
  }
}

/**
 * Writes a file so that readers see either the old or the whole new content: into a
 * temporary file beside it, then a rename, which is atomic on one file system. An exclusive
 * write links the temporary file instead, which fails if the target exists, with no window
 * between checking and writing.
 *
 * Only a regular file (or none) is replaced that way. A symbolic link is written through to
 * the file it names (atomically there), so the link survives; a link to a file not yet there
 * makes that file. One of this process's own descriptors (`/dev/stdout`, `/dev/fd/3`, a
 * shell's `>(…)`) is written into as the shell opened it: a pipe, a socket, or a file opened
 * for appending, whose earlier content stays. A character device (`/dev/null`, a terminal) or
 * a FIFO is written to directly, since renaming over it would replace the device or pipe with
 * a plain file (as root, `-o /dev/null` would destroy `/dev/null`). A FIFO is opened without
 * blocking, so one that no process reads fails at once (ENXIO) instead of hanging. A block
 * device, socket or folder is refused.
 */
export function writeFileAtomic(path: string, content: string | Iterable<string | Uint8Array>, options: WriteOptions = {}): void {
  if (options.exclusive) {
    replaceAtomically(path, content, true, undefined);
    return;
  }
  // stat follows links as the kernel does, `/proc/self/fd/1` included (whose link text,
  // `pipe:[…]`, names nothing a path could reach).
  let stats: Stats | undefined;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a file where a folder should be, which createMissingFolders names.
    if (code !== 'ENOENT' && !(code === 'ENOTDIR' && options.createFolders !== undefined)) throw error;
  }
  // A file to be replaced only as it was read must still be that regular file.
  if (options.unchangedFrom !== undefined && !stats?.isFile()) throw new FileChanged(`${path} changed`);
  if (stats === undefined) {
    const target = throughLinks(path);
    if (options.createFolders === undefined) {
      replaceAtomically(target, content, false, undefined);
      return;
    }
    // Held across both, so that a signal never leaves new folders without the file.
    const release = holdSignals();
    let created: string[] = [];
    try {
      created = createMissingFolders(dirname(target), options.createFolders);
      replaceAtomically(target, content, false, undefined);
    } catch (error) {
      removeFolders(created);
      throw error;
    } finally {
      release();
    }
    return;
  }
  if (stats.isDirectory()) throw new OutputRefused('it is a directory (EISDIR)', 'EISDIR');
  const descriptor = ownDescriptor(path);
  if (descriptor !== undefined) {
    // Not closed: it is the process's own (stdout, most often), not one this write opened.
    untilReaderStops(() => writePieces(descriptor, typeof content === 'string' ? [content] : content, true, false));
  } else if (stats.isFile() && !writable(path)) {
    // A rename needs only the folder's permission: it would replace a file its owner made
    // read-only, as no editor does without asking.
    throw Object.assign(new Error(`${path} is read-only`), { code: 'EACCES' });
  } else if (stats.isFile() && stats.nlink > 1) {
    // A rename would give this path a new file and leave the other hard links with the old
    // content: the file is rewritten where it is instead, at the cost of atomicity.
    if (options.unchangedFrom !== undefined && !readFileSync(path).equals(options.unchangedFrom)) throw new FileChanged(`${path} changed`);
    const release = holdSignals();
    try {
      writeDirectly(path, content, false, true);
    } finally {
      release();
    }
  } else if (stats.isFile()) {
    replaceAtomically(realpathSync(path), content, false, stats, options.unchangedFrom);
  } else if (stats.isCharacterDevice() || stats.isFIFO()) {
    untilReaderStops(() => writeDirectly(path, content, stats.isFIFO()));
  } else {
    throw new OutputRefused(`it is a ${stats.isBlockDevice() ? 'block device' : 'socket'}; write the report to a file, a character device or a FIFO`, 'EINVAL');
  }
}

/**
 * Runs a write into a pipe or socket whose reader may stop early (`-o /dev/stdout | head`):
 * the reader took all it wanted, so the rest is dropped and the run goes on, as for a report
 * on stdout (see process-output.ts); any other failure is thrown.
 */
function untilReaderStops(write: () => void): void {
  try {
    write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}

/**
 * Creates the folders missing on the way to `folder`, the outermost first, and returns them in
 * that order. `shown` names a folder in an error: one on the way that is a file (or anything
 * else but a folder), or one that cannot be made (no permission, a read-only file system).
 */
function createMissingFolders(folder: string, shown: (folder: string) => string): string[] {
  const missing: string[] = [];
  for (let current = folder; ; ) {
    let stats: Stats;
    try {
      stats = statSync(current);
    } catch (error) {
      // ENOTDIR: a file further up, found as the walk goes on.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      missing.push(current);
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
      continue;
    }
    if (!stats.isDirectory()) throw new OutputRefused(`${shown(current)} is ${stats.isFile() ? 'a file, not a folder' : 'not a folder'} (ENOTDIR)`, 'ENOTDIR');
    break;
  }
  const created: string[] = [];
  for (const each of missing.reverse()) {
    try {
      mkdirSync(each);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Made meanwhile by another run writing beside this one (two reports into one new
      // `reports/`): there, and not this run's to remove.
      if (code === 'EEXIST' && statSync(each, { throwIfNoEntry: false })?.isDirectory()) continue;
      removeFolders(created);
      // EEXIST: a symbolic link to nothing, which mkdir -p refuses too. ENOENT, with the parent
      // there: a file system that makes no folders (/proc), not a missing folder.
      const reason = code === 'EEXIST' ? 'it is a symbolic link to nothing (EEXIST)' : code === 'ENOENT' ? 'the file system refused (ENOENT)' : writeErrorText(error);
      throw new OutputRefused(`cannot create the folder ${shown(each)}: ${reason}`, code ?? 'EIO');
    }
    created.push(each);
  }
  return created;
}

/** Removes folders `createMissingFolders` made, the innermost first; one no longer empty stays. */
function removeFolders(created: readonly string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // not empty: something else wrote there meanwhile
    }
  }
}

/**
 * The path a chain of symbolic links ends at when that end is missing (a link to a file not
 * yet written names where to write it); `path` itself when it is no link.
 */
function throughLinks(path: string): string {
  let current = resolve(path);
  for (let hops = 0; ; hops++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current; // missing: the end of the chain
    }
    if (!isLink) return current;
    if (hops === 40) throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
    current = resolve(dirname(current), readlinkSync(current));
  }
}

/**
 * The descriptor `path` names when it leads, through links, to one of this process's own
 * (`/dev/stdout` → `/proc/self/fd/1`); undefined for any other path.
 */
function ownDescriptor(path: string): number | undefined {
  const descriptors = `/proc/${process.pid}/fd`;
  let current = resolve(path);
  for (let hops = 0; hops <= 40; hops++) {
    let link: string;
    try {
      const folder = realpathSync(dirname(current));
      if (folder === descriptors && /^\d+$/.test(basename(current))) return Number(basename(current));
      current = join(folder, basename(current));
      if (!lstatSync(current).isSymbolicLink()) return undefined;
      link = readlinkSync(current);
    } catch {
      return undefined;
    }
    current = resolve(dirname(current), link);
  }
  return undefined;
}

/** Whether this process may write the file itself (a rename would not ask). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `content` beside `path`, then renames it there. Replacing a file (`replacing`, its
 * stats) keeps its mode and, where the process may, its owner; until then the new copy is the
 * owner's alone, so a private spec is never readable by others on the way.
 */
function replaceAtomically(path: string, content: string | Iterable<string | Uint8Array>, exclusive: boolean, replacing: Stats | undefined, unchangedFrom?: Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const release = holdSignals();
  try {
    const created = replacing === undefined ? 0o666 : 0o600;
    try {
      if (typeof content === 'string') writeFileSync(temporary, content, { mode: created });
      else writePieces(openSync(temporary, 'w', created), content, false, true);
    } catch (error) {
      // The file may be writable (writeFileAtomic checked): the folder is what refused.
      const code = (error as NodeJS.ErrnoException).code;
      if (replacing !== undefined && (code === 'EACCES' || code === 'EPERM')) throw new OutputRefused(`permission denied in its folder, where the new text is written before it replaces the file (${code})`, code);
      throw error;
    }
    if (replacing !== undefined) {
      keepOwner(temporary, replacing);
      chmodSync(temporary, replacing.mode & 0o7777);
    }
    if (unchangedFrom !== undefined && !readFileSync(path).equals(unchangedFrom)) throw new FileChanged(`${path} changed`);
    if (exclusive) linkSync(temporary, path);
    else renameSync(temporary, path);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // renamed away, or never written
    }
    release();
  }
}

/** The signals that stop a run from outside: Ctrl-C, a cancelled CI job, a closed terminal. */
const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Writes under way that hold the stopping signals off (see holdSignals). */
let holds = 0;
/** The first stopping signal that came while writes held it off. */
let heldSignal: NodeJS.Signals | undefined;
let listening = false;

function onStoppingSignal(signal: NodeJS.Signals): void {
  heldSignal ??= signal;
  if (holds === 0) stopBySignal();
}

function stopListening(): void {
  listening = false;
  for (const signal of STOPPING_SIGNALS) process.off(signal, onStoppingSignal);
}

/** Stops the process by the signal that came, as it would have stopped without a listener. */
function stopBySignal(): void {
  stopListening();
  process.kill(process.pid, heldSignal);
}

/**
 * Holds off the signals that would stop the process until the returned function is called,
 * then stops it by the first that came, as it would have. The writes are synchronous, so a
 * listener cannot run before they end; without one, Node died mid-write, and left a partial
 * temporary file beside the report (75 MB of a SARIF log cut short) or, for a file rewritten
 * in place, the report itself cut short. With one, the file is whole (or left as it was) and
 * the temporary file gone before the process stops. One listener for all writes: `--fix`
 * writes many files in a row.
 */
function holdSignals(): () => void {
  holds++;
  if (!listening) {
    listening = true;
    for (const signal of STOPPING_SIGNALS) process.on(signal, onStoppingSignal);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holds > 0) return;
    if (heldSignal !== undefined) return stopBySignal();
    // A signal that came during the write reaches the listener when the event loop next polls
    // for events: stop listening only after that, or it would be lost. This turn of the loop
    // may be past its poll already, so the next one's end is awaited.
    setImmediate(() =>
      setImmediate(() => {
        if (holds === 0 && listening) stopListening();
      }),
    );
  };
}

/** Gives the new copy the replaced file's owner and group, when this process may (root may; others keep their own). */
function keepOwner(path: string, replacing: Stats): void {
  const uid = process.getuid?.();
  if (uid === undefined || (replacing.uid === uid && replacing.gid === process.getgid?.())) return;
  try {
    chownSync(path, replacing.uid, replacing.gid);
  } catch {
    // Not permitted: the file becomes this user's, as when any editor saves it.
  }
}

/** Writes into a character device, FIFO or (`truncate`) hard-linked file as it is: no temporary file, nothing replaced. */
function writeDirectly(path: string, content: string | Iterable<string | Uint8Array>, fifo: boolean, truncate = false): void {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for writing otherwise waits, forever, for a reader.
    fd = openSync(path, constants.O_WRONLY | (fifo ? constants.O_NONBLOCK : 0) | (truncate ? constants.O_TRUNC : 0));
  } catch (error) {
    if (fifo && (error as NodeJS.ErrnoException).code === 'ENXIO') {
      throw new OutputRefused('it is a FIFO that no process is reading (ENXIO); start the reader first', 'ENXIO');
    }
    throw error;
  }
  writePieces(fd, typeof content === 'string' ? [content] : content, fifo, true);
}

/**
 * Writes the pieces one after another, each encoded only when its turn comes, then closes
 * `fd` if `close`. `nonBlocking`: a full pipe (EAGAIN) is waited out, a little at a time.
 */
function writePieces(fd: number, pieces: Iterable<string | Uint8Array>, nonBlocking: boolean, close: boolean): void {
  try {
    for (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      for (let written = 0; written < bytes.length; ) {
        try {
          written += writeSync(fd, bytes, written);
        } catch (error) {
          if (!nonBlocking || (error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          pause(5);
        }
      }
    }
  } finally {
    if (close) closeSync(fd);
  }
}

let sleeper: Int32Array | undefined;

/** Blocks the thread for `ms` milliseconds (the writes around it are synchronous too). */
function pause(ms: number): void {
  Atomics.wait((sleeper ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, ms);
}
