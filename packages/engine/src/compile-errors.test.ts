import { describe, expect, it } from 'vitest';
import { parse, type Statement } from '@eqlkit/parser';
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
    ["any where concat(x) regex \"[a[b]c]\"", "EQL4002", "\"[a[b]c]\"", "cannot compile regex [[a[b]c]]: unsupported Java regex syntax: nested character class (union) at position 2"],
    ["any where concat(x) regex~ \"[a-z&&[^aeiou]]\"", "EQL4002", "\"[a-z&&[^aeiou]]\"", "cannot compile regex [[a-z&&[^aeiou]]]: unsupported Java regex syntax: character class intersection (&&) at position 4"],
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

  // A Statement handed to compile() directly skips the parser's checks: the engine checks again.
  it('checks functions of a tree built without the parser: name, ~ form and arity', () => {
    const tree = (query: string, change: (call: { name: string; caseInsensitive: boolean; args: unknown[] }) => void): Statement => {
      const ast = structuredClone(parse(query).ast!) as Statement;
      const condition = (ast.query as { filter: { condition: { left: { name: string; caseInsensitive: boolean; args: unknown[] } } } }).filter.condition;
      change(condition.left);
      return ast;
    };
    const codeOf = (statement: Statement) => {
      try {
        compile(statement);
      } catch (e) {
        const d = (e as EqlError).diagnostics[0]!;
        return [d.code, d.message];
      }
      return undefined;
    };
    expect(codeOf(tree('any where length(x) == 1', (c) => (c.name = 'nosuch')))).toEqual(['EQL4003', 'Unknown function [nosuch]']);
    expect(codeOf(tree('any where length(x) == 1', (c) => (c.caseInsensitive = true)))).toEqual(['EQL4006', 'function [length] has no case-insensitive (~) form']);
    expect(codeOf(tree('any where length(x) == 1', (c) => c.args.push(c.args[0])))).toEqual(['EQL4004', 'error building [length]: expects 1 argument(s), found 2']);
    expect(codeOf(tree('any where substring(x, 1) == "a"', (c) => (c.args.length = 1)))).toEqual(['EQL4004', 'error building [substring]: expects 2 to 3 argument(s), found 1']);
    expect(codeOf(tree('any where concat(x) == "a"', (c) => (c.args.length = 0)))).toEqual(['EQL4004', 'error building [concat]: expects at least 1 argument(s), found 0']);
  });
});
