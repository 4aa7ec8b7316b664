import fc from 'fast-check';
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
