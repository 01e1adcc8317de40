// raiseTierUpThreshold, which the CLI calls right before linting: which flag it gives V8, on which
// V8, and when it gives none. V8's flags are not changed here: setFlagsFromString is recorded.
// (Whether this V8 knows its row's flag: tier-up.test.ts.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const set = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: (flag: string) => void set.push(flag) }));

describe('raiseTierUpThreshold', () => {
  const versions = process.versions;
  const execArgv = process.execArgv;
  beforeEach(() => {
    set.length = 0;
    // Each case a fresh module: the flag is raised once per process.
    vi.resetModules();
  });
  afterEach(() => {
    Object.defineProperty(process, 'versions', { value: versions, configurable: true });
    process.execArgv = execArgv;
  });

  /** The flags one process running `node` on V8 `v8` with `argv` gives V8, calling it `calls` times. */
  async function raised(v8: string, argv: string[], calls = 1): Promise<string[]> {
    Object.defineProperty(process, 'versions', { value: { ...versions, v8 }, configurable: true });
    process.execArgv = argv;
    const { raiseTierUpThreshold } = await import('../src/tier-up.js');
    for (let call = 0; call < calls; call++) raiseTierUpThreshold();
    return [...set];
  }

  it.each([
    ['Node 20', '11.3.244.8-node.38', [], ['--interrupt-budget=500000']],
    ['Node 22', '12.4.254.21-node.33', [], ['--invocation-count-for-turbofan=15000']],
    ['Node 24', '13.6.233.10-node.27', [], ['--invocation-count-for-maglev=3000']],
    ['Node 26', '14.1.146.11-node.9', [], ['--invocation-count-for-maglev=3000']],
    ['Node 18, not measured', '10.2.154.26-node.36', [], []],
    ['a V8 not yet measured', '15.0.1', [], []],
    ['Node 24 given the threshold itself', '13.6.233.10-node.27', ['--invocation-count-for-maglev=400'], []],
    ['Node 24 given other options', '13.6.233.10-node.27', ['--max-old-space-size=4096', '--invocation-count-for-turbofan=100'], ['--invocation-count-for-maglev=3000']],
    ['Node 20 given the budget itself', '11.3.244.8-node.38', ['--stack-size=2000', '--interrupt-budget=100000'], []],
    ['Node 20 given the budget spelt with underscores', '11.3.244.8-node.38', ['--interrupt_budget=100000'], []],
    ['Node 24 given the threshold spelt with underscores', '13.6.233.10-node.27', ['--invocation_count_for_maglev=400'], []],
  ] as const)('on %s (V8 %s, node %j) sets %j', async (_name, v8, argv, expected) => {
    expect(await raised(v8, [...argv])).toStrictEqual(expected);
  });

  it('sets the flag once however often it is called', async () => {
    expect(await raised('13.6.233.10-node.27', [], 3)).toStrictEqual(['--invocation-count-for-maglev=3000']);
  });
});
