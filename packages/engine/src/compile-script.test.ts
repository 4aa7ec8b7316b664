import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { compileCondition, compileValue } from './compile-expression.js';
import { EqlError } from './errors.js';
import type { EqlEvent } from './event.js';
import { schemaFromMapping, type Schema } from './schema.js';

// The script path (EQL-SEMANTICS 3.6): what an expression that is not "a field against constants"
// computes, seen through compileCondition (which events match) and compileValue (the value).

function ast(text: string) {
  const { ast, diagnostics } = parseExpression(text);
  if (!ast) throw new Error(`does not parse: ${text}: ${JSON.stringify(diagnostics)}`);
  return ast;
}

function value(text: string, event: EqlEvent = {}, schema?: Schema): unknown {
  return compileValue(ast(text), schema ? { schema } : {})(event);
}

/** The events (by index) a condition selects. */
function select(text: string, events: readonly EqlEvent[], schema?: Schema): number[] {
  const p = compileCondition(ast(text), schema ? { schema } : {});
  return events.flatMap((e, i) => (p(e) ? [i] : []));
}

/** The diagnostic of a condition that does not compile, with the text its range covers. */
function compileError(text: string): { code: string; message: string; at: string } {
  try {
    compileCondition(ast(text));
  } catch (e) {
    expect(e).toBeInstanceOf(EqlError);
    const d = (e as EqlError).diagnostics[0]!;
    return { code: d.code, message: d.message, at: text.slice(d.range[0], d.range[1]) };
  }
  throw new Error(`compiles: ${text}`);
}

describe('typed fields in scripts read the values the mapping indexes', () => {
  const schema = schemaFromMapping({
    properties: {
      code: { type: 'keyword' },
      flag: { type: 'boolean' },
      ratio: { type: 'double' },
      count: { type: 'long' },
      process: { properties: { code: { type: 'keyword' }, ratio: { type: 'float' } } },
    },
  });

  it('a keyword field holding a JSON number is its text (5 is "5")', () => {
    expect(select('length(code) == 1', [{ code: 5 }, { code: 'ab' }, { code: 42 }], schema)).toEqual([0]);
    expect(value('length(code)', { code: 12345 }, schema)).toBe(5);
    // Untyped, a number is no string: length() of it is null (a type mismatch).
    expect(value('length(code)', { code: 12345 })).toBeNull();
  });

  it('types fields on dotted paths as well', () => {
    expect(value('length(process.code)', { process: { code: 12345 } }, schema)).toBe(5);
    expect(value('process.ratio / 2', { process: { ratio: 5 } }, schema)).toBe(2.5);
    expect(select('length(process.code) == 2', [{ process: { code: 12 } }, { process: { code: 'abc' } }], schema)).toEqual([0]);
  });

  it('a boolean field holding "true"/"false" strings is a boolean', () => {
    const events = [{ flag: 'true' }, { flag: 'false' }, { flag: true }, { flag: false }, {}];
    expect(select('(flag or false) == true', events, schema)).toEqual([0, 2]);
    expect(select('(not flag) == true', events, schema)).toEqual([1, 3]);
    expect(value('flag and true', { flag: 'true' }, schema)).toBe(true);
    expect(value('flag or false', { flag: 'false' }, schema)).toBe(false);
    // Untyped, the string "true" is no boolean: the result is unknown.
    expect(value('flag or false', { flag: 'true' })).toBeNull();
  });

  it('a double field does floating-point arithmetic even on whole numbers, a long field integer arithmetic', () => {
    expect(value('ratio / 2', { ratio: 5 }, schema)).toBe(2.5);
    expect(value('string(ratio)', { ratio: 5 }, schema)).toBe('5.0');
    expect(value('count / 2', { count: 5 }, schema)).toBe(2);
    expect(value('count / 2', { count: '5' }, schema)).toBe(2);
    // Untyped, a whole number is an integer.
    expect(value('ratio / 2', { ratio: 5 })).toBe(2);
  });
});

