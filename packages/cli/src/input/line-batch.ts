import type { RawPrefilterSpec } from '@eqlkit/engine';

/** What the threaded reader gives its worker. */
export interface LineWorkerData {
  readonly path: string;
  /** Byte offset to start at (past a byte order mark). */
  readonly start: number;
  readonly spec: RawPrefilterSpec | undefined;
}

/** A message of the line worker: lines that passed the prefilter, or a read error. */
export type LineBatch =
  | {
      readonly kind: 'lines';
      /** The lines joined with `\n` (a line never holds one), UTF-8 encoded. */
      readonly utf8: Uint8Array;
      /** 1-based line number of each line. */
      readonly lines: Int32Array;
      /** Lines the prefilter dropped since the last batch. */
      readonly skipped: number;
      /** Bytes of the file read since the last batch. */
      readonly bytes: number;
      /** The last batch of the file. */
      readonly done: boolean;
    }
  | { readonly kind: 'error'; readonly message: string };
