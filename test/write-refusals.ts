// src/output.js as the tests of --fix's writing import it: a file under a folder named
// `read-only` cannot be written (as root, in CI containers, permissions cannot make one), and one
// under `broken` fails as a bug would. Use it as
// `vi.mock('../src/output.js', async (original) => (await import('./write-refusals.js')).refusingWrites(original))`.
import { sep } from 'node:path';

type Output = typeof import('../src/output.js');

export async function refusingWrites(importOriginal: () => Promise<Output>): Promise<Output> {
  const actual = await importOriginal();
  return {
    ...actual,
    writeFileAtomic: (path, ...rest) => {
      if (path.includes(`${sep}read-only${sep}`)) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      if (path.includes(`${sep}broken${sep}`)) throw new TypeError('a bug');
      return actual.writeFileAtomic(path, ...rest);
    },
  };
}
