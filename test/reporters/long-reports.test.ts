import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { jsonReportText } from '../../src/reporters/json.js';
import { documentText } from '../../src/reporters/pieces.js';
import { wholeText as whole } from './helpers.js';

/** Findings with every field, in the contract's order, so that JSON.stringify of them is the reference. */
function findings(count: number): Finding[] {
  return Array.from({ length: count }, (_, index) => ({
    ruleId: index % 2 ? 'require-www-authenticate' : 'no-unknown-status',
    messageId: 'm',
    severity: index % 3 === 0 ? 'error' : 'warning',
    message: `finding ${index}: "quoted", § 15.5.2 … and a line\nbreak`,
    file: `specs/${index % 4}.yaml`,
    pointer: `/paths/~1items~1{id}/get/responses/${400 + index}`,
    line: index + 1,
    column: 7,
    endLine: index + 1,
    endColumn: 12,
    operation: index % 2 ? { method: 'get', path: '/items/{id}' } : undefined,
    status: index % 5 ? String(400 + index) : undefined,
  }));
}

function reference(list: Finding[], summary: Record<string, number>, inputErrors: unknown[] = []): string {
  const entries = list.map(({ messageId: _, ...rest }) => rest);
  return JSON.stringify({ findings: entries, inputErrors, summary }, null, 2) + '\n';
}

describe('json reporter: a long report comes in pieces, with the same bytes', () => {
  const summary = { files: 4, error: 1, warning: 2, info: 0 };

  it.each([0, 1, 2, 3, 4, 6, 7, 10])('%i findings, 3 per piece', (count) => {
    const list = findings(count);
    const text = jsonReportText(list, summary, 3);
    // One string while it fits in one piece; beyond, an opening, pieces of at most 3 findings and the summary.
    const pieces = typeof text === 'string' ? [text] : [...text];
    expect(pieces).toHaveLength(count <= 3 ? 1 : Math.ceil(count / 3) + 2);
    expect(pieces.join('')).toBe(reference(list, summary));
  });

  it('one finding per piece', () => {
    const list = findings(5);
    expect(whole(jsonReportText(list, summary, 1))).toBe(reference(list, summary));
  });

  it('a bidi override or C1 control from a spec is a \\u escape in every piece, the same text as one string', () => {
    const list = findings(7).map((finding) => ({ ...finding, operation: { method: 'get', path: '/items\u202e\u009b{id}' } }));
    const one = whole(jsonReportText(list, summary, 100));
    expect(whole(jsonReportText(list, summary, 2))).toBe(one);
    expect(one).not.toMatch(/[\u009b\u202e]/);
    expect(JSON.parse(one)).toEqual(JSON.parse(reference(list, summary)));
  });

  it('input errors after the findings, whatever the pieces', () => {
    const list = findings(7);
    const errors = [{ file: 'specs/broken.yaml', line: 3, column: 1, message: 'invalid YAML: "findings": [] is not JSON' }, { file: 'specs/empty.yaml', message: 'the file is empty' }];
    expect(whole(jsonReportText(list, { ...summary, inputErrors: 2 }, 3, errors))).toBe(reference(list, { ...summary, inputErrors: 2 }, errors));
  });
});

describe('documentText: a document it cannot cut into pieces', () => {
  // Its own check: pieces of a document whose array is not found once would be written wrong.
  it.each([
    ['has no such array', (entries: unknown[]) => ({ results: entries.length })],
    ['holds it twice', (entries: unknown[]) => ({ findings: entries, more: { findings: [] } })],
  ])('is refused when it %s', (_, documentWith) => {
    expect(() => [...documentText(documentWith, 'findings', [1, 2, 3], (value) => value, 2)]).toThrow('the report must hold "findings": [] once');
  });
});
