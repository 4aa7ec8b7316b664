import type { EqlEvent } from '@eqlkit/engine';
import { alertId } from './alert-id.js';
import type { Rule, RuleSeverity, Threat } from './rule.js';

/** A stage of a sequence that must not happen (`![...]`), as it stands in an alert. */
export interface MissingEvent {
  readonly missing: true;
}

/**
 * One alert, the line `eql run` prints: when, which rule, the join key values (empty for event
 * queries) and the events, with a deterministic `id`.
 */
export interface Alert {
  /** Event time of the alert: the latest timestamp among its events, ISO-8601. */
  readonly '@timestamp': string;
  readonly rule: AlertRule;
  readonly join_keys: readonly unknown[];
  readonly events: readonly (EqlEvent | MissingEvent)[];
  /** Same rule and same events → same id (a 16-hex-digit hash). */
  readonly id: string;
}

/** The rule fields an alert carries. */
export interface AlertRule {
  /** The rule's `rule_id`. */
  readonly id: string;
  readonly name: string;
  readonly severity: RuleSeverity;
  readonly risk_score: number;
  readonly tags: readonly string[];
  readonly threat: readonly Threat[];
  readonly version: number;
  /** Present (true) for building-block rules. */
  readonly building_block?: true;
}

/** Builds an alert of `rule` over `events` at event time `timestamp` (ms since the epoch). */
export function createAlert(
  rule: Rule,
  joinKeys: readonly unknown[],
  events: readonly (EqlEvent | MissingEvent)[],
  timestamp: number,
): Alert {
  return {
    '@timestamp': new Date(Number.isFinite(timestamp) ? timestamp : 0).toISOString(),
    rule: {
      id: rule.ruleId,
      name: rule.name,
      severity: rule.severity,
      risk_score: rule.riskScore,
      tags: rule.tags,
      threat: rule.threat,
      version: rule.version,
      ...(rule.buildingBlock ? { building_block: true as const } : {}),
    },
    join_keys: joinKeys,
    events,
    id: alertId(rule.ruleId, events),
  };
}
