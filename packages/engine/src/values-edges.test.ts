import { describe, expect, it } from 'vitest';
import {
  anyValue,
  compareUtf8,
  compareValues,
  fieldValues,
  isNullish,
  isPresent,
  javaDoubleToString,
  javaString,
  scriptCompare,
  toBoolean,
  toNumber,
} from './values.js';

// Edge cases the mutation run showed untested: nulls, nested arrays, NaN, infinities, surrogates.
describe('value helpers at their edges', () => {
  it('isNullish is true for null and undefined only', () => {
    expect([null, undefined, 0, '', false, [], {}].map(isNullish)).toEqual([true, true, false, false, false, false, false]);
  });

  it('isPresent looks through nested arrays for one non-null value', () => {
    expect([null, undefined, [], [null], [[null], []], [[null], [0]], 0, ''].map(isPresent)).toEqual([false, false, false, false, false, true, true, true]);
  });

  it('fieldValues flattens nested arrays and drops nulls', () => {
    expect(fieldValues(null)).toEqual([]);
    expect(fieldValues(undefined)).toEqual([]);
    expect(fieldValues(0)).toEqual([0]);
    expect(fieldValues({ a: 1 })).toEqual([{ a: 1 }]);
    expect(fieldValues([1, null, [2, [undefined, 3]], []])).toEqual([1, 2, 3]);
  });

  it('anyValue never calls the test on null and finds a passing value at any depth', () => {
    const seen: unknown[] = [];
    const positive = anyValue((v) => {
      seen.push(v);
      return typeof v === 'number' && v > 0;
    });
    expect(positive(null)).toBe(false);
    expect(positive(undefined)).toBe(false);
    expect(positive([null, [-1, [2]]])).toBe(true);
    expect(positive([[-1], [null, -2]])).toBe(false);
    expect(seen).not.toContain(null);
    expect(seen).not.toContain(undefined);
  });

  it('compareUtf8 puts supplementary characters after every BMP character, including U+FFFF and U+DFFF neighbours', () => {
    expect(Math.sign(compareUtf8('\u{10000}', '\uffff'))).toBe(1);
    expect(Math.sign(compareUtf8('\uffff', '\u{10000}'))).toBe(-1);
    expect(Math.sign(compareUtf8('\ud7ff', '\u{10000}'))).toBe(-1);
    expect(Math.sign(compareUtf8('\udfff', '\ud800'))).toBe(1);
    expect(Math.sign(compareUtf8('ab', 'a'))).toBe(1);
    expect(compareUtf8('a', 'a')).toBe(0);
  });

  it('compareValues orders null < booleans < numbers < strings < objects, NaN after numbers', () => {
    const sorted = [{ b: 1 }, 'b', 'a', 2, Number.NaN, -1, true, false, null, [1]].sort(compareValues);
    expect(sorted).toEqual([null, false, true, -1, 2, Number.NaN, 'a', 'b', [1], { b: 1 }]);
    expect(compareValues(Number.NaN, Number.NaN)).toBe(0);
    expect(compareValues(1, 1)).toBe(0);
    expect(compareValues(null, undefined)).toBe(0);
    expect(Math.sign(compareValues(true, false))).toBe(1);
    expect(Math.sign(compareValues({ a: 2 }, { a: 10 }))).toBe(1);
  });

  it('javaDoubleToString prints infinities, signed zero and exponents as Java does', () => {
    expect([Infinity, -Infinity, 0, -0, Number.NaN, 1e7, 1.5e-4, 42, 0.001].map(javaDoubleToString)).toEqual([
      'Infinity',
      '-Infinity',
      '0.0',
      '-0.0',
      'NaN',
      '1.0E7',
      '1.5E-4',
      '42.0',
      '0.001',
    ]);
  });

  it('javaString prints booleans, numbers by integrality and objects as JSON', () => {
    expect(javaString(null)).toBeNull();
    expect(javaString(undefined)).toBeNull();
    expect(javaString(true)).toBe('true');
    expect(javaString(false)).toBe('false');
    expect(javaString(5)).toBe('5');
    expect(javaString(5, false)).toBe('5.0');
    expect(javaString({ a: 1 })).toBe('{"a":1}');
  });

  it('toNumber reads trimmed numeric strings only; toBoolean reads true/false only', () => {
    expect(toNumber(' 5 ')).toBe(5);
    expect(toNumber('1e3')).toBe(1000);
    expect(toNumber('x5')).toBeUndefined();
    expect(toNumber(true)).toBeUndefined();
    expect([true, false, 'true', 'false', 'TRUE', 1].map(toBoolean)).toEqual([true, false, true, false, undefined, undefined]);
  });

  it('scriptCompare: NaN equals only NaN, booleans order false < true, mixed types are incomparable', () => {
    expect(scriptCompare(Number.NaN, Number.NaN)).toBe(0);
    expect(scriptCompare(Number.NaN, 1)).toBeUndefined();
    expect(scriptCompare(1, Number.NaN)).toBeUndefined();
    expect(scriptCompare(1, 2)).toBe(-1);
    expect(scriptCompare(2, 1)).toBe(1);
    expect(scriptCompare(2, 2)).toBe(0);
    expect(scriptCompare(true, false)).toBe(1);
    expect(scriptCompare(false, true)).toBe(-1);
    expect(scriptCompare(true, 1)).toBeUndefined();
    expect(scriptCompare(1, true)).toBeUndefined();
    expect(scriptCompare('1', 1)).toBeUndefined();
    expect(scriptCompare(null, null)).toBeUndefined();
  });
});
