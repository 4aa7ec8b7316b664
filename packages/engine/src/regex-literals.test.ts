import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { compileRawPrefilter, compileRawRouter } from './raw-line-filter.js';
import { deriveRawPrefilter } from './raw-prefilter.js';
import { regexLiterals } from './regex-literals.js';

describe('regexLiterals', () => {
  it('gives the whole language of a pattern that has few strings', () => {
    expect(regexLiterals('abc|de')).toEqual({ strings: ['abc', 'de'], exact: true });
    expect(regexLiterals('ab?c')).toEqual({ strings: ['ac', 'abc'], exact: true });
    expect(regexLiterals('[a-c]x')).toEqual({ strings: ['ax', 'bx', 'cx'], exact: true });
    expect(regexLiterals('"a.b"\\.c')).toEqual({ strings: ['a.b.c'], exact: true });
  });

  it('gives the strings every match contains: a part, or the product of a run of parts', () => {
    expect(regexLiterals('.*\\.(top|xyz)')).toEqual({ strings: ['.top', '.xyz'], exact: false });
    expect(regexLiterals('[A-C]:\\\\:.+')).toEqual({ strings: ['A:\\:', 'B:\\:', 'C:\\:'], exact: false });
    expect(regexLiterals('(foo)+bar*')).toEqual({ strings: ['foo'], exact: false });
    expect(regexLiterals('x{2,}abcd.*')).toEqual({ strings: ['abcd'], exact: false });
    expect(regexLiterals('.*(a.*bcd|efg)')).toEqual({ strings: ['bcd', 'efg'], exact: false });
  });

  it('requires nothing where a match may avoid every literal, or where the syntax is not read', () => {
    for (const p of ['.*', '@', 'a*', '(ab)?', 'x{0,3}', '[^a]bc|.', 'a&b', '~a', '<1-5>', '#', '(ab', 'a{2', '', '(x|())']) {
      expect(regexLiterals(p), p).toBeUndefined();
    }
    // Malformed (the engine refuses them too) or not read: nothing.
    for (const p of ['abc{3,2}', 'abc{2', 'abc{,2}', 'abc{x}', '[b-a]bcd', 'abcd&b|c', 'abc|bcd&c', '"abcd', 'abcd)', '[abcd']) {
      expect(regexLiterals(p), p).toBeUndefined();
    }
    // Repetitions: exactly once keeps the language; at least once keeps what each match holds.
    expect(regexLiterals('abc{1}')).toEqual({ strings: ['abc'], exact: true });
    expect(regexLiterals('(abc){1,}x')).toEqual({ strings: ['abc'], exact: false });
    expect(regexLiterals('(abc){2,3}')).toEqual({ strings: ['abc'], exact: false });
    expect(regexLiterals('(abc){0,1}x')).toBeUndefined();
    expect(regexLiterals('()abc')).toEqual({ strings: ['abc'], exact: true });
    expect(regexLiterals('a\\sb')).toEqual({ strings: ['a\tb', 'a\nb', 'a\u000bb', 'a\fb', 'a\rb', 'a b'], exact: true });
    // A negated shorthand or a class wider than 64 characters is no finite language.
    expect(regexLiterals('\\Dabc')).toEqual({ strings: ['abc'], exact: false });
    expect(regexLiterals('[\\x-\\z]q')).toEqual({ strings: ['xq', 'yq', 'zq'], exact: true });
    // Strings searched for must be 3 characters at least (whole values may be shorter).
    expect(regexLiterals('[a-h]{3}')).toBeUndefined();
    expect(regexLiterals('.*\\.[a-z]')).toBeUndefined();
    expect(regexLiterals('.*abc')).toEqual({ strings: ['abc'], exact: false });
    expect(regexLiterals('a|b')).toEqual({ strings: ['a', 'b'], exact: true });
    expect(regexLiterals('[a-h][a-h][a-h]q')?.strings).toHaveLength(64);
  });
});

