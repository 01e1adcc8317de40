// What writeFileAtomic and writeUserFile do to the path they are given (a report, a baseline, a
// file --fix rewrites), in this process: the CLI's tests of the same cases spawn it, and so run
// the code as written (see test/mutation/README.md).
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../src/errors.js';

// As root (CI containers) permissions refuse nothing: a file named `read-only…` is one this
// process may not write, and a folder named `locked` one it may not create files or folders in,
// as for another user.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const denied = (path: unknown) => Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
  const locked = (path: unknown) => typeof path === 'string' && path.includes(`${sep}locked${sep}`);
  return {
    ...actual,
    accessSync: (path: unknown, ...rest: unknown[]) => {
      if (typeof path === 'string' && path.split(sep).pop()!.startsWith('read-only')) throw denied(path);
      return (actual.accessSync as (...args: unknown[]) => void)(path, ...rest);
    },
    writeFileSync: (path: unknown, ...rest: unknown[]) => {
      if (locked(path)) throw denied(path);
      return (actual.writeFileSync as (...args: unknown[]) => void)(path, ...rest);
    },
    mkdirSync: (path: unknown, ...rest: unknown[]) => {
      if (locked(path)) throw denied(path);
      return (actual.mkdirSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
    openSync: (path: unknown, ...rest: unknown[]) => {
      if (locked(path)) throw denied(path);
      return (actual.openSync as (...args: unknown[]) => number)(path, ...rest);
    },
  };
});

const { FileChanged, OutputRefused, writeErrorText, writeFileAtomic, writeUserFile } = await import('../src/output.js');

function folder(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-output-')));
}

/** A report written in pieces, one of them bytes, as the reporters hand a large one over. */
function* pieces(): Generator<string | Uint8Array> {
  yield '{"a": 1,\n';
  yield Buffer.from(' "é": 2}\n', 'utf8');
}

const isRoot = process.getuid?.() === 0;

/** An OutputRefused with these words and code, to match what a write throws. */
const refusal = (message: string, code: string) => expect.objectContaining({ constructor: OutputRefused, message, code });

describe('writeErrorText: what follows `cannot write <file>: `', () => {
  it.each([
    ['ENOENT', 'its folder does not exist (ENOENT)'],
    ['ENOTDIR', 'a folder on its path is a file (ENOTDIR)'],
    ['EACCES', 'permission denied (EACCES)'],
    ['EPERM', 'permission denied (EPERM)'],
    ['EISDIR', 'it is a folder (EISDIR)'],
    ['ENOSPC', 'no space left on the device (ENOSPC)'],
    ['EDQUOT', 'the disk quota is used up (EDQUOT)'],
    ['EROFS', 'the file system is read-only (EROFS)'],
    ['EIO', 'EIO'],
  ])('%s: %s', (code, text) => {
    expect(writeErrorText(Object.assign(new Error(`${code}: something, open 'x'`), { code }))).toBe(text);
  });

  it('a refusal by its own words, an error without a code by its message', () => {
    expect(writeErrorText(new OutputRefused('it is a directory (EISDIR)', 'EISDIR'))).toBe('it is a directory (EISDIR)');
    expect(writeErrorText(new Error('too many levels'))).toBe('too many levels');
  });
});

