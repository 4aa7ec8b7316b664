import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventError } from './alert-stream-options.js';
import { alerts } from './async-iterable.js';
import { buildRule } from './build-rule.js';
import type { Rule } from './rule.js';
import { createRunner } from './runner.js';

function rule(query: string): Rule {
  return buildRule({
    metadata: { creation_date: '2024/01/01', updated_date: '2024/01/01', maturity: 'production' },
    rule: {
      rule_id: '00000000-0000-4000-8000-000000000001',
      name: 'Stream rule',
      type: 'eql',
      language: 'eql',
      severity: 'low',
      risk_score: 21,
      author: ['t'],
      description: 'd',
      max_signals: 1_000_000,
      query,
    },
  });
}

const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString();
const event = (second: number, action: string) => ({ '@timestamp': at(second), event: { action, id: `e${second}` } });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('alerts (async iterable adapter)', () => {
  it('yields the alerts of each event, then flushes the runner at the end (tail pipe)', async () => {
    const runner = createRunner([rule('any where event.action == "x" | tail 2')]);
    const events = [event(1, 'x'), event(2, 'y'), event(3, 'x'), event(4, 'x')];
    const out = await collect(alerts(runner, events));
    expect(out.map((a) => (a.events[0] as { event: { id: string } }).event.id)).toEqual(['e3', 'e4']);
  });

  it('pulls events only as alerts are read: a consumer that stops after 3 alerts read 3 events', async () => {
    const runner = createRunner([rule('any where true')]);
    let pulled = 0;
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield event(i % 60, 'x');
        }
      } finally {
        closed = true;
      }
    }
    const seen: string[] = [];
    for await (const alert of alerts(runner, source())) {
      seen.push(alert.id);
      if (seen.length === 3) break;
    }
    expect(pulled).toBe(3);
    expect(closed).toBe(true);
  });

  it('reports an event that is not a JSON object to onError, with its index, and goes on', async () => {
    const runner = createRunner([rule('any where true')]);
    const errors: EventError[] = [];
    const out = await collect(alerts(runner, [event(1, 'x'), null, [1], 'text', event(2, 'x')], { onError: (e) => errors.push(e) }));
    expect(out).toHaveLength(2);
    expect(errors.map((e) => [e.index, e.message])).toEqual([
      [1, 'event 1: expected a JSON object, got null'],
      [2, 'event 2: expected a JSON object, got an array'],
      [3, 'event 3: expected a JSON object, got a string'],
    ]);
  });

  it('rejects with the EventError when no onError is given', async () => {
    const runner = createRunner([rule('any where true')]);
    await expect(collect(alerts(runner, [event(1, 'x'), 42]))).rejects.toBeInstanceOf(EventError);
  });

  it('gives the same alerts as pushing every event and flushing, for any event list', async () => {
    const query = 'sequence by user with maxspan=5s [any where event.action == "a"] [any where event.action == "b"]';
    const arbitraryEvent = fc.record({
      second: fc.integer({ min: 0, max: 59 }),
      action: fc.constantFrom('a', 'b', 'c'),
      user: fc.constantFrom('u1', 'u2'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryEvent, { maxLength: 30 }), async (raw) => {
        const events = [...raw].sort((x, y) => x.second - y.second).map((e) => ({ ...event(e.second, e.action), user: e.user }));
        const direct = createRunner([rule(query)]);
        const expected = [...events.flatMap((e) => direct.push(e)), ...direct.flush()];
        const adapted = await collect(alerts(createRunner([rule(query)]), events));
        expect(adapted).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
