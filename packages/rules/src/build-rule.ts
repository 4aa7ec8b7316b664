import {
  intervalMillis,
  ruleDefaults,
  type Rule,
  type RuleDocument,
  type RuleMaturity,
  type RuleSeverity,
  type RuleType,
  type Threat,
} from './rule.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/**
 * Turns a schema-valid rule document into a `Rule`, filling Kibana's defaults. `version` is the
 * pack manifest's version for this rule, used when the file has none.
 */
export function buildRule(doc: RuleDocument, version?: number): Rule {
  const m = doc.metadata;
  const r = doc.rule;
  const interval = str(r.interval) ?? ruleDefaults.interval;
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  return {
    ruleId: str(r.rule_id) ?? '',
    name: str(r.name) ?? '',
    version: typeof r.version === 'number' ? r.version : (version ?? 1),
    type: (str(r.type) ?? 'query') as RuleType,
    ...optional('language', str(r.language)),
    ...optional('query', str(r.query)),
    description: str(r.description) ?? '',
    author: strings(r.author),
    severity: (str(r.severity) ?? 'low') as RuleSeverity,
    riskScore: typeof r.risk_score === 'number' ? r.risk_score : 0,
    ...optional('license', str(r.license)),
    tags: strings(r.tags),
    references: strings(r.references),
    falsePositives: strings(r.false_positives),
    threat: (Array.isArray(r.threat) ? r.threat : []) as Threat[],
    ...optional('note', str(r.note)),
    ...optional('setup', str(r.setup)),
    buildingBlock: r.building_block_type === 'default',
    settings: {
      index: strings(r.index),
      timestampField: str(r.timestamp_field) ?? ruleDefaults.timestampField,
      ...optional('timestampOverride', str(r.timestamp_override)),
      eventCategoryField: str(r.event_category_override) ?? ruleDefaults.eventCategoryField,
      ...optional('tiebreakerField', str(r.tiebreaker_field)),
      maxSignals: typeof r.max_signals === 'number' ? r.max_signals : ruleDefaults.maxSignals,
      interval,
      intervalMillis: intervalMillis(interval),
      from: str(r.from) ?? ruleDefaults.from,
      to: str(r.to) ?? ruleDefaults.to,
    },
    metadata: {
      creationDate: str(m.creation_date) ?? '',
      updatedDate: str(m.updated_date) ?? '',
      maturity: (str(m.maturity) ?? 'production') as RuleMaturity,
      integration: strings(m.integration),
      ...optional('minStackVersion', str(m.min_stack_version)),
      ...optional('deprecationDate', str(m.deprecation_date)),
    },
    raw: doc,
  };
}
