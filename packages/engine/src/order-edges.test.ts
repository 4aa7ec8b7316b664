import { describe, expect, it } from 'vitest';
import { compareOrdinals, compareTiebreakers, ordinalReader, type Ordinal } from './order.js';

const o = (ts: number, tb: unknown, seq: number): Ordinal => ({ ts, tb, seq });
const sign = (n: number) => Math.sign(n);

// Edge cases the mutation run showed untested: tiebreaker kinds, missing timestamps, arrays.
describe('event order at its edges', () => {
  it('compareTiebreakers: numbers numerically and before strings, strings by code unit', () => {
    expect(sign(compareTiebreakers(2, 10))).toBe(-1);
    expect(sign(compareTiebreakers(10, 2))).toBe(1);
    expect(compareTiebreakers(3, 3)).toBe(0);
    expect(sign(compareTiebreakers(99, 'a'))).toBe(-1);
    expect(sign(compareTiebreakers('a', 99))).toBe(1);
    expect(sign(compareTiebreakers('b', 'a'))).toBe(1);
    expect(sign(compareTiebreakers('a', 'b'))).toBe(-1);
    expect(compareTiebreakers('a', 'a')).toBe(0);
    expect(sign(compareTiebreakers('10', '9'))).toBe(-1);
    expect(sign(compareTiebreakers(true, 'u'))).toBe(-1);
  });

  it('compareOrdinals: missing timestamps first, then time, tiebreaker presence, tiebreaker, position', () => {
    expect(sign(compareOrdinals(o(Number.NaN, undefined, 5), o(1, undefined, 0)))).toBe(-1);
    expect(sign(compareOrdinals(o(1, undefined, 0), o(Number.NaN, undefined, 5)))).toBe(1);
    expect(sign(compareOrdinals(o(Number.NaN, undefined, 1), o(Number.NaN, undefined, 2)))).toBe(-1);
    expect(sign(compareOrdinals(o(Number.NaN, 'b', 1), o(Number.NaN, 'a', 2)))).toBe(1);
    expect(sign(compareOrdinals(o(2, undefined, 0), o(1, undefined, 9)))).toBe(1);
    expect(sign(compareOrdinals(o(1, 'x', 9), o(1, undefined, 0)))).toBe(-1);
    expect(sign(compareOrdinals(o(1, 'b', 0), o(1, 'a', 9)))).toBe(1);
    expect(sign(compareOrdinals(o(1, 'a', 0), o(1, 'a', 9)))).toBe(-1);
    expect(sign(compareOrdinals(o(1, 'a', 9), o(1, 'a', 0)))).toBe(1);
    expect(compareOrdinals(o(1, 'a', 3), o(1, 'a', 3))).toBe(0);
  });

  it('ordinalReader takes the first of an array timestamp and tiebreaker; null and [] are no tiebreaker', () => {
    const read = ordinalReader((e) => e.t, (e) => e.tb);
    expect(read({ t: ['2026-01-01T00:00:00Z', 5], tb: [7, 8] }, 3)).toEqual({ ts: Date.parse('2026-01-01T00:00:00Z'), tb: 7, seq: 3 });
    expect(read({ t: 5, tb: null }, 0).tb).toBeUndefined();
    expect(read({ t: 5, tb: [] }, 0).tb).toBeUndefined();
    expect(read({ t: 5, tb: 0 }, 0).tb).toBe(0);
    expect(read({ t: 'not a time' }, 0).ts).toBeNaN();
    expect(ordinalReader((e) => e.t)({ t: 5, tb: 1 }, 0).tb).toBeUndefined();
  });

  it('reads the two common ISO layouts, rejecting impossible dates to the general parser', () => {
    const read = ordinalReader((e) => e.t);
    expect(read({ t: '2024-02-29T23:59:59Z' }, 0).ts).toBe(Date.parse('2024-02-29T23:59:59Z'));
    expect(read({ t: '2024-02-29T23:59:59.123Z' }, 0).ts).toBe(Date.parse('2024-02-29T23:59:59.123Z'));
    expect(read({ t: '2023-02-29T00:00:00Z' }, 0).ts).toBeNaN();
    expect(read({ t: '2023-13-01T00:00:00Z' }, 0).ts).toBeNaN();
  });
});
