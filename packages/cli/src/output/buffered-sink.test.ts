import { describe, expect, it } from 'vitest';
import { BufferedSink } from './buffered-sink.js';

function recorder() {
  const writes: string[] = [];
  return { writes, out: { write: (chunk: Uint8Array) => (writes.push(Buffer.from(chunk).toString('utf8')), true) } };
}

describe('BufferedSink', () => {
  it('gathers small writes into one, in order, once the limit is reached', () => {
    const { writes, out } = recorder();
    const sink = new BufferedSink(out, 10);
    sink.write('abc\n');
    sink.write('def\n');
    expect(writes).toEqual([]);
    sink.write('ghi\n');
    expect(writes).toEqual(['abc\ndef\nghi\n']);
    sink.write('j\n');
    sink.flush();
    expect(writes).toEqual(['abc\ndef\nghi\n', 'j\n']);
    sink.flush();
    expect(writes).toHaveLength(2);
  });

  it('writes what it holds on the next turn of the event loop', async () => {
    const { writes, out } = recorder();
    const sink = new BufferedSink(out);
    sink.write('one\n');
    sink.write('two\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['one\ntwo\n']);
  });

  it('writes every character as UTF-8, records past its buffer included, and hands a written chunk over for good', () => {
    const chunks: Uint8Array[] = [];
    const sink = new BufferedSink({ write: (chunk) => (chunks.push(chunk), true) }, 8);
    const texts = ['é€\n', '\u{1F600} x\n', 'y'.repeat(40000), '\ud800 lone\n', 'z\n'];
    for (const t of texts) sink.write(t);
    sink.flush();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(Buffer.from(texts.join('')).toString('utf8'));
    // Later writes never touch a chunk already written (a pipe may still hold it).
    const first = Buffer.from(chunks[0] as Uint8Array).toString('utf8');
    sink.write('q'.repeat(20));
    sink.flush();
    expect(Buffer.from(chunks[0] as Uint8Array).toString('utf8')).toBe(first);
  });

  it('passes on the stream asking to wait', () => {
    const sink = new BufferedSink({ write: () => false }, 4);
    expect(sink.write('ab')).toBe(true);
    expect(sink.write('cd')).toBe(false);
  });
});
