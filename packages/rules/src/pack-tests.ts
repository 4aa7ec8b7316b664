import type { Pack } from './pack.js';
import { dirname, joinPath } from './posix-path.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import { parseRuleTests, runRuleTests, type ReadFile, type RuleTestRun } from './rule-tests.js';

/**
 * Runs every rule test file of a pack against its rule: the file named by the suite's `rule`,
 * else the rule file with the test file's base name (`x.test.yaml` → `x.toml`/`x.yaml`/`x.yml`)
 * in the same folder, with the constant fields the pack manifest gives its indices. `readFile` resolves `events_file`/`cases_from` paths outside the pack;
 * paths inside it are read from the pack's own files first.
 */
export function runPackTests(pack: Pack, readFile: ReadFile = () => undefined): { runs: RuleTestRun[]; diagnostics: RuleDiagnostic[] } {
  const own = new Map([...pack.testFiles, ...pack.dataFiles].map((f) => [f.path, f.text]));
  const read: ReadFile = (path) => own.get(path) ?? readFile(path);
  const byFile = new Map(pack.rules.map((r) => [r.file, r.rule]));
  const skipped = new Map(pack.skipped.map((s) => [s.file, s.reason]));
  const runs: RuleTestRun[] = [];
  const diagnostics: RuleDiagnostic[] = [];
  for (const test of pack.testFiles) {
    const { suite, diagnostics: problems } = parseRuleTests(test.path, test.text, read);
    diagnostics.push(...problems);
    if (!suite) continue;
    const base = test.path.replace(/\.test\.ya?ml$/i, '');
    const candidates = suite.rule ? [joinPath(dirname(test.path), suite.rule)] : [`${base}.toml`, `${base}.yaml`, `${base}.yml`];
    const ruleFile = candidates.find((c) => byFile.has(c) || skipped.has(c));
    const rule = ruleFile === undefined ? undefined : byFile.get(ruleFile);
    if (!rule) {
      const why = ruleFile !== undefined ? `rule ${ruleFile} does not run here: ${skipped.get(ruleFile)}` : `no valid rule file ${candidates.join(' or ')} for this test file`;
      diagnostics.push(ruleDiagnostic(test.path, test.text, RuleCode.BadTestFile, 'error', why, 0));
      continue;
    }
    runs.push(runRuleTests(rule, suite, { indexConstants: pack.manifest?.constants ?? [] }));
  }
  return { runs, diagnostics };
}
