import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitTopLevel, isInside, projectRoots, RealFolders, RealPaths } from '../../src/loader/project-root.js';

const made: string[] = [];

function tree(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'statuslint-project-root-')));
  made.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('isInside', () => {
  it.each<[string, string, boolean]>([
    ['/work/api/openapi.yaml', '/work', true],
    ['/work', '/work', true],
    ['/work/', '/work', true],
    // A name that only starts with '..' is still inside.
    ['/work/..shared/errors.yaml', '/work', true],
    ['/work/../etc/passwd', '/work', false],
    ['/', '/work', false],
    ['/etc/passwd', '/work', false],
    ['/workshop/openapi.yaml', '/work', false],
  ])('%s in %s: %s', (path, root, inside) => {
    expect(isInside(path, root)).toBe(inside);
  });
});

describe('gitTopLevel', () => {
  it('finds the folder holding .git, a folder or a file (a worktree, a submodule), from any folder below it', () => {
    const top = tree();
    mkdirSync(join(top, 'repo', '.git'), { recursive: true });
    mkdirSync(join(top, 'repo', 'api', 'v1'), { recursive: true });
    mkdirSync(join(top, 'worktree', 'api'), { recursive: true });
    writeFileSync(join(top, 'worktree', '.git'), 'gitdir: ../repo/.git/worktrees/w\n');
    expect(gitTopLevel(join(top, 'repo', 'api', 'v1'))).toBe(join(top, 'repo'));
    expect(gitTopLevel(join(top, 'repo'))).toBe(join(top, 'repo'));
    expect(gitTopLevel(join(top, 'worktree', 'api'))).toBe(join(top, 'worktree'));
  });
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

  it('gives a spec found in a folder named from outside the project its own repository, else that folder, never one that holds the project', () => {
    const top = tree();
    const cwdRepo = join(top, 'work');
    mkdirSync(join(cwdRepo, '.git'), { recursive: true });
    mkdirSync(join(top, 'corpus', 'nested', '.git'), { recursive: true });
    mkdirSync(join(top, 'other-repo', '.git'), { recursive: true });
    mkdirSync(join(top, 'other-repo', 'specs'), { recursive: true });
    const corpus = join(top, 'corpus');
    const rootFor = projectRoots(cwdRepo, [corpus, join(corpus, 'a'), join(top, 'other-repo', 'specs'), top]);
    // Inside the project: the project root, though a named folder (`statuslint ..`) holds it.
    expect(rootFor(join(cwdRepo, 'api', 'openapi.yaml'))).toBe(cwdRepo);
    // In no repository: the outermost named folder holding it, whichever order they were named in...
    expect(projectRoots(cwdRepo, [corpus])(join(corpus, 'a', 'b', 'openapi.yaml'))).toBe(corpus);
    expect(projectRoots(cwdRepo, [join(corpus, 'a'), corpus])(join(corpus, 'a', 'openapi.yaml'))).toBe(corpus);
    // ...but never one that holds the project itself (`top`, as `..` or `~` would be).
    expect(rootFor(join(corpus, 'a', 'openapi.yaml'))).toBe(corpus);
    expect(projectRoots(cwdRepo, [top])(join(top, 'loose', 'openapi.yaml'))).toBe(join(top, 'loose'));
    // In a repository: that repository, named folders or not, as for its link check (ofFolder).
    expect(rootFor(join(top, 'other-repo', 'specs', 'openapi.yaml'))).toBe(join(top, 'other-repo'));
    expect(projectRoots(cwdRepo, [join(top, 'other-repo', 'specs')])(join(top, 'other-repo', 'specs', 'v1', 'openapi.yaml'))).toBe(join(top, 'other-repo'));
    expect(projectRoots(cwdRepo, [corpus])(join(corpus, 'nested', 'openapi.yaml'))).toBe(join(corpus, 'nested'));
    expect(rootFor.ofFolder(join(top, 'other-repo', 'specs'))).toBe(join(top, 'other-repo'));
    expect(rootFor.ofFolder(corpus)).toBe(corpus);
    expect(rootFor.ofFolder(join(cwdRepo, 'api'))).toBe(cwdRepo);
    // A file in no named folder: its own folder, as before.
    expect(projectRoots(cwdRepo, [corpus])(join(top, 'loose', 'openapi.yaml'))).toBe(join(top, 'loose'));
    expect(projectRoots(cwdRepo)(join(corpus, 'a', 'openapi.yaml'))).toBe(join(corpus, 'a'));
  });

  it('lends no wider root through a symbolic link to a folder that holds the project (a linked home)', () => {
    const top = tree();
    const cwdRepo = join(top, 'home', 'work');
    mkdirSync(join(cwdRepo, '.git'), { recursive: true });
    mkdirSync(join(top, 'home', 'loose'), { recursive: true });
    // `statuslint ~` where the home folder is a link (macOS's /tmp, FreeBSD's /home): the
    // specs beside the project are found under the link's path, and the link holds the project.
    symlinkSync(join(top, 'home'), join(top, 'linked-home'));
    const linked = join(top, 'linked-home');
    expect(projectRoots(cwdRepo, [linked])(join(linked, 'loose', 'openapi.yaml'))).toBe(join(linked, 'loose'));
    expect(projectRoots(cwdRepo, [join(linked, '.')])(join(linked, 'loose', 'deep', 'openapi.yaml'))).toBe(join(linked, 'loose', 'deep'));
    // Nor one spelt in another case (`statuslint /users/me` on macOS or Windows, whose file
    // systems ignore case): compared as a path it holds nothing, though it is the same folder.
    const upper = join(top, 'home').replace(/home$/, 'HOME');
    expect(projectRoots(cwdRepo, [upper])(join(upper, 'loose', 'openapi.yaml'))).toBe(join(upper, 'loose'));
    // Nor the real folder, when the working directory is reached through a link (`cd ~/linked-work`).
    symlinkSync(cwdRepo, join(top, 'linked-work'));
    expect(projectRoots(join(top, 'linked-work'), [join(top, 'home')])(join(top, 'home', 'loose', 'openapi.yaml'))).toBe(join(top, 'home', 'loose'));
  });

  it('takes the working directory itself as the root when it is in no repository', () => {
    const top = tree();
    mkdirSync(join(top, 'specs'));
    const rootFor = projectRoots(top);
    expect(rootFor(join(top, 'specs', 'openapi.yaml'))).toBe(top);
    // And for what a folder inside it reaches through a link.
    expect(rootFor.ofFolder(join(top, 'specs'))).toBe(top);
  });
});

