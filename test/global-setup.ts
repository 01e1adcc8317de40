// Every test run writes its temporary projects, specs and reports under one folder of its own,
// removed when the run ends: a run leaves nothing behind in the machine's temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'statuslint-tests-'));
  // Read by os.tmpdir() in the test workers, and in the CLIs they spawn.
  process.env.TMPDIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
