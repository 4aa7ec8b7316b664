import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { EqlError } from './errors.js';
import type { EqlEvent } from './event.js';
import { schemaFromMapping } from './schema.js';

const schema = schemaFromMapping({
  properties: { n: { type: 'long' }, d: { type: 'double' }, b: { type: 'boolean' }, t: { type: 'date' }, k: { type: 'keyword' } },
});
const SEQ = (key: string) => `sequence by ${key} [any where a == 1] [any where a == 2]`;

/** The join keys of the sequences two events form when the first has `x` and the second `y` under `key`. */
function joined(key: string, x: unknown, y: unknown, withSchema = true): unknown[][] {
  const events: EqlEvent[] = [
    { '@timestamp': 1, a: 1, [key]: x },
    { '@timestamp': 2, a: 2, [key]: y },
  ];
  return compile(SEQ(key), withSchema ? { schema } : {})
    .search(events)
    .map((h) => (h.kind === 'event' ? [] : h.joinKeys));
}

describe('join keys of mapped fields meet as the mapping reads them', () => {
  it('numbers: a numeric string and the number are one key; text that is no number joins nothing', () => {
    expect(joined('n', '5', 5)).toEqual([[5]]);
    expect(joined('n', 5, ' 5 ')).toEqual([[5]]);
    expect(joined('d', '2.50', 2.5)).toEqual([[2.5]]);
    expect(joined('n', 'x', 'x')).toEqual([]);
    expect(joined('n', '', '')).toEqual([]);
    expect(joined('n', true, true)).toEqual([]);
  });
  it('booleans: "true" is true, "false" is false, anything else joins nothing', () => {
    expect(joined('b', 'true', true)).toEqual([[true]]);
    expect(joined('b', false, 'false')).toEqual([[false]]);
    expect(joined('b', 'yes', 'yes')).toEqual([]);
  });
  it('dates: the same instant in any layout is one key', () => {
    expect(joined('t', '2020-01-01T00:00:00Z', 1577836800000)).toHaveLength(1);
    expect(joined('t', '2020-01-01T01:00:00+01:00', '2020-01-01T00:00:00.000Z')).toHaveLength(1);
    expect(joined('t', '2020-01-01', '2020-01-02')).toEqual([]);
    expect(joined('t', true, true)).toEqual([]);
  });
  it('keywords and unmapped fields compare the values as they are', () => {
    expect(joined('k', '5', 5, true)).toEqual([]);
    expect(joined('n', '5', 5, false)).toEqual([]);
    expect(joined('n', 'x', 'x', false)).toEqual([['x']]);
  });
  it('a per-stage key of a date type is read as the first positive stage reads it', () => {
    const q = 'sequence [any where a == 1] by t [any where a == 2] by t';
    const hits = compile(q, { schema }).search([
      { '@timestamp': 1, a: 1, t: '2020-01-01T00:00:00Z' },
      { '@timestamp': 2, a: 2, t: 1577836800000 },
    ]);
    expect(hits).toHaveLength(1);
  });
});

describe('compile', () => {
  it('throws the parser errors of a query text as an EqlError located in it', () => {
    let error: unknown;
    try {
      compile('any where\n  x == 1 and');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EqlError);
    expect((error as EqlError).diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['EQL1010', 'error', 2]]);
  });
});
