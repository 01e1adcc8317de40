/** A one-line "linted 120/2,640 files" display on a terminal, redrawn in place. */
export interface Progress {
  update(done: number, total: number): void;
  /** Erases the line, so the report starts on a clean one. */
  clear(): void;
}

export interface ProgressOptions {
  write: (text: string) => void;
  now?: () => number;
  /** Runs shorter than this show nothing. */
  delayMs?: number;
  /** Least time between redraws. */
  intervalMs?: number;
  /** What is being done to the files: `linted` (the default), `validated`. */
  verb?: string;
}

const NONE: Progress = { update() {}, clear() {} };

/**
 * Progress belongs on an interactive terminal only: a CI log or a pipe would keep every
 * redraw as a line of noise.
 */
export function showsProgress(stderrIsTty: boolean, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return stderrIsTty && !ci && env.TERM !== 'dumb';
}

export function createProgress(enabled: boolean, options: ProgressOptions): Progress {
  if (!enabled) return NONE;
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 500;
  const interval = options.intervalMs ?? 100;
  const started = now();
  let drawnAt: number | undefined;
  return {
    update(done, total) {
      const time = now();
      if (time - started < delay || done >= total) return;
      if (drawnAt !== undefined && time - drawnAt < interval) return;
      drawnAt = time;
      options.write(`\r\u001b[Kstatuslint: ${options.verb ?? 'linted'} ${done.toLocaleString('en')}/${total.toLocaleString('en')} files`);
    },
    clear() {
      if (drawnAt !== undefined) options.write('\r\u001b[K');
      drawnAt = undefined;
    },
  };
}