describe('writeUserFile', () => {
  it('writes the file, and turns a failure into one usage error naming the file as shown', () => {
    const dir = folder();
    writeUserFile(join(dir, 'report.json'), '{}\n', 'report.json');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('{}\n');
    const missing = () => writeUserFile(join(dir, 'reports', 'report.json'), '{}\n', 'reports/report.json');
    expect(missing).toThrow(UsageError);
    expect(missing).toThrow(/^cannot write reports\/report\.json: its folder does not exist \(ENOENT\)$/);
  });

  it('an exclusive write onto a file already there: the `ifExists` message, the file kept', () => {
    const dir = folder();
    const path = join(dir, '.statuslintrc.yaml');
    writeFileSync(path, 'rules: {}\n');
    expect(() => writeUserFile(path, 'new\n', '.statuslintrc.yaml', { exclusive: true, ifExists: '.statuslintrc.yaml already exists' })).toThrow(
      new UsageError('.statuslintrc.yaml already exists'),
    );
    // Without one, the code.
    expect(() => writeUserFile(path, 'new\n', '.statuslintrc.yaml', { exclusive: true })).toThrow(/^cannot write \.statuslintrc\.yaml: EEXIST$/);
    // Another failure of an exclusive write is not taken for the file being there.
    expect(() => writeUserFile(join(dir, 'no', 'x.yaml'), 'new\n', 'no/x.yaml', { exclusive: true, ifExists: 'there' })).toThrow(/^cannot write no\/x\.yaml: its folder does not exist/);
    expect(readFileSync(path, 'utf8')).toBe('rules: {}\n');
    expect(readdirSync(dir)).toEqual(['.statuslintrc.yaml']);
  });
});

