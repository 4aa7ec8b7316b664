import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiEqualsIgnoreCase, asciiLower, javaEqualsIgnoreCase, javaLower } from './case-fold.js';

describe('case folding', () => {
  it('ASCII folding leaves non-ASCII letters alone', () => {
    expect(asciiLower('ÄRGER')).toBe('Ärger');
    expect(asciiEqualsIgnoreCase('ÄRGER', 'ärger')).toBe(false);
    expect(asciiEqualsIgnoreCase('äRGER', 'ärger')).toBe(true);
    expect(asciiEqualsIgnoreCase('a', 'ab')).toBe(false);
  });
  it('Java compareToIgnoreCase folds per character', () => {
    expect(javaEqualsIgnoreCase('ÄRGER', 'ärger')).toBe(true);
    expect(javaEqualsIgnoreCase('ΣΑΣ', 'σας')).toBe(true);
    expect(javaEqualsIgnoreCase('STRASSE', 'straße')).toBe(false);
    expect(javaEqualsIgnoreCase('\u{10400}', '\u{10428}')).toBe(true);
  });
  it('Java toLowerCase(ROOT) lowercases fully', () => {
    expect(javaLower('ÄRGER')).toBe('ärger');
  });
});

describe('case folding at the edges', () => {
  // The characters around the ASCII letters: '@' (64) before 'A', '[' (91) after 'Z', '`' (96)
  // before 'a', '{' (123) after 'z'. Only A-Z change.
  it('ASCII folding moves exactly A-Z, wherever they are in the string', () => {
    expect(asciiLower('@AZ[`az{')).toBe('@az[`az{');
    expect(asciiLower('xyZ')).toBe('xyz');
    expect(asciiLower('Abc')).toBe('abc');
    expect(asciiLower('no change')).toBe('no change');
    expect(asciiEqualsIgnoreCase('@', '`')).toBe(false);
    expect(asciiEqualsIgnoreCase('[', '{')).toBe(false);
    expect(asciiEqualsIgnoreCase('AZ', 'az')).toBe(true);
    expect(asciiEqualsIgnoreCase('az', 'AZ')).toBe(true);
    expect(asciiEqualsIgnoreCase('ab', 'ac')).toBe(false);
  });

  it('ASCII folding agrees with a reference on any string (property)', () => {
    const ref = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    // `İ` lowercases to two code units, `K` (Kelvin) to `k`: neither is ASCII folding.
    const text = fc.string({ unit: fc.constantFrom('@', 'A', 'M', 'Z', '[', '`', 'a', 'z', '{', 'Ä', 'ä', 'ß', 'İ', '\u212a') });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(asciiLower(a)).toBe(ref(a));
        expect(asciiEqualsIgnoreCase(a, b)).toBe(ref(a) === ref(b));
      }),
    );
  });

  it('Java folding compares code point by code point to the end of both strings', () => {
    expect(javaEqualsIgnoreCase('abc', 'ABC')).toBe(true);
    expect(javaEqualsIgnoreCase('abc', 'ABD')).toBe(false);
    expect(javaEqualsIgnoreCase('ab', 'abc')).toBe(false);
    expect(javaEqualsIgnoreCase('abc', 'ab')).toBe(false);
    expect(javaEqualsIgnoreCase('', '')).toBe(true);
    expect(javaEqualsIgnoreCase('a', '')).toBe(false);
    // Non-BMP letters: Deseret capital and small, then a differing tail after them.
    expect(javaEqualsIgnoreCase('\u{10400}x', '\u{10428}X')).toBe(true);
    expect(javaEqualsIgnoreCase('\u{10400}x', '\u{10428}y')).toBe(false);
    expect(javaEqualsIgnoreCase('\u{10400}', '\u{10428}a')).toBe(false);
    // Folding is to upper then lower: the Kelvin sign and the long s fold onto k and s.
    expect(javaEqualsIgnoreCase('\u212A', 'k')).toBe(true);
    expect(javaEqualsIgnoreCase('\u017F', 'S')).toBe(true);
    // A letter whose uppercase is two characters (ß -> SS) keeps itself.
    expect(javaEqualsIgnoreCase('ß', 'ss')).toBe(false);
    expect(javaEqualsIgnoreCase('ß', 'ß')).toBe(true);
    // Same answer the second time (cached folds).
    expect(javaEqualsIgnoreCase('Ä', 'ä')).toBe(true);
    expect(javaEqualsIgnoreCase('Ä', 'ä')).toBe(true);
    expect(javaEqualsIgnoreCase('Ä', 'ö')).toBe(false);
  });
});