describe('arithmetic and logic on values', () => {
  it('unary plus is the value itself, unary minus its negation', () => {
    expect(value('+x', { x: 5 })).toBe(5);
    expect(value('+x', { x: -2.5 })).toBe(-2.5);
    expect(value('-x', { x: 5 })).toBe(-5);
    expect(value('+x', {})).toBeNull();
    expect(select('+x == 5', [{ x: 5 }, { x: -5 }, {}])).toEqual([0]);
    expect(select('-x == 5', [{ x: 5 }, { x: -5 }, {}])).toEqual([1]);
    expect(select('x * +2 == 10', [{ x: 5 }, { x: -5 }])).toEqual([0]);
  });

  it('and/or mixing fields and constants are evaluated per event', () => {
    expect(value('x > 1 and y > 1', { x: 2, y: 2 })).toBe(true);
    expect(value('x > 1 and y > 1', { x: 2, y: 0 })).toBe(false);
    expect(value('x > 1 and true', { x: 2 })).toBe(true);
    expect(value('x > 1 and true', { x: 0 })).toBe(false);
    expect(value('x > 1 or false', { x: 2 })).toBe(true);
    expect(value('x > 1 or false', {})).toBeNull();
    expect(select('(x == 1 and true) == true', [{ x: 1 }, { x: 2 }, {}])).toEqual([0]);
  });

  it('a membership test whose list holds a field is decided per event', () => {
    expect(value('"a" in (x, "b")', { x: 'a' })).toBe(true);
    expect(value('"a" in (x, "b")', { x: 'c' })).toBe(false);
    expect(value('"b" in (x, "b")', { x: 'c' })).toBe(true);
  });
});

describe('constant expressions are constants wherever a function requires one', () => {
  // between's fourth argument (greedy) must be a boolean constant; number's base an integer one.
  const greedy = (arg: string) => value(`between(s, "<", ">", ${arg})`, { s: 'a<b>c>d' });
  it('folds comparisons, logic, membership, negation and calls of constants', () => {
    expect(greedy('true')).toBe('b>c');
    expect(greedy('1 == 1')).toBe('b>c');
    expect(greedy('1 > 2')).toBe('b');
    expect(greedy('true and true')).toBe('b>c');
    expect(greedy('false or true')).toBe('b>c');
    expect(greedy('1 in (1, 2)')).toBe('b>c');
    expect(greedy('3 in (1, 2)')).toBe('b');
    expect(greedy('not false')).toBe('b>c');
    expect(greedy('startsWith("ab", "a")')).toBe('b>c');
    expect(greedy('"abc" : "A*"')).toBe('b>c');
  });
  it('folds arithmetic and unary minus', () => {
    expect(value('number(s, 8 + 8)', { s: 'ff' })).toBe(255);
    expect(value('number(s, 4 * 2)', { s: '17' })).toBe(15);
    expect(value('number(s, -(-16))', { s: 'ff' })).toBe(255);
    expect(value('number(s, length("0123456789abcdef"))', { s: 'ff' })).toBe(255);
  });
  it('still refuses a field where a constant is required', () => {
    expect(() => value('between(s, "<", ">", x == 1)', { s: 'a<b>c>d', x: 1 })).toThrow(EqlError);
    expect(() => value('number(s, b + 0)', { s: 'ff', b: 16 })).toThrow(EqlError);
  });
});

describe('functions in scripts', () => {
  it('concat of one field is its text', () => {
    expect(select('concat(s) == "x"', [{ s: 'x' }, { s: 'y' }, {}, { s: ['y', 'x'] }])).toEqual([0, 3]);
    expect(value('concat(s)', { s: 5 })).toBe('5');
    expect(value('concat(s)', {})).toBeNull();
  });

  it('a field read twice has one value per combination (multi-values are not crossed with themselves)', () => {
    const events = [{ x: ['a', 'b'] }, { x: 'a' }];
    expect(select('concat(x, "-", x) == "b-b"', events)).toEqual([0]);
    expect(select('concat(x, "-", x) == "a-a"', events)).toEqual([0, 1]);
    expect(select('concat(x, "-", x) == "a-b"', events)).toEqual([]);
    expect(select('concat(x, "-", x) == "b-a"', events)).toEqual([]);
  });
});

