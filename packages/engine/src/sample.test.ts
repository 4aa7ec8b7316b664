import { describe, expect, it } from 'vitest';
import type { EqlEvent } from './event.js';
import type { SampleResult } from './sample.js';
import { SampleCollector } from './sample.js';

const ev = (id: number): EqlEvent => ({ id });
const ids = (out: SampleResult[]) => out.map((s) => [s.key, s.events.map((e) => e.id)]);

describe('samples', () => {
  it('needs every filter for a key and visits keys in ascending order', () => {
    const c = new SampleCollector({ filters: 2 });
    c.add(0, [['b']], ev(1));
    c.add(1, [['b']], ev(2));
    c.add(0, [['a']], ev(3));
    c.add(1, [['a']], ev(4));
    c.add(0, [['c']], ev(5));
    const out: SampleResult[] = [];
    c.finish(Infinity, out);
    expect(ids(out)).toEqual([
      [['a'], [3, 4]],
      [['b'], [1, 2]],
    ]);
  });
  it('picks distinct events depth-first in storage order', () => {
    const c = new SampleCollector({ filters: 2, maxSamplesPerKey: 2 });
    const shared = ev(1);
    c.add(0, [['k']], shared);
    c.add(1, [['k']], shared);
    c.add(0, [['k']], ev(2));
    c.add(1, [['k']], ev(3));
    const out: SampleResult[] = [];
    c.finish(Infinity, out);
    expect(ids(out)).toEqual([
      [['k'], [1, 3]],
      [['k'], [2, 1]],
    ]);
  });
  it('stops after the limit', () => {
    const c = new SampleCollector({ filters: 1 });
    for (let i = 0; i < 5; i++) c.add(0, [[i]], ev(i));
    const out: SampleResult[] = [];
    c.finish(2, out);
    expect(out).toHaveLength(2);
  });
  it('counts events dropped by the per-key cap', () => {
    const c = new SampleCollector({ filters: 1, maxPendingPerKey: 2 });
    for (let i = 0; i < 5; i++) c.add(0, [['k']], ev(i));
    expect(c.pending).toBe(2);
    expect(c.dropped).toBe(3);
  });
});
