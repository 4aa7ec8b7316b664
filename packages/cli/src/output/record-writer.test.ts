import { describe, expect, it } from 'vitest';
import { createRecordWriter, type TableLayout } from './record-writer.js';
import type { OutputFormat } from './output-format.js';

const layout: TableLayout = {
  columns: ['name', 'n'],
  widths: [6],
  rows: (r) => [[String(r.name), String(r.n)]],
};

function render(format: OutputFormat, records: Record<string, unknown>[]): string {
  let out = '';
  const writer = createRecordWriter(format, { write: (t) => ((out += t), true) }, layout);
  records.forEach((r) => writer.write(r));
  writer.end();
  return out;
}

describe('record writers', () => {
  const records = [
    { name: 'a', n: 1 },
    { name: 'longer name', n: 2 },
  ];

  it('ndjson: one compact JSON object a line', () => {
    expect(render('ndjson', records)).toBe('{"name":"a","n":1}\n{"name":"longer name","n":2}\n');
    expect(render('ndjson', [])).toBe('');
  });

  it('json: one array that parses back, also when empty', () => {
    expect(JSON.parse(render('json', records))).toEqual(records);
    expect(JSON.parse(render('json', []))).toEqual([]);
  });

  it('table: header, fixed-width cells cut with an ellipsis, and a count', () => {
    expect(render('table', records)).toBe('name    n\na       1\nlonge…  2\n(2 results)\n');
    expect(render('table', [])).toBe('(no results)\n');
  });
});
