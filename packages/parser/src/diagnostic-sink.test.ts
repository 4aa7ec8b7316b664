import { describe, expect, it } from 'vitest';
import { DiagnosticCode } from './codes.js';
import { DiagnosticSink } from './diagnostic-sink.js';

describe('DiagnosticSink', () => {
  it('derives line and column from the range start', () => {
    const sink = new DiagnosticSink('ab\ncd');
    sink.report(DiagnosticCode.SyntaxError, 'm', [4, 5]);
    expect(sink.diagnostics[0]).toMatchObject({ line: 2, column: 2, range: [4, 5], severity: 'error' });
  });

  it('clamps ranges into the text so they always lie inside it', () => {
    const sink = new DiagnosticSink('abc');
    sink.report(DiagnosticCode.SyntaxError, 'm', [Number.NaN, 99]);
    sink.report(DiagnosticCode.SyntaxError, 'm', [2, 1]);
    expect(sink.diagnostics.map((d) => d.range)).toEqual([
      [3, 3],
      [2, 2],
    ]);
  });

  it('adds a hint only when given one', () => {
    const sink = new DiagnosticSink('x');
    sink.report(DiagnosticCode.SyntaxError, 'm', [0, 1]);
    sink.report(DiagnosticCode.SyntaxError, 'm', [0, 1], 'do this');
    expect(sink.diagnostics.map((d) => 'hint' in d)).toEqual([false, true]);
  });
});
