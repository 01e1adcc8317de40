import type { FixIntent } from '../fix/intents.js';
import type { Located } from '../loader/resolve.js';
import type { Operation, Response, Spec } from '../loader/normalize.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** A subset of JSON Schema, enough to describe and check rule options. */
export interface OptionSchema {
  type: 'object' | 'array' | 'string' | 'boolean' | 'integer';
  properties?: Record<string, OptionSchema>;
  additionalProperties?: false;
  items?: OptionSchema;
  enum?: readonly (string | number | boolean)[];
  pattern?: string;
  description?: string;
}

export interface RuleMeta {
  /** One line, "Require …" / "Disallow …". */
  description: string;
  /** Default severity; configuration may change it. */
  severity: Severity;
  /** Sections the rule enforces, e.g. `RFC 9110 §15.5.2`. */
  references: readonly string[];
  /** Message templates by id; `{{name}}` is replaced with `data.name`. */
  messages: Readonly<Record<string, string>>;
  /** The shape of the rule's options; options that do not fit are refused. */
  schema?: OptionSchema;
  /** Whether the rule is in `statuslint:recommended`. */
  recommended?: boolean;
  /** What `--fix` writes for it, in a sentence; present when the rule can fix. */
  fixable?: string;
  /** Where it is documented, when that is not `rules/<id>.md` (the engine's own checks). */
  docsUrl?: string;
  /**
   * How often its findings are right, as SARIF `precision` (code scanning sorts by it);
   * `high` when absent.
   */
  precision?: 'very-high' | 'high' | 'medium' | 'low';
}

export interface ReportDescriptor {
  messageId: string;
  /** The node the problem is about: the finding points at where it is written. */
  at: Located;
  data?: Record<string, string | number>;
  /** How `--fix` repairs it, when the repair is mechanical. */
  fix?: FixIntent;
}

export interface RuleContext<Options> {
  readonly options: Readonly<Options>;
  readonly spec: Spec;
  report(descriptor: ReportDescriptor): void;
  /**
   * Follows `$ref`s (across files) to the value they name; `undefined` for a remote or
   * self-looping reference. Use it on schemas and other nodes the model leaves unresolved.
   */
  deref(node: Located): Located | undefined;
  /** The member `key` of an object or array node, with its pointer; `undefined` if absent. */
  child(node: Located, key: string | number): Located | undefined;
}

/** Called once per node kind; a rule uses only the ones it needs. */
export interface RuleVisitors {
  Spec?(spec: Spec): void;
  Operation?(operation: Operation): void;
  Response?(response: Response, operation: Operation): void;
}

export interface Rule<Options extends object = object> {
  id: string;
  meta: RuleMeta;
  defaultOptions: Options;
  create(context: RuleContext<Options>): RuleVisitors;
}

/** A rule as the engine runs it, with its configured severity and options. */
export interface EnabledRule {
  rule: Rule<any>;
  severity: Severity;
  options?: object;
}

/** A finding before positions are looked up. */
export interface RawFinding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  at: Located;
  operation?: { method: string; path: string };
  status?: string;
  fix?: FixIntent;
}

/** A finding as reporters see it. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface Finding {
  ruleId: string;
  /** Which of the rule's messages; for tests and tools, not part of the JSON contract. */
  messageId: string;
  severity: Severity;
  message: string;
  /** The file as the user names it: relative to the working directory when below it. */
  file: string;
  /** JSON pointer (RFC 6901) inside `file`. */
  pointer: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  operation?: { method: string; path: string };
  status?: string;
}
