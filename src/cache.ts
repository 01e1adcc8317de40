// `--cache`: each spec's answer kept between runs, with the fingerprints of every file it was
// made from, so that a run over a folder where little changed lints only what did. A reply
// from the cache is what linting the spec again would give: the tests compare the two.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { UsageError } from './errors.js';
import type { WorkerReply } from './lint-parallel.js';
import { contentHash, sameStats, type Fingerprint } from './loader/fingerprint.js';
import { packageInfo } from './version.js';

/** The name of the cache file, in the working directory unless --cache-location says otherwise. */
export const CACHE_FILE = '.statuslintcache';

/** How a cache file starts: what tells it from any other file before it is overwritten. */
const MAGIC = '{"statuslintCache":1,';

/** A reply as kept: without the job number, which is the run's own. */
type KeptReply = Omit<WorkerReply, 'job' | 'cacheable' | 'fixKeys'>;

interface Entry {
  /** The settings it was linted with (cacheKey). */
  key: string;
  files: Array<[path: string, print: Fingerprint]>;
  reply: KeptReply;
}

interface CacheFile {
  statuslintCache: 1;
  /** statuslint's build: another build may find other things. */
  build: string;
  entries: Record<string, Entry>;
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
  private readonly entries: Map<string, Entry>;
  private changed = false;
  /** Each file's stats and hash as they are now, found once per run. */
  private readonly now = new Map<string, { stats?: import('node:fs').Stats; hash?: string }>();

  private constructor(
    readonly path: string,
    private readonly build: string,
    entries: Record<string, Entry>,
    /** Why the file on disk was not used, for a warning. */
    readonly discarded?: string,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /**
   * Reads the cache at `path` (none there: an empty one). A file that is not a statuslint
   * cache is refused, since saving would overwrite it (a spec named by mistake); a cache of
   * another build, or one cut short, is started again.
   */
  static open(path: string, build: string): LintCache {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new LintCache(path, build, {});
      throw new UsageError(`cannot read the cache ${path}: ${code === 'EISDIR' ? 'it is a folder' : (code ?? (error as Error).message)}`);
    }
    if (!text.startsWith(MAGIC)) {
      throw new UsageError(`${path} is not a statuslint cache, and --cache would overwrite it; remove it or give another --cache-location`);
    }
    let parsed: CacheFile;
    try {
      parsed = JSON.parse(text) as CacheFile;
    } catch {
      return new LintCache(path, build, {}, 'could not be read (cut short?); it is made again');
    }
    if (parsed.build !== build) return new LintCache(path, build, {});
    const entries = parsed.entries as unknown;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return new LintCache(path, build, {}, 'holds no entries; it is made again');
    return new LintCache(path, build, entries as Record<string, Entry>);
  }

  /** What a spec's reply depends on besides its files (rules, options, folders), as one short string. */
  keyOf(settings: unknown): string {
    return contentHash(JSON.stringify(settings));
  }

  /** The kept reply for a spec, if it was linted with `key` and none of its files changed since. */
  lookup(path: string, key: string): KeptReply | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.key !== key || !wellFormed(entry)) return undefined;
    for (const dependency of entry.files) if (!this.unchanged(dependency)) return undefined;
    return entry.reply;
  }

  /** Keeps a spec's reply, or forgets the spec's entry when the reply cannot be replayed. */
  record(path: string, key: string, reply: WorkerReply): void {
    const { job, cacheable, fixKeys, ...kept } = reply;
    const replayable = cacheable !== undefined && reply.kind !== 'componentsOnly' && !reply.failure && reply.internalErrors.length === 0 && reply.ran === (reply.kind === 'done');
    if (!replayable) {
      if (this.entries.delete(path)) this.changed = true;
      return;
    }
    const files = cacheable.files.map(([file]) => file);
    // A replayed reply says everything about the spec, not only what its lane had not yet sent.
    this.entries.set(path, { key, files: cacheable.files, reply: { ...kept, notices: [], loaded: files, referenced: cacheable.referenced } });
    this.changed = true;
  }

  /** Writes the cache if anything changed, without entries for specs that no longer exist; `shownAs` names it in an error. */
  async save(shownAs: string): Promise<void> {
    for (const path of this.entries.keys()) {
      if (!existsSync(path)) {
        this.entries.delete(path);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    // Loaded only here: a run without --cache, or with nothing new to keep, never needs it.
    const { writeUserFile } = await import('./output.js');
    const body = JSON.stringify({ build: this.build, entries: Object.fromEntries(this.entries) });
    writeUserFile(this.path, MAGIC + body.slice(1), `the cache ${shownAs}`);
    this.changed = false;
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

/** Whether an entry has the shape this build writes: a cache edited by hand must not crash a run. */
function wellFormed(entry: Entry): boolean {
  const { files, reply } = entry;
  const arrays = [reply?.findings, reply?.notices, reply?.internalErrors, reply?.referenced, reply?.loaded];
  return (
    Array.isArray(files) &&
    files.every((file) => Array.isArray(file) && typeof file[0] === 'string' && Array.isArray(file[1]) && file[1].length === 4) &&
    typeof reply?.kind === 'string' &&
    arrays.every(Array.isArray)
  );
}
