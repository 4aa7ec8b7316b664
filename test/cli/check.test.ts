import { describe, expect, it } from 'vitest';
import { sharedPath } from '../support/shared.js';
import { runEql, scratch } from './run-eql.js';

const VALID_RULE = `[metadata]
creation_date = "2024/01/01"
maturity = "production"
updated_date = "2024/01/01"

[rule]
author = ["eqlkit"]
description = "cmd started"
name = "Cmd"
risk_score = 21
rule_id = "1b9c3a7e-7e5e-4d4c-9a4e-2f6f0c1e0a01"
severity = "low"
type = "eql"
language = "eql"
index = ["logs-*"]
license = "Elastic License v2"
query = '''
process where process.name == "cmd.exe"
'''
`;

describe('eql check', () => {
  it('reports all 1081 detection-rules files valid, exit 0', async () => {
    const r = await runEql(['check', sharedPath('corpus/detection-rules')]);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('1081 valid, 0 invalid');
    expect(r.code).toBe(0);
  });

  it('checks the repository rule packs, one pack per folder', async () => {
    const r = await runEql(['check', 'rules/']);
    expect(r.stderr).toMatch(/^\d+ valid, 0 invalid$/m);
    expect(r.code).toBe(0);
  });

  it('reports an invalid query inside a rule at its file line and column with a caret, exit 1', async () => {
    const s = scratch();
    s.file('good.toml', VALID_RULE);
    const bad = s.file('bad.toml', VALID_RULE.replace('1b9c3a7e-7e5e-4d4c-9a4e-2f6f0c1e0a01', '2b9c3a7e-7e5e-4d4c-9a4e-2f6f0c1e0a02').replace('== "cmd.exe"', '== "cmd.exe" or or true'));
    const r = await runEql(['check', s.dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:18:44: error`);
    expect(r.stderr).toMatch(/error EQL\d+: /);
    expect(r.stderr).toMatch(/\n\s+\^/);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('1 valid, 1 invalid');
  });

  it('checks one query with -e: exit 0 when valid, 1 with a diagnostic when not', async () => {
    const ok = await runEql(['check', '-e', 'process where process.name == "cmd.exe"']);
    expect(ok.code).toBe(0);
    expect(ok.stderr.trim()).toBe('1 valid, 0 invalid');
    const bad = await runEql(['check', '-e', 'process where process.name == ']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^<query>:1:\d+: error EQL\d+: .+\n  process where process.name == \n\s+\^/);
  });

  it('gives diagnostics as JSON with --format json', async () => {
    const r = await runEql(['check', '-e', 'process where', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ valid: 0, invalid: 1 });
    expect(report.results[0].diagnostics[0]).toMatchObject({ file: '<query>', line: 1, severity: 'error' });
    expect(report.results[0].diagnostics[0].code).toMatch(/^EQL\d+$/);
  });

  it('writes SARIF 2.1.0 with one result per diagnostic', async () => {
    const s = scratch();
    const bad = s.file('bad.toml', VALID_RULE.replace('risk_score = 21', 'risk_score = 500'));
    const r = await runEql(['check', bad, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results[0];
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toContain('bad.toml');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(10);
    expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain(result.ruleId);
  });

  it('exits 2 with one line for a missing path, an empty folder, or no arguments', async () => {
    const missing = await runEql(['check', 'no/such/dir']);
    expect([missing.code, missing.stderr]).toEqual([2, 'eql: cannot read no/such/dir: no such file or folder\n']);
    const empty = await runEql(['check', scratch().dir]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^eql: no rule files .* in .+\n$/);
    const none = await runEql(['check']);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')).toHaveLength(2);
  });
});
