import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUtf16, compareUtf8, compareValues, isPresent, javaDoubleToString, javaString, scriptCompare, toNumber } from './values.js';

function utf8Order(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

describe('string orders', () => {
  it('UTF-8 byte order equals code point order (astral after U+E000..FFFF)', () => {
    expect(compareUtf8('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect(compareUtf16('\u{1F600}', '\uFF21')).toBeLessThan(0);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(utf8Order(a, b)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('compareValues', () => {
  it('is a total order: null < booleans < numbers < strings', () => {
    const sorted = ['b', 2, null, true, 'A', false, 1.5].sort(compareValues);
    expect(sorted).toEqual([null, false, true, 1.5, 2, 'A', 'b']);
    expect(compareValues(undefined, null)).toBe(0);
  });
  it('sorts strings by bytes ("GTA" < "doom")', () => {
    expect(compareValues('GTA', 'doom')).toBeLessThan(0);
  });
});

describe('Java printing', () => {
  it('prints doubles as Double.toString', () => {
    expect(javaDoubleToString(42)).toBe('42.0');
    expect(javaDoubleToString(2.1828)).toBe('2.1828');
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(1.5e-4)).toBe('1.5E-4');
    expect(javaDoubleToString(0.001)).toBe('0.001');
    expect(javaDoubleToString(-0)).toBe('-0.0');
    expect(javaDoubleToString(Number.NaN)).toBe('NaN');
  });
  it('prints integral numbers without decimals and booleans as true/false', () => {
    expect(javaString(5)).toBe('5');
    expect(javaString(5, false)).toBe('5.0');
    expect(javaString(true)).toBe('true');
    expect(javaString(null)).toBeNull();
  });
});

describe('script comparisons and coercions', () => {
  it('compares same types, numbers across int/double, and nothing else', () => {
    expect(scriptCompare(3, 3.0)).toBe(0);
    expect(scriptCompare('a', 'b')).toBe(-1);
    expect(scriptCompare(false, true)).toBe(-1);
    expect(scriptCompare('5', 5)).toBeUndefined();
    expect(scriptCompare(null, null)).toBeUndefined();
  });
  it('reads numeric text as a number field does', () => {
    expect(toNumber(' 5 ')).toBe(5);
    expect(toNumber('-1.5e3')).toBe(-1500);
    expect(toNumber('0x10')).toBeUndefined();
    expect(toNumber('')).toBeUndefined();
  });
  it('presence ignores nulls inside arrays', () => {
    expect(isPresent([null, [null]])).toBe(false);
    expect(isPresent([null, 0])).toBe(true);
    expect(isPresent({})).toBe(true);
  });
});
