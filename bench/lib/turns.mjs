// Whole processes taking turns, the way compare.mjs and decompose.mjs time them: any change in
// the machine's load falls on every command alike.
import { spawnSync } from 'node:child_process';

/**
 * Runs each command (`node`'s arguments) `runs` times, in turns, and returns each one's wall
 * times in milliseconds. Exit codes 0 and 1 (statuslint's findings) are fine; any other stops
 * the script with exit code 2, naming `script`.
 */
export function timeInTurns(commands, runs, { cwd, script }) {
  const times = commands.map(() => []);
  for (let run = 0; run < runs; run++) {
    commands.forEach((argv, index) => {
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      times[index].push(Number(process.hrtime.bigint() - start) / 1e6);
      stopOnFailure(child, script, argv[0]);
    });
  }
  return times;
}

/** Stops `script` with exit code 2 when a process it ran (`what`) exited with other than 0 or 1. */
export function stopOnFailure(child, script, what) {
  if (child.status === 0 || child.status === 1) return;
  console.error(`${script}: ${what} exited with ${child.status ?? child.signal}: ${String(child.stderr).trim().slice(-500)}`);
  process.exit(2);
}
