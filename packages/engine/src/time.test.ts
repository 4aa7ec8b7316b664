import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, utcMillis } from './time.js';

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

describe('utcMillis', () => {
  const iso = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => {
    const year = y <= 9999 ? String(y).padStart(4, '0') : `+${String(y).padStart(6, '0')}`;
    const two = (n: number) => String(n).padStart(2, '0');
    return `${year}-${two(mo + 1)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}Z`;
  };

  it('is Date.UTC for every year from 0 to the last a Date can hold, 0-99 included (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 275_759 })),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          expect(utcMillis(y, mo, d, h, mi, s, ms)).toBe(Date.parse(iso(y, mo, d, h, mi, s, ms)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reaches the last and first instants a Date can hold', () => {
    expect(utcMillis(275_760, 8, 13)).toBe(8.64e15);
    expect(utcMillis(275_759, 11, 31, 23, 59, 59, 999)).toBe(Date.parse('+275759-12-31T23:59:59.999Z'));
    expect(utcMillis(50, 0, 1)).toBe(Date.parse('0050-01-01T00:00:00.000Z'));
    expect(utcMillis(100, 0, 1)).toBe(Date.parse('0100-01-01T00:00:00.000Z'));
  });
  it('reads negative years as written (years -400 to -301 are not moved into the 1900s)', () => {
    for (const y of [-1, -301, -350, -400, -401, -271_821]) {
      const text = `-${String(-y).padStart(6, '0')}-04-20T00:00:00.000Z`;
      expect(utcMillis(y, 3, 20), text).toBe(Date.parse(text));
    }
  });
});

describe('parseTimestamp general path (ISO-8601 beyond the fast layouts)', () => {
  it('reads the first and last month and the 31st', () => {
    expect(parseTimestamp('2022-12-25')).toBe(Date.UTC(2022, 11, 25));
    expect(parseTimestamp('2022-01-01')).toBe(Date.UTC(2022, 0, 1));
    expect(parseTimestamp('2022-01-31')).toBe(Date.UTC(2022, 0, 31));
    expect(parseTimestamp('2022-12-31 23:59:59')).toBe(Date.UTC(2022, 11, 31, 23, 59, 59));
  });

  it('rejects out-of-range fields instead of rolling them over', () => {
    expect(parseTimestamp('2022-13-01')).toBeUndefined();
    expect(parseTimestamp('2022-00-10')).toBeUndefined();
    expect(parseTimestamp('2022-01-00')).toBeUndefined();
    expect(parseTimestamp('2022-01-32')).toBeUndefined();
    expect(parseTimestamp('2022-01-27T24:00:00Z')).toBeUndefined();
    expect(parseTimestamp('2022-01-27T10:60:00Z')).toBeUndefined();
    expect(parseTimestamp('2022-01-27T10:00:61Z')).toBeUndefined();
    expect(parseTimestamp('2022-01-27 10:60')).toBeUndefined();
  });

  it('applies negative, positive, half-hour and hour-only offsets', () => {
    expect(parseTimestamp('2022-01-27T12:00:00-05:00')).toBe(Date.UTC(2022, 0, 27, 17));
    expect(parseTimestamp('2022-01-27T12:00:00+05:30')).toBe(Date.UTC(2022, 0, 27, 6, 30));
    expect(parseTimestamp('2022-01-27T12:00:00+0530')).toBe(Date.UTC(2022, 0, 27, 6, 30));
    expect(parseTimestamp('2022-01-27T12:00:00-0930')).toBe(Date.UTC(2022, 0, 27, 21, 30));
    expect(parseTimestamp('2022-01-27T12:00:00+05')).toBe(Date.UTC(2022, 0, 27, 7));
    expect(parseTimestamp('2022-01-27T12:00:00.250-01:15')).toBe(Date.UTC(2022, 0, 27, 13, 15, 0, 250));
    expect(parseTimestamp('2022-01-27T12:00:00z')).toBe(Date.UTC(2022, 0, 27, 12));
  });

  it('reads offsets as Date.parse does (property)', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('+', '-'),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (y, mo, d, h, mi, s, sign, oh, om) => {
          const text = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${sign}${two(oh)}:${two(om)}`;
          expect(parseTimestamp(text), text).toBe(Date.parse(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseTimestamp on near-misses of the fast layouts', () => {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = fc
    .tuple(
      fc.integer({ min: 1000, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 999 }),
      fc.boolean(),
    )
    .map(([y, mo, d, h, mi, s, ms, withMs]) => `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${withMs ? `.${String(ms).padStart(3, '0')}` : ''}Z`);

  it('rejects a layout with any one character replaced by a character no ISO date has there (property)', () => {
    fc.assert(
      fc.property(stamp, fc.nat(), fc.constantFrom('/', '_', '#', 'x', ':', '.', '-', '+'), (text, at, ch) => {
        const i = at % text.length;
        fc.pre(text[i] !== ch);
        expect(parseTimestamp(text)).toBe(Date.parse(text));
        const broken = text.slice(0, i) + ch + text.slice(i + 1);
        expect(parseTimestamp(broken), broken).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects hand-picked near-misses', () => {
    for (const bad of [
      '2022/01/27T10:00:00Z',
      '2022-01/27T10:00:00Z',
      '2022-01-27T10.00:00Z',
      '2022-01-27T10:00.00Z',
      '2022-01-27_10:00:00Z',
      '2022-01-27T10:00:00_123Z',
      '2022-01-27T10:00:00.123+',
      '2022-01-27T10:00:0:Z',
      '2022-0:-01T00:00:00Z',
      '2022-01-27T1x:00:00.000Z',
      '2022-01-27T10:x0:00.000Z',
      '2022-01-27T10:00:x0.000Z',
      '2022-01-27T10:00:00.x00Z',
      '2022-01-27T24:00:00.000Z',
      '2022-01-27T23:60:00.000Z',
      '2022-01-27T23:59:61.000Z',
      '2022-13-01T00:00:00.000Z',
      '2022-00-15T00:00:00.000Z',
    ]) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
  });

  it('reads a stream of timestamps over a few days in any order (property)', () => {
    const day = fc.tuple(fc.constantFrom(1999, 2000, 2001, 2002), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }));
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(day, time, fc.boolean()), { minLength: 2, maxLength: 12 }), (events) => {
        for (const [[y, mo, d], [h, mi, s, ms], withMs] of events) {
          const text = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${withMs ? `.${String(ms).padStart(3, '0')}` : ''}Z`;
          expect(parseTimestamp(text), text).toBe(Date.UTC(y, mo - 1, d, h, mi, s, withMs ? ms : 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart consecutive days, months and years', () => {
    const seq: Array<[string, number]> = [
      ['2024-03-01T10:00:00.000Z', Date.UTC(2024, 2, 1, 10)],
      ['2024-03-02T10:00:00.000Z', Date.UTC(2024, 2, 2, 10)],
      ['2000-01-02T00:00:00Z', Date.UTC(2000, 0, 2)],
      ['2001-01-01T00:00:00Z', Date.UTC(2001, 0, 1)],
      ['2001-02-01T00:00:00Z', Date.UTC(2001, 1, 1)],
      ['2001-01-01T00:00:00Z', Date.UTC(2001, 0, 1)],
    ];
    for (const [text, ms] of seq) expect(parseTimestamp(text), text).toBe(ms);
  });
});
