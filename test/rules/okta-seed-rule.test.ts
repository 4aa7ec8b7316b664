import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackDir } from '@eqlkit/rules/node';
import { repoRoot } from '../support/shared.js';

const tomlPack = loadPackDir(join(repoRoot, 'rules/okta'));
const yamlPack = loadPackDir(join(repoRoot, 'rules/okta-yaml'));

describe('the Okta seed rule', () => {
  it('loads from both packs without any diagnostic', () => {
    expect([...tomlPack.diagnostics, ...yamlPack.diagnostics]).toEqual([]);
    expect(tomlPack.rules).toHaveLength(1);
    expect(yamlPack.rules).toHaveLength(1);
  });

  it('is the same Rule whether written in TOML or YAML', () => {
    expect(yamlPack.rules[0]?.rule).toEqual(tomlPack.rules[0]?.rule);
  });

  it('carries the published version-2 content and Kibana’s run defaults', () => {
    const rule = tomlPack.rules[0]?.rule;
    expect(rule).toMatchObject({
      ruleId: '97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7',
      name: 'Potential Abuse of Repeated MFA Push Notifications',
      version: 2,
      type: 'eql',
      severity: 'high',
      riskScore: 73,
      author: ['Elastic'],
      license: 'Elastic License v2',
      references: ['https://www.mandiant.com/resources/russian-targeting-gov-business'],
      tags: ['Elastic', 'Identity', 'Okta', 'Continuous Monitoring', 'SecOps', 'Identity and Access'],
      buildingBlock: false,
      settings: {
        index: ['filebeat-*', 'logs-okta*'],
        timestampField: '@timestamp',
        eventCategoryField: 'event.category',
        maxSignals: 100,
        interval: '5m',
        intervalMillis: 300_000,
        from: 'now-6m',
      },
      threat: [
        {
          framework: 'MITRE ATT&CK',
          tactic: { id: 'TA0006', name: 'Credential Access', reference: 'https://attack.mitre.org/tactics/TA0006/' },
          technique: [{ id: 'T1110', name: 'Brute Force', reference: 'https://attack.mitre.org/techniques/T1110/' }],
        },
      ],
    });
    expect(rule?.settings.timestampOverride).toBeUndefined();
    expect(rule?.note).toMatch(/^## Config\n\nThe Okta Fleet integration/);
    expect(rule?.query).toMatch(/^sequence by user\.email with maxspan=10m\n/);
    expect(rule?.query?.match(/user\.mfa\.okta_verify\.deny_push/g)).toHaveLength(2);
  });

  it('names both packs and the Okta index constants in their manifests', () => {
    expect(tomlPack.manifest).toMatchObject({
      name: 'okta',
      versions: { '97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7': 2 },
      constants: [{ pattern: 'logs-okta*', fields: { 'event.module': 'okta', 'event.dataset': 'okta.system' } }],
    });
    expect(yamlPack.manifest?.name).toBe('okta-yaml');
  });
});
