import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostic.js';
import { hasErrors, parse, parseExpression } from './parse.js';

const brief = (ds: readonly Diagnostic[]) => ds.map((d) => [d.code, d.range, d.message] as const);
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);

describe('parse: input guard', () => {
  it('reports a non-string query by its type, with no tree', () => {
    for (const [input, kind] of [[null, 'null'], [42, 'number'], [undefined, 'undefined'], [{}, 'object']] as const) {
      const r = parse(input as unknown as string);
      expect(r.ast).toBeUndefined();
      expect(brief(r.diagnostics)).toEqual([['EQL1010', [0, 0], `expected the query as a string, got ${kind}`]]);
    }
  });
});

describe('parse: limits at their boundaries', () => {
  it('maxLength: a query of exactly the limit parses, one more character does not', () => {
    expect(parse('any where true', { maxLength: 14 }).diagnostics).toEqual([]);
    const over = parse('any where true ', { maxLength: 14 });
    expect(over.ast).toBeUndefined();
    expect(brief(over.diagnostics)).toEqual([['EQL1020', [0, 0], 'query is 15 characters long; the limit is 14']]);
  });

  it('maxDepth: 200 nested parentheses parse by default, 201 do not', () => {
    const nest = (n: number) => `any where ${'('.repeat(n)}true${')'.repeat(n)}`;
    expect(parse(nest(200)).diagnostics).toEqual([]);
    expect(brief(parse(nest(201)).diagnostics)).toEqual([['EQL1021', [210, 211], 'brackets nest more than 200 levels deep']]);
  });

  it('maxDepth: values above 256 are lowered to 256', () => {
    const text = `any where ${'('.repeat(257)}true${')'.repeat(257)}`;
    expect(brief(parse(text, { maxDepth: 10_000 }).diagnostics)).toEqual([['EQL1021', [266, 267], 'brackets nest more than 256 levels deep']]);
  });

  it('maxDepth counts `[` and `![` as well as `(`', () => {
    const inBracket = 'sequence [any where (true)] [any where true]';
    expect(brief(parse(inBracket, { maxDepth: 1 }).diagnostics)).toEqual([
      ['EQL1021', [inBracket.indexOf('('), inBracket.indexOf('(') + 1], 'brackets nest more than 1 levels deep'],
    ]);
    const inMissing = 'sequence [any where true] ![any where (true)]';
    expect(brief(parse(inMissing, { maxDepth: 1 }).diagnostics)).toEqual([
      ['EQL1021', [inMissing.indexOf('('), inMissing.indexOf('(') + 1], 'brackets nest more than 1 levels deep'],
    ]);
    const missingFirst = 'sequence ![any where (true)] [any where true]';
    expect(codes(parse(missingFirst, { maxDepth: 1 }).diagnostics)).toEqual(['EQL1021']);
  });

  it('maxDepth: closing brackets give the level back, so sibling groups never add up', () => {
    expect(parse('sequence [any where true] [any where true] [any where true]', { maxDepth: 1 }).diagnostics).toEqual([]);
    expect(parse('any where (a == 1) and (b == 2) and (c == 3)', { maxDepth: 1 }).diagnostics).toEqual([]);
  });

  it('maxDepth: stray closing brackets cannot buy extra depth', () => {
    expect(codes(parse('any where ))) (((a)))', { maxDepth: 2 }).diagnostics)).toEqual(['EQL1021']);
  });

  it('maxTreeDepth: the deepest accepted tree is exactly the limit', () => {
    const text = 'any where a or b or c or d or e';
    let depth = 1;
    while (parse(text, { maxTreeDepth: depth }).diagnostics.length > 0) depth++;
    expect(depth).toBeGreaterThan(4);
    expect(parse(text, { maxTreeDepth: depth }).ast).toBeDefined();
    const under = parse(text, { maxTreeDepth: depth - 1 });
    expect(under.ast).toBeUndefined();
    expect(brief(under.diagnostics)).toEqual([
      ['EQL1021', [0, text.length], `query is more than ${depth - 1} levels deep (long operator chains and runs of \`not\` count one level per operator)`],
    ]);
  });

  it('maxListSize: a list of exactly the limit parses, one more member does not', () => {
    expect(parse('any where a in (1, 2, 3)', { maxListSize: 3 }).diagnostics).toEqual([]);
    expect(brief(parse('any where a in (1, 2, 3, 4)', { maxListSize: 3 }).diagnostics)).toEqual([['EQL1022', [23, 24], 'list has more than 3 members']]);
  });

  it('maxListSize: commas are counted per list, not summed over nested or sibling lists', () => {
    expect(parse('any where a in (1, 2) and b in (3, 4) and concat(a, b) in ("1", "2")', { maxListSize: 2 }).diagnostics).toEqual([]);
    expect(parse('any where concat(a, concat(b, c)) == "x"', { maxListSize: 2 }).diagnostics).toEqual([]);
  });
});

