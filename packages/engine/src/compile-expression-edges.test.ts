import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { compileCondition, compileValue, MAX_VALUE_COMBINATIONS } from './compile-expression.js';
import { EqlError } from './errors.js';
import type { EqlEvent } from './event.js';
import { schemaFromMapping } from './schema.js';

// Edges of compiled `where` conditions: Kleene logic over every kind of operand the compiler
// distinguishes, the `or` merging into set lookups, literal-left comparisons, boolean functions
// compared with literals, the query forms of string functions and cidrMatch, and the limits of the
// script path over multi-valued fields.

function ast(text: string) {
  const { ast, diagnostics } = parseExpression(text);
  if (!ast) throw new Error(`does not parse: ${text}: ${JSON.stringify(diagnostics)}`);
  return ast;
}

/** The events (by index) a condition selects; the predicate must answer a boolean. */
function select(text: string, events: readonly EqlEvent[]): number[] {
  const p = compileCondition(ast(text));
  return events.flatMap((e, i) => {
    const v = p(e);
    expect(typeof v, `${text} on ${JSON.stringify(e)}`).toBe('boolean');
    return v ? [i] : [];
  });
}

function matches(text: string, event: EqlEvent): boolean {
  return select(text, [event]).length === 1;
}

/** The diagnostic a condition fails to compile with. */
function compileError(text: string): { code: string; message: string; text: string } {
  try {
    compileCondition(ast(text));
  } catch (e) {
    expect(e).toBeInstanceOf(EqlError);
    const d = (e as EqlError).diagnostics[0]!;
    return { code: d.code, message: d.message, text: text.slice(d.range[0], d.range[1]) };
  }
  throw new Error(`compiles: ${text}`);
}

describe('and / or / not: every pair of operand kinds against Kleene logic', () => {
  type Event = { a?: string; b?: string };
  type K = boolean | null;
  const kAnd = (x: K, y: K): K => (x === false || y === false ? false : x === true && y === true ? true : null);
  const kOr = (x: K, y: K): K => (x === true || y === true ? true : x === false && y === false ? false : null);
  // Operands of each kind the compiler tells apart: two-valued field tests, conditions that are
  // unknown for some events, conditions that fold to true/false/null although they mention a
  // field (`x < null` is null whatever x is), and the literals themselves.
  const operands: [string, (e: Event) => K][] = [
    ['a == "y"', (e) => e.a === 'y'],
    ['b != "y"', (e) => e.b !== 'y'],
    ['(a == "y" or null)', (e) => (e.a === 'y' ? true : null)],
    ['(b == "y" and null)', (e) => (e.b === 'y' ? null : false)],
    ['not (a == "y" or null)', (e) => (e.a === 'y' ? false : null)],
    ['((a == "y" or null) and b : "y")', (e) => kAnd(e.a === 'y' ? true : null, e.b === 'y')],
    ['x < null', () => null],
    ['(x < null or true)', () => true],
    ['(x < null and false)', () => false],
    ['startsWith(x, null)', () => null],
    ['true', () => true],
    ['false', () => false],
    ['null', () => null],
  ];
  const events: Event[] = [{ a: 'y', b: 'y' }, { a: 'y', b: 'n' }, { a: 'n', b: 'y' }, { a: 'n', b: 'n' }, {}];
  const expected = (value: (e: Event) => K) => events.flatMap((e, i) => (value(e) === true ? [i] : []));

  it('each operand alone and negated', () => {
    for (const [text, value] of operands) {
      expect(select(text, events), text).toEqual(expected(value));
      expect(select(`not ${text}`, events), `not ${text}`).toEqual(expected((e) => {
        const v = value(e);
        return v === null ? null : !v;
      }));
    }
  });

  it('x and y, x or y, and their negations', () => {
    for (const [x, vx] of operands) {
      for (const [y, vy] of operands) {
        for (const [op, k] of [['and', kAnd], ['or', kOr]] as const) {
          const text = `${x} ${op} ${y}`;
          const value = (e: Event) => k(vx(e), vy(e));
          expect(select(text, events), text).toEqual(expected(value));
          expect(select(`not (${text})`, events), `not (${text})`).toEqual(expected((e) => {
            const v = value(e);
            return v === null ? null : !v;
          }));
        }
      }
    }
  });

  it('an unknown operand after a field test keeps not (...) from matching', () => {
    // A two-valued test combined with a condition that is unknown for some events: the unknown
    // events match neither the condition nor its negation.
    const ab = events.slice(0, 4);
    expect(select('not (a == "y" and (b == "y" and null))', ab)).toEqual([1, 2, 3]);
    expect(select('not (b : "y" or (a == "y" and null))', ab)).toEqual([3]);
    expect(select('not ((a == "y" and null) or b : "y")', ab)).toEqual([3]);
    expect(select('not ((a == "y" or null) and b : "y")', ab)).toEqual([1, 3]);
  });
});