describe('match operators on a computed value (Java semantics)', () => {
  const words: EqlEvent[] = [{ s: 'abc' }, { s: 'ABC' }, { s: 'a.c' }, { s: '' }, { s: 'xyz' }, {}];

  it('regex is a Java regex over the whole value, regex~ ignores case', () => {
    expect(select('concat(s) regex "a.c"', words)).toEqual([0, 2]);
    expect(select('concat(s) regex "AB.*"', words)).toEqual([1]);
    expect(select('concat(s) regex~ "AB.*"', words)).toEqual([0, 1]);
    expect(select('concat(s) regex ("x.z", "a\\\\.c")', words)).toEqual([2, 4]);
  });

  it('a null regex pattern matches nothing, and is left out of a list', () => {
    expect(select('concat(s) regex null', words)).toEqual([]);
    expect(select('concat(s) regex ("abc", null)', words)).toEqual([0]);
    expect(select('concat(s) regex~ (null, "abc")', words)).toEqual([0, 1]);
  });

  it('like is a case-sensitive wildcard match, like~ an insensitive one', () => {
    expect(select('concat(s) like "a*"', words)).toEqual([0, 2]);
    expect(select('concat(s) like "A*"', words)).toEqual([1]);
    expect(select('concat(s) like~ "A*"', words)).toEqual([0, 1, 2]);
    expect(select('concat(s) like "a?c"', words)).toEqual([0, 2]);
    expect(select('concat(s) like "abc"', words)).toEqual([0]);
  });

  it(': is an insensitive equality without wildcards and an insensitive wildcard match with them', () => {
    expect(select('concat(s) : "abc"', words)).toEqual([0, 1]);
    expect(select('concat(s) : "a*"', words)).toEqual([0, 1, 2]);
    expect(select('concat(s) : ("xyz", null)', words)).toEqual([4]);
    expect(select('concat(s) : null', words)).toEqual([]);
  });

  it('refuses patterns that are not string constants, at the pattern', () => {
    expect(compileError('concat(s) : y')).toEqual({ code: 'EQL4005', message: 'the patterns of [:] must be string constants', at: 'y' });
    expect(compileError('concat(s) like ("a*", y)')).toEqual({ code: 'EQL4005', message: 'the patterns of [like] must be string constants', at: 'y' });
    expect(compileError('concat(s) : 5')).toEqual({ code: 'EQL4005', message: 'the patterns of [:] must be strings', at: '5' });
    expect(compileError('concat(s) regex ("a", true)')).toEqual({ code: 'EQL4005', message: 'the patterns of [regex] must be strings', at: 'true' });
  });

  it('tells a regex Java cannot compile (EQL4001) from lookaround and backreferences (EQL4002)', () => {
    expect(compileError('concat(s) regex "(?<n>a)(?<n>b)"')).toMatchObject({ code: 'EQL4001', at: '"(?<n>a)(?<n>b)"' });
    expect(compileError('concat(s) regex "(?<n"')).toMatchObject({ code: 'EQL4001' });
    expect(compileError('concat(s) regex "(?<=a)b"')).toMatchObject({ code: 'EQL4002', at: '"(?<=a)b"' });
    expect(compileError('concat(s) regex "(?<!a)b"')).toMatchObject({ code: 'EQL4002' });
    expect(compileError('concat(s) regex "a(?=b)"')).toMatchObject({ code: 'EQL4002' });
    expect(compileError('concat(s) regex "a(?!b)"')).toMatchObject({ code: 'EQL4002' });
    expect(compileError('concat(s) regex "(?<n>a)\\\\k<n>"')).toMatchObject({ code: 'EQL4002' });
  });
});
