import fc from 'fast-check';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../alert.js';
import { EventError } from '../alert-stream-options.js';
import { buildRule } from '../build-rule.js';
import type { Rule } from '../rule.js';
import { createRunner, type Runner } from '../runner.js';
import { createAlertTransform } from './stream-adapter.js';

function rule(query: string): Rule {
  return buildRule({
    metadata: { creation_date: '2024/01/01', updated_date: '2024/01/01', maturity: 'production' },
    rule: {
      rule_id: '00000000-0000-4000-8000-000000000002',
      name: 'Transform rule',
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

const event = (n: number, action = 'x') => ({ '@timestamp': n, event: { action, id: `e${n}` } });
const idOf = (alert: Alert) => (alert.events[0] as { event: { id: string } }).event.id;

/** A runner that counts the events it was given. */
function counting(runner: Runner): { runner: Runner; pushed: () => number } {
  let pushed = 0;
  return {
    runner: { ...runner, push: (e, input) => (pushed++, runner.push(e, input)), flush: () => runner.flush(), warnings: () => runner.warnings(), stats: () => runner.stats(), errors: runner.errors },
    pushed: () => pushed,
  };
}

function sink(into: Alert[], delayMs = 0): Writable {
  return new Writable({
    objectMode: true,
    highWaterMark: 1,
    write(alert: Alert, _encoding, callback) {
      into.push(alert);
      if (delayMs > 0) setTimeout(callback, delayMs);
      else setImmediate(callback);
    },
  });
}

describe('createAlertTransform (Node stream adapter)', () => {
  it('turns events into alerts in a pipeline and emits the flushed alerts at the end (tail pipe)', async () => {
    const out: Alert[] = [];
    const events = [event(1), event(2, 'y'), event(3), event(4)];
    await pipeline(Readable.from(events), createAlertTransform(createRunner([rule('any where event.action == "x" | tail 2')])), sink(out));
    expect(out.map(idOf)).toEqual(['e3', 'e4']);
  });

  it('respects highWaterMark without a reader: write() returns false and no further event is evaluated', () => {
    const { runner, pushed } = counting(createRunner([rule('any where true')]));
    const transform = createAlertTransform(runner, { highWaterMark: 4 });
    const accepted: boolean[] = [];
    for (let i = 0; i < 100; i++) accepted.push(transform.write(event(i)));
    // 4 alerts fill the readable side; 4 more events fill the writable side; the rest queue up
    // in the writable buffer because the caller ignored write()'s false.
    expect(transform.readableLength).toBe(4);
    expect(pushed()).toBe(4);
    expect(accepted.indexOf(false)).toBeLessThanOrEqual(8);
    expect(accepted.slice(8).every((ok) => !ok)).toBe(true);
  });

  it('holds a fast source back behind a slow consumer: events read minus alerts consumed stays bounded', async () => {
    const { runner, pushed } = counting(createRunner([rule('any where true')]));
    const total = 400;
    let produced = 0;
    const out: Alert[] = [];
    let maxAhead = 0;
    let maxBuffered = 0;
    const source = new Readable({
      objectMode: true,
      highWaterMark: 2,
      read() {
        maxAhead = Math.max(maxAhead, produced - out.length);
        maxBuffered = Math.max(maxBuffered, transform.readableLength + transform.writableLength);
        this.push(produced < total ? event(produced++) : null);
      },
    });
    const transform = createAlertTransform(runner, { highWaterMark: 2 });
    await pipeline(source, transform, sink(out, 1));
    expect(out).toHaveLength(total);
    expect(pushed()).toBe(total);
    // Measured 4: the transform's two buffers (2 + 2) and nothing else; an unbounded adapter
    // would run the whole source (400) ahead of the consumer.
    expect(maxAhead).toBeLessThanOrEqual(8);
    expect(maxBuffered).toBeLessThanOrEqual(4);
  });

  it('reports a bad event to onError and goes on', async () => {
    const errors: EventError[] = [];
    const out: Alert[] = [];
    const transform = createAlertTransform(createRunner([rule('any where true')]), { onError: (e) => errors.push(e) });
    await pipeline(Readable.from([event(1), 'oops', event(2)]), transform, sink(out));
    expect(out.map(idOf)).toEqual(['e1', 'e2']);
    expect(errors.map((e) => e.message)).toEqual(['event 1: expected a JSON object, got a string']);
  });

  it('emits a bad event as the stream error without onError (write() does not throw)', async () => {
    const transform = createAlertTransform(createRunner([rule('any where true')]));
    const failed = new Promise<unknown>((resolve) => transform.on('error', resolve));
    expect(() => transform.write(7)).not.toThrow();
    const error = await failed;
    expect(error).toBeInstanceOf(EventError);
    expect((error as EventError).index).toBe(0);
  });

  it('gives the same alerts as pushing every event and flushing, for any events and highWaterMark', async () => {
    const query = 'sequence by user with maxspan=5s [any where event.action == "a"] [any where event.action == "b"] | tail 3';
    const arbitraryEvent = fc.record({ at: fc.integer({ min: 0, max: 20_000 }), action: fc.constantFrom('a', 'b', 'c'), user: fc.constantFrom('u1', 'u2') });
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryEvent, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (raw, highWaterMark) => {
        const events = [...raw].sort((x, y) => x.at - y.at).map((e) => ({ '@timestamp': e.at, event: { action: e.action }, user: e.user }));
        const direct = createRunner([rule(query)]);
        const expected = [...events.flatMap((e) => direct.push(e)), ...direct.flush()];
        const out: Alert[] = [];
        await pipeline(Readable.from(events), createAlertTransform(createRunner([rule(query)]), { highWaterMark }), sink(out));
        expect(out).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
