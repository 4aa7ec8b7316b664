import { parseExpression } from '@eqlkit/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, compileValue } from './compile-expression.js';
import { EqlError } from './errors.js';
import type { EqlEvent } from './event.js';
import type { Expression } from '@eqlkit/parser';
import { schemaFromMapping, type Schema } from './schema.js';

function ast(text: string) {
  const { ast, diagnostics } = parseExpression(text);
  if (!ast) throw new Error(`does not parse: ${text}: ${JSON.stringify(diagnostics)}`);
  return ast;
}

function matches(text: string, event: EqlEvent, schema?: Schema): boolean {
  return compileCondition(ast(text), schema ? { schema } : {})(event);
}

/** The events (by index) a condition selects. */
function select(text: string, events: readonly EqlEvent[], schema?: Schema): number[] {
  const p = compileCondition(ast(text), schema ? { schema } : {});
  return events.flatMap((e, i) => (p(e) ? [i] : []));
}

describe('equality and ordering on a field (query path)', () => {
  it('== is case-sensitive and has no wildcards', () => {
    expect(matches('name == "cmd.exe"', { name: 'cmd.exe' })).toBe(true);
    expect(matches('name == "CMD.exe"', { name: 'cmd.exe' })).toBe(false);
    expect(matches('name == "cmd*"', { name: 'cmd.exe' })).toBe(false);
    expect(matches('name == "cmd*"', { name: 'cmd*' })).toBe(true);
  });
  it('puts a literal on the left to the right with the operator flipped', () => {
    expect(matches('5 < pid', { pid: 6 })).toBe(true);
    expect(matches('5 < pid', { pid: 5 })).toBe(false);
    expect(matches('"a" == name', { name: 'a' })).toBe(true);
  });
  it('compares numbers numerically with int/double promotion', () => {
    expect(matches('pid < 4.5', { pid: 4 })).toBe(true);
    expect(matches('pid <= 4', { pid: 4 })).toBe(true);
    expect(matches('pid > 10', { pid: 9 })).toBe(false);
    expect(matches('x == 2', { x: 2.0 })).toBe(true);
  });
  it('reads a string constant as a number on a number field, and a number as text on a string field', () => {
    expect(matches('pid == "5"', { pid: 5 })).toBe(true);
    expect(matches('pid == "abc"', { pid: 5 })).toBe(false);
    expect(matches('code == 5', { code: '5' })).toBe(true);
    expect(matches('code == 5.0', { code: '5.0' })).toBe(true);
    expect(matches('flag == "true"', { flag: true })).toBe(true);
    expect(matches('flag == true', { flag: 'true' })).toBe(true);
    expect(matches('flag == 1', { flag: true })).toBe(false);
  });
  it('treats ISO date strings as dates without a schema, as dynamic mapping does', () => {
    expect(matches('t == "2017-08-30T20:47:33Z"', { t: '2017-08-30T20:47:33.000Z' })).toBe(true);
    expect(matches('t > 1504125000000', { t: '2017-08-30T20:47:33Z' })).toBe(true);
    expect(matches('t < "2017-08-31"', { t: '2017-08-30T22:00:00+02:00' })).toBe(true);
    expect(matches('t == 5', { t: 5 })).toBe(true);
    expect(matches('t == 5', { t: '5' })).toBe(true);
  });
  it('orders strings by UTF-8 bytes on fields (astral after BMP-high)', () => {
    // U+1F600 (surrogates D83D..) sorts after U+FF21 by code point, before it by UTF-16 units.
    expect(matches('s > "\uFF21"', { s: '\u{1F600}' })).toBe(true);
    expect(matches('s < "b"', { s: 'a' })).toBe(true);
  });
  it('orders strings by UTF-16 units in scripts', () => {
    expect(matches('concat(s) > "\uFF21"', { s: '\u{1F600}' })).toBe(false);
  });
  it('!= is not ==: it matches events without the field', () => {
    expect(select('user != "bob"', [{ user: 'bob' }, { user: 'alice' }, {}, { user: null }])).toEqual([1, 2, 3]);
  });
});

