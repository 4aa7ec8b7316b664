/**
 * Worker thread of the threaded reader (see `threaded-lines.ts`): reads one NDJSON file, cuts it
 * into lines and drops the lines the raw-line prefilter rejects, all on raw bytes, and posts the
 * others a chunk at a time as UTF-8 bytes (transferred, not copied); with `eql run`'s routing it
 * routes each of them too, so the main thread only parses and evaluates. At most `MAX_IN_FLIGHT`
 * batches wait for the main thread, so memory stays flat. It imports only the engine's raw-line
 * layer: the main entry would load the parser, 40 MB of RSS this thread has no use for.
 */
import { parentPort } from 'node:worker_threads';
import { compileRawPrefilter } from '@eqlkit/engine/raw-lines';
import { ByteLineFilter, eachLine, utf8Text, type ByteLineBatch } from './byte-lines.js';
import { BatchBuffers } from './batch-buffers.js';
import type { LineBatch, LineWorkerData } from './line-batch.js';
import { compileLineRoutes, RoutesEncoder, type BatchRoutes } from './line-routes.js';
import { lineTimestamp } from './raw-timestamp.js';
import { reusedChunks } from './read-text.js';

// Enough batches (about 1 MB each) queued to carry either thread over the other's slow ones (a
// chunk of many alerts, of many routed lines): 8 against 2, 15.4-16.2 s against 15.4-16.4 s
// over 1,000,000 events and the corpus rules, 3-5 MB more RSS.
const MAX_IN_FLIGHT = 8;
/** Batch buffers are made at least this big (a chunk's lines, and room for a line cut by it). */
const MIN_BATCH_BUFFER = 1152 * 1024;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const data = await new Promise<LineWorkerData>((resolve) => port.once('message', resolve));
  const buffers = new BatchBuffers(MAX_IN_FLIGHT + 1, MIN_BATCH_BUFFER);
  const lines = new ByteLineFilter(data.spec ? compileRawPrefilter(data.spec, { utf8Bytes: true }) : undefined, false, undefined, (size) => buffers.take(size));
  const route = data.routing ? compileLineRoutes(data.routing) : undefined;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', (returned: unknown) => {
    if (returned instanceof ArrayBuffer) buffers.give(returned);
    inFlight--;
    wake?.();
  });
  const counter = { bytesRead: 0, totalBytes: undefined };
  let posted = 0;
  const key = data.timestampKey;
  const post = async (batch: ByteLineBatch, done: boolean) => {
    // Each line decoded as the main thread decodes it, so it routes (and reads the timestamp
    // of) the same text; one at a time, so that each text dies young (a batch's texts held
    // together outlived this thread's small young generation: 166 MB promoted over 300,000
    // lines, and the old generation's collections ran on the cores the two threads need).
    let routes: BatchRoutes | undefined;
    let ts: Float64Array | undefined;
    if (route) {
      const count = batch.lines.length;
      const routed = new RoutesEncoder(count);
      if (key !== undefined) ts = new Float64Array(count).fill(Number.NaN);
      eachLine(batch.utf8, count, (bytes, start, end, i) => {
        const text = utf8Text(bytes, start, end);
        const r = route(text);
        routed.add(r);
        if (ts !== undefined && r?.length !== 0) ts[i] = lineTimestamp(text, key as string) ?? Number.NaN;
      });
      routes = routed.finish();
    }
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    inFlight++;
    const message: LineBatch = { kind: 'lines', ...batch, bytes: counter.bytesRead - posted, done, ...(routes ? { routes } : {}), ...(ts ? { ts } : {}) };
    const transfer = [batch.lines.buffer as ArrayBuffer, batch.utf8.buffer as ArrayBuffer];
    if (routes) transfer.push(routes.ids.buffer as ArrayBuffer, routes.ends.buffer as ArrayBuffer, routes.everyRule.buffer as ArrayBuffer);
    if (ts) transfer.push(ts.buffer as ArrayBuffer);
    port.postMessage(message, transfer);
    posted = counter.bytesRead;
  };
  try {
    // Two reused buffers (see reusedChunks): the filter copies out what it keeps.
    for await (const chunk of reusedChunks(data.path, counter)) await post(lines.push(chunk), false);
    await post(lines.end(), true);
  } catch (err) {
    const message: LineBatch = { kind: 'error', message: (err as Error).message };
    port.postMessage(message);
  }
}

void main();
