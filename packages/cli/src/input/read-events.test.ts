import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ByteCounter } from './byte-counter.js';
import type { InputItem } from './input-item.js';
import { readEvents } from './read-events.js';

const dir = mkdtempSync(join(tmpdir(), 'eql-read-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(paths: string[]): Promise<{ items: InputItem[]; counter: ByteCounter }> {
  const counter: ByteCounter = { bytesRead: 0, totalBytes: undefined };
  const items: InputItem[] = [];
  for await (const item of readEvents(paths, counter)) items.push(item);
  return { items, counter };
}

function summary(items: InputItem[]): string[] {
  return items.map((i) => (i.kind === 'event' ? `event ${i.line} ${JSON.stringify(i.event)}` : `${i.scope} ${i.line ?? '-'} ${i.message}`));
}

describe('readEvents', () => {
  it('reads NDJSON with a BOM, CRLF, blank lines and no final newline', async () => {
    const { items, counter } = await collect([file('a.ndjson', '\uFEFF{"a":1}\r\n\r\n{"a":2}')]);
    expect(summary(items)).toEqual(['event 1 {"a":1}', 'event 3 {"a":2}']);
    expect(counter.bytesRead).toBe(Buffer.byteLength('\uFEFF{"a":1}\r\n\r\n{"a":2}'));
  });

  it('reports bad lines and non-object values with their line numbers and keeps the rest', async () => {
    const { items } = await collect([file('b.ndjson', '{"a":1}\n{"a":\n42\n[1]\n{"a":3}\n')]);
    const out = summary(items);
    expect(out[0]).toBe('event 1 {"a":1}');
    expect(out[1]).toMatch(/^record 2 invalid JSON: /);
    expect(out[2]).toBe('record 3 invalid JSON: expected an object, got a number');
    expect(out[3]).toBe('record 4 invalid JSON: expected an object, got an array');
    expect(out[4]).toBe('event 5 {"a":3}');
  });

  it('reads a JSON array, gzipped or not, detected by content not by name', async () => {
    const text = '[\n {"a":1},\n {"a":2}\n]';
    for (const path of [file('c.json', text), file('c.data', gzipSync(text))]) {
      expect(summary((await collect([path])).items)).toEqual(['event 2 {"a":1}', 'event 3 {"a":2}']);
    }
  });

  it('reads several files in order, line numbers per file', async () => {
    const { items } = await collect([file('d1.ndjson', '{"f":1}\n'), file('d2.ndjson.gz', gzipSync('{"f":2}\n{"f":3}\n'))]);
    expect(items.map((i) => (i.kind === 'event' ? `${basename(i.file)}:${i.line}` : 'problem'))).toEqual([
      'd1.ndjson:1',
      'd2.ndjson.gz:1',
      'd2.ndjson.gz:2',
    ]);
  });

  it('reports a truncated gzip with the file name, keeping the events before the cut', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(50 + (i % 7)) })).join('\n');
    const gz = gzipSync(lines);
    const path = file('e.ndjson.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { items } = await collect([path]);
    const events = items.filter((i) => i.kind === 'event');
    const last = items.at(-1);
    expect(events.length).toBeGreaterThan(100);
    expect(last).toMatchObject({ kind: 'problem', scope: 'file', file: path });
    expect(last?.kind === 'problem' && last.message).toMatch(/gzip/);
  });

  it('reports an unclosed array as a file problem after its elements', async () => {
    const { items } = await collect([file('f.json', '[{"a":1},{"a":2}')]);
    expect(summary(items)).toEqual(['event 1 {"a":1}', 'event 1 {"a":2}', expect.stringMatching(/^file 1 the JSON array is not closed/)]);
  });
});
