import { describe, expect, it } from 'vitest';
import { toSarif } from './sarif.js';

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string }[]; version: string } };
    results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
  }[];
}

describe('toSarif', () => {
  it('writes a SARIF 2.1.0 log: one rule per code, one result per diagnostic with its region', () => {
    const d = (code: string, severity: 'error' | 'warning', line: number) => ({
      file: 'rules/x.toml',
      diagnostic: { code, severity, message: `m ${code}`, range: [0, 1] as [number, number], line, column: 3 },
    });
    const log = toSarif([d('EQL5011', 'error', 4), d('EQL5020', 'warning', 9), d('EQL5011', 'error', 6)], '1.2.3') as unknown as SarifLog;
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['EQL5011', 'EQL5020']);
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['EQL5011', 'error', 4],
      ['EQL5020', 'warning', 9],
      ['EQL5011', 'error', 6],
    ]);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('rules/x.toml');
  });

  it('gives absolute paths as file URIs', () => {
    const log = toSarif([{ file: '/tmp/a b.toml', diagnostic: { code: 'E', severity: 'error', message: 'm', range: [0, 0], line: 1, column: 1 } }], '0') as unknown as SarifLog;
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('file:///tmp/a%20b.toml');
  });
});
