// How YAML 1.2 scalars become values, ported from the `yaml` package (ISC, Eemeli Aro:
// compose/resolve-flow-scalar.js, compose/resolve-block-scalar.js, schema/core/*) so that the
// fast reader gives exactly the values `yaml.parse` gives with its default `core` schema.
// Each function throws `Unsupported` where `yaml` would report an error: the caller then lets
// `yaml` parse the file, and its message, with the position, is the one the user sees.

/** The text left the subset the fast reader handles; `yaml` reads it instead. */
export class Unsupported {
  constructor(readonly reason: string) {}
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the YAML 1.2 core schema, tags tried in `yaml`'s order. */
export function resolvePlain(source: string): unknown {
  const c = source.charCodeAt(0);
  // Most scalars start with a letter that no null, boolean or number starts with.
  if (c === 110 || c === 78 || c === 126 || source.length === 0) {
    if (NULL.test(source)) return null;
  } else if (c === 116 || c === 84 || c === 102 || c === 70) {
    if (BOOL.test(source)) return c === 116 || c === 84;
  } else if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (INT_OCT.test(source)) return parseInt(source.substring(2), 8);
    if (INT.test(source)) return parseInt(source, 10);
    if (INT_HEX.test(source)) return parseInt(source.substring(2), 16);
    if (FLOAT_NAN.test(source)) {
      if (source.slice(-3).toLowerCase() === 'nan') return NaN;
      return source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    if (FLOAT_EXP.test(source) || FLOAT.test(source)) return parseFloat(source);
  }
  return source;
}

/** A mapping key as a property name, as `yaml`'s `toJS` writes it into a plain object. */
export function keyString(value: unknown): string {
  return value === null ? '' : String(value);
}

/** Folds the lines of a multi-line plain or single-quoted scalar. */
export function unfoldLines(source: string): string {
  const line = /(.*?)\n/sy;
  let match = line.exec(source);
  if (!match) return source;
  const trimEnd = /(?<![ \t])[ \t]+$/;
  const trimBoth = /^[ \t]+|(?<![ \t])[ \t]+$/g;
  let result = match[1]!.replace(trimEnd, '');
  let separator = ' ';
  let position = line.lastIndex;
  while ((match = line.exec(source))) {
    const content = match[1]!.replace(trimBoth, '');
    if (content === '') {
      if (separator === '\n') result += separator;
      else separator = '\n';
    } else {
      result += separator + content;
      separator = ' ';
    }
    position = line.lastIndex;
  }
  const last = /[ \t]*(.*)/sy;
  last.lastIndex = position;
  match = last.exec(source);
  return result + separator + (match?.[1] ?? '');
}

/** `'…'` with its quotes. */
export function singleQuotedValue(source: string): string {
  const inner = source.slice(1, -1);
  if (!inner.includes('\n')) return inner.includes("''") ? inner.replace(/''/g, "'") : inner;
  return unfoldLines(inner).replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** `"…"` with its quotes. */
export function doubleQuotedValue(source: string): string {
  const end = source.length - 1;
  if (source.indexOf('\\') === -1 && source.indexOf('\n') === -1) return source.slice(1, end);
  let result = '';
  for (let i = 1; i < end; ++i) {
    const ch = source[i]!;
    if (ch === '\n') {
      // Fold a line break into a space, or n line breaks into n - 1.
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n') {
        if (next === '\n') fold += '\n';
        i += 1;
        next = source[i + 1];
      }
      result += fold || ' ';
    } else if (ch === '\\') {
      const next = source[++i]!;
      const escaped = ESCAPES[next];
      if (escaped !== undefined) result += escaped;
      else if (next === '\n') {
        // An escaped line break joins the lines; the next line's indentation is dropped.
        let following = source[i + 1];
        while (following === ' ' || following === '\t') following = source[++i + 1];
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) throw new Unsupported('bad escape');
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw new Unsupported('bad escape');
        result += String.fromCodePoint(code);
        i += length;
      } else {
        throw new Unsupported('a bad escape');
      }
    } else if (ch === ' ' || ch === '\t') {
      // Whitespace before a line break is not content.
      const start = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n') result += i > start ? source.slice(start, i + 1) : ch;
    } else {
      result += ch;
    }
  }
  return result;
}

/** Block scalar chomping: clip (`''`), strip or keep. */
export type Chomp = '' | '-' | '+';

/**
 * A block scalar's value from its lines (`[spaces, rest]`, the header line excluded, up to the
 * line that ends it); `explicitIndent` is the content's indentation when the header gives it,
 * 0 to detect it; `endsWithBreak` tells whether the last line read ended with a line break.
 */
export function blockScalarValue(folded: boolean, chomp: Chomp, lines: Array<[number, string]>, explicitIndent = 0, endsWithBreak = true): string {
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i]![1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) throw new Unsupported('empty block scalar');
  let trimIndent = explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content === '') {
      if (explicitIndent === 0 && indent > trimIndent) trimIndent = indent;
    } else {
      if (indent < trimIndent) throw new Unsupported('more-indented leading empty lines in a block scalar');
      if (explicitIndent === 0) trimIndent = indent;
      contentStart = i;
      break;
    }
  }
  // Trailing empty lines that are more indented than the content are content.
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i]![0] <= trimIndent) continue;
    // Under an indentation indicator (`|2`) `yaml` chomps some of them; leave those to it.
    if (explicitIndent > 0) throw new Unsupported('more-indented trailing empty lines under an indentation indicator');
    chompStart = i + 1;
  }
  const spaces = (count: number): string => (count > trimIndent ? ' '.repeat(count - trimIndent) : '');
  let value = '';
  let separator = '';
  let previousMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += spaces(lines[i]![0]) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content !== '' && indent < trimIndent) throw new Unsupported('less indented block scalar line');
    if (!folded) {
      value += separator + spaces(indent) + content;
      separator = '\n';
    } else if (indent > trimIndent || content[0] === '\t') {
      if (separator === ' ') separator = '\n';
      else if (!previousMoreIndented && separator === '\n') separator = '\n\n';
      value += separator + spaces(indent) + content;
      separator = '\n';
      previousMoreIndented = true;
    } else if (content === '') {
      if (separator === '\n') value += '\n';
      else separator = '\n';
    } else {
      value += separator + content;
      separator = ' ';
      previousMoreIndented = false;
    }
  }
  if (chomp === '-') return value;
  if (chomp === '') return value + '\n';
  // `yaml` splits the scalar's source after its last line break too, which adds one line.
  for (let i = chompStart; i < lines.length; ++i) value += '\n' + spaces(lines[i]![0]);
  if (endsWithBreak) value += '\n';
  return value.endsWith('\n') ? value : value + '\n';
}
