/**
 * Worker thread of the threaded reader (see `threaded-lines.ts`): reads one NDJSON file, cuts it
 * into lines and drops the lines the raw-line prefilter rejects, all on raw bytes, and posts the
 * others a chunk at a time as UTF-8 bytes (transferred, not copied). At most `MAX_IN_FLIGHT`
 * batches wait for the main thread, so memory stays flat.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { compileRawPrefilter } from '@eqlkit/engine';
import { ByteLineFilter, type ByteLineBatch } from './byte-lines.js';
import type { LineBatch, LineWorkerData } from './line-batch.js';

const MAX_IN_FLIGHT = 4;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const data = workerData as LineWorkerData;
  const lines = new ByteLineFilter(data.spec ? compileRawPrefilter(data.spec, { utf8Bytes: true }) : undefined);
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    inFlight--;
    wake?.();
  });
  let bytes = 0;
  const post = async (batch: ByteLineBatch, done: boolean) => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    inFlight++;
    const message: LineBatch = { kind: 'lines', ...batch, bytes, done };
    port.postMessage(message, [batch.lines.buffer as ArrayBuffer, batch.utf8.buffer as ArrayBuffer]);
    bytes = 0;
  };
  try {
    for await (const chunk of createReadStream(data.path, { highWaterMark: 1 << 20, start: data.start })) {
      bytes += (chunk as Buffer).length;
      await post(lines.push(chunk as Buffer), false);
    }
    await post(lines.end(), true);
  } catch (err) {
    const message: LineBatch = { kind: 'error', message: (err as Error).message };
    port.postMessage(message);
  }
}

void main();
