import { dirname, relative, sep } from 'node:path';
import type { Response, Spec } from '../loader/normalize.js';
import type { SourceFile } from '../loader/parse.js';
import { child } from '../loader/normalize.js';
import { isWithin } from '../loader/pointer.js';
import type { Located } from '../loader/resolve.js';
import { SUPPRESSION_KEY } from '../loader/value-scan.js';
import { didYouMean } from '../suggest.js';
import { repositoryFileUrl } from '../version.js';
import type { RawFinding, Rule, Severity } from './types.js';

/** The extension that silences rules on an operation, a response, a header or a schema and everything inside it. */
export { SUPPRESSION_KEY };

/**
 * The engine's own check on suppressions (not a registered rule: no rule can see what other
 * rules reported). Reporters receive it like a rule, for its id and metadata.
 */
export const unusedSuppression: Rule = {
  id: 'unused-suppression',
  meta: {
    description: `Disallow ${SUPPRESSION_KEY} entries that silence nothing`,
    docsUrl: repositoryFileUrl('docs/configuration.md#suppressions-that-silence-nothing-unused-suppression'),
    severity: 'info',
    references: [],
    messages: {
      unused: `${SUPPRESSION_KEY} lists '{{rule}}', which reports nothing here; remove the entry.`,
      inSharedDefinition: `${SUPPRESSION_KEY} lists '{{rule}}', but its finding for this operation is in the shared definition '{{where}}'; suppress it there.`,
      unknownRule: `${SUPPRESSION_KEY} lists '{{rule}}', which is not a statuslint rule{{hint}}`,
      invalid: `${SUPPRESSION_KEY} {{problem}}; write a list of rule ids or {rule, reason} entries.`,
      misplaced: `${SUPPRESSION_KEY} is not read {{where}}, so it silences nothing; write it on {{instead}}.`,
    },
  },
  defaultOptions: {},
  create: () => ({}),
};

export interface SuppressionOptions {
  /** Severity of `unused-suppression` findings, or `off`; `info` by default. */
  unusedSuppressions?: Severity | 'off';
  /**
   * Every rule statuslint has, enabled or not: an entry naming none of them is a typo. When
   * absent, entries for rules that did not run are never reported.
   */
  knownRules?: readonly string[];
  /**
   * Told each entry that silenced a finding, or whose rule is off for this spec. An entry in a
   * file that several specs reach may silence something for one spec and nothing for another (a
   * shared 201 that one spec's POST uses and another's PUT): it is not unused, and the run drops
   * what the other reported. Nor can another spec call unused an entry that this one, with the
   * rule off, cannot tell is needed.
   */
  onSilenced?: (entry: Located) => void;
}

interface Entry {
  rule: string;
  /** The list item, where an unused entry is reported. */
  at: Located;
  /** The operation, response, header, schema or Reference Object it is written on: it covers findings at or below it. */
  scope: Located;
  /** The list it is item `index` of, as parsed: a YAML alias makes one written list the list of several scopes. */
  list: readonly unknown[];
  index: number;
  used: boolean;
}

interface Invalid {
  at: Located;
  problem: string;
}

