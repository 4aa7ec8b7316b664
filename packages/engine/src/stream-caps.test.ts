import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import type { EqlEvent } from './event.js';

const ev = (fields: Record<string, unknown>, ts: number): EqlEvent => ({ '@timestamp': ts, ...fields }) as EqlEvent;
const seq = 'sequence by k with maxspan=10m [any where a == 1] [any where a == 2]';

describe('stream caps and their counters', () => {
  it('counts partials outlived by maxspan as expired, not capped', () => {
    const stream = compile(seq).stream();
    for (let i = 1; i <= 10; i++) stream.push(ev({ k: `u${i}`, a: 1 }, i));
    stream.push(ev({ k: 'late', a: 1 }, 10 + 11 * 60_000));
    expect(stream.stats).toMatchObject({ expiredPartials: 10, cappedPartials: 0, droppedPartials: 10 });
  });

  it('counts partials given up to maxPendingTotal as capped, and the total as their sum', () => {
    const stream = compile(seq).stream({ maxPendingTotal: 3 });
    for (let i = 1; i <= 10; i++) stream.push(ev({ k: `u${i}`, a: 1 }, i));
    stream.push(ev({ k: 'late', a: 1 }, 10 + 11 * 60_000));
    expect(stream.stats).toMatchObject({ cappedPartials: 7, expiredPartials: 3, droppedPartials: 10, pending: 1 });
  });

  it('counts partials given up to maxPendingPerKey as capped', () => {
    const stream = compile('sequence by k [any where a == 1] [any where a == 2] [any where a == 3]').stream({ maxPendingPerKey: 1 });
    stream.push(ev({ k: 'u', a: 1 }, 1));
    stream.push(ev({ k: 'u', a: 2 }, 2));
    stream.push(ev({ k: 'u', a: 1 }, 3));
    expect(stream.stats).toMatchObject({ cappedPartials: 1, expiredPartials: 0 });
  });

  it('counts sample events not kept because of a cap as capped', () => {
    const stream = compile('sample by k [any where a == 1] [any where a == 2]').stream({ maxPendingTotal: 2 });
    for (let i = 1; i <= 5; i++) stream.push(ev({ k: `u${i}`, a: 1 }, i));
    expect(stream.stats).toMatchObject({ cappedPartials: 3, expiredPartials: 0, droppedPartials: 3 });
  });

  it('lifts the total cap with Infinity', () => {
    const stream = compile(seq).stream({ maxPendingTotal: Number.POSITIVE_INFINITY });
    for (let i = 1; i <= 100; i++) stream.push(ev({ k: `u${i}`, a: 1 }, i));
    expect(stream.stats).toMatchObject({ pending: 100, cappedPartials: 0 });
  });
});

describe('matches that change nothing', () => {
  it('are counted late, and move time on, as if they had been evaluated (no reorder window)', () => {
    const ids = (hits: readonly { events?: readonly unknown[] }[]) => hits.map((h) => (h.events ?? []).map((e) => (e as { id: number }).id));
    for (const trustOrder of [false, true]) {
      const stream = compile('sequence by k [any where a == 1] [any where a == 2]').stream({ trustOrder });
      expect(stream.push(ev({ id: 1, k: 'x', a: 1 }, 10))).toEqual([]);
      // Stage 2 for a key with no partial: nothing to extend. Late (5 < 10) unless order is trusted.
      expect(stream.push(ev({ id: 2, k: 'y', a: 2 }, 5))).toEqual([]);
      // Not late, and moves the newest time to 20.
      expect(stream.push(ev({ id: 3, k: 'y', a: 2 }, 20))).toEqual([]);
      // Behind 20: late, evaluated at once all the same, and completes x.
      expect(ids(stream.push(ev({ id: 4, k: 'x', a: 2 }, 15)) as never)).toEqual([[1, 4]]);
      expect(stream.stats.lateEvents).toBe(trustOrder ? 0 : 2);
    }
  });
});