describe('writeFileAtomic onto a regular file, or none', () => {
  it('writes text or pieces, replacing the file by a rename, with no temporary file left', () => {
    const dir = folder();
    const path = join(dir, 'report.json');
    writeFileAtomic(path, 'first\n');
    expect(readFileSync(path, 'utf8')).toBe('first\n');
    // Made as writeFileSync makes a file: 0o666 less the umask.
    writeFileSync(join(dir, 'reference'), '');
    expect(statSync(path).mode & 0o7777).toBe(statSync(join(dir, 'reference')).mode & 0o7777);
    const before = statSync(path).ino;
    writeFileAtomic(path, pieces());
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1,\n "é": 2}\n');
    expect(statSync(path).ino).not.toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['reference', 'report.json']);
  });

  it("keeps a replaced file's mode, and the new text is the owner's alone until it is in place", () => {
    const dir = folder();
    const path = join(dir, 'openapi.yaml');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o640);
    const modes: number[] = [];
    function* watched(): Generator<string> {
      yield 'new';
      // The temporary copy beside the file, while it is written.
      for (const name of readdirSync(dir)) if (name !== 'openapi.yaml') modes.push(statSync(join(dir, name)).mode & 0o7777);
      yield '\n';
    }
    writeFileAtomic(path, watched());
    expect(modes).toEqual([0o600]);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    chmodSync(path, 0o4755);
    writeFileAtomic(path, 'newer\n');
    expect(statSync(path).mode & 0o7777).toBe(0o4755);
  });

  it.skipIf(!isRoot)("keeps a replaced file's owner and group where this process may (as root)", () => {
    const dir = folder();
    for (const [uid, gid] of [
      [65534, 65534],
      [0, 65534],
      [65534, 0],
    ]) {
      const path = join(dir, `owned-${uid}-${gid}.yaml`);
      writeFileSync(path, 'old\n');
      chownSync(path, uid!, gid!);
      writeFileAtomic(path, 'new\n');
      expect([statSync(path).uid, statSync(path).gid], path).toEqual([uid, gid]);
    }
  });

  it('a file with a second hard link is rewritten where it is: both names read the new text', () => {
    const dir = folder();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'the report of an earlier run, longer than the new one\n');
    linkSync(path, join(dir, 'other.json'));
    const inode = statSync(path).ino;
    writeFileAtomic(path, pieces());
    expect(readFileSync(join(dir, 'other.json'), 'utf8')).toBe('{"a": 1,\n "é": 2}\n');
    expect(statSync(path).ino).toBe(inode);
    // Text as one piece, a character beyond U+FFFF in it.
    writeFileAtomic(path, 'summary: 🚦\n');
    expect(readFileSync(join(dir, 'other.json'), 'utf8')).toBe('summary: 🚦\n');
    expect(statSync(path).ino).toBe(inode);
    expect(readdirSync(dir).sort()).toEqual(['other.json', 'report.json']);
  });

  it('a file named by a number (a CI job id) is a file, not a descriptor of this process', () => {
    const dir = folder();
    writeFileAtomic(join(dir, '4711'), 'report\n');
    writeFileAtomic(join(dir, '4711'), 'report again\n');
    expect(readFileSync(join(dir, '4711'), 'utf8')).toBe('report again\n');
  });

  it('closes every file it opens', () => {
    const dir = folder();
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    writeFileAtomic(join(dir, 'new.json'), pieces());
    writeFileAtomic(join(dir, 'new.json'), pieces());
    linkSync(join(dir, 'new.json'), join(dir, 'linked.json'));
    writeFileAtomic(join(dir, 'new.json'), pieces());
    writeFileAtomic(join(dir, 'new.json'), 'text\n');
    if (existsSync('/dev/null')) writeFileAtomic('/dev/null', pieces());
    expect(open()).toBe(before);
  });

  it('refuses a file this process may not write itself, which a rename would replace anyway', () => {
    const dir = folder();
    const path = join(dir, 'read-only.yaml');
    writeFileSync(path, 'kept\n');
    expect(() => writeFileAtomic(path, 'new\n')).toThrow(expect.objectContaining({ code: 'EACCES', message: `${path} is read-only` }));
    expect(readFileSync(path, 'utf8')).toBe('kept\n');
  });

  it('says when the folder, not the file, refuses the new text written beside it', () => {
    const dir = folder();
    mkdirSync(join(dir, 'open'));
    writeFileSync(join(dir, 'open', 'openapi.yaml'), 'kept\n');
    renameSync(join(dir, 'open'), join(dir, 'locked'));
    const path = join(dir, 'locked', 'openapi.yaml');
    for (const content of ['new\n', pieces()]) {
      expect(() => writeFileAtomic(path, content)).toThrow(
        refusal('permission denied in its folder, where the new text is written before it replaces the file (EACCES)', 'EACCES'),
      );
    }
    expect(readFileSync(path, 'utf8')).toBe('kept\n');
    // A new file there: the system's refusal as it is.
    expect(() => writeFileAtomic(join(dir, 'locked', 'new.yaml'), 'new\n')).toThrow(/^EACCES: permission denied/);
  });

  it('an exclusive write makes the file, or fails with EEXIST and leaves the one there', () => {
    const dir = folder();
    const path = join(dir, 'baseline.json');
    writeFileAtomic(path, pieces(), { exclusive: true });
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1,\n "é": 2}\n');
    expect(() => writeFileAtomic(path, 'second\n', { exclusive: true })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1,\n "é": 2}\n');
    expect(readdirSync(dir)).toEqual(['baseline.json']);
  });

  it('a missing folder, or a file where a folder should be, is thrown as the system says it', () => {
    const dir = folder();
    writeFileSync(join(dir, 'reports'), 'a file');
    expect(() => writeFileAtomic(join(dir, 'out', 'report.json'), 'x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => writeFileAtomic(join(dir, 'reports', 'report.json'), 'x')).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(readdirSync(dir)).toEqual(['reports']);
  });
});

