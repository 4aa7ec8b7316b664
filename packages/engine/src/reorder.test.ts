import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ordinal } from './order.js';
import { compareOrdinals } from './order.js';
import { ReorderBuffer } from './reorder.js';

type Item = { ordinal: Ordinal };
const item = (ts: number, seq: number, tb?: number): Item => ({ ordinal: { ts, tb, seq } });

describe('reorder window', () => {
  it('puts events that are late by at most the window back in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (base, window) => {
        // Shuffle only within the window: jitter each timestamp by less than the window.
        const sorted = [...base].sort((a, b) => a - b);
        const arrivals = sorted.map((ts, i) => ({ ts, key: ts + ((i * 7919) % window) }));
        arrivals.sort((a, b) => a.key - b.key);
        const buffer = new ReorderBuffer<Item>(window);
        const out: Item[] = [];
        arrivals.forEach((a, seq) => buffer.push(item(a.ts, seq), out));
        buffer.flush(out);
        expect(buffer.late).toBe(0);
        const inOrder = [...out].sort((a, b) => compareOrdinals(a.ordinal, b.ordinal));
        expect(out).toEqual(inOrder);
      }),
    );
  });
  it('evaluates an event later than the window at once and counts it', () => {
    const buffer = new ReorderBuffer<Item>(10);
    const out: Item[] = [];
    buffer.push(item(100, 0), out);
    buffer.push(item(200, 1), out);
    expect(out.map((i) => i.ordinal.ts)).toEqual([100]);
    buffer.push(item(50, 2), out);
    expect(buffer.late).toBe(1);
    expect(out.map((i) => i.ordinal.ts)).toEqual([100, 50]);
  });
  it('orders by tiebreaker within one timestamp', () => {
    const buffer = new ReorderBuffer<Item>(5);
    const out: Item[] = [];
    buffer.push(item(1, 0, 2), out);
    buffer.push(item(1, 1, 1), out);
    buffer.push(item(1, 2), out);
    buffer.flush(out);
    expect(out.map((i) => i.ordinal.seq)).toEqual([1, 0, 2]);
  });
  it('with no window passes events through and counts those behind the newest', () => {
    const buffer = new ReorderBuffer<Item>(0);
    const out: Item[] = [];
    buffer.push(item(5, 0), out);
    buffer.push(item(5, 1), out);
    buffer.push(item(4, 2), out);
    expect(out).toHaveLength(3);
    expect(buffer.late).toBe(1);
    expect(buffer.pending).toBe(0);
  });
});
