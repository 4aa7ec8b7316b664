/**
 * The buffers the line worker copies its batches into. The main thread gives each back once it
 * has decoded the batch's lines (the texts are copies), so a few buffers circulate instead of a
 * fresh megabyte per batch made on one thread and freed on the other, which the allocator kept
 * for the worker's thread: about 15 MB of `eql run`'s peak RSS over the corpus.
 */
export class BatchBuffers {
  private readonly spare: ArrayBuffer[] = [];

  constructor(
    /** Buffers kept for reuse at most (one per batch that can be in flight, and one more). */
    private readonly keep: number,
    /** A new buffer is made at least this big, so that most batches fit the ones given back. */
    private readonly least: number,
  ) {}

  /** A buffer given back, to be reused (dropped when enough are kept). */
  give(buffer: ArrayBuffer): void {
    if (this.spare.length < this.keep) this.spare.push(buffer);
  }

  /** `size` bytes, in a kept buffer when one is big enough. */
  take(size: number): Uint8Array {
    const i = this.spare.findIndex((b) => b.byteLength >= size);
    const buffer = i === -1 ? new ArrayBuffer(Math.max(size, this.least)) : (this.spare.splice(i, 1)[0] as ArrayBuffer);
    return new Uint8Array(buffer, 0, size);
  }
}
