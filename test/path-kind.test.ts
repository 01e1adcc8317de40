import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryExists, pathKind } from '../src/path-kind.js';

describe('pathKind and entryExists', () => {
  it('tell a file, a folder, something else and nothing apart, through links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statuslint-kind-'));
    writeFileSync(join(dir, 'file.yaml'), '');
    mkdirSync(join(dir, 'folder'));
    symlinkSync('file.yaml', join(dir, 'link.yaml'));
    symlinkSync('folder', join(dir, 'link'));
    symlinkSync('gone.yaml', join(dir, 'dangling.yaml'));
    const server = createServer();
    await new Promise<void>((listening) => server.listen(join(dir, 'socket'), listening));
    try {
      const kinds = ['file.yaml', 'link.yaml', 'folder', 'link', 'socket', 'dangling.yaml', 'gone.yaml', 'file.yaml/x'].map((name) => [name, pathKind(join(dir, name)), entryExists(join(dir, name))]);
      expect(kinds).toEqual([
        ['file.yaml', 'file', true],
        ['link.yaml', 'file', true],
        ['folder', 'folder', true],
        ['link', 'folder', true],
        ['socket', 'other', true],
        // A link to nothing is missing to read, but there to count as a configuration.
        ['dangling.yaml', 'missing', true],
        ['gone.yaml', 'missing', false],
        ['file.yaml/x', 'missing', false],
      ]);
      expect(pathKind('/dev/null')).toBe('other');
    } finally {
      server.close();
    }
  });
});
