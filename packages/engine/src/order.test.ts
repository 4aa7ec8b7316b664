import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareOrdinals, ordinalReader } from './order.js';
import { parseTimestamp } from './time.js';

const read = ordinalReader((e) => e.t, (e) => e.tb);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('event order', () => {
  it('reads ISO timestamps exactly as parseTimestamp does', () => {
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 2400 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.integer({ min: 0, max: 999 })),
      )
      .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}Z`);
    fc.assert(
      fc.property(fc.oneof(iso, fc.string({ maxLength: 24 })), (t) => {
        expect(read({ t }, 0).ts).toEqual(parseTimestamp(t) ?? Number.NaN);
      }),
      { numRuns: 2000 },
    );
  });
  it('reads years before 100 as themselves (found by the property above: Date.UTC maps 0-99 to 1900-1999)', () => {
    expect(read({ t: '0000-02-29T00:00:00Z' }, 0).ts).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(read({ t: '0050-06-01T12:00:00.000Z' }, 0).ts).toBe(Date.parse('0050-06-01T12:00:00.000Z'));
  });
  it('orders by timestamp, then events with a tiebreaker first, then input position', () => {
    const o = (t: number, tb: number | undefined, seq: number) => read(tb === undefined ? { t } : { t, tb }, seq);
    expect(compareOrdinals(o(1, undefined, 0), o(2, 1, 1))).toBeLessThan(0);
    expect(compareOrdinals(o(1, undefined, 0), o(1, 5, 1))).toBeGreaterThan(0);
    expect(compareOrdinals(o(1, 2, 0), o(1, 1, 1))).toBeGreaterThan(0);
    expect(compareOrdinals(o(1, undefined, 0), o(1, undefined, 1))).toBeLessThan(0);
  });
  it('puts events without a timestamp first', () => {
    expect(compareOrdinals(read({}, 5), read({ t: 0 }, 0))).toBeLessThan(0);
  });
});
