import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RawPrefilterSpec } from '@eqlkit/engine/raw-lines';
import type { ByteCounter } from './byte-counter.js';
import type { LineBatch, LineWorkerData } from './line-batch.js';
import { STDIN } from './read-text.js';
import { batchTexts } from './read-events.js';
import type { LineRoute } from './line-routes.js';
import { firstLineLeavesObjectOpen } from './value-stream-splitter.js';

const WORKER = new URL('./line-worker.js', import.meta.url);
const WORKER_YOUNG_MB = 4;

/**
 * How many threads read a plain NDJSON file: `one`, or `two`, a worker that reads, cuts,
 * prefilters and (for `eql run` with many rules) routes the lines while this thread parses and
 * evaluates (which is the default when: `threadsFor`).
 */
export type ThreadsMode = 'one' | 'two';

/** A worker started ahead of its file (see `prestartLineWorker`), not yet taken. */
let spare: Worker | undefined;

// The worker's garbage is a batch's decoded lines at a time: a small young generation (the
// default grows to tens of megabytes) keeps (c)'s RSS in its budget.
const newWorker = () => new Worker(WORKER, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });

/**
 * Starts a line worker now, for the next `threadedLines` to take: its thread and modules load
 * (about 130 ms) while this thread loads and compiles the rules, instead of after. It keeps the
 * process alive only once taken; `dropSpareLineWorker` ends it when no file turns out to need it.
 */
export function prestartLineWorker(): void {
  if (spare !== undefined || !existsSync(fileURLToPath(WORKER))) return;
  spare = newWorker();
  spare.unref();
}

/** Ends a worker `prestartLineWorker` started that nothing took. */
export function dropSpareLineWorker(): void {
  void spare?.terminate();
  spare = undefined;
}

let missingTold = false;

/**
 * True when the worker can read the file: asked for, not stdin, and its script built (a build
 * or bundle without it reads on one thread, and says so once).
 */
export function workerReads(path: string, mode: ThreadsMode): boolean {
  if (mode !== 'two' || path === STDIN) return false;
  if (existsSync(fileURLToPath(WORKER))) return true;
  if (!missingTold) process.stderr.write(`eql: the line worker ${fileURLToPath(WORKER)} is missing: reading on one thread\n`);
  missingTold = true;
  return false;
}

/**
 * True when the file is plain NDJSON (not stdin, not gzip, not a JSON array, not pretty-printed
 * objects, not empty): the byte readers handle those (reading from the start; `ByteLineFilter`
 * drops a byte order mark).
 */
export function isPlainNdjson(path: string): boolean {
  if (path === STDIN) return false;
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isFile()) return false;
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return false;
  const start = n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (let i = start; i < n; i++) {
    const c = head[i] as number;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x5b /* [ */) return false;
    // `{` alone on its line (pretty-printed): the text splitters handle it. A first line longer
    // than the head is NDJSON.
    if (c === 0x7b /* { */ && firstLineLeavesObjectOpen(head.toString('utf8', i, n)) === true) return false;
    return true;
  }
  return false;
}

/** One batch of lines: the texts, their line numbers and the lines dropped. */
export interface LineTexts {
  readonly texts: readonly string[];
  readonly lines: Int32Array;
  readonly skipped: number;
  /** Each line's route, when the worker routed them. */
  readonly routes?: readonly LineRoute[];
  /**
   * Lines left undecoded (their text empty) for the reader to hold as bytes: those the worker
   * routed somewhere and read a timestamp of. Valid until the next batch is asked for.
   */
  readonly held?: HeldBytes;
}

/** A batch's bytes, where each line ends in them, and each line's timestamp (NaN: none). */
export interface HeldBytes {
  readonly bytes: Buffer;
  readonly ends: Int32Array;
  readonly ts: Float64Array;
}

/**
 * The lines of an NDJSON file read, split and prefiltered on a worker thread, in file order, a
 * batch at a time. Each batch received is acknowledged, letting the worker read on: at most a
 * few batches are ever queued. Throws the worker's read error.
 */
export async function* threadedLines(
  path: string,
  spec: RawPrefilterSpec | undefined,
  routing: readonly (RawPrefilterSpec | undefined)[] | undefined,
  counter: ByteCounter,
  timestampKey?: string,
): AsyncGenerator<LineTexts> {
  const data: LineWorkerData = { path, spec, ...(routing ? { routing } : {}), ...(routing && timestampKey !== undefined ? { timestampKey } : {}) };
  const worker = spare ?? newWorker();
  spare = undefined;
  worker.ref();
  worker.postMessage(data);
  const queue: LineBatch[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  worker.on('message', (batch: LineBatch) => {
    queue.push(batch);
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  worker.on('exit', () => wake?.());
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const batch = queue.shift();
      if (!batch) throw failure ?? new Error('line worker stopped');
      if (batch.kind === 'error') throw new Error(batch.message);
      counter.bytesRead += batch.bytes;
      const texts = batchTexts(batch);
      // Acknowledged with its buffer for the worker to reuse: once decoded (the texts are
      // copies), or, when lines are held as bytes, once the reader has copied them (it has when
      // it asks for the next batch).
      const buffer = batch.utf8.buffer as ArrayBuffer;
      if (!texts.held) worker.postMessage(buffer, [buffer]);
      yield texts;
      if (texts.held) worker.postMessage(buffer, [buffer]);
      if (batch.done) return;
    }
  } finally {
    await worker.terminate();
  }
}
