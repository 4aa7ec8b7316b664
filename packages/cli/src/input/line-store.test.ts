import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineStore } from './line-store.js';

describe('LineStore', () => {
  it('gives back each line as stored, whatever the characters, while others come and go (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 600 }), fc.boolean(), fc.boolean()), { maxLength: 300 }), (steps) => {
        // Small slabs, so that lines fill many and slabs are reused under them.
        const store = new LineStore(4096);
        const held: [number, string][] = [];
        for (const [text, releaseOne, asBytes] of steps) {
          // As text, or as its UTF-8 bytes from within a larger buffer (as the line worker's
          // batches hold them).
          const bytes = Buffer.from(`x\n${text}\ny`, 'utf8');
          const handle = asBytes ? store.putBytes(bytes, 2, bytes.length - 2) : store.put(text);
          expect(handle).toBeGreaterThanOrEqual(0);
          held.push([handle, text]);
          if (releaseOne && held.length > 0) {
            const [h, t] = held.shift() as [number, string];
            // Lone surrogates are written as U+FFFD, as every UTF-8 encoder does.
            expect(store.text(h)).toBe(Buffer.from(t, 'utf8').toString('utf8'));
            store.release(h);
          }
        }
        for (const [h, t] of held) expect(store.text(h)).toBe(Buffer.from(t, 'utf8').toString('utf8'));
      }),
      { numRuns: 100 },
    );
  });

  it('reuses a slab once its lines have had their turn: memory stays at the lines waiting', () => {
    const store = new LineStore();
    const line = JSON.stringify({ message: 'x'.repeat(1000) });
    const waiting: number[] = [];
    // 20,000 lines of 1 KB, at most 3,000 waiting (3 MB): a few slabs, made once.
    for (let i = 0; i < 20_000; i++) {
      waiting.push(store.put(line));
      if (waiting.length > 3000) store.release(waiting.shift() as number);
    }
    expect(store.slabCount).toBeLessThanOrEqual(5);
    for (const h of waiting) expect(store.text(h)).toBe(line);
    // A few lines waiting at a time: the slab left behind is reused once its lines are gone.
    const small = new LineStore(4096);
    const few: number[] = [];
    for (let i = 0; i < 2000; i++) {
      few.push(small.put(`{"n":${i},"pad":"${'p'.repeat(100)}"}`));
      if (few.length > 5) small.release(few.shift() as number);
    }
    expect(small.slabCount).toBeLessThanOrEqual(3);
    expect(few.map((h) => JSON.parse(small.text(h)).n)).toEqual([1995, 1996, 1997, 1998, 1999]);
  });

  it('keeps filling the slab it writes to when its lines are all gone, and reuses it after', () => {
    const store = new LineStore(4096);
    store.release(store.put('x'.repeat(100)));
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'y'.repeat(100)}`);
    const handles = lines.map((l) => store.put(l));
    expect(handles.map((h) => store.text(h))).toEqual(lines);
    // Each line released at once: the slab left behind is free again.
    const once = new LineStore(4096);
    for (let i = 0; i < 1000; i++) once.release(once.put(`line ${i} ${'z'.repeat(100)}`));
    expect(once.slabCount).toBeLessThanOrEqual(2);
  });

  it('leaves a line longer than a third of a slab to the caller', () => {
    const store = new LineStore();
    expect(store.put('x'.repeat(400_000))).toBe(-1);
    expect(store.put('y'.repeat(300_000))).toBeGreaterThanOrEqual(0);
    expect(() => new LineStore(2 << 20)).toThrow(RangeError);
  });
});
