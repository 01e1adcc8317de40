import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoots } from '../../src/loader/project-root.js';

const made: string[] = [];

function tree(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-project-root-')));
  made.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('projectRoots', () => {
  it('gives each spec of a run its own root, whatever folders were asked about before', () => {
    const top = tree();
    const cwdRepo = join(top, 'work');
    mkdirSync(join(cwdRepo, '.git'), { recursive: true });
    mkdirSync(join(cwdRepo, 'api', 'v1'), { recursive: true });
    mkdirSync(join(top, 'plain', 'deep', 'er'), { recursive: true });
    mkdirSync(join(top, 'plain', 'other', '.git'), { recursive: true });
    mkdirSync(join(top, 'plain', 'other', 'specs'), { recursive: true });

    const rootFor = projectRoots(join(cwdRepo, 'api'));
    // Inside the working directory's repository: that repository.
    expect(rootFor(join(cwdRepo, 'api', 'v1', 'openapi.yaml'))).toBe(cwdRepo);
    // Outside it, in no repository: the spec's own folder, asked twice.
    expect(rootFor(join(top, 'plain', 'deep', 'er', 'openapi.yaml'))).toBe(join(top, 'plain', 'deep', 'er'));
    expect(rootFor(join(top, 'plain', 'deep', 'openapi.yaml'))).toBe(join(top, 'plain', 'deep'));
    // A repository below folders already known to be in none is still found, from its own folder and below.
    expect(rootFor(join(top, 'plain', 'other', 'openapi.yaml'))).toBe(join(top, 'plain', 'other'));
    expect(rootFor(join(top, 'plain', 'other', 'specs', 'openapi.yaml'))).toBe(join(top, 'plain', 'other'));
  });

  it('takes the working directory itself as the root when it is in no repository', () => {
    const top = tree();
    mkdirSync(join(top, 'specs'));
    const rootFor = projectRoots(top);
    expect(rootFor(join(top, 'specs', 'openapi.yaml'))).toBe(top);
  });
});
