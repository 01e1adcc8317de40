// The workspace's cache: a spec released after linting is read again when a later spec
// references it, and every path read is still reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/loader/resolve.js';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-workspace-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ openapi: '3.0.3', info: { title: 'a', version: '1' }, paths: {}, components: { responses: { Gone: { description: 'gone' } } } }));
  writeFileSync(
    join(dir, 'b.json'),
    JSON.stringify({ openapi: '3.0.3', info: { title: 'b', version: '1' }, paths: { '/x': { get: { responses: { '410': { $ref: 'a.json#/components/responses/Gone' } } } } } }),
  );
  return dir;
}

describe('Workspace.release', () => {
  it('forgets a linted spec, reads it again when another spec references it, and still lists it as read', () => {
    const dir = folder();
    const workspace = new Workspace({ rootFor: () => dir });
    const a = workspace.load(join(dir, 'a.json'));
    workspace.checkReferences(a);
    workspace.release(a);
    expect(workspace.load(join(dir, 'a.json'))).not.toBe(a);

    const b = workspace.load(join(dir, 'b.json'));
    workspace.checkReferences(b);
    const target = workspace.deref({ file: b, pointer: '/paths/~1x/get/responses/410', value: { $ref: 'a.json#/components/responses/Gone' } });
    expect(target?.value).toStrictEqual({ description: 'gone' });
    expect(target?.file.path).toBe(join(dir, 'a.json'));
    expect(workspace.loadedPaths).toStrictEqual([join(dir, 'a.json'), join(dir, 'b.json')]);
    // What a lane sends on after each spec: only the paths it had not sent, each once.
    expect(workspace.loadedSince(1)).toStrictEqual([join(dir, 'b.json')]);
    expect(workspace.loadedSince(2)).toStrictEqual([]);
  });

  it('keeps a spec that a file read so far references', () => {
    const dir = folder();
    const workspace = new Workspace({ rootFor: () => dir });
    const b = workspace.load(join(dir, 'b.json'));
    workspace.checkReferences(b);
    const a = workspace.load(join(dir, 'a.json'));
    workspace.release(a);
    expect(workspace.load(join(dir, 'a.json'))).toBe(a);
  });
});
