import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { EqlError } from '../errors.js';
import { parseNumber } from './number.js';
import { substring } from './substring.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('concat and string', () => {
  it('concatenates Java string forms; any null gives null', () => {
    expect(fold('concat(5, "::", 3)')).toBe('5::3');
    expect(fold('concat("a", 1.0, false)')).toBe('a1.0false');
    expect(fold('concat("x", null)')).toBeNull();
  });
  it('string() prints as Java', () => {
    expect(fold('string(1)')).toBe('1');
    expect(fold('string(2.0)')).toBe('2.0');
    expect(fold('string(1e20)')).toBe('1.0E20');
    expect(fold('string(false)')).toBe('false');
  });
});

describe('startsWith, endsWith, stringContains (function semantics)', () => {
  it('test prefixes and suffixes, empty strings included', () => {
    expect(fold('startsWith("", "")')).toBe(true);
    expect(fold('endsWith("", "")')).toBe(true);
    expect(fold('endsWith("FooBarBaz", "baz")')).toBe(false);
    expect(fold('endsWith~("FooBarBaz", "baz")')).toBe(true);
    expect(fold('endsWith(null, "a")')).toBeNull();
  });
  it('stringContains is false for an empty source or substring', () => {
    expect(fold('stringContains("abc", "")')).toBe(false);
    expect(fold('stringContains("", "")')).toBe(false);
    expect(fold('stringContains("abc", "b")')).toBe(true);
    expect(fold('stringContains~("aBc", "b")')).toBe(true);
    expect(fold('stringContains(null, "b")')).toBeNull();
  });
});

describe('indexOf', () => {
  it('follows Java String.indexOf with null/negative/large starts', () => {
    expect(fold('indexOf("foobarbaz", "o", null)')).toBe(1);
    expect(fold('indexOf("foobarbaz", "o", -5)')).toBe(1);
    expect(fold('indexOf("abc", "b", 5)')).toBeNull();
    expect(fold('indexOf("abc", "", 5)')).toBe(3);
    expect(fold('indexOf("abc", "", 1)')).toBe(1);
    expect(fold('indexOf~("ABC", "c")')).toBe(2);
    expect(fold('indexOf("abc", "z")')).toBeNull();
  });
});

describe('length', () => {
  it('counts UTF-16 units', () => {
    expect(fold('length("\u{1F600}")')).toBe(2);
    expect(fold('length("")')).toBe(0);
    expect(fold('length(null)')).toBeNull();
  });
});

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

describe('substring', () => {
  it('uses Python slice semantics', () => {
    expect(substring('hello world', 6, null)).toBe('world');
    expect(substring('hello world', -5, -1)).toBe('worl');
    expect(substring('hello world', -60, 5)).toBe('hello');
    expect(substring('start regsvr32.exe', -4, null)).toBe('.exe');
    expect(substring('hello', 3, 1)).toBe('');
    expect(substring('hello', 10, 20)).toBe('');
  });
  it('returns the source unchanged for a null start (end ignored)', () => {
    expect(fold('substring("hello world", null, 5)')).toBe('hello world');
    expect(fold('substring(null, 1)')).toBeNull();
  });
});

describe('cidrMatch (function form)', () => {
  it('matches IPv4 and IPv6 against several blocks; null ip gives null', () => {
    expect(fold('cidrMatch("10.1.2.3", "192.168.0.0/16", "10.0.0.0/8")')).toBe(true);
    expect(fold('cidrMatch("2001:db8::1", "2001:db8::/32")')).toBe(true);
    expect(fold('cidrMatch("8.8.8.8", "10.0.0.0/8")')).toBe(false);
    expect(fold('cidrMatch(null, "10.0.0.0/8")')).toBeNull();
  });
});

describe('registry', () => {
  it('rejects unknown functions, wrong arity and ~ on functions without it', () => {
    expect(() => fold('arrayContains("a", "a")')).toThrow(EqlError);
    expect(() => fold('length("a", "b")')).toThrow(EqlError);
    expect(() => fold('length~("a")')).toThrow(EqlError);
  });
  it('looks names up case-insensitively', () => {
    expect(fold('CONCAT("a", "b")')).toBe('ab');
  });
});