describe('RealPaths', () => {
  it('gives a file at the top of the file system its path with one separator (a container whose WORKDIR is /)', () => {
    for (const path of ['/etc', '/tmp']) expect(new RealPaths().of(path)).toBe(realpathSync(path));
  });

  it('gives what realpath gives: through a linked folder, a linked file, a link to a link, and for a file not there yet', () => {
    const root = tree();
    mkdirSync(join(root, 'real', 'deep'), { recursive: true });
    writeFileSync(join(root, 'real', 'deep', 'a.yaml'), 'a');
    writeFileSync(join(root, 'real', 'b.yaml'), 'b');
    symlinkSync(join(root, 'real'), join(root, 'linked'));
    symlinkSync(join('deep', 'a.yaml'), join(root, 'real', 'to-a.yaml'));
    symlinkSync('to-a.yaml', join(root, 'real', 'to-to-a.yaml'));
    const paths = [
      join(root, 'real', 'b.yaml'),
      join(root, 'linked', 'b.yaml'),
      join(root, 'linked', 'deep', 'a.yaml'),
      join(root, 'real', 'to-a.yaml'),
      join(root, 'linked', 'to-to-a.yaml'),
    ];
    const real = new RealPaths();
    // Twice: the second answer comes from what was learnt of each folder.
    for (let round = 0; round < 2; round++) for (const path of paths) expect(real.of(path), path).toBe(realpathSync(path));
    // Not there: realpath's answer, the path as given.
    expect(real.of(join(root, 'linked', 'new.yaml'))).toBe(join(root, 'linked', 'new.yaml'));
    expect(real.of(join(root, 'nowhere', 'x.yaml'))).toBe(join(root, 'nowhere', 'x.yaml'));
  });

  it('resolves a link in a folder it cannot list (execute permission only), as realpath does', () => {
    const root = tree();
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'secret.yaml'), 's');
    mkdirSync(join(root, 'locked'));
    symlinkSync(join(root, 'outside', 'secret.yaml'), join(root, 'locked', 'leak.yaml'));
    chmodSync(join(root, 'locked'), 0o311);
    try {
      // As root the folder can still be listed; either way the answer must be realpath's.
      expect(new RealPaths().of(join(root, 'locked', 'leak.yaml'))).toBe(join(root, 'outside', 'secret.yaml'));
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });
});

describe('RealFolders', () => {
  it("follows the links of a file's folders, not the file's own", () => {
    const root = tree();
    mkdirSync(join(root, 'real'));
    writeFileSync(join(root, 'real', 'a.yaml'), 'a');
    symlinkSync(join(root, 'real'), join(root, 'linked'));
    symlinkSync('a.yaml', join(root, 'real', 'to-a.yaml'));
    const folders = new RealFolders();
    for (let round = 0; round < 2; round++) {
      expect(folders.of(join(root, 'linked', 'a.yaml'))).toBe(join(root, 'real', 'a.yaml'));
      expect(folders.of(join(root, 'linked', 'to-a.yaml'))).toBe(join(root, 'real', 'to-a.yaml'));
    }
    expect(folders.of(join(root, 'linked', 'new.yaml'))).toBe(join(root, 'real', 'new.yaml'));
  });
});
