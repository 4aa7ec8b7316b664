import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText as cut } from '../../../../test/support/cut-text.js';
import type { InputItem } from './input-item.js';
import { parseRecords } from './read-events.js';

async function* chunks(parts: readonly string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

async function collect(parts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const item of parseRecords(chunks(parts), 'f')) out.push(show(item));
  return out;
}

function show(item: InputItem): string {
  return item.kind === 'event' ? `${item.line} ${JSON.stringify(item.event)}` : `${item.line} ${item.scope} ${item.message}`;
}


const line = fc.oneof(
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }).map((o) => JSON.stringify(o)),
  fc.constantFrom('{"broken": ', '42', '[1]', 'null', '   ', ''),
);

describe('parseRecords', () => {
  it('gives the same events and problems for any split of mixed NDJSON, CRLF or LF, array or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), fc.boolean(), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), async (lines, crlf, asArray, positions) => {
        const objects = lines.filter((l) => l.startsWith('{"') || l === '{}');
        const text = asArray ? `[${objects.join(crlf ? ',\r\n' : ',\n')}]` : lines.join(crlf ? '\r\n' : '\n');
        const whole = await collect([text]);
        expect(await collect(cut(text, positions))).toEqual(whole);
      }),
    );
  });

  it('ignores leading blank lines before choosing NDJSON or array', async () => {
    expect(await collect(['\n\n', '  [', '{"a":1}]'])).toEqual(['3 {"a":1}']);
    expect(await collect(['\n', '\n{"a":1}\n'])).toEqual(['3 {"a":1}']);
  });
});
