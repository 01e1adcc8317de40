import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TIER_UP_FLAGS } from '../src/tier-up.js';

// V8 renames its tiering flags between versions, and prints an error for one it does not know:
// each version's flag is checked on the Node that runs the tests (CI runs one; run the suite
// under another Node to check its row).
describe('the tier-up flag of this V8', () => {
  const major = Number(process.versions.v8.split('.')[0]);
  const flag = TIER_UP_FLAGS[major];

  it.runIf(flag !== undefined)('is one this V8 knows, and setting it says nothing', () => {
    const name = flag!.slice(0, flag!.indexOf('='));
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(options).toMatch(new RegExp(`^\\s*${name}\\s`, 'm'));
    const set = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
    expect(set.status).toBe(0);
    expect(set.stderr).toBe('');
  });
});
