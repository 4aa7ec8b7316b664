import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { arithmetic, arithmeticImpl, arithmeticType } from './arithmetic.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('arithmetic', () => {
  it('keeps integers integral: / truncates toward zero', () => {
    expect(fold('7 / 2')).toBe(3);
    expect(fold('-7 / 2')).toBe(-3);
    expect(fold('7 / 2.0')).toBe(3.5);
    expect(fold('7.0 / 2')).toBe(3.5);
  });
  it('% is Java remainder (sign of the dividend)', () => {
    expect(fold('modulo(-10, -6)')).toBe(-4);
    expect(fold('modulo(10, -6)')).toBe(4);
    expect(fold('-10 % 6')).toBe(-4);
    expect(fold('7.5 % 2')).toBe(1.5);
  });
  it('functions mirror the operators', () => {
    expect(fold('add(1, 2)')).toBe(3);
    expect(fold('subtract(1, 2)')).toBe(-1);
    expect(fold('multiply(3, -2)')).toBe(-6);
    expect(fold('divide(4, 3)')).toBe(1);
    expect(fold('divide(4, 3.0)')).toBeCloseTo(1.3333333333, 9);
  });
  it('null propagates and division by zero is null', () => {
    expect(fold('add(null, 1)')).toBeNull();
    expect(fold('1 + null')).toBeNull();
    expect(fold('1 / 0')).toBeNull();
    expect(fold('1.0 / 0')).toBeNull();
    expect(fold('5 % 0')).toBeNull();
    expect(fold('-null')).toBeNull();
  });
  it('non-numbers give null', () => {
    expect(arithmetic('+', '1', 2, true)).toBeNull();
  });
  it('types a result by its operands: null wins, two ints stay int, a double makes a double', () => {
    expect(arithmeticType('null', 'int')).toBe('null');
    expect(arithmeticType('int', 'null')).toBe('null');
    expect(arithmeticType('int', 'int')).toBe('int');
    expect(arithmeticType('double', 'int')).toBe('double');
    expect(arithmeticType('any', 'double')).toBe('double');
    expect(arithmeticType('int', 'any')).toBe('any');
    expect(arithmeticType('string', 'int')).toBe('any');
  });
  it('divides as the static types say, and by the values where they are unknown', () => {
    expect(arithmeticImpl('/', 'int', 'int')(7, 2)).toBe(3);
    expect(arithmeticImpl('/', 'double', 'int')(7, 2)).toBe(3.5);
    expect(arithmeticImpl('/', 'int', 'double')(7, 2)).toBe(3.5);
    // A double field holding 4 is still a double: 4 / 8 is 0.5, not 0.
    expect(arithmeticImpl('/', 'double', 'any')(4, 8)).toBe(0.5);
    expect(arithmeticImpl('/', 'any', 'any')(7, 2)).toBe(3);
    expect(arithmeticImpl('/', 'any', 'any')(7.5, 2)).toBe(3.75);
    expect(arithmeticImpl('/', 'any', 'any')(7, 2.5)).toBe(2.8);
    expect(arithmeticImpl('/', 'any', 'any')('7', 2)).toBeNull();
    expect(arithmeticImpl('/', 'any', 'any')(7, null)).toBeNull();
    expect(arithmeticImpl('-', 'int', 'int')(7, 'x')).toBeNull();
  });
});

describe('arithmetic functions on typed fields', () => {
  it('divide/modulo of a double field are floating-point even on whole values, of a long field integral', async () => {
    const { compileValue } = await import('../compile-expression.js');
    const { schemaFromMapping } = await import('../schema.js');
    const schema = schemaFromMapping({ properties: { ratio: { type: 'double' }, count: { type: 'long' } } });
    const value = (text: string, event: Record<string, unknown>) => compileValue(parseExpression(text).ast!, { schema })(event);
    expect(value('divide(ratio, 2)', { ratio: 5 })).toBe(2.5);
    expect(value('divide(2, ratio)', { ratio: 4 })).toBe(0.5);
    expect(value('divide(count, 2)', { count: 5 })).toBe(2);
    expect(value('divide(count, ratio)', { count: 5, ratio: 2 })).toBe(2.5);
  });
});
