import { displayPath, LoadError, quoted } from './errors.js';
import { parseSource, type SourceFile } from './loader/parse.js';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formatBytes } from './size.js';
import { isInside, realPath } from './loader/project-root.js';
import { DEFAULT_MAX_FILE_BYTES } from './loader/resolve.js';
import { splitPointer, appendPointer } from './loader/pointer.js';

interface SchemaProblem {
  instancePath?: string;
  message?: string;
}

/**
 * Checks a spec against the official OpenAPI/Swagger JSON schemas with
 * @apidevtools/swagger-parser. Loaded only for `--validate`: it costs about 0.8 s on a 13 MB
 * spec, and statuslint's own rules do not need a valid document to give useful findings.
 * Returns a LoadError naming the first problem's position, or undefined when valid.
 */
export async function validateStructure(path: string, options: { root?: string; overlay?: ReadonlyMap<string, string>; maxFileBytes?: number } = {}): Promise<LoadError | undefined> {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  let refused: string | undefined;
  let unreadable: string | undefined;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let remote: string | undefined;
  try {
    // Never reach the network, and accept circular references: both are statuslint's policy.
    // swagger-parser also follows `$ref`s inside examples and extensions, which statuslint's
    // loader leaves alone: hold its file reads to the same project root.
    const file = {
      read: async (reference: { url: string }): Promise<Buffer> => {
        const target = reference.url.startsWith('file:') ? fileURLToPath(reference.url) : decodeSafely(reference.url);
        if (options.root !== undefined && !isInside(realPath(target), realPath(options.root))) {
          refused ??= target;
          throw new Error('outside the project root');
        }
        const given = options.overlay?.get(target);
        if (given !== undefined) return Buffer.from(given);
        // As the loader reads: a FIFO may wait for a writer forever, a device never ends, and
        // no file past --max-file-size is read.
        const stats = await stat(target);
        if (!stats.isFile()) unreadable ??= `${displayPath(target)}, which is not a regular file`;
        else if (stats.size > maxFileBytes) unreadable ??= `${displayPath(target)}, which is over the ${formatBytes(maxFileBytes)} limit (raise it with --max-file-size)`;
        if (unreadable !== undefined) throw new Error('not read');
        return readFile(target);
      },
    };
    // A remote $ref is not fetched, so the document cannot be checked whole: say that, rather
    // than pass the resolver's failure off as a schema problem.
    const http = {
      read: async (reference: { url: string }): Promise<never> => {
        remote ??= reference.url;
        throw new Error('remote $ref not fetched');
      },
    };
    await SwaggerParser.validate(path, { resolve: { http, file }, dereference: { circular: 'ignore' } } as never);
    return undefined;
  } catch (error) {
    if (remote !== undefined) {
      return new LoadError(path, `cannot validate: remote $ref ${quoted(remote)} is not fetched, so the spec cannot be checked whole; validate a bundled copy instead`);
    }
    if (unreadable !== undefined) {
      return new LoadError(path, `cannot validate: a $ref names ${unreadable}`);
    }
    if (refused !== undefined) {
      return new LoadError(path, `cannot validate: a $ref (in an example or extension) names ${displayPath(refused)}, outside the project root; pass --allow-external-refs to follow it`);
    }
    const details = ((error as { details?: SchemaProblem[] }).details ?? []).filter((detail) => detail.message);
    const first = details[0];
    // Read again only now that validation has failed, to place the problem.
    const file = readSpec(path, options.overlay?.get(path));
    // swagger-parser knows no schema for 3.2 and says so as if the spec were wrong.
    if (!first && String((file?.value as { openapi?: unknown } | null)?.openapi).startsWith('3.2.')) {
      return new LoadError(path, 'cannot validate: --validate checks with swagger-parser, which has no schema for OpenAPI 3.2 yet; the rules did lint the spec', locateNearest(file, '/openapi'));
    }
    if (!first) return new LoadError(path, `not a valid OpenAPI document: ${(error as Error).message.split('\n')[0]}`);
    const pointer = first.instancePath ?? '';
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
    return new LoadError(path, `not a valid OpenAPI document: ${pointer || '/'} ${first.message}${more}`, locateNearest(file, pointer));
  }
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The spec parsed, from the text the run was given or from disk; undefined if it cannot be. */
function readSpec(path: string, given?: string): SourceFile | undefined {
  try {
    return parseSource(path, given ?? readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Position of the pointer, or of its nearest ancestor that the file itself contains. */
function locateNearest(file: SourceFile | undefined, pointer: string): { line: number; column: number } | undefined {
  if (!file) return undefined;
  const segments = splitPointer(pointer);
  for (let length = segments.length; length >= 0; length--) {
    const candidate = appendPointer('', ...segments.slice(0, length));
    const region = file.locate([candidate]).get(candidate);
    if (region) return { line: region.line, column: region.column };
  }
  return undefined;
}
