import { describe, expect, it } from 'vitest';
import { agreeOn, fixContent, fixKey, fixKeyAt, fixTarget, fixWritten, withoutExample, type FixIntent } from '../src/fix/intents.js';
import type { Located } from '../src/loader/resolve.js';

// The intents a rule offers, as --fix tells one from another: the same fix offered again, and
// two fixes that ask for different things at one node.

const at = (path: string, pointer: string): Located => ({ file: { path }, pointer }) as unknown as Located;
const response = at('/specs/r.yaml', '/components/responses/Busy');
const retryAfter = { description: 'Seconds to wait', schema: { type: 'integer' }, example: 60 };
const header = (extra: Partial<Extract<FixIntent, { kind: 'add-header' }>> = {}): FixIntent => ({
  kind: 'add-header',
  response,
  name: 'Retry-After',
  header: retryAfter,
  withoutExample: { description: 'Seconds to wait', schema: { type: 'integer' } },
  ...extra,
});
const rename: FixIntent = { kind: 'rename-key', entry: at('/specs/api.yaml', '/paths/~1a/get/responses/4xx'), to: '4XX' };

describe('fix intents', () => {
  it('name the node they edit, and one key per fix: kind, file, pointer and what it writes there', () => {
    expect(fixTarget(header())).toBe(response);
    expect(fixTarget(rename)).toBe(rename.entry);
    expect(fixKey(header())).toBe(['add-header', '/specs/r.yaml', '/components/responses/Busy', 'Retry-After'].join('\u0000'));
    expect(fixKey(rename)).toBe(['rename-key', '/specs/api.yaml', '/paths/~1a/get/responses/4xx', '4XX'].join('\u0000'));
    expect(fixKeyAt(rename, '/link/api.yaml')).toBe(['rename-key', '/link/api.yaml', '/paths/~1a/get/responses/4xx', '4XX'].join('\u0000'));
  });

  it('say what they write, with and without the example', () => {
    expect(fixContent(header())).toBe('{"description":"Seconds to wait","schema":{"type":"integer"}}');
    expect(fixWritten(header())).toBe('{"description":"Seconds to wait","schema":{"type":"integer"},"example":60}');
    // A header with no version without example (none given) has its example left out all the same.
    expect(fixContent(header({ withoutExample: undefined }))).toBe('{"description":"Seconds to wait","schema":{"type":"integer"}}');
    expect(fixContent(header({ sharedRef: '#/components/headers/Retry-After' }))).toBe('{"$ref":"#/components/headers/Retry-After"}');
    expect(fixWritten(header({ sharedRef: '#/components/headers/Retry-After' }))).toBe('{"$ref":"#/components/headers/Retry-After"}');
    expect([fixContent(rename), fixWritten(rename)]).toEqual(['4XX', '4XX']);
  });

  it('drop the example on request, where they have a header without it', () => {
    expect(withoutExample(header())).toEqual({ ...header(), header: { description: 'Seconds to wait', schema: { type: 'integer' } }, withoutExample: undefined });
    const plain = header({ withoutExample: undefined });
    expect(withoutExample(plain)).toBe(plain);
    expect(withoutExample(rename)).toBe(rename);
  });

  it('agree on one fix for a node that two reports ask to fix', () => {
    const first = header();
    // The same: the first.
    expect(agreeOn(first, header())).toBe(first);
    // Only the example differs: the first, without it.
    expect(agreeOn(first, header({ header: { ...retryAfter, example: 120 } }))).toEqual(withoutExample(first));
    // More differs: the first, marked as a conflict, which stays one.
    const conflict = agreeOn(first, header({ header: { description: 'Other', schema: { type: 'integer' } }, withoutExample: undefined }));
    expect(conflict).toEqual({ ...first, conflict: true });
    expect(agreeOn(conflict, header())).toBe(conflict);
    expect(agreeOn(rename, rename)).toBe(rename);
    expect(agreeOn(first, rename)).toBe(first);
  });
});
