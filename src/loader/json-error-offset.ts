/**
 * Where a JSON text first breaks the grammar (RFC 8259), as an offset into it: the character
 * a parser stops at, or the text's length when it ends too soon; undefined when it is valid.
 *
 * For the messages of V8's JSON.parse that carry no position (`Unexpected token 'N', "…" is
 * not valid JSON`, for NaN, Infinity, comments, `tru}`): run only after JSON.parse has failed.
 * Iterative, so nesting of any depth costs no stack.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const length = text.length;
  // Containers open around the current value: true for an object, false for an array.
  const open: boolean[] = [];
  let at = 0;

  const skipSpace = (): void => {
    for (;;) {
      const code = text.charCodeAt(at);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      at++;
    }
  };
  /** Past a string starting at `at`; false, with `at` on the offending character, if it is bad. */
  const string = (): boolean => {
    at++;
    for (;;) {
      if (at >= length) return false;
      const code = text.charCodeAt(at);
      if (code === 0x22) {
        at++;
        return true;
      }
      if (code < 0x20) return false;
      if (code === 0x5c) {
        at++;
        const escape = text[at];
        if (escape === 'u') {
          for (let digit = 0; digit < 4; digit++) {
            at++;
            if (!/[0-9a-fA-F]/.test(text[at] ?? '')) return false;
          }
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
          return false;
        }
      }
      at++;
    }
  };
  const digits = (): boolean => {
    const start = at;
    while (at < length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at++;
    return at > start;
  };
  const number = (): boolean => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else if (!digits()) return false;
    if (text[at] === '.') {
      at++;
      if (!digits()) return false;
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      if (!digits()) return false;
    }
    return true;
  };
  const literal = (word: string): boolean => {
    for (let index = 0; index < word.length; index++, at++) if (text[at] !== word[index]) return false;
    return true;
  };
  /** Past a member name and its colon. */
  const name = (): boolean => {
    skipSpace();
    if (text[at] !== '"' || !string()) return false;
    skipSpace();
    if (text[at] !== ':') return false;
    at++;
    return true;
  };

  for (;;) {
    // A value.
    skipSpace();
    const char = text[at];
    if (char === '{' || char === '[') {
      at++;
      skipSpace();
      if (text[at] === (char === '{' ? '}' : ']')) {
        at++;
      } else {
        open.push(char === '{');
        if (char === '{' && !name()) return at;
        continue;
      }
    } else if (char === '"') {
      if (!string()) return at;
    } else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      if (!number()) return at;
    } else if (char === 't' || char === 'f' || char === 'n') {
      if (!literal(char === 't' ? 'true' : char === 'f' ? 'false' : 'null')) return at;
    } else {
      return at;
    }
    // After a value: a comma, the end of its container(s), or the end of the text.
    for (;;) {
      skipSpace();
      if (open.length === 0) return at < length ? at : undefined;
      const inObject = open[open.length - 1]!;
      const char = text[at];
      if (char === ',') {
        at++;
        if (inObject && !name()) return at;
        break;
      }
      if (char !== (inObject ? '}' : ']')) return at;
      open.pop();
      at++;
    }
  }
}
