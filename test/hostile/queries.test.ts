// Hostile queries: every limit is a diagnostic with its code and position, never a crash, and
// patterns built to backtrack run in time linear in the input.
import { compile, EqlError } from '@eqlkit/engine';
import { parse, type Diagnostic } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { linearGrowth } from './timing.js';

const brief = (ds: readonly Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, message: d.message }));

describe('query size limits', () => {
  it('refuses a query over 1 MiB with EQL1020 at the start', () => {
    const text = `any where a == "${'x'.repeat(1 << 20)}"`;
    expect(brief(parse(text).diagnostics)).toEqual([
      { code: 'EQL1020', range: [0, 0], message: `query is ${text.length} characters long; the limit is 1048576` },
    ]);
  });

  it('accepts a query of exactly 1 MiB', () => {
    const head = 'any where a == "';
    const text = `${head}${'x'.repeat((1 << 20) - head.length - 1)}"`;
    expect(text.length).toBe(1 << 20);
    const { ast, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(ast?.type).toBe('Statement');
  });

  it('honours a lower maxLength', () => {
    expect(brief(parse('any where true', { maxLength: 5 }).diagnostics)).toEqual([
      { code: 'EQL1020', range: [0, 0], message: 'query is 14 characters long; the limit is 5' },
    ]);
  });

  it('refuses 300 nested parentheses with EQL1021 at the 201st', () => {
    const prefix = 'process where ';
    const text = `${prefix}${'('.repeat(300)}true${')'.repeat(300)}`;
    const at = prefix.length + 200;
    expect(brief(parse(text).diagnostics)).toEqual([{ code: 'EQL1021', range: [at, at + 1], message: 'brackets nest more than 200 levels deep' }]);
  });

  it('refuses 100,000 nested `![` without overflowing the stack', () => {
    const text = `sequence ${'!['.repeat(100_000)}`;
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['EQL1021']);
    expect(diagnostics[0]!.range).toEqual([9 + 200 * 2, 9 + 200 * 2 + 2]);
  });

  it('refuses a 2,000-term `or` chain with EQL1021 over the whole condition', () => {
    const condition = Array.from({ length: 2000 }, (_, i) => `a == ${i}`).join(' or ');
    const { diagnostics } = parse(`process where ${condition}`);
    expect(brief(diagnostics)).toEqual([
      {
        code: 'EQL1021',
        range: [0, 14 + condition.length],
        message: 'query is more than 1000 levels deep (long operator chains and runs of `not` count one level per operator)',
      },
    ]);
  });

  it('refuses 5,000 `not`s with EQL1021', () => {
    expect(parse(`process where ${'not '.repeat(5000)}true`).diagnostics.map((d) => d.code)).toEqual(['EQL1021']);
  });

  it('refuses an `in` list of 65,537 members with EQL1022 at the comma past the limit, quickly', () => {
    const members = Array.from({ length: 65_537 }, (_, i) => `"v${i}"`);
    const text = `process where process.name in (${members.join(',')})`;
    const started = performance.now();
    const { diagnostics } = parse(text);
    const elapsed = performance.now() - started;
    const comma = text.indexOf(`,"v65536"`);
    expect(brief(diagnostics)).toEqual([{ code: 'EQL1022', range: [comma, comma + 1], message: 'list has more than 65536 members' }]);
    expect(diagnostics[0]!.hint).toBe('split the list, or match a pattern instead');
    // Refused on the tokens: no grammar run over 65,537 members (that takes seconds).
    expect(elapsed).toBeLessThan(2000);
  });

  it('honours a lower maxListSize for `in` lists and function arguments alike', () => {
    expect(brief(parse('any where a in (1, 2, 3)', { maxListSize: 2 }).diagnostics)).toEqual([
      { code: 'EQL1022', range: [20, 21], message: 'list has more than 2 members' },
    ]);
    expect(parse('any where concat(a, b, c) == "x"', { maxListSize: 2 }).diagnostics.map((d) => d.code)).toEqual(['EQL1022']);
    expect(parse('any where a in (1, 2)', { maxListSize: 2 }).diagnostics).toEqual([]);
  });

  it('does not count top-level commas (join keys) against maxListSize', () => {
    const text = 'sequence by a, b, c [any where true] [any where true]';
    expect(parse(text, { maxListSize: 2 }).diagnostics).toEqual([]);
  });

  it('refuses a number literal beyond double range with EQL1005', () => {
    expect(brief(parse('any where a == 1e400').diagnostics)).toEqual([{ code: 'EQL1005', range: [15, 20], message: 'Number [1e400] is too large' }]);
  });

  it('reports a NUL byte in a query as EQL1001 at its offset', () => {
    expect(brief(parse('any where a == 1\u0000').diagnostics)).toEqual([{ code: 'EQL1001', range: [16, 17], message: 'unexpected character U+0000' }]);
  });

  it('reports a non-string query (untyped callers) as EQL1010, without throwing', () => {
    expect(brief(parse(42 as unknown as string).diagnostics)).toEqual([
      { code: 'EQL1010', range: [0, 0], message: 'expected the query as a string, got number' },
    ]);
  });

  it('compile throws EqlError (not a crash) carrying the limit diagnostic', () => {
    const text = `any where a in (${Array.from({ length: 65_537 }, (_, i) => i).join(',')})`;
    let error: unknown;
    try {
      compile(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EqlError);
    expect((error as EqlError).diagnostics.map((d) => d.code)).toEqual(['EQL1022']);
  });

  it('compiles and evaluates a 1,000-segment field path in bounded time', () => {
    const path = Array.from({ length: 1000 }, () => 'x').join('.');
    let nested: unknown = 1;
    for (let i = 0; i < 1000; i++) nested = { x: nested };
    const started = performance.now();
    const hits = compile(`any where ${path} == 1`).search([{ '@timestamp': 1, x: (nested as { x: unknown }).x }]);
    expect(hits).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('catastrophic patterns run in linear time', () => {
  const event = (x: string) => ({ '@timestamp': 1, x });

  it('regex (a+)+$ against a run of a then b: no match, time grows linearly', () => {
    // Lucene regexes are anchored and `$` is an ordinary character in them.
    const query = compile('any where x regex "(a+)+$"');
    expect(query.search([event('aaa$')])).toHaveLength(1);
    expect(query.search([event('aaaa')])).toHaveLength(0);
    linearGrowth((n) => query.search([event(`${'a'.repeat(n)}b`)]).length, 100_000);
  });

  it('regex (x+x+)+y against a run of x: no match, time grows linearly', () => {
    const query = compile('any where x regex "(x+x+)+y"');
    expect(query.search([event('xxy')])).toHaveLength(1);
    linearGrowth((n) => query.search([event('x'.repeat(n))]).length, 100_000);
  });

  it('wildcard *a*a*a*a*a*b against a run of a: no match, time grows linearly', () => {
    const query = compile('any where x : "*a*a*a*a*a*b"');
    expect(query.search([event('aaaaab')])).toHaveLength(1);
    expect(query.search([event('aaaab')])).toHaveLength(0);
    linearGrowth((n) => query.search([event('a'.repeat(n))]).length, 200_000);
  });

  it('like~ with many stars against a long string: time grows linearly', () => {
    const query = compile('any where x like~ "*A*A*A*A*A*B"');
    expect(query.search([event('aaaaab')])).toHaveLength(1);
    linearGrowth((n) => query.search([event('a'.repeat(n))]).length, 200_000);
  });

  it('a 100,000-character regex and a 50,000-star wildcard compile and match', () => {
    const long = 'a'.repeat(100_000);
    expect(compile(`any where x regex "${long}"`).search([event(long)])).toHaveLength(1);
    expect(compile(`any where x : "${'*a'.repeat(50_000)}"`).search([event(long)])).toHaveLength(1);
    expect(compile(`any where x : "${'*a'.repeat(50_000)}"`).search([event('a'.repeat(49_999))])).toHaveLength(0);
  });
});
