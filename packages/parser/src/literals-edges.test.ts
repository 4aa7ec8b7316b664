import { describe, expect, it } from 'vitest';
import { decodeEscapes, integerValue, type LiteralProblem } from './literals.js';

function decode(body: string, start = 10): { value: string; problems: LiteralProblem[] } {
  const problems: LiteralProblem[] = [];
  return { value: decodeEscapes(body, start, problems), problems };
}

// Edge cases the mutation run showed untested: escape boundaries, values kept verbatim, ranges.
describe('string escapes at their edges', () => {
  it('returns a body without backslashes as is', () => {
    expect(decode('plain text')).toEqual({ value: 'plain text', problems: [] });
  });

  it('keeps a trailing lone backslash and what follows it', () => {
    expect(decode('ab\\')).toEqual({ value: 'ab\\', problems: [] });
  });

  it('keeps an invalid escape verbatim, reports it at its offset with the hint, and goes on', () => {
    const { value, problems } = decode('a\\qb\\n');
    expect(value).toBe('a\\qb\n');
    expect(problems).toEqual([
      {
        code: 'EQL1003',
        message: 'invalid escape sequence [\\q]',
        range: [11, 13],
        hint: 'valid escapes are \\n \\r \\t \\b \\f \\\\ \\" \\\' and \\u{XX}; for regular expressions and Windows paths use a raw string """..."""',
      },
    ]);
  });

  it('decodes \\u{XX} with 2 to 8 digits and continues after it', () => {
    expect(decode('x\\u{41}y')).toEqual({ value: 'xAy', problems: [] });
    expect(decode('\\u{0001F600}!')).toEqual({ value: '\u{1F600}!', problems: [] });
    expect(decode('\\u{10FFFF}')).toEqual({ value: '\u{10FFFF}', problems: [] });
    expect(decode('\\u{D7FF}')).toEqual({ value: '\ud7ff', problems: [] });
    expect(decode('\\u{E000}')).toEqual({ value: '\ue000', problems: [] });
  });

  it('reports \\u without braces at the two characters, keeping them', () => {
    expect(decode('a\\u0041')).toEqual({
      value: 'a\\u0041',
      problems: [{ code: 'EQL1004', message: 'Unicode escape must be written \\u{XX} with 2-8 hex digits', range: [11, 13] }],
    });
  });

  it('reports 1 or 9 digits over the whole escape, keeping it verbatim', () => {
    expect(decode('a\\u{1}b')).toEqual({
      value: 'a\\u{1}b',
      problems: [{ code: 'EQL1004', message: 'Unicode sequence should use [2-8] hex digits, [\\u{1}] has 1', range: [11, 16] }],
    });
    expect(decode('\\u{000000041}').problems.map((p) => p.message)).toEqual(['Unicode sequence should use [2-8] hex digits, [\\u{000000041}] has 9']);
    expect(decode('\\u{00000041}').value).toBe('A');
  });

  it('reports code points above 10FFFF and surrogates, at their boundaries', () => {
    expect(decode('\\u{110000}z')).toEqual({
      value: '\\u{110000}z',
      problems: [{ code: 'EQL1004', message: 'Invalid unicode character code [110000]', range: [10, 20] }],
    });
    for (const digits of ['D800', 'DFFF']) {
      expect(decode(`\\u{${digits}}`)).toEqual({
        value: `\\u{${digits}}`,
        problems: [{ code: 'EQL1004', message: `Invalid unicode character code, [${digits}] is a surrogate code`, range: [10, 18] }],
      });
    }
  });

  it('integer literals stay integral below 2^63 only', () => {
    expect(integerValue('9223372036854774784')).toEqual({ value: 9223372036854774784, integer: true });
    expect(integerValue('9223372036854775808')).toEqual({ value: 2 ** 63, integer: false });
  });
});
