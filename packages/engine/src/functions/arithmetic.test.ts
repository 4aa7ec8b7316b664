import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { arithmetic } from './arithmetic.js';

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
});
