import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

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
