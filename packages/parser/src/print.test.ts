import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expressionArb, statementArb } from '../../../test/parser/arbitrary-ast.js';
import { parse, parseExpression } from './parse.js';
import { print } from './print.js';
import { stripRanges } from './strip-ranges.js';

function reprint(text: string): string {
  const { ast, diagnostics } = parseExpression(text);
  expect(diagnostics.filter((d) => d.code.startsWith('EQL1'))).toEqual([]);
  return print(ast!);
}

describe('print', () => {
  it('drops parentheses that precedence makes redundant', () => {
    expect(reprint('(a or (b and c))')).toBe('a or b and c');
    expect(reprint('((1 + 2) * 3)')).toBe('(1 + 2) * 3');
    expect(reprint('1 - (2 - 3)')).toBe('1 - (2 - 3)');
    expect(reprint('(not a) and b')).toBe('not a and b');
    expect(reprint('not (a and b)')).toBe('not (a and b)');
  });

  it('parenthesises the value of a predicate that is not a primary', () => {
    expect(reprint('(a + b) : "x"')).toBe('(a + b) : "x"');
    expect(reprint('(-a) in (1, 2)')).toBe('(-a) in (1, 2)');
  });

  it('re-escapes strings and keeps raw strings raw', () => {
    expect(reprint('"a\\tb\\"c\\u{01}"')).toBe('"a\\tb\\"c\\u{01}"');
    expect(reprint('"""C:\\Windows\\"""')).toBe('"""C:\\Windows\\"""');
  });

  it('prints decimals so they stay decimals and large integers exactly', () => {
    expect(reprint('2.0')).toBe('2.0');
    expect(reprint('9007199254740993')).toBe('9007199254740992');
    expect(reprint('99999999999999999999')).toBe('100000000000000000000.0');
  });

  it('back-quotes field segments that are not plain identifiers', () => {
    expect(reprint('`my-field`.`in`.x')).toBe('`my-field`.`in`.x');
    expect(reprint('?`a``b`')).toBe('?`a``b`');
    expect(reprint('maxspan.runs')).toBe('`maxspan`.runs');
  });

  it('round-trips generated expressions', () => {
    fc.assert(
      fc.property(expressionArb(4), (expr) => {
        const text = print(expr);
        const back = parseExpression(text);
        expect(back.diagnostics.filter((d) => d.code.startsWith('EQL1') || d.code.startsWith('EQL3'))).toEqual([]);
        expect(stripRanges(back.ast)).toEqual(stripRanges(expr));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips generated statements', () => {
    fc.assert(
      fc.property(statementArb, (statement) => {
        const text = print(statement);
        const back = parse(text);
        expect(back.diagnostics.filter((d) => d.code.startsWith('EQL1') || d.code.startsWith('EQL3'))).toEqual([]);
        expect(stripRanges(back.ast)).toEqual(stripRanges(statement));
      }),
      { numRuns: 200 },
    );
  });
});
