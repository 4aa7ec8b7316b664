import { describe, expect, it } from 'vitest';
import { loadRule } from './load-rule.js';
import { RuleCode } from './rule-diagnostic.js';

const toml = (extra: string, ruleExtra = '') => `[metadata]
creation_date = "2024/01/01"
updated_date = "2024/01/01"
${extra}
[rule]
author = ["t"]
description = "d"
name = "A rule"
risk_score = 21
rule_id = "11111111-1111-4111-8111-111111111111"
severity = "low"
type = "eql"
language = "eql"
index = ["logs-*"]
${ruleExtra}
query = '''
any where true
'''
`;

describe('loadRule', () => {
  it('warns about unknown keys at the key and still loads the rule', () => {
    const result = loadRule('r.toml', toml('colour = "blue"'));
    expect(result.status).toBe('loaded');
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.message])).toEqual([
      [RuleCode.UnknownKey, 'warning', 4, 1, 'unknown key "colour" in [metadata]; it is kept but not used'],
    ]);
  });

  it('fills Kibana defaults and reads the run settings', () => {
    const plain = loadRule('r.toml', toml(''));
    const tuned = loadRule('r.toml', toml('', 'interval = "1h"\nmax_signals = 5\nevent_category_override = "event.type"\ntiebreaker_field = "event.sequence"\ntimestamp_override = "event.ingested"'));
    if (plain.status !== 'loaded' || tuned.status !== 'loaded') throw new Error('did not load');
    expect(plain.rule.settings).toEqual({
      index: ['logs-*'],
      timestampField: '@timestamp',
      eventCategoryField: 'event.category',
      maxSignals: 100,
      interval: '5m',
      intervalMillis: 300_000,
      from: 'now-6m',
      to: 'now',
    });
    expect(tuned.rule.settings).toMatchObject({
      interval: '1h',
      intervalMillis: 3_600_000,
      maxSignals: 5,
      eventCategoryField: 'event.type',
      tiebreakerField: 'event.sequence',
      timestampOverride: 'event.ingested',
    });
  });

  it('loads a deprecated rule as skipped: Elastic ships no deprecated rule', () => {
    const result = loadRule('r.toml', toml('maturity = "deprecated"\ndeprecation_date = "2024/01/01"'));
    expect(result.status).toBe('skipped');
    expect(result.status === 'skipped' && result.reason).toMatch(/^deprecated rule/);
    expect(result.diagnostics).toEqual([]);
  });

  it('keeps a deprecated rule whose query no longer parses as skipped, with warnings', () => {
    const text = toml('maturity = "deprecated"\ndeprecation_date = "2024/01/01"').replace('any where true', 'process where x == 1 | unique x');
    const result = loadRule('r.toml', text);
    expect(result.status).toBe('skipped');
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('rejects an empty query at its position', () => {
    const result = loadRule('r.toml', toml('').replace("query = '''\nany where true\n'''", "query = ''"));
    expect(result.status).toBe('invalid');
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([[RuleCode.MissingQuery, 16, 9]]);
  });

  it('warns, as upstream’s tests fail, when a sequence outlasts the look-back or the interval is under half its maxspan', () => {
    const text = toml('', 'interval = "5m"').replace('any where true', 'sequence with maxspan=1h [any where true] [any where true]');
    const result = loadRule('r.toml', text);
    expect(result.status).toBe('loaded');
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      [RuleCode.ShortLookback, 'warning', 5],
      [RuleCode.ShortInterval, 'warning', 15],
    ]);
  });

  it('warns when updated_date is before creation_date', () => {
    const result = loadRule('r.toml', toml('').replace('updated_date = "2024/01/01"', 'updated_date = "2023/12/31"'));
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([[RuleCode.DatesOutOfOrder, 3, 16]]);
  });

  it('refuses files that are not TOML or YAML', () => {
    const result = loadRule('r.json', '{}');
    expect(result.diagnostics.map((d) => d.code)).toEqual([RuleCode.NotARuleFile]);
  });
});
