import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, constants, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { project, projectRoot, runBinary, runCli, runCliUnprivileged } from './cli-harness.js';
import { dir, HEAD, refused, write } from './hostile.js';

// The hostile inputs that need the built CLI in a process of its own: a small heap, devices,
// pipes, another user, signals. A test file that starts one is left out of mutation runs, so
// these stay apart from robustness.test.ts, which runs the CLI in this process.

describe('10,000 levels of nesting, on a small heap', () => {
  // One line of `- - - …` nests a list per indicator but writes no value the yaml library's
  // budget counts: 12 MB of it took 3.4 GB, and on a small heap (as on a large file) V8 ended
  // the process. It is refused as soon as the line passes the limit, before the tree is built.
  it('YAML, block lists opened on one line (300,000 levels, on a 64 MB heap)', () => {
    const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep:\n${'- '.repeat(300_000)}1\n`;
    const run = runBinary([write('deep-compact.yaml', text)], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.stderr).toMatch(/^statuslint: \S*deep-compact\.yaml:5:511: nesting deeper than 256 levels\n/);
    expect(run.code).toBe(2);
  });

  it('YAML, flow style past the yaml library\'s value budget, is refused for its nesting, where it is', () => {
    const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ${'['.repeat(300_000)}${']'.repeat(300_000)}\n`;
    const run = runBinary([write('deep-flow-budget.yaml', text)], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=64' } });
    expect(run.stderr).toMatch(/^statuslint: \S*deep-flow-budget\.yaml:4:264: nesting deeper than 256 levels\n/);
    expect(run.code).toBe(2);
  });
});

describe('YAML the yaml library would need more than half the heap to read', () => {
  // `yaml` costs about 1.5 KB per value: a 60 MB file with one anchor grew to V8's heap limit,
  // where V8 ended the process with its own trace (on the main thread; a worker died instead).
  // A small heap stands in for a large file.
  const heap = { NODE_OPTIONS: '--max-old-space-size=256' };
  const listOf = (count: number): string => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-note: &note n\nx-list: [${Array(count).fill('1').join(',')}]\n`;

  it('is refused in one line, on the main thread and on a worker alike, and the other specs are reported', () => {
    const folder = mkdtempSync(join(dir, 'heap-'));
    writeFileSync(join(folder, 'huge.yaml'), listOf(400_000));
    for (let index = 0; index < 16; index++) writeFileSync(join(folder, `spec-${index}.yaml`), `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a${index}:\n    get:\n      responses:\n        '200': {description: ok}\n`);
    const runs = [1, 2].map((threads) => runBinary(['--format', 'json', folder], { cwd: dir, env: { ...heap, STATUSLINT_THREADS: String(threads) } }));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^statuslint: \S+huge\.yaml: over [\d,]+ YAML values in a file that the yaml library reads \(it has anchors, tags or other forms statuslint's own reader leaves to it\), which needs more than half of Node's [\d.]+ GB heap; convert it to JSON, or raise the heap \(NODE_OPTIONS=--max-old-space-size=<MB>\)\n$/);
      expect((JSON.parse(run.stdout) as { summary: { files: number } }).summary.files).toBe(16);
    }
    expect(runs[1]).toStrictEqual(runs[0]);
  });

  it('a file well within it is read', () => {
    const run = runBinary(['--format', 'json', write('list.yaml', listOf(20_000))], { cwd: dir, env: heap });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('files that cannot be read', () => {
  it('a socket is not a regular file', async () => {
    const socket = join(dir, 'api.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await refused([socket], /api\.sock: not a regular file \(a socket or device\)$/);
    } finally {
      server.close();
    }
  });

  it.skipIf(process.getuid?.() !== 0)('a character device (like /dev/zero, which never ends) is refused unread, named or in a folder', async () => {
    const folder = mkdtempSync(join(dir, 'device-'));
    const zero = join(folder, 'zero.yaml');
    expect(spawnSync('mknod', [zero, 'c', '1', '5']).status).toBe(0);
    try {
      await refused([zero], /zero\.yaml: not a regular file \(a socket or device\)$/);
      writeFileSync(join(folder, 'api.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
      await refused([folder], /zero\.yaml: not a regular file \(a socket or device\)$/);
    } finally {
      rmSync(zero, { force: true });
    }
  });

  /** A FIFO fed by `script` (a shell command writing to file descriptor 3); the writer is killed afterwards. */
  async function withPipe(script: string, body: (fifo: string) => Promise<void>): Promise<void> {
    const fifo = join(mkdtempSync(join(dir, 'pipe-')), 'spec.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `exec 3>"$0"; ${script}`, fifo], { stdio: 'ignore', detached: true });
    try {
      await body(fifo);
    } finally {
      try {
        process.kill(-writer.pid!, 'SIGKILL');
      } catch {
        // ended already
      }
    }
  }

  it('a pipe is read only up to the size limit (it may never end), and linted when it fits', async () => {
    // 4 MB written and the pipe held open: reading to the end would wait for the writer.
    await withPipe(`yes 'a: b' | head -c 4000000 >&3; sleep 20`, async (fifo) => {
      await refused(['--max-file-size', '1mb', fifo], /spec\.yaml: the file is over the 1 MiB limit \(raise it with --max-file-size\)$/);
    });
    await withPipe(`cat '${join(projectRoot, 'fixtures/clean/openapi.yaml')}' >&3`, async (fifo) => {
      const run = await runCli([fifo], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
    });
  });

  it('a named pipe inside a linted folder is reported, not opened (it would wait for a writer)', async () => {
    const folder = mkdtempSync(join(dir, 'fifo-folder-'));
    writeFileSync(join(folder, 'api.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    expect(spawnSync('mkfifo', [join(folder, 'pipe.yaml')]).status).toBe(0);
    // A process of its own: before the fix, opening the pipe blocked until the harness's timeout.
    const run = runBinary(['--format', 'json', folder], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    const report = JSON.parse(run.stdout) as { inputErrors: { file: string; message: string }[] };
    expect(report.inputErrors).toHaveLength(1);
    expect(report.inputErrors[0]!.file).toMatch(/pipe\.yaml$/);
    expect(report.inputErrors[0]!.message).toMatch(/named pipe \(FIFO\) found in a folder is not read/);
  });

  it('a named pipe a $ref names is refused, not opened, when linting and when validating; so is a file over the limit', () => {
    const folder = mkdtempSync(join(dir, 'fifo-ref-'));
    expect(spawnSync('mkfifo', [join(folder, 'pipe.yaml')]).status).toBe(0);
    writeFileSync(join(folder, 'api.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '401': {$ref: 'pipe.yaml#/U'}\n");
    // swagger-parser also follows $refs in extensions, which the linter leaves alone.
    writeFileSync(join(folder, 'ext.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-e: {$ref: 'pipe.yaml'}\npaths: {}\n");
    writeFileSync(join(folder, 'big.yaml'), `a: ${'x'.repeat(20_000)}\n`);
    writeFileSync(join(folder, 'big-ext.yaml'), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-e: {$ref: 'big.yaml'}\npaths: {}\n");
    // Processes of their own: before the fix, opening the pipe blocked forever.
    const lint = runBinary(['api.yaml'], { cwd: folder });
    expect(lint.code).toBe(2);
    expect(lint.stderr).toBe("statuslint: api.yaml:8:17: cannot resolve $ref 'pipe.yaml#/U': pipe.yaml: a named pipe (FIFO) is not read through a $ref, since it may wait for a writer forever\n");
    const validate = runBinary(['--validate', 'ext.yaml'], { cwd: folder });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toBe('statuslint: ext.yaml: cannot validate: a $ref names pipe.yaml, which is not a regular file\n');
    const big = runBinary(['--validate', '--max-file-size', '10kb', 'big-ext.yaml'], { cwd: folder });
    expect(big.code).toBe(2);
    expect(big.stderr).toBe('statuslint: big-ext.yaml: cannot validate: a $ref names big.yaml, which is over the 10 KiB limit (raise it with --max-file-size)\n');
  });

  it('permission denied', async (context) => {
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    const spec = join(folder, 'api.yaml');
    writeFileSync(spec, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    chmodSync(spec, 0o000);
    if (process.getuid?.() !== 0) {
      await refused([spec], /api\.yaml: permission denied$/);
      return;
    }
    const run = await runCliUnprivileged([spec], dir, (note) => context.skip(note));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('statuslint: locked/api.yaml: permission denied\n');
  });
});

describe('output that cannot be written', () => {
  const bin = join(projectRoot, 'bin', 'statuslint.js');
  const args = ['fixtures/petstore', '--format', 'json'];

  it('a reader that goes away (`| head`): the rest is dropped, no stack trace, the exit code is the run\'s', async () => {
    const finished = spawnSync(process.execPath, [bin, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
    expect(finished.stdout.length).toBeGreaterThan(0);
    // The pipe's reading end is closed before the CLI writes its report, so the write fails with EPIPE.
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((settle) => child.on('close', settle));
    expect(stderr).toBe('');
    expect(code).toBe(finished.status);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk: one line naming the error, exit code 2', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [bin, ...args], { cwd: projectRoot, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('statuslint: cannot write the report to stdout (ENOSPC)\n');
      expect(run.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });

  // Node before 20.4 threw from write() on a full disk instead of emitting 'error'; a preload
  // makes this Node do the same.
  it.each(['stdout', 'stderr'] as const)('a full disk where writing %s throws, as in Node before 20.4', (stream) => {
    const preload = join(mkdtempSync(join(dir, 'throwing-')), 'throw.cjs');
    writeFileSync(preload, `process.${stream}.write = () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); };\n`);
    const folder = project({ 'api.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", 'other.yaml': 'foo: bar\n' });
    const run = spawnSync(process.execPath, ['--require', preload, bin, folder, '--format', 'json'], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000 });
    if (stream === 'stdout') {
      expect(run.stderr).toMatch(/statuslint: cannot write the report to stdout \(ENOSPC\)\n$/);
      expect(run.status).toBe(2);
    } else {
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).summary.files).toBe(1);
      expect(run.status).toBe(0);
    }
  });

  it.skipIf(!existsSync('/dev/full'))('stderr on a full disk: the report and the exit code are the run\'s', () => {
    // A folder with a file that is not OpenAPI: the run says on stderr that it skipped it.
    const dir = project({ 'api.yaml': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", 'other.yaml': 'foo: bar\n' });
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [bin, dir, '--format', 'json'], { cwd: projectRoot, stdio: ['ignore', 'pipe', full], encoding: 'utf8', timeout: 30_000 });
      expect(JSON.parse(run.stdout).summary.files).toBe(1);
      expect(run.status).toBe(0);
    } finally {
      closeSync(full);
    }
  });
});

describe('a signal while the report is written (Ctrl-C, a cancelled CI job)', () => {
  const output = pathToFileURL(join(projectRoot, 'dist', 'src', 'output.js')).href;

  /**
   * Writes a report of 20 pieces in a process of its own that sends itself `signal` after the
   * fifth, as a Ctrl-C during a long write would come; returns how the process ended.
   */
  function interruptedWrite(path: string, signal: NodeJS.Signals): { signal: NodeJS.Signals | null; status: number | null } {
    const script = `
const { writeFileAtomic } = await import(${JSON.stringify(output)});
function* pieces() {
  for (let index = 0; index < 20; index++) {
    if (index === 5) process.kill(process.pid, ${JSON.stringify(signal)});
    yield 'piece ' + index + '\\n';
  }
}
writeFileAtomic(${JSON.stringify(path)}, pieces());
`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    return { signal: run.signal, status: run.status };
  }

  const whole = Array.from({ length: 20 }, (_, index) => `piece ${index}\n`).join('');

  it('the file is written whole and no temporary file is left; then the process stops by that signal', () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const folder = mkdtempSync(join(dir, 'signal-'));
      const path = join(folder, 'report.json');
      writeFileSync(path, 'the report of an earlier run\n');
      expect(interruptedWrite(path, signal)).toStrictEqual({ signal, status: null });
      expect(readdirSync(folder)).toStrictEqual(['report.json']);
      expect(readFileSync(path, 'utf8')).toBe(whole);
    }
  });

  it('--fix writing many files in a row listens once, with no warning of a listener leak', () => {
    const folder = mkdtempSync(join(dir, 'signal-fix-'));
    for (let index = 0; index < 15; index++) {
      writeFileSync(join(folder, `spec-${index}.yaml`), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n        '429': {description: slow}\n");
    }
    const run = runBinary(['--fix', '.'], { cwd: folder });
    expect(run.stderr).toBe('statuslint: fixed 15 problems in 15 files\n');
    expect(run.code).toBe(0);
  });

  it('a report with a second hard link, rewritten in place, is not left cut short', () => {
    const folder = mkdtempSync(join(dir, 'signal-'));
    const path = join(folder, 'report.json');
    writeFileSync(path, 'the report of an earlier run\n');
    linkSync(path, join(folder, 'other-link.json'));
    expect(interruptedWrite(path, 'SIGTERM')).toStrictEqual({ signal: 'SIGTERM', status: null });
    expect(readdirSync(folder).sort()).toStrictEqual(['other-link.json', 'report.json']);
    expect(readFileSync(path, 'utf8')).toBe(whole);
  });
});

describe('--output onto a symbolic link, a device or a FIFO', () => {
  const bin = join(projectRoot, 'bin', 'statuslint.js');
  const spec = join(projectRoot, 'fixtures/clean/openapi.yaml');
  const isRoot = process.getuid?.() === 0;

  /** A character device of our own (mknod needs root), deleted afterwards. */
  function withDevice(name: string, major: number, minor: number, body: (path: string) => Promise<void>): () => Promise<void> {
    return async () => {
      const path = join(mkdtempSync(join(dir, 'dev-')), name);
      const made = spawnSync('mknod', [path, 'c', String(major), String(minor)]);
      expect(made.status, String(made.stderr)).toBe(0);
      try {
        await body(path);
      } finally {
        rmSync(path, { force: true });
      }
    };
  }

  it.skipIf(!isRoot)(
    'a character device (like /dev/null) is written to, not replaced by a plain file',
    withDevice('null', 1, 3, async (path) => {
      const run = await runCli(['-o', path, spec], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(lstatSync(path).isCharacterDevice()).toBe(true);
    }),
  );

  it.skipIf(!isRoot)(
    'a device that fails the write (like /dev/full): one "cannot write" line, exit 2, the device kept',
    withDevice('full', 1, 7, async (path) => {
      const run = await runCli(['-o', path, spec], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^statuslint: cannot write .*full: no space left on the device \(ENOSPC\)\n$/);
      expect(lstatSync(path).isCharacterDevice()).toBe(true);
    }),
  );

  it('a socket is refused: one line, exit 2, the socket kept', async () => {
    const socket = join(mkdtempSync(join(dir, 'out-socket-')), 'report.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const run = await runCli(['-o', socket, spec], { cwd: dir });
      expect([run.code, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toMatch(/^statuslint: cannot write .*report\.sock: it is a socket; write the report to a file, a character device or a FIFO\n$/);
      expect(lstatSync(socket).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('a symbolic link is written through to its target, atomically there; the link stays', async () => {
    const folder = mkdtempSync(join(dir, 'link-'));
    writeFileSync(join(folder, 'real.txt'), 'old');
    chmodSync(join(folder, 'real.txt'), 0o640);
    symlinkSync('real.txt', join(folder, 'lnk'));
    symlinkSync('new.txt', join(folder, 'dangling'));
    expect((await runCli(['-o', join(folder, 'lnk'), '--format', 'json', spec], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(folder, 'lnk')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, 'real.txt'), 'utf8')).summary.files).toBe(1);
    expect(statSync(join(folder, 'real.txt')).mode & 0o777).toBe(0o640);
    // A link to a file not yet there: the file is made where the link points.
    expect((await runCli(['-o', join(folder, 'dangling'), spec], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(folder, 'dangling')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(folder, 'new.txt'), 'utf8')).toMatch(/no problems/);
    expect(readdirSync(folder).sort()).toEqual(['dangling', 'lnk', 'new.txt', 'real.txt']);
  });

  it('/dev/stdout into a pipe or a socket (`| cat`, a spawner\'s stdio): the report on stdout, the exit code by findings', () => {
    const petstore = join(projectRoot, 'fixtures/petstore/openapi.yaml');
    // Node's spawn gives the child a socket; a shell's `|` gives it a pipe.
    const spawned = runBinary(['-f', 'json', '-o', '/dev/stdout', petstore]);
    expect(spawned.stderr).toBe('');
    expect(spawned.code).toBe(1);
    expect(JSON.parse(spawned.stdout).summary.files).toBe(1);
    const piped = spawnSync('sh', ['-c', '"$0" "$1" -f json -o /dev/stdout "$2" | cat', process.execPath, bin, petstore], { encoding: 'utf8', timeout: 30_000 });
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout).summary.files).toBe(1);
  });

  it('/dev/stdout or a FIFO whose reader goes away (`-o /dev/stdout | head`): the rest is dropped, the exit code is the run\'s', () => {
    // Far more than a pipe holds, so that the reader is gone while the report is written.
    const paths = Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`/item${index}`, { get: { responses: { '401': { description: 'no' } } } }]));
    const big = join(mkdtempSync(join(dir, 'big-')), 'openapi.json');
    writeFileSync(big, JSON.stringify({ ...HEAD, paths }));
    const fifo = join(dirname(big), 'report');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const script = [
      '"$0" "$1" -f json -o /dev/stdout "$2" | head -c 10 > /dev/null; echo "stdout $?" >&2',
      // `head` opens the FIFO first, then stops reading after 10 bytes.
      'head -c 10 "$3" > /dev/null & sleep 0.2; "$0" "$1" -f json -o "$3" "$2"; echo "fifo $?" >&2; wait',
    ].join('\n');
    const run = spawnSync('bash', ['-c', `set -o pipefail\n${script}`, process.execPath, bin, big, fifo], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('stdout 1\nfifo 1\n');
  });

  it('/dev/stdout onto a file opened for appending (`>>`): the report is added, the earlier content stays', () => {
    const log = join(mkdtempSync(join(dir, 'append-')), 'log.txt');
    writeFileSync(log, 'hi\n');
    const out = openSync(log, 'a');
    try {
      const run = spawnSync(process.execPath, [bin, '-o', '/dev/stdout', spec], { cwd: projectRoot, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      closeSync(out);
    }
    expect(readFileSync(log, 'utf8')).toMatch(/^hi\n.*no problems/s);
  });

  it('a FIFO with a reader gets the report; one with no reader fails at once, and stays a FIFO', async () => {
    const fifo = join(mkdtempSync(join(dir, 'fifo-')), 'report');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await refused(['-o', fifo, spec], /cannot write .*report: it is a FIFO that no process is reading \(ENXIO\)/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    // A reader that does not block: the report (small) waits in the pipe until read.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const run = await runCli(['-o', fifo, '--format', 'json', spec], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      const buffer = Buffer.alloc(1 << 16);
      const read = readSync(reader, buffer);
      expect(JSON.parse(buffer.subarray(0, read).toString('utf8')).summary.files).toBe(1);
    } finally {
      closeSync(reader);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
