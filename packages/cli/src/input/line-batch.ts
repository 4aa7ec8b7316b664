import type { RawPrefilterSpec } from '@eqlkit/engine/raw-lines';
import type { BatchRoutes } from './line-routes.js';

/**
 * What the threaded reader gives its worker, as its first message rather than as `workerData`
 * (which a worker keeps for its whole life: the specs are garbage once compiled).
 */
export interface LineWorkerData {
  /** A plain NDJSON file, read from its start (`ByteLineFilter` drops a byte order mark). */
  readonly path: string;
  readonly spec: RawPrefilterSpec | undefined;
  /** `eql run`'s routing (see `compileLineRoutes`): each line passed is routed there too. */
  readonly routing?: readonly (RawPrefilterSpec | undefined)[];
  /**
   * With routing: the top-level key of the reorder window's timestamp. Each routed line's
   * timestamp is read here (`lineTimestamp`), so the main thread can hold the line's bytes
   * without decoding it.
   */
  readonly timestampKey?: string;
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
      /** With routing: the route of each line. */
      readonly routes?: BatchRoutes;
      /**
       * With `timestampKey`: each line's timestamp, NaN when it cannot be read from the text or
       * the line is routed nowhere.
       */
      readonly ts?: Float64Array;
    }
  | { readonly kind: 'error'; readonly message: string };
