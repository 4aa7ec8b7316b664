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
/** Conditions of `leaves` joined by `and`, `or` and `not`, to any small depth. */
const conditionsOf = (leaves: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.letrec<{ c: string }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaves,
      fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([l, op, r]) => `(${l} ${op} ${r})`),
      tie('c').map((c) => `not ${c}`),
    ),
  })).c;
const conditionArb = conditionsOf(leaf);

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
  it('compiled with shared plain readers, conditions give what the general reader gives (`:`, like, null tests, arrays)', () => {
    const wide = fc.oneof(
      leaf,
      fc.tuple(fc.constantFrom('a.b', 'c', 'a.c.d'), fc.constantFrom(':', 'like~', 'like'), fc.constantFrom('"x"', '"X*"', '("y", "*")', '"?"')).map(
        ([f, op, p]) => `${f} ${op} ${p}`,
      ),
      fc.tuple(fc.constantFrom('a.b', 'c', 'a.c.d', 'a'), fc.constantFrom('==', '!=')).map(([f, op]) => `${f} ${op} null`),
      fc.tuple(fc.constantFrom('a.b', 'c'), fc.constantFrom('== 1', '> 0', ': "1"', 'in~ ("X", "y")')).map(([f, t]) => `${f} ${t}`),
    );
    fc.assert(
      fc.property(conditionsOf(wide), fc.array(eventArb, { maxLength: 8 }), (text, events) => {
        const expr = condition(text);
        const general = compileCondition(expr);
        const readers = new PlainReaders();
        const shared = compileCondition(expr, { readers });
        for (const e of events) {
          readers.next();
          expect(shared(e), `${text} on ${JSON.stringify(e)}`).toBe(general(e));
        }
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

/** What a plain read gives: the value at the path's end as is, `null` (surely absent) or 'U' (another layout: the general reader decides). */
const show = (v: unknown) => (typeof v === 'symbol' ? 'U' : v);

describe('plain readers, exactly', () => {
  // [path, event, expected] over every shape a path of 1 to 5 segments can meet.
  const cases: [string, unknown, unknown][] = [
    ['a', { a: 'x' }, 'x'],
    ['a', { a: 5 }, 5],
    ['a', { a: false }, false],
    ['a', { a: null }, null],
    ['a', {}, null],
    ['a', { a: ['x'] }, ['x']],
    ['a', { a: { b: 1 } }, { b: 1 }],
    ['a.b', { a: { b: 'x' } }, 'x'],
    ['a.b', { a: { b: 0 } }, 0],
    ['a.b', { a: { b: true } }, true],
    ['a.b', { a: { b: null } }, null],
    ['a.b', { a: {} }, null],
    ['a.b', { a: 'x' }, null],
    ['a.b', { a: null }, null],
    ['a.b', {}, null],
    ['a.b', { a: [{ b: 'x' }] }, 'U'],
    ['a.b', { a: { b: ['x'] } }, ['x']],
    ['a.b', { a: { b: {} } }, {}],
    ['a.b', { 'a.b': 'x' }, 'U'],
    ['a.b', { 'a.b': null, a: { b: 'x' } }, 'U'],
    ['a.b.c', { a: { b: { c: 'x' } } }, 'x'],
    ['a.b.c', { a: { b: { c: 7 } } }, 7],
    ['a.b.c', { a: { b: {} } }, null],
    ['a.b.c', { a: { b: 'x' } }, null],
    ['a.b.c', { a: 'x' }, null],
    ['a.b.c', { a: null }, null],
    ['a.b.c', {}, null],
    ['a.b.c', { a: [{ b: { c: 'x' } }] }, 'U'],
    ['a.b.c', { a: { b: [{ c: 'x' }] } }, 'U'],
    ['a.b.c', { a: { b: { c: [1] } } }, [1]],
    ['a.b.c', { 'a.b.c': 'x' }, 'U'],
    ['a.b.c', { 'a.b': { c: 'x' } }, 'U'],
    ['a.b.c', { a: { 'b.c': 'x' } }, 'U'],
    ['a.b.c', { a: { b: { c: 'x' } }, 'b.c': 'y' }, 'x'],
    ['a.b.c.d', { a: { b: { c: { d: 'x' } } } }, 'x'],
    ['a.b.c.d', { a: { b: { c: { d: 1.5 } } } }, 1.5],
    ['a.b.c.d', { a: { b: { c: {} } } }, null],
    ['a.b.c.d', { a: { b: { c: 'x' } } }, null],
    ['a.b.c.d', { a: { b: 'x' } }, null],
    ['a.b.c.d', { a: { b: { c: [{ d: 'x' }] } } }, 'U'],
    ['a.b.c.d', { a: [{ b: { c: { d: 'x' } } }] }, 'U'],
    ['a.b.c.d', { 'a.b.c.d': 'x' }, 'U'],
    ['a.b.c.d', { 'a.b': { c: { d: 'x' } } }, 'U'],
    ['a.b.c.d', { a: { 'b.c.d': 'x' } }, 'U'],
    ['a.b.c.d', { a: { b: { 'c.d': 'x' } } }, 'U'],
    ['a.b.c.d', { a: { b: { c: { d: { e: 1 } } } } }, { e: 1 }],
    ['a.b.c.d.e', { a: { b: { c: { d: { e: 'x' } } } } }, 'x'],
    ['a.b.c.d.e', { a: { b: { c: { 'd.e': 'x' } } } }, 'U'],
    ['a.b.c.d.e', { a: { b: { c: { d: null } } } }, null],
  ];
  it.each(cases)('%s of %j reads %j (closures and generated code)', (path, event, expected) => {
    const segments = path.split('.');
    expect(show(plainReader(segments)(event as EqlEvent))).toEqual(expected);
    expect(show(new PlainReaders().get(segments)(event as EqlEvent))).toEqual(expected);
  });
  it('leaves events that are not objects (untyped callers) to the general reader', () => {
    for (const path of [['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]) {
      for (const event of [null, 5, 'x', true, [{ a: 'x' }], undefined]) {
        expect(show(plainReader(path)(event as unknown as EqlEvent))).toBe('U');
        expect(show(new PlainReaders().get(path)(event as unknown as EqlEvent))).toBe('U');
      }
    }
  });
  it('leaves paths through Object.prototype names to the general reader', () => {
    for (const path of [['constructor'], ['a', 'toString'], ['__proto__', 'x'], ['a', 'b', 'hasOwnProperty'], ['a', 'b', 'c', 'valueOf']]) {
      expect(show(plainReader(path)({ a: { b: { c: {} } } }))).toBe('U');
      expect(show(new PlainReaders().get(path)({ a: { b: { c: {} } } }))).toBe('U');
    }
  });
  it('remembers a value for one event until the next generation', () => {
    for (const path of [['a'], ['constructor']]) {
      const readers = new PlainReaders();
      const read = readers.get(path);
      expect(readers.get(path)).toBe(read);
      const event: Record<string, unknown> = { a: 'x' };
      expect(show(read(event))).toBe(path[0] === 'a' ? 'x' : 'U');
      event.a = 'y';
      // Same event, same generation: the value read before (terms of a sequence share it).
      expect(show(read(event))).toBe(path[0] === 'a' ? 'x' : 'U');
      readers.next();
      expect(show(read(event))).toBe(path[0] === 'a' ? 'y' : 'U');
      // Another event object is read afresh within a generation.
      expect(show(read({ a: 'z' }))).toBe(path[0] === 'a' ? 'z' : 'U');
    }
  });
  it('gives each set of readers its own memo of a path, though they share its code', () => {
    const first = new PlainReaders();
    const second = new PlainReaders();
    const a = first.get(['a', 'b']);
    const b = second.get(['a', 'b']);
    expect(b).not.toBe(a);
    const event = { a: { b: 'x' } };
    expect(show(a(event))).toBe('x');
    event.a.b = 'y';
    // The second set's generation (its own clock) has not read this event: it reads afresh, and
    // the first keeps its value until its own next generation.
    second.next();
    expect(show(b(event))).toBe('y');
    expect(show(a(event))).toBe('x');
    first.next();
    expect(show(a(event))).toBe('y');
  });
});

describe('fast path decisions', () => {
  const throwing = () => {
    throw new Error('general reader asked');
  };
  it('category test: a plain string, array or absence decides alone; other layouts ask the general reader', () => {
    const is = categoryTest(['event', 'category'], 'process', throwing, new PlainReaders());
    expect(is({ event: { category: 'process' } })).toBe(true);
    expect(is({ event: { category: 'file' } })).toBe(false);
    expect(is({ event: {} })).toBe(false);
    expect(is({ event: { category: null } })).toBe(false);
    expect(is({ event: { category: ['process'] } })).toBe(true);
    expect(is({ event: { category: ['file', 'process'] } })).toBe(true);
    expect(is({ event: { category: ['file'] } })).toBe(false);
    expect(is({ event: { category: [] } })).toBe(false);
    expect(() => is({ event: { category: { name: 'process' } } })).toThrow('general reader asked');
    expect(() => is({ event: [{ category: 'process' }] })).toThrow('general reader asked');
    expect(() => is({ 'event.category': 'process' })).toThrow('general reader asked');
    // A typed field (null_value) never takes the shortcut.
    const schema = schemaFromMapping({ properties: { event: { properties: { category: { type: 'keyword', null_value: 'process' } } } } });
    const typed = categoryTest(['event', 'category'], 'process', () => 'process', new PlainReaders(), schema);
    expect(typed({ event: { category: null } })).toBe(true);
  });
  it('join-key reader: plain values (arrays as is) alone, null as absent, other layouts through the general reader', () => {
    const get = fastFieldGetter(['a', 'b'], () => 'general', new PlainReaders());
    expect(get({ a: { b: 'x' } })).toBe('x');
    expect(get({ a: { b: 3 } })).toBe(3);
    expect(get({ a: { b: null } })).toBeUndefined();
    expect(get({})).toBeUndefined();
    expect(get({ a: { b: ['x'] } })).toEqual(['x']);
    expect(get({ a: [{ b: 'x' }] })).toBe('general');
    expect(get({ 'a.b': 'x' })).toBe('general');
    const schema = schemaFromMapping({ properties: { a: { properties: { b: { type: 'long' } } } } });
    expect(fastFieldGetter(['a', 'b'], () => 'general', new PlainReaders(), schema)({ a: { b: 3 } })).toBe('general');
  });
  it('decides ==, !=, in and not in on plain strings and absence without the general predicate', () => {
    const table: [string, EqlEvent, boolean][] = [
      ['a.b == "x"', { a: { b: 'x' } }, true],
      ['a.b == "x"', { a: { b: 'y' } }, false],
      ['a.b == "x"', {}, false],
      ['"x" == a.b', { a: { b: 'x' } }, true],
      ['a.b != "x"', { a: { b: 'x' } }, false],
      ['a.b != "x"', { a: { b: 'y' } }, true],
      ['a.b != "x"', {}, true],
      ['a.b in ("x", "y")', { a: { b: 'y' } }, true],
      ['a.b in ("x", "y")', { a: { b: 'z' } }, false],
      ['a.b in ("x", "y")', {}, false],
      ['a.b not in ("x", "y")', { a: { b: 'y' } }, false],
      ['a.b not in ("x", "y")', { a: { b: 'z' } }, true],
      ['a.b not in ("x", "y")', {}, true],
      ['not a.b == "x"', { a: { b: 'x' } }, false],
      ['not a.b == "x"', { a: { b: 'y' } }, true],
      ['a.b == "x" and c == "y"', { a: { b: 'x' }, c: 'y' }, true],
      ['a.b == "x" and c == "y"', { a: { b: 'x' }, c: 'n' }, false],
      ['a.b == "x" or c == "y"', { a: { b: 'n' }, c: 'y' }, true],
      ['a.b == "x" or c == "y"', { a: { b: 'n' }, c: 'n' }, false],
    ];
    for (const [text, event, expected] of table) {
      const fast = withFastPath(condition(text), throwing, new PlainReaders());
      expect(fast(event), text).toBe(expected);
    }
  });
  it('defers to the general predicate where the layout or the value is not a plain string', () => {
    const table: [string, EqlEvent][] = [
      ['a.b == "x"', { a: { b: ['x'] } }],
      ['a.b == "x"', { a: { b: 5 } }],
      ['a.b != "x"', { 'a.b': 'x' }],
      ['a.b in ("x")', { a: [{ b: 'x' }] }],
      ['not a.b in ("x")', { a: { b: true } }],
      ['a.b == "x" and c == "y"', { a: { b: 'x' }, c: ['y'] }],
      ['a.b == "x" or c == "y"', { a: { b: 'n' }, c: 1 }],
    ];
    for (const [text, event] of table) {
      let asked = 0;
      const fast = withFastPath(condition(text), () => ++asked > 0, new PlainReaders());
      expect(fast(event), text).toBe(true);
      expect(asked, text).toBe(1);
    }
  });
  it('takes no shortcut for other operators and case-insensitive forms', () => {
    for (const text of ['a.b : "x"', 'a.b in~ ("x")', 'a.b == 5', 'a.b < "x"', 'a.b like "x*"', 'a.b == c', 'startsWith(a.b, "x")', 'a.b == "x" and a.b : "x"']) {
      const full = compileCondition(condition(text));
      expect(withFastPath(condition(text), full, new PlainReaders()), text).toBe(full);
    }
  });
});

describe('prefilter selectivity', () => {
  const prefilterOf = (texts: string[], generate: boolean, categories: (string | undefined)[] = []) =>
    compilePrefilter(
      texts.map((t, i) => ({ condition: condition(t), ...(categories[i] ? { category: { path: ['event', 'category'], name: categories[i]! } } : {}) })),
      new PlainReaders(),
      undefined,
      generate,
    );
  for (const generate of [true, false]) {
    it(`gives each term's bit exactly when its required strings are there (${generate ? 'generated' : 'closures'})`, () => {
      const p = prefilterOf(['a.b == "x"', 'a.b in ("y", "z")', 'c == "x"', '"w" == a.b'], generate);
      expect(p).toBeDefined();
      expect(p!.candidates({ a: { b: 'x' } })).toBe(0b0001);
      expect(p!.candidates({ a: { b: 'z' } })).toBe(0b0010);
      expect(p!.candidates({ a: { b: 'w' } })).toBe(0b1000);
      expect(p!.candidates({ a: { b: 'x' }, c: 'x' })).toBe(0b0101);
      expect(p!.candidates({ a: { b: 'q' }, c: 'q' })).toBe(0);
      expect(p!.test({ a: { b: 'q' } })).toBe(false);
      expect(p!.test({ c: 'x' })).toBe(true);
      // A value the shortcut cannot read as a string: every term of that field may match.
      expect(p!.candidates({ a: { b: 5 } })).toBe(0b1011);
      expect(p!.candidates({ a: { b: ['x'] }, c: null })).toBe(0b1011);
      expect(p!.candidates({ c: ['x'] })).toBe(0b0100);
    });
    it(`merges an or over one field, and uses a map for many values (${generate ? 'generated' : 'closures'})`, () => {
      const many = Array.from({ length: 12 }, (_, i) => `"v${i}"`).join(', ');
      const p = prefilterOf(['a.b == "x" or a.b == "y"', `c in (${many})`], generate);
      expect(p!.candidates({ a: { b: 'y' } })).toBe(0b01);
      expect(p!.candidates({ a: { b: 'z' } })).toBe(0);
      expect(p!.candidates({ c: 'v11' })).toBe(0b10);
      expect(p!.candidates({ c: 'v12' })).toBe(0);
    });
    it(`a term needing a category is ruled out by another category (${generate ? 'generated' : 'closures'})`, () => {
      const p = prefilterOf(['true', 'a.b == "x"'], generate, ['process', 'file']);
      expect(p!.candidates({ event: { category: 'process' } })).toBe(0b01);
      expect(p!.candidates({ event: { category: 'file' }, a: { b: 'x' } })).toBe(0b10);
      expect(p!.candidates({ event: { category: 'network' } })).toBe(0);
      expect(p!.candidates({ event: { category: ['file', 'process'] } })).toBe(0b11);
    });
  }
  it('tests the field most terms need (the last written among equals)', () => {
    // Both terms test a.b: one read decides both, and c is not read at all.
    const p = prefilterOf(['a.b == "x" and c == "k"', 'a.b == "y"'], true);
    expect(p!.candidates({ a: { b: 'x' }, c: 'n' })).toBe(0b01);
    // One term, two fields once each: the last written (c) is the one read.
    const q = prefilterOf(['a.b == "x" and c == "k"'], false);
    expect(q!.candidates({ a: { b: 'n' }, c: 'k' })).toBe(1);
    expect(q!.candidates({ a: { b: 'x' }, c: 'n' })).toBe(0);
  });
  it('has no prefilter when some term requires no string', () => {
    for (const text of ['a.b != "x"', 'a.b not in ("x")', 'a.b in~ ("x")', 'a.b : "x"', 'a.b == "x" or c == "y"', 'a.b == 5', 'true', 'a.b == c']) {
      expect(prefilterOf(['d == "z"', text], true), text).toBeUndefined();
    }
  });
  it('over 30 terms, candidates is all-or-nothing (-1 or 0)', () => {
    const texts = Array.from({ length: 31 }, (_, i) => `a.b == "v${i}"`);
    for (const generate of [true, false]) {
      const p = prefilterOf(texts, generate);
      expect(p!.candidates({ a: { b: 'v30' } })).toBe(-1);
      expect(p!.candidates({ a: { b: 'none' } })).toBe(0);
      expect(p!.test({ a: { b: 'v0' } })).toBe(true);
    }
  });
  it('leaves typed fields out of the requirements', () => {
    const schema = schemaFromMapping({ properties: { a: { properties: { b: { type: 'keyword', null_value: 'N' } } } } });
    expect(compilePrefilter([{ condition: condition('a.b == "N"') }], new PlainReaders(), schema)).toBeUndefined();
  });
});

describe('fast path operand order', () => {
  it('moves the side of an and/or that decides more often first, learnt over 256 events', () => {
    for (const [op, decisive] of [
      ['and', 'n'],
      ['or', 'y'],
    ] as const) {
      const fast = withFastPath(condition(`a == "${op === 'and' ? 'x' : 'n'}" ${op} c == "y"`), () => {
        throw new Error('deferred');
      }, new PlainReaders());
      let readsOfA = 0;
      // `a` never decides (true under and, false under or); `c` always does.
      const event = () => ({
        get a() {
          readsOfA++;
          return op === 'and' ? 'x' : 'z';
        },
        c: decisive,
      });
      for (let i = 0; i < 255; i++) fast(event());
      expect(readsOfA, op).toBe(255);
      readsOfA = 0;
      for (let i = 0; i < 100; i++) expect(fast(event())).toBe(op === 'or');
      // After the swap `c` decides alone: `a` is not read any more.
      expect(readsOfA, op).toBe(0);
    }
  });
});