describe('writeFileAtomic with unchangedFrom (what --fix read)', () => {
  const read = Buffer.from('openapi: 3.0.3\n');

  it('replaces the file that still holds those bytes', () => {
    const dir = folder();
    const path = join(dir, 'openapi.yaml');
    writeFileSync(path, read);
    writeFileAtomic(path, 'fixed\n', { unchangedFrom: read });
    expect(readFileSync(path, 'utf8')).toBe('fixed\n');
  });

  it('refuses one changed since, one gone, and one that is no longer a file; each left as it is', () => {
    const dir = folder();
    const changed = join(dir, 'changed.yaml');
    writeFileSync(changed, 'openapi: 3.1.0\n');
    const linked = join(dir, 'linked.yaml');
    writeFileSync(linked, 'openapi: 3.1.0\n');
    linkSync(linked, join(dir, 'other-link.yaml'));
    mkdirSync(join(dir, 'now-a-folder.yaml'));
    for (const path of [changed, linked, join(dir, 'gone.yaml'), join(dir, 'now-a-folder.yaml')]) {
      let thrown: unknown;
      try {
        writeFileAtomic(path, 'fixed\n', { unchangedFrom: read });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, path).toBeInstanceOf(FileChanged);
      expect(thrown).toMatchObject({ code: 'ECHANGED', message: `${path} changed` });
    }
    expect(readFileSync(changed, 'utf8')).toBe('openapi: 3.1.0\n');
    expect(readFileSync(linked, 'utf8')).toBe('openapi: 3.1.0\n');
    expect(readdirSync(dir).sort()).toEqual(['changed.yaml', 'linked.yaml', 'now-a-folder.yaml', 'other-link.yaml']);
  });
});

describe('writeFileAtomic through symbolic links', () => {
  it('writes through a link to its target, which it replaces there; the link stays', () => {
    const dir = folder();
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'real.json'), 'old');
    chmodSync(join(dir, 'reports', 'real.json'), 0o640);
    symlinkSync(join('reports', 'real.json'), join(dir, 'latest.json'));
    writeFileAtomic(join(dir, 'latest.json'), 'new');
    expect(lstatSync(join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'real.json'), 'utf8')).toBe('new');
    expect(statSync(join(dir, 'reports', 'real.json')).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['real.json']);
  });

  it('a link (or a chain of them) to a file not yet there makes that file, named from the folder of the link', () => {
    const dir = folder();
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    symlinkSync(join('..', 'b', 'next'), join(dir, 'a', 'first'));
    symlinkSync('report.json', join(dir, 'b', 'next'));
    writeFileAtomic(join(dir, 'a', 'first'), 'made');
    expect(readFileSync(join(dir, 'b', 'report.json'), 'utf8')).toBe('made');
    expect(lstatSync(join(dir, 'a', 'first')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'b', 'next')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'b')).sort()).toEqual(['next', 'report.json']);
  });

  it('a loop of links is thrown as the system says it', () => {
    const dir = folder();
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    expect(() => writeFileAtomic(join(dir, 'a'), 'x')).toThrow(expect.objectContaining({ code: 'ELOOP' }));
  });
});

