import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/errors.js';
import { jsonErrorOffset } from '../../src/loader/json-error-offset.js';
import { parseSource } from '../../src/loader/parse.js';

function refusal(text: string): LoadError {
  try {
    parseSource('/p/api.json', text);
  } catch (error) {
    if (error instanceof LoadError) return error;
    throw error;
  }
  throw new Error('parsed');
}

describe('invalid JSON: a line and column for the mistakes V8 names no position for', () => {
  const cases: Array<[string, string, string, RegExp?]> = [
    ['NaN', '{"a": NaN}', '1:7', /JSON has no NaN or Infinity/],
    ['Infinity', '{"a": Infinity}', '1:7', /JSON has no NaN or Infinity/],
    ['-Infinity', '{"a": -Infinity}', '1:8', /JSON has no NaN or Infinity/],
    ['a // comment', '{\n  "a": 1,\n  // note\n  "b": 2\n}', '3:3', /JSON has no comments/],
    ['a /* comment */', '{"a": /* c */ 1}', '1:7', /JSON has no comments/],
    ['single-quoted value', "{\"a\": 'b'}", '1:7', /double quotes/],
    ['single-quoted name', "{'a': 1}", '1:2', /double quotes/],
    ['tru}', '{"x": {}, "a": tru}', '1:19', undefined],
    ['True', '{\n"a": True}', '2:6', undefined],
    ['.5', '{"a": .5}', '1:7', undefined],
    ['after non-ASCII text', '{"é": "ü",\n "b": undefined}', '2:7', undefined],
    // Writers that JSON.stringify is not: .NET escapes with upper-case hex, Java writes `1.0E-7`.
    ['after escapes in upper-case hex', '{"summary": "Caf\\u00E9 \\u0027x\\u0027", "x": NaN}', '1:45', /JSON has no NaN or Infinity/],
    ['after an upper-case exponent', '{"minimum": 1.0E-7, "maximum": Infinity}', '1:32', /JSON has no NaN or Infinity/],
  ];
  for (const [name, text, where, hint] of cases) {
    it(name, () => {
      const error = refusal(text);
      expect(error.position && `${error.position.line}:${error.position.column}`).toBe(where);
      expect(error.detail).toMatch(/^invalid JSON: /);
      // A hint for the mistake made, and none for the others.
      if (hint) expect(error.detail).toMatch(hint);
      else expect(error.detail).not.toMatch(/; JSON /);
    });
  }
});

describe('jsonErrorOffset', () => {
  it('is undefined for valid JSON, however deep', () => {
    expect(jsonErrorOffset('[' .repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
    fc.assert(fc.property(fc.json(), (text) => {
      expect(jsonErrorOffset(text)).toBeUndefined();
    }), { numRuns: 500 });
  });

  it('agrees with the positions V8 does give, on damaged JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(...'{}[],:"\\-.0e1tx \n\u0001'), (text, cut, char) => {
        const at = cut % (text.length + 1);
        const damaged = text.slice(0, at) + char + text.slice(at);
        let message: string | undefined;
        try {
          JSON.parse(damaged);
        } catch (error) {
          message = (error as Error).message;
        }
        if (message === undefined) {
          expect(jsonErrorOffset(damaged)).toBeUndefined();
          return;
        }
        const position = /at position (\d+)/.exec(message);
        if (position) expect(jsonErrorOffset(damaged), message).toBe(Number(position[1]));
        else if (/Unexpected end of JSON input/.test(message)) expect(jsonErrorOffset(damaged)).toBe(damaged.length);
        else expect(jsonErrorOffset(damaged)).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });

  // Where V8 names no position (`Unexpected token 'x', "…" is not valid JSON`), it still quotes
  // the token and the text around it: the whole text when short, else from ten characters
  // before the token (`..."` marks the cut). The offset must put both where they are written.
  it('points at the token V8 quotes, inside the context it quotes, on damaged JSON as specs indent it', () => {
    const layouts = [
      (value: unknown) => JSON.stringify(value),
      (value: unknown) => JSON.stringify(value, null, 2),
      (value: unknown) => JSON.stringify(value, null, '\t'),
      (value: unknown) => JSON.stringify(value, null, 2).replaceAll('\n', '\r\n'),
    ];
    let quoted = 0;
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(...layouts),
        fc.nat(),
        fc.constantFrom(',', ']', '}', ':', '[', '{', 'x', 'N', "'", '/', '.', '+', 'tru', 'nul', 'fals', '-', '0', '"\\'),
        (value, layout, cut, damage) => {
          const text = layout(value);
          const at = cut % (text.length + 1);
          const damaged = text.slice(0, at) + damage + text.slice(at);
          let message = '';
          try {
            JSON.parse(damaged);
          } catch (error) {
            message = (error as Error).message;
          }
          const token = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
          if (!token) return;
          quoted++;
          const offset = jsonErrorOffset(damaged)!;
          expect(damaged[offset], message).toBe(token[1]);
          expect(damaged.startsWith(token[3]!, token[2] ? offset - 10 : 0), message).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    expect(quoted).toBeGreaterThan(300);
  });
});
