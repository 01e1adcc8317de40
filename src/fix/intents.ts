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
      /**
       * The header without its example (a Swagger 2.0 header carries it in its description), to
       * write when the responses that share the node ask for different examples: the methods of
       * one path are not what another path allows. Absent when `header` has no example.
       */
      withoutExample?: HeaderObject;
      /**
       * Set when responses that share the node ask for headers that differ beyond their example
       * (a Bearer and a Basic challenge): no one header is right for all, so none is written.
       */
      conflict?: true;
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
 * out: it only illustrates, and fixes that differ in it alone write the header without it.
 */
export function fixContent(intent: FixIntent): string {
  if (intent.kind === 'rename-key') return intent.to;
  if (intent.sharedRef !== undefined) return JSON.stringify({ $ref: intent.sharedRef });
  const { example: _example, ...header } = intent.withoutExample ?? intent.header;
  return JSON.stringify(header);
}

/** What the fix writes at its node, its example included. */
export function fixWritten(intent: FixIntent): string {
  if (intent.kind === 'rename-key') return intent.to;
  return JSON.stringify(intent.sharedRef !== undefined ? { $ref: intent.sharedRef } : intent.header);
}

/** The fix with its header written without an example (see `withoutExample`). */
export function withoutExample(intent: FixIntent): FixIntent {
  if (intent.kind !== 'add-header' || intent.withoutExample === undefined) return intent;
  return { ...intent, header: intent.withoutExample, withoutExample: undefined };
}

/**
 * The one fix to keep for a node that a second report asks to fix too (a shared response that
 * two operations use): the first when both write the same; the first without its example when
 * only their examples differ; the first marked as a conflict when they differ beyond that.
 */
export function agreeOn(kept: FixIntent, other: FixIntent): FixIntent {
  if (kept.kind !== 'add-header' || other.kind !== 'add-header' || kept.conflict) return kept;
  if (fixContent(kept) !== fixContent(other)) return { ...kept, conflict: true };
  return fixWritten(kept) === fixWritten(other) ? kept : withoutExample(kept);
}
