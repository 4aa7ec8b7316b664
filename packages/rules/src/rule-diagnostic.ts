import type { Diagnostic, Severity } from '@eqlkit/parser';
import { lineColumnAt } from './line-index.js';

/**
 * A problem in a rule file, rule pack or rule test file: the parser's `Diagnostic` (range, line
 * and column are in the *file's* text) plus the file it belongs to and, for schema problems, the
 * JSON Pointer of the offending value (`/rule/risk_score`).
 */
export interface RuleDiagnostic extends Diagnostic {
  readonly file: string;
  readonly jsonPath?: string;
}

/** Stable codes for rule-file problems. Query problems keep the parser's own codes. */
export const RuleCode = {
  /** The file is not valid TOML. */
  TomlSyntax: 'EQL5001',
  /** The file is not valid YAML. */
  YamlSyntax: 'EQL5002',
  /** The file's top level is not a table/map, or the extension is not .toml/.yaml/.yml. */
  NotARuleFile: 'EQL5003',
  /** A required key is absent. */
  MissingKey: 'EQL5010',
  /** A value has the wrong type. */
  WrongType: 'EQL5011',
  /** A value is not one of the allowed values. */
  NotAllowed: 'EQL5012',
  /** A string does not have the required form (UUID, date, date math, index pattern, URL...). */
  BadFormat: 'EQL5013',
  /** A number or list is out of range (risk_score 0-100, max_signals >= 1, empty list). */
  OutOfRange: 'EQL5014',
  /** risk_score is outside the band of the rule's severity. */
  RiskBand: 'EQL5015',
  /** Any other schema violation. */
  Schema: 'EQL5019',
  /** A key the schema does not know (warning). */
  UnknownKey: 'EQL5020',
  /** An EQL rule without a query, or the query could not be placed in the file. */
  MissingQuery: 'EQL5030',
  /** Two rules of one pack share a rule_id. */
  DuplicateRuleId: 'EQL5040',
  /** pack.yaml is invalid. */
  BadManifest: 'EQL5041',
  /** A file could not be read. */
  Unreadable: 'EQL5042',
  /** The pack needs an engine version this engine is not. */
  EngineVersion: 'EQL5043',
  /** updated_date is before creation_date (warning). */
  DatesOutOfOrder: 'EQL5044',
  /** A sequence's maxspan exceeds the rule's look-back plus 10 minutes (warning). */
  ShortLookback: 'EQL5045',
  /** The interval is under half a sequence's maxspan (warning). */
  ShortInterval: 'EQL5046',
  /** A rule test file is invalid (syntax, shape, unknown rule, unreadable events file). */
  BadTestFile: 'EQL5050',
  /** A rule produced more alerts than its max_signals in one interval; the rest were dropped. */
  MaxSignals: 'EQL5060',
  /** A rule's query could not be compiled by the engine. */
  CompileFailed: 'EQL5061',
  /** A rule's stream gave up partial sequences because a cap (`maxPendingTotal`, `maxPendingPerKey`) was reached. */
  PartialsCapped: 'EQL5062',
} as const;

export type RuleCodeValue = (typeof RuleCode)[keyof typeof RuleCode];

/** Builds a diagnostic at [start, end) of `text`, deriving line and column. */
export function ruleDiagnostic(
  file: string,
  text: string,
  code: string,
  severity: Severity,
  message: string,
  start: number,
  end: number = start,
  extra: { jsonPath?: string; hint?: string } = {},
): RuleDiagnostic {
  const { line, column } = lineColumnAt(text, start);
  return {
    file,
    code,
    severity,
    message,
    range: [start, Math.max(start, end)],
    line,
    column,
    ...(extra.jsonPath !== undefined ? { jsonPath: extra.jsonPath } : {}),
    ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
  };
}

/** Offset of 1-based `line` and `column` in `text` (clamped to the text). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** Renders `file:line:col: severity: message [code]`, the format the CLI prints. */
export function formatRuleDiagnostic(d: RuleDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}
