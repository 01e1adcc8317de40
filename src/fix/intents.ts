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