describe('writeFileAtomic onto what is not a regular file', () => {
  it('refuses a folder', () => {
    const dir = folder();
    let thrown: unknown;
    try {
      writeFileAtomic(dir, 'x');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputRefused);
    expect(thrown).toMatchObject({ message: 'it is a directory (EISDIR)', code: 'EISDIR' });
  });

  it('refuses a socket, and leaves it a socket', async () => {
    const path = join(folder(), 'report.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect(() => writeFileAtomic(path, 'x')).toThrow(refusal('it is a socket; write the report to a file, a character device or a FIFO', 'EINVAL'));
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  const blockDevice = readdirSync('/dev')
    .map((name) => join('/dev', name))
    .find((path) => lstatSync(path, { throwIfNoEntry: false })?.isBlockDevice());
  it.skipIf(blockDevice === undefined)('refuses a block device, through a link too', () => {
    const link = join(folder(), 'disk');
    symlinkSync(blockDevice!, link);
    expect(() => writeFileAtomic(link, 'x')).toThrow(/^it is a block device; write the report to a file, a character device or a FIFO$/);
    expect(lstatSync(blockDevice!).isBlockDevice()).toBe(true);
  });

  it.skipIf(!existsSync('/dev/null'))('writes into a character device as it is (/dev/null stays a device)', () => {
    const link = join(folder(), 'discard');
    symlinkSync('/dev/null', link);
    writeFileAtomic(link, pieces());
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it.skipIf(!existsSync('/dev/full'))('a device that fails the write (/dev/full) is thrown as the system says it', () => {
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});

describe("writeFileAtomic onto one of this process's own descriptors (/dev/stdout, /dev/fd/3)", () => {
  it('writes into it as it was opened, appending, and leaves it open', () => {
    const log = join(folder(), 'log.txt');
    writeFileSync(log, 'hi\n');
    const fd = openSync(log, 'a');
    try {
      writeFileAtomic(`/proc/self/fd/${fd}`, 'one\n');
      writeFileAtomic(`/dev/fd/${fd}`, pieces());
      // A link of one's own to it (as /dev/stdout is to /proc/self/fd/1).
      const link = join(folder(), 'stdout');
      symlinkSync(`/dev/fd/${fd}`, link);
      writeFileAtomic(link, 'three 🚦\n');
      writeSync(fd, 'still open\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(log, 'utf8')).toBe('hi\none\n{"a": 1,\n "é": 2}\nthree 🚦\nstill open\n');
    expect(readdirSync(join(log, '..'))).toEqual(['log.txt']);
  });

  it('one whose reader went away (`-o /dev/stdout | head`): the rest is dropped, without an error', async () => {
    const path = join(folder(), 'report.sock');
    let readerGone!: () => void;
    const gone = new Promise<void>((settle) => (readerGone = settle));
    const server = createServer((reader) => reader.on('close', readerGone).destroy());
    await new Promise<void>((listening) => server.listen(path, listening));
    const client = connect(path);
    try {
      await gone;
      // A socket's descriptor, as a spawner's stdio gives one for stdout.
      const fd = (client as unknown as { _handle: { fd: number } })._handle.fd;
      expect(() => writeFileAtomic(`/proc/self/fd/${fd}`, 'the report\n')).not.toThrow();
    } finally {
      client.destroy();
      server.close();
    }
  });
});

describe('writeFileAtomic with createFolders (`--output reports/ci/statuslint.sarif`)', () => {
  const shown = (dir: string) => (path: string) => path.slice(dir.length + 1);

  it('makes the missing folders, the report in the innermost', () => {
    const dir = folder();
    mkdirSync(join(dir, 'reports'));
    writeFileAtomic(join(dir, 'reports', 'ci', 'sarif', 'statuslint.sarif'), pieces(), { createFolders: shown(dir) });
    expect(readFileSync(join(dir, 'reports', 'ci', 'sarif', 'statuslint.sarif'), 'utf8')).toBe('{"a": 1,\n "é": 2}\n');
    expect(readdirSync(join(dir, 'reports', 'ci'))).toEqual(['sarif']);
  });

  it('names what stands where a folder should be, and makes nothing', () => {
    const dir = folder();
    writeFileSync(join(dir, 'reports'), 'a file');
    for (const path of [join(dir, 'reports', 'report.json'), join(dir, 'reports', 'ci', 'report.json')]) {
      expect(() => writeFileAtomic(path, 'x', { createFolders: shown(dir) })).toThrow(refusal('reports is a file, not a folder (ENOTDIR)', 'ENOTDIR'));
    }
    expect(() => writeFileAtomic('/dev/null/reports/report.json', 'x', { createFolders: (path) => path })).toThrow(/^\/dev\/null is not a folder \(ENOTDIR\)$/);
    symlinkSync('gone', join(dir, 'out'));
    expect(() => writeFileAtomic(join(dir, 'out', 'ci', 'report.json'), 'x', { createFolders: shown(dir) })).toThrow(
      /^cannot create the folder out: it is a symbolic link to nothing \(EEXIST\)$/,
    );
    expect(readdirSync(dir).sort()).toEqual(['out', 'reports']);
  });

  it('names a folder it may not make, and removes the ones it made before it', () => {
    const dir = folder();
    expect(() => writeFileAtomic(join(dir, 'reports', 'locked', 'ci', 'report.json'), 'x', { createFolders: shown(dir) })).toThrow(
      refusal('cannot create the folder reports/locked/ci: permission denied (EACCES)', 'EACCES'),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says when the file system makes no folders (/proc)', () => {
    expect(() => writeFileAtomic('/proc/statuslint-reports/ci/report.json', 'x', { createFolders: (path) => path })).toThrow(
      refusal('cannot create the folder /proc/statuslint-reports: the file system refused (ENOENT)', 'ENOENT'),
    );
  });

  it('removes the folders it made when the report cannot be written', () => {
    const dir = folder();
    // The temporary file beside it gets a name longer than a file name may be.
    const path = join(dir, 'reports', 'ci', `${'r'.repeat(240)}.json`);
    expect(() => writeFileAtomic(path, 'x', { createFolders: shown(dir) })).toThrow(expect.objectContaining({ code: 'ENAMETOOLONG' }));
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a stopping signal during a write (Ctrl-C, a cancelled CI job)', () => {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const counts = () => signals.map((signal) => process.listenerCount(signal));
  const nextTurns = () => new Promise<void>((settle) => setImmediate(() => setImmediate(settle)));

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('listens only while writes are under way, once however many there are', async () => {
    // The writes of the tests before this one stop listening when the event loop next polls.
    await nextTurns();
    const before = counts();
    const dir = folder();
    const during: number[][] = [];
    function* watched(): Generator<string> {
      yield 'a';
      during.push(counts());
    }
    writeFileAtomic(join(dir, 'one.json'), watched());
    writeFileAtomic(join(dir, 'two.json'), watched());
    expect(during).toEqual([before.map((count) => count + 1), before.map((count) => count + 1)]);
    await nextTurns();
    expect(counts()).toEqual(before);
    // Each kind of write that holds them lets them go: into new folders, in place, and one that fails.
    linkSync(join(dir, 'one.json'), join(dir, 'linked.json'));
    writeFileAtomic(join(dir, 'one.json'), watched());
    writeFileAtomic(join(dir, 'reports', 'ci', 'report.json'), watched(), { createFolders: (path) => path });
    expect(() => writeFileAtomic(join(dir, 'out', `${'r'.repeat(240)}.json`), 'x', { createFolders: (path) => path })).toThrow();
    expect(during.slice(2)).toEqual([before.map((count) => count + 1), before.map((count) => count + 1)]);
    await nextTurns();
    expect(counts()).toEqual(before);
  });

  it.each(signals)('%s: the file is written whole, then the process stops by it', async (signal) => {
    // A module of its own: the signal it held stays held.
    vi.resetModules();
    const { writeFileAtomic: write } = await import('../src/output.js');
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const before = signals.map((name) => process.listeners(name));
    const dir = folder();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'the report of an earlier run\n');
    function* interrupted(): Generator<string> {
      for (let index = 0; index < 20; index++) {
        if (index === 5) {
          const listener = process.listeners(signal).find((each) => !before[signals.indexOf(signal)]!.includes(each));
          (listener as (name: NodeJS.Signals) => void)(signal);
          expect(kill).not.toHaveBeenCalled();
        }
        yield `piece ${index}\n`;
      }
    }
    write(path, interrupted());
    expect(kill.mock.calls).toEqual([[process.pid, signal]]);
    expect(readFileSync(path, 'utf8')).toBe(Array.from({ length: 20 }, (_, index) => `piece ${index}\n`).join(''));
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(signals.map((name) => process.listeners(name))).toEqual(before);
  });

  it('one that comes just after the write, before the listener goes, stops the process at once', async () => {
    vi.resetModules();
    const { writeFileAtomic: write } = await import('../src/output.js');
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const before = process.listeners('SIGINT');
    write(join(folder(), 'report.json'), 'x');
    const listener = process.listeners('SIGINT').find((each) => !before.includes(each));
    (listener as (name: NodeJS.Signals) => void)('SIGINT');
    expect(kill.mock.calls).toEqual([[process.pid, 'SIGINT']]);
    expect(process.listeners('SIGINT')).toEqual(before);
  });
});
