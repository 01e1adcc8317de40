// A temporary folder for a script's copies, removed however the script ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A reason to stop a script with exit code 2 and one line, once its scratch folder is gone. */
export class Stop extends Error {}

/**
 * Runs `work` with a new temporary folder and removes the folder afterwards. A Stop thrown by
 * `work` is printed as `script: message` and sets exit code 2; anything else is a bug and is
 * thrown on.
 */
export async function inScratch(script, work) {
  const folder = mkdtempSync(join(tmpdir(), `statuslint-${script.replace(/\.mjs$/, '')}-`));
  try {
    await work(folder);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    console.error(`${script}: ${error.message}`);
    process.exitCode = 2;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
