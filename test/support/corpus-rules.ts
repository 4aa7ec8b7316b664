import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRule, type Rule } from '@eqlkit/rules';
import { sharedPath } from './shared.js';

/**
 * Every rule of the shared detection-rules corpus (queries not re-checked), sorted by rule_id.
 * Deprecated rules load as skipped; they are included too, so the whole corpus is exercised.
 */
export function loadCorpusRules(): Rule[] {
  const root = sharedPath('corpus', 'detection-rules');
  const rules: Rule[] = [];
  for (const dir of ['rules', 'rules_building_block']) {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !e.name.endsWith('.toml')) continue;
      const path = join(e.parentPath, e.name);
      const result = loadRule(path, readFileSync(path, 'utf8'), { checkQuery: false });
      if (result.status !== 'invalid') rules.push(result.rule);
    }
  }
  return rules.sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
}
