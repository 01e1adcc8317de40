import { readFileSync } from 'node:fs';

interface PackageInfo {
  version: string;
  homepage: string;
}

let cached: PackageInfo | undefined;

/** statuslint's own package.json (two levels up from dist/src/ and dist/bundle/, one from src/ under vitest). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      const info = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as PackageInfo & { name?: string };
      if (info.name === 'statuslint') return (cached = info);
    } catch {
      // try the next layout
    }
  }
  return (cached = { version: '0.0.0', homepage: 'https://github.com/statuslint/statuslint' });
}

/** Where a file of the repository (`docs/ci.md`) is published; docs/ is not in the npm package. */
export function repositoryFileUrl(path: string): string {
  return `${packageInfo().homepage.replace(/#.*$/, '')}/blob/main/${path}`;
}

/** Where a rule's doc page is published. */
export function ruleDocsUrl(ruleId: string): string {
  return repositoryFileUrl(`rules/${ruleId}.md`);
}
