import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText } from '../../../../test/support/cut-text.js';
import { splitText, type SplitItem } from './split-text.js';
import type { TextRecord } from './text-record.js';
import { firstLineLeavesObjectOpen, ValueStreamSplitter } from './value-stream-splitter.js';

function runAll(chunks: readonly string[]): { records: TextRecord[]; error?: string } {
  const splitter = new ValueStreamSplitter();
  const records = chunks.flatMap((chunk) => splitter.push(chunk));
  const end = splitter.end();
  return { records: [...records, ...end.records], error: end.error?.message };
}

async function split(text: string): Promise<SplitItem[]> {
  const items: SplitItem[] = [];
  for await (const item of splitText((async function* () { yield text; })())) items.push(item);
  return items;
}

const jsonObject = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 });

describe('ValueStreamSplitter', () => {
  it('cuts pretty-printed objects (jq output) into records with their starting lines', () => {
    const text = '{\n  "a": "}{",\n  "b": [1, {"c": 2}]\n}\n\n{\n  "d": "\\"}"\n}\n';
    expect(runAll([text])).toEqual({
      records: [
        { text: '{\n  "a": "}{",\n  "b": [1, {"c": 2}]\n}', line: 1 },
        { text: '{\n  "d": "\\"}"\n}', line: 6 },
      ],
      error: undefined,
    });
  });

  it('gives a bare scalar its own record (reported later as not an object)', () => {
    expect(runAll(['{"a":1} 42\n{"b":2}']).records.map((r) => r.text)).toEqual(['{"a":1}', '42', '{"b":2}']);
  });

  it('reports an object the input cuts off, with the line it starts on', () => {
    expect(runAll(['{"a":1}\n{\n  "b": ']).error).toBe('the JSON value that starts here is not closed (input ended inside it)');
    const { records } = runAll(['{"a":1}\n{\n  "b": ']);
    expect(records).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '{\n  "b":', line: 2 },
    ]);
  });

  it('gives the same records for any split of the input into chunks, and the values back', () => {
    fc.assert(
      fc.property(fc.array(jsonObject, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 10 }), (objects, positions) => {
        const text = objects.map((o) => JSON.stringify(o, null, 2)).join('\n');
        const whole = runAll([text]);
        expect(runAll(cutText(text, positions))).toEqual(whole);
        expect(whole.records.map((r) => JSON.parse(r.text))).toEqual(objects.map((o) => JSON.parse(JSON.stringify(o))));
      }),
    );
  });
});

describe('choosing the splitter', () => {
  it('tells pretty-printed objects from NDJSON by the first line', () => {
    expect(firstLineLeavesObjectOpen('{\n"a":1}')).toBe(true);
    expect(firstLineLeavesObjectOpen('{"a":"{"}\n{')).toBe(false);
    expect(firstLineLeavesObjectOpen('{"a":1')).toBeUndefined();
  });

  it('reads a lone pretty-printed event as one record, NDJSON as lines', async () => {
    expect(await split('\n{\n  "a": 1\n}\n')).toEqual([{ kind: 'record', record: { text: '{\n  "a": 1\n}', line: 2 } }]);
    expect(await split('{"a":1}\n{"b":2}')).toEqual([
      { kind: 'record', record: { text: '{"a":1}', line: 1 } },
      { kind: 'record', record: { text: '{"b":2}', line: 2 } },
    ]);
    // One line without a newline: decided at the end of the input.
    expect(await split('{"a":1}')).toEqual([{ kind: 'record', record: { text: '{"a":1}', line: 1 } }]);
  });
});
