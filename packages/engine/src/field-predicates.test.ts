import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EqlError } from './errors.js';
import { comparisonTest, insensitiveInTest, inTest, matchTest, stringQueryTest } from './field-predicates.js';
import type { FieldMapping } from './schema.js';

const int = (value: unknown) => ({ value, integral: true });
const dbl = (value: unknown) => ({ value, integral: false });
const typed = (type: FieldMapping['type']): FieldMapping => ({ type });

describe('comparisonTest without a mapping (the value\'s JSON type decides)', () => {
  // [op, constant, value, expected]
  const cases: [Parameters<typeof comparisonTest>[0], unknown, unknown, boolean][] = [
    ['==', 5, 5, true],
    ['==', 5, '5', true],
    ['==', 5, 6, false],
    ['==', 5, true, false],
    ['==', 'true', true, true],
    ['==', 'x', false, false],
    ['==', 'a', null, false],
    ['<', 'b', 'a', true],
    ['<', 'b', 'c', false],
    ['<', 'b', 5, false],
    ['<', 5, 3, true],
    ['<', 5, 7, false],
    ['>', 5, 7, true],
    ['<=', 5, 5, true],
    ['>=', 5, 4, false],
    // A string value read against a number constant compares as text.
    ['<', 5, '10', true],
    ['<', true, false, true],
    ['>', true, false, false],
    ['<', 'x', true, false],
    ['<', 5, { a: 1 }, false],
    // An ISO date string value is a date: compared as an instant with an ISO or epoch constant.
    ['<', '2020-01-02', '2020-01-01T10:00:00Z', true],
    ['>', '2020-01-02', '2020-01-01T10:00:00Z', false],
    ['>', 1577836800000, '2020-01-01T00:00:00.001Z', true],
    ['<', 1577836800000, '2020-01-01T00:00:00.001Z', false],
    ['==', '2020-01-01T00:00:00Z', '2020-01-01T01:00:00+01:00', true],
    // Against a date constant, other strings compare as text and numbers as numbers.
    ['<', '2020-01-02', 'abc', false],
    ['<', '2020-01-02', '1999', true],
    ['>', 1577836800000, 1577836800001, true],
    ['<', '2020-01-02', 1, false],
    ['<', '2020-01-02', true, false],
  ];
  for (const [op, constant, value, expected] of cases) {
    it(`${JSON.stringify(value)} ${op} ${JSON.stringify(constant)} is ${expected}`, () => {
      expect(comparisonTest(op, { value: constant, integral: Number.isInteger(constant) })(value)).toBe(expected);
    });
  }
});

describe('comparisonTest', () => {
  it('on a keyword mapping reads numbers as their Java text', () => {
    expect(comparisonTest('==', int(5), typed('keyword'))('5')).toBe(true);
    expect(comparisonTest('==', dbl(5), typed('keyword'))('5.0')).toBe(true);
    expect(comparisonTest('==', int('5'), typed('keyword'))(5)).toBe(true);
    expect(comparisonTest('<', int('b'), typed('keyword'))('a')).toBe(true);
  });
  it('on numeric mappings parses numeric text on both sides', () => {
    expect(comparisonTest('==', int('5'), typed('long'))('5')).toBe(true);
    expect(comparisonTest('>=', dbl(4.5), typed('double'))(5)).toBe(true);
    expect(comparisonTest('==', int('x'), typed('long'))(5)).toBe(false);
  });
  it('on boolean mappings reads true/"true"', () => {
    expect(comparisonTest('==', int('true'), typed('boolean'))(true)).toBe(true);
    expect(comparisonTest('==', int(false), typed('boolean'))('false')).toBe(true);
    expect(comparisonTest('<', int(true), typed('boolean'))(false)).toBe(true);
  });
  it('on date mappings compares instants, epoch millis included', () => {
    expect(comparisonTest('==', int(0), typed('date'))('1970-01-01T00:00:00Z')).toBe(true);
    expect(comparisonTest('>', int('1970-01-01'), typed('date'))(1)).toBe(true);
  });
});

describe('inTest', () => {
  it('hashes typed keys (ip, date, version)', () => {
    expect(inTest([int('::1'), int(null)], typed('ip'))('0:0:0:0:0:0:0:1')).toBe(true);
    expect(inTest([int('2020-01-01T00:00:00Z')], typed('date'))('2020-01-01T01:00:00+01:00')).toBe(true);
    expect(inTest([int('1.2.3')], typed('version'))('1.2.3')).toBe(true);
  });
  it('untyped: strings, numbers and booleans each by their own set; null never matches', () => {
    const test = inTest([int('a'), int(1), int(null), int(true)]);
    expect(test('a')).toBe(true);
    expect(test(1)).toBe(true);
    expect(test('1')).toBe(true);
    expect(test(true)).toBe(true);
    expect(test(null)).toBe(false);
    expect(test('b')).toBe(false);
  });
});

describe('insensitiveInTest', () => {
  it('folds ASCII only, never wildcards', () => {
    expect(insensitiveInTest(['ABC', 'x*'])('abc')).toBe(true);
    expect(insensitiveInTest(['ABC', 'x*'])('xy')).toBe(false);
    expect(insensitiveInTest(['É'])('é')).toBe(false);
  });
});

