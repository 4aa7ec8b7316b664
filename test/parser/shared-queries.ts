import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { sharedPath } from '../support/shared.js';

/** One detection-rules query of `queries.ndjson`. */
export interface CorpusQuery {
  readonly name: string;
  readonly path: string;
  readonly query: string;
}

/** Every query of the detection-rules corpus. */
export function loadCorpusQueries(): CorpusQuery[] {
  const text = readFileSync(sharedPath('corpus', 'detection-rules', 'queries.ndjson'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { name: string; path: string; query: string };
      return { name: row.name, path: row.path, query: row.query };
    });
}

/** The modern Elasticsearch conformance files (README §5). */
export const MODERN_CONFORMANCE_FILES = [
  'test_queries.toml',
  'additional_test_queries.toml',
  'test_queries_date.toml',
  'test_extra.toml',
  'test_missing_events.toml',
  'test_sample.toml',
  'test_sample_multi.toml',
] as const;

/** A named query of a conformance TOML file. */
export interface SpecQuery {
  readonly file: string;
  readonly name: string;
  readonly query: string;
}

/** Active `[[queries]]` of one conformance file (bare `null` in arrays made `"null"` first). */
export function loadSpecQueries(file: string): SpecQuery[] {
  const raw = readFileSync(sharedPath('conformance', 'elasticsearch', file), 'utf8');
  // test_extra.toml has bare `null` inside arrays, which strict TOML rejects (README §3).
  const text = raw.replace(/([[,]\s*)null(?=\s*[\],])/g, '$1"null"');
  const doc = parseToml(text) as { queries?: { name: string; query: string }[] };
  return (doc.queries ?? []).map((q) => ({ file, name: q.name, query: q.query.trim() }));
}