describe('a bare field as a condition', () => {
  it('matches when a value is the boolean true', () => {
    const events: EqlEvent[] = [{ x: true }, { x: false }, { x: 1 }, { x: 'yes' }, {}, { x: null }, { x: [false, true] }, { x: [false] }];
    expect(select('x', events)).toEqual([0, 6]);
    expect(select('not x', events)).toEqual([1, 2, 3, 4, 5, 7]);
  });
});

describe('a bare boolean field with a schema', () => {
  // A boolean field indexes the source strings "true"/"false" as booleans: the field alone reads
  // them as `b == true` and the scripts (doc values) do.
  const schema = schemaFromMapping({ properties: { b: { type: 'boolean' } } });
  const events: EqlEvent[] = [{ b: true }, { b: 'true' }, { b: 'false' }, { b: false }, {}, { b: ['false', 'true'] }, { b: ['false'] }];
  const pick = (text: string) => {
    const p = compileCondition(ast(text), { schema });
    return events.flatMap((e, i) => (p(e) ? [i] : []));
  };
  it('matches the values the mapping reads as true, as b == true does', () => {
    expect(pick('b')).toEqual([0, 1, 5]);
    expect(pick('b == true')).toEqual([0, 1, 5]);
    expect(pick('not b')).toEqual([2, 3, 4, 6]);
    expect(pick('b and b')).toEqual([0, 1, 5]);
  });
});

describe('or of equalities merged into one set per field', () => {
  it('a case-insensitive in~ keeps folding case next to equalities on the same field', () => {
    expect(select('x in~ ("A", "B") or x == "c"', [{ x: 'a' }, { x: 'b' }, { x: 'c' }, { x: 'C' }, {}])).toEqual([0, 1, 2]);
  });
  it('an == null beside an in list on the same field is still a test of absence', () => {
    expect(select('x == null or x in ("a", "b")', [{}, { x: null }, { x: 'a' }, { x: 'c' }, { x: [] }])).toEqual([0, 1, 2, 4]);
    expect(select('x in ("a") or x == null or x == "b"', [{}, { x: 'b' }, { x: 'c' }])).toEqual([0, 1]);
  });
  it('constant comparisons next to field tests fold, even two of them', () => {
    expect(select('x == 5 or 1 == 1 or 2 == 3', [{}, { x: 5 }])).toEqual([0, 1]);
    expect(select('x == 5 or 1 == 2 or 2 == 3', [{}, { x: 5 }])).toEqual([1]);
  });
  it('in lists on computed values are not merged by field', () => {
    const events: EqlEvent[] = [{ a: 'q', b: 'y' }, { a: 'x' }, { a: 'y', b: 'x' }, {}];
    expect(select('concat(a) in ("x") or concat(b) in ("y")', events)).toEqual([0, 1]);
  });
  it('a field compared with another field stays a comparison of the two values', () => {
    const events: EqlEvent[] = [{ x: 'c', y: 'c' }, { x: 'b' }, { x: 'c', y: 'd' }, {}];
    expect(select('x == y or x == "b"', events)).toEqual([0, 1]);
    expect(select('x in ("a", y) or x == "b"', events)).toEqual([0, 1]);
    expect(select('x == y', events)).toEqual([0]);
    expect(select('x == y or x == z', [...events, { x: 'e', z: 'e' }])).toEqual([0, 4]);
    // Conditions on other fields as the values: evaluated per event (y == null is true when y is
    // missing, z != null false), not once for an event without fields.
    const conditions: EqlEvent[] = [{ x: true }, { x: true, y: 1 }, { x: false, y: 1 }, { x: true, y: 1, z: 1 }, { x: false }];
    expect(select('x == (y == null) or x == (z != null)', conditions)).toEqual([0, 2, 3, 4]);
    expect(select('x == (y == null) or x == "b"', [...conditions, { x: 'b', y: 1 }])).toEqual([0, 2, 5]);
    expect(select('x == length(y) or x == 7', [{ x: 1, y: 'a' }, { x: 2, y: 'a' }, {}, { x: 7 }])).toEqual([0, 3]);
  });
});

