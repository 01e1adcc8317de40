import { describe, expect, it } from 'vitest';
import { FindingSet } from '../src/engine/run.js';

describe('FindingSet', () => {
  it('keeps one finding per rule, message, file and pointer, in the order first added', () => {
    const set = new FindingSet<{ ruleId: string; message: string }>();
    const added = (
      [
        ['a', 'm', 'f1', '/p'],
        ['a', 'm', 'f1', '/p'], // the same again
        ['b', 'm', 'f1', '/p'], // another rule, same place: a second finding at the pointer
        ['a', 'n', 'f1', '/p'], // another message
        ['b', 'm', 'f1', '/p'], // the second one again, found in the list
        ['a', 'm', 'f2', '/p'], // another file
        ['a', 'm', 'f1', '/q'], // another pointer
        ['a', 'm', 'f1', '/p'],
      ] as const
    ).map(([ruleId, message, file, pointer]) => set.add({ ruleId, message }, file, pointer));
    expect(added).toStrictEqual([true, false, true, true, false, true, true, false]);
    expect(set.find('b', 'm', 'f1', '/p')).toStrictEqual({ ruleId: 'b', message: 'm' });
    expect(set.find('b', 'n', 'f1', '/p')).toBeUndefined();
    expect(set.find('a', 'm', 'f3', '/p')).toBeUndefined();
  });

  it('takes two messages that differ only in the operation they name for one finding', () => {
    const set = new FindingSet<{ ruleId: string; message: string; operation?: { method: string; path: string } }>();
    const shared = (path: string, rest = 'documents no 400') => ({ ruleId: 'a', message: `POST ${path} ${rest}`, operation: { method: 'post', path } });
    expect(set.add(shared('/v1/items'), 'item.yaml', '/post')).toBe(true);
    expect(set.add(shared('/v2/items'), 'item.yaml', '/post')).toBe(false);
    expect(set.add(shared('/v2/items', 'documents no 422'), 'item.yaml', '/post')).toBe(true);
    // Without the operation to say what its name is, a message is compared whole.
    expect(set.add({ ruleId: 'a', message: 'POST /v3/items documents no 400' }, 'item.yaml', '/post')).toBe(true);
  });
});
