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
    fc.constantFrom('[a-]', '[-B]', '[_-]', '[^z-]', '[a-c-e]', '[\\d_-]', '[\\x41-]', '(?:aB)', '(?:a|[b-])'),
    // Range bounds written as escapes, including escaped `-`, `]` and `[`.
    fc.constantFrom('[\\x41-\\x5a]', '[a-\\x{7a}]', '[\\u0058-c]', '[^\\x40-\\x42]', '[\\0132-a]', '[\\--\\x41]', '[!-\\-]', '[\\]-a]', '[\\[-b]', '[\\x41\\-Z]'),
  );
  const escape = (a: string) => (a === '[' || a === '{' ? `\\${a}` : a);
  // The same pattern in JavaScript's (non-Unicode) syntax, which has no `\x{..}` and reads octal differently.
  const toJs = (p: string) =>
    p
      .replace(/\\x\{([0-9a-f]+)\}/gi, (_, h: string) => `\\u${h.padStart(4, '0')}`)
      .replace(/\\0([0-3][0-7]{2})/g, (_, o: string) => `\\u${Number.parseInt(o, 8).toString(16).padStart(4, '0')}`);
  const piece = fc.tuple(atom.map(escape), fc.constantFrom('', '*', '+', '?', '{2}')).map(([a, q]) => a + q);
  const pattern = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const value = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'c', 'C', 'x', 'X', 'y', 'Y', 'z', 'Z', '@', '[', '`', '{', '0', '5', '_', '-'), maxLength: 6 });

  it('matches what an anchored, case-insensitive JavaScript RegExp matches (property)', () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 6 }), (p, values) => {
        const reference = new RegExp(`^(?:${toJs(p)})$`, 'i');
        const ci = compileJavaRegex(p, true);
        for (const v of values) expect(ci(v), `${p} on ${v}`).toBe(reference.test(v));
        // Without `~`, the same constructs match as a case-sensitive JavaScript RegExp.
        const exact = new RegExp(`^(?:${toJs(p)})$`);
        const cs = compileJavaRegex(p);
        for (const v of values) expect(cs(v), `${p} on ${v} (case-sensitive)`).toBe(exact.test(v));
      }),
      { numRuns: 400 },
    );
  });
});

describe('Java regex syntax RE2 reads differently', () => {
  const re = (p: string, v: string) => compileJavaRegex(p)(v);
  it('is case-sensitive unless asked', () => {
    expect(re('abc', 'ABC')).toBe(false);
    expect(re('abc', 'abc')).toBe(true);
  });
  it('reads \\uhhhh as the character it names, a metacharacter as a literal', () => {
    expect(re('\\u00e9t\\u00C9', 'étÉ')).toBe(true);
    expect(re('a\\u002Eb', 'a.b')).toBe(true);
    expect(re('a\\u002Eb', 'axb')).toBe(false);
    expect(re('[\\u0061-\\u0063]+', 'abc')).toBe(true);
    expect(re('[\\u0061-\\u0063]+', 'abd')).toBe(false);
    expect(re('x\\Qa.\\u0062', 'xa.\\u0062')).toBe(true);
    expect(re('\\Qa\\E\\u0062', 'ab')).toBe(true);
  });
  it('reads a surrogate pair written as two \\u escapes as one code point, as Java does', () => {
    expect(re('\\uD83D\\uDE00', '\u{1F600}')).toBe(true);
    expect(re('a\\uD83D\\uDE00+', 'a\u{1F600}\u{1F600}')).toBe(true);
    expect(re('[\\uD83D\\uDE00x]', '\u{1F600}')).toBe(true);
    expect(compileJavaRegex('[\\uD83D\\uDE00x]', true)('X')).toBe(true);
    expect(compileJavaRegex('\\uD83D\\uDE00', true)('\u{1F600}')).toBe(true);
  });
  it('rejects a \\u escape without four hex digits, as Java does', () => {
    for (const bad of ['\\u12', '\\u12g4', 'a\\u', '\\uZZZZ']) expect(() => compileJavaRegex(bad), bad).toThrow();
  });
});

