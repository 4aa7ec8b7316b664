import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './time.js';

describe('parseTimestamp', () => {
  it('reads epoch millis as numbers and all-digit strings', () => {
    expect(parseTimestamp(1516116808349)).toBe(1516116808349);
    expect(parseTimestamp('1')).toBe(1);
  });
  it('reads ISO-8601 with Z, offsets and fractions', () => {
    expect(parseTimestamp('2022-01-27T10:00:00Z')).toBe(Date.UTC(2022, 0, 27, 10));
    expect(parseTimestamp('2022-01-27T10:00:00.123456Z')).toBe(Date.UTC(2022, 0, 27, 10, 0, 0, 123));
    expect(parseTimestamp('2022-01-27T12:00:00+02:00')).toBe(Date.UTC(2022, 0, 27, 10));
    expect(parseTimestamp('2022-01-27')).toBe(Date.UTC(2022, 0, 27));
  });
  it('reads years 0-99 as themselves, not as 1900-1999', () => {
    expect(parseTimestamp('0000-02-29T00:00:00Z')).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(parseTimestamp('0099-12-31T23:59:59Z')).toBe(Date.parse('0099-12-31T23:59:59Z'));
    expect(parseTimestamp('1900-02-29T00:00:00Z')).toBeUndefined();
  });
  it('rejects what is not a date', () => {
    expect(parseTimestamp('2020-02-41')).toBeUndefined();
    expect(parseTimestamp('2021-02-30T00:00:00Z')).toBeUndefined();
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp(null)).toBeUndefined();
    expect(parseTimestamp(Number.NaN)).toBeUndefined();
  });
});

describe('parseTimestamp fast path (YYYY-MM-DDTHH:MM:SS[.sss]Z)', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const layout = fc
    .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
    .map(([y, mo, d, h, mi, s, ms]) => ({ y, mo, d, h, mi, s, ms }));

  it('reads what the general path reads for the same text with +00:00 (property)', () => {
    fc.assert(
      fc.property(layout, ({ y, mo, d, h, mi, s, ms }) => {
        for (const head of [`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}`, `${y}-${mo}-${d}T${h}:${mi}:${s}`]) {
          expect(parseTimestamp(`${head}Z`)).toBe(parseTimestamp(`${head}+00:00`));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the general path on real days, leap days, leap seconds and two-digit years', () => {
    for (const head of ['2024-02-29T23:59:59.999', '2023-02-29T00:00:00.000', '2023-12-31T23:59:60.000', '0099-06-15T12:00:00.001', '1970-01-01T00:00:00.000', '2024-13-01T00:00:00.000']) {
      expect(parseTimestamp(`${head}Z`)).toBe(parseTimestamp(`${head}+00:00`));
    }
    expect(parseTimestamp('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseTimestamp('2023-02-29T00:00:00.000Z')).toBeUndefined();
    expect(parseTimestamp('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    // Not the fast layouts: left to the general path, which reads or rejects them.
    expect(parseTimestamp('2024-02-29T23:59:59.5Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 500));
    expect(parseTimestamp('2024-02-29T23:59:59.99xZ')).toBeUndefined();
  });

  it('gives the same answer whatever day it read before', () => {
    const a = '2024-03-01T10:00:00.000Z';
    const b = '2023-02-29T10:00:00.000Z';
    expect(parseTimestamp(b)).toBeUndefined();
    expect(parseTimestamp(a)).toBe(Date.UTC(2024, 2, 1, 10));
    expect(parseTimestamp(b)).toBeUndefined();
    expect(parseTimestamp(a)).toBe(Date.UTC(2024, 2, 1, 10));
  });
});
