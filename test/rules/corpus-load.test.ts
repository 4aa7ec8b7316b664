import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRuleDiagnostic, loadRule } from '@eqlkit/rules';
import { sharedPath } from '../support/shared.js';

/** Every `.toml` under `dir`, recursively. */
function tomlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.toml'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('detection-rules corpus', () => {
  const root = sharedPath('corpus', 'detection-rules');
  const files = [...tomlFiles(join(root, 'rules')), ...tomlFiles(join(root, 'rules_building_block'))];

  it('has the 1081 EQL rule files the corpus README counts', () => {
    expect(files).toHaveLength(1081);
  });

  it('loads and validates every corpus rule with zero errors and zero warnings', () => {
    const problems: string[] = [];
    const status = { loaded: 0, skipped: 0, invalid: 0 };
    for (const path of files) {
      const result = loadRule(relative(root, path), readFileSync(path, 'utf8'));
      status[result.status]++;
      for (const d of result.diagnostics) problems.push(formatRuleDiagnostic(d));
      if (result.status === 'skipped' && result.rule.metadata.maturity !== 'deprecated') problems.push(`${result.file}: skipped`);
    }
    expect(problems).toEqual([]);
    // The 57 deprecated rules load but do not run, as Elastic ships none of them.
    expect(status).toEqual({ loaded: 1024, skipped: 57, invalid: 0 });
  });
});
