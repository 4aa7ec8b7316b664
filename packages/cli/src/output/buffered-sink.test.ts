import { describe, expect, it } from 'vitest';
import { BufferedSink } from './buffered-sink.js';

function recorder() {
  const writes: string[] = [];
  return { writes, out: { write: (text: string) => (writes.push(text), true) } };
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

  it('passes on the stream asking to wait', () => {
    const sink = new BufferedSink({ write: () => false }, 4);
    expect(sink.write('ab')).toBe(true);
    expect(sink.write('cd')).toBe(false);
  });
});
