import { describe, expect, it } from 'vitest';
import { buildRule } from './build-rule.js';
import { RuleCode } from './rule-diagnostic.js';
import type { Rule } from './rule.js';
import { createRunner } from './runner.js';

let n = 0;
function rule(query: string, extra: Record<string, unknown> = {}): Rule {
  n++;
  return buildRule({
    metadata: { creation_date: '2024/01/01', updated_date: '2024/01/01', maturity: 'production' },
    rule: {
      rule_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      name: `Rule ${n}`,
      type: 'eql',
      language: 'eql',
      severity: 'medium',
      risk_score: 47,
      author: ['t'],
      description: 'd',
      index: ['logs-*'],
      tags: ['T'],
      query,
      ...extra,
    },
  });
}

const at = (minute: number, second = 0) => new Date(Date.UTC(2024, 0, 1, 0, minute, second)).toISOString();

describe('createRunner', () => {
  it('caps alerts at max_signals per interval of event time and warns how many were dropped', () => {
    const r = rule('any where event.action == "x"', { max_signals: 2, interval: '5m' });
    const runner = createRunner([r]);
    const minutes = [0, 1, 2, 3, 4, 5, 6];
    const alerts = minutes.flatMap((m) => runner.push({ '@timestamp': at(m), event: { action: 'x' } }));
    alerts.push(...runner.flush());
    expect(alerts.map((a) => a['@timestamp'])).toEqual([at(0), at(1), at(5), at(6)]);
    expect(runner.warnings()).toEqual([
      expect.objectContaining({ code: RuleCode.MaxSignals, ruleId: r.ruleId, dropped: 3, message: expect.stringMatching(/max_signals \(2 per 5m\); 3 alerts dropped/) }),
    ]);
    expect(runner.stats()).toMatchObject({ events: 7, alerts: 4, dropped: 3 });
  });

  it('counts partial sequences given up to maxPendingTotal per rule and warns with EQL5062', () => {
    const capped = rule('sequence by user.name [any where event.action == "a"] [any where event.action == "b"]');
    const other = rule('sequence by user.name with maxspan=30s [any where event.action == "a"] [any where event.action == "c"]');
    const runner = createRunner([capped, other], { maxPendingTotal: 2 });
    for (let i = 0; i < 5; i++) runner.push({ '@timestamp': at(i), user: { name: `u${i}` }, event: { action: 'a' } });
    runner.flush();
    // The second rule expires each partial before the next one opens: none capped.
    expect(runner.stats()).toMatchObject({ cappedPartials: 3, cappedPartialsByRule: new Map([[capped.ruleId, 3]]) });
    expect(runner.warnings()).toEqual([
      expect.objectContaining({ code: RuleCode.PartialsCapped, ruleId: capped.ruleId, capped: 3, message: expect.stringMatching(/3 given up .*raise maxPendingTotal/) }),
    ]);
  });

  it('reports no capped partials when no cap is reached', () => {
    const runner = createRunner([rule('sequence by user.name [any where event.action == "a"] [any where event.action == "b"]')]);
    for (let i = 0; i < 5; i++) runner.push({ '@timestamp': at(i), user: { name: `u${i}` }, event: { action: 'a' } });
    expect(runner.stats()).toMatchObject({ cappedPartials: 0, cappedPartialsByRule: new Map() });
    expect(runner.warnings()).toEqual([]);
  });

  it('buckets the cap on timestamp_override when the rule sets one, as Kibana’s run window does', () => {
    const r = rule('any where event.action == "x"', { max_signals: 1, interval: '5m', timestamp_override: 'event.ingested' });
    const runner = createRunner([r]);
    const alerts = [0, 5, 10].flatMap((m) => runner.push({ '@timestamp': at(0), event: { action: 'x', ingested: at(m) } }));
    expect(alerts).toHaveLength(3);
    expect(runner.warnings()).toEqual([]);
  });

  it('builds alerts with the rule’s fields, join keys and a deterministic id', () => {
    const r = rule('sequence by user.name [any where event.action == "a"] [any where event.action == "b"]', { building_block_type: 'default' });
    const events = [
      { '@timestamp': at(0), event: { action: 'a' }, user: { name: 'u' } },
      { '@timestamp': at(1), event: { action: 'b' }, user: { name: 'u' } },
    ];
    const run = () => {
      const runner = createRunner([r]);
      return [...events.flatMap((e) => runner.push(e)), ...runner.flush()];
    };
    const [alert] = run();
    expect(alert).toMatchObject({
      '@timestamp': at(1),
      rule: { id: r.ruleId, name: r.name, severity: 'medium', risk_score: 47, tags: ['T'], threat: [], version: 1, building_block: true },
      join_keys: ['u'],
      events,
    });
    expect(alert?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(run()[0]?.id).toBe(alert?.id);
  });

  it('gives different events different alert ids and an event query empty join keys', () => {
    const r = rule('any where event.action == "x"');
    const runner = createRunner([r]);
    const a = runner.push({ '@timestamp': at(0), event: { action: 'x' }, n: 1 });
    const b = runner.push({ '@timestamp': at(0), event: { action: 'x' }, n: 2 });
    expect(a[0]?.join_keys).toEqual([]);
    expect(a[0]?.id).not.toBe(b[0]?.id);
  });

  it('adds input constants where the event has no value, and alerts show the original event', () => {
    const r = rule('any where event.module == "okta" and event.action == "x"');
    const runner = createRunner([r]);
    const plain = { '@timestamp': at(0), event: { action: 'x' } };
    const other = { '@timestamp': at(0), event: { action: 'x', module: 'beats' } };
    expect(runner.push(plain)).toEqual([]);
    const alerts = runner.push(plain, { fields: { 'event.module': 'okta' } });
    expect(alerts.map((a) => a.events)).toEqual([[plain]]);
    expect(runner.push(other, { fields: { 'event.module': 'okta' } })).toEqual([]);
  });

  it('adds the constant fields of the event’s index, under the input’s own constants', () => {
    const r = rule('any where event.module == "okta" and event.dataset == "okta.system"');
    const runner = createRunner([r], {
      indexConstants: [{ pattern: 'logs-okta*', fields: { 'event.module': 'okta', 'event.dataset': 'okta.system' } }],
    });
    const e = { '@timestamp': at(0) };
    expect(runner.push(e, { index: 'logs-okta.system-default' })).toHaveLength(1);
    expect(runner.push({ ...e, _index: '.ds-logs-okta.system-default-2024.01.01-000001' })).toHaveLength(1);
    expect(runner.push(e, { index: 'logs-okta.system-default', fields: { 'event.dataset': 'other' } })).toHaveLength(0);
    expect(runner.push(e)).toHaveLength(0);
  });

  it('shows an event only to rules whose index patterns match its input index or _index', () => {
    const okta = rule('any where event.action == "x"', { index: ['logs-okta*'] });
    const any = rule('any where event.action == "x"', { index: ['logs-*', '-logs-okta*'] });
    const runner = createRunner([okta, any]);
    const ids = (alerts: { rule: { id: string } }[]) => alerts.map((a) => a.rule.id);
    expect(ids(runner.push({ '@timestamp': at(0), event: { action: 'x' } }, { index: 'logs-okta.system-default' }))).toEqual([okta.ruleId]);
    expect(ids(runner.push({ '@timestamp': at(0), event: { action: 'x' }, _index: 'logs-aws-default' }))).toEqual([any.ruleId]);
    expect(ids(runner.push({ '@timestamp': at(0), event: { action: 'x' } }))).toEqual([okta.ruleId, any.ruleId]);
  });

  it('honours event_category_override and tiebreaker_field', () => {
    const r = rule('sequence [start where event.action == "a"] [start where event.action == "b"]', {
      event_category_override: 'event.type',
      tiebreaker_field: 'event.sequence',
    });
    const runner = createRunner([r], { allowedLatenessMs: 1000 });
    // Same timestamp: the tiebreaker, not the input order, decides that "a" comes first.
    const b = { '@timestamp': at(0), event: { type: ['start'], action: 'b', sequence: 2 } };
    const a = { '@timestamp': at(0), event: { type: ['start'], action: 'a', sequence: 1 } };
    const alerts = [...runner.push(b), ...runner.push(a), ...runner.flush()];
    expect(alerts.map((x) => x.events)).toEqual([[a, b]]);
  });

  it('reports a rule whose query does not compile and runs the others', () => {
    const bad = rule('any where');
    const good = rule('any where true');
    const runner = createRunner([bad, good]);
    expect(runner.errors.map((e) => [e.code, e.ruleId])).toEqual([[RuleCode.CompileFailed, bad.ruleId]]);
    expect(runner.push({ '@timestamp': at(0) })).toHaveLength(1);
  });

  it('pushBatch: the alerts push gives, in push order, with candidates, indexes, constants and max_signals', () => {
    const make = () => {
      const seq = rule('sequence by user.name [any where event.action == "a"] [any where event.action == "b"]', { max_signals: 1, interval: '5m' });
      const single = rule('any where event.action == "b"');
      const okta = rule('any where event.action : "A" and event.module == "okta"', { index: ['logs-okta*'] });
      return [seq, single, okta];
    };
    const events = Array.from({ length: 40 }, (_, i) => ({
      '@timestamp': at(Math.floor(i / 4), i % 4),
      user: { name: `u${i % 3}` },
      event: { action: i % 5 === 0 ? 'b' : 'a' },
      ...(i % 2 === 0 ? { _index: 'logs-okta.system-default' } : {}),
    }));
    const inputs = events.map((_, i) => (i % 3 === 0 ? { candidates: [0, 2], fields: { 'event.module': 'okta' } } : i % 3 === 1 ? { candidates: [1] } : undefined));
    const show = (alerts: readonly { rule: { id: string }; id: string }[]) => alerts.map((a) => `${a.rule.id} ${a.id}`);
    const one = createRunner(make().map((r, k) => ({ ...r, ruleId: `r${k}` })));
    const expected = show(events.flatMap((e, i) => one.push(e, inputs[i])).concat(one.flush()));
    const batched = createRunner(make().map((r, k) => ({ ...r, ruleId: `r${k}` })));
    const actual = show([
      ...batched.pushBatch(events.slice(0, 13), inputs.slice(0, 13)),
      ...batched.pushBatch(events.slice(13, 14), inputs.slice(13, 14)),
      ...batched.pushBatch(events.slice(14), inputs.slice(14)),
      ...batched.flush(),
    ]);
    // Every rule alerts, and the sequence rule hits its cap.
    expect(new Set(actual.map((a) => a.split(' ')[0]))).toEqual(new Set(['r0', 'r1', 'r2']));
    expect(batched.warnings().map((w) => w.ruleId)).toEqual(['r0']);
    expect(actual).toEqual(expected);
    expect(batched.stats()).toEqual(one.stats());
    const brief = (ws: readonly { code: string; ruleId: string }[]) => ws.map((w) => ({ code: w.code, ruleId: w.ruleId, dropped: 'dropped' in w ? w.dropped : 0 }));
    expect(brief(batched.warnings())).toEqual(brief(one.warnings()));
  });

  it('enqueue and evaluate: the alerts of push, in its order; a rule asked about its state first takes its waiting events', () => {
    const make = () => [
      rule('sequence by user.name with maxspan=1m [any where event.action == "a"] [any where event.action == "b"]'),
      rule('any where event.action == "b"'),
      rule('sequence by user.name [any where event.action == "b"] [any where event.action == "c"]'),
    ].map((r, k) => ({ ...r, ruleId: `r${k}` }));
    const steps = ['ann a', 'bob b', 'ann b', 'bob c', 'ann x', 'bob a', 'ann c', 'bob b'].map((s) => s.split(' ') as [string, string]);
    const events = steps.map(([name, action], i) => ({ '@timestamp': at(0, i), user: { name }, event: { action } }));
    const show = (alerts: readonly { rule: { id: string }; id: string }[]) => alerts.map((a) => `${a.rule.id} ${a.id}`);
    const one = createRunner(make(), { trustOrder: true });
    const expected = show(events.flatMap((e) => one.push(e)).concat(one.flush()));
    const queued = createRunner(make(), { trustOrder: true });
    const line = (action: string, name: string) => JSON.stringify({ '@timestamp': at(0, 30), user: { name }, event: { action } });
    // Nothing waits for a "b" of ann's before her "a" is taken, though it is not yet evaluated.
    expect(queued.awaitsTerm(0, 1, line('b', 'ann'))).toBe(false);
    queued.enqueue(events[0] as (typeof events)[0]);
    expect(queued.awaitsTerm(0, 1, line('b', 'ann'))).toBe(true);
    expect(queued.awaitsTerm(0, 1, line('b', 'bob'))).toBe(false);
    expect(queued.awaitsLine(0, 1, line('b', 'ann'))).toBe(true);
    const actual: string[] = [];
    for (const e of events.slice(1, 5)) queued.enqueue(e);
    // Rule 2 caught up: ann's "b" waits for her "c", bob's sequence completed (its alert waits
    // for evaluate).
    expect(queued.awaitsTerm(2, 1, line('c', 'ann'))).toBe(true);
    expect(queued.awaitsTerm(2, 1, line('c', 'bob'))).toBe(false);
    actual.push(...show(queued.evaluate()));
    expect(queued.evaluate()).toEqual([]);
    // push evaluates what waits before its own event; flush too.
    queued.enqueue(events[5] as (typeof events)[0]);
    actual.push(...show(queued.push(events[6] as (typeof events)[0])));
    queued.enqueue(events[7] as (typeof events)[0]);
    actual.push(...show(queued.flush()));
    expect(new Set(actual.map((a) => a.split(' ')[0]))).toEqual(new Set(['r0', 'r1', 'r2']));
    expect(actual).toEqual(expected);
    expect(queued.stats()).toEqual(one.stats());
  });

  it('routes events only to rules that can match them', () => {
    const rules = ['a', 'b', 'c'].map((x) => rule(`any where event.action == "${x}"`));
    const runner = createRunner(rules);
    runner.push({ '@timestamp': at(0), event: { action: 'b' } });
    expect(runner.stats()).toMatchObject({ deliveries: 1, routedRules: 3, alwaysTriedRules: 0 });
  });
});
