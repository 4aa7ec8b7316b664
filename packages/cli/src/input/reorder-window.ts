import { MinHeap } from './min-heap.js';

interface Entry<T> {
  readonly item: T;
  readonly ts: number;
  readonly tiebreaker: unknown;
  readonly seq: number;
}

/** Elasticsearch's order for a tiebreaker: numbers by value, strings by code unit, missing last. */
export function compareTiebreakers(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function less<T>(a: Entry<T>, b: Entry<T>): boolean {
  if (a.ts !== b.ts) return a.ts < b.ts;
  const t = compareTiebreakers(a.tiebreaker, b.tiebreaker);
  return t !== 0 ? t < 0 : a.seq < b.seq;
}

/** Sizes of a reorder window. `Infinity` for both sorts the whole input (`--sort`). */
export interface ReorderOptions {
  /** An event is held until one this much newer has arrived. */
  readonly windowMs: number;
  /** Memory bound: past this many held events the oldest is released early. */
  readonly maxHeld: number;
}

/**
 * Puts events that arrive a little out of order back in timestamp order (then tiebreaker, then
 * arrival). An event older than one already released is "late": it is released at once, since
 * holding it cannot repair the order, and counted so the user can be told.
 */
export class ReorderWindow<T> {
  private readonly heap = new MinHeap<Entry<T>>(less);
  private seq = 0;
  private newest = -Infinity;
  private lastReleased: Entry<T> | undefined;
  /** Events that arrived after a newer event had already been released. */
  late = 0;

  constructor(private readonly options: ReorderOptions) {}

  /** Adds an event; returns those now safe to evaluate, in order. No timestamp: released at once. */
  push(item: T, ts: number | undefined, tiebreaker?: unknown): T[] {
    if (ts === undefined) return [item];
    const entry: Entry<T> = { item, ts, tiebreaker, seq: this.seq++ };
    if (this.lastReleased && less(entry, this.lastReleased)) {
      this.late++;
      return [item];
    }
    this.heap.push(entry);
    if (ts > this.newest) this.newest = ts;
    const out: T[] = [];
    const horizon = this.newest - this.options.windowMs;
    for (let top = this.heap.peek(); top && (top.ts <= horizon || this.heap.size > this.options.maxHeld); top = this.heap.peek()) {
      this.release(out);
    }
    return out;
  }

  /** End of input: everything still held, in order. */
  flush(): T[] {
    const out: T[] = [];
    while (this.heap.size > 0) this.release(out);
    return out;
  }

  private release(out: T[]): void {
    const entry = this.heap.pop() as Entry<T>;
    this.lastReleased = entry;
    out.push(entry.item);
  }
}