describe('case folding: one-sided and boundary characters', () => {
  it('ASCII folding lowers only A-Z, whichever side they are on', () => {
    // '@' (64) and '[' (91) are 32 below '`' (96) and '{' (123), but are not letters.
    expect(asciiEqualsIgnoreCase('`', '@')).toBe(false);
    expect(asciiEqualsIgnoreCase('{', '[')).toBe(false);
    expect(asciiEqualsIgnoreCase('x`', 'X@')).toBe(false);
    expect(asciiEqualsIgnoreCase('aZ', 'Az')).toBe(true);
  });

  it('Java folding of ASCII moves exactly A-Z, Z included', () => {
    expect(javaEqualsIgnoreCase('Z', 'z')).toBe(true);
    expect(javaEqualsIgnoreCase('z', 'Z')).toBe(true);
    expect(javaEqualsIgnoreCase('A', 'a')).toBe(true);
    expect(javaEqualsIgnoreCase('@', '`')).toBe(false);
    expect(javaEqualsIgnoreCase('`', '@')).toBe(false);
    expect(javaEqualsIgnoreCase('[', '{')).toBe(false);
    expect(javaEqualsIgnoreCase('{', '[')).toBe(false);
  });

  it('Java folding ignores a case mapping to several characters (ß is not s)', () => {
    expect(javaEqualsIgnoreCase('ß', 's')).toBe(false);
    expect(javaEqualsIgnoreCase('s', 'ß')).toBe(false);
    expect(javaEqualsIgnoreCase('ßa', 'sA')).toBe(false);
    // U+0149 uppercases to two characters (ʼN): it keeps itself.
    expect(javaEqualsIgnoreCase('\u0149', 'n')).toBe(false);
    expect(javaEqualsIgnoreCase('\u0149', 'N')).toBe(false);
  });

  it('Java folding steps over U+FFFF as one character (it is in the BMP)', () => {
    expect(javaEqualsIgnoreCase('\uFFFFa', '\uFFFFA')).toBe(true);
    expect(javaEqualsIgnoreCase('\uFFFFa', '\uFFFFb')).toBe(false);
    expect(javaEqualsIgnoreCase('x\uFFFFa', 'X\uFFFFA')).toBe(true);
  });

  it('Java folding agrees with a per-character reference on BMP strings (property)', () => {
    // Reference: Character.toLowerCase(Character.toUpperCase(c)) where both mappings are single
    // characters; otherwise the character stays. Strings compare character by character.
    const fold = (c: string) => {
      const u = c.toUpperCase();
      const upper = u.length === 1 ? u : c;
      const l = upper.toLowerCase();
      return l.length === 1 ? l : upper;
    };
    const ref = (a: string, b: string) => a.length === b.length && [...a].every((c, i) => fold(c) === fold(b[i]!));
    const text = fc.string({ unit: fc.constantFrom('@', 'A', 'Z', '[', '`', 'a', 'z', '{', 'ß', 's', 'S', 'Ä', 'ä', '\u212A', 'k', '\uFFFF', '\u0149', 'n'), maxLength: 4 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(javaEqualsIgnoreCase(a, b)).toBe(ref(a, b));
      }),
    );
  });
});
