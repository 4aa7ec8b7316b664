import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRuleDiagnostic, loadRule, RuleCode } from '@eqlkit/rules';
import { repoRoot } from '../support/shared.js';

const dir = join(repoRoot, 'test/rules/fixtures/broken');

/** Each broken fixture and the first error it must report: where, and with which code. */
const cases: { file: string; line: number; column: number; code: string; message: RegExp }[] = [
  { file: 'toml-syntax.toml', line: 12, column: 21, code: RuleCode.TomlSyntax, message: /invalid TOML/ },
  { file: 'toml-duplicate-key.toml', line: 16, column: 1, code: RuleCode.TomlSyntax, message: /redefine/ },
  { file: 'yaml-syntax.yaml', line: 14, column: 13, code: RuleCode.YamlSyntax, message: /invalid YAML/ },
  { file: 'missing-query.toml', line: 6, column: 1, code: RuleCode.MissingKey, message: /missing required key "query" in \[rule\]/ },
  { file: 'missing-metadata.yaml', line: 1, column: 1, code: RuleCode.MissingKey, message: /"metadata"/ },
  { file: 'bad-severity.toml', line: 15, column: 12, code: RuleCode.NotAllowed, message: /one of "low", "medium", "high", "critical", got "severe"/ },
  { file: 'eql-language.toml', line: 10, column: 12, code: RuleCode.NotAllowed, message: /language eql/ },
  { file: 'risk-band.toml', line: 13, column: 14, code: RuleCode.RiskBand, message: /medium severity takes risk_score 22-47/ },
  { file: 'risk-range.yaml', line: 12, column: 15, code: RuleCode.OutOfRange, message: /<= 100, got 150/ },
  { file: 'bad-rule-id.toml', line: 14, column: 11, code: RuleCode.BadFormat, message: /lowercase UUID/ },
  { file: 'bad-date.yaml', line: 2, column: 18, code: RuleCode.BadFormat, message: /YYYY\/MM\/DD/ },
  { file: 'bad-interval.toml', line: 13, column: 12, code: RuleCode.BadFormat, message: /rule\.interval/ },
  { file: 'bad-from.yaml', line: 12, column: 9, code: RuleCode.BadFormat, message: /date math/ },
  { file: 'bad-index.toml', line: 9, column: 24, code: RuleCode.BadFormat, message: /rule\.index\[1\]/ },
  { file: 'bad-tactic-id.toml', line: 31, column: 6, code: RuleCode.BadFormat, message: /rule\.threat\[0\]\.tactic\.id/ },
  { file: 'max-signals-zero.yaml', line: 12, column: 16, code: RuleCode.OutOfRange, message: />= 1/ },
  { file: 'bad-query.toml', line: 22, column: 3, code: 'EQL1010', message: /expected `]` to close the stage/ },
  { file: 'bad-query.yaml', line: 20, column: 33, code: 'EQL1010', message: /found `=`/ },
  { file: 'bad-query-escapes.toml', line: 19, column: 50, code: 'EQL2001', message: /unknownFunc/ },
  { file: 'bad-query-basic-multiline.toml', line: 21, column: 5, code: 'EQL1010', message: /found `and`/ },
  { file: 'legacy-query.toml', line: 20, column: 41, code: 'EQL3005', message: /Pipe \[unique\]/ },
  { file: 'wrong-type.toml', line: 16, column: 8, code: RuleCode.WrongType, message: /must be an array/ },
];

describe('broken rule files', () => {
  it.each(cases)('$file reports $code at $line:$column', ({ file, line, column, code, message }) => {
    const result = loadRule(file, readFileSync(join(dir, file), 'utf8'));
    expect(result.status).toBe('invalid');
    const first = result.diagnostics.find((d) => d.severity === 'error');
    expect(first && formatRuleDiagnostic(first)).toMatch(message);
    expect(first).toMatchObject({ file, line, column, code });
  });

  it.each(cases)('$file reports the same place with CRLF line ends', ({ file, line, column, code }) => {
    const result = loadRule(file, readFileSync(join(dir, file), 'utf8').replace(/\n/g, '\r\n'));
    expect(result.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ line, column, code });
  });
});
