import { describe, expect, it } from 'vitest';
import { loadPack, type PackFile } from './pack.js';
import { RuleCode } from './rule-diagnostic.js';

const rule = (id: string, extra = '', type = 'eql') => `[metadata]
creation_date = "2024/01/01"
updated_date = "2024/01/01"
maturity = "production"

[rule]
author = ["t"]
description = "d"
name = "Rule ${id}"
risk_score = 21
rule_id = "${id}"
severity = "low"
type = "${type}"
language = "${type === 'eql' ? 'eql' : 'kuery'}"
index = ["logs-*"]
query = "any where true"
${extra}`;

const id1 = '11111111-1111-4111-8111-111111111111';
const id2 = '22222222-2222-4222-8222-222222222222';
const id3 = '33333333-3333-4333-8333-333333333333';

describe('loadPack', () => {
  it('reports a broken file with its reason and still loads the rest', () => {
    const files: PackFile[] = [
      { path: 'a.toml', text: rule(id1) },
      { path: 'sub/b.toml', text: 'this is = = not toml' },
      { path: 'sub/c.yaml', text: 'metadata: {}\nrule: {}\n' },
      { path: 'z.toml', text: rule(id2) },
    ];
    const pack = loadPack(files);
    expect(pack.rules.map((r) => r.file)).toEqual(['a.toml', 'z.toml']);
    expect(pack.invalidFiles).toEqual(['sub/b.toml', 'sub/c.yaml']);
    expect(pack.diagnostics.find((d) => d.file === 'sub/b.toml')?.code).toBe(RuleCode.TomlSyntax);
    expect(pack.diagnostics.filter((d) => d.file === 'sub/c.yaml').map((d) => d.code)).toContain(RuleCode.MissingKey);
  });

  it('rejects a second rule with the same rule_id, at its rule_id', () => {
    const pack = loadPack([
      { path: 'a.toml', text: rule(id1) },
      { path: 'b.toml', text: rule(id1) },
    ]);
    expect(pack.rules.map((r) => r.file)).toEqual(['a.toml']);
    const dup = pack.diagnostics.find((d) => d.code === RuleCode.DuplicateRuleId);
    expect(dup).toMatchObject({ file: 'b.toml', line: 11, column: 11, severity: 'error' });
    expect(dup?.message).toContain('a.toml');
  });

  it('loads non-EQL rules as skipped, not as errors', () => {
    const pack = loadPack([{ path: 'q.toml', text: rule(id3, '', 'query') }]);
    expect(pack.rules).toEqual([]);
    expect(pack.skipped.map((s) => [s.file, s.reason])).toEqual([['q.toml', 'query rules do not run here (only eql)']]);
    expect(pack.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('takes rule versions from the manifest unless the file sets one', () => {
    const pack = loadPack([
      { path: 'pack.yaml', text: `name: p\nversion: 1.2.0\nversions:\n  ${id1}: 7\n  ${id2}: 3\n` },
      { path: 'a.toml', text: rule(id1) },
      { path: 'b.toml', text: rule(id2, 'version = 9') },
      { path: 'c.toml', text: rule(id3) },
    ]);
    expect(pack.rules.map((r) => r.rule.version)).toEqual([7, 9, 1]);
    expect(pack.manifest).toMatchObject({ name: 'p', version: '1.2.0' });
  });

  it('reads constant fields by index pattern from the manifest', () => {
    const pack = loadPack([{ path: 'pack.yaml', text: 'name: p\nconstants:\n  logs-okta*: {event.module: okta}\n  bad*: [1]\n' }]);
    expect(pack.diagnostics.map((d) => [d.code, d.line])).toEqual([[RuleCode.BadManifest, 4]]);
    const ok = loadPack([{ path: 'pack.yaml', text: 'name: p\nconstants:\n  logs-okta*: {event.module: okta}\n' }]);
    expect(ok.manifest?.constants).toEqual([{ pattern: 'logs-okta*', fields: { 'event.module': 'okta' } }]);
  });

  it('reports a manifest whose engine range this engine does not satisfy', () => {
    const pack = loadPack([{ path: 'pack.yaml', text: 'name: p\nengine: ">=2.0.0"\n' }], { engineVersion: '0.1.0' });
    expect(pack.diagnostics.map((d) => [d.code, d.line])).toEqual([[RuleCode.EngineVersion, 2]]);
  });

  it('reports a manifest without a name at its position', () => {
    const pack = loadPack([{ path: 'pack.yaml', text: 'version: one\n' }]);
    expect(pack.diagnostics.map((d) => d.code)).toEqual([RuleCode.BadManifest, RuleCode.BadManifest]);
  });

  it('prefixes file names with the pack root', () => {
    const pack = loadPack([{ path: 'a.toml', text: rule(id1) }], { root: 'rules/x/' });
    expect(pack.rules[0]?.file).toBe('rules/x/a.toml');
  });
});