describe('parse: lexical problems', () => {
  it('names a printable unexpected character, and gives others as code points', () => {
    const first = (text: string) => parse(text).diagnostics[0];
    expect(first('any where a == #')?.message).toBe('unexpected character `#`');
    expect(first('any where a == #')?.range).toEqual([15, 16]);
    for (const [ch, name] of [['\u00a0', 'U+00A0'], ['\u007f', 'U+007F'], ['\ufeff', 'U+FEFF'], ['\u0085', 'U+0085'], ['\u0001', 'U+0001']]) {
      expect(first(`any where a == ${ch}`)?.message).toBe(`unexpected character ${name}`);
    }
  });

  it('reports an unterminated comment; nested comments must close every level', () => {
    expect(brief(parse('any where a == 1 /* x').diagnostics)).toEqual([['EQL1006', [17, 19], 'unterminated comment: missing `*/`']]);
    expect(brief(parse('any where a == 1 /* /* x */').diagnostics)).toEqual([['EQL1006', [17, 19], 'unterminated comment: missing `*/`']]);
    expect(parse('any where a == 1 /* /* x */ */').diagnostics).toEqual([]);
    expect(parse('any where /* a */ a == 1 /* b */').diagnostics).toEqual([]);
  });

  it('reports unterminated, single-quoted and legacy raw strings with their ranges and hints', () => {
    expect(brief(parse('any where a == "abc').diagnostics)).toEqual([['EQL1002', [15, 19], 'unterminated string: missing closing `"` on this line']]);
    const single = parse("any where a == 'abc'").diagnostics;
    expect(brief(single)).toEqual([['EQL3002', [15, 20], 'single-quoted strings are not supported']]);
    expect(single[0]?.hint).toBe('use double quotes "..." (or """...""" for a raw string)');
    const raw = parse('any where a == ?"abc"').diagnostics;
    expect(brief(raw)).toEqual([['EQL3003', [15, 21], '`?"...` raw strings are not supported']]);
    expect(raw[0]?.hint).toBe('use a triple-quoted raw string """..."""');
  });

  it('reports each number beyond double range, and an invalid escape at its offset in the string', () => {
    expect(brief(parse('any where a == 1e400 and b == 2e400').diagnostics)).toEqual([
      ['EQL1005', [15, 20], 'Number [1e400] is too large'],
      ['EQL1005', [30, 35], 'Number [2e400] is too large'],
    ]);
    expect(parse('any where a == 1e300').diagnostics).toEqual([]);
    expect(brief(parse('any where a == "x\\q"').diagnostics)).toEqual([['EQL1003', [17, 19], 'invalid escape sequence [\\q]']]);
  });
});

describe('parse: results', () => {
  it('orders diagnostics by position whatever stage found them', () => {
    expect(codes(parse('any where a = 1 and b == 1e400').diagnostics)).toEqual(['EQL3001', 'EQL1005']);
  });

  it('keeps the tree on semantic errors and withholds it on syntax errors', () => {
    const semantic = parse('any where true | head 1.5');
    expect(codes(semantic.diagnostics)).toEqual(['EQL2024']);
    expect(semantic.ast?.type).toBe('Statement');
    expect(parse('any where a = 1').ast).toBeUndefined();
    expect(parse('any where a == 1e400').ast).toBeUndefined();
    expect(parse('any where a == #').ast).toBeUndefined();
  });

  it('runs semantic checks only when there is no lexical error', () => {
    expect(codes(parse('any where foo(a) == 1').diagnostics)).toEqual(['EQL2001']);
    expect(codes(parse('any where foo(a) == 1e400').diagnostics)).toEqual(['EQL1005']);
  });

  it('parseExpression checks a bare expression', () => {
    expect(parseExpression('a == 1').diagnostics).toEqual([]);
    expect(parseExpression('a == 1').ast?.type).toBe('Comparison');
    expect(codes(parseExpression('foo(a)').diagnostics)).toEqual(['EQL2001']);
    expect(codes(parseExpression('a ==').diagnostics)).toEqual(['EQL1010']);
  });

  it('hasErrors is true only when some diagnostic is an error', () => {
    const at = { range: [0, 0] as const, line: 1, column: 1, code: 'EQL0000', message: 'm' };
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([{ ...at, severity: 'warning' }] as Diagnostic[])).toBe(false);
    expect(hasErrors([{ ...at, severity: 'warning' }, { ...at, severity: 'error' }] as Diagnostic[])).toBe(true);
  });
});
