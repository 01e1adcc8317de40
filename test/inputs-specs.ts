// Specs shared by inputs.test.ts and inputs-cli.test.ts.

export interface Report {
  findings: Array<{ ruleId: string; file: string; pointer: string }>;
  summary: { files: number };
}

export const info = { title: 't', version: '1' };
/** A spec whose only finding is in the shared 401 it references. */
export const usesShared = (ref: string) => ({ openapi: '3.1.0', info, paths: { '/a': { get: { responses: { '200': { description: 'ok' }, '401': { $ref: ref } } } } } });
export const clean = { openapi: '3.0.3', info, paths: { '/b': { get: { responses: { '200': { description: 'ok' }, '404': { description: 'Not found' } } } } } };
