import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './format-diagnostic.js';
import { parse } from './parse.js';

function first(query: string) {
  const d = parse(query).diagnostics[0];
  if (!d) throw new Error(`no diagnostic for ${query}`);
  return d;
}

describe('formatDiagnostic', () => {
  it('prefixes the file and shifts lines and first-line columns by the offsets', () => {
    const query = 'process where x = 1';
    const text = formatDiagnostic(first(query), query, { file: 'rules/a.toml', lineOffset: 9, columnOffset: 4 });
    expect(text.split('\n')[0]).toBe('rules/a.toml:10:21: error EQL3001: `=` is not an equality operator in Elasticsearch EQL');
  });

  it('does not shift columns of later lines', () => {
    const query = 'process where\n  x = 1';
    const text = formatDiagnostic(first(query), query, { columnOffset: 4 });
    expect(text.split('\n')[0]).toMatch(/^2:5: /);
  });

  it('places the caret under the range on a later line, after the source line', () => {
    const query = 'sequence by a\n  [x where true]\n  [y where true] by b';
    const d = first(query);
    const lines = formatDiagnostic(d, query).split('\n');
    expect(lines[1]).toBe('    [y where true] by b');
    expect(lines[2]).toBe('                      ^');
  });

  it('colours only when asked', () => {
    const query = 'process where x = 1';
    expect(formatDiagnostic(first(query), query)).not.toContain('\u001b[');
    expect(formatDiagnostic(first(query), query, { color: true })).toContain('\u001b[31m');
  });

  it('puts a single caret at the end of the query for an error at end of input', () => {
    const query = 'process where (a';
    const lines = formatDiagnostic(first(query), query).split('\n');
    expect(lines[2]).toBe(`  ${' '.repeat(query.length)}^`);
  });
});
