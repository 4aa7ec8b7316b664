import fc from 'fast-check';
import { compile } from '@eqlkit/engine';
import { parse } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { RouteIndex } from './route-index.js';
import { foldForRouting, ruleRouteKeys } from './route-keys.js';

const keysOf = (query: string) => {
  const { ast } = parse(query);
  if (!ast) throw new Error(`does not parse: ${query}`);
  return ruleRouteKeys(ast, 'event.category');
};

describe('ruleRouteKeys', () => {
  it('keys a stage by its narrowest constant equality', () => {
    expect(keysOf('process where process.name == "cmd.exe" and process.args : ("/c", "/k")')).toEqual([
      { field: 'process.name', value: 'cmd.exe', folded: false },
    ]);
  });

  it('falls back to the category when the condition has no constant equality', () => {
    expect(keysOf('process where startsWith(process.name, "a")')).toEqual([{ field: 'event.category', value: 'process', folded: false }]);
  });

  it('unites the keys of every stage of a sequence, until included', () => {
    const keys = keysOf('sequence by host.id [process where process.name == "a"] [network where true] until [file where file.name : "x"]');
    expect(keys).toEqual([
      { field: 'process.name', value: 'a', folded: false },
      { field: 'event.category', value: 'network', folded: false },
      { field: 'file.name', value: 'x', folded: true },
    ]);
  });

  it('tries a rule on every event when a stage is an or/not of unknowns, or any where without equality', () => {
    expect(keysOf('any where not event.action == "a"')).toBeUndefined();
    expect(keysOf('any where event.action == "a" or startsWith(process.name, "b")')).toBeUndefined();
    expect(keysOf('sequence [any where event.action == "a"] [any where true]')).toBeUndefined();
    expect(keysOf('any where process.name : "cmd*"')).toBeUndefined();
  });

  it('keeps an or when both sides have keys', () => {
    expect(keysOf('any where event.action == "a" or event.code in ("x", "y")')).toHaveLength(3);
  });

  it('folds like the loosest engine fold: Kelvin sign, long s and dotted capital I meet ASCII', () => {
    expect(foldForRouting('\u212Aernel')).toBe('kernel');
    expect(foldForRouting('\u017Fh')).toBe('sh');
    expect(foldForRouting('\u0130D')).toBe('id');
  });
});

describe('routing is sound', () => {
  const value = fc.constantFrom('a', 'A', 'b', 'k', '\u212A', 's', '\u017F', 'i', '\u0130', '\u00DF', '5', 'x y');
  const field = fc.constantFrom('f', 'g.h', 'event.category');
  const lit = (v: string) => JSON.stringify(v);
  const atom = fc.oneof(
    fc.tuple(field, value).map(([f, v]) => `${f} == ${lit(v)}`),
    fc.tuple(field, value).map(([f, v]) => `${f} : ${lit(v)}`),
    fc.tuple(field, value).map(([f, v]) => `${f} like~ ${lit(v)}`),
    fc.tuple(field, fc.array(value, { minLength: 1, maxLength: 3 })).map(([f, vs]) => `${f} in (${vs.map(lit).join(', ')})`),
    fc.tuple(field, fc.array(value, { minLength: 1, maxLength: 3 })).map(([f, vs]) => `${f} in~ (${vs.map(lit).join(', ')})`),
    fc.tuple(field, value).map(([f, v]) => `${f} != ${lit(v)}`),
    field.map((f) => `${f} : "a*"`),
  );
  const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a} and ${b})`),
      fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a} or ${b})`),
      tie('c').map((a) => `not (${a})`),
    ),
  })).c;
  const category = fc.constantFrom('any', 'process', 'network');
  const fieldValue = fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(null));
  const event = fc.record(
    {
      f: fieldValue,
      g: fc.record({ h: fieldValue }, { requiredKeys: [] }),
      'g.h': fieldValue,
      event: fc.record({ category: fieldValue }, { requiredKeys: [] }),
      '@timestamp': fc.constant(1),
    },
    { requiredKeys: ['@timestamp'] },
  );

  it('never leaves out a rule whose query matches the event (property)', () => {
    let matched = 0;
    fc.assert(
      fc.property(category, condition, event, (cat, cond, e) => {
        const query = `${cat} where ${cond}`;
        const compiled = compile(query);
        const index = new RouteIndex();
        index.add(0, ruleRouteKeys(compiled.statement, 'event.category'));
        const matches = compiled.search([e]).length > 0;
        if (matches) {
          matched++;
          expect(index.candidates(e)).toEqual([0]);
        }
      }),
      { numRuns: 3000 },
    );
    // The property means something only if a fair share of the random pairs match.
    expect(matched).toBeGreaterThan(300);
  });
});