/** A piece of a pattern and a string it matches (letters possibly in the other case, for `regex~`). */
type Piece = [pattern: string, sample: string];
const char = fc.constantFrom('a', 'B', '1', '-', 'é', '%');
const atom: fc.Arbitrary<Piece> = fc.oneof(
  char.map((c): Piece => [c, c]),
  fc.constantFrom<Piece>(['\\.', '.'], ['\\\\', '\\'], ['\\"', '"'], ['"x.y"', 'x.y'], ['()', '']),
  fc.constantFrom('a', 'b', 'c').map((c): Piece => ['[a-c]', c]),
  fc.constantFrom('x', 'B').map((c): Piece => ['[^a]', c]),
  fc.constantFrom('0', '7').map((c): Piece => ['\\d', c]),
  char.map((c): Piece => ['.', c]),
  fc.string({ maxLength: 3 }).map((s): Piece => ['@', s]),
  fc.constantFrom<Piece>(['(ab|Cd)', 'ab'], ['(ab|Cd)', 'Cd'], ['(x|())', ''], ['(x|())', 'x']),
  fc.constantFrom<Piece>(['\\s', ' '], ['\\w', 'q'], ['[\\d_]', '_'], ['[\\d_]', '5'], ['[^\\d]', 'x'], ['[a-z]', 'm'], ['[ -~]', 'k'], ['[\\D]', 'z']),
);
const repeated: fc.Arbitrary<Piece> = fc.oneof(
  { arbitrary: atom, weight: 4 },
  fc.tuple(atom, fc.integer({ min: 0, max: 2 })).map(([[p, s], k]): Piece => [`(${p})*`, s.repeat(k)]),
  fc.tuple(atom, fc.integer({ min: 1, max: 2 })).map(([[p, s], k]): Piece => [`(${p})+`, s.repeat(k)]),
  fc.tuple(atom, fc.boolean()).map(([[p, s], on]): Piece => [`(${p})?`, on ? s : '']),
  atom.map(([p, s]): Piece => [`(${p}){2}`, s + s]),
  atom.map(([p, s]): Piece => [`(${p}){1}`, s]),
  fc.tuple(atom, fc.integer({ min: 0, max: 2 })).map(([[p, s], k]): Piece => [`(${p}){0,2}`, s.repeat(k)]),
  fc.tuple(atom, fc.integer({ min: 1, max: 2 })).map(([[p, s], k]): Piece => [`(${p}){1,}`, s.repeat(k)]),
  fc.tuple(atom, fc.integer({ min: 2, max: 3 })).map(([[p, s], k]): Piece => [`(${p}){2,3}`, s.repeat(k)]),
);
const alternated: fc.Arbitrary<Piece> = fc
  .tuple(fc.array(repeated, { minLength: 1, maxLength: 4 }), fc.array(repeated, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([left, right, first]): Piece => {
    const join = (ps: Piece[]) => [ps.map((p) => p[0]).join(''), ps.map((p) => p[1]).join('')];
    const [lp, ls] = join(left);
    const [rp, rs] = join(right);
    return [`(${lp}|${rp})`, first ? (ls as string) : (rs as string)];
  });
const pattern: fc.Arbitrary<Piece> = fc
  .array(fc.oneof({ arbitrary: repeated, weight: 3 }, { arbitrary: alternated, weight: 1 }), { minLength: 1, maxLength: 5 })
  .map((ps): Piece => [ps.map((p) => p[0]).join(''), ps.map((p) => p[1]).join('')]);

describe('regex needles', () => {
  it('never rule out an event the query matches, case-sensitive or not (fast-check)', () => {
    let matched = 0;
    fc.assert(
      fc.property(pattern, fc.boolean(), fc.boolean(), ([p, sample], insensitive, flip) => {
        const value = insensitive && flip ? [...sample].map((c) => (/[a-z]/.test(c) ? c.toUpperCase() : c.toLowerCase())).join('') : sample;
        const compiled = compile(`any where a ${insensitive ? 'regex~' : 'regex'} ${JSON.stringify(p)}`);
        const line = JSON.stringify({ a: value, '@timestamp': 1 });
        // The generator makes matching values; the engine is the judge of that.
        if (compiled.search([JSON.parse(line) as Record<string, unknown>]).length === 0) return;
        matched++;
        const spec = deriveRawPrefilter([{ statement: compiled.statement }]);
        if (!spec) return;
        expect(compileRawRouter([spec])(line), `${p} ${line}`).toEqual([0]);
        expect(compileRawRouter([spec], { utf8Bytes: true })(Buffer.from(line).toString('latin1')), `${p} ${line} (bytes)`).toEqual([0]);
        expect(compileRawPrefilter(spec)(line), `${p} ${line}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Most generated values do match (a test that skipped them all would prove nothing).
    expect(matched).toBeGreaterThan(1500);
  });
});

describe('regexLiterals on hostile patterns', () => {
  it('reads a long literal in linear time and a deeply nested one without failing', () => {
    const long = 'a'.repeat(20_000);
    const started = performance.now();
    expect(regexLiterals(`${long}.*`)?.strings[0]).toHaveLength(64);
    expect(regexLiterals(long)).toEqual({ strings: ['a'.repeat(64)], exact: false });
    expect(regexLiterals('b'.repeat(1000))).toEqual({ strings: ['b'.repeat(1000)], exact: true });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(regexLiterals(`${'('.repeat(100_000)}a${')'.repeat(100_000)}`)).toBeUndefined();
  });
});
