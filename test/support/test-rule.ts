import { buildRule, type Rule } from '@eqlkit/rules';

/** A minimal valid rule around `query`, numbered `n` (its rule_id) and named `name`. */
export function testRule(query: string, n: number, name = `rule ${n}`): Rule {
  return buildRule({
    metadata: { creation_date: '2024/01/01', updated_date: '2024/01/01', maturity: 'production' },
    rule: {
      rule_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      name,
      type: 'eql',
      language: 'eql',
      severity: 'high',
      risk_score: 73,
      author: ['t'],
      description: 'd',
      index: ['logs-*'],
      tags: ['T'],
      query,
    },
  });
}
