// What happens when the process's own output cannot be written.
//
// A reader that goes away early (`statuslint api.yaml | head`) closes the pipe, and the next
// write fails with EPIPE. Unhandled, that error crashed the process with a stack trace. As other
// command-line tools do, the rest of the output is dropped and the exit code stays the run's:
// the reader asked for no more. Any other failure (a full disk behind `> report.json`, a closed
// terminal) means the report was lost: one line on stderr, if stderr still works, and exit
// code `failedCode`.

let guarded = false;

/** Installs the handlers once per process; later calls do nothing. */
export function guardProcessOutput(failedCode: number): void {
  if (guarded) return;
  guarded = true;
  let failed = false;
  const fail = (): void => {
    if (failed) return;
    failed = true;
    // The run's own code is set after this error may have arrived: decided at exit, it wins.
    process.once('exit', () => {
      process.exitCode = failedCode;
    });
  };
  for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    let closedByReader = false;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // Writes after the pipe closed fail again (ERR_STREAM_DESTROYED): the same event.
      if (closedByReader) return;
      if (error.code === 'EPIPE') {
        closedByReader = true;
        return;
      }
      fail();
      if (name === 'stdout' && !process.stderr.destroyed) {
        process.stderr.write(`statuslint: cannot write the report to stdout (${error.code ?? error.message})\n`);
      }
    });
  }
}
