import { utf8Text } from './byte-lines.js';

/** Bytes of a slab: a 5-minute window of ECS lines holds about ten. */
const SLAB_BYTES = 1 << 20;
/** Slabs at most (4 GB of 1 MB slabs): a handle packs slab, offset and length exactly in a double. */
const MAX_SLABS = 1 << 12;
/** A line's byte length is below this (a slab's size at most). */
const LENGTHS = 2 ** 21;

/**
 * Where lines wait for their turn in the reorder window: as UTF-8 bytes in slabs outside the
 * JavaScript heap, each slab reused once every line in it has had its turn. A line waiting
 * minutes of event time as a string survives young collections and is promoted: the old
 * generation then takes in a gigabyte per million lines, and `eql run`'s bounded heap growth
 * turns that into a full collection every few tens of megabytes. In a slab a line costs a copy
 * when held and a decode at its turn, and the collector never sees it; slabs are made once and
 * reused, so they do not count as new external memory either.
 */
export class LineStore {
  private readonly slabs: Buffer[] = [];
  /** Per slab, its lines still waiting. */
  private readonly waiting: number[] = [];
  private readonly free: number[] = [];
  private current = -1;
  private offset = 0;
  /** Lines longer than this (in UTF-16 units) are kept as strings: at most a third of a slab. */
  private readonly longest: number;

  constructor(private readonly slabBytes = SLAB_BYTES) {
    if (slabBytes > SLAB_BYTES) throw new RangeError(`slabs of at most ${SLAB_BYTES} bytes`);
    this.longest = Math.floor(slabBytes / 3);
  }

  /**
   * Stores `text`; returns its handle (`text`, `release`), or -1 when it is not stored (longer
   * than a third of a slab, or 4 GB waiting): the caller keeps the string then.
   */
  put(text: string): number {
    // A UTF-16 unit takes at most 3 UTF-8 bytes.
    if (text.length > this.longest || !this.room(text.length * 3)) return -1;
    return this.stored((this.slabs[this.current] as Buffer).write(text, this.offset, 'utf8'));
  }

  /**
   * Stores the UTF-8 line `bytes[start, end)` as it is (a copy, nothing decoded); -1 when it is
   * not stored (as for `put`).
   */
  putBytes(bytes: Buffer, start: number, end: number): number {
    if (end - start > this.longest || !this.room(end - start)) return -1;
    return this.stored(bytes.copy(this.slabs[this.current] as Buffer, this.offset, start, end));
  }

  /** The text of a stored line (decoded again: a string of its own). */
  text(handle: number): string {
    const length = handle % LENGTHS;
    const at = (handle - length) / LENGTHS;
    const start = at % SLAB_BYTES;
    return utf8Text(this.slabs[(at - start) / SLAB_BYTES] as Buffer, start, start + length);
  }

  /** The line has had its turn: its slab is reused once none of its lines waits. */
  release(handle: number): void {
    const slab = Math.floor(handle / LENGTHS / SLAB_BYTES);
    const left = (this.waiting[slab] as number) - 1;
    this.waiting[slab] = left;
    if (left === 0 && slab !== this.current) this.free.push(slab);
  }

  /** Slabs made so far (for tests and measurements). */
  get slabCount(): number {
    return this.slabs.length;
  }

  /** Whether `bytes` more fit in the current slab, moving to a free or new one if need be. */
  private room(bytes: number): boolean {
    return (this.current >= 0 && this.offset + bytes <= this.slabBytes) || this.next();
  }

  /** The handle of the line of `length` bytes just written at the current offset. */
  private stored(length: number): number {
    const slab = this.current;
    const at = this.offset;
    this.offset = at + length;
    this.waiting[slab] = (this.waiting[slab] as number) + 1;
    return (slab * SLAB_BYTES + at) * LENGTHS + length;
  }

  /** Moves to a free slab, or a new one; false when no more may be made. */
  private next(): boolean {
    const previous = this.current;
    let slab = this.free.pop();
    if (slab === undefined) {
      if (this.slabs.length >= MAX_SLABS) return false;
      slab = this.slabs.length;
      this.slabs.push(Buffer.allocUnsafeSlow(this.slabBytes));
      this.waiting.push(0);
    }
    if (previous >= 0 && this.waiting[previous] === 0) this.free.push(previous);
    this.current = slab;
    this.offset = 0;
    return true;
  }
}
