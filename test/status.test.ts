import { describe, expect, it } from 'vitest';
import { isExactStatus, isStatusRange, isSuccessStatus, statusClass } from '../src/engine/status.js';

// How every rule reads a key of a `responses` map. A key is a status only as a whole: a code
// inside a longer key ('1404', 'x404', '4XXX') is not one, or rules would judge typos as codes.
const keys: [key: string, exact: boolean, range: boolean, statusClass: number | undefined][] = [
  ['404', true, false, 4],
  ['200', true, false, 2],
  ['599', true, false, 5],
  ['4XX', false, true, 4],
  ['2XX', false, true, 2],
  // OpenAPI writes ranges with an uppercase X; a lower-case one is misspelt but still the class.
  ['4xx', false, false, 4],
  ['default', false, false, undefined],
  ['600', false, false, undefined],
  ['099', false, false, undefined],
  ['40', false, false, undefined],
  ['1404', false, false, undefined],
  ['4040', false, false, undefined],
  ['x404', false, false, undefined],
  ['44XX', false, false, undefined],
  ['4XXX', false, false, undefined],
  ['x4xx', false, false, undefined],
  ['4xxx', false, false, undefined],
  ['4X', false, false, undefined],
];

describe('status keys', () => {
  it.each(keys)('%s: exact %s, range %s, class %s', (key, exact, range, cls) => {
    expect(isExactStatus(key)).toBe(exact);
    expect(isStatusRange(key)).toBe(range);
    expect(statusClass(key)).toBe(cls);
    expect(isSuccessStatus(key)).toBe(cls === 2);
  });
});
