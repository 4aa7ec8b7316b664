import fc from 'fast-check';
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

describe('wildcards against a reference at surrogate and escape boundaries', () => {
  // The first and last supplementary code points (surrogates D800 DC00 and DBFF DFFF) and U+FFFF.
  const FIRST = '\u{10000}';
  const LAST = '\u{10FFFF}';

  it('a `?` before the end steps back over a whole supplementary character, the first and the last one', () => {
    expect(matches('*??', [`a${FIRST}`, `a${LAST}`, FIRST, LAST])).toEqual([true, true, false, false]);
    expect(matches('a*?', [`a${FIRST}`, `a${LAST}`, `a${FIRST}${LAST}`])).toEqual([true, true, true]);
    expect(matches('a*??b', [`a${FIRST}${LAST}b`, `a${LAST}b`])).toEqual([true, false]);
    expect(matches(`a*${FIRST}`, [`a${FIRST}`, `ab${FIRST}`, FIRST])).toEqual([true, true, false]);
  });

  it('an escaped character is consumed whole: U+FFFF as one unit, a supplementary character as two', () => {
    expect(matches('\\*x', ['*x', '*', 'ax'], { backslashEscapes: true })).toEqual([true, false, false]);
    expect(matches('\\\uffffa', ['\uffffa', '\uffff'], { backslashEscapes: true })).toEqual([true, false]);
    expect(matches(`\\${LAST}?`, [`${LAST}a`, LAST], { backslashEscapes: true })).toEqual([true, false]);
    // Found by the property below: an escaped letter folds under `~` like any other letter.
    expect(matches('\\a', ['A', 'a', 'b'], { backslashEscapes: true, caseInsensitive: true })).toEqual([true, true, false]);
  });

  /** Reference: the pattern as an anchored JS `u` regex; `\x` a literal x when escapes are on. */
  function reference(pattern: string, value: string, escapes: boolean, ci: boolean): boolean {
    const chars = Array.from(pattern);
    let source = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      // An escaped character is a literal, folded like any other under `~` (Lucene's case-insensitive automaton).
      const literal = escapes && ch === '\\' && i + 1 < chars.length ? (chars[++i] ?? '') : undefined;
      if (literal === undefined && ch === '*') source += '[\\s\\S]*';
      else if (literal === undefined && ch === '?') source += '[\\s\\S]';
      else if (ci && /^[a-z]$/i.test(literal ?? ch)) source += `[${(literal ?? ch).toLowerCase()}${(literal ?? ch).toUpperCase()}]`;
      else source += (literal ?? ch).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`, 'u').test(value);
  }

  it('agrees with the reference on random patterns with escapes, folding and boundary code points', () => {
    const text = ['a', 'B', '\uffff', FIRST, LAST, 'ſ'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...text, '*', '?', '\\'), { maxLength: 8 }),
        fc.array(fc.constantFrom(...text, 'b', 'A', '*', '?', '\\'), { maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        (p, v, escapes, ci) => {
          const pattern = p.join('');
          const value = v.join('');
          expect(compileWildcard(pattern, { backslashEscapes: escapes, caseInsensitive: ci })(value), `${pattern} ${value}`).toBe(reference(pattern, value, escapes, ci));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
