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
