import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { EqlError } from './errors.js';

// What the engine refuses at compile time that the parser lets through: query, code, the text the
// diagnostic's range covers, and the message users read.
const CASES: [string, string, string, string][] = [
    ["any where between(x, \"a\", \"b\", 5)", "EQL4005", "5", "fourth argument of [between] (greedy) must be a boolean constant"],
    ["any where between(x, null, \"b\")", "EQL4005", "null", "arguments [left] and [right] of [between] cannot be null"],
    ["any where between(x, \"a\", null, true)", "EQL4005", "null", "arguments [left] and [right] of [between] cannot be null"],
    ["any where cidrMatch(ip, \"10.0.0.0/33\")", "EQL4007", "\"10.0.0.0/33\"", "invalid CIDR block [10.0.0.0/33]"],
    ["any where cidrMatch(ip, \"nope\")", "EQL4007", "\"nope\"", "invalid CIDR block [nope]"],
    ["any where cidrMatch(ip, \"10.0.0.0/8\", 5)", "EQL4005", "5", "the CIDR arguments of [cidrMatch] must be string constants"],
    ["any where number(x, 1)", "EQL4005", "1", "second argument of [number] (base) must be an integer constant between 2 and 36"],
    ["any where number(x, 37)", "EQL4005", "37", "second argument of [number] (base) must be an integer constant between 2 and 36"],
    ["any where number(x, 2.5)", "EQL4005", "2.5", "second argument of [number] (base) must be an integer constant between 2 and 36"],
    ["any where number(x, \"a\")", "EQL4005", "\"a\"", "second argument of [number] (base) must be an integer constant between 2 and 36"],
    ["any where x regex \"a(b\"", "EQL4001", "\"a(b\"", "invalid regex [a(b]: expected ')' at position 3"],
    ["any where x regex \"a&b\"", "EQL4002", "\"a&b\"", "invalid regex [a&b]: intersection (&) is not supported"],
    ["any where concat(x) regex \"(a)\\\\1\"", "EQL4002", "\"(a)\\\\1\"", "cannot compile regex [(a)\\1]: error parsing regexp: invalid escape sequence: `\\1`"],
    ["any where concat(x) regex \"a(b\"", "EQL4001", "\"a(b\"", "cannot compile regex [a(b]: error parsing regexp: missing closing ): `a(b`"],
    ["any where x regex~ \"a<1-5>\"", "EQL4002", "\"a<1-5>\"", "invalid regex [a<1-5>]: intervals and named automata (<...>) are not supported"],
];

describe('engine compile errors (EQL4xxx)', () => {
  for (const [query, code, text, message] of CASES) {
    it(`${code} for ${query}`, () => {
      let error: unknown;
      try {
        compile(query);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EqlError);
      const d = (error as EqlError).diagnostics[0]!;
      expect({ code: d.code, text: query.slice(d.range[0], d.range[1]), message: d.message }).toEqual({ code, text, message });
    });
  }

  it('is an EqlError named so, its message the code and message, located by line and column in the query', () => {
    const query = 'any where\n  number(x, 1) == 5';
    let error: unknown;
    try {
      compile(query);
    } catch (e) {
      error = e;
    }
    const e = error as EqlError;
    expect(e.name).toBe('EqlError');
    expect(e.message).toBe('EQL4005: second argument of [number] (base) must be an integer constant between 2 and 36');
    expect(e.diagnostics).toEqual([
      {
        code: 'EQL4005',
        severity: 'error',
        message: 'second argument of [number] (base) must be an integer constant between 2 and 36',
        range: [22, 23],
        line: 2,
        column: 13,
      },
    ]);
  });
});