/** `#/components/…` or `common.yaml#/…`, as a `$ref` from `from` would name `to`. */
function refTo(from: Located, to: Located): string {
  if (from.file === to.file) return `#${to.pointer}`;
  return `${relative(dirname(from.file.path), to.file.path).split(sep).join('/')}#${to.pointer}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `x-statuslint-ignore` entries of a spec, and the malformed ones. */
export interface Suppressions {
  entries: Entry[];
  invalid: Invalid[];
  /**
   * For each response whose visit reaches a shared response, header or schema through `$ref`s
   * of which one carries a list, every such use it makes (lists or none): a list beside a
   * `$ref` speaks for that use only.
   */
  uses: Map<Response, Use[]>;
  /** Lists written where no suppression is read (a path item, the top level), which would silently do nothing. */
  misplaced: Misplaced[];
}

/** One place where a response's visit names a shared node through `$ref`s. */
export interface Use {
  /** The first `$ref` of the chain, where the use is written. */
  entry: Located;
  /** Where the chain ends: what is written inside it is reached through this use. */
  target: Located;
  /** The lists beside the chain's `$ref`s (by scopeKey); empty when none has one. */
  scopes: readonly string[];
}

interface Misplaced {
  at: Located;
  /** Where it is, and where to write it instead, for the message. */
  where: string;
  instead: string;
}

/** How a scope is told apart from another: its file and pointer (Located objects are made afresh per visit). */
export const scopeKey = (scope: Located): string => `${scope.file.path}#${scope.pointer}`;

/** Bound on the links of a `$ref` chain searched for lists beside them (real chains have a few; loops were refused before). */
const MAX_HOPS = 64;

const NO_SCOPES: readonly string[] = [];

/**
 * Suppressions are read where the model visits: operations and responses (after `$ref`, so
 * one written on a shared response covers that response wherever it is used), the headers
 * and body schemas that responses name (likewise), the shared schemas and headers of the
 * spec's components, and beside each `$ref` on the way to a response, header or schema.
 */
export function collectSuppressions(spec: Spec): Suppressions {
  // Nearly every spec has none: then not one of its operations, responses or schemas is looked at.
  if (spec.workspace.filesWithSuppressions().length === 0) return { entries: [], invalid: [], uses: new Map(), misplaced: [] };
  const entries: Entry[] = [];
  const invalid: Invalid[] = [];
  const uses = new Map<Response, Use[]>();
  const seen = new Set<string>();
  /** Reads the list on `scope`, once; its scopeKey when it has one. */
  const read = (scope: Located): string | undefined => {
    const list = child(scope, SUPPRESSION_KEY);
    if (!list) return undefined;
    const key = scopeKey(scope);
    if (seen.has(key)) return key;
    seen.add(key);
    if (!Array.isArray(list.value)) {
      invalid.push({ at: list, problem: 'must be a list' });
      return;
    }
    const values: readonly unknown[] = list.value;
    values.forEach((value, index) => {
      const at = child(list, index)!;
      if (typeof value === 'string') {
        entries.push({ rule: value, at, scope, list: values, index, used: false });
      } else if (isObject(value) && typeof value.rule === 'string') {
        const extra = Object.keys(value).find((name) => name !== 'rule' && name !== 'reason');
        if (extra !== undefined) invalid.push({ at, problem: `entry has an unknown key '${extra}'` });
        else if (value.reason !== undefined && typeof value.reason !== 'string') invalid.push({ at, problem: "entry's 'reason' must be a string" });
        else entries.push({ rule: value.rule, at, scope, list: values, index, used: false });
      } else {
        invalid.push({ at, problem: isObject(value) ? "entry has no 'rule'" : `entry ${JSON.stringify(value)} is not a rule id` });
      }
    });
    return key;
  };
  // The lists beside the links after the first of the chain a `$ref` written in a file starts:
  // the same for every use of that ref, walked once (a spec names a few hundred shared nodes
  // from tens of thousands of places).
  const tails = new Map<SourceFile, Map<string, readonly string[]>>();
  /** The lists beside the `$ref`s that lead from `entry` to `target`. */
  const chainScopes = (entry: Located, target: Located): readonly string[] => {
    const own = read(entry);
    const ref = (entry.value as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return own === undefined ? NO_SCOPES : [own];
    let byRef = tails.get(entry.file);
    if (!byRef) tails.set(entry.file, (byRef = new Map()));
    let tail = byRef.get(ref);
    if (tail === undefined) {
      let found: string[] | undefined;
      let current = spec.workspace.step(entry);
      for (let hop = 0; current && current.value !== target.value && hop < MAX_HOPS; hop++) {
        const key = read(current);
        if (key !== undefined) (found ??= []).push(key);
        current = spec.workspace.step(current);
      }
      byRef.set(ref, (tail = found ?? NO_SCOPES));
    }
    if (own === undefined) return tail;
    return tail.length === 0 ? [own] : [own, ...tail];
  };
  // A response's uses, made while it is read; kept only when one of them has a list.
  let pending: Use[] = [];
  let listed = false;
  const use = (entry: Located, target: Located): void => {
    const scopes = chainScopes(entry, target);
    if (scopes.length > 0) listed = true;
    pending.push({ entry, target, scopes });
  };
  const misplaced = misplacedLists(spec);
  readComponents(spec, read);
  // Every operation and response of the spec, most with no suppression: indexed loops, with no
  // iterator objects while the code is still cold.
  const operations = spec.operations;
  for (let o = 0; o < operations.length; o++) {
    const operation = operations[o]!;
    read(operation.node);
    for (let r = 0; r < operation.responses.length; r++) {
      const response = operation.responses[r]!;
      read(response.node);
      // Only a node named through `$ref`s has links that a list may sit beside.
      if (response.entry.value !== response.node.value) use(response.entry, response.node);
      const headers = response.headers;
      for (let h = 0; h < headers.length; h++) {
        const { entry, node } = headers[h]!;
        if (!node) continue;
        read(node);
        if (entry.value !== node.value) use(entry, node);
      }
      const content = response.content;
      for (let m = 0; m < content.length; m++) {
        const schema = content[m]!.schema;
        // Swagger 2.0 gives every `produces` type the one schema.
        if (!schema || (m > 0 && schema === content[m - 1]!.schema)) continue;
        const target = spec.workspace.deref(schema);
        if (!target || !isObject(target.value)) continue;
        read(target);
        if (schema.value !== target.value) use(schema, target);
      }
      if (listed) {
        uses.set(response, pending);
        pending = [];
        listed = false;
      } else pending.length = 0;
    }
  }
  return { entries, invalid, uses, misplaced };
}

/**
 * The shared schemas and headers of the spec's own components (Swagger 2.0 `definitions`): a
 * finding may be written in one that no body names directly (a part of another's `allOf`).
 */
function readComponents(spec: Spec, read: (scope: Located) => void): void {
  const container = spec.version === '2.0' ? spec.root : derefObject(spec, child(spec.root, 'components'));
  if (!container) return;
  for (const name of spec.version === '2.0' ? ['definitions'] : ['schemas', 'headers']) {
    const map = derefObject(spec, child(container, name));
    if (!map) continue;
    for (const key in map.value) {
      const member = derefObject(spec, child(map, key));
      if (member) read(member);
    }
  }
}

function derefObject(spec: Spec, node: Located | undefined): Located<Record<string, unknown>> | undefined {
  const target = node && spec.workspace.deref(node);
  return target && isObject(target.value) ? (target as Located<Record<string, unknown>>) : undefined;
}

/**
 * The lists written where a user might expect them to work but none is read: the top level,
 * the `paths` map, a path item (or beside its `$ref`), an operation's `responses` map, a
 * response's `headers` and `content` maps and its media types, and the maps of shared
 * responses, schemas and headers (`components` and its maps; Swagger 2.0's top-level
 * `responses` and `definitions`). A list there that silenced nothing without a word would
 * leave the user wondering why the finding stays.
 */
function misplacedLists(spec: Spec): Misplaced[] {
  const found: Misplaced[] = [];
  const seen = new Set<string>();
  const note = (node: Located | undefined, where: string, instead: string): void => {
    const list = node && child(node, SUPPRESSION_KEY);
    if (!list || seen.has(scopeKey(list))) return;
    seen.add(scopeKey(list));
    found.push({ at: list, where, instead });
  };
  note(spec.root, 'at the top level', 'an operation or a response, or turn the rule off in the configuration');
  const paths = child(spec.root, 'paths');
  const pathsNode = paths && spec.workspace.deref(paths);
  note(pathsNode, 'on the paths map', 'each operation');
  if (pathsNode && isObject(pathsNode.value)) {
    for (const path in pathsNode.value) {
      if (path.startsWith('x-')) continue;
      // The path item, and every Reference Object on the way to it (`components/pathItems`).
      let link: Located | undefined = child(pathsNode, path)!;
      for (let hop = 0; link && hop < MAX_HOPS; hop++, link = spec.workspace.step(link)) note(link, 'on a path item', 'each of its operations');
    }
  }
  if (spec.version === '2.0') {
    note(derefObject(spec, child(spec.root, 'responses')), 'on the top-level responses map', 'each shared response');
    note(derefObject(spec, child(spec.root, 'definitions')), 'on the definitions map', 'each schema');
  } else {
    const components = derefObject(spec, child(spec.root, 'components'));
    note(components, 'on components', 'each shared response, header or schema');
    if (components) {
      note(derefObject(spec, child(components, 'responses')), 'on the components/responses map', 'each shared response');
      note(derefObject(spec, child(components, 'schemas')), 'on the components/schemas map', 'each schema');
      note(derefObject(spec, child(components, 'headers')), 'on the components/headers map', 'each header');
    }
  }
  const operations = spec.operations;
  for (let o = 0; o < operations.length; o++) {
    const operation = operations[o]!;
    note(operation.responsesNode, 'on the responses map', 'the operation, or on each response');
    for (let r = 0; r < operation.responses.length; r++) {
      const response = operation.responses[r]!;
      // Most responses have neither map: looked up only where the response has the key.
      const value = response.node.value;
      if (Object.hasOwn(value, 'headers')) note(derefObject(spec, child(response.node, 'headers')), 'on a headers map', 'the response, or on each header');
      if (spec.version === '2.0' || !Object.hasOwn(value, 'content')) continue;
      const content = derefObject(spec, child(response.node, 'content'));
      if (!content) continue;
      note(content, 'on a content map', 'the response, or on the schema of each media type');
      const media = response.content;
      for (let m = 0; m < media.length; m++) note(derefObject(spec, media[m]!.node), 'on a media type', 'the response, or on its schema');
    }
  }
  return found;
}

/** What the walk knew about each finding beyond where it is written. */
export interface FindingLinks {
  /** The operations whose visit reported each finding. */
  reachedFrom?: ReadonlyMap<RawFinding, ReadonlySet<Located>>;
  /**
   * For a finding reported at a `$ref` that names a shared response (the use is what is wrong:
   * the response also serves statuses the rule does not ask of it), that response.
   */
  aboutDefinition?: ReadonlyMap<RawFinding, Located>;
  /** For a finding written inside a response, header or schema that some use names through a `$ref` with a list beside it: how each visit reached it. */
  reachedThrough?: ReadonlyMap<RawFinding, Reaches>;
}

/**
 * How the visits that reported a finding reached it: each through the uses (a response, header
 * or schema named by `$ref`s) it is written in, with the lists beside their `$ref`s (scopeKeys,
 * none for a use without), or otherwise (`open`: no such list can speak for it).
 */
export interface Reaches {
  open: boolean;
  uses: Array<readonly string[]>;
}

/**
 * Whether lists beside the `$ref`s silence `finding` for every use that reached it, marking
 * the entries that spoke for a use as used: they are needed while it stays reported for
 * another use, which then has none.
 */
function silencedAtEveryUse(finding: RawFinding, reaches: Reaches, entriesAt: ReadonlyMap<string, Entry[]>): boolean {
  let every = !reaches.open;
  for (const scopes of reaches.uses) {
    let covered = false;
    for (const key of scopes) {
      for (const entry of entriesAt.get(key) ?? []) {
        if (entry.rule !== finding.ruleId) continue;
        entry.used = true;
        covered = true;
      }
    }
    if (!covered) every = false;
  }
  return every;
}

/**
 * The entries of a spec by the file and pointer of the node that carries them, and by rule: a
 * finding then looks up the nodes above it (a few dozen at most) instead of every entry for its
 * rule, which with a list on each of thousands of operations made the check quadratic.
 */
class EntryIndex {
  private readonly byFile = new Map<SourceFile, Map<string, Entry[]>>();

  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      let here = this.byFile.get(entry.scope.file);
      if (!here) this.byFile.set(entry.scope.file, (here = new Map()));
      const key = EntryIndex.key(entry.rule, entry.scope.pointer);
      const list = here.get(key);
      if (list) list.push(entry);
      else here.set(key, [entry]);
    }
  }

  private static key(rule: string, pointer: string): string {
    return `${rule}\u0000${pointer}`;
  }

  /** The entries for `rule` on the node at `pointer` in `file`. */
  at(file: SourceFile, rule: string, pointer: string): readonly Entry[] | undefined {
    return this.byFile.get(file)?.get(EntryIndex.key(rule, pointer));
  }

  /**
   * The entries that cover `finding`: written on a node that contains it, in the same file, or
   * on the shared response it is about (a finding at a `$ref` to it).
   */
  covering(finding: RawFinding, aboutDefinition: ReadonlyMap<RawFinding, Located> | undefined): Entry[] {
    const found: Entry[] = [];
    const { file, pointer } = finding.at;
    if (this.byFile.has(file)) {
      // The pointer itself, then each prefix that ends before a '/', down to the root ('').
      for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf('/', end - 1)) {
        const here = this.at(file, finding.ruleId, pointer.slice(0, end));
        if (here) found.push(...here);
        if (end === 0) break;
      }
    }
    const definition = aboutDefinition?.get(finding);
    if (definition !== undefined && !(definition.file === file && isWithin(pointer, definition.pointer))) {
      const there = this.at(definition.file, finding.ruleId, definition.pointer);
      if (there) found.push(...there);
    }
    return found;
  }
}