describe('or of equalities on one field (merged into one set)', () => {
  const events: EqlEvent[] = [{ x: 'a' }, { x: 'b' }, { x: 'c' }, { x: 5 }, { y: 1 }, {}, { x: ['z', 'b'] }, { x: '2020-01-01T00:00:00.000Z' }];
  it('answers as the separate comparisons would', () => {
    const merged = 'x == "a" or "b" == x or y == 1 or x in ("c", 5) or x == "2020-01-01T00:00:00Z"';
    expect(select(merged, events)).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(select(`not (${merged})`, events)).toEqual([5]);
  });
  it('keeps null semantics: x == null in an or is a presence test', () => {
    expect(select('x == "a" or x == null', events)).toEqual([0, 4, 5]);
  });
  it('agrees with the unmerged form on random events', () => {
    const merged = compileCondition(ast('x == "a" or x == 1 or x in ("b", true) or x == "2020-01-01"'));
    const separate = [
      compileCondition(ast('x == "a"')),
      compileCondition(ast('x == 1')),
      compileCondition(ast('x in ("b", true)')),
      compileCondition(ast('x == "2020-01-01"')),
    ];
    const value = fc.oneof(fc.constantFrom('a', 'b', 1, true, '1', 'true', '2020-01-01', '2020-01-01T00:00:00Z', null), fc.jsonValue({ maxDepth: 1 }));
    fc.assert(
      fc.property(fc.oneof(value, fc.array(value, { maxLength: 3 })), (x) => {
        const event = { x };
        expect(merged(event)).toBe(separate.some((p) => p(event)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('null, missing fields and negation', () => {
  const events: EqlEvent[] = [{ x: 1 }, { x: null }, {}, { x: [] }, { x: [null, 2] }, { x: -5 }];
  it('== null and != null test presence', () => {
    expect(select('x == null', events)).toEqual([1, 2, 3]);
    expect(select('x != null', events)).toEqual([0, 4, 5]);
    expect(select('null == x', events)).toEqual([1, 2, 3]);
  });
  it('a predicate over a missing value does not match; not is its complement', () => {
    expect(select('x > -1', events)).toEqual([0, 4]);
    expect(select('not (x > -1)', events)).toEqual([1, 2, 3, 5]);
  });
  it('comparing with null by order folds to null and matches nothing, negated or not', () => {
    expect(select('x < null', events)).toEqual([]);
    expect(select('not (x < null)', events)).toEqual([]);
  });
  it('constant sub-expressions fold with three-valued logic', () => {
    expect(select('x == 1 or null', events)).toEqual([0]);
    expect(select('not (x == 1 and null)', events)).toEqual([1, 2, 3, 4, 5]);
    expect(select('not (x == 1 or null)', events)).toEqual([]);
    expect(select('true', events)).toHaveLength(6);
    expect(select('null', events)).toEqual([]);
    expect(select('not null', events)).toEqual([]);
    expect(select('1 == 2 or x == 2', events)).toEqual([4]);
  });
  it('functions propagate null to the predicate, and their negation matches the rest', () => {
    expect(select('length(s) > 0', [{ s: 'a' }, {}, { s: '' }])).toEqual([0]);
    expect(select('length(s) != 1', [{ s: 'a' }, {}, { s: '' }])).toEqual([1, 2]);
  });
  it('a boolean function compared with false is its negation (matches missing fields)', () => {
    expect(select('startsWith(p, "a") == false', [{ p: 'abc' }, { p: 'b' }, {}])).toEqual([1, 2]);
    expect(select('startsWith(p, "a") != true', [{ p: 'abc' }, { p: 'b' }, {}])).toEqual([1, 2]);
    expect(select('startsWith(p, "a") == true', [{ p: 'abc' }, { p: 'b' }, {}])).toEqual([0]);
  });
});

describe('multi-valued fields', () => {
  it('a plain field predicate matches when any value does', () => {
    expect(matches('transID == 1234', { transID: [1234, 599999] })).toBe(true);
    expect(matches('tags : "B*"', { tags: ['a', 'bee'] })).toBe(true);
    expect(matches('tags in ("x", "a")', { tags: ['a', 'bee'] })).toBe(true);
  });
  it('!= and not in match only when no value matches', () => {
    expect(matches('k != "a"', { k: ['a', 'b'] })).toBe(false);
    expect(matches('not k in ("a")', { k: ['a', 'b'] })).toBe(false);
    expect(matches('k not in ("c")', { k: ['a', 'b'] })).toBe(true);
  });
  it('a script tries every combination of values', () => {
    expect(matches('length(f) > 0', { f: ['', 'ab'] })).toBe(true);
    expect(matches('concat(a, ".", b) == "x.y"', { a: ['x', 'z'], b: ['w', 'y'] })).toBe(true);
    expect(matches('concat(a, ".", b) == "z.q"', { a: ['x', 'z'], b: ['w', 'y'] })).toBe(false);
  });
  it('negation wraps the whole script loop', () => {
    expect(matches('length(f) != 2', { f: ['', 'ab'] })).toBe(false);
    expect(matches('length(f) != 3', { f: ['', 'ab'] })).toBe(true);
  });
  it('an empty array is tried once as null', () => {
    expect(matches('concat(f) == null', { f: [] })).toBe(true);
  });
  it('arrays of objects are flattened', () => {
    expect(matches('a.b == 2', { a: [{ b: 1 }, { b: 2 }] })).toBe(true);
  });
});

describe('case rules', () => {
  it(': is case-insensitive with wildcards; ASCII only on fields', () => {
    expect(matches('name : "CMD.EXE"', { name: 'cmd.exe' })).toBe(true);
    expect(matches('name : "c?d.*"', { name: 'CMD.exe' })).toBe(true);
    expect(matches('name : "ärger"', { name: 'ÄRGER' })).toBe(false);
    expect(matches('name : "ärger"', { name: 'äRGER' })).toBe(true);
  });
  it(': on a computed value folds Unicode per character (compareToIgnoreCase)', () => {
    expect(matches('concat(name) : "ärger"', { name: 'ÄRGER' })).toBe(true);
    expect(matches('concat(name) : "STRASSE"', { name: 'straße' })).toBe(false);
  });
  it('in is case-sensitive, in~ is not and never wildcards', () => {
    expect(matches('name in ("CMD.EXE")', { name: 'cmd.exe' })).toBe(false);
    expect(matches('name in~ ("CMD.EXE", "x")', { name: 'cmd.exe' })).toBe(true);
    expect(matches('name in~ ("CMD.*")', { name: 'cmd.exe' })).toBe(false);
    expect(matches('name in~ ("CMD.*")', { name: 'cmd.*' })).toBe(true);
    expect(matches('name not in~ ("CMD.EXE")', { name: 'cmd.exe' })).toBe(false);
  });
  it('like is case-sensitive, like~ is not; \\ is a literal character', () => {
    expect(matches('p like "C:\\\\*"', { p: 'C:\\x' })).toBe(true);
    expect(matches('p like "c:\\\\*"', { p: 'C:\\x' })).toBe(false);
    expect(matches('p like~ "c:\\\\*"', { p: 'C:\\x' })).toBe(true);
    expect(matches('p like ("a*", "b*")', { p: 'bz' })).toBe(true);
  });
  it('a pattern of only * matches every present value, as exists', () => {
    expect(select('f : "*"', [{ f: 'x' }, { f: 3 }, {}, { f: '' }])).toEqual([0, 1, 3]);
  });
  it('script-path wildcards do not cross line terminators', () => {
    expect(matches('p : "a*b"', { p: 'a\nb' })).toBe(true);
    expect(matches('concat(p) : "a*b"', { p: 'a\nb' })).toBe(false);
  });
});

describe('regex', () => {
  it('uses Lucene syntax on fields: whole string, ^ and $ literal', () => {
    expect(matches('p regex "net[0-9]?\\\\.exe"', { p: 'net1.exe' })).toBe(true);
    expect(matches('p regex "net"', { p: 'net.exe' })).toBe(false);
    expect(matches('p regex "^net.*"', { p: 'net.exe' })).toBe(false);
    expect(matches('p regex "^net.*"', { p: '^net.exe' })).toBe(true);
    expect(matches('p regex ("a.*", "b.*")', { p: 'bcd' })).toBe(true);
  });
  it('reads Lucene escapes of letters as the letter (not as Java/RE2 escapes)', () => {
    expect(matches('p regex "a\\\\eb"', { p: 'aeb' })).toBe(true);
    expect(matches('p regex "\\\\<x\\\\>"', { p: '<x>' })).toBe(true);
  });
  it('a regex matching everything is exists', () => {
    expect(select('f regex ".*"', [{ f: 'x' }, { f: 7 }, {}])).toEqual([0, 1]);
  });
  it('regex~ folds ASCII only on fields', () => {
    expect(matches('p regex~ "NET.*"', { p: 'net.exe' })).toBe(true);
    expect(matches('p regex "NET.*"', { p: 'net.exe' })).toBe(false);
    expect(matches('p regex~ "Ä.*"', { p: 'ä' })).toBe(false);
  });
  it('uses Java syntax on computed values: anchors, \\d', () => {
    expect(matches('concat(p) regex "^net\\\\d$"', { p: 'net1' })).toBe(true);
    expect(matches('concat(p) regex "net"', { p: 'net1' })).toBe(false);
  });
  it('a regex that does not compile is an EqlError with the pattern range', () => {
    const text = 'p regex "a(b"';
    try {
      compileCondition(ast(text));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EqlError);
      const d = (e as EqlError).diagnostics[0];
      expect(d?.code).toBe('EQL4001');
      expect(text.slice(d?.range[0], d?.range[1])).toBe('"a(b"');
    }
  });
  it('backreferences are rejected in scripts rather than run by a backtracking engine', () => {
    for (const pattern of ['(a)\\1', 'a(?=b)', '(?<!a)b']) {
      try {
        compileCondition(ast(`concat(p) regex ${JSON.stringify(pattern)}`));
        expect.unreachable();
      } catch (e) {
        expect((e as EqlError).diagnostics[0]?.code, pattern).toBe('EQL4002');
      }
    }
  });
  it('catastrophic patterns run in linear time over 50k characters', () => {
    const long = 'a'.repeat(50_000);
    const start = performance.now();
    expect(matches('p regex "(a+)+b"', { p: long })).toBe(false);
    expect(matches('p regex "(a|aa)*b"', { p: long })).toBe(false);
    expect(matches('concat(p) regex "(a+)+$"', { p: `${long}!` })).toBe(false);
    expect(matches('p like "*a*a*a*a*a*b"', { p: long })).toBe(false);
    expect(matches('p : "*a*a*a*a*a*b"', { p: long })).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('string functions on fields (query path) vs their own semantics (script path)', () => {
  it('stringContains on a field is the wildcard *c*: empty matches all, * and ? are wildcards', () => {
    expect(select('stringContains(f, "")', [{ f: '' }, { f: 'x' }, {}])).toEqual([0, 1]);
    expect(matches('stringContains(f, "a*b")', { f: 'xaxxbx' })).toBe(true);
    expect(matches('stringContains(f, "a\\\\*b")', { f: 'xa*bx' })).toBe(true);
    expect(matches('stringContains(f, "a\\\\*b")', { f: 'xaxbx' })).toBe(false);
  });
  it('stringContains on a computed value is false for an empty substring', () => {
    expect(matches('stringContains(concat(f), "")', { f: 'x' })).toBe(false);
    expect(matches('stringContains(concat(f), "a*b")', { f: 'axb' })).toBe(false);
  });
  it('endsWith on a field is the wildcard *c; startsWith a literal prefix', () => {
    expect(matches('endsWith(f, "?.exe")', { f: 'cmd.exe' })).toBe(true);
    expect(matches('startsWith(f, "c?d")', { f: 'cmd.exe' })).toBe(false);
    expect(matches('startsWith(f, "c?d")', { f: 'c?d.exe' })).toBe(true);
    expect(matches('startsWith~(f, "CMD")', { f: 'cmd.exe' })).toBe(true);
    expect(matches('endsWith~(f, "EXE")', { f: 'cmd.exe' })).toBe(true);
    expect(matches('stringContains~(f, "MD.E")', { f: 'cmd.exe' })).toBe(true);
  });
  it('~ folds ASCII only on fields but Unicode in scripts', () => {
    expect(matches('startsWith~(f, "Ä")', { f: 'ä' })).toBe(false);
    expect(matches('startsWith~(concat(f), "Ä")', { f: 'ä' })).toBe(true);
  });
  it('cidrMatch on a field tests each value against every block', () => {
    expect(matches('cidrMatch(ip, "10.0.0.0/8", "192.168.0.0/16")', { ip: ['8.8.8.8', '192.168.1.1'] })).toBe(true);
    expect(matches('cidrMatch(ip, "2001:db8::/32")', { ip: '2001:db8::1' })).toBe(true);
    expect(matches('cidrMatch(ip, "10.0.0.0/8")', { ip: '11.0.0.1' })).toBe(false);
    expect(select('not cidrMatch(ip, "10.0.0.0/8")', [{ ip: '10.1.1.1' }, {}, { ip: '1.1.1.1' }])).toEqual([1, 2]);
  });
  it('an invalid CIDR is an EqlError', () => {
    expect(() => compileCondition(ast('cidrMatch(ip, "10.0.0.0/33")'))).toThrow(EqlError);
  });
});

describe('arithmetic in conditions', () => {
  it('integer division truncates: pid / 2 == 41 matches 82 and 83', () => {
    expect(select('pid / 2 == 41', [{ pid: 82 }, { pid: 83 }, { pid: 84 }])).toEqual([0, 1]);
  });
  it('a double operand makes it a double division', () => {
    expect(matches('pid / 2.0 == 41.5', { pid: 83 })).toBe(true);
  });
  it('division by zero gives null: no match, and not matches', () => {
    expect(matches('pid / 0 == 0', { pid: 1 })).toBe(false);
    expect(matches('not (pid / 0 == 0)', { pid: 1 })).toBe(true);
  });
  it('% keeps the sign of the dividend', () => {
    expect(matches('x % 6 == -4', { x: -10 })).toBe(true);
  });
});

describe('with a schema (Elasticsearch mapping)', () => {
  const schema = schemaFromMapping({
    properties: {
      '@timestamp': { type: 'date' },
      version: { type: 'version' },
      addr: { type: 'ip' },
      code: { type: 'keyword', null_value: 'NULL' },
      dbl: { type: 'double' },
      n: { type: 'long' },
      event: { properties: { category: { type: 'alias', path: 'event_type' } } },
      event_type: { type: 'keyword' },
    },
  });
  it('compares dates as instants against ISO strings and epoch millis', () => {
    const e = { '@timestamp': '2017-08-30T20:47:33Z' };
    expect(matches('@timestamp == "2017-08-30T20:47:33.000Z"', e, schema)).toBe(true);
    expect(matches('@timestamp > 1504125000000', e, schema)).toBe(true);
    expect(matches('@timestamp < "2017-08-30T22:47:33+02:00"', e, schema)).toBe(false);
    expect(matches('@timestamp == "2020-02-41"', e, schema)).toBe(false);
  });
  it('orders versions semantically, invalid ones after valid ones', () => {
    expect(matches('version > "1.5.0"', { version: '1.11.3' }, schema)).toBe(true);
    expect(matches('version < "1.5.0"', { version: '1.2.4-SNAPSHOT' }, schema)).toBe(true);
    expect(matches('version < "1.5.0"', { version: 'bad' }, schema)).toBe(false);
    expect(matches('version > "1.5.0"', { version: 'bad' }, schema)).toBe(true);
  });
  it('compares ips by address', () => {
    expect(matches('addr == "::ffff:10.0.0.1"', { addr: '10.0.0.1' }, schema)).toBe(true);
    expect(matches('addr < "10.0.0.2"', { addr: '10.0.0.1' }, schema)).toBe(true);
    expect(matches('addr in ("10.0.0.1", "::1")', { addr: '0:0:0:0:0:0:0:1' }, schema)).toBe(true);
  });
  it('substitutes null_value for explicit nulls only', () => {
    expect(matches('code == null', { code: null }, schema)).toBe(false);
    expect(matches('code == "NULL"', { code: null }, schema)).toBe(true);
    expect(matches('code == null', {}, schema)).toBe(true);
  });
  it('follows aliases', () => {
    expect(matches('event.category == "process"', { event_type: 'process' }, schema)).toBe(true);
  });
  it('prints doubles of a double field as Java does', () => {
    expect(matches('string(dbl) == "42.0"', { dbl: 42 }, schema)).toBe(true);
    expect(matches('string(n) == "42"', { n: 42.5 }, schema)).toBe(true);
    expect(matches('string(x) == "42"', { x: 42 }, schema)).toBe(true);
  });
  it('reads numbers of a keyword field as text', () => {
    expect(matches('event_type == "5"', { event_type: 5 }, schema)).toBe(true);
    expect(matches('length(event_type) == 1', { event_type: 5 }, schema)).toBe(true);
  });
});

describe('compile errors', () => {
  it('reports unknown functions and wrong arity', () => {
    expect(() => compileCondition(ast('length(a, b) == 1'))).toThrow(/expects 1/);
  });
  it('requires constant string patterns', () => {
    expect(() => compileCondition(ast('concat(a) : concat(b)'))).toThrow(EqlError);
    expect(() => compileCondition(ast('a : concat(b)'))).toThrow(EqlError);
    expect(() => compileCondition(ast('a like 5'))).toThrow(EqlError);
  });
});

describe('compileValue', () => {
  it('returns a field raw, arrays as they are, undefined when absent', () => {
    expect(compileValue(ast('a.b'))({ a: { b: [1, 2] } })).toEqual([1, 2]);
    expect(compileValue(ast('a.b'))({})).toBeUndefined();
  });
  it('evaluates computed values, null when missing', () => {
    expect(compileValue(ast('pid * 2 + 1'))({ pid: 4 })).toBe(9);
    expect(compileValue(ast('concat(a, "-", b)'))({ a: 'x' })).toBeNull();
    expect(compileValue(ast('1 + 2'))({})).toBe(3);
  });
});

describe('query path and script path agree where Elasticsearch says they do', () => {
  // ASCII text without line terminators: wildcard `:`/`like`, `in~`, `==` give the same answer
  // on a field (Lucene) and on a computed copy of it (Java script).
  const text = fc.string({ unit: fc.constantFrom('a', 'B', 'b', '.', '-'), maxLength: 8 });
  const pattern = fc.string({ unit: fc.constantFrom('a', 'A', 'b', '*', '?', '.'), maxLength: 6 });
  it('for : and like~ and like', () => {
    fc.assert(
      fc.property(text, pattern, fc.constantFrom(':', 'like', 'like~'), (value, pat, op) => {
        const literal = JSON.stringify(pat);
        expect(matches(`f ${op} ${literal}`, { f: value })).toBe(matches(`concat(f) ${op} ${literal}`, { f: value }));
      }),
      { numRuns: 300 },
    );
  });
  it('for startsWith~ and endsWith~ without pattern characters', () => {
    const sub = fc.string({ unit: fc.constantFrom('a', 'B', 'b', '.'), maxLength: 4 });
    fc.assert(
      fc.property(text, sub, fc.constantFrom('startsWith', 'endsWith', 'startsWith~', 'endsWith~'), (value, s, f) => {
        const literal = JSON.stringify(s);
        expect(matches(`${f}(f, ${literal})`, { f: value })).toBe(matches(`${f}(concat(f), ${literal})`, { f: value }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('robustness', () => {
  const conditions = [
    'x == "a"', 'x != 5', 'x < 3', 'x in ("a", 1, null)', 'x in~ ("A")', 'x : "a*"', 'x like~ "?b*"', 'x regex "a.*"',
    'length(x) > 1', 'concat(x, y) : "ab"', 'substring(x, 1, -1) == "b"', 'x + y > 2', 'number(x) == 5',
    'between(x, "a", "c") == "b"', 'indexOf(x, "a") == 0', 'cidrMatch(x, "10.0.0.0/8")', 'startsWith~(x, "a")',
    'not (x == null and y != null)', 'string(x) == "true"', 'stringContains(concat(x), y)', 'x', 'x.y.z == 1',
  ].map((q) => compileCondition(ast(q)));
  it('never throws on any JSON value in any field', () => {
    const event = fc.dictionary(fc.constantFrom('x', 'y', 'x.y', '__proto__', 'constructor'), fc.jsonValue());
    fc.assert(
      fc.property(event, (e) => {
        for (const c of conditions) expect(typeof c(e)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('compiles any expression tree to a predicate that never throws, or throws EqlError', () => {
    const r = [0, 0] as const;
    const tree = fc.letrec<{ expr: Expression }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ maxLength: 4 }).map((value): Expression => ({ type: 'String', value, raw: false, range: r })),
        fc.integer({ min: -3, max: 3 }).map((value): Expression => ({ type: 'Number', value, integer: true, range: r })),
        fc.constantFrom(0.5, -2.5).map((value): Expression => ({ type: 'Number', value, integer: false, range: r })),
        fc.boolean().map((value): Expression => ({ type: 'Boolean', value, range: r })),
        fc.constant<Expression>({ type: 'Null', range: r }),
        fc.constantFrom('x', 'y').map((name): Expression => ({ type: 'Field', path: [name], name, optional: false, range: r })),
        fc.record({ op: fc.constantFrom('==', '!=', '<', '>=') as fc.Arbitrary<'==' | '!=' | '<' | '>='>, left: tie('expr'), right: tie('expr') })
          .map((c): Expression => ({ type: 'Comparison', ...c, range: r })),
        fc.record({ op: fc.constantFrom('and', 'or') as fc.Arbitrary<'and' | 'or'>, left: tie('expr'), right: tie('expr') })
          .map((c): Expression => ({ type: 'Logical', ...c, range: r })),
        fc.record({ op: fc.constantFrom('+', '-', '*', '/', '%') as fc.Arbitrary<'+' | '-' | '*' | '/' | '%'>, left: tie('expr'), right: tie('expr') })
          .map((c): Expression => ({ type: 'Arithmetic', ...c, range: r })),
        tie('expr').map((operand): Expression => ({ type: 'Not', operand, range: r })),
        fc.record({ value: tie('expr'), list: fc.array(tie('expr'), { minLength: 1, maxLength: 3 }), caseInsensitive: fc.boolean(), negated: fc.boolean() })
          .map((c): Expression => ({ type: 'In', ...c, range: r })),
        fc.record({
          op: fc.constantFrom(':', 'like', 'like~', 'regex', 'regex~') as fc.Arbitrary<':' | 'like' | 'like~' | 'regex' | 'regex~'>,
          value: tie('expr'),
          patterns: fc.array(fc.string({ maxLength: 4 }).map((value): Expression => ({ type: 'String', value, raw: false, range: r })), { minLength: 1, maxLength: 2 }),
          list: fc.boolean(),
        }).map((c): Expression => ({ type: 'Match', ...c, range: r })),
        fc.record({
          name: fc.constantFrom('length', 'concat', 'substring', 'startsWith', 'stringContains', 'between', 'indexOf', 'number', 'string', 'add', 'cidrMatch'),
          caseInsensitive: fc.boolean(),
          args: fc.array(tie('expr'), { minLength: 1, maxLength: 4 }),
        }).map((c): Expression => ({ type: 'Call', ...c, range: r })),
      ),
    })).expr;
    const event = fc.dictionary(fc.constantFrom('x', 'y'), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(tree, fc.array(event, { maxLength: 3 }), (expr, events) => {
        let predicate: (e: EqlEvent) => boolean;
        try {
          predicate = compileCondition(expr);
        } catch (e) {
          expect(e).toBeInstanceOf(EqlError);
          return;
        }
        for (const e of events) expect(typeof predicate(e)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('and, or, not over two-valued tests and true/false/null constants', () => {
  // An independent oracle: Kleene's three-valued logic, evaluated on the tree as written. The
  // compiler folds constants and picks two- or three-valued closures; whatever it picks must
  // select exactly the events whose condition is true here (unknown selects nothing).
  type F = { op: 'leaf'; text: string; value: (e: { a: string; b: string }) => boolean | null } | { op: 'not'; x: F } | { op: 'and' | 'or'; x: F; y: F };
  const leaf = (text: string, value: (e: { a: string; b: string }) => boolean | null): F => ({ op: 'leaf', text, value });
  const leaves = fc.constantFrom(
    leaf('a == "y"', (e) => e.a === 'y'),
    leaf('b == "y"', (e) => e.b === 'y'),
    leaf('a != "y"', (e) => e.a !== 'y'),
    leaf('true', () => true),
    leaf('false', () => false),
    leaf('null', () => null),
  );
  const formula = fc.letrec<{ f: F }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaves,
      fc.record({ op: fc.constant('not' as const), x: tie('f') }),
      fc.record({ op: fc.constantFrom('and' as const, 'or' as const), x: tie('f'), y: tie('f') }),
    ),
  })).f;
  const text = (f: F): string => (f.op === 'leaf' ? f.text : f.op === 'not' ? `not (${text(f.x)})` : `(${text(f.x)}) ${f.op} (${text(f.y)})`);
  const kleene = (f: F, e: { a: string; b: string }): boolean | null => {
    if (f.op === 'leaf') return f.value(e);
    if (f.op === 'not') {
      const v = kleene(f.x, e);
      return v === null ? null : !v;
    }
    const x = kleene(f.x, e);
    const y = kleene(f.y, e);
    if (f.op === 'and') return x === false || y === false ? false : x === true && y === true ? true : null;
    return x === true || y === true ? true : x === false && y === false ? false : null;
  };
  const events = [
    { a: 'y', b: 'y' },
    { a: 'y', b: 'n' },
    { a: 'n', b: 'y' },
    { a: 'n', b: 'n' },
  ];

  it('selects exactly the events Kleene logic makes true (property)', () => {
    fc.assert(
      fc.property(formula, (f) => {
        const expected = events.flatMap((e, i) => (kleene(f, e) === true ? [i] : []));
        expect(select(text(f), events), text(f)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps unknown unknown through each operator', () => {
    const all = [0, 1, 2, 3];
    expect(select('null and a == "y"', events)).toEqual([]);
    expect(select('not (null and a == "y")', events)).toEqual([2, 3]);
    expect(select('not (a == "y" and null)', events)).toEqual([2, 3]);
    expect(select('null or a == "y"', events)).toEqual([0, 1]);
    expect(select('not (null or a == "y")', events)).toEqual([]);
    expect(select('not (a == "y" or null)', events)).toEqual([]);
    expect(select('true and a == "y"', events)).toEqual([0, 1]);
    expect(select('a == "y" and true', events)).toEqual([0, 1]);
    expect(select('false or a == "y"', events)).toEqual([0, 1]);
    expect(select('a == "y" or false', events)).toEqual([0, 1]);
    expect(select('a == "y" or true', events)).toEqual(all);
    expect(select('a == "y" and false', events)).toEqual([]);
    expect(select('not (null and false)', events)).toEqual(all);
    expect(select('not (null or true)', events)).toEqual([]);
    expect(select('null or true', events)).toEqual(all);
    expect(select('not (null and null)', events)).toEqual([]);
    expect(select('(a == "y" and null) or b == "y"', events)).toEqual([0, 2]);
    expect(select('not ((a == "y" and null) or b == "y")', events)).toEqual([3]);
    expect(select('not ((a == "y" or null) and b == "y")', events)).toEqual([1, 3]);
  });
});

describe('script values of mapped fields (doc values, not the JSON source)', () => {
  const schema = schemaFromMapping({
    properties: { k: { type: 'keyword' }, n: { type: 'long' }, d: { type: 'double' }, b: { type: 'boolean' }, i: { type: 'ip' }, w: { type: 'wildcard' } },
  });
  it('reads a keyword of a number or boolean as its text', () => {
    expect(matches('concat(k) == "5"', { k: 5 }, schema)).toBe(true);
    expect(matches('concat(k) == "true"', { k: true }, schema)).toBe(true);
    expect(matches('length(k) == 4', { k: true }, schema)).toBe(true);
    expect(matches('concat(w, "!") == "7!"', { w: 7 }, schema)).toBe(true);
    expect(matches('concat(i) == "10.0.0.1"', { i: '10.0.0.1' }, schema)).toBe(true);
  });
  it('reads a long of a numeric string as the number, truncating fractions', () => {
    expect(matches('n + 1 == 43', { n: '42' }, schema)).toBe(true);
    expect(matches('n + 1 == 43', { n: 42.9 }, schema)).toBe(true);
    expect(matches('concat(n) == "42"', { n: '42' }, schema)).toBe(true);
    // Not a number: left as it is (no doc value Elasticsearch would index), so arithmetic is null.
    expect(matches('n + 1 == null', { n: 'x' }, schema)).toBe(true);
  });
  it('reads a double of a numeric string as the number', () => {
    expect(matches('d * 2 == 5', { d: '2.5' }, schema)).toBe(true);
    expect(matches('d * 2 == 5', { d: 2.5 }, schema)).toBe(true);
  });
  it('reads a boolean of "true"/"false" as the boolean', () => {
    expect(matches('concat(b) == "true"', { b: 'true' }, schema)).toBe(true);
    expect(matches('concat(b) == "false"', { b: 'false' }, schema)).toBe(true);
  });
  it('without a schema, keeps JSON types', () => {
    expect(matches('concat(n) == "42.9"', { n: 42.9 })).toBe(true);
    expect(matches('n + 1 == "421"', { n: '42' })).toBe(false);
    expect(matches('concat(k) == "5"', { k: 5 })).toBe(true);
  });
});
