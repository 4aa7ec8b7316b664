import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { LocatedDiagnostic } from './located-diagnostic.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function uri(file: string): string {
  // Relative paths stay relative so results resolve against the checkout in code-scanning UIs.
  return isAbsolute(file) ? pathToFileURL(file).href : file.split('\\').join('/');
}

/** A SARIF 2.1.0 log of `eql check` results: one result per diagnostic, one rule per code. */
export function toSarif(diagnostics: readonly LocatedDiagnostic[], version: string): Record<string, unknown> {
  const codes = [...new Set(diagnostics.map((d) => d.diagnostic.code))].sort();
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'eqlkit',
            informationUri: 'https://github.com/eqlkit/eqlkit',
            version,
            rules: codes.map((id) => ({ id })),
          },
        },
        results: diagnostics.map(({ file, diagnostic: d }) => ({
          ruleId: d.code,
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(file) },
                region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.column) },
              },
            },
          ],
        })),
      },
    ],
  };
}
