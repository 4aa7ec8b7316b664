import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant, isConstantExpression } from './constant-fold.js';

const expr = (text: string) => {
  const { ast } = parseExpression(text);
  if (!ast) throw new Error(text);
  return ast;
};

describe('foldConstant', () => {
  it('folds and/or/not with three-valued logic', () => {
    expect(foldConstant(expr('true or null'))).toBe(true);
    expect(foldConstant(expr('false or null'))).toBeNull();
    expect(foldConstant(expr('false and null'))).toBe(false);
    expect(foldConstant(expr('null and true'))).toBeNull();
    expect(foldConstant(expr('not null'))).toBeNull();
  });
  it('folds comparisons, in, and the null checks', () => {
    expect(foldConstant(expr('"Foo" == "foo"'))).toBe(false);
    expect(foldConstant(expr('"Foo" : "foo"'))).toBe(true);
    expect(foldConstant(expr('"Foo" in~ ("FOO")'))).toBe(true);
    expect(foldConstant(expr('1 == "1"'))).toBeNull();
    expect(foldConstant(expr('null == null'))).toBe(true);
    expect(foldConstant(expr('1 != null'))).toBe(true);
    expect(foldConstant(expr('1 < null'))).toBeNull();
    expect(foldConstant(expr('null in (1, 2)'))).toBeNull();
    expect(foldConstant(expr('2 in (null, 2)'))).toBe(true);
  });
  it('folds like and regex with the script semantics', () => {
    expect(foldConstant(expr('"abc" like "a*"'))).toBe(true);
    expect(foldConstant(expr('"abc" like~ "A?C"'))).toBe(true);
    expect(foldConstant(expr('"abc" regex "^a.c$"'))).toBe(true);
  });
  it('refuses expressions that read a field', () => {
    expect(isConstantExpression(expr('1 + x'))).toBe(false);
    expect(() => foldConstant(expr('1 + x'))).toThrow();
  });
});
