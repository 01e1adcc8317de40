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

// Patterns are compiled to a Thompson NFA and matched without backtracking: the matcher keeps
// the set of states reachable after each character, so a path costs O(path length × pattern
// length) whatever the pattern. The regular expressions used before backtracked, and
// `*a*a*a*a*b.yaml` against a long name of `a`s took minutes; `ignore` and `overrides` come
// from a configuration that anyone sending a pull request can edit, so a pattern must not be
// able to stall a CI run. Each set met is kept as a state of a DFA built on the fly (as RE2
// does), so matching thousands of paths costs about a table lookup per character; the cache is
// capped, and emptied when full, which keeps the bound.

/** What a state does: consume one character (the first four), branch, or accept. */
const enum Op {
  Char,
  NotSlash,
  Any,
  Class,
  Split,
  Match,
}

const SLASH = 0x2f;
const DOT = 0x2e;
/** What `run` returns once no state is left: nothing starting so can match. */
const DEAD = -1;
/** Sets cached per glob; real patterns need a few dozen, a hostile one gets no more memory. */
const MAX_CACHED_SETS = 512;
/** Transitions on these codes are kept in an array, the others in a map. */
const TABLE_SIZE = 128;
const UNKNOWN = -1;

/** One `[...]`: inclusive ranges of UTF-16 code units, as `[lo, hi, lo, hi, ...]`. */
interface CharClass {
  ranges: number[];
  negated: boolean;
}

/** A set of NFA states met while matching, with the transitions found from it so far. */
interface CachedSet {
  states: Int32Array;
  accepts: boolean;
  table: Int32Array;
  others: Map<number, number>;
}

/** A compiled glob; `test` tells whether a whole `/`-separated path matches. */
export class Glob {
  private readonly scratch: Int32Array;
  private readonly seen: Uint32Array;
  private readonly stack: Int32Array;
  private generation = 0;
  private sets: CachedSet[] = [];
  private setIds = new Map<string, number>();

  /** @internal Built by {@link compileGlob}. */
  constructor(
    readonly pattern: string,
    private readonly ops: Uint8Array,
    private readonly args: Int32Array,
    private readonly out1: Int32Array,
    private readonly out2: Int32Array,
    private readonly classes: readonly CharClass[],
    private readonly start: number,
    /** Whether a name's leading `.` is matched only by a `.` written in the pattern, as the shell does. */
    private readonly explicitDots: boolean,
  ) {
    const size = ops.length;
    this.scratch = new Int32Array(size);
    this.seen = new Uint32Array(size);
    // Each state is expanded once per step and pushes at most two exits.
    this.stack = new Int32Array(2 * size + 1);
  }

  /** Whether the whole path matches. */
  test(path: string): boolean {
    const id = this.run(path);
    return id !== DEAD && this.sets[id]!.accepts;
  }

  /** Whether some path that starts with `prefix` may match: a folder worth searching. */
  allowsPrefix(prefix: string): boolean {
    return this.run(prefix) !== DEAD;
  }

  /** The set reached after reading `path`, or DEAD once no state is left. */
  private run(path: string): number {
    let id = this.sets.length > 0 ? 0 : this.intern(this.startStates());
    for (let index = 0; index < path.length; index++) {
      const set = this.sets[id]!;
      if (set.states.length === 0) return DEAD;
      const code = path.charCodeAt(index);
      // A name's leading dot, under explicitDots: what may consume it depends on the character
      // before it, which the cached sets do not record, so it is worked out every time.
      if (this.explicitDots && code === DOT && (index === 0 || path.charCodeAt(index - 1) === SLASH)) {
        id = this.intern(this.advance(set, code, true));
        continue;
      }
      let next = code < TABLE_SIZE ? set.table[code]! : (set.others.get(code) ?? UNKNOWN);
      if (next === UNKNOWN) {
        const before = this.sets;
        next = this.intern(this.advance(set, code, false));
        // Not cached when interning emptied the cache: `set` is gone.
        if (this.sets === before) {
          if (code < TABLE_SIZE) set.table[code] = next;
          else set.others.set(code, next);
        }
      }
      id = next;
    }
    return this.sets[id]!.states.length === 0 ? DEAD : id;
  }

  /** The states reached from `set` by reading `code`; with `literalOnly`, only a literal character may read it. */
  private advance(set: CachedSet, code: number, literalOnly: boolean): Int32Array {
    const generation = this.nextGeneration();
    let count = 0;
    for (const state of set.states) {
      if (literalOnly && this.ops[state] !== Op.Char) continue;
      if (this.consumes(state, code)) count = this.follow(this.out1[state]!, count, generation);
    }
    return this.collect(count);
  }

