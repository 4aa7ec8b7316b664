import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPackTests } from '@eqlkit/rules';
import { loadPackDir, readTextFile } from '@eqlkit/rules/node';
import { repoRoot } from '../support/shared.js';

describe.each([
  ['TOML', 'rules/okta'],
  ['YAML', 'rules/okta-yaml'],
])('the Okta seed rule’s tests, rule in %s', (_format, folder) => {
  const pack = loadPackDir(join(repoRoot, folder));
  const { runs, diagnostics } = runPackTests(pack, readTextFile);

  it('reads the test file without problems', () => {
    expect(diagnostics).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.ruleId).toBe('97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7');
  });

  it('has at least ten cases, true and false positives', () => {
    const cases = runs[0]?.cases ?? [];
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(cases.some((c) => c.kind === 'true_positive')).toBe(true);
    expect(cases.some((c) => c.kind === 'false_positive')).toBe(true);
  });

  it('passes every case', () => {
    const failed = (runs[0]?.cases ?? []).filter((c) => !c.passed).map((c) => `${c.name}: ${c.failures.join('; ')}`);
    expect(failed).toEqual([]);
  });
});
