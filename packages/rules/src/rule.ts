/** Severity of a rule and of its alerts. */
export type RuleSeverity = 'low' | 'medium' | 'high' | 'critical';

/** Rule types of Elastic's detection engine; only `eql` runs here, the others load as skipped. */
export type RuleType =
  | 'query'
  | 'saved_query'
  | 'machine_learning'
  | 'eql'
  | 'esql'
  | 'threshold'
  | 'threat_match'
  | 'new_terms';

export type RuleMaturity = 'development' | 'experimental' | 'beta' | 'production' | 'deprecated';

/** One ATT&CK (or ATLAS) reference: tactic, technique or sub-technique. */
export interface ThreatReference {
  readonly id: string;
  readonly name: string;
  readonly reference: string;
}

export interface ThreatTechnique extends ThreatReference {
  readonly subtechnique?: readonly ThreatReference[];
}

/** One `[[rule.threat]]` block: a tactic and the techniques under it. */
export interface Threat {
  readonly framework: string;
  readonly tactic: ThreatReference;
  readonly technique?: readonly ThreatTechnique[];
}

/** `[metadata]`: bookkeeping that does not change how the rule runs. */
export interface RuleMetadata {
  readonly creationDate: string;
  readonly updatedDate: string;
  readonly maturity: RuleMaturity;
  readonly integration: readonly string[];
  readonly minStackVersion?: string;
  readonly deprecationDate?: string;
}

/**
 * How the rule runs, with Kibana's defaults filled in: the EQL search parameters
 * (`timestamp_field`, `event_category_override`, `tiebreaker_field`), the indices it searches,
 * its schedule and its alert cap.
 */
export interface RunSettings {
  /** Index patterns the rule searches; an event read from another index never reaches it. */
  readonly index: readonly string[];
  /** Field that orders events and measures `maxspan` (`timestamp_field`, default `@timestamp`). */
  readonly timestampField: string;
  /**
   * `timestamp_override`: the field Kibana uses for the rule's time window (look-back). Recorded
   * but not used for ordering, as in Kibana, where it only filters the search range.
   */
  readonly timestampOverride?: string;
  /** Field holding the event category (`event_category_override`, default `event.category`). */
  readonly eventCategoryField: string;
  readonly tiebreakerField?: string;
  /** Alerts per interval at most (`max_signals`, default 100). */
  readonly maxSignals: number;
  /** Run interval as written (`interval`, default `5m`). */
  readonly interval: string;
  /** The interval in milliseconds. */
  readonly intervalMillis: number;
  /** Look-back start (`from`, default `now-6m`) and end (`to`, default `now`), date math. */
  readonly from: string;
  readonly to: string;
}

/**
 * One detection rule, whichever file format it came from: identity and description, the query,
 * how it runs, and the metadata. `raw` keeps the whole decoded document for keys this type does
 * not model (transform, investigation_fields, alert_suppression...).
 */
export interface Rule {
  readonly ruleId: string;
  readonly name: string;
  /** eqlkit's version of the rule: `[rule] version`, else the pack manifest's, else 1. */
  readonly version: number;
  readonly type: RuleType;
  readonly language?: string;
  /** The query text exactly as the file decodes it. */
  readonly query?: string;
  readonly description: string;
  readonly author: readonly string[];
  readonly severity: RuleSeverity;
  readonly riskScore: number;
  readonly license?: string;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsePositives: readonly string[];
  readonly threat: readonly Threat[];
  readonly note?: string;
  readonly setup?: string;
  /** `building_block_type = "default"`: alerts are building blocks, hidden by default in Kibana. */
  readonly buildingBlock: boolean;
  readonly settings: RunSettings;
  readonly metadata: RuleMetadata;
  readonly raw: RuleDocument;
}

/** The decoded rule file: `[metadata]`, `[rule]` and the optional `[transform]`. */
export interface RuleDocument {
  readonly metadata: { readonly [key: string]: unknown };
  readonly rule: { readonly [key: string]: unknown };
  readonly transform?: { readonly [key: string]: unknown };
}

/** Kibana's defaults for keys the rule files usually leave out. */
export const ruleDefaults = {
  timestampField: '@timestamp',
  eventCategoryField: 'event.category',
  maxSignals: 100,
  interval: '5m',
  from: 'now-6m',
  to: 'now',
} as const;

/** `5m` → 300000. Units s, m, h, d as `interval` allows. */
export function intervalMillis(interval: string): number {
  const m = /^(\d+)([smhd])$/.exec(interval);
  if (!m) return Number.NaN;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
