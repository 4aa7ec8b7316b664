import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText as cut } from '../../../../test/support/cut-text.js';
import { ArraySplitter } from './array-splitter.js';
import { LineSplitter } from './line-splitter.js';
import type { Splitter, TextRecord } from './text-record.js';

function runAll(splitter: Splitter, chunks: readonly string[]): { records: TextRecord[]; error?: string } {
  const records = chunks.flatMap((chunk) => splitter.push(chunk));
  const end = splitter.end();
  return { records: [...records, ...end.records], error: end.error?.message };
}


const jsonObject = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 });

describe('LineSplitter', () => {
  it('gives one record per non-blank line with its line number, CRLF and no final newline included', () => {
    const { records } = runAll(new LineSplitter(), ['{"a":1}\r\n\n  \n{"b"', ':2}\n{"c":3}']);
    expect(records).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '{"b":2}', line: 4 },
      { text: '{"c":3}', line: 5 },
    ]);
  });

  it('gives the same records for any split of the input into chunks', () => {
    fc.assert(
      fc.property(fc.array(jsonObject, { maxLength: 8 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), (objects, crlf, positions) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = objects.map((o) => JSON.stringify(o)).join(eol);
        const whole = runAll(new LineSplitter(), [text]).records;
        const pieces = runAll(new LineSplitter(), cut(text, positions)).records;
        expect(pieces).toEqual(whole);
        // Compared after a JSON round trip: JSON has no -0, so fc's -0 reads back as 0.
        expect(whole.map((r) => JSON.parse(r.text))).toEqual(objects.map((o) => JSON.parse(JSON.stringify(o))));
      }),
    );
  });
});

describe('ArraySplitter', () => {
  it('cuts a pretty-printed array into elements with their starting lines', () => {
    const text = '[\n  {"a": "x,]"},\n  {"b": [1, {"c": 2}]}\n]\n';
    const { records, error } = runAll(new ArraySplitter(), [text]);
    expect(error).toBeUndefined();
    expect(records).toEqual([
      { text: '{"a": "x,]"}', line: 2 },
      { text: '{"b": [1, {"c": 2}]}', line: 3 },
    ]);
  });

  it('reads an empty array and several arrays in a row', () => {
    expect(runAll(new ArraySplitter(), ['[]']).records).toEqual([]);
    expect(runAll(new ArraySplitter(), ['[{"a":1}]\n[{"b":2}]']).records.map((r) => r.text)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reports a missing element as an empty record and keeps the others', () => {
    const { records } = runAll(new ArraySplitter(), ['[{"a":1},,{"b":2},]']);
    expect(records.map((r) => r.text)).toEqual(['{"a":1}', '', '{"b":2}', '']);
  });

  it('reports an array that is never closed, keeping the elements read', () => {
    const { records, error } = runAll(new ArraySplitter(), ['[{"a":1},\n{"b":2}']);
    expect(records.map((r) => r.text)).toEqual(['{"a":1}', '{"b":2}']);
    expect(error).toMatch(/not closed/);
  });

  it('reports text after the closing bracket', () => {
    expect(runAll(new ArraySplitter(), ['[{"a":1}] x']).error).toMatch(/after the end/);
  });

  it('gives the same elements as JSON.parse for any split of any array into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), (values, pretty, positions) => {
        const text = JSON.stringify(values, null, pretty ? 2 : undefined);
        const { records, error } = runAll(new ArraySplitter(), cut(text, positions));
        expect(error).toBeUndefined();
        expect(records.map((r) => JSON.parse(r.text))).toEqual(JSON.parse(text));
      }),
    );
  });
});
