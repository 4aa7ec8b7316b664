import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ByteCounter } from './byte-counter.js';

/** `-` names standard input. */
export const STDIN = '-';

async function* rawChunks(path: string, counter: ByteCounter): AsyncGenerator<Buffer> {
  const stream: AsyncIterable<Buffer> = path === STDIN ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    counter.bytesRead += chunk.length;
    yield chunk;
  }
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function isGzip(chunk: Buffer): boolean {
  return chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

/**
 * The bytes of a file (or stdin), gunzipped when they start with the gzip magic bytes — the
 * name does not matter, so `events.json.gz` renamed or piped still works.
 * A truncated gzip yields what it could decompress, then throws.
 */
export async function* readBytes(path: string, counter: ByteCounter): AsyncGenerator<Buffer> {
  const chunks = rawChunks(path, counter)[Symbol.asyncIterator]();
  let first = await chunks.next();
  while (!first.done && first.value.length < 2) {
    // A 1-byte first chunk (a slow pipe) cannot show the magic bytes yet.
    const more = await chunks.next();
    if (more.done) break;
    first = { done: false, value: Buffer.concat([first.value, more.value]) };
  }
  if (first.done) return;
  if (!isGzip(first.value)) {
    yield* prepend(first.value, chunks);
    return;
  }
  const source = Readable.from(prepend(first.value, chunks));
  const gunzip = source.pipe(createGunzip());
  source.on('error', (err) => gunzip.destroy(err));
  for await (const out of gunzip as AsyncIterable<Buffer>) yield out;
}

/** Decoded UTF-8 text of a file, byte order mark dropped, in chunks. */
export async function* readText(path: string, counter: ByteCounter): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const bytes of readBytes(path, counter)) {
    const text = decoder.decode(bytes, { stream: true });
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

/**
 * Bytes per read of `reusedChunks`: under Node's threshold (`EXTERN_APEX`, 0xFBEE9) above which a
 * chunk's `latin1` text (what the prefilter reads) becomes an external string, memory the garbage
 * collector frees late: 1 MB reads held about 70 MB of them at a time.
 */
const REUSED_CHUNK = 960 * 1024;

/**
 * The bytes of a plain file read into two buffers in turn, reused: each chunk is valid only until
 * the next is asked for (the caller copies what it keeps), and the next chunk is read while the
 * caller works on this one. A stream's fresh buffer per chunk instead kept tens of megabytes
 * waiting for a full garbage collection.
 */
export async function* reusedChunks(path: string, counter: ByteCounter): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  const buffers: Buffer[] = [Buffer.allocUnsafe(REUSED_CHUNK), Buffer.allocUnsafe(REUSED_CHUNK)];
  let turn = 0;
  let reading: Promise<{ bytesRead: number }> = file.read(buffers[0] as Buffer, 0, REUSED_CHUNK, null);
  try {
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) return;
      const chunk = buffers[turn] as Buffer;
      turn ^= 1;
      // The other buffer is free: the caller asked for this chunk, so it is done with that one.
      reading = file.read(buffers[turn] as Buffer, 0, REUSED_CHUNK, null);
      counter.bytesRead += bytesRead;
      yield chunk.subarray(0, bytesRead);
    }
  } finally {
    // A read may still be in flight when the caller stops early.
    await reading.catch(() => undefined);
    await file.close();
  }
}
