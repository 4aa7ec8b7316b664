import { describe, expect, it } from 'vitest';
import { compile } from '@eqlkit/engine';
import { createRunner, type Alert } from '@eqlkit/rules';
import { loadCorpusRules } from '../support/corpus-rules.js';
import { generateCorpusEvents } from './corpus-events.js';

/** Each rule's alerts as `id join_keys` lines, in emission order. */
function byRule(alerts: readonly Alert[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of alerts) {
    const list = out.get(a.rule.id) ?? [];
    list.push(`${a.id} ${JSON.stringify(a.join_keys)}`);
    out.set(a.rule.id, list);
  }
  return out;
}

describe('the runner over the whole corpus', () => {
  const rules = loadCorpusRules();
  const shapes = rules.map((rule) => ({ rule, statement: compile(rule.query ?? '').statement }));
  const events = generateCorpusEvents(shapes, 3500, 20240305);

  it('pushBatch, with the order trusted (as eql run does), gives the same alerts in the same order as push, whatever the batch sizes', () => {
    const one = createRunner(rules);
    const expected: string[] = [];
    for (const { event, index } of events) for (const a of one.push(event, { index })) expected.push(`${a.rule.id} ${a.id}`);
    for (const a of one.flush()) expected.push(`${a.rule.id} ${a.id}`);
    // Trusted order: later stages and missing terms nothing waits for are skipped unevaluated.
    const batched = createRunner(rules, { trustOrder: true });
    const actual: string[] = [];
    // Sizes from 1 to 1,500 (more than the runner's timestamp ring of 1,024).
    for (let at = 0, k = 0; at < events.length; k++) {
      const size = [1, 7, 256, 1500, 3, 64][k % 6] as number;
      const slice = events.slice(at, at + size);
      at += size;
      const alerts = batched.pushBatch(
        slice.map((e) => e.event),
        slice.map((e) => ({ index: e.index })),
      );
      for (const a of alerts) actual.push(`${a.rule.id} ${a.id}`);
    }
    for (const a of batched.flush()) actual.push(`${a.rule.id} ${a.id}`);
    expect(actual.length).toBeGreaterThan(300);
    expect(actual).toEqual(expected);
    expect(batched.stats()).toEqual(one.stats());
  });

  it('gives each rule the same alerts as running that rule alone on every event', () => {
    expect(rules).toHaveLength(1081);
    const together = createRunner(rules);
    expect(together.errors).toEqual([]);
    const combined: Alert[] = [];
    for (const { event, index } of events) combined.push(...together.push(event, { index }));
    combined.push(...together.flush());
    const actual = byRule(combined);

    let firing = 0;
    let firingSequences = 0;
    const mismatches: string[] = [];
    for (const rule of rules) {
      const alone = createRunner([rule], { routing: false });
      const own: Alert[] = [];
      for (const { event, index } of events) own.push(...alone.push(event, { index }));
      own.push(...alone.flush());
      const expected = byRule(own).get(rule.ruleId) ?? [];
      if (JSON.stringify(actual.get(rule.ruleId) ?? []) !== JSON.stringify(expected)) mismatches.push(rule.name);
      if (expected.length > 0) {
        firing++;
        if (/^\s*(\/\*[\s\S]*?\*\/\s*)?sequence/.test(rule.query ?? '')) firingSequences++;
      }
    }
    expect(mismatches).toEqual([]);
    // The generated stream must make a real share of the corpus fire, sequences included.
    expect(firing).toBeGreaterThan(250);
    expect(firingSequences).toBeGreaterThan(20);

    const stats = together.stats();
    // Routing must actually spare work: far fewer deliveries than events × rules.
    expect(stats.deliveries).toBeLessThan((events.length * rules.length) / 5);
    process.stdout.write(
      `corpus runner: ${events.length} events, ${stats.alerts} alerts, ${firing} rules firing (${firingSequences} sequences), ` +
        `${stats.routedRules} routed rules, ${stats.alwaysTriedRules} always tried, ${stats.deliveries} deliveries\n`,
    );
  });
});
