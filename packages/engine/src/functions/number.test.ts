import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { EqlError } from '../errors.js';
import { parseNumber } from './number.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('number', () => {
  it('parses integers, decimals, hex and other bases', () => {
    expect(parseNumber(' 42 ')).toBe(42);
    expect(parseNumber('+314')).toBe(314);
    expect(parseNumber('-3.14')).toBe(-3.14);
    expect(parseNumber('0x1337')).toBe(4919);
    expect(parseNumber('1337', 16)).toBe(4919);
    expect(parseNumber('0x1337', 16)).toBe(4919);
    expect(parseNumber('32', 16)).toBe(50);
    expect(parseNumber('31', 13)).toBe(40);
    expect(parseNumber('052403', 8)).toBe(21763);
    expect(parseNumber('-ff', 16)).toBe(-255);
    expect(parseNumber('1e3')).toBe(1000);
  });
  it('gives null for what does not parse', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12a')).toBeNull();
    expect(parseNumber('9', 8)).toBeNull();
    expect(fold('number(null)')).toBeNull();
  });
  it('takes a null base as 10 and rejects a non-constant or out-of-range base', () => {
    expect(fold('number("10", null)')).toBe(10);
    expect(() => fold('number("10", 40)')).toThrow(EqlError);
  });
});
