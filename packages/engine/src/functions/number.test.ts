import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { EqlError } from '../errors.js';
import { compile } from '../compile.js';
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

describe('number: digits and bases at their edges', () => {
  it('reads every digit of base 36 and the boundary digits 0, 9, a, z in either case', () => {
    expect(parseNumber('z', 36)).toBe(35);
    expect(parseNumber('Z', 36)).toBe(35);
    expect(parseNumber('a', 16)).toBe(10);
    expect(parseNumber('19', 16)).toBe(25);
    expect(parseNumber('09', 10)).toBe(9);
    expect(parseNumber('101', 2)).toBe(5);
    expect(parseNumber('-zz', 36)).toBe(-1295);
  });
  it('gives null for a digit as large as the base or a character that is no digit', () => {
    expect(parseNumber('8', 8)).toBeNull();
    expect(parseNumber('g', 16)).toBeNull();
    expect(parseNumber('2', 2)).toBeNull();
    for (const bad of ['1.5', '1 5', '1/5', '1-5', '+', '-', '1{', '1é', '1\n2']) expect(parseNumber(bad, 16), JSON.stringify(bad)).toBeNull();
    expect(parseNumber('1\n2')).toBeNull();
  });
  it('reads a 0x prefix in base 10 and 16 only, keeping its sign', () => {
    expect(parseNumber('-0x10')).toBe(-16);
    expect(parseNumber('+0X1f')).toBe(31);
    expect(parseNumber('-0x1F', 16)).toBe(-31);
    expect(parseNumber('0x10', 8)).toBeNull();
    // In base 36 `x` is a digit (33), not a prefix.
    expect(parseNumber('0x10', 36)).toBe(33 * 36 * 36 + 36);
  });
  it('takes a Java float or double suffix on a decimal', () => {
    expect(parseNumber('1.5f')).toBe(1.5);
    expect(parseNumber('2D')).toBe(2);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('1.5e2d')).toBe(150);
    expect(parseNumber('1.5ff')).toBeNull();
  });
  it('accepts bases 2 and 36 and rejects a base that is not a number', () => {
    expect(fold('number("101", 2)')).toBe(5);
    expect(fold('number("z", 36)')).toBe(35);
    expect(() => fold('number("10", "16")')).toThrow('second argument of [number] (base) must be an integer constant between 2 and 36');
  });
  it('compares its result with numbers in a query', () => {
    const q = compile('any where number(s, 16) == 255');
    expect(q.search([{ s: 'ff' }, { s: '0xff' }, { s: 'fg' }, { s: 255 }]).length).toBe(2);
  });
});
