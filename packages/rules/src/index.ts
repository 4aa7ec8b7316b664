export type { Rule, RuleDocument, RuleMetadata, RunSettings, RuleSeverity, RuleType, RuleMaturity, Threat, ThreatReference, ThreatTechnique } from './rule.js';
export { ruleDefaults, intervalMillis } from './rule.js';
export type { RuleDiagnostic, RuleCodeValue } from './rule-diagnostic.js';
export { RuleCode, formatRuleDiagnostic } from './rule-diagnostic.js';
export type { ParsedFile, RuleFileFormat } from './parsed-file.js';
export type { SourcePositions, Location, Span } from './source-positions.js';
export { loadToml } from './load-toml.js';
export { loadYaml } from './load-yaml.js';
export { ruleSchema, validateRuleData } from './validate.js';
export { buildRule } from './build-rule.js';
export type { LoadedRuleFile, LoadRuleOptions, QueryChecker } from './load-rule.js';
export { loadRule, parseRuleFile, isRuleFileName, placeQueryDiagnostics } from './load-rule.js';
export type { PackManifest } from './pack-manifest.js';
export { parsePackManifest } from './pack-manifest.js';
export type { Pack, PackFile, PackRule, SkippedRule, LoadPackOptions } from './pack.js';
export { loadPack } from './pack.js';
export { satisfies } from './semver-range.js';
export type { Alert, AlertRule, MissingEvent } from './alert.js';
export { createAlert } from './alert.js';
export { alertId, canonicalJson } from './alert-id.js';
export { jsonText, type JsonTextOptions } from './json-text.js';
export type { Runner, RunnerInput, RunnerOptions, RunnerRuleError, RunnerWarning, MaxSignalsWarning, PartialsCappedWarning, RunnerStats, IndexConstants } from './runner.js';
export { createRunner } from './runner.js';
export type { RouteKey } from './route-keys.js';
export { ruleRouteKeys, foldForRouting } from './route-keys.js';
export { indexMatcher } from './index-patterns.js';
export type {
  RuleTestSuite,
  RuleTestCase,
  RuleTestKind,
  RuleTestExpectation,
  RuleTestCaseResult,
  RuleTestRun,
  RuleTestOptions,
  ReadFile,
} from './rule-tests.js';
export { parseRuleTests, runRuleTests } from './rule-tests.js';
export { runPackTests } from './pack-tests.js';
export { EventError, type AlertStreamOptions } from './alert-stream-options.js';
export { alerts } from './async-iterable.js';
