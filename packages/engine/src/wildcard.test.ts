import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard, hasWildcard, matchesEverything, wildcardToJavaRegex } from './wildcard.js';
import { RE2JS } from 're2js';

/** Reference: the pattern as an anchored JS regex (fine for the short generated inputs). */
function reference(pattern: string, value: string): boolean {
  const source = Array.from(pattern, (ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'u').test(value);
}

describe('compileWildcard', () => {
  it('matches the whole value', () => {
    expect(compileWildcard('doc*')('document')).toBe(true);
    expect(compileWildcard('doc*')('adoc')).toBe(false);
    expect(compileWildcard('*doc')('adoc')).toBe(true);
    expect(compileWildcard('a*b*c')('aXbYc')).toBe(true);
    expect(compileWildcard('a*b*c')('aXcYb')).toBe(false);
    expect(compileWildcard('')('')).toBe(true);
    expect(compileWildcard('')('a')).toBe(false);
    expect(compileWildcard('*')('')).toBe(true);
  });
  it('? is exactly one character, a surrogate pair counting as one', () => {
    expect(compileWildcard('a?c')('abc')).toBe(true);
    expect(compileWildcard('a?c')('ac')).toBe(false);
    expect(compileWildcard('a?c')('a\u{1F600}c')).toBe(true);
    expect(compileWildcard('*?')('\u{1F600}')).toBe(true);
    expect(compileWildcard('??')('\u{1F600}')).toBe(false);
  });
  it('folds ASCII letters only when case-insensitive', () => {
    expect(compileWildcard('CMD*', { caseInsensitive: true })('cmd.exe')).toBe(true);
    expect(compileWildcard('Ä*', { caseInsensitive: true })('ä')).toBe(false);
    expect(compileWildcard('CMD*')('cmd.exe')).toBe(false);
  });
  it('treats \\ as a literal unless escapes are on', () => {
    expect(compileWildcard('a\\*')('a\\xyz')).toBe(true);
    expect(compileWildcard('a\\*', { backslashEscapes: true })('a*')).toBe(true);
    expect(compileWildcard('a\\*', { backslashEscapes: true })('ab')).toBe(false);
    expect(compileWildcard('a\\', { backslashEscapes: true })('a\\')).toBe(true);
  });
  it('agrees with a regex reference on random patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?', '\u{1F600}');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '\u{1F600}'), { maxLength: 10 }), (p, v) => {
        const pattern = p.join('');
        const value = v.join('');
        expect(compileWildcard(pattern)(value)).toBe(reference(pattern, value));
      }),
      { numRuns: 2000 },
    );
  });
  it('is linear on *a*a*a*a*a*b over 50k characters', () => {
    const long = 'a'.repeat(50_000);
    const start = performance.now();
    expect(compileWildcard('*a*a*a*a*a*b')(long)).toBe(false);
    expect(compileWildcard('*a?a*a?a*a?b', { caseInsensitive: true })(long)).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
  it('classifies patterns', () => {
    expect(hasWildcard('a?')).toBe(true);
    expect(hasWildcard('a')).toBe(false);
    expect(matchesEverything('**')).toBe(true);
    expect(matchesEverything('*a')).toBe(false);
  });
});

describe('wildcardToJavaRegex (script path)', () => {
  it('does not let * or ? cross line terminators', () => {
    const re = RE2JS.compile(wildcardToJavaRegex('a*b?', false));
    expect(re.testExact('axxbc')).toBe(true);
    expect(re.testExact('a\nbc')).toBe(false);
    expect(re.testExact('axb\r')).toBe(false);
  });
  it('folds ASCII only under ~ and quotes metacharacters', () => {
    expect(RE2JS.compile(wildcardToJavaRegex('A.(b)', true)).testExact('a.(B)')).toBe(true);
    expect(RE2JS.compile(wildcardToJavaRegex('A.(b)', true)).testExact('aX(B)')).toBe(false);
  });
});

describe('compileWildcard: one matcher per pattern and options', () => {
  it('shares the matcher of the same pattern and options, and only of those', () => {
    const ci = compileWildcard('*\\Temp\\*', { caseInsensitive: true });
    expect(compileWildcard('*\\Temp\\*', { caseInsensitive: true })).toBe(ci);
    const cs = compileWildcard('*\\Temp\\*');
    const escaped = compileWildcard('*\\Temp\\*', { caseInsensitive: true, backslashEscapes: true });
    const folded = compileWildcard('*\\Temp\\*', { caseInsensitive: true, folded: true });
    expect(new Set([ci, cs, escaped, folded]).size).toBe(4);
    // Each behaves as its own options say.
    expect(ci('c:\\TEMP\\x')).toBe(true);
    expect(cs('c:\\TEMP\\x')).toBe(false);
    // `\T` is `T` and `\*` a literal star: the value must end with `temp*`.
    expect(escaped('c:Temp*')).toBe(true);
    expect(escaped('c:\\temp\\x')).toBe(false);
    expect(folded('c:\\TEMP\\x')).toBe(false);
    expect(folded('c:\\temp\\x')).toBe(true);
  });
});