describe('Java CASE_INSENSITIVE edge cases', () => {
  const ci = (p: string, v: string) => compileJavaRegex(p, true)(v);

  it('folds the first and last letters of both cases', () => {
    for (const [p, v] of [['a', 'A'], ['z', 'Z'], ['A', 'a'], ['Z', 'z']]) expect(ci(p as string, v as string), `${p} ~ ${v}`).toBe(true);
    expect(ci('@', '`')).toBe(false);
    expect(ci('\\[', '{')).toBe(false);
  });

  it('folds letters inside \\Q..\\E and nothing else there', () => {
    expect(ci('\\Qa^b\\E', 'A^B')).toBe(true);
    expect(ci('\\Qa^b\\E', 'AxB')).toBe(false);
    expect(ci('\\Q[x]\\E', '[X]')).toBe(true);
    expect(ci('\\Q[x]\\E', 'x')).toBe(false);
    expect(ci('\\Qa.\\Eb+', 'A.BB')).toBe(true);
    expect(ci('\\Qa\\E\\Qb\\E', 'AB')).toBe(true);
    // An unclosed \Q quotes to the end of the pattern.
    expect(ci('x\\Qa.b', 'XA.B')).toBe(true);
    expect(ci('x\\Qa.b', 'XAxB')).toBe(false);
  });

  it('keeps \\p and \\P classes, braced or not, and folds what follows them', () => {
    expect(ci('\\pL+', 'ab')).toBe(true);
    expect(ci('\\pLb', 'xB')).toBe(true);
    expect(ci('\\PL', '1')).toBe(true);
    expect(ci('\\PL', 'a')).toBe(false);
    expect(ci('\\P{L}+', '12')).toBe(true);
    expect(ci('\\P{L}', 'a')).toBe(false);
    expect(ci('\\p{Nd}+', '42')).toBe(true);
    expect(ci('\\p{L}b', 'xB')).toBe(true);
    expect(ci('a\\p{L}b', 'AxB')).toBe(true);
    expect(ci('x{1}\\p{L}', 'XA')).toBe(true);
    expect(() => compileJavaRegex('a\\p{L', true)).toThrow();
  });

  it('folds letters in groups but keeps group syntax and inline flags as written', () => {
    expect(ci('ab?c', 'ABC')).toBe(true);
    expect(ci('(ab)c', 'ABC')).toBe(true);
    expect(ci('(?:ab)c', 'ABC')).toBe(true);
    expect(ci('(?:<ab>)', '<AB>')).toBe(true);
    expect(ci('(?<name>ab)c', 'ABC')).toBe(true);
    expect(ci('(?s)a.b', 'A\nB')).toBe(true);
    expect(ci('(?s-m:a.b)', 'A\nB')).toBe(true);
    expect(ci('a.b', 'A\nB')).toBe(false);
  });

  it('adds the other case only to letters and letter ranges of a class', () => {
    expect(ci('[0-9]', '5')).toBe(true);
    for (const v of ['S', 'y', 'P', 'Y', '!']) expect(ci('[0-9]', v), v).toBe(false);
    expect(ci('[a-c]', 'D')).toBe(false);
    expect(ci('[a-c]', 'Z')).toBe(false);
    expect(ci('[a-c]', '-')).toBe(false);
    expect(ci('[a-a]', 'A')).toBe(true);
    expect(ci('[@-A]', 'a')).toBe(true);
    expect(ci('[@-A]', 'b')).toBe(false);
    expect(ci('[ab]', 'B')).toBe(true);
    expect(ci('[ä]', 'Ä')).toBe(false);
    expect(ci('[ß]', 's')).toBe(false);
    expect(ci('[\\d]', '5')).toBe(true);
    expect(ci('[\\d]', 'D')).toBe(false);
    expect(ci('[\\d{a}]', 'A')).toBe(true);
    expect(ci('[\\d{a}]', '}')).toBe(true);
  });

  it('reads ] first in a class, and - last, as literals', () => {
    expect(ci('[]a]+', ']A')).toBe(true);
    expect(ci('[^]a]', 'b')).toBe(true);
    expect(ci('[^]a]', ']')).toBe(false);
    expect(ci('[^]a]', 'A')).toBe(false);
    expect(ci('[a-]', '-')).toBe(true);
    expect(ci('[a-]', 'A')).toBe(true);
    expect(ci('[a-]', 'b')).toBe(false);
  });

  it('keeps a literal - in a class literal when letters gain their other case', () => {
    expect(ci('[a-z0-9_-]+', 'Ab-1')).toBe(true);
    expect(ci('[a-z0-9_-]+', 'a+b')).toBe(false);
    expect(ci('[A-]', 'a')).toBe(true);
    expect(ci('[A-]', '-')).toBe(true);
    expect(ci('[A-]', '_')).toBe(false);
    expect(ci('[x-]', 'X')).toBe(true);
    expect(ci('[-a]', 'A')).toBe(true);
    expect(ci('[-a]', '-')).toBe(true);
    expect(ci('[a-c-e]', '-')).toBe(true);
    expect(ci('[a-c-e]', 'E')).toBe(true);
    expect(ci('[a-c-e]', 'D')).toBe(false);
    expect(ci('[!--a]', ',')).toBe(true);
    expect(ci('[!--a]', 'A')).toBe(true);
  });

  it('rejects an unclosed class', () => {
    expect(() => compileJavaRegex('[ab', true)).toThrow();
    expect(() => compileJavaRegex('x[a-', true)).toThrow();
  });
});

