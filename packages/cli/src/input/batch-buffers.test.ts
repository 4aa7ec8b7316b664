import { describe, expect, it } from 'vitest';
import { BatchBuffers } from './batch-buffers.js';

describe('BatchBuffers', () => {
  it('gives views of exactly the size asked, in a new buffer of at least the least size', () => {
    const buffers = new BatchBuffers(2, 64);
    const small = buffers.take(10);
    expect(small.length).toBe(10);
    expect(small.buffer.byteLength).toBe(64);
    const big = buffers.take(100);
    expect(big.length).toBe(100);
    expect(big.buffer.byteLength).toBe(100);
  });

  it('reuses a buffer given back when it is big enough, and only then', () => {
    const buffers = new BatchBuffers(2, 64);
    const first = buffers.take(10).buffer as ArrayBuffer;
    buffers.give(first);
    expect(buffers.take(200).buffer).not.toBe(first);
    const again = buffers.take(64);
    expect(again.buffer).toBe(first);
    // Taken: not handed out twice.
    expect(buffers.take(10).buffer).not.toBe(first);
  });

  it('keeps at most as many buffers as asked', () => {
    const buffers = new BatchBuffers(2, 8);
    const given = [new ArrayBuffer(8), new ArrayBuffer(8), new ArrayBuffer(8)];
    for (const b of given) buffers.give(b);
    const taken = [buffers.take(8).buffer, buffers.take(8).buffer, buffers.take(8).buffer];
    expect(taken.slice(0, 2)).toEqual(expect.arrayContaining([given[0], given[1]]));
    expect(given).not.toContain(taken[2]);
  });
});
