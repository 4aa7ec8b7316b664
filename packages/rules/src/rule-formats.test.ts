import fc from 'fast-check';
import { stringify as toToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { loadRule } from './load-rule.js';

const bands = { low: [0, 21], medium: [22, 47], high: [48, 73], critical: [74, 100] } as const;

const ruleDocument = fc
  .record({
    severity: fc.constantFrom('low', 'medium', 'high', 'critical' as const),
    position: fc.double({ min: 0, max: 1, noNaN: true }),
    name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .:_-]{1,30}[A-Za-z0-9]$/),
    description: fc.string({ minLength: 1, unit: 'grapheme' }),
    tags: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }),
    note: fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
    maxSignals: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    action: fc.stringMatching(/^[a-z][a-z._]{0,20}$/),
  })
  .map((r) => {
    const [lo, hi] = bands[r.severity];
    return {
      metadata: { creation_date: '2024/01/01', updated_date: '2024/02/01', maturity: 'production' },
      rule: {
        author: ['eqlkit'],
        description: r.description,
        index: ['logs-*'],
        language: 'eql',
        name: r.name,
        risk_score: Math.round(lo + (hi - lo) * r.position),
        rule_id: '0b4d3c2e-1f00-4a5b-9c8d-7e6f5a4b3c2d',
        severity: r.severity,
        tags: r.tags,
        type: 'eql',
        ...(r.note === undefined ? {} : { note: r.note }),
        ...(r.maxSignals === undefined ? {} : { max_signals: r.maxSignals }),
        query: `any where event.action == "${r.action}"\n`,
        threat: [
          {
            framework: 'MITRE ATT&CK',
            tactic: { id: 'TA0006', name: 'Credential Access', reference: 'https://attack.mitre.org/tactics/TA0006/' },
            technique: [{ id: 'T1110', name: 'Brute Force', reference: 'https://attack.mitre.org/techniques/T1110/' }],
          },
        ],
      },
    };
  });

describe('TOML and YAML rule files', () => {
  it('load to the same Rule, whatever the values (property)', () => {
    fc.assert(
      fc.property(ruleDocument, (doc) => {
        const fromToml = loadRule('r.toml', toToml(doc));
        const fromYaml = loadRule('r.yaml', toYaml(doc));
        expect(fromToml.status).toBe('loaded');
        expect(fromYaml.status).toBe('loaded');
        if (fromToml.status === 'loaded' && fromYaml.status === 'loaded') expect(fromYaml.rule).toEqual(fromToml.rule);
      }),
      { numRuns: 200 },
    );
  });
});
