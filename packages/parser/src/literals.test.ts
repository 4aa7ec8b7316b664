import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscapes, integerValue, type LiteralProblem } from './literals.js';
import { quoteString } from './print.js';

function decode(body: string): { value: string; problems: LiteralProblem[] } {
  const problems: LiteralProblem[] = [];
  return { value: decodeEscapes(body, 10, problems), problems };
}

describe('string escapes', () => {
  it('accepts 2 to 8 hex digits, zero padded, any case', () => {
    expect(decode('\\u{41}\\u{0000041}\\u{1f600}').value).toBe('AA\u{1F600}');
  });

  it('rejects one or nine hex digits, values above 10FFFF and surrogates, with the escape as range', () => {
    expect(decode('\\u{D}').problems.map((p) => p.range)).toEqual([[10, 15]]);
    expect(decode('ab\\u{123456789}').problems.map((p) => p.message)).toEqual([
      'Unicode sequence should use [2-8] hex digits, [\\u{123456789}] has 9',
    ]);
    expect(decode('\\u{110000}').problems[0]?.message).toBe('Invalid unicode character code [110000]');
    expect(decode('\\u{dfff}').problems[0]?.message).toContain('surrogate');
  });

  it('rejects unknown escapes', () => {
    expect(decode('C:\\Windows').problems.map((p) => p.range)).toEqual([[12, 14]]);
  });

  it('decodes what quoteString writes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        const quoted = quoteString(value);
        expect(decode(quoted.slice(1, -1))).toEqual({ value, problems: [] });
      }),
    );
  });
});

describe('integer literals', () => {
  it('stay integral below 2^63 and become doubles above', () => {
    expect(integerValue('9007199254740991')).toEqual({ value: 9007199254740991, integer: true });
    expect(integerValue('18446744073709551615')).toEqual({ value: 18446744073709551615, integer: false });
  });
});
