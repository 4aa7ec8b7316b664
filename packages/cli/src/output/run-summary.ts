import type { PipelineStats } from '../input/event-pipeline.js';
import { inputSummaryLines } from './input-summary.js';

/** Per-rule figures of a run. */
export interface RuleTally {
  readonly ruleId: string;
  readonly name: string;
  readonly alerts: number;
  /** Alerts dropped to honour max_signals. */
  readonly dropped: number;
}

/**
 * The closing summary of `eql run` on stderr: events read, alerts per rule (rules that alerted,
 * then a count of silent ones), lines skipped, rules that hit max_signals.
 */
export function runSummaryLines(stats: PipelineStats, tallies: readonly RuleTally[], windowText: string): string[] {
  const total = tallies.reduce((n, t) => n + t.alerts, 0);
  const lines = [`${stats.events} events read, ${total} alert${total === 1 ? '' : 's'} from ${tallies.length} rule${tallies.length === 1 ? '' : 's'}`];
  const alerting = tallies.filter((t) => t.alerts > 0).sort((a, b) => b.alerts - a.alerts || (a.name < b.name ? -1 : 1));
  for (const t of alerting) lines.push(`  ${String(t.alerts).padStart(6)}  ${t.name} (${t.ruleId})`);
  const silent = tallies.length - alerting.length;
  if (silent > 0 && alerting.length > 0) lines.push(`  ${String(0).padStart(6)}  ${silent} other rule${silent === 1 ? '' : 's'}`);
  lines.push(`${stats.skippedRecords} malformed line${stats.skippedRecords === 1 ? '' : 's'} skipped`);
  const capped = tallies.filter((t) => t.dropped > 0);
  for (const t of capped) lines.push(`max_signals reached: ${t.name} (${t.ruleId}), ${t.dropped} alert${t.dropped === 1 ? '' : 's'} dropped`);
  lines.push(...inputSummaryLines({ ...stats, skippedRecords: 0 }, windowText));
  return lines;
}
