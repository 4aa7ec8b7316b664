import { describe, expect, it } from 'vitest';
import { buildRule } from './build-rule.js';
import { RuleCode } from './rule-diagnostic.js';
import { parseRuleTests, runRuleTests } from './rule-tests.js';

const rule = buildRule({
  metadata: { creation_date: '2024/01/01', updated_date: '2024/01/01' },
  rule: {
    rule_id: '00000000-0000-4000-8000-000000000001',
    name: 'Two a then b',
    type: 'eql',
    language: 'eql',
    severity: 'low',
    risk_score: 1,
    author: ['t'],
    description: 'd',
    index: ['logs-*'],
    query: 'sequence by user.name with maxspan=1m [any where event.action == "a"] [any where event.action == "b"]',
  },
});

const ev = (id: string, action: string, second: number, user = 'u') =>
  `{"@timestamp": "2024-01-01T00:00:${String(second).padStart(2, '0')}Z", "event": {"id": "${id}", "action": "${action}"}, "user": {"name": "${user}"}}`;

describe('parseRuleTests', () => {
  it('reports shape problems at their line and column', () => {
    const text = `cases:\n  - name: one\n    kind: maybe\n    events: []\n    expect: {count: -1}\n    extra: 1\n`;
    const { suite, diagnostics } = parseRuleTests('t.test.yaml', text);
    expect(suite).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      [RuleCode.BadTestFile, 3, 11],
      [RuleCode.BadTestFile, 5, 21],
      [RuleCode.BadTestFile, 6, 5],
    ]);
  });

  it('reads events_file and cases_from through readFile, relative to the test file', () => {
    const files: Record<string, string> = {
      'p/ev.ndjson': `${ev('1', 'a', 0)}\n${ev('2', 'b', 1)}\n`,
      'q/base.test.yaml': 'id_field: event.id\ncases:\n  - name: from file\n    events_file: ../p/ev.ndjson\n    expect: {count: 1}\n',
    };
    const { suite, diagnostics } = parseRuleTests('p/x.test.yaml', 'cases_from: ../q/base.test.yaml\n', (p) => files[p]);
    expect(diagnostics).toEqual([]);
    expect(suite?.cases.map((c) => [c.name, c.events.length])).toEqual([['from file', 2]]);
  });

  it('reports an events_file it cannot read', () => {
    const { diagnostics } = parseRuleTests('t.test.yaml', 'cases:\n  - name: x\n    events_file: nope.ndjson\n');
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([[3, 'cannot read events_file "nope.ndjson"']]);
  });
});

describe('runRuleTests', () => {
  const suiteText = `cases:
  - name: fires
    events: [${ev('1', 'a', 0)}, ${ev('2', 'b', 1)}]
    expect:
      count: 1
      alerts: [{join_keys: [u], events: ["1", "2"]}]
  - name: wrong expectation
    events: [${ev('1', 'a', 0)}, ${ev('2', 'b', 1)}]
    expect:
      alerts: [{join_keys: [v], events: ["2", "1"]}]
  - name: quiet
    kind: false_positive
    events: [${ev('1', 'b', 0)}, ${ev('2', 'a', 1)}]
  - name: true positive that stays silent
    events: [${ev('1', 'a', 0)}]
`;

  it('passes matching cases and explains each failure', () => {
    const { suite } = parseRuleTests('t.test.yaml', suiteText);
    if (!suite) throw new Error('suite did not parse');
    const run = runRuleTests(rule, suite);
    expect(run.cases.map((c) => [c.name, c.passed])).toEqual([
      ['fires', true],
      ['wrong expectation', false],
      ['quiet', true],
      ['true positive that stays silent', false],
    ]);
    expect(run.cases[1]?.failures).toEqual([
      'alert 1: expected join keys ["v"], got ["u"]',
      'alert 1: expected events ["2","1"], got ["1","2"]',
    ]);
    expect(run.cases[3]?.failures).toEqual(['expected at least one alert, got none']);
    expect([run.passed, run.failed]).toEqual([2, 2]);
  });
});