/**
 * Drops the findings that a suppression covers, and adds an `unused-suppression` finding for
 * each entry that silenced nothing although its rule ran, names no rule, or is malformed.
 * A suppression covers findings written inside the node that carries it, in the same file: an
 * operation's suppression does not reach a shared definition the operation merely references.
 * One on a shared response also covers what is reported at the `$ref`s that use it. One beside
 * a `$ref` to a response, header or schema covers what is reported at that `$ref`, and what is
 * written inside what it names once every use that reached it has one.
 */
export function applySuppressions(
  { entries, invalid, misplaced }: Suppressions,
  findings: readonly RawFinding[],
  ran: ReadonlySet<string>,
  options: SuppressionOptions = {},
  { reachedFrom = new Map(), aboutDefinition, reachedThrough }: FindingLinks = {},
): RawFinding[] {
  if (entries.length === 0 && invalid.length === 0 && misplaced.length === 0) return [...findings];
  const index = new EntryIndex(entries);
  const entriesAt = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = scopeKey(entry.scope);
    const here = entriesAt.get(key);
    if (here) here.push(entry);
    else entriesAt.set(key, [entry]);
  }
  const kept = findings.filter((finding) => {
    let suppressed = false;
    for (const entry of index.covering(finding, aboutDefinition)) {
      entry.used = true;
      suppressed = true;
    }
    // Not asked when an entry in the definition silences it already: one beside a `$ref` then adds nothing, and is unused.
    const reaches = suppressed ? undefined : reachedThrough?.get(finding);
    if (reaches && silencedAtEveryUse(finding, reaches, entriesAt)) suppressed = true;
    return !suppressed;
  });
  markAliasesUsed(entries);

  const known = options.knownRules ? new Set(options.knownRules) : undefined;
  // A misspelt id is wrong for every spec: only a real rule that is off leaves the entry undecided.
  const undecided = (entry: Entry): boolean => !ran.has(entry.rule) && (known === undefined || known.has(entry.rule));
  if (options.onSilenced) for (const entry of entries) if (entry.used || undecided(entry)) options.onSilenced(entry.at);
  const severity = options.unusedSuppressions ?? unusedSuppression.meta.severity;
  if (severity === 'off') return kept;
  const sharedFindings = firstFindingFromScope(kept, reachedFrom);
  const report = (messageId: keyof typeof unusedSuppression.meta.messages, at: Located, data: Record<string, string>): void => {
    const template = unusedSuppression.meta.messages[messageId]!;
    const message = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => data[name] ?? '');
    // The fields of every raw finding (see runRules), so that they keep one shape.
    kept.push({ ruleId: unusedSuppression.id, messageId, severity, message, at, operation: undefined, status: undefined, fix: undefined });
  };
  for (const { at, problem } of invalid) report('invalid', at, { problem });
  for (const { at, where, instead } of misplaced) report('misplaced', at, { where, instead });
  for (const entry of entries) {
    if (known && !known.has(entry.rule)) report('unknownRule', entry.at, { rule: entry.rule, hint: unknownRuleHint(entry.rule, known) });
    // A rule that is off for this spec cannot tell us whether the entry is still needed.
    else if (ran.has(entry.rule) && !entry.used) {
      // Among the findings still reported: one that the definition's own entry silences needs nothing more here.
      const shared = sharedFindings().get(entry.scope)?.get(entry.rule);
      if (shared) report('inSharedDefinition', entry.at, { rule: entry.rule, where: refTo(entry.scope, shared.at) });
      else report('unused', entry.at, { rule: entry.rule });
    }
  }
  return kept;
}

