import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTiebreakers, ReorderWindow } from './reorder-window.js';

function runWindow(timestamps: readonly number[], windowMs: number, maxHeld = Infinity) {
  const w = new ReorderWindow<number>({ windowMs, maxHeld });
  const out: number[] = [];
  timestamps.forEach((ts) => out.push(...w.push(ts, ts)));
  out.push(...w.flush());
  return { out, late: w.late };
}

describe('ReorderWindow', () => {
  it('puts events shuffled within the window back in order and counts none late', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 50 }), (jitters) => {
        // Each event is at most 1000 ms away from its place in a 100 ms-step sequence.
        const ts = jitters.map((j, i) => i * 100 + j);
        const { out, late } = runWindow(ts, 1000);
        expect(late).toBe(0);
        expect(out).toEqual([...ts].sort((a, b) => a - b));
      }),
    );
  });

  it('add appends to the given array what push would return, step by step (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }), { maxLength: 60 }), fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 1, max: 20 }), (ts, windowMs, maxHeld) => {
        const a = new ReorderWindow<number>({ windowMs, maxHeld });
        const b = new ReorderWindow<number>({ windowMs, maxHeld });
        const out: number[] = [-1];
        ts.forEach((t, i) => {
          out.length = 1;
          b.add(i, t, undefined, out);
          expect(out.slice(1)).toEqual([...a.push(i, t)]);
        });
        expect(b.flush()).toEqual(a.flush());
        expect(b.late).toBe(a.late);
      }),
    );
  });

  it('with an infinite window sorts everything (--sort), ties kept in arrival order', () => {
    const w = new ReorderWindow<string>({ windowMs: Infinity, maxHeld: Infinity });
    const pushed = [w.push('c', 3), w.push('a1', 1), w.push('b', 2), w.push('a2', 1)];
    expect(pushed.flat()).toEqual([]);
    expect(w.flush()).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('releases an event older than one already released at once and counts it late', () => {
    const { out, late } = runWindow([0, 5000, 10000, 1000], 1000);
    expect(late).toBe(1);
    expect(out).toEqual([0, 5000, 1000, 10000]);
  });

  it('never holds more than maxHeld events', () => {
    const w = new ReorderWindow<number>({ windowMs: Infinity, maxHeld: 2 });
    expect(w.push(3, 3)).toEqual([]);
    expect(w.push(1, 1)).toEqual([]);
    expect(w.push(2, 2)).toEqual([1]);
    expect(w.flush()).toEqual([2, 3]);
  });

  it('orders equal timestamps by tiebreaker, missing tiebreakers last', () => {
    const w = new ReorderWindow<string>({ windowMs: Infinity, maxHeld: Infinity });
    w.push('none', 1, undefined);
    w.push('ten', 1, 10);
    w.push('two', 1, 2);
    expect(w.flush()).toEqual(['two', 'ten', 'none']);
  });

  it('passes events without a timestamp straight through', () => {
    const w = new ReorderWindow<string>({ windowMs: 1000, maxHeld: 10 });
    expect(w.push('no-ts', undefined)).toEqual(['no-ts']);
  });

  it('releases what a window over one sorted list would, in order, in and out of order alike (fast-check)', () => {
    // The model: every held event in one list, sorted before each release.
    type Held = { ts: number; tb: number | undefined; seq: number };
    const before = (a: Held, b: Held) => (a.ts !== b.ts ? a.ts < b.ts : compareTiebreakers(a.tb, b.tb) !== 0 ? compareTiebreakers(a.tb, b.tb) < 0 : a.seq < b.seq);
    const model = (events: readonly [number, number | undefined][], windowMs: number, maxHeld: number) => {
      const held: Held[] = [];
      const out: number[] = [];
      let newest = -Infinity;
      let last: Held | undefined;
      let late = 0;
      const release = () => {
        held.sort((a, b) => (before(a, b) ? -1 : 1));
        last = held.shift() as Held;
        out.push(last.seq);
      };
      events.forEach(([ts, tb], seq) => {
        const e = { ts, tb, seq };
        if (last && before(e, last)) {
          late++;
          out.push(seq);
          return;
        }
        held.push(e);
        newest = Math.max(newest, ts);
        for (;;) {
          held.sort((a, b) => (before(a, b) ? -1 : 1));
          const first = held[0];
          if (!first || !(first.ts <= newest - windowMs || held.length > maxHeld)) break;
          release();
        }
      });
      while (held.length > 0) release();
      return { out, late };
    };
    // Runs in order with jumps back and ties, as logs from several sources interleave.
    const event = fc.tuple(fc.integer({ min: -3, max: 20 }), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }));
    fc.assert(
      fc.property(fc.array(event, { maxLength: 80 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 12 }), (steps, windowMs, maxHeld) => {
        let ts = 0;
        const events = steps.map(([step, tb]) => [(ts += step), tb] as [number, number | undefined]);
        const w = new ReorderWindow<number>({ windowMs, maxHeld });
        const out: number[] = [];
        events.forEach(([t, tb], seq) => out.push(...w.push(seq, t, tb)));
        out.push(...w.flush());
        const expected = model(events, windowMs, maxHeld);
        expect(out).toEqual(expected.out);
        expect(w.late).toBe(expected.late);
        expect(w.size).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('releases a long in-order run as it goes, past the queue\'s compaction', () => {
    const w = new ReorderWindow<number>({ windowMs: 10, maxHeld: Infinity });
    const released: number[] = [];
    for (let i = 0; i < 20_000; i++) released.push(...w.push(i, i));
    expect(released).toEqual(Array.from({ length: 19_990 }, (_, k) => k));
    expect(w.size).toBe(10);
    expect(w.flush()).toEqual(Array.from({ length: 10 }, (_, k) => 19_990 + k));
  });
});
