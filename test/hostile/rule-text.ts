/** A minimal valid detection-rules TOML around `query`; `extra` lines go into `[rule]`. */
export function ruleToml(query: string, extra = ''): string {
  return [
    '[metadata]',
    'creation_date = "2020/01/01"',
    'updated_date = "2020/01/01"',
    'maturity = "production"',
    '',
    '[rule]',
    'author = ["eqlkit"]',
    'description = "A rule for hostile-input tests."',
    'name = "Hostile rule"',
    'risk_score = 21',
    'rule_id = "00000000-0000-4000-8000-000000000001"',
    'severity = "low"',
    'type = "eql"',
    'language = "eql"',
    'index = ["logs-*"]',
    `${extra}query = '''`,
    query,
    "'''",
    '',
  ].join('\n');
}
