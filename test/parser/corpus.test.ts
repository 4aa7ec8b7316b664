import { describe, expect, it } from 'vitest';
import { parse, print, stripRanges } from '@eqlkit/parser';
import { loadCorpusQueries } from './shared-queries.js';

const queries = loadCorpusQueries();

describe('detection-rules corpus', () => {
  it('holds all 1081 queries', () => {
    expect(queries).toHaveLength(1081);
  });

  it('parses every query without a diagnostic', () => {
    const failures = queries
      .map((q) => ({ name: q.name, diagnostics: parse(q.query).diagnostics }))
      .filter((r) => r.diagnostics.length > 0);
    expect(failures).toEqual([]);
  });

  it('round-trips every query through print', () => {
    const broken = queries.filter((q) => {
      const { ast } = parse(q.query);
      if (!ast) return true;
      const again = parse(print(ast));
      return again.diagnostics.length > 0 || JSON.stringify(stripRanges(again.ast)) !== JSON.stringify(stripRanges(ast));
    });
    expect(broken.map((q) => q.name)).toEqual([]);
  });

  it('returns a statement for every query', () => {
    const missing = queries.filter((q) => parse(q.query).ast?.type !== 'Statement').map((q) => q.name);
    expect(missing).toEqual([]);
  });
});
