import type { Pipe } from '@eqlkit/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Limit } from './pipes.js';
import { applyLimits, limitsOf, StreamLimiter } from './pipes.js';

const pipe = (name: 'head' | 'tail', count: number): Pipe => ({ type: 'Pipe', name, count, range: [0, 0] });
const items = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('limits', () => {
  it('chains pipes left to right: head 4 | tail 2 keeps items 3..4', () => {
    expect(applyLimits(items(10), limitsOf([pipe('head', 4), pipe('tail', 2)]))).toEqual([3, 4]);
  });
  it('tail 10 | head 7 is a window inside the first limit', () => {
    expect(applyLimits(items(20), limitsOf([pipe('tail', 10), pipe('head', 7)]))).toEqual(items(17).slice(10));
  });
  it('size applies in the direction of the first pipe, else of the result position', () => {
    expect(limitsOf([pipe('head', 100)], 10, 'tail')).toEqual([
      { from: 'head', count: 10 },
      { from: 'head', count: 100 },
    ]);
    expect(applyLimits(items(5), limitsOf([], 2, 'tail'))).toEqual([4, 5]);
    expect(applyLimits(items(5), limitsOf([], undefined, 'tail'))).toEqual(items(5));
  });
  it('streaming limits give the batch answer', () => {
    const limit = fc.record({ from: fc.constantFrom<'head' | 'tail'>('head', 'tail'), count: fc.nat(12) });
    fc.assert(
      fc.property(fc.array(limit, { maxLength: 4 }), fc.nat(40), (limits: Limit[], n) => {
        const limiter = new StreamLimiter<number>(limits);
        const out: number[] = [];
        for (const i of items(n)) if (!limiter.done) limiter.offer(i, out);
        limiter.finish(out);
        expect(out).toEqual(applyLimits(items(n), limits));
      }),
    );
  });
  it('head-only limits emit at once and report done', () => {
    const limiter = new StreamLimiter<number>([{ from: 'head', count: 2 }]);
    const out: number[] = [];
    limiter.offer(1, out);
    expect(out).toEqual([1]);
    limiter.offer(2, out);
    expect(limiter.done).toBe(true);
  });
});
