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

/** What `push` returns when it releases nothing (shared: callers only read it). */
const NOTHING: readonly never[] = Object.freeze([]);

/**
 * Puts events that arrive a little out of order back in timestamp order (then tiebreaker, then
 * arrival). An event older than one already released is "late": it is released at once, since
 * holding it cannot repair the order, and counted so the user can be told.
 *
 * Logs mostly arrive in order, so an event that sorts after the last one taken in goes to a queue
 * (constant time), and only the others to a heap; each release takes the smaller of the two
 * heads, the order a heap alone would give. Over ECS input in time order the heap's pushes and
 * pops, 13 levels deep for a 5-minute window of 10,000 events, were 2% of `eql run`.
 */
export class ReorderWindow<T> {
  /** Entries in order, each after the one before it; released from `head` (slots before it emptied). */
  private inOrder: (Entry<T> | undefined)[] = [];
  private head = 0;
  private readonly heap = new MinHeap<Entry<T>>(less);
  private seq = 0;
  private newest = -Infinity;
  private lastReleased: Entry<T> | undefined;
  /** Events that arrived after a newer event had already been released. */
  late = 0;

  constructor(private readonly options: ReorderOptions) {}

  /** Events held. */
  get size(): number {
    return this.inOrder.length - this.head + this.heap.size;
  }

  /** Adds an event; returns those now safe to evaluate, in order. No timestamp: released at once. */
  push(item: T, ts: number | undefined, tiebreaker?: unknown): readonly T[] {
    const out: T[] = [];
    this.add(item, ts, tiebreaker, out);
    return out.length === 0 ? NOTHING : out;
  }

  /**
   * `push`, appending what it releases to `out` (a reader's own, reused: an array per event was
   * most of what the reader allocated).
   */
  add(item: T, ts: number | undefined, tiebreaker: unknown, out: T[]): void {
    if (ts === undefined) {
      out.push(item);
      return;
    }
    const entry: Entry<T> = { item, ts, tiebreaker, seq: this.seq++ };
    if (this.lastReleased && less(entry, this.lastReleased)) {
      this.late++;
      out.push(item);
      return;
    }
    const tail = this.inOrder.length > this.head ? this.inOrder[this.inOrder.length - 1] : undefined;
    if (tail === undefined || less(tail, entry)) this.inOrder.push(entry);
    else this.heap.push(entry);
    if (ts > this.newest) this.newest = ts;
    const horizon = this.newest - this.options.windowMs;
    for (let first = this.first(); first && (first.ts <= horizon || this.size > this.options.maxHeld); first = this.first()) {
      out.push(this.release(first));
    }
  }

  /** End of input: everything still held, in order. */
  flush(): T[] {
    const out: T[] = [];
    for (let first = this.first(); first; first = this.first()) out.push(this.release(first));
    return out;
  }

  /** The entry released next: the smaller of the queue's head and the heap's top. */
  private first(): Entry<T> | undefined {
    const queued = this.inOrder[this.head];
    const top = this.heap.peek();
    if (queued === undefined) return top;
    return top !== undefined && less(top, queued) ? top : queued;
  }

  /** Takes out `entry`, which `first` gave. */
  private release(entry: Entry<T>): T {
    if (entry === this.inOrder[this.head]) {
      // Emptied at once: a released line must not stay alive until the next compaction.
      this.inOrder[this.head++] = undefined;
      // Drop the released part now and then, so the queue's array does not grow with the input.
      if (this.head === this.inOrder.length) {
        this.inOrder = [];
        this.head = 0;
      } else if (this.head >= 4096 && this.head * 2 >= this.inOrder.length) {
        this.inOrder = this.inOrder.slice(this.head);
        this.head = 0;
      }
    } else this.heap.pop();
    this.lastReleased = entry;
    return entry.item;
  }
}
