import { colorEnabled, palette } from './color.js';
import type { LocatedDiagnostic } from './located-diagnostic.js';
import { diagnosticJson, renderDiagnostic } from './render-diagnostic.js';

/** Writes diagnostics to stderr: rendered with an excerpt, or one JSON object a line (`json`). */
export function printDiagnostics(diagnostics: readonly LocatedDiagnostic[], json: boolean): void {
  if (json) {
    for (const d of diagnostics) process.stderr.write(`${JSON.stringify(diagnosticJson(d))}\n`);
    return;
  }
  const p = palette(colorEnabled(process.stderr));
  for (const d of diagnostics) process.stderr.write(`${renderDiagnostic(d, p)}\n`);
}
