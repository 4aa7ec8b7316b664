import { describe, expect, it } from 'vitest';
import { compileWildcard, matchesEverything } from './wildcard.js';

const matches = (pattern: string, values: readonly string[], options = {}) => {
  const m = compileWildcard(pattern, options);
  return values.map((v) => m(v));
};

// Edge cases the mutation run showed untested: code-point boundaries, star placement, escapes.
describe('wildcards at their edges', () => {
  it('`?` takes U+FFFF as one character and a supplementary character as one', () => {
    expect(matches('?', ['\uffff', '\u{10000}', 'ab', ''])).toEqual([true, true, false, false]);
    expect(matches('a?b', ['a\uffffb', 'a\u{1F600}b', 'a\ud83db'])).toEqual([true, true, true]);
    expect(matches('\uffff?', ['\uffffx', '\uffff', 'x\uffff'])).toEqual([true, false, false]);
    expect(matches('*?\u{1F600}', ['x\u{1F600}', '\u{1F600}', 'xy\u{1F600}'])).toEqual([true, false, true]);
  });

  it('a pattern of stars only matches everything; a star elsewhere anchors the rest', () => {
    expect(matchesEverything('***')).toBe(true);
    expect(matchesEverything('')).toBe(false);
    expect(matchesEverything('*a')).toBe(false);
    expect(matches('**', ['', 'x'])).toEqual([true, true]);
    expect(matches('*ab', ['xab', 'abx', 'ab'])).toEqual([true, false, true]);
    expect(matches('ab*', ['abx', 'xab', 'ab'])).toEqual([true, false, true]);
    expect(matches('*ab*', ['xaby', 'ba', 'ab'])).toEqual([true, false, true]);
    expect(matches('a*b', ['ab', 'axxb', 'axxbx', 'b'])).toEqual([true, true, false, false]);
    expect(matches('a**b', ['ab', 'a-b'])).toEqual([true, true]);
  });

  it('an exact pattern (no star) with `?` must use the whole value', () => {
    expect(matches('a?', ['ab', 'abc', 'a'])).toEqual([true, false, false]);
    expect(matches('abc', ['abc', 'abcd', 'xabc'])).toEqual([true, false, false]);
  });

  it('segments must appear in order without overlapping, the last anchored at the end', () => {
    expect(matches('*a?a*', ['aba', 'aa', 'xabay'])).toEqual([true, false, true]);
    expect(matches('a*a', ['a', 'aa', 'aba'])).toEqual([false, true, true]);
    expect(matches('*ab*ab', ['abab', 'ab', 'xabyab', 'abxab!'])).toEqual([true, false, true, false]);
    expect(matches('?*?', ['a', 'ab', 'abc'])).toEqual([false, true, true]);
  });

  it('backslash escapes make `*` and `?` literal, including before a supplementary character', () => {
    expect(matches('a\\*', ['a*', 'ab'], { backslashEscapes: true })).toEqual([true, false]);
    expect(matches('\\?', ['?', 'x'], { backslashEscapes: true })).toEqual([true, false]);
    expect(matches('\\\u{1F600}*', ['\u{1F600}x', 'x'], { backslashEscapes: true })).toEqual([true, false]);
    expect(matches('a\\*', ['a\\x', 'a\\'])).toEqual([true, true]);
  });

  it('case-insensitive matching folds ASCII only', () => {
    expect(matches('AB*', ['abc', 'ABC', 'xab'], { caseInsensitive: true })).toEqual([true, true, false]);
    expect(matches('*É', ['é'], { caseInsensitive: true })).toEqual([false]);
  });
});