describe('matchTest', () => {
  it('reports the bad pattern of a list at its own range', () => {
    try {
      matchTest('regex', ['a', 'b('], [[0, 3], [5, 9]]);
      expect.unreachable();
    } catch (e) {
      expect((e as EqlError).diagnostics[0]?.range).toEqual([5, 9]);
    }
  });
  it('ignores null patterns', () => {
    expect(matchTest('like', [null], [[0, 1]])('x')).toBe(false);
    expect(matchTest('like', [null, 'x'], [[0, 1], [2, 3]])('x')).toBe(true);
  });
  it('a list of patterns (the value folded once) answers as its patterns one by one (property)', () => {
    const unit = fc.constantFrom('a', 'B', 'b', 'Ä', 'ä', 'İ', '\\', '*', '?');
    const pattern = fc.string({ unit, maxLength: 5 });
    // Values often spell one of the patterns in another case, so that some pattern matches.
    const listAndValue = fc.array(pattern, { minLength: 2, maxLength: 5 }).chain((patterns) =>
      fc.tuple(
        fc.constant(patterns),
        fc.oneof(
          fc.string({ unit, maxLength: 8 }),
          fc.nat(patterns.length - 1).map((i) => (patterns[i] ?? '').replace(/[*?]/g, 'a').replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))),
        ),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom<'like' | 'like~' | ':'>('like', 'like~', ':'), listAndValue, (op, [patterns, value]) => {
        const ranges = patterns.map((): [number, number] => [0, 1]);
        const one = patterns.some((p) => matchTest(op, [p], [[0, 1]])(value));
        expect(matchTest(op, patterns, ranges)(value)).toBe(one);
      }),
      { numRuns: 500 },
    );
  });
});

describe('stringQueryTest', () => {
  it('startsWith is a literal prefix; endsWith/stringContains are wildcards with \\ escapes', () => {
    expect(stringQueryTest('startsWith', 'a*', false)('a*b')).toBe(true);
    expect(stringQueryTest('startsWith', 'a*', false)('ab')).toBe(false);
    expect(stringQueryTest('endsWith', 'b?', false)('abc')).toBe(true);
    expect(stringQueryTest('stringContains', 'x\\?y', false)('axyb')).toBe(false);
    expect(stringQueryTest('stringContains', 'x\\?y', false)('ax?yb')).toBe(true);
    expect(stringQueryTest('stringContains', '', false)('')).toBe(true);
  });
});

describe('comparisonTest: how each mapping reads values and constants', () => {
  it('a keyword field compares text, even numbers and date-like strings', () => {
    expect(comparisonTest('<', int('10'), typed('keyword'))(9)).toBe(false);
    expect(comparisonTest('>', int('10'), typed('keyword'))(9)).toBe(true);
    expect(comparisonTest('==', int('2020-01-01'), typed('keyword'))('2020-01-01T00:00:00Z')).toBe(false);
    expect(comparisonTest('==', int(false), typed('keyword'))('false')).toBe(true);
    expect(comparisonTest('==', int(false), typed('keyword'))('')).toBe(false);
  });
  it('a numeric field parses numeric strings, and a value or constant it cannot read never matches', () => {
    expect(comparisonTest('>', int(9), typed('long'))('10')).toBe(true);
    expect(comparisonTest('>', int(9), typed('double'))('10')).toBe(true);
    expect(comparisonTest('<=', int(5), typed('long'))('abc')).toBe(false);
    expect(comparisonTest('==', int('abc'), typed('long'))('xyz')).toBe(false);
    expect(comparisonTest('<=', int('abc'), typed('long'))(5)).toBe(false);
  });
  it('a boolean field reads only true/false constants', () => {
    expect(comparisonTest('<', int('z'), typed('boolean'))('true')).toBe(false);
    expect(comparisonTest('>', int(false), typed('boolean'))('true')).toBe(true);
  });
  it('a date field meets an ISO constant with epoch millis values', () => {
    expect(comparisonTest('==', int('2024-01-01T00:00:00Z'), typed('date'))(1704067200000)).toBe(true);
    expect(comparisonTest('==', int('2024-01-01T00:00:00Z'), typed('date_nanos'))(1704067200000)).toBe(true);
    expect(comparisonTest('<', int('2024-01-01T00:00:00Z'), typed('date'))(1704067199999)).toBe(true);
  });
  it('untyped: a number value against a numeric string constant compares as numbers', () => {
    expect(comparisonTest('<', int('10'))(5)).toBe(true);
    expect(comparisonTest('<', int('3'))(5)).toBe(false);
    expect(comparisonTest('<=', int('abc'))(5)).toBe(false);
    expect(comparisonTest('>=', int('abc'))(5)).toBe(false);
  });
  it('untyped: a date-like string that is no date compares as text, a boolean is no epoch', () => {
    expect(comparisonTest('>=', int('2021-01-01'))('2020-13-45')).toBe(false);
    expect(comparisonTest('<', int(1577836800000))(true)).toBe(false);
    expect(comparisonTest('>', int(1))(true)).toBe(false);
  });
});
