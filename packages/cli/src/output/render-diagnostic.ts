import type { Palette } from './color.js';
import type { LocatedDiagnostic } from './located-diagnostic.js';

const MAX_EXCERPT = 120;

function lineText(source: string, line: number): { text: string; start: number } | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', start);
    if (nl === -1) return undefined;
    start = nl + 1;
  }
  const end = source.indexOf('\n', start);
  const text = source.slice(start, end === -1 ? source.length : end).replace(/\r$/, '');
  return { text, start };
}

/**
 * `file:line:col: error CODE: message`, then the source line and a caret under the range
 * (tabs kept so the caret lines up), then the hint when there is one.
 */
export function renderDiagnostic({ file, source, diagnostic: d }: LocatedDiagnostic, p: Palette): string {
  const severity = d.severity === 'error' ? p.red(p.bold('error')) : p.yellow(p.bold('warning'));
  const head = `${p.bold(`${file}:${d.line}:${d.column}:`)} ${severity} ${d.code}: ${d.message}`;
  const lines = [head];
  const src = source === undefined ? undefined : lineText(source, d.line);
  if (src) {
    const col = Math.max(0, Math.min(d.column - 1, src.text.length));
    const lineEnd = src.start + src.text.length;
    let width = Math.max(1, Math.min(d.range[1], lineEnd) - Math.max(d.range[0], src.start + col));
    // A long line (minified JSON, a one-line query) is cut to a window around the column.
    const from = src.text.length > MAX_EXCERPT && col > MAX_EXCERPT / 2 ? col - MAX_EXCERPT / 2 : 0;
    const to = Math.min(src.text.length, from + MAX_EXCERPT);
    width = Math.min(width, Math.max(1, to - col));
    const text = `${from > 0 ? '…' : ''}${src.text.slice(from, to)}${to < src.text.length ? '…' : ''}`;
    const pad = `${from > 0 ? ' ' : ''}${src.text.slice(from, col).replace(/[^\t]/g, ' ')}`;
    lines.push(`  ${text}`, `  ${pad}${p.red('^'.repeat(width))}`);
  }
  if (d.hint) lines.push(`  ${p.cyan('hint:')} ${d.hint}`);
  return lines.join('\n');
}

/** The JSON form of a diagnostic (`--format json`). */
export function diagnosticJson({ file, diagnostic: d }: LocatedDiagnostic): Record<string, unknown> {
  return {
    file,
    line: d.line,
    column: d.column,
    range: d.range,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint === undefined ? {} : { hint: d.hint }),
  };
}
