import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReorderWindow } from './reorder-window.js';

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
});