  private consumes(state: number, code: number): boolean {
    switch (this.ops[state]) {
      case Op.Char: return code === this.args[state];
      case Op.NotSlash: return code !== SLASH;
      case Op.Any: return true;
      case Op.Class: return inClass(this.classes[this.args[state]!]!, code);
      default: return false;
    }
  }

  /** The states in `scratch[0..count)`, sorted, so that equal sets have equal keys. */
  private collect(count: number): Int32Array {
    return this.scratch.slice(0, count).sort();
  }

  /**
   * The id of the set, cached if new. The start set is always id 0: when the cache is full it
   * is emptied and the start set put back first.
   */
  private intern(states: Int32Array): number {
    const key = states.join(',');
    const known = this.setIds.get(key);
    if (known !== undefined) return known;
    if (this.sets.length >= MAX_CACHED_SETS) {
      this.sets = [];
      this.setIds = new Map();
      this.intern(this.startStates());
      return this.intern(states);
    }
    let accepts = false;
    for (const state of states) if (this.ops[state] === Op.Match) accepts = true;
    this.sets.push({ states, accepts, table: new Int32Array(TABLE_SIZE).fill(UNKNOWN), others: new Map() });
    this.setIds.set(key, this.sets.length - 1);
    return this.sets.length - 1;
  }

  private startStates(): Int32Array {
    return this.collect(this.follow(this.start, 0, this.nextGeneration()));
  }

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  /**
   * Appends `state` and every state it branches to without consuming a character to
   * `scratch[count..]`, skipping those already added in this generation; returns the new count.
   */
  private follow(state: number, count: number, generation: number): number {
    const { ops, out1, out2, seen, stack, scratch } = this;
    let depth = 0;
    stack[depth++] = state;
    while (depth > 0) {
      const top = stack[--depth]!;
      if (top < 0 || seen[top] === generation) continue;
      seen[top] = generation;
      if (ops[top] === Op.Split) {
        stack[depth++] = out2[top]!;
        stack[depth++] = out1[top]!;
      } else {
        scratch[count++] = top;
      }
    }
    return count;
  }
}

function inClass(charClass: CharClass, code: number): boolean {
  // A negated set never matches `/`: `[!a]` stands for one character of a name.
  if (charClass.negated && code === SLASH) return false;
  const { ranges } = charClass;
  let found = false;
  for (let index = 0; index < ranges.length; index += 2) {
    if (code >= ranges[index]! && code <= ranges[index + 1]!) {
      found = true;
      break;
    }
  }
  return found !== charClass.negated;
}

/** Builds the NFA: states in parallel arrays, with the exits still to connect as `dangling`. */
class Builder {
  readonly ops: number[] = [];
  readonly args: number[] = [];
  readonly out1: number[] = [];
  readonly out2: number[] = [];
  /** Exits of what has been built so far, as `state * 2 + (0 for out1 | 1 for out2)`. */
  dangling: number[] = [];

  add(op: Op, arg = 0, out1 = -1, out2 = -1): number {
    this.ops.push(op);
    this.args.push(arg);
    this.out1.push(out1);
    this.out2.push(out2);
    return this.ops.length - 1;
  }

  /** Points every dangling exit at `state`. */
  connect(state: number): void {
    for (const exit of this.dangling) (exit & 1 ? this.out2 : this.out1)[exit >> 1] = state;
    this.dangling = [];
  }

  /** Appends a state that consumes one character. */
  one(op: Op, arg = 0): void {
    const state = this.add(op, arg);
    this.connect(state);
    this.dangling = [state * 2];
  }

  /** Appends `x*` for a one-character `x` (`[^/]*`, or `.*` for a trailing `**`). */
  repeat(op: Op): void {
    const loop = this.add(Op.Split);
    this.connect(loop);
    this.out1[loop] = this.add(op, 0, loop);
    this.dangling = [loop * 2 + 1];
  }

  /** Appends a whole `**` segment followed by a slash: any number of folders, including none. */
  folders(): void {
    const loop = this.add(Op.Split);
    this.connect(loop);
    const name = this.add(Op.Split);
    this.out1[loop] = name;
    this.out1[name] = this.add(Op.NotSlash, 0, name);
    this.out2[name] = this.add(Op.Char, SLASH, loop);
    this.dangling = [loop * 2 + 1];
  }
}

interface BraceFrame {
  /** The branch point whose second exit leads to the next alternative. */
  lastSplit: number;
  /** Exits of the alternatives finished so far. */
  ends: number[];
}