describe('Java class ranges whose bounds are escapes', () => {
  const ci = (p: string, v: string) => compileJavaRegex(p, true)(v);
  const re = (p: string, v: string) => compileJavaRegex(p)(v);

  it('folds the ASCII letters of a range written with \\x, \\x{..}, \\u and octal bounds', () => {
    for (const p of ['[\\x41-\\x5a]', '[A-\\x5a]', '[\\x41-Z]', '[\\u0041-\\u005A]', '[\\0101-\\0132]']) {
      expect(ci(p, 'q'), p).toBe(true);
      expect(ci(p, 'Q'), p).toBe(true);
      expect(ci(p, '['), p).toBe(false);
      expect(ci(p, '@'), p).toBe(false);
      expect(ci(p, '-'), p).toBe(false);
      expect(re(p, 'Q'), p).toBe(true);
      expect(re(p, 'q'), p).toBe(false);
    }
    for (const p of ['[a-\\x{7a}]', '[\\x{61}-z]', '[\\x61-\\x{7A}]']) {
      expect(ci(p, 'Q'), p).toBe(true);
      expect(ci(p, 'q'), p).toBe(true);
      expect(ci(p, '{'), p).toBe(false);
      expect(ci(p, '-'), p).toBe(false);
      expect(re(p, 'q'), p).toBe(true);
      expect(re(p, 'Q'), p).toBe(false);
    }
  });

  it('folds only the letter part of a range that spans non-letters', () => {
    expect(ci('[\\x40-\\x42]', 'b')).toBe(true);
    expect(ci('[\\x40-\\x42]', 'c')).toBe(false);
    expect(ci('[\\x40-\\x42]', '`')).toBe(false);
    expect(ci('[^\\x40-\\x42]', 'a')).toBe(false);
    expect(ci('[^\\x40-\\x42]', 'c')).toBe(true);
  });

  it('reads an escaped -, ] or [ as a range bound', () => {
    // `\-` to `A` is `-` through `A`; `]` to `a` is `]^_` and the backtick then `a`.
    expect(ci('[\\--\\x41]', '.')).toBe(true);
    expect(ci('[\\--\\x41]', 'a')).toBe(true);
    expect(ci('[\\--\\x41]', 'b')).toBe(false);
    expect(ci('[!-\\-]', ',')).toBe(true);
    expect(ci('[!-\\-]', '.')).toBe(false);
    expect(ci('[\\]-a]', '_')).toBe(true);
    expect(ci('[\\]-a]', 'A')).toBe(true);
    expect(ci('[\\]-a]', 'b')).toBe(false);
    expect(ci('[\\]-a]', '[')).toBe(false);
    expect(re('[\\]-a]', 'A')).toBe(false);
    expect(ci('[\\[-b]', '\\')).toBe(true);
    expect(ci('[\\[-b]', 'B')).toBe(true);
    expect(ci('[\\[-b]', 'c')).toBe(false);
  });

  it('keeps an escaped - between two members literal', () => {
    for (const mode of [false, true]) {
      const m = compileJavaRegex('[\\x41\\-Z]', mode);
      expect(m('-')).toBe(true);
      expect(m('Z')).toBe(true);
      expect(m('B')).toBe(false);
    }
  });

  it('does not fold non-ASCII letters of a range (no UNICODE_CASE)', () => {
    expect(ci('[\\x{e0}-\\x{e5}]', '\u00e4')).toBe(true);
    expect(ci('[\\x{e0}-\\x{e5}]', '\u00c4')).toBe(false);
  });

  it('reads Java octal \\0n, \\0nn, \\0mnn (m <= 3), which RE2 counts differently', () => {
    for (const mode of [false, true]) {
      expect(compileJavaRegex('\\0101', mode)('A')).toBe(true);
      expect(compileJavaRegex('\\0101', mode)('\b1')).toBe(false);
      expect(compileJavaRegex('\\0777', mode)('?7')).toBe(true);
      expect(compileJavaRegex('a\\07', mode)('a\u0007')).toBe(true);
      expect(() => compileJavaRegex('\\0', mode)).toThrow('illegal octal escape sequence');
      expect(() => compileJavaRegex('[\\08]', mode)).toThrow('illegal octal escape sequence');
    }
  });

  it('reads \\e and \\cX, which RE2 lacks', () => {
    expect(re('\\e', '\u001b')).toBe(true);
    expect(re('[\\cA-\\cC]', '\u0002')).toBe(true);
    expect(ci('\\ca', '!')).toBe(true);
  });

  it('rejects a range bound that is not one character, as Java does', () => {
    for (const mode of [false, true]) {
      expect(() => compileJavaRegex('[a-\\d]', mode)).toThrow('illegal character range');
      expect(() => compileJavaRegex('[z-\\x41]', mode)).toThrow();
    }
    // `\d-a` is not a range in either syntax: `-` is a literal there.
    expect(ci('[\\d-a]', '-')).toBe(true);
    expect(ci('[\\d-a]', 'A')).toBe(true);
    expect(ci('[\\d-a]', 'b')).toBe(false);
  });
});

