import type { Diagnostic, Statement } from '@eqlkit/parser';
import { buildRule } from './build-rule.js';
import { parserQueryCheck } from './check-query.js';
import { lintRule } from './rule-lint.js';
import { loadToml } from './load-toml.js';
import { loadYaml } from './load-yaml.js';
import type { ParsedFile } from './parsed-file.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import type { Rule, RuleDocument } from './rule.js';
import { fileOffsetOf } from './source-positions.js';
import { validateRuleData } from './validate.js';

/**
 * Parses and checks a query; the diagnostics' ranges are offsets into the query text. The tree,
 * when given, feeds the look-back and interval checks.
 */
export type QueryChecker = (query: string) => { readonly diagnostics: readonly Diagnostic[]; readonly ast?: Statement | undefined };

export interface LoadRuleOptions {
  /** Checks the query of EQL rules; default `@eqlkit/parser`'s `parse`, `false` to skip. */
  readonly checkQuery?: QueryChecker | false;
  /** Version for a rule whose file has none (from the pack manifest). */
  readonly version?: (ruleId: string) => number | undefined;
}

/** The outcome of loading one rule file. `diagnostics` holds warnings for loaded/skipped rules. */
export type LoadedRuleFile =
  | { readonly status: 'loaded'; readonly file: string; readonly rule: Rule; readonly diagnostics: readonly RuleDiagnostic[] }
  | {
      readonly status: 'skipped';
      readonly file: string;
      readonly rule: Rule;
      /** Why the rule does not run here (a non-EQL rule type, a deprecated rule). */
      readonly reason: string;
      readonly diagnostics: readonly RuleDiagnostic[];
    }
  | { readonly status: 'invalid'; readonly file: string; readonly diagnostics: readonly RuleDiagnostic[] };

/** True for the file names rule files may have. */
export function isRuleFileName(name: string): boolean {
  return /\.(toml|ya?ml)$/i.test(name) && !/\.test\.ya?ml$/i.test(name) && !/(^|\/)pack\.ya?ml$/i.test(name);
}

/** Reads a rule file's text as TOML or YAML, chosen by its extension. */
export function parseRuleFile(file: string, text: string): ParsedFile | RuleDiagnostic {
  if (/\.toml$/i.test(file)) return loadToml(file, text);
  if (/\.ya?ml$/i.test(file)) return loadYaml(file, text);
  return ruleDiagnostic(file, text, RuleCode.NotARuleFile, 'error', 'a rule file must end in .toml, .yaml or .yml', 0);
}

/**
 * Loads one rule file: syntax, schema, then the query, every problem placed at its line and
 * column in the file. Never throws on bad input.
 */
export function loadRule(file: string, text: string, options: LoadRuleOptions = {}): LoadedRuleFile {
  const parsed = parseRuleFile(file, text);
  if (!('format' in parsed)) return { status: 'invalid', file, diagnostics: [parsed] };
  if (parsed.diagnostics.length > 0) return { status: 'invalid', file, diagnostics: parsed.diagnostics };
  if (!isPlainObject(parsed.data)) {
    const d = ruleDiagnostic(file, text, RuleCode.NotARuleFile, 'error', 'a rule file must hold a table/map with metadata and rule', 0);
    return { status: 'invalid', file, diagnostics: [d] };
  }
  const diagnostics = validateRuleData(parsed);
  if (diagnostics.some((d) => d.severity === 'error')) return { status: 'invalid', file, diagnostics };

  const doc = parsed.data as unknown as RuleDocument;
  const ruleId = typeof doc.rule.rule_id === 'string' ? doc.rule.rule_id : '';
  const rule = buildRule(doc, options.version?.(ruleId));
  if (rule.type !== 'eql') {
    return { status: 'skipped', file, rule, reason: `${rule.type} rules do not run here (only eql)`, diagnostics };
  }
  const query = rule.query ?? '';
  if (query.trim() === '') {
    const at = parsed.positions.locate('/rule/query')?.value ?? { start: 0, end: 0 };
    const d = ruleDiagnostic(file, text, RuleCode.MissingQuery, 'error', 'an eql rule needs a non-empty query', at.start, at.end, {
      jsonPath: '/rule/query',
    });
    return { status: 'invalid', file, diagnostics: [...diagnostics, d] };
  }
  const checkQuery = options.checkQuery ?? parserQueryCheck;
  const checked = checkQuery ? checkQuery(query) : undefined;
  const queryDiagnostics = checked ? placeQueryDiagnostics(parsed, query, checked.diagnostics) : [];
  const queryErrors = queryDiagnostics.some((d) => d.severity === 'error');
  if (rule.metadata.maturity === 'deprecated') {
    // Elastic ships no deprecated rule and skips their query validation: loaded, not run, and
    // query problems only warned about.
    const warnings = queryDiagnostics.map((d) => ({ ...d, severity: 'warning' as const }));
    const reason = queryErrors ? 'deprecated rule (not run; its query does not parse)' : 'deprecated rule (not run, as Elastic ships none)';
    return { status: 'skipped', file, rule, reason, diagnostics: [...diagnostics, ...warnings] };
  }
  if (queryErrors) return { status: 'invalid', file, diagnostics: [...diagnostics, ...queryDiagnostics] };
  const lint = lintRule(parsed, rule, checked?.ast);
  return { status: 'loaded', file, rule, diagnostics: [...diagnostics, ...queryDiagnostics, ...lint].sort((a, b) => a.range[0] - b.range[0]) };
}

/** Moves query diagnostics from query offsets to file offsets (exact through string escapes). */
export function placeQueryDiagnostics(
  parsed: ParsedFile,
  query: string,
  diagnostics: readonly Diagnostic[],
): RuleDiagnostic[] {
  if (diagnostics.length === 0) return [];
  const offsets = parsed.positions.stringOffsets('/rule/query', query);
  const value = parsed.positions.locate('/rule/query')?.value ?? { start: 0, end: 0 };
  return diagnostics.map((d) => {
    const start = offsets ? fileOffsetOf(offsets, d.range[0]) : value.start;
    const end = offsets ? fileOffsetOf(offsets, d.range[1]) : value.end;
    return ruleDiagnostic(parsed.file, parsed.text, d.code, d.severity, d.message, start, end, {
      jsonPath: '/rule/query',
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
    });
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