/**
 * Compiles a glob. Throws {@link GlobError} for a pattern that cannot be read: an unclosed `[`
 * or `{`, a reversed range such as `[z-a]`, or a trailing lone backslash. With `explicitDots`,
 * a `.` that starts a name is matched only by a `.` in the pattern, not by `*`, `?`, `**` or a
 * set: `*` then never reaches `.git`, but `.*` and `.well-known` do.
 */
export function compileGlob(pattern: string, options: { explicitDots?: boolean } = {}): Glob {
  const builder = new Builder();
  const classes: CharClass[] = [];
  const braces: BraceFrame[] = [];
  const start = builder.add(Op.Split);
  builder.dangling = [start * 2];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      if (index + 1 >= pattern.length) throw new GlobError(`'${pattern}' ends with a lone backslash`);
      builder.one(Op.Char, pattern.charCodeAt(++index));
    } else if (char === '*') {
      const doubled = pattern[index + 1] === '*';
      const segmentStart = index === 0 || pattern[index - 1] === '/';
      const segmentEnd = index + 2 >= pattern.length || pattern[index + 2] === '/';
      if (doubled && segmentStart && segmentEnd) {
        // `**` as a whole segment: any number of folders, including none.
        if (pattern[index + 2] === '/') {
          builder.folders();
          index += 2;
        } else {
          builder.repeat(Op.Any);
          index += 1;
        }
      } else {
        while (pattern[index + 1] === '*') index++;
        builder.repeat(Op.NotSlash);
      }
    } else if (char === '?') {
      builder.one(Op.NotSlash);
    } else if (char === '[') {
      const { charClass, end } = readClass(pattern, index);
      classes.push(charClass);
      builder.one(Op.Class, classes.length - 1);
      index = end;
    } else if (char === '{') {
      const split = builder.add(Op.Split);
      builder.connect(split);
      builder.dangling = [split * 2];
      braces.push({ lastSplit: split, ends: [] });
    } else if (char === ',' && braces.length > 0) {
      const frame = braces[braces.length - 1]!;
      for (const exit of builder.dangling) frame.ends.push(exit);
      const split = builder.add(Op.Split);
      builder.out2[frame.lastSplit] = split;
      frame.lastSplit = split;
      builder.dangling = [split * 2];
    } else if (char === '}' && braces.length > 0) {
      const frame = braces.pop()!;
      for (const exit of builder.dangling) frame.ends.push(exit);
      builder.dangling = frame.ends;
    } else {
      builder.one(Op.Char, pattern.charCodeAt(index));
    }
  }
  if (braces.length > 0) throw new GlobError(`'${pattern}' has an unclosed '{'`);
  builder.connect(builder.add(Op.Match));
  return new Glob(
    pattern,
    Uint8Array.from(builder.ops),
    Int32Array.from(builder.args),
    Int32Array.from(builder.out1),
    Int32Array.from(builder.out2),
    classes,
    start,
    options.explicitDots ?? false,
  );
}

/**
 * Reads the `[...]` opening at `open`. A `]` right after `[`, `[!` or `[^` belongs to the set
 * (`[]a]`, `[!]a]`), so `[]` and `[!]` are unclosed; a backslash inside stands for itself.
 */
function readClass(pattern: string, open: number): { charClass: CharClass; end: number } {
  let first = open + 1;
  const negated = pattern[first] === '!' || pattern[first] === '^';
  if (negated) first++;
  const end = pattern.indexOf(']', first + 1);
  if (end === -1) {
    const hint = pattern[first] === ']' ? ` (a ']' right after '${pattern.slice(open, first)}' is part of the set)` : '';
    throw new GlobError(`'${pattern}' has an unclosed '['${hint}`);
  }
  const ranges: number[] = [];
  for (let index = first; index < end; ) {
    const low = pattern.charCodeAt(index);
    if (pattern[index + 1] === '-' && index + 2 < end) {
      const high = pattern.charCodeAt(index + 2);
      if (high < low) {
        const range = pattern.slice(index, index + 3);
        throw new GlobError(`'${pattern}' has a reversed range '${range}'; write '${range[2]}-${range[0]}'`);
      }
      ranges.push(low, high);
      index += 3;
    } else {
      ranges.push(low, low);
      index += 1;
    }
  }
  return { charClass: { ranges, negated }, end };
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
  private readonly globs: Glob[];

  constructor(readonly patterns: readonly string[]) {
    this.globs = patterns.map((pattern) => compileGlob(normalizePattern(pattern)));
  }

  /** Whether the `/`-separated relative path matches. */
  matches(path: string): boolean {
    return this.globs.some((glob) => glob.test(path));
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