describe('Java class syntax RE2 reads literally', () => {
  const both = [false, true];
  it('rejects a nested class (union), naming it', () => {
    for (const mode of both) {
      for (const p of ['[a[b]c]', '[a-d[m-p]]', '[[:alpha:]]', '[^a[b]]', 'x[a-[b]]']) {
        expect(() => compileJavaRegex(p, mode), p).toThrow(/^unsupported Java regex syntax: nested character class \(union\) at position \d+$/);
      }
    }
  });
  it('rejects an intersection (&&), naming it', () => {
    for (const mode of both) {
      for (const p of ['[a-z&&[^aeiou]]', '[a-z&&def]', '[a&&]']) {
        expect(() => compileJavaRegex(p, mode), p).toThrow(/^unsupported Java regex syntax: character class intersection \(&&\) at position \d+$/);
      }
    }
  });
  it('rejects \\Q..\\E inside a class rather than misread it', () => {
    for (const mode of both) expect(() => compileJavaRegex('[\\Q[\\E]', mode)).toThrow('unsupported Java regex syntax: \\Q..\\E inside a character class');
  });
  it('still reads a single &, an escaped [ and a quoted [ or && as literals', () => {
    for (const mode of both) {
      expect(compileJavaRegex('[a&b]', mode)('&')).toBe(true);
      expect(compileJavaRegex('[a&b]', mode)('c')).toBe(false);
      expect(compileJavaRegex('[\\[a]+', mode)('[a[')).toBe(true);
      expect(compileJavaRegex('[\\[a]', mode)(']')).toBe(false);
      expect(compileJavaRegex('\\Q[a&&b]\\E', mode)('[a&&b]')).toBe(true);
      expect(compileJavaRegex('a&&b', mode)('a&&b')).toBe(true);
    }
  });
  it('rejects a backreference that RE2 would read as an octal escape', () => {
    for (const mode of both) expect(() => compileJavaRegex('(a)\\12', mode)).toThrow('unsupported Java regex syntax: backreference \\1 at position 3');
    // Java rejects `\1`..`\9` inside a class; RE2 would read `[\12]` as octal.
    for (const mode of both) expect(() => compileJavaRegex('[\\12]', mode)).toThrow('illegal escape sequence in a character class');
  });
});