/** What follows "is not a statuslint rule": the closest rule id, or for this check itself, what sets it. */
function unknownRuleHint(id: string, known: ReadonlySet<string>): string {
  if (id === unusedSuppression.id) return ": it is the engine's own check, set by the configuration's top-level key unusedSuppressions.";
  return didYouMean(id, known) || '.';
}

/**
 * For each operation (by the Located that `reachedFrom` holds) and rule, the first finding that
 * its visit reported, made once when first asked: looking through every finding for each
 * unused entry made thousands of unused entries quadratic.
 */
function firstFindingFromScope(
  findings: readonly RawFinding[],
  reachedFrom: ReadonlyMap<RawFinding, ReadonlySet<Located>>,
): () => ReadonlyMap<Located, ReadonlyMap<string, RawFinding>> {
  let index: Map<Located, Map<string, RawFinding>> | undefined;
  return () => {
    if (index) return index;
    index = new Map();
    for (const finding of findings) {
      for (const scope of reachedFrom.get(finding) ?? []) {
        let rules = index.get(scope);
        if (!rules) index.set(scope, (rules = new Map()));
        if (!rules.has(finding.ruleId)) rules.set(finding.ruleId, finding);
      }
    }
    return index;
  };
}

/**
 * Marks used every entry that is written where a used one is: a list (or a response holding
 * one) repeated by a YAML alias is one entry to the user, reported at the anchor, and removing
 * it would bring back what it silences at another of its uses.
 */
