import type { Statement } from '@eqlkit/parser';
import type { ParsedFile } from './parsed-file.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import type { Rule } from './rule.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, H: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `now-9m` → 540000; `now` → 0; other date math → undefined. */
function offsetMillis(math: string): number | undefined {
  if (math === 'now') return 0;
  const m = /^now-(\d+)([smhHdw])$/.exec(math);
  return m ? Number(m[1]) * (UNIT_MS[m[2] as string] as number) : undefined;
}

/**
 * Checks upstream enforces in its test suite rather than its schema, as warnings: dates in
 * order, and for sequences a look-back and interval wide enough for `maxspan` (Elastic's
 * `test_eql_lookback` and `test_eql_interval_to_maxspan`), since a sequence longer than what one
 * run sees can be missed by Kibana.
 */
export function lintRule(parsed: ParsedFile, rule: Rule, statement: Statement | undefined): RuleDiagnostic[] {
  const out: RuleDiagnostic[] = [];
  const warn = (pointer: string, code: string, message: string) => {
    const loc = parsed.positions.locate(pointer);
    const at = loc?.value ?? { start: 0, end: 0 };
    out.push(ruleDiagnostic(parsed.file, parsed.text, code, 'warning', message, at.start, at.end, { jsonPath: pointer }));
  };
  const { creationDate, updatedDate } = rule.metadata;
  if (updatedDate < creationDate) {
    warn('/metadata/updated_date', RuleCode.DatesOutOfOrder, `updated_date ${updatedDate} is before creation_date ${creationDate}`);
  }
  const query = statement?.query;
  const maxspan = query?.type === 'SequenceQuery' ? query.maxspan?.millis : undefined;
  if (maxspan === undefined) return out;
  const { from, to, interval, intervalMillis } = rule.settings;
  const start = offsetMillis(from);
  const end = offsetMillis(to);
  if (start !== undefined && end !== undefined && start - end + 600_000 < maxspan) {
    warn(rule.raw.rule.from === undefined ? '/rule' : '/rule/from', RuleCode.ShortLookback,
      `look-back from ${from} to ${to} (plus 10m) is shorter than the sequence's maxspan; sequences may be missed`);
  }
  if (maxspan > 150_000 && intervalMillis < maxspan / 2) {
    warn(rule.raw.rule.interval === undefined ? '/rule' : '/rule/interval', RuleCode.ShortInterval,
      `interval ${interval} is shorter than half the sequence's maxspan; upstream requires at least half`);
  }
  return out;
}
