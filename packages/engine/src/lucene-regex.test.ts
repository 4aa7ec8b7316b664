import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileLuceneRegex, LuceneRegexError, luceneToRe2 } from './lucene-regex.js';

const m = (pattern: string, value: string, ci = false) => compileLuceneRegex(pattern, ci)(value);

describe('Lucene RegExp via RE2', () => {
  it('anchors to the whole value; ^ and $ are ordinary characters', () => {
    expect(m('abc', 'abc')).toBe(true);
    expect(m('abc', 'xabc')).toBe(false);
    expect(m('^a$', '^a$')).toBe(true);
    expect(m('^a$', 'a')).toBe(false);
  });
  it('supports . * + ? {n,m} | ( ) and classes', () => {
    expect(m('a.c', 'a\nc')).toBe(true);
    expect(m('ab*c+d?', 'accc')).toBe(true);
    expect(m('a{2,3}', 'aaa')).toBe(true);
    expect(m('a{2,3}', 'aaaa')).toBe(false);
    expect(m('a{2}', 'aa')).toBe(true);
    expect(m('a{2,}', 'aaaaa')).toBe(true);
    expect(m('(ab|cd)+', 'abcdab')).toBe(true);
    expect(m('[a-c]+[^0-9]', 'abcx')).toBe(true);
    expect(m('[a-c]+[^0-9]', 'abc1')).toBe(false);
    expect(m('[]a]+', ']a]')).toBe(true);
  });
  it('supports \\d \\s \\w and their negations, in and out of classes', () => {
    expect(m('\\d+\\s\\w+', '42 ab_1')).toBe(true);
    expect(m('\\D', '1')).toBe(false);
    expect(m('[\\d.]+', '1.2.3')).toBe(true);
  });
  it('reads \\x as the literal x and quotes metacharacters', () => {
    expect(m('net\\.exe', 'net.exe')).toBe(true);
    expect(m('net\\.exe', 'netxexe')).toBe(false);
    expect(m('C:\\\\Windows', 'C:\\Windows')).toBe(true);
    expect(m('a\\-b', 'a-b')).toBe(true);
  });
  it('supports "quoted" strings, @ (any string), # (nothing) and () (empty)', () => {
    expect(m('"a.b"c', 'a.bc')).toBe(true);
    expect(m('"a.b"c', 'axbc')).toBe(false);
    expect(m('a@', 'anything at all')).toBe(true);
    expect(m('a#', 'a')).toBe(false);
    expect(m('a()b', 'ab')).toBe(true);
  });
  it('matches code points, not UTF-16 units', () => {
    expect(m('a.b', 'a\u{1F600}b')).toBe(true);
  });
  it('folds ASCII letters only when case-insensitive, single class letters too but not ranges (as Lucene)', () => {
    expect(m('CMD\\.EXE', 'cmd.exe', true)).toBe(true);
    expect(m('[abc]x', 'BX', true)).toBe(true);
    expect(m('[a-c]x', 'bX', true)).toBe(true);
    expect(m('[a-c]x', 'BX', true)).toBe(false);
    expect(m('[^a]', 'A', true)).toBe(false);
    expect(m('Ä', 'ä', true)).toBe(false);
  });
  it('reads Java lookaround and backreference syntax as Lucene does: literal characters', () => {
    // Lucene's parseSimpleExp takes a `?` or `=` that follows `(` as a plain character, so on a
    // field `a(?=b)` is the text "a?=b" (no lookahead: nothing to reject, unlike a script regex).
    expect(m('a(?=b)', 'a?=b')).toBe(true);
    expect(m('a(?=b)', 'ab')).toBe(false);
    expect(m('(a)\\1', 'a1')).toBe(true);
  });
  it('rejects invalid syntax', () => {
    for (const bad of ['a(b', 'a[b', 'a{2', 'a{3,2}', '"abc', 'a|', '']) {
      expect(() => luceneToRe2(bad), bad).toThrow(LuceneRegexError);
    }
  });
  it('reports intersection, complement and intervals as unsupported', () => {
    for (const p of ['a&b', '~a', '<1-5>']) {
      try {
        luceneToRe2(p);
        expect.unreachable();
      } catch (e) {
        expect((e as LuceneRegexError).unsupported).toBe(true);
      }
    }
  });
  it('runs catastrophic patterns in linear time over 50k characters', () => {
    const long = 'a'.repeat(50_000);
    const start = performance.now();
    expect(m('(a+)+$', long)).toBe(false);
    expect(m('(a|aa)*b', long)).toBe(false);
    expect(m('(a*)*b', long)).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('Lucene translation against a reference on the common syntax', () => {
  // Patterns built from the syntax Lucene and JS regexes read alike (literals, `.`, classes,
  // groups, `|`, `* + ?`, `{n,m}`), matched whole against short inputs by both engines.
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '(a|b)', '(ab)', '\\.', '[a-b]');
  const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{1,2}')).map(([a, q]) => a + q);
  const pattern = fc.array(piece, { minLength: 1, maxLength: 4 }).chain((pieces) =>
    fc.boolean().map((alt) => (alt && pieces.length > 1 ? `${pieces[0]}|${pieces.slice(1).join('')}` : pieces.join(''))),
  );
  it('matches exactly when an anchored JS regex does', () => {
    fc.assert(
      fc.property(pattern, fc.string({ unit: fc.constantFrom('a', 'b', '.', '\n'), maxLength: 6 }), fc.boolean(), (p, value, ci) => {
        const reference = new RegExp(`^(?:${p})$`, ci ? 'si' : 's');
        expect(m(p, value, ci)).toBe(reference.test(value));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('Lucene RegExp errors', () => {
  const error = (pattern: string): LuceneRegexError => {
    try {
      luceneToRe2(pattern);
    } catch (e) {
      return e as LuceneRegexError;
    }
    throw new Error(`no error for ${pattern}`);
  };

  it('reports syntax errors with Lucene\'s messages and positions', () => {
    const cases: Array<[string, string]> = [
      ['a)', 'end-of-string expected at position 1'],
      ['ab)c', 'end-of-string expected at position 2'],
      ['a\\', 'unexpected end-of-string'],
      ['[a-', 'unexpected end-of-string'],
      ['a{2', "expected '}' at position 3"],
      ['a{2,3x', "expected '}' at position 5"],
      ['a{,2}', 'integer expected at position 2'],
      ['a{}', 'integer expected at position 2'],
      ['a[bc', "expected ']' at position 4"],
      ['"abc', `expected '"' at position 4`],
      ['(ab', "expected ')' at position 3"],
    ];
    for (const [pattern, message] of cases) {
      const e = error(pattern);
      expect(e, pattern).toBeInstanceOf(LuceneRegexError);
      expect(e.name).toBe('LuceneRegexError');
      expect(e.message, pattern).toBe(message);
      expect(e.unsupported, pattern).toBe(false);
    }
  });

  it('rejects reversed repetitions and ranges but takes equal bounds', () => {
    expect(error('a{3,2}').message).toMatch(/invalid repetition \{3,2\}/);
    expect(error('[b-a]')).toBeInstanceOf(LuceneRegexError);
    expect(error('[b-a]').message).toMatch(/invalid range/);
    expect(error('[b-a]').unsupported).toBe(false);
    expect(m('[a-a]', 'a')).toBe(true);
    expect(m('[a-a]', 'b')).toBe(false);
    expect(m('a{2,2}', 'aa')).toBe(true);
    expect(m('a{2,2}', 'aaa')).toBe(false);
  });

  it('names what is unsupported', () => {
    expect(error('~a').message).toBe('complement (~) is not supported');
    expect(error('a&b').message).toBe('intersection (&) is not supported');
    expect(error('<1-5>').message).toBe('intervals and named automata (<...>) are not supported');
  });

  it('runs repetitions up to 1000 (RE2\'s limit) and reports larger ones as unsupported', () => {
    expect(m('a{1000}', 'a'.repeat(1000))).toBe(true);
    expect(m('a{1000}', 'a'.repeat(999))).toBe(false);
    expect(m('a{2,1000}', 'a'.repeat(1000))).toBe(true);
    expect(m('a{1000,}', 'a'.repeat(1200))).toBe(true);
    for (const p of ['a{1001}', 'a{1,1001}', 'a{1001,}', 'a{1001,2000}']) {
      const e = error(p);
      expect(e.unsupported, p).toBe(true);
      expect(e.message, p).toBe('repetition count above 1000');
    }
  });
});

describe('Lucene RegExp syntax details', () => {
  it('reads # alone as the empty language, and \\# @ ~ as literals when escaped', () => {
    expect(m('#', '#')).toBe(false);
    expect(m('#', '')).toBe(false);
    expect(m('#|a', 'a')).toBe(true);
    expect(m('\\#', '#')).toBe(true);
    expect(m('\\@', '@')).toBe(true);
    expect(m('\\@', 'x')).toBe(false);
    expect(m('\\~a', '~a')).toBe(true);
    expect(m('()', '')).toBe(true);
    expect(m('()', 'a')).toBe(false);
  });

  it('keeps escaped RE2 metacharacters literal', () => {
    expect(m('a\\|b', 'a|b')).toBe(true);
    expect(m('a\\|b', 'a')).toBe(false);
    expect(m('a\\{2\\}', 'a{2}')).toBe(true);
    expect(m('a\\{2\\}', 'aa')).toBe(false);
    expect(m('x\\}', 'x}')).toBe(true);
    expect(m('"a|b{2}"', 'a|b{2}')).toBe(true);
    expect(m('"a|b{2}"', 'a')).toBe(false);
  });

  it('supports \\S and \\W and every negated shorthand inside a class', () => {
    expect(m('\\S', ' ')).toBe(false);
    expect(m('\\S', 'x')).toBe(true);
    expect(m('\\W', '_')).toBe(false);
    expect(m('\\W', '-')).toBe(true);
    for (const [pattern, yes, no] of [
      ['[\\D]', ['a', '/', ':', '\u{1F600}', '\u{10FFFF}'], ['0', '1', '5', '9']],
      ['[\\S]', ['a', '\u0008', '\u000e', '!', '\u{10FFFF}'], [' ', '\t', '\n', '\r', '\u000b', '\u000c']],
      ['[\\W]', ['-', ' ', '/', ':', '@', '[', '^', '`', '{', '\u00e9', '\u{10FFFF}'], ['a', 'z', 'A', 'Z', '0', '9', '_']],
      ['[\\Wa]', ['-', 'a'], ['b', '_']],
    ] as Array<[string, string[], string[]]>) {
      for (const v of yes) expect(m(pattern, v), `${pattern} on ${JSON.stringify(v)}`).toBe(true);
      for (const v of no) expect(m(pattern, v), `${pattern} on ${JSON.stringify(v)}`).toBe(false);
    }
  });

  it('matches a class only on its own members', () => {
    expect(m('[ab]', 'y')).toBe(false);
    expect(m('[ab]', 'S')).toBe(false);
    expect(m('[a]', 'S')).toBe(false);
    expect(m('[a-c]', 'y')).toBe(false);
    expect(m('[a-c]', 'b')).toBe(true);
    expect(m('[0-9x]', 'x')).toBe(true);
    expect(m('[0-9x]', '-')).toBe(false);
  });

  it('is case-sensitive unless asked', () => {
    expect(compileLuceneRegex('abc')('ABC')).toBe(false);
    expect(RE2JS.compile(luceneToRe2('abc')).testExact('ABC')).toBe(false);
    expect(RE2JS.compile(luceneToRe2('abc')).testExact('abc')).toBe(true);
    expect(RE2JS.compile(luceneToRe2('abc', true)).testExact('ABC')).toBe(true);
  });

  it('folds exactly the 52 ASCII letters when case-insensitive, in literals and single class letters', () => {
    for (const [a, b] of [['a', 'A'], ['z', 'Z'], ['A', 'a'], ['Z', 'z'], ['m', 'M']]) {
      expect(m(a as string, b as string, true), `${a} ~ ${b}`).toBe(true);
      expect(m(`[${a}]`, b as string, true), `[${a}] ~ ${b}`).toBe(true);
    }
    // Code points that differ from a letter or another character only in bit 0x20.
    for (const [p, v] of [['\\[', '{'], ['\\{', '['], ['\\@', '`'], ['`', '@'], ['\\^', '~'], ['_', '\u007f'], ['1', '\u0011'], ['\\.', '\u000e'], ['\u00e9', '\u00c9'], ['\u00c4', '\u00e4']]) {
      expect(m(p as string, v as string, true), `${p} ~ ${JSON.stringify(v)}`).toBe(false);
      expect(m(`[${p}]`, v as string, true), `[${p}] ~ ${JSON.stringify(v)}`).toBe(false);
    }
    // A single class letter gains only its own other case.
    expect(m('[b]', 'c', true)).toBe(false);
    expect(m('[b]', 'B', true)).toBe(true);
    expect(m('[B]', 'Z', true)).toBe(false);
    expect(m('[B]', 'b', true)).toBe(true);
    expect(m('[B]', '\u0082', true)).toBe(false);
  });
});

describe('Lucene shorthands and escapes against a reference', () => {
  // On ASCII values Lucene's \d \s \w (and negations) and escaped punctuation mean what they mean
  // in a JS RegExp; ranges of letters are left out (Lucene does not fold them under ~).
  const atom = fc.constantFrom('a', 'B', '1', '\\d', '\\D', '\\s', '\\S', '\\w', '\\W', '[\\D]', '[\\S]', '[\\W]', '[\\Wa]', '[\\s1]', '[0-1]', '\\|', '\\{', '\\}', '\\[', '\\^', '\\.', '-', '_');
  const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{2}', '{1,2}', '{0,}')).map(([a, q]) => a + q);
  const pattern = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const value = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', '0', '1', '9', ' ', '\t', '\u000b', '_', '-', '|', '{', '}', '[', '^', '.', '~', '`', '@', '\u00e9'), maxLength: 5 });
  it('matches exactly when an anchored JS regex does (property)', () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 6 }), fc.boolean(), (p, values, ci) => {
        const reference = new RegExp(`^(?:${p})$`, ci ? 'si' : 's');
        const re = compileLuceneRegex(p, ci);
        for (const v of values) expect(re(v), `${p} on ${JSON.stringify(v)}`).toBe(reference.test(v));
      }),
      { numRuns: 800 },
    );
  });
});
