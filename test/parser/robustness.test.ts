import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticCode, parse, print, stripRanges, type Diagnostic } from '@eqlkit/parser';
import { loadCorpusQueries } from './shared-queries.js';

const corpus = loadCorpusQueries().map((q) => q.query);

/** The invariants every parse result keeps, whatever the input. */
function expectWellFormed(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.range[0]).toBeGreaterThanOrEqual(0);
    expect(d.range[1]).toBeGreaterThanOrEqual(d.range[0]);
    expect(d.range[1]).toBeLessThanOrEqual(text.length);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.code).not.toBe(DiagnosticCode.InternalError);
  }
}

const TOKENS = [
  'process', 'where', 'any', 'sequence', 'sample', 'by', 'with', 'maxspan', '=', 'runs', 'until', '[', '![', ']', '(', ')',
  '"a"', '"""r"""', "'s'", '?', '`q`', '.', ',', '|', 'head', 'tail', '1', '1.5', 'and', 'or', 'not', 'in', 'in~', ':', '!:',
  'like~', 'regex', '==', '<', '-', '*', 'length(', 'startsWith~(', 'true', 'null', '//c\n', '/*', '*/', '\\', '"\\u{', '\n',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(' '));

/** A corpus query with a few random edits: deletions, insertions of EQL tokens, duplications. */
const mutatedQuery = fc
  .record({
    index: fc.nat({ max: corpus.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 12 }), kind: fc.nat({ max: 2 }), token: fc.constantFrom(...TOKENS) }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ index, edits }) => {
    let text = corpus[index] as string;
    for (const edit of edits) {
      const at = text.length === 0 ? 0 : edit.at % text.length;
      if (edit.kind === 0) text = text.slice(0, at) + text.slice(at + edit.length);
      else if (edit.kind === 1) text = `${text.slice(0, at)} ${edit.token} ${text.slice(at)}`;
      else text = text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
    }
    return text;
  });

describe('parse never throws', () => {
  it('keeps its invariants on random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), tokenSoup), (text) => {
        const result = parse(text);
        expectWellFormed(text, result.diagnostics);
        if (result.ast === undefined) expect(result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps its invariants on mutated corpus queries', () => {
    fc.assert(
      fc.property(mutatedQuery, (text) => {
        expectWellFormed(text, parse(text).diagnostics);
      }),
      { numRuns: 600 },
    );
  });

  it('survives non-string input passed from untyped callers', () => {
    const result = parse(undefined as unknown as string);
    expect(result.ast).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('tree or no tree', () => {
  const isSyntax = (d: Diagnostic) => /^EQL[139]/.test(d.code);

  it('withholds the tree exactly when a syntax, legacy or internal error was reported', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, mutatedQuery), (text) => {
        const { ast, diagnostics } = parse(text);
        expect(ast === undefined).toBe(diagnostics.some(isSyntax));
      }),
      { numRuns: 800 },
    );
  });

  it('round-trips every tree it returns, even for mangled input', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, mutatedQuery), (text) => {
        const { ast } = parse(text);
        if (ast === undefined) return;
        const again = parse(print(ast));
        expect(again.diagnostics.filter(isSyntax)).toEqual([]);
        expect(stripRanges(again.ast)).toEqual(stripRanges(ast));
      }),
      { numRuns: 800 },
    );
  });
});

describe('limits', () => {
  it('reports 10,000 nested parentheses as too deep instead of overflowing the stack', () => {
    const text = `any where ${'('.repeat(10_000)}x${')'.repeat(10_000)}`;
    const { ast, diagnostics } = parse(text);
    expect(ast).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.NestingTooDeep]);
  });

  it('reports 10,000 nested `not` as too deep', () => {
    const { ast, diagnostics } = parse(`any where ${'not '.repeat(10_000)}x`);
    expect(ast).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.NestingTooDeep]);
  });

  it('reports 10,000 unary minus signs as too deep', () => {
    const { diagnostics } = parse(`any where x == ${'-'.repeat(10_000)}1`);
    expect(diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.NestingTooDeep]);
  });

  it('accepts an or-chain of 500 conditions by default', () => {
    const text = `any where ${Array.from({ length: 500 }, (_, i) => `x == ${i}`).join(' or ')}`;
    expect(parse(text).diagnostics).toEqual([]);
  });

  it('parses 256 nested brackets, the hard cap, without an internal error', () => {
    const text = `any where ${'('.repeat(255)}x == 1${')'.repeat(255)}`;
    const { ast, diagnostics } = parse(text, { maxDepth: 256 });
    expect(diagnostics).toEqual([]);
    expect(ast).toBeDefined();
  });

  it('caps bracket nesting where the grammar would run out of stack, whatever maxDepth says', () => {
    const text = `any where ${'('.repeat(1000)}x${')'.repeat(1000)}`;
    expect(parse(text, { maxDepth: 100_000 }).diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.NestingTooDeep]);
  });

  it('honours maxDepth, maxTreeDepth and maxLength options', () => {
    expect(parse('any where not not x', { maxTreeDepth: 3 }).diagnostics[0]?.code).toBe(DiagnosticCode.NestingTooDeep);
    expect(parse('any where ((x))', { maxDepth: 1 }).diagnostics[0]?.code).toBe(DiagnosticCode.NestingTooDeep);
    expect(parse('any where ((x))', { maxDepth: 10 }).diagnostics).toEqual([]);
    expect(parse('any where true', { maxLength: 5 }).diagnostics[0]?.code).toBe(DiagnosticCode.QueryTooLong);
  });
});

describe('error recovery', () => {
  it('reports every syntax error of a query, not only the first', () => {
    const text = 'sequence [a where x == ] [b where (y] [c where z ==== 1]';
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, text.slice(d.range[0], d.range[1])])).toEqual([
      [DiagnosticCode.SyntaxError, ']'],
      [DiagnosticCode.SyntaxError, ']'],
      [DiagnosticCode.SyntaxError, '=='],
    ]);
  });

  it('reports legacy and semantic errors of one query together', () => {
    const text = "process where x = 1 and y == 'a' and lenght(z) > 0 | unique z";
    const codes = parse(text).diagnostics.map((d) => d.code);
    expect(codes).toEqual([
      DiagnosticCode.LegacyAssignEquality,
      DiagnosticCode.LegacySingleQuotedString,
      DiagnosticCode.UnknownFunction,
      DiagnosticCode.UnsupportedPipe,
    ]);
  });
});
