import type { Diagnostic } from './diagnostic.js';
import { LineIndex } from './line-index.js';

/** How `formatDiagnostic` places and decorates a diagnostic. */
export interface FormatOptions {
  /** Shown first (`rules/x.toml:12:5: ...`). */
  file?: string;
  /** ANSI colours for a terminal. */
  color?: boolean;
  /** Added to the line number: the line where the query starts inside `file`, minus one. */
  lineOffset?: number;
  /** Added to the column on the query's first line (where the query starts inside that line). */
  columnOffset?: number;
}

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', bold: '\u001b[1m', cyan: '\u001b[36m', reset: '\u001b[0m' };

/**
 * Renders a diagnostic the way compilers do:
 *
 * ```
 * rule.toml:3:15: error EQL2001: Unknown function [lenght]
 *   process where lenght(x) > 1
 *                 ^~~~~~
 *   hint: did you mean [length]?
 * ```
 */
export function formatDiagnostic(d: Diagnostic, source: string, options: FormatOptions = {}): string {
  const index = new LineIndex(source);
  const start = Math.min(Math.max(0, d.range[0]), source.length);
  const { line, column } = index.positionAt(start);
  const lineText = index.lineText(line);
  const shownLine = line + (options.lineOffset ?? 0);
  const shownColumn = column + (line === 1 ? (options.columnOffset ?? 0) : 0);
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${ANSI.reset}` : text);

  const where = `${options.file ? `${options.file}:` : ''}${shownLine}:${shownColumn}`;
  const severity = paint(d.severity === 'error' ? ANSI.red : ANSI.yellow, d.severity);
  const header = `${paint(ANSI.bold, `${where}:`)} ${severity} ${d.code}: ${d.message}`;

  const lineEnd = lineText.length;
  const caretStart = column - 1;
  const caretEnd = Math.min(Math.max(d.range[1] - index.lineStart(line), caretStart + 1), Math.max(lineEnd, caretStart + 1));
  // Keep tabs in the padding so the caret lines up under the same character in a terminal.
  const padding = lineText.slice(0, caretStart).replace(/[^\t]/g, ' ');
  const marker = `^${'~'.repeat(Math.max(0, caretEnd - caretStart - 1))}`;

  const lines = [header, `  ${lineText}`, `  ${padding}${paint(ANSI.red, marker)}`];
  if (d.hint) lines.push(`  ${paint(ANSI.cyan, 'hint:')} ${d.hint}`);
  return lines.join('\n');
}
