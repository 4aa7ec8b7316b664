import type { SequenceQuery } from '@eqlkit/parser';
import { parse, print } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { propagateJoinKeyConstraints } from './join-key-constraints.js';

function propagated(text: string): string[] {
  const { ast } = parse(text);
  const query = ast!.query as SequenceQuery;
  return propagateJoinKeyConstraints(query.terms, query.by).map((c) =>
    print({ type: 'Statement', pipes: [], range: [0, 0], query: { type: 'EventQuery', range: [0, 0], filter: { type: 'EventFilter', range: [0, 0], category: { type: 'Category', any: true, quoted: 'none', range: [0, 0] }, condition: c } } }),
  );
}

describe('join-key constraint propagation', () => {
  it('copies a conjunct on the key to the other terms, renamed to their key', () => {
    const out = propagated('sequence [any where a != "x" and c == 1] by a [any where true] by b');
    expect(out[0]).toContain('c == 1');
    expect(out[1]).toContain('b != "x"');
    expect(out[1]).not.toContain('c == 1');
  });
  it('leaves conjuncts with `or` or other fields alone', () => {
    const out = propagated('sequence by k [any where k == "x" or k == "y"] [any where k != z] [any where true]');
    expect(out[2]).not.toContain('k');
  });
  it('filters multi-valued keys as Elasticsearch does', () => {
    const q = compile('sequence by k [any where c == 1 and k != "x"] [any where c == 2]');
    const events = [
      { '@timestamp': 1, c: 1, k: 'y' },
      { '@timestamp': 2, c: 2, k: ['x', 'y'] },
    ];
    expect(q.search(events)).toEqual([]);
    expect(q.search([events[0]!, { '@timestamp': 2, c: 2, k: 'y' }])).toHaveLength(1);
  });
});

describe('join-key constraint propagation: which conjuncts, renamed how', () => {
  const other = (condition: string) => propagated(`sequence [any where ${condition}] by k [any where true] by b`);

  it('copies a conjunct on the key whatever its shape, renaming the key everywhere in it', () => {
    expect(other('-k < -5 and not k in ("x", "y")')).toEqual(['any where -k < -5 and not k in ("x", "y")', 'any where true and -b < -5 and not b in ("x", "y")']);
    expect(other('k + 1 > 5 and k : "x*" and length(k) > 3')[1]).toBe('any where true and b + 1 > 5 and b : "x*" and length(b) > 3');
    expect(other('not (k == "x" and k like~ "y*")')[1]).toBe('any where true and not (b == "x" and b like~ "y*")');
    expect(other('k in ("x", "y")')[1]).toBe('any where true and b in ("x", "y")');
    expect(other('k : ("x*", "y*")')[1]).toBe('any where true and b : ("x*", "y*")');
  });

  it('leaves alone a conjunct with an `or` anywhere inside it', () => {
    for (const condition of [
      'not (k == "x" or k == "y")',
      '(k == "x" or k == "y") == true',
      'true == (k == "x" or k == "y")',
      'concat(k, k == "x" or k == "y") == "z"',
      '(k == "x" or k == "y") in (true)',
      'k : (k == "x" or k == "y")',
    ]) {
      expect(other(condition), condition).toEqual([`any where ${condition}`, 'any where true']);
    }
  });

  it('adds nothing to the term the conjunct comes from, nor to a term without a key at that position', () => {
    expect(propagated('sequence [any where a != "x" and c == "1"] by a, c [any where true] by b')).toEqual(['any where a != "x" and c == "1"', 'any where true and b != "x"']);
  });
});