describe('Java whitespace classes \\v \\V \\h \\H (RE2 reads \\v as VT only, and has no \\h)', () => {
  const m = (pattern: string, value: string, ci = false) => compileJavaRegex(pattern, ci)(value);
  it('\\v is vertical whitespace, \\V anything else, in both modes', () => {
    for (const ci of [false, true]) {
      for (const c of ['\n', '\u000b', '\f', '\r', '\u0085', '\u2028', '\u2029']) expect(m('a\\vb', `a${c}b`, ci), JSON.stringify(c)).toBe(true);
      for (const c of [' ', '\t', 'x', '\u00a0']) {
        expect(m('a\\vb', `a${c}b`, ci), JSON.stringify(c)).toBe(false);
        expect(m('a\\Vb', `a${c}b`, ci), JSON.stringify(c)).toBe(true);
      }
      expect(m('a\\Vb', 'a\nb', ci)).toBe(false);
    }
  });
  it('\\h is horizontal whitespace, \\H anything else', () => {
    for (const c of [' ', '\t', '\u00a0', '\u1680', '\u180e', '\u2000', '\u2005', '\u200a', '\u202f', '\u205f', '\u3000']) {
      expect(m('a\\hb', `a${c}b`), JSON.stringify(c)).toBe(true);
      expect(m('a\\Hb', `a${c}b`), JSON.stringify(c)).toBe(false);
    }
    for (const c of ['\n', 'x', '\u200b']) {
      expect(m('a\\hb', `a${c}b`), JSON.stringify(c)).toBe(false);
      expect(m('a\\Hb', `a${c}b`), JSON.stringify(c)).toBe(true);
    }
  });
  it('inside a class \\v and \\h add their members; \\V and \\H there are rejected; \\v as a range bound is VT', () => {
    expect(m('[x\\v]+', 'x\u2028\n')).toBe(true);
    expect(m('[x\\h]+', 'x\u3000 ')).toBe(true);
    expect(m('[x\\h]+', 'x\n')).toBe(false);
    expect(() => m('[\\V]', 'x')).toThrow('unsupported Java regex syntax: \\V inside a character class at position 1');
    expect(() => m('[a\\H]', 'x')).toThrow('unsupported Java regex syntax: \\H inside a character class at position 2');
    expect(m('[\\x01-\\v]', '\u0005')).toBe(true);
    expect(m('[\\x01-\\v]', '\n')).toBe(true);
    expect(m('[\\x01-\\v]', '\f')).toBe(false);
  });
});