describe('literal on the left', () => {
  it('runs as the query path on the field (UTF-8 order), as the literal on the right would', () => {
    // U+1F600 sorts after U+FF21 in UTF-8 (Lucene terms), before it in UTF-16 (scripts).
    expect(matches('"\uFF21" < s', { s: '\u{1F600}' })).toBe(true);
    expect(matches('s > "\uFF21"', { s: '\u{1F600}' })).toBe(true);
    expect(matches('"\uFF21" >= s', { s: '\u{1F600}' })).toBe(false);
    expect(matches('concat(s) > "\uFF21"', { s: '\u{1F600}' })).toBe(false);
  });
});

describe('boolean functions compared with literals', () => {
  const events: EqlEvent[] = [{ p: 'abc' }, { p: 'b' }, {}];
  it('== true / false are the function and its negation', () => {
    expect(select('startsWith(p, "a") == true', events)).toEqual([0]);
    expect(select('startsWith(p, "a") == false', events)).toEqual([1, 2]);
    expect(select('cidrMatch(ip, "10.0.0.0/8") == false', [{ ip: '10.0.0.1' }, { ip: '11.0.0.1' }, {}])).toEqual([1, 2]);
  });
  it('a comparison with a non-boolean is a type mismatch in a script: nothing matches', () => {
    expect(select('startsWith(p, "a") == 1', events)).toEqual([]);
    expect(select('startsWith(p, "a") == 0', events)).toEqual([]);
    expect(select('startsWith(p, "a") == "true"', events)).toEqual([]);
  });
  it('an ordering against a boolean compares booleans (false < true)', () => {
    expect(select('startsWith(p, "a") > false', events)).toEqual([0]);
    expect(select('startsWith(p, "a") < true', events)).toEqual([1]);
  });
  it('a comparison compared with a boolean is evaluated as written', () => {
    expect(select('(p == "abc") == true', events)).toEqual([0]);
    expect(select('(p == "abc") == false', events)).toEqual([1]);
  });
});

describe('string functions and cidrMatch on a field', () => {
  it('a null substring makes startsWith null: neither it nor its negation matches', () => {
    const events: EqlEvent[] = [{ x: 'a' }, {}];
    expect(select('startsWith(x, null)', events)).toEqual([]);
    expect(select('not startsWith(x, null)', events)).toEqual([]);
    expect(select('not endsWith~(x, null)', events)).toEqual([]);
  });
  it('a number substring is a type mismatch, evaluated (to null) by the script', () => {
    expect(select('startsWith(x, 5)', [{ x: '5a' }, { x: 5 }, {}])).toEqual([]);
    expect(select('stringContains(x, 5)', [{ x: '5' }, { x: 'a5b' }])).toEqual([]);
  });
  it('arity is checked for the query forms too', () => {
    expect(compileError('startsWith(f, "a", "b")')).toEqual({ code: 'EQL4004', message: 'error building [startsWith]: expects 2 argument(s), found 3', text: 'startsWith(f, "a", "b")' });
    expect(compileError('cidrMatch(ip)')).toMatchObject({ code: 'EQL4004', message: 'error building [cidrMatch]: expects at least 2 argument(s), found 1' });
    expect(compileError('length()')).toMatchObject({ code: 'EQL4004', message: 'error building [length]: expects 1 argument(s), found 0' });
    expect(compileError('startsWith()')).toMatchObject({ code: 'EQL4004', message: 'error building [startsWith]: expects 2 argument(s), found 0' });
  });
  it('cidrMatch has no ~ form, on a field as elsewhere', () => {
    expect(compileError('cidrMatch~(ip, "10.0.0.0/8")')).toMatchObject({ code: 'EQL4006', message: 'function [cidrMatch] has no case-insensitive (~) form' });
  });
});

