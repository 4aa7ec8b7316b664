import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticCode, parse } from '@eqlkit/parser';
import { loadSpecQueries } from './shared-queries.js';

/** One rejected query: inline, or named from a conformance file (shared data stays outside the repo). */
interface RejectedCase {
  readonly query?: string;
  readonly source?: { readonly file: string; readonly name: string };
  readonly code: string;
  /** The exact source text the diagnostic's range must cover, when given. */
  readonly text?: string;
  /** The exact message and hint (none when absent) users read. */
  readonly message?: string;
  readonly hint?: string;
}

const cases = JSON.parse(readFileSync(new URL('./fixtures/rejected-queries.json', import.meta.url), 'utf8')) as RejectedCase[];

function queryOf(c: RejectedCase): string {
  if (c.query !== undefined) return c.query;
  const source = c.source as { file: string; name: string };
  const found = loadSpecQueries(source.file).find((q) => q.name === source.name);
  if (!found) throw new Error(`no query ${source.name} in ${source.file}`);
  return found.query;
}

const KNOWN_CODES = new Set<string>(Object.values(DiagnosticCode));

describe('rejected queries fixture', () => {
  it('has at least 40 cases using only catalogued codes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) expect(KNOWN_CODES.has(c.code), c.code).toBe(true);
  });

  for (const c of cases) {
    const label = c.query ?? `${c.source?.file} ${c.source?.name}`;
    it(`reports ${c.code} for ${label}`, () => {
      const query = queryOf(c);
      const { ast, diagnostics } = parse(query);
      const match = diagnostics.find((d) => d.code === c.code);
      expect(match, JSON.stringify(diagnostics)).toBeDefined();
      const [start, end] = match!.range;
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThanOrEqual(query.length);
      expect(start).toBeLessThanOrEqual(end);
      if (c.text !== undefined) expect(query.slice(start, end)).toBe(c.text);
      if (c.message !== undefined) {
        expect(match!.message).toBe(c.message);
        expect(match!.hint).toBe(c.hint);
      } else if (c.hint !== undefined) expect(match!.hint).toBe(c.hint);
      // Syntax and legacy errors withhold the tree; semantic errors keep it.
      if (/^EQL[13]/.test(c.code)) expect(ast).toBeUndefined();
      else expect(ast).toBeDefined();
    });
  }
});
