import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiCaseInsensitive, compileJavaRegex } from './java-regex.js';

describe('Java regex (script path)', () => {
  it('treats ^/$ as anchors, supports lazy quantifiers and must match the whole value', () => {
    expect(compileJavaRegex('^a.*?b$')('axxb')).toBe(true);
    expect(compileJavaRegex('a')('ab')).toBe(false);
  });
  it('reads \\uhhhh as Java does (RE2 knows only \\x{..}), but not an escaped backslash before u', () => {
    expect(compileJavaRegex('\\u0062c')('bc')).toBe(true);
    expect(compileJavaRegex('\\\\u0062')('\\u0062')).toBe(true);
    expect(compileJavaRegex('\\Q\\u0062\\E')('\\u0062')).toBe(true);
  });
  it('is linear on (a+)+$ over 50k characters', () => {
    const start = performance.now();
    expect(compileJavaRegex('(a+)+$')(`${'a'.repeat(50_000)}!`)).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('Java CASE_INSENSITIVE (ASCII only)', () => {
  const ci = (p: string, v: string) => compileJavaRegex(p, true)(v);
  it('folds ASCII letters, in literals, classes and ranges', () => {
    expect(ci('net\\.EXE', 'NET.exe')).toBe(true);
    expect(ci('[a-c]+x', 'ABCX')).toBe(true);
    expect(ci('[^a]', 'A')).toBe(false);
    expect(ci('\\Qa.B\\E', 'A.b')).toBe(true);
    expect(ci('\\Qa.B\\E', 'AxB')).toBe(false);
  });
  it('leaves non-ASCII letters distinct (unlike RE2 Unicode folding)', () => {
    expect(ci('ärger', 'ÄRGER')).toBe(false);
    expect(ci('ärger', 'äRGER')).toBe(true);
    expect(ci('k', '\u212A')).toBe(false);
  });
  it('keeps escapes, named groups and flags as written', () => {
    expect(ci('\\d\\p{L}+', '1ab')).toBe(true);
    expect(ci('(?P<name>ab)c', 'ABC')).toBe(true);
    expect(ci('\\x41b', 'Ab')).toBe(true);
    // A letter written as a code folds like the letter (Java compiles it to the same character).
    expect(ci('\\x41b', 'ab')).toBe(true);
    expect(ci('[\\x61]', 'A')).toBe(true);
    expect(ci('\\x{62}\\u0063', 'BC')).toBe(true);
    expect(asciiCaseInsensitive('a{2,3}')).toBe('[aA]{2,3}');
  });
});

describe('Java CASE_INSENSITIVE against a reference (ASCII patterns and values)', () => {
  // JavaScript's `i` flag folds exactly the ASCII letters when pattern and value are ASCII, and
  // these constructs mean the same in both syntaxes: the reference is an anchored JS RegExp.
  const atom = fc.oneof(
    fc.constantFrom('a', 'B', 'z', 'Z', '@', '[', '`', '{', '0', '_', '-'),
    fc.constantFrom('[a-c]', '[X-c]', '[^a]', '[@-B]', '[Y-a]', '[0-9A]', '\\d', '\\w', '\\x41', '\\u0062', '.'),
  );
  const escape = (a: string) => (a === '[' || a === '{' ? `\\${a}` : a);
  const piece = fc.tuple(atom.map(escape), fc.constantFrom('', '*', '+', '?', '{2}')).map(([a, q]) => a + q);
  const pattern = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const value = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'c', 'C', 'x', 'X', 'y', 'Y', 'z', 'Z', '@', '[', '`', '{', '0', '5', '_', '-'), maxLength: 6 });

  it('matches what an anchored, case-insensitive JavaScript RegExp matches (property)', () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 6 }), (p, values) => {
        const reference = new RegExp(`^(?:${p})$`, 'i');
        const ci = compileJavaRegex(p, true);
        for (const v of values) expect(ci(v), `${p} on ${v}`).toBe(reference.test(v));
      }),
      { numRuns: 400 },
    );
  });
});
