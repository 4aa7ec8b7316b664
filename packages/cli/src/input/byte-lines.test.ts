import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRawPrefilter, deriveRawPrefilter } from '@eqlkit/engine';
import { parse } from '@eqlkit/parser';
import { ByteLineFilter, utf8Text, type ByteLineBatch } from './byte-lines.js';
import { LineSplitter } from './line-splitter.js';

function cut(bytes: Buffer, positions: readonly number[]): Buffer[] {
  const at = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const p of at) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  out.push(bytes.subarray(start));
  return out.filter((b) => b.length > 0);
}

function lines(batches: readonly ByteLineBatch[]): { text: string; line: number }[] {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return batches.flatMap((b) => {
    if (b.lines.length === 0) return [];
    const texts = b.texts ?? decoder.decode(b.utf8).split('\n');
    expect(texts.length).toBe(b.lines.length);
    return texts.map((text, i) => ({ text, line: b.lines[i] as number }));
  });
}

const jsonLine = fc.oneof(
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.constantFrom('user.authentication.sso', 'é ✓ 😀 user.authentication.sso')), { maxKeys: 3 }).map((o) => JSON.stringify(o)),
  fc.constantFrom('', '   ', '{"bad": ', 'not json', '\uFEFF{}'),
);

describe('utf8Text', () => {
  it('decodes any bytes as TextDecoder does, invalid sequences as U+FFFD (fast-check)', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.nat(), (raw, a, b) => {
        const bytes = Buffer.from(raw);
        const [start, end] = [a % (bytes.length + 1), b % (bytes.length + 1)].sort((x, y) => x - y) as [number, number];
        expect(utf8Text(bytes, start, end)).toBe(decoder.decode(bytes.subarray(start, end)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('ByteLineFilter', () => {
  it('without a filter gives the same lines and numbers as LineSplitter, for any chunking (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(jsonLine, { maxLength: 8 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), (texts, crlf, positions) => {
        const text = texts.join(crlf ? '\r\n' : '\n');
        const splitter = new LineSplitter();
        // The text reader's decoder drops a leading byte order mark.
        const decoded = text.startsWith('\uFEFF') ? text.slice(1) : text;
        const expected = [...splitter.push(decoded), ...splitter.end().records].map((r) => ({ text: r.text, line: r.line }));
        // Copied into one buffer (for a worker) or decoded line by line (this thread).
        for (const decode of [false, true]) {
          const filter = new ByteLineFilter(undefined, decode);
          const batches = cut(Buffer.from(text, 'utf8'), positions).map((c) => filter.push(c));
          batches.push(filter.end());
          expect(lines(batches)).toEqual(expected);
          expect(batches.every((b) => (b.texts !== undefined) === decode)).toBe(true);
        }
      }),
    );
  });

  it('keeps exactly the lines the prefilter passes on their bytes, and counts the others', () => {
    const { ast } = parse('any where event.action == "user.authentication.sso"');
    const spec = deriveRawPrefilter([{ statement: ast as NonNullable<typeof ast> }]);
    for (const decode of [false, true]) {
      const filter = new ByteLineFilter(compileRawPrefilter(spec as NonNullable<typeof spec>, { utf8Bytes: true }), decode);
      const text = ['{"a":"é user.authentication.sso"}', '{"a":"other"}', '{"a":"\\u0075ser"}', '{"a":', '{"a":"user.authentication.sso"}'].join('\n');
      const first = filter.push(Buffer.from(text.slice(0, 20), 'utf8'));
      const second = filter.push(Buffer.from(text.slice(20), 'utf8'));
      const last = filter.end();
      expect(lines([first, second, last])).toEqual([
        { text: '{"a":"é user.authentication.sso"}', line: 1 },
        { text: '{"a":"\\u0075ser"}', line: 3 },
        { text: '{"a":', line: 4 },
        { text: '{"a":"user.authentication.sso"}', line: 5 },
      ]);
      expect(first.skipped + second.skipped + last.skipped).toBe(1);
    }
  });
});
