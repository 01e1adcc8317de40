import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToUri } from '../src/reporters/context.js';
import { findSourceRoot, pathUnderRoot, sourceRootOption, sourceRoots } from '../src/source-root.js';
import { isUriReference } from './sarif-schema.js';

function tree(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-root-')));
}

describe('findSourceRoot', () => {
  it('finds the git top-level above the working directory, a .git folder or a worktree file', () => {
    const repo = tree();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'api', 'v1'), { recursive: true });
    expect(findSourceRoot(join(repo, 'api', 'v1'))).toBe(repo);
    const worktree = tree();
    writeFileSync(join(worktree, '.git'), 'gitdir: /elsewhere\n');
    mkdirSync(join(worktree, 'specs'));
    expect(findSourceRoot(join(worktree, 'specs'))).toBe(worktree);
  });

  it('prefers the git top-level to GITHUB_WORKSPACE (a checkout into a subfolder)', () => {
    const workspace = tree();
    mkdirSync(join(workspace, 'repo', '.git'), { recursive: true });
    expect(findSourceRoot(join(workspace, 'repo'), { GITHUB_WORKSPACE: workspace })).toBe(join(workspace, 'repo'));
  });

  it('falls back to GITHUB_WORKSPACE only when the working directory is inside it', () => {
    const workspace = tree();
    mkdirSync(join(workspace, 'api'));
    expect(findSourceRoot(join(workspace, 'api'), { GITHUB_WORKSPACE: workspace })).toBe(workspace);
    const elsewhere = tree();
    expect(findSourceRoot(elsewhere, { GITHUB_WORKSPACE: workspace })).toBe(elsewhere);
  });

  it('falls back to CI_PROJECT_DIR, as to GITHUB_WORKSPACE, when the working directory is inside it (GitLab with GIT_STRATEGY: none)', () => {
    const clone = tree();
    mkdirSync(join(clone, 'api'));
    expect(findSourceRoot(join(clone, 'api'), { CI_PROJECT_DIR: clone })).toBe(clone);
    const elsewhere = tree();
    expect(findSourceRoot(elsewhere, { CI_PROJECT_DIR: clone })).toBe(elsewhere);
    // Inside one and not the other: the one that holds the working directory.
    expect(findSourceRoot(join(clone, 'api'), { GITHUB_WORKSPACE: elsewhere, CI_PROJECT_DIR: clone })).toBe(clone);
  });

  it('resolves symlinks in the working directory', () => {
    const repo = tree();
    mkdirSync(join(repo, '.git'));
    const link = join(tree(), 'link');
    symlinkSync(repo, link);
    expect(findSourceRoot(link)).toBe(repo);
  });
});

describe('sourceRoots', () => {
  it("takes each file's git top-level when the working directory is in none (the action, after a checkout with path:)", () => {
    const workspace = tree();
    mkdirSync(join(workspace, 'repo', '.git'), { recursive: true });
    mkdirSync(join(workspace, 'repo', 'api'));
    mkdirSync(join(workspace, 'loose'));
    const rootOf = sourceRoots(workspace, { GITHUB_WORKSPACE: workspace });
    expect(rootOf(join(workspace, 'repo', 'api', 'openapi.yaml'))).toBe(join(workspace, 'repo'));
    // A file in no work tree: the workspace, as before.
    expect(rootOf(join(workspace, 'loose', 'openapi.yaml'))).toBe(workspace);
  });

  it("keeps the working directory's git top-level for every file, also one in another repository", () => {
    const repo = tree();
    mkdirSync(join(repo, '.git'));
    const other = tree();
    mkdirSync(join(other, '.git'));
    const rootOf = sourceRoots(repo);
    expect(rootOf(join(repo, 'openapi.yaml'))).toBe(repo);
    expect(rootOf(join(other, 'openapi.yaml'))).toBe(repo);
  });
});

describe('sourceRootOption', () => {
  it('accepts a directory and refuses anything else', () => {
    const folder = tree();
    writeFileSync(join(folder, 'file'), '');
    expect(sourceRootOption('.', folder)).toBe(folder);
    expect(() => sourceRootOption('file', folder)).toThrow("--sarif-root 'file' is not a directory");
    expect(() => sourceRootOption('missing', folder)).toThrow("--sarif-root 'missing' is not a directory");
  });
});

describe('pathUnderRoot', () => {
  it('gives a /-separated path, through symlinks, and says when it is outside', () => {
    const repo = tree();
    mkdirSync(join(repo, 'specs'));
    writeFileSync(join(repo, 'specs', 'api.yaml'), '');
    symlinkSync(join(repo, 'specs'), join(repo, 'current'));
    expect(pathUnderRoot(join(repo, 'current', 'api.yaml'), repo)).toEqual({ path: 'specs/api.yaml', inside: true });
    expect(pathUnderRoot(join(repo, 'specs', 'api.yaml'), join(repo, 'current'))).toEqual({ path: '../specs/api.yaml', inside: false });
    writeFileSync(join(repo, '..odd.yaml'), '');
    expect(pathUnderRoot(join(repo, '..odd.yaml'), repo)).toEqual({ path: '..odd.yaml', inside: true });
  });
});

describe('pathToUri', () => {
  it.each([
    ['specs/api.yaml', 'specs/api.yaml'],
    ['my specs/v1 #2/a%b.yaml', 'my%20specs/v1%20%232/a%25b.yaml'],
    ['c:/specs/x.yaml', 'c%3A/specs/x.yaml'],
    ['@scope/pkg/a+b,c;d=e&f$g.yaml', '@scope/pkg/a+b,c;d=e&f$g.yaml'],
    ['a?b[c].yaml', 'a%3Fb%5Bc%5D.yaml'],
    ['é/日本.yaml', '%C3%A9/%E6%97%A5%E6%9C%AC.yaml'],
  ])('%s → %s, a URI reference', (path, uri) => {
    expect(pathToUri(path)).toBe(uri);
    expect(isUriReference(uri)).toBe(true);
    expect(decodeURIComponent(uri)).toBe(path);
  });
});
