import type { Located } from '../loader/resolve.js';

/** A header object as a fix writes it: plain data, serialised as YAML or JSON. */
export type HeaderObject = Record<string, unknown>;

/**
 * What a rule asks `--fix` to do, declared rather than written as text: the fix engine
 * knows the file's format and layout and turns an intent into a minimal edit.
 */
export type FixIntent =
  | {
      kind: 'add-header';
      /** The response object (after `$ref`s): the header goes where the response is written. */
      response: Located;
      name: string;
      header: HeaderObject;
      /** A `$ref` to an existing shared header of that name, usable from the response's file. */
      sharedRef?: string;
    }
  | {
      kind: 'rename-key';
      /** The member whose key is renamed. */
      entry: Located;
      to: string;
    };

/** The node a fix edits: its file, pointer and value. */
export function fixTarget(intent: FixIntent): Located {
  return intent.kind === 'add-header' ? intent.response : intent.entry;
}

/**
 * One key per fix, stable across passes and threads, to tell the same fix offered again (a
 * worker thread sends keys, since the intents name parsed nodes that stay in its thread).
 */
export function fixKey(intent: FixIntent): string {
  return fixKeyAt(intent, fixTarget(intent).file.path);
}

/** The key of the fix as if its file were reached by `path` (one of the file's links). */
export function fixKeyAt(intent: FixIntent, path: string): string {
  return [intent.kind, path, fixTarget(intent).pointer, intent.kind === 'add-header' ? intent.name : intent.to].join('\u0000');
}

/**
 * What the fix writes at its node, to tell two specs that ask for different things at one
 * node they share: a Swagger 2.0 header has its type where OpenAPI 3 has a `schema`, and a
 * `$ref` to one spec's `components/headers` means nothing to the other. An example is left
 * out: it only illustrates, and a node shared within one spec takes its first user's too.
 */
export function fixContent(intent: FixIntent): string {
  if (intent.kind === 'rename-key') return intent.to;
  if (intent.sharedRef !== undefined) return JSON.stringify({ $ref: intent.sharedRef });
  const { example: _example, ...header } = intent.header;
  return JSON.stringify(header);
}
