import type { Diagnostic } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { palette } from './color.js';
import { diagnosticJson, renderDiagnostic } from './render-diagnostic.js';

function diag(source: string, start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic {
  const before = source.slice(0, start);
  const line = before.split('\n').length;
  const column = start - before.lastIndexOf('\n');
  return { code: 'EQL1010', severity: 'error', message: 'bad thing', range: [start, end], line, column, ...extra };
}

const plain = palette(false);

describe('renderDiagnostic', () => {
  it('prints file:line:col, severity, code and message, then the line and a caret under the range', () => {
    const source = 'any where\n  x == == 1';
    const out = renderDiagnostic({ file: 'q.eql', source, diagnostic: diag(source, 17, 19) }, plain);
    expect(out).toBe('q.eql:2:8: error EQL1010: bad thing\n    x == == 1\n         ^^');
  });

  it('keeps tabs in the padding so the caret lines up, and adds the hint', () => {
    const source = '\tfoo bar';
    const out = renderDiagnostic({ file: 'f', source, diagnostic: diag(source, 5, 8, { hint: 'write baz' }) }, plain);
    expect(out.split('\n')).toEqual(['f:1:6: error EQL1010: bad thing', '  \tfoo bar', '  \t    ^^^', '  hint: write baz']);
  });

  it('cuts a very long line to a window around the column', () => {
    const source = `${'a'.repeat(500)}X${'b'.repeat(500)}`;
    const [, text, caret] = renderDiagnostic({ file: 'f', source, diagnostic: diag(source, 500, 501) }, plain).split('\n');
    expect(text!.length).toBeLessThan(130);
    expect(text!.startsWith('  …')).toBe(true);
    expect(text![caret!.indexOf('^')]).toBe('X');
  });

  it('prints a warning as warning and no excerpt without source', () => {
    const out = renderDiagnostic({ file: 'f', diagnostic: diag('x', 0, 1, { severity: 'warning' }) }, plain);
    expect(out).toBe('f:1:1: warning EQL1010: bad thing');
  });

  it('colours only with a colour palette', () => {
    const source = 'x';
    expect(renderDiagnostic({ file: 'f', source, diagnostic: diag(source, 0, 1) }, palette(true))).toContain('\u001b[31m');
    expect(renderDiagnostic({ file: 'f', source, diagnostic: diag(source, 0, 1) }, plain)).not.toContain('\u001b[');
  });

  it('gives the JSON form with position, code and hint', () => {
    expect(diagnosticJson({ file: 'f', diagnostic: diag('ab', 1, 2, { hint: 'h' }) })).toEqual({
      file: 'f',
      line: 1,
      column: 2,
      range: [1, 2],
      severity: 'error',
      code: 'EQL1010',
      message: 'bad thing',
      hint: 'h',
    });
  });
});