describe('in~ and pattern lists with null members', () => {
  it('a null in an in~ list never matches, the strings still do', () => {
    expect(select('x in~ ("A", null)', [{ x: 'a' }, {}, { x: null }, { x: 'null' }])).toEqual([0]);
  });
  it('a null pattern in a like / : list matches nothing, the other patterns still do', () => {
    expect(select('x like ("a*", null)', [{ x: 'ab' }, {}, { x: 'b' }])).toEqual([0]);
    expect(select('x : null', [{ x: 'a' }, {}])).toEqual([]);
  });
  it('patterns must be string constants, with messages naming the operator', () => {
    expect(compileError('a : concat(b)')).toEqual({ code: 'EQL4005', message: 'the patterns of [:] must be string constants', text: 'concat(b)' });
    expect(compileError('a like~ ("x", b)')).toEqual({ code: 'EQL4005', message: 'the patterns of [like~] must be string constants', text: 'b' });
    expect(compileError('a like 5')).toEqual({ code: 'EQL4005', message: 'the patterns of [like] must be strings', text: '5' });
    expect(compileError('a regex ("x", true)')).toEqual({ code: 'EQL4005', message: 'the patterns of [regex] must be strings', text: 'true' });
  });
});

describe('script path over multi-valued fields', () => {
  it('tries the values of a multi-valued field, never a missing one', () => {
    const event = { a: ['x', 'y'], b: ['p', 'q'] };
    expect(matches('concat(a, b) == null', event)).toBe(false);
    expect(matches('concat(a, b) == "yq"', event)).toBe(true);
    expect(matches('concat(a, b) == "xq"', event)).toBe(true);
    expect(matches('concat(a, b) == "yp"', event)).toBe(true);
    expect(matches('concat(a, b) == null', { a: ['x', 'y'] })).toBe(true);
    expect(matches('concat(a, b) == null', { a: ['x', 'y'], b: null })).toBe(true);
    expect(matches('concat(a, b) == null', { a: ['x', 'y'], b: [] })).toBe(true);
  });

  it(`stops after ${MAX_VALUE_COMBINATIONS} combinations, taking values in their order`, () => {
    const a = Array.from({ length: MAX_VALUE_COMBINATIONS + 1 }, (_, i) => `v${i}`);
    const event = { a, b: ['!'] };
    expect(matches(`concat(a, b) == "v${MAX_VALUE_COMBINATIONS - 1}!"`, event)).toBe(true);
    expect(matches(`concat(a, b) == "v${MAX_VALUE_COMBINATIONS}!"`, event)).toBe(false);
    expect(matches(`not (concat(a, b) == "v${MAX_VALUE_COMBINATIONS}!")`, event)).toBe(true);
    expect(matches('concat(a, b) == "none"', event)).toBe(false);
    // One field alone has no combinations: every value is tried.
    expect(matches(`concat(a) == "v${MAX_VALUE_COMBINATIONS}"`, { a })).toBe(true);
  });
});

describe('compileValue of a computed expression', () => {
  it('reads missing and null fields as null', () => {
    expect(compileValue(ast('concat(a, b)'))({ a: 'x', b: null })).toBeNull();
    expect(compileValue(ast('concat(a, b)'))({ a: 'x', b: [] })).toBeNull();
    expect(compileValue(ast('concat(a, b)'))({ a: ['x', 'z'], b: ['y'] })).toBe('xy');
  });
});
