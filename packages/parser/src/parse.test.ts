import { describe, expect, it } from 'vitest';
import type { Expression, SequenceQuery, Statement } from './ast.js';
import { DiagnosticCode } from './codes.js';
import { hasErrors, parse, parseExpression } from './parse.js';
import { stripRanges } from './strip-ranges.js';

function expr(text: string): unknown {
  const { ast, diagnostics } = parseExpression(text);
  expect(diagnostics).toEqual([]);
  return stripRanges(ast);
}

function statement(text: string): Statement {
  const { ast, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  return ast as Statement;
}

const f = (name: string, optional = false) => ({ type: 'Field', path: name.split('.'), name, optional });
const n = (value: number, integer = true) => ({ type: 'Number', value, integer });
const s = (value: string, raw = false) => ({ type: 'String', value, raw });

describe('expression precedence (EQL-SEMANTICS 3.1)', () => {
  it('binds and tighter than or, not tighter than and', () => {
    expect(expr('not a or b and c')).toEqual({
      type: 'Logical',
      op: 'or',
      left: { type: 'Not', operand: f('a') },
      right: { type: 'Logical', op: 'and', left: f('b'), right: f('c') },
    });
  });

  it('applies not to a whole comparison', () => {
    expect(expr('not a == 1')).toEqual({ type: 'Not', operand: { type: 'Comparison', op: '==', left: f('a'), right: n(1) } });
  });

  it('binds * tighter than + and both left to right', () => {
    expect(expr('1 - 2 - 3 * 4')).toEqual({
      type: 'Arithmetic',
      op: '-',
      left: { type: 'Arithmetic', op: '-', left: n(1), right: n(2) },
      right: { type: 'Arithmetic', op: '*', left: n(3), right: n(4) },
    });
  });

  it('attaches a predicate suffix to the primary only', () => {
    expect(expr('a + b : "x"')).toEqual({
      type: 'Arithmetic',
      op: '+',
      left: f('a'),
      right: { type: 'Match', op: ':', value: f('b'), patterns: [s('x')], list: false },
    });
  });

  it('reads -1 as unary minus over a literal', () => {
    expect(expr('-1')).toEqual({ type: 'Unary', op: '-', operand: n(1) });
  });
});

describe('predicates', () => {
  it('parses every membership form', () => {
    expect(expr('a not in~ ("x", "y")')).toEqual({ type: 'In', value: f('a'), list: [s('x'), s('y')], caseInsensitive: true, negated: true });
    expect(expr('a in (1)')).toEqual({ type: 'In', value: f('a'), list: [n(1)], caseInsensitive: false, negated: false });
  });

  it('parses match operators with one value or a list', () => {
    expect(expr('a like~ "x*"')).toEqual({ type: 'Match', op: 'like~', value: f('a'), patterns: [s('x*')], list: false });
    expect(expr('a regex ("x", """y\\d""")')).toEqual({ type: 'Match', op: 'regex', value: f('a'), patterns: [s('x'), s('y\\d', true)], list: true });
  });
});

describe('literals and names', () => {
  it('decodes every escape, including \\u{...}', () => {
    expect(expr('"\\n\\r\\t\\b\\f\\\\\\"\\\'\\u{41}\\u{1F600}"')).toEqual(s("\n\r\t\b\f\\\"'A\u{1F600}"));
  });

  it('keeps raw strings verbatim, quotes before the closing fence included', () => {
    expect(expr('"""a\\b"c""""')).toEqual(s('a\\b"c"', true));
  });

  it('reads integers, large integers as doubles, and decimals', () => {
    expect(expr('42')).toEqual(n(42));
    expect(expr('99999999999999999999')).toEqual(n(1e20, false));
    expect(expr('.5')).toEqual(n(0.5, false));
    expect(expr('1e3')).toEqual(n(1000, false));
  });

  it('reads dotted, @, back-quoted and optional field paths', () => {
    expect(expr('?`my``f`.@x.y_1')).toEqual({ type: 'Field', path: ['my`f', '@x', 'y_1'], name: 'my`f.@x.y_1', optional: true });
  });

  it('treats upper-case keywords as field names', () => {
    expect(expr('AND')).toEqual(f('AND'));
    expect(expr('index')).toEqual(f('index'));
  });

  it('stores canonical function names whatever the case written', () => {
    expect(expr('CONCAT(a)')).toEqual({ type: 'Call', name: 'concat', caseInsensitive: false, args: [f('a')] });
    expect(expr('startswith~(a, "x")')).toEqual({ type: 'Call', name: 'startsWith', caseInsensitive: true, args: [f('a'), s('x')] });
  });

  it('skips // and nested /* */ comments', () => {
    expect(expr('a /* x /* y */ z */ == // c\n 1')).toEqual({ type: 'Comparison', op: '==', left: f('a'), right: n(1) });
  });
});

describe('queries', () => {
  it('parses every category form', () => {
    const categories = ['any where true', 'process where true', '"my-cat" where true', '"""raw""" where true'].map(
      (q) => stripRanges(statement(q).query) as { filter: { category: unknown } },
    );
    expect(categories.map((c) => c.filter.category)).toEqual([
      { type: 'Category', any: true, quoted: 'none' },
      { type: 'Category', any: false, name: 'process', quoted: 'none' },
      { type: 'Category', any: false, name: 'my-cat', quoted: 'string' },
      { type: 'Category', any: false, name: 'raw', quoted: 'raw' },
    ]);
  });

  it('refuses the keyword maxspan as a bare category (it stays a field name, and a quoted category)', () => {
    const bare = parse('maxspan where process');
    expect(bare.ast).toBeUndefined();
    expect(bare.diagnostics.map((d) => [d.code, d.message])).toEqual([[DiagnosticCode.SyntaxError, '`maxspan` is a keyword, not an event category']]);
    expect(parse('"maxspan" where maxspan.runs == 1').diagnostics).toEqual([]);
  });

  it('parses a full sequence with keys, maxspan, runs, a missing stage and until', () => {
    const q = statement(
      'sequence by host with maxspan=5m [process where true] by user with runs=2 ![file where true] by user until [end where true] by user | head 3',
    );
    const seq = q.query as SequenceQuery;
    expect(seq.type).toBe('SequenceQuery');
    expect(seq.by.map((k) => k.name)).toEqual(['host']);
    expect(stripRanges(seq.maxspan)).toEqual({ type: 'TimeSpan', value: 5, unit: 'm', millis: 300_000 });
    expect(seq.terms.map((t) => [t.missing, t.runs, t.by.map((k) => k.name)])).toEqual([
      [false, 2, ['user']],
      [true, undefined, ['user']],
    ]);
    expect(seq.until?.filter.category.name).toBe('end');
    expect(stripRanges(q.pipes)).toEqual([{ type: 'Pipe', name: 'head', count: 3 }]);
  });

  it('parses a sample with per-stage keys', () => {
    const q = statement('sample by host [a where true] by x [b where true] by y');
    expect(q.query.type).toBe('SampleQuery');
  });

  it('gives every node a range inside the text', () => {
    const text = 'process where length(a) > 1 and b : ("x", "y") | tail 2';
    const q = statement(text);
    expect(q.range).toEqual([0, text.length]);
    const condition = (q.query as { filter: { condition: Expression } }).filter.condition;
    expect(text.slice(...condition.range)).toBe('length(a) > 1 and b : ("x", "y")');
  });
});

describe('results', () => {
  it('keeps the tree when only semantic checks fail', () => {
    const result = parse('process where a == b');
    expect(result.ast).toBeDefined();
    expect(hasErrors(result.diagnostics)).toBe(true);
  });

  it('withholds the tree on a syntax error', () => {
    const result = parse('process where (');
    expect(result.ast).toBeUndefined();
    expect(result.diagnostics[0]?.code).toBe(DiagnosticCode.SyntaxError);
  });

  it('reports an empty query', () => {
    expect(parse('  // nothing\n').diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.SyntaxError]);
  });

  it('accepts comparing optional fields, which Elasticsearch folds to null when unmapped', () => {
    expect(parse('any where ?x == ?y').diagnostics).toEqual([]);
  });

  it('rejects runs on the until stage', () => {
    const codes = parse('sequence [a where true] [b where true] until [c where true] with runs=2').diagnostics.map((d) => d.code);
    expect(codes).toEqual([DiagnosticCode.InvalidWithOption]);
  });
});
