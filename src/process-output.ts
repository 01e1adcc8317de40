// What happens when the process's own output cannot be written.
//
// A reader that goes away early (`statuslint api.yaml | head`) closes the pipe, and the next
// write fails with EPIPE. Unhandled, that error crashed the process with a stack trace. As other
// command-line tools do, the rest of the output is dropped and the exit code stays the run's:
// the reader asked for no more. Any other failure to write the report (a full disk behind
// `> report.json`) means it was lost: one line on stderr and exit code `failedCode`. Failures to
// write stderr itself are dropped: there is nowhere left to say so, and the report may be whole.

let guarded = false;

/** Installs the handlers once per process; later calls do nothing. */
export function guardProcessOutput(failedCode: number): void {
  if (guarded) return;
  guarded = true;
  process.stderr.on('error', () => {});
  let settled = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // One verdict: writes after the first failure fail again (ERR_STREAM_DESTROYED).
    if (settled) return;
    settled = true;
    if (error.code === 'EPIPE') return;
    writeTo(process.stderr, `statuslint: cannot write the report to stdout (${error.code ?? error.message})\n`);
    // The run's own exit code may be set after this error arrives: decided at exit, this one wins.
    process.once('exit', () => {
      process.exitCode = failedCode;
    });
  });
}

/**
 * Writes to stdout or stderr. Before Node 20.4 a write to a file on a full disk threw instead of
 * emitting 'error' (`engines` allows 20.0): the throw is handled as the event would be.
 */
export function writeTo(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text);
  } catch (error) {
    stream.emit('error', error);
  }
}
