import { parse, type Expression } from '@eqlkit/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-expression.js';
import { conjuncts, testingOrder } from './conjunct-order.js';
import type { EqlEvent } from './event.js';

const condition = (text: string): Expression => {
  const q = parse(`any where ${text}`).ast?.query;
  if (q?.type !== 'EventQuery') throw new Error(text);
  return q.filter.condition;
};
const order = (text: string) => {
  const list = conjuncts(condition(text));
  return testingOrder(list).map((i) => text.slice((list[i] as Expression).range[0] - 10, (list[i] as Expression).range[1] - 10));
};

describe('the order of conjuncts', () => {
  it('flattens nested ands, left to right, and leaves other shapes whole', () => {
    expect(conjuncts(condition('a == "1" and (b == "2" and c == "3") and (d == "4" or e == "5")')).map((c) => c.type)).toEqual(['Comparison', 'Comparison', 'Comparison', 'Logical']);
  });

  it('tests cheap equalities first, then wildcard lists and regexes, exclusions last, the written order among equals', () => {
    expect(order('not p : ("*a*", "*b*") and q : ("*x*", "*y*", "*z*") and r != "x" and s == "a" and t : "cmd.exe" and u regex "x.*" and v in ("a", "b")')).toEqual([
      's == "a"',
      't : "cmd.exe"',
      'v in ("a", "b")',
      'q : ("*x*", "*y*", "*z*")',
      'u regex "x.*"',
      'r != "x"',
      'not p : ("*a*", "*b*")',
    ]);
  });

  it('puts comparisons by order and presence tests after equalities, negated equalities last', () => {
    expect(order('not a == "x" and b > 5 and c == null and d == "y"')).toEqual(['d == "y"', 'c == null', 'b > 5', 'not a == "x"']);
    expect(order('a : ("*x*", "*y*") and b regex~ "z.*" and c like "q"')).toEqual(['c like "q"', 'a : ("*x*", "*y*")', 'b regex~ "z.*"']);
    // An or of equalities is cheap and rarely true; an or at the top is one conjunct, whole.
    expect(order('length(a) > 1 and (b == "x" or c == "y") and d : "*w*"')).toEqual(['b == "x" or c == "y"', 'd : "*w*"', 'length(a) > 1']);
    expect(conjuncts(condition('(e : "*1*" and f : "*2*") or g == "z" and h == "v"')).map((c) => c.type)).toEqual(['Logical']);
  });

  it('gives the condition its value whatever the order (three-valued and, fast-check)', () => {
    const leaf = fc.constantFrom('a == "x"', 'a != "x"', 'b : "Y*"', 'not b : ("*y*", "z")', 'c > 2', 'c == null', 'length(a) == 1', 'a in ("x", "z")', 'true', 'null == null', 'd regex "[xy]+"');
    const conj = fc.array(leaf, { minLength: 2, maxLength: 6 });
    const value = fc.oneof(fc.constantFrom('x', 'X', 'y', 'Yz', 'zz'), fc.integer({ min: 0, max: 4 }), fc.constant(null), fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 2 }));
    const event = fc.record({ a: value, b: value, c: value, d: value }, { requiredKeys: [] });
    fc.assert(
      fc.property(conj, fc.array(event, { minLength: 1, maxLength: 6 }), (parts, events) => {
        // The same conjuncts written in reverse order: each `and` is ordered alike, so any
        // difference would be the order's.
        const forward = compileCondition(condition(parts.map((p) => `(${p})`).join(' and ')));
        const backward = compileCondition(condition([...parts].reverse().map((p) => `(${p})`).join(' and ')));
        const each = parts.map((p) => compileCondition(condition(p)));
        for (const e of events as EqlEvent[]) {
          expect(forward(e)).toBe(each.every((t) => t(e)));
          expect(backward(e)).toBe(forward(e));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('errors in a conjunction', () => {
  it('are reported leftmost first, whatever the testing order', () => {
    // The regex is tested after the comparison; its error is still the one reported.
    expect(() => compileCondition(condition('a regex "(" and b == "x" and c == "y" and d == startsWith(e)'))).toThrow(/invalid regex \[\(\]/);
    expect(() => compileCondition(condition('d == startsWith(e) and a regex "("'))).toThrow(/startsWith/i);
  });
});
