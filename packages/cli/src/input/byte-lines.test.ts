import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRawPrefilter, deriveRawPrefilter } from '@eqlkit/engine';
import { parse } from '@eqlkit/parser';
import { BatchBuffers } from './batch-buffers.js';
import { ByteLineFilter, byteScreen, decodeLines, utf8Text, type ByteLineBatch } from './byte-lines.js';
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

describe('decodeLines', () => {
  it('gives the lines of a batch joined with newlines, each decoded as TextDecoder would (fast-check)', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const line = fc.oneof(fc.string({ unit: 'binary' }).map((t) => t.replace(/\n/g, ' ')), fc.uint8Array({ maxLength: 12 }).map((b) => decoder.decode(b).replace(/\n/g, ' ')));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.nat(8), (texts, pad) => {
        // A view into a larger buffer, as the worker's reused buffers are.
        const joined = Buffer.from(texts.join('\n'), 'utf8');
        const big = new Uint8Array(joined.length + pad + 3);
        big.set(joined, pad);
        const view = big.subarray(pad, pad + joined.length);
        const expected = texts.map((t) => decoder.decode(Buffer.from(t, 'utf8')));
        expect(decodeLines(view, texts.length)).toEqual(expected);
        // Lines not used are left empty, the others decoded in their place.
        expect(decodeLines(view, texts.length, (i) => i % 2 === 1)).toEqual(expected.map((t, i) => (i % 2 === 1 ? '' : t)));
      }),
      { numRuns: 300 },
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
        // Copied into buffers given back once read, as the worker's are: each batch read before
        // the next is cut, the same lines.
        const buffers = new BatchBuffers(2, 16);
        const reusing = new ByteLineFilter(undefined, false, undefined, (size) => buffers.take(size));
        const read: { text: string; line: number }[] = [];
        const take = (batch: ByteLineBatch) => {
          read.push(...lines([batch]));
          buffers.give(batch.utf8.buffer as ArrayBuffer);
        };
        for (const c of cut(Buffer.from(text, 'utf8'), positions)) take(reusing.push(c));
        take(reusing.end());
        expect(read).toEqual(expected);
      }),
    );
  });

  it('takes a filter that rejects nothing as none: never calls it, keeps every line', () => {
    const never = Object.assign(
      (): boolean => {
        throw new Error('called');
      },
      { passesEverything: true },
    );
    const text = '{"a":1}\n{"a":\n\n{"b":"\\u0041"}\n';
    for (const decode of [false, true]) {
      const filter = new ByteLineFilter(never, decode);
      expect(lines([filter.push(Buffer.from(text, 'utf8')), filter.end()])).toEqual([
        { text: '{"a":1}', line: 1 },
        { text: '{"a":', line: 2 },
        { text: '{"b":"\\u0041"}', line: 4 },
      ]);
    }
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

describe('byteScreen', () => {
  const spec = (...terms: { text: string; caseInsensitive: boolean }[][][]) => ({ terms: terms.map((groups) => ({ groups })) });
  const cs = (text: string) => ({ text, caseInsensitive: false });
  const ci = (text: string) => ({ text, caseInsensitive: true });
  const texts = (screen: Buffer[] | undefined) => screen?.map((b) => b.toString('utf8')).sort();

  it('takes from each term its group of case-sensitive needles with the longest shortest needle, and a backslash', () => {
    expect(texts(byteScreen(spec([[cs('okta')], [cs('deny_push'), cs('deny_pus')]], [[cs('okta')], [cs('user.authentication.sso')]])))).toEqual(
      ['\\', 'deny_pus', 'deny_push', 'user.authentication.sso'].sort(),
    );
    expect(texts(byteScreen(spec([[ci('powershell')], [cs('é.exe')]])))).toEqual(['\\', 'é.exe'].sort());
  });

  it('gives none when a term has only case-insensitive groups, or the filter would take its many-needle path', () => {
    expect(byteScreen(spec([[cs('okta')]], [[ci('sso')]]))).toBeUndefined();
    // A numeric needle's group neither: its number may be written otherwise (`4.697e3`).
    const numeric = { text: '4697', caseInsensitive: false, exact: true as const, numeric: true as const };
    expect(byteScreen(spec([[cs('okta')]], [[numeric]]))).toBeUndefined();
    expect(texts(byteScreen(spec([[numeric], [cs('okta')]])))).toEqual(['\\', 'okta']);
    expect(byteScreen(spec(...Array.from({ length: 13 }, (_, i) => [[cs(`needle${i}`)]])))).toBeUndefined();
  });

  it('keeps exactly the lines the filter alone keeps, for any chunking (fast-check)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'é', '\\', 'u', '"', '{', '}', 'x');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
    const needle = fc.record({ text: word, caseInsensitive: fc.constantFrom(false, false, true) }).map((n) => (n.caseInsensitive ? { ...n, text: n.text.toLowerCase() } : n));
    const specs = fc.array(fc.array(fc.array(needle, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((t) => spec(...t));
    const line = fc.oneof(
      fc.array(word, { maxLength: 8 }).map((w) => `{${w.join('')}}`),
      fc.array(word, { maxLength: 8 }).map((w) => w.join('')),
      fc.constantFrom('', '{}', '{', '}', '\uFEFF{"a":"b"}'),
    );
    let screened = 0;
    fc.assert(
      fc.property(specs, fc.array(line, { maxLength: 12 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (s, ls, crlf, positions) => {
        const screen = byteScreen(s);
        if (screen) screened++;
        const bytes = Buffer.from(ls.join(crlf ? '\r\n' : '\n'), 'utf8');
        const run = (withScreen: boolean) => {
          const f = new ByteLineFilter(compileRawPrefilter(s, { utf8Bytes: true }), true, withScreen ? screen : undefined);
          const batches = cut(bytes, positions).map((c) => f.push(c));
          batches.push(f.end());
          return { kept: lines(batches), skipped: batches.reduce((n, b) => n + b.skipped, 0) };
        };
        expect(run(true)).toEqual(run(false));
      }),
      { numRuns: 400 },
    );
    expect(screened).toBeGreaterThan(100);
  });
});
