/**
 * The reorder window of a stream: items that arrive up to `allowedLatenessMs` later than the
 * newest timestamp seen are put back in order before evaluation. An item is released once the
 * newest timestamp is more than the window past it; an item that arrives behind that point is
 * late: it cannot be put in place any more, so it is released at once (and counted).
 */
import type { Ordinal } from './order.js';
import { compareOrdinals } from './order.js';

/** A binary min-heap of ordinal-carrying items. */
class OrdinalHeap<T extends { readonly ordinal: Ordinal }> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareOrdinals(a[parent]!.ordinal, item.ordinal) <= 0) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && compareOrdinals(a[r]!.ordinal, a[l]!.ordinal) < 0 ? r : l;
        if (compareOrdinals(a[c]!.ordinal, last.ordinal) >= 0) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/** Buffers items within the lateness window and releases them in ordinal order. */
export class ReorderBuffer<T extends { readonly ordinal: Ordinal }> {
  private readonly heap = new OrdinalHeap<T>();
  private newest = Number.NEGATIVE_INFINITY;
  /** Items that arrived behind the release point. */
  late = 0;

  constructor(private readonly windowMs: number) {}

  /** Everything before this timestamp has been released (or will arrive late). */
  get frontier(): number {
    return this.newest - this.windowMs;
  }

  /** Items held now. */
  get pending(): number {
    return this.heap.size;
  }

  /** Adds an item; appends to `out` the items now due, in order. */
  push(item: T, out: T[]): void {
    const ts = item.ordinal.ts;
    if (!Number.isNaN(ts) && ts < this.newest - this.windowMs) {
      this.late++;
      out.push(item);
      return;
    }
    if (this.windowMs === 0) {
      // No window: items go through as they come; equal timestamps keep arrival order.
      if (ts > this.newest) this.newest = ts;
      out.push(item);
      return;
    }
    this.heap.push(item);
    this.advance(ts, out);
  }

  /**
   * An item that needs no evaluation arrived at `ts` (a window of 0 only, which holds nothing):
   * counted as late, or moving the newest time, exactly as `push` would.
   */
  observe(ts: number): void {
    if (!Number.isNaN(ts) && ts < this.newest - this.windowMs) this.late++;
    else if (ts > this.newest) this.newest = ts;
  }

  /** Time has reached `ts` (an event seen elsewhere): appends the items now due. */
  advance(ts: number, out: T[]): void {
    if (ts > this.newest) this.newest = ts;
    const due = this.newest - this.windowMs;
    for (let top = this.heap.peek(); top && (Number.isNaN(top.ordinal.ts) || top.ordinal.ts < due); top = this.heap.peek()) {
      out.push(this.heap.pop()!);
    }
  }

  /** Releases everything held, in order. */
  flush(out: T[]): void {
    for (let item = this.heap.pop(); item; item = this.heap.pop()) out.push(item);
  }
}
