import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

// guardProcessOutput listens on this process's own stdout and stderr, once per process: each
// test imports a module of its own, and removes the listeners it added.
const added: Array<[NodeJS.EventEmitter, string, (...args: unknown[]) => void]> = [];

afterEach(() => {
  for (const [stream, event, listener] of added.splice(0)) stream.off(event, listener);
  vi.restoreAllMocks();
});

/** guardProcessOutput(2) from a fresh module; what it writes to stderr and the exit hooks it adds, held back. */
async function guarded(times = 1): Promise<{ stderr: string[]; onExit: Array<() => void> }> {
  vi.resetModules();
  const { guardProcessOutput } = await import('../src/process-output.js');
  const listeners = (stream: NodeJS.EventEmitter) => [...stream.listeners('error')] as Array<(...args: unknown[]) => void>;
  const before = new Map([process.stdout, process.stderr].map((stream) => [stream, listeners(stream)]));
  const stderr: string[] = [];
  const onExit: Array<() => void> = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => (stderr.push(String(text)), true));
  vi.spyOn(process, 'once').mockImplementation(((event: string, listener: () => void) => {
    if (event === 'exit') onExit.push(listener);
    return process;
  }) as typeof process.once);
  for (let index = 0; index < times; index++) guardProcessOutput(2);
  for (const [stream, old] of before) for (const listener of listeners(stream)) if (!old.includes(listener)) added.push([stream, 'error', listener]);
  return { stderr, onExit };
}

const failure = (code?: string, message = 'write failed') => Object.assign(new Error(message), code === undefined ? {} : { code });

describe('guardProcessOutput: when the report cannot be written to stdout', () => {
  it('a reader that went away (EPIPE): the rest is dropped without a word, the exit code left alone', async () => {
    const run = await guarded();
    process.stdout.emit('error', failure('EPIPE'));
    process.stdout.emit('error', failure('ERR_STREAM_DESTROYED'));
    expect(run).toEqual({ stderr: [], onExit: [] });
  });

  it('any other failure (a full disk): one line, and exit code 2 whatever the run decides later', async () => {
    const run = await guarded();
    process.stdout.emit('error', failure('ENOSPC'));
    // Every later write fails again: one verdict.
    process.stdout.emit('error', failure('ERR_STREAM_DESTROYED'));
    expect(run.stderr).toEqual(['statuslint: cannot write the report to stdout (ENOSPC)\n']);
    expect(run.onExit).toHaveLength(1);
    const exitCode = process.exitCode;
    try {
      process.exitCode = 1;
      run.onExit[0]!();
      expect(process.exitCode).toBe(2);
    } finally {
      process.exitCode = exitCode;
    }
  });

  it('names a failure without a code by its message', async () => {
    const run = await guarded();
    process.stdout.emit('error', failure(undefined, 'the stream broke'));
    expect(run.stderr).toEqual(['statuslint: cannot write the report to stdout (the stream broke)\n']);
  });

  it('drops a failure to write stderr itself, and listens once however often it is called', async () => {
    await guarded(3);
    expect(added.map(([stream]) => (stream === process.stdout ? 'stdout' : 'stderr')).sort()).toEqual(['stderr', 'stdout']);
    expect(() => process.stderr.emit('error', failure('ENOSPC'))).not.toThrow();
  });
});

describe('writeTo', () => {
  it('writes to the stream, and turns a write that throws (Node before 20.4) into its error event', async () => {
    const { writeTo } = await import('../src/process-output.js');
    const written: string[] = [];
    const errors: unknown[] = [];
    const stream = Object.assign(new EventEmitter(), { write: (text: string) => (written.push(text), true) });
    stream.on('error', (error) => errors.push(error));
    writeTo(stream as unknown as NodeJS.WriteStream, 'report\n');
    const full = failure('ENOSPC');
    stream.write = () => {
      throw full;
    };
    writeTo(stream as unknown as NodeJS.WriteStream, 'more\n');
    expect([written, errors]).toEqual([['report\n'], [full]]);
  });
});
