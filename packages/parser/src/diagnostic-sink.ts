import type { Range } from './ast.js';
import type { DiagnosticCode } from './codes.js';
import type { Diagnostic, Severity } from './diagnostic.js';
import { LineIndex } from './line-index.js';

/** Collects diagnostics for one query text, deriving line and column from the range start. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  private lines: LineIndex | undefined;

  constructor(private readonly source: string) {}

  /** Records an error (or warning) at `range`, clamped into the source text. */
  report(code: DiagnosticCode, message: string, range: Range, hint?: string, severity: Severity = 'error'): void {
    const length = this.source.length;
    const start = clamp(range[0], length);
    const end = Math.max(start, clamp(range[1], length));
    this.lines ??= new LineIndex(this.source);
    const { line, column } = this.lines.positionAt(start);
    const diagnostic: Diagnostic = hint === undefined
      ? { code, severity, message, range: [start, end], line, column }
      : { code, severity, message, range: [start, end], line, column, hint };
    this.diagnostics.push(diagnostic);
  }
}

function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return length;
  return Math.min(Math.max(0, Math.trunc(offset)), length);
}
