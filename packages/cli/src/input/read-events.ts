import { compileRawPrefilter, type RawLineFilter, type RawPrefilterSpec } from '@eqlkit/engine';
import type { ByteCounter } from './byte-counter.js';
import { decodeRoutes, type BatchRoutes, type LineRoute } from './line-routes.js';
import type { DeferredLine, InputEvent, InputItem, InputProblem } from './input-item.js';
import { readText, STDIN } from './read-text.js';
import { ByteLineFilter, byteScreen, decodeLines, utf8Text, type ByteLineBatch } from './byte-lines.js';
import { reusedChunks } from './read-text.js';
import { isPlainNdjson, threadedLines, workerReads, type LineTexts, type ThreadsMode } from './threaded-lines.js';
import { splitTextBatches } from './split-text.js';

const MAX_MESSAGE = 160;

function shorten(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The name used in messages: the path as given, `<stdin>` for `-`. */
export function displayName(path: string): string {
  return path === STDIN ? '<stdin>' : path;
}

/**
 * A raw-line prefilter for the input: records it rejects are counted in `skipped` and never
 * parsed (no event of them could match the query).
 */
export interface RecordFilter {
  readonly test: RawLineFilter;
  /** What `test` was compiled from (a worker thread compiles its own). */
  readonly spec?: RawPrefilterSpec;
  /** Sees each parsed event with its text, and its route when the line worker computed it. */
  readonly annotate?: (event: Record<string, unknown>, text: string, route?: LineRoute) => void;
  /**
   * `eql run`'s routing (see `compileLineRoutes`), for a line worker to route each line as it
   * reads: the route then comes with the line to `annotate`.
   */
  readonly routing?: readonly (RawPrefilterSpec | undefined)[];
  /**
   * `eql run`'s router, for lines the line worker did not route: a line routed to no rule is
   * counted in `skipped` and never parsed, like one `test` rejects.
   */
  readonly route?: (text: string) => LineRoute;
  /** A line that waits unparsed for its turn in time order; undefined to parse it now. */
  readonly defer?: (text: string, line: number, file: string, route?: LineRoute) => DeferredLine | undefined;
  /**
   * With a line worker that routes: the top-level key of the window's timestamp, for the worker
   * to read each routed line's timestamp, and the line then held as its bytes (`bytes[start,
   * end)`, UTF-8) without being decoded: what `defer` would give for its text, or undefined to
   * go that way instead.
   */
  readonly timestampKey?: string;
  readonly holdBytes?: (bytes: Buffer, start: number, end: number, ts: number, line: number, file: string, route: LineRoute) => DeferredLine | undefined;
  skipped: number;
}

/**
 * Events from NDJSON or JSON-array text, records that are not JSON objects reported and
 * skipped; with a `filter`, records it rejects are dropped unparsed.
 */
export async function* parseRecords(text: AsyncIterable<string>, file: string, filter?: RecordFilter): AsyncGenerator<InputItem> {
  for await (const batch of parseRecordBatches(text, file, filter)) yield* batch;
}

/**
 * The texts of a batch of byte lines (from the worker), each decoded on its own (see
 * `decodeLines`: a line kept for printing, or waiting in the reorder window, must not hold its
 * batch's megabyte), with their routes when the worker routed them. A U+FEFF starting a line
 * stays (ByteLineFilter drops the file's first one).
 */
export function batchTexts(batch: ByteLineBatch & { readonly routes?: BatchRoutes; readonly ts?: Float64Array }): LineTexts {
  const routes = batch.routes && decodeRoutes(batch.routes);
  const ts = batch.ts;
  // A line routed to no rule is skipped unparsed (see RecordFilter.route): not even decoded.
  // One the worker read a timestamp of waits as bytes (see RecordFilter.holdBytes).
  if (routes && ts) {
    const ends = new Int32Array(batch.lines.length);
    const texts = decodeLines(batch.utf8, batch.lines.length, (i) => routes[i]?.length === 0 || !Number.isNaN(ts[i] as number), ends);
    const bytes = Buffer.from(batch.utf8.buffer, batch.utf8.byteOffset, batch.utf8.length);
    return { texts, lines: batch.lines, skipped: batch.skipped, routes, held: { bytes, ends, ts } };
  }
  const texts = decodeLines(batch.utf8, batch.lines.length, routes && ((i) => routes[i]?.length === 0));
  return { texts, lines: batch.lines, skipped: batch.skipped, ...(routes ? { routes } : {}) };
}

/** The lines of a plain NDJSON file prefiltered as bytes on this thread. */
async function* byteLines(path: string, counter: ByteCounter, spec: RawPrefilterSpec | undefined): AsyncGenerator<LineTexts> {
  const lines = spec ? new ByteLineFilter(compileRawPrefilter(spec, { utf8Bytes: true }), true, byteScreen(spec)) : new ByteLineFilter(undefined, true);
  const texts = (batch: ByteLineBatch): LineTexts => ({ texts: batch.texts ?? [], lines: batch.lines, skipped: batch.skipped });
  // Safe to reuse the read buffer: a decoding filter copies what it keeps (line texts, the carry).
  for await (const chunk of reusedChunks(path, counter)) yield texts(lines.push(chunk));
  yield texts(lines.end());
}

/** `parseRecords` a chunk of text at a time (one await per chunk, not per record). */
export async function* parseRecordBatches(text: AsyncIterable<string>, file: string, filter?: RecordFilter): AsyncGenerator<InputItem[]> {
  for await (const batch of splitTextBatches(text)) {
    const items: InputItem[] = [];
    for (const { text: json, line } of batch.records) {
      if (filter && !filter.test(json)) {
        filter.skipped++;
        continue;
      }
      const item = readRecord(json, line, file, filter);
      if (item) items.push(item);
    }
    if (batch.error) items.push({ kind: 'problem', scope: 'file', file, line: batch.error.line, message: batch.error.message });
    if (items.length > 0) yield items;
  }
}

/** A record the filter passed: deferred, or parsed (and annotated); undefined when routed nowhere. */
function readRecord(json: string, line: number, file: string, filter: RecordFilter | undefined, routed?: LineRoute): InputItem | undefined {
  if (filter === undefined) return parseRecord(json, line, file);
  const route = routed !== undefined ? routed : filter.route?.(json);
  if (route !== undefined && route !== null && route.length === 0) {
    filter.skipped++;
    return undefined;
  }
  const deferred = filter.defer?.(json, line, file, route);
  if (deferred !== undefined) return deferred;
  const item = parseRecord(json, line, file);
  if (filter.annotate && item.kind === 'event') filter.annotate(item.event, json, route);
  return item;
}

export function parseRecord(json: string, line: number, file: string): InputEvent | InputProblem {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    const reason = json.length === 0 ? 'missing array element' : shorten((err as Error).message);
    return { kind: 'problem', scope: 'record', file, line, message: `invalid JSON: ${reason}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'problem', scope: 'record', file, line, message: `invalid JSON: expected an object, got ${describe(value)}` };
  }
  return { kind: 'event', event: value as Record<string, unknown>, file, line };
}

/**
 * Every event of every file in order (stdin for `-`); memory stays bounded by the longest
 * record, whatever the file size. A read error (a truncated gzip) ends that file with a
 * problem and goes on with the next.
 */
export async function* readEvents(paths: readonly string[], counter: ByteCounter, filter?: RecordFilter): AsyncGenerator<InputItem> {
  for await (const batch of readEventBatches(paths, counter, filter)) yield* batch;
}

/** `readEvents` in batches (the records of one chunk of text). */
export async function* readEventBatches(
  paths: readonly string[],
  counter: ByteCounter,
  filter?: RecordFilter,
  threads: ThreadsMode = 'one',
): AsyncGenerator<InputItem[]> {
  for (const path of paths) {
    const file = displayName(path);
    try {
      const plain = isPlainNdjson(path);
      const worker = plain && workerReads(path, threads);
      if (!plain || (!filter?.spec && !filter?.annotate && !worker)) {
        yield* parseRecordBatches(readText(path, counter), file, filter);
        continue;
      }
      // Plain NDJSON: lines prefiltered as bytes, decoded only when they pass; on a worker
      // thread (see ThreadsMode: it reads, splits, prefilters and routes, this thread parses).
      const batches = worker ? threadedLines(path, filter?.spec, filter?.routing, counter, filter?.holdBytes ? filter.timestampKey : undefined) : byteLines(path, counter, filter?.spec);
      for await (const batch of batches) {
        if (filter) filter.skipped += batch.skipped;
        const items: InputItem[] = [];
        const routes = batch.routes;
        const held = batch.held;
        for (let i = 0; i < batch.texts.length; i++) {
          let text = batch.texts[i] as string;
          const route = routes?.[i];
          const ts = held?.ts[i] as number;
          // A line the worker read a timestamp of (it reads none of a line routed nowhere) came
          // undecoded.
          if (held !== undefined && route !== undefined && !Number.isNaN(ts)) {
            const start = i === 0 ? 0 : (held.ends[i - 1] as number) + 1;
            const end = held.ends[i] as number;
            const kept = filter?.holdBytes?.(held.bytes, start, end, ts, batch.lines[i] as number, file, route);
            if (kept) {
              items.push(kept);
              continue;
            }
            text = utf8Text(held.bytes, start, end);
          }
          const item = readRecord(text, batch.lines[i] as number, file, filter, route);
          if (item) items.push(item);
        }
        if (items.length > 0) yield items;
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const message = e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' ? `truncated or corrupt gzip: ${e.message}` : `cannot read: ${e.message}`;
      yield [{ kind: 'problem', scope: 'file', file, message }];
    }
  }
}
