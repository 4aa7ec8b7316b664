import type { Expression } from '@eqlkit/parser';
import { parse } from '@eqlkit/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-expression.js';
import type { EqlEvent } from './event.js';
import { categoryTest, compilePrefilter, fastFieldGetter, plainReader, PlainReaders, withFastPath } from './fast-path.js';
import { compileFieldGetter } from './field-access.js';
import { schemaFromMapping } from './schema.js';

function condition(text: string): Expression {
  const { ast, diagnostics } = parse(`any where ${text}`);
  if (!ast || ast.query.type !== 'EventQuery') throw new Error(`${text}: ${JSON.stringify(diagnostics)}`);
  return ast.query.filter.condition;
}

const word = fc.constantFrom('x', 'y', 'X', '');
const scalar = fc.oneof(word, fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
/** Events mixing layouts: nested, dotted twins, arrays of objects, scalars in the way. */
const eventArb: fc.Arbitrary<EqlEvent> = fc.record(
  {
    a: fc.oneof(fc.record({ b: value, c: fc.record({ d: value }, { requiredKeys: [] }) }, { requiredKeys: [] }), fc.array(fc.record({ b: value })), scalar),
    'a.b': value,
    'a.c.d': value,
    'c.d': value,
    c: value,
  },
  { requiredKeys: [] },
);

const leaf = fc.oneof(
  fc.tuple(fc.constantFrom('a.b', 'c', 'a.c.d'), fc.constantFrom('==', '!='), word).map(([f, op, w]) => `${f} ${op} "${w}"`),
  fc.tuple(fc.constantFrom('a.b', 'c'), fc.constantFrom('in', 'not in'), fc.array(word, { minLength: 1, maxLength: 3 })).map(
    ([f, op, ws]) => `${f} ${op} (${ws.map((w) => `"${w}"`).join(', ')})`,
  ),
);
const conditionArb: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie('c').map((c) => `not ${c}`),
  ),
})).c;

describe('fast path', () => {
  it('agrees with the compiled predicate on every event layout', () => {
    fc.assert(
      fc.property(conditionArb, fc.array(eventArb, { maxLength: 8 }), (text, events) => {
        const expr = condition(text);
        const full = compileCondition(expr);
        const fast = withFastPath(expr, full, new PlainReaders());
        for (const e of events) expect(fast(e), `${text} on ${JSON.stringify(e)}`).toBe(full(e));
      }),
      { numRuns: 400 },
    );
  });
  it('decides alone on plain layouts (nested objects, string or absent values): the general predicate is never asked', () => {
    const text = fc.oneof(word, fc.constant(null));
    const plainEvent: fc.Arbitrary<EqlEvent> = fc.record(
      { a: fc.record({ b: text, c: fc.record({ d: text }, { requiredKeys: [] }) }, { requiredKeys: [] }), c: text },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(conditionArb, fc.array(plainEvent, { maxLength: 8 }), (cond, events) => {
        const expr = condition(cond);
        const full = compileCondition(expr);
        const fast = withFastPath(expr, () => {
          throw new Error('deferred');
        }, new PlainReaders());
        for (const e of events) expect(fast(e), `${cond} on ${JSON.stringify(e)}`).toBe(full(e));
      }),
      { numRuns: 300 },
    );
  });
  it('reads join-key values as the general reader does (null and absent alike)', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        for (const path of [['a', 'b'], ['c'], ['a', 'c', 'd']]) {
          const slow = compileFieldGetter(path);
          expect(fastFieldGetter(path, slow, new PlainReaders())(e) ?? null).toEqual(slow(e) ?? null);
        }
      }),
    );
  });
  it('reads the same values with generated code and with closures', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        for (const path of [['a', 'b'], ['c'], ['a', 'c', 'd'], ['a', 'c', 'd', 'e']]) {
          expect(new PlainReaders().get(path)(e)).toEqual(plainReader(path)(e));
        }
      }),
    );
  });
  it('tests categories as value-or-array membership', () => {
    const get = compileFieldGetter(['event', 'category']);
    const is = categoryTest(['event', 'category'], 'process', get, new PlainReaders());
    expect(is({ event: { category: 'process' } })).toBe(true);
    expect(is({ event: { category: ['file', 'process'] } })).toBe(true);
    expect(is({ 'event.category': 'process' })).toBe(true);
    expect(is({ event: { category: 'Process' } })).toBe(false);
    expect(is({})).toBe(false);
  });
  it('leaves typed fields (aliases, null_value, numbers) to the compiled predicate', () => {
    const schema = schemaFromMapping({
      properties: { k: { type: 'keyword', null_value: 'NULL' }, n: { type: 'long' }, al: { type: 'alias', path: 'k' } },
    });
    for (const text of ['k == "NULL"', 'n == "5"', 'al == "NULL"']) {
      const expr = condition(text);
      const full = compileCondition(expr, { schema });
      const fast = withFastPath(expr, full, new PlainReaders(), schema);
      expect(fast).toBe(full);
    }
  });
  it('does not read inherited properties', () => {
    const expr = condition('constructor == "x"');
    const full = compileCondition(expr);
    const fast = withFastPath(expr, full, new PlainReaders());
    expect(fast({})).toBe(full({}));
  });
  it('prefilter rules out only events no term matches', () => {
    fc.assert(
      fc.property(fc.array(conditionArb, { minLength: 1, maxLength: 3 }), fc.array(eventArb, { maxLength: 8 }), (texts, events) => {
        const exprs = texts.map(condition);
        const fulls = exprs.map((e) => compileCondition(e));
        // Generated code and closures alike.
        for (const generate of [true, false]) {
          const prefilter = compilePrefilter(
            exprs.map((c) => ({ condition: c })),
            new PlainReaders(),
            undefined,
            generate,
          );
          if (!prefilter) return;
          for (const e of events) {
            const mask = prefilter.candidates(e);
            expect(prefilter.test(e)).toBe(mask !== 0);
            fulls.forEach((full, t) => {
              if ((mask & (1 << t)) === 0) expect(full(e), `${texts[t]} on ${JSON.stringify(e)}`).toBe(false);
            });
          }
        }
      }),
      { numRuns: 400 },
    );
  });
  it('prefilter uses the category a term requires', () => {
    const prefilter = compilePrefilter([{ condition: condition('true'), category: { path: ['event', 'category'], name: 'process' } }], new PlainReaders());
    expect(prefilter?.test({ event: { category: 'file' } })).toBe(false);
    expect(prefilter?.test({ event: { category: 'process' } })).toBe(true);
    expect(prefilter?.test({ event: { category: ['file', 'process'] } })).toBe(true);
  });
});
