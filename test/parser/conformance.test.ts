import { describe, expect, it } from 'vitest';
import { parse, print, stripRanges } from '@eqlkit/parser';
import { MODERN_CONFORMANCE_FILES, loadSpecQueries } from './shared-queries.js';

// README §5: active query counts of the modern conformance files.
const EXPECTED_COUNTS: Record<(typeof MODERN_CONFORMANCE_FILES)[number], number> = {
  'test_queries.toml': 133,
  'additional_test_queries.toml': 61,
  'test_queries_date.toml': 4,
  'test_extra.toml': 40,
  'test_missing_events.toml': 26,
  'test_sample.toml': 25,
  'test_sample_multi.toml': 9,
};

describe('Elasticsearch conformance queries', () => {
  for (const file of MODERN_CONFORMANCE_FILES) {
    it(`parses every active query of ${file} without a diagnostic`, () => {
      const queries = loadSpecQueries(file);
      expect(queries).toHaveLength(EXPECTED_COUNTS[file]);
      const failures = queries
        .map((q) => ({ name: q.name, diagnostics: parse(q.query).diagnostics }))
        .filter((r) => r.diagnostics.length > 0);
      expect(failures).toEqual([]);
      for (const q of queries) {
        const { ast } = parse(q.query);
        expect(ast, q.name).toBeDefined();
        expect(stripRanges(parse(print(ast!)).ast), q.name).toEqual(stripRanges(ast));
      }
    });
  }
});