function markAliasesUsed(entries: readonly Entry[]): void {
  let usedIn: Map<readonly unknown[], Set<number>> | undefined;
  for (const entry of entries) {
    if (!entry.used) continue;
    usedIn ??= new Map();
    const indexes = usedIn.get(entry.list);
    if (indexes) indexes.add(entry.index);
    else usedIn.set(entry.list, new Set([entry.index]));
  }
  if (usedIn) for (const entry of entries) if (!entry.used && usedIn.get(entry.list)?.has(entry.index)) entry.used = true;
}

/**
 * The findings without the `unused-suppression` reports of entries that another spec of the
 * run silenced something with (SuppressionOptions.onSilenced), by the places `placesOf` gives
 * (silencedKey and silencedPlaces).
 */
export function withoutSilencedEntries<T extends { readonly ruleId: string }>(findings: T[], silenced: ReadonlySet<string>, placesOf: (finding: T) => readonly string[]): T[] {
  if (silenced.size === 0) return findings;
  return findings.filter((finding) => finding.ruleId !== unusedSuppression.id || !placesOf(finding).some((key) => silenced.has(key)));
}

/** How an entry's place is keyed across specs: its file (as the run names it) and pointer, or `@line:column` (silencedPlaces). */
export const silencedKey = (file: string, place: string): string => `${file}\u0000${place}`;

/** Where a finding is written, as silencedPlaces names it. */
export const writtenAt = (line: number, column: number): string => `@${line}:${column}`;

/**
 * The places of the entries that silenced something: each one's pointer, and, in a file where
 * a YAML alias repeats nodes, also where it is written, since another spec may reach that
 * written entry under another pointer (an anchored response in a shared file, aliased under
 * a second name).
 */
export function silencedPlaces(entries: readonly Located[]): Array<[file: Located['file'], place: string]> {
  const places: Array<[Located['file'], string]> = [];
  const aliased = new Map<Located['file'], string[]>();
  for (const entry of entries) {
    places.push([entry.file, entry.pointer]);
    if (!entry.file.sharesNodes) continue;
    const pointers = aliased.get(entry.file);
    if (pointers) pointers.push(entry.pointer);
    else aliased.set(entry.file, [entry.pointer]);
  }
  // One lookup per file.
  for (const [file, pointers] of aliased) for (const region of file.locate(pointers).values()) places.push([file, writtenAt(region.line, region.column)]);
  return places;
}
