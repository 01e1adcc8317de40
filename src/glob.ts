// A small glob matcher for file inputs, `overrides.files` and `ignore`: `*`, `**`, `?`,
// `[a-z]`/`[!a]` and `{a,b}`, on `/`-separated paths. Node 20 has no stable fs.glob, and this
// subset is all statuslint needs, so no dependency.

/** Thrown for a pattern that cannot be read, e.g. an unclosed `[` or `{`. */
export class GlobError extends Error {
  override readonly name = 'GlobError';
}

/** Does `pattern` contain glob syntax (as opposed to naming one path)? */
export function hasMagic(pattern: string): boolean {
  return /[*?[{]/.test(pattern.replace(/\\./g, ''));
}

const REGEX_SPECIAL = /[.+^$()|\\\]{}*?[]/;

/** The regular expression a glob stands for, anchored at both ends. */
export function compileGlob(pattern: string): RegExp {
  let out = '';
  const braces: number[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const next = pattern[++index];
      if (next === undefined) throw new GlobError(`'${pattern}' ends with a lone backslash`);
      out += REGEX_SPECIAL.test(next) ? '\\' + next : next;
    } else if (char === '*') {
      const doubled = pattern[index + 1] === '*';
      const segmentStart = index === 0 || pattern[index - 1] === '/';
      const segmentEnd = index + 2 >= pattern.length || pattern[index + 2] === '/';
      if (doubled && segmentStart && segmentEnd) {
        // `**` as a whole segment: any number of folders, including none.
        if (pattern[index + 2] === '/') {
          out += '(?:[^/]*/)*';
          index += 2;
        } else {
          out += '.*';
          index += 1;
        }
      } else {
        while (pattern[index + 1] === '*') index++;
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const end = pattern.indexOf(']', index + 2);
      if (end === -1) throw new GlobError(`'${pattern}' has an unclosed '['`);
      let body = pattern.slice(index + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const escaped = body.replace(/[\\\]^]/g, (special) => '\\' + special);
      out += negated ? `[^/${escaped}]` : `[${escaped}]`;
      index = end;
    } else if (char === '{') {
      braces.push(index);
      out += '(?:';
    } else if (char === ',' && braces.length > 0) {
      out += '|';
    } else if (char === '}' && braces.length > 0) {
      braces.pop();
      out += ')';
    } else {
      out += REGEX_SPECIAL.test(char) ? '\\' + char : char;
    }
  }
  if (braces.length > 0) throw new GlobError(`'${pattern}' has an unclosed '{'`);
  return new RegExp(`^${out}$`);
}

/**
 * Splits a pattern into the folder to walk (its leading segments without glob syntax) and
 * the rest, which is matched against paths below that folder.
 */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  let index = 0;
  while (index < segments.length - 1 && !hasMagic(segments[index]!)) index++;
  const base = segments.slice(0, index).join('/');
  return { base: base === '' && pattern.startsWith('/') ? '/' : base, rest: segments.slice(index).join('/') };
}

/** A compiled list of patterns; a path matches when any pattern does. */
export class GlobSet {
  private readonly regexes: RegExp[];

  constructor(readonly patterns: readonly string[]) {
    this.regexes = patterns.map((pattern) => compileGlob(normalizePattern(pattern)));
  }

  /** Whether the `/`-separated relative path matches. */
  matches(path: string): boolean {
    return this.regexes.some((regex) => regex.test(path));
  }

  /** Whether the path or one of the folders holding it matches (as in `.gitignore`). */
  matchesPathOrParent(path: string): boolean {
    const segments = path.split('/');
    for (let length = segments.length; length > 0; length--) {
      if (this.matches(segments.slice(0, length).join('/'))) return true;
    }
    return false;
  }
}

/** `./a` is `a`; a trailing `/` means everything in that folder. */
function normalizePattern(pattern: string): string {
  let out = pattern.replace(/^(\.\/)+/, '');
  if (out.endsWith('/')) out += '**';
  return out;
}
