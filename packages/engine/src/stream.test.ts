import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import type { EqlEvent } from './event.js';
import { compileKeyExtractor } from './join-keys.js';
import { ordinalReader } from './order.js';
import type { Limit } from './pipes.js';
import type { Hit, QueryPlan, TermPlan } from './query.js';
import { eventPlan, samplePlan, sequencePlan } from './query.js';
import { PlanStream, searchPlan } from './stream.js';

const ordinalOf = ordinalReader((e) => e.ts, (e) => e.id);

/** Events in time order: `c` picks which terms match, `k` is the join key (maybe null or multi). */
const eventsArb = fc
  .array(
    fc.record({
      dt: fc.integer({ min: 0, max: 4 }),
      c: fc.integer({ min: 0, max: 2 }),
      k: fc.oneof({ arbitrary: fc.constantFrom('a', 'b'), weight: 4 }, fc.constant(null), fc.constant(['a', 'b'])),
    }),
    { minLength: 5, maxLength: 60, size: 'max' },
  )
  .map((rows) => {
    let ts = 0;
    return rows.map((r, id): EqlEvent => {
      ts += r.dt;
      return { id, ts, c: r.c, k: r.k };
    });
  });

interface SequenceShape {
  terms: { c: number; missing: boolean; runs: number }[];
  keyed: boolean;
  optional: boolean;
  until?: number;
  maxspan?: number;
}

/** Random sequence queries: 2-4 terms over `c`, maybe keyed, until, missing terms, runs. */
const sequenceArb: fc.Arbitrary<SequenceShape> = fc
  .record({
    terms: fc.array(
      fc.record({
        c: fc.integer({ min: 0, max: 2 }),
        missing: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
        runs: fc.integer({ min: 1, max: 2 }),
      }),
      { minLength: 2, maxLength: 4 },
    ),
    keyed: fc.boolean(),
    optional: fc.boolean(),
    until: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    maxspan: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  })
  .filter((s) => s.terms.some((t) => !t.missing))
  .map((s) => (s.terms.some((t) => t.missing) && s.maxspan === undefined ? { ...s, maxspan: 8 } : s));

function planOf(shape: SequenceShape): QueryPlan<unknown> {
  const keys = compileKeyExtractor(shape.keyed ? [{ get: (e) => e.k, optional: shape.optional }] : []);
  const terms: TermPlan[] = shape.terms.map((t) => ({ test: (e) => e.c === t.c, keys, missing: t.missing, runs: t.runs }));
  const until = shape.until;
  return sequencePlan({
    terms,
    ...(until === undefined ? {} : { until: { test: (e: EqlEvent) => e.c === until, keys } }),
    maxspanMs: shape.maxspan ?? Number.POSITIVE_INFINITY,
  }) as QueryPlan<unknown>;
}

const limitsArb = fc.oneof(
  fc.constant([]),
  fc.array(fc.record({ from: fc.constantFrom<'head' | 'tail'>('head', 'tail'), count: fc.nat(5) }), { maxLength: 2 }),
);

function streamed(plan: QueryPlan<unknown>, events: EqlEvent[], limits: Limit[], lateness = 0): Hit[] {
  const stream = new PlanStream(plan, ordinalOf, limits, { allowedLatenessMs: lateness });
  const out: Hit[] = [];
  for (const e of events) out.push(...stream.push(e));
  out.push(...stream.flush());
  return out;
}

const ids = (hits: Hit[]) => hits.map((h) => (h.kind === 'event' ? [h.event.id] : [h.joinKeys, h.events.map((e) => ('missing' in e ? -1 : e.id))]));

describe('stream() equals search()', () => {
  it('for random sequence queries over events in time order', () => {
    fc.assert(
      fc.property(sequenceArb, eventsArb, limitsArb, (shape, events, limits) => {
        const plan = planOf(shape);
        expect(ids(streamed(plan, events, limits))).toEqual(ids(searchPlan(plan, ordinalOf, events, limits)));
      }),
      { numRuns: 500 },
    );
  });
  it('for events shuffled within the reorder window', () => {
    fc.assert(
      fc.property(sequenceArb, eventsArb, fc.array(fc.nat(3)), (shape, events, jitter) => {
        const plan = planOf(shape);
        // Delay each event by up to 3 ms of arrival time; a window of 4 ms restores the order.
        const arrivals = events
          .map((e, i) => ({ e, at: (e.ts as number) + (jitter[i % Math.max(1, jitter.length)] ?? 0) }))
          .sort((a, b) => a.at - b.at)
          .map((a) => a.e);
        const stream = new PlanStream(plan, ordinalOf, [], { allowedLatenessMs: 4 });
        const out: Hit[] = [];
        for (const e of arrivals) out.push(...stream.push(e));
        out.push(...stream.flush());
        expect(stream.stats.lateEvents).toBe(0);
        expect(ids(out)).toEqual(ids(searchPlan(plan, ordinalOf, events, [])));
      }),
      { numRuns: 300 },
    );
  });
  it('for event queries and samples', () => {
    fc.assert(
      fc.property(eventsArb, fc.integer({ min: 0, max: 4 }), limitsArb, (events, c, limits) => {
        const plan = eventPlan((e) => e.c === c) as QueryPlan<unknown>;
        expect(ids(streamed(plan, events, limits))).toEqual(ids(searchPlan(plan, ordinalOf, events, limits)));
        const keys = compileKeyExtractor([{ get: (e) => e.k, optional: false }]);
        const sample = samplePlan([
          { test: (e) => e.c === c, keys },
          { test: (e) => e.c !== c, keys },
        ]) as QueryPlan<unknown>;
        expect(ids(streamed(sample, events, limits))).toEqual(ids(searchPlan(sample, ordinalOf, events, limits)));
      }),
    );
  });
  it('never holds more partials than the caps', () => {
    fc.assert(
      fc.property(sequenceArb, eventsArb, fc.integer({ min: 1, max: 3 }), (shape, events, cap) => {
        const noMissing = { ...shape, terms: shape.terms.map((t) => ({ ...t, missing: false })) };
        const stream = new PlanStream(planOf(noMissing), ordinalOf, [], { maxPendingPerKey: cap, maxPendingTotal: cap + 1 });
        for (const e of events) {
          stream.push(e);
          expect(stream.stats.pending).toBeLessThanOrEqual(cap + 1);
        }
        expect(stream.stats.eventsSeen).toBe(events.length);
      }),
    );
  });
  it('returns an event hit from push at once when no tail pipe needs the end', () => {
    const stream = new PlanStream(eventPlan((e) => e.c === 1) as QueryPlan<unknown>, ordinalOf, [], {});
    expect(stream.push({ id: 0, ts: 1, c: 1 })).toHaveLength(1);
    const tail = new PlanStream(eventPlan((e) => e.c === 1) as QueryPlan<unknown>, ordinalOf, [{ from: 'tail', count: 1 }], {});
    expect(tail.push({ id: 0, ts: 1, c: 1 })).toHaveLength(0);
    expect(tail.flush()).toHaveLength(1);
  });
});

describe('PlanStream bookkeeping', () => {
  const isOne = eventPlan((e) => e.c === 1) as QueryPlan<unknown>;
  const pair = () => {
    const keys = compileKeyExtractor([]);
    return sequencePlan({
      terms: [
        { test: (e) => e.c === 0, keys, missing: false, runs: 1 },
        { test: (e) => e.c === 1, keys, missing: false, runs: 1 },
      ],
      maxspanMs: Number.POSITIVE_INFINITY,
    }) as QueryPlan<unknown>;
  };

  it('orders and counts as late only events that match: a non-matching event does not move time', () => {
    const stream = new PlanStream(isOne, ordinalOf, [], {});
    expect(stream.push({ id: 0, ts: 10, c: 0 })).toEqual([]);
    expect(ids(stream.push({ id: 1, ts: 5, c: 1 }))).toEqual([[1]]);
    expect(stream.stats.lateEvents).toBe(0);
    stream.push({ id: 2, ts: 3, c: 1 });
    expect(stream.stats.lateEvents).toBe(1);
  });

  it('releases held events when a non-matching event moves time past the window', () => {
    const stream = new PlanStream(isOne, ordinalOf, [], { allowedLatenessMs: 5 });
    expect(stream.push({ id: 0, ts: 0, c: 1 })).toEqual([]);
    expect(stream.stats.pending).toBe(1);
    expect(ids(stream.push({ id: 1, ts: 100, c: 0 }))).toEqual([[0]]);
    expect(stream.stats.pending).toBe(0);
    expect(stream.flush()).toEqual([]);
  });

  it('counts results held for a tail pipe as pending', () => {
    const stream = new PlanStream(isOne, ordinalOf, [{ from: 'tail', count: 2 }], {});
    for (let i = 0; i < 3; i++) stream.push({ id: i, ts: i, c: 1 });
    expect(stream.stats.pending).toBeGreaterThanOrEqual(2);
    expect(ids(stream.flush())).toEqual([[1], [2]]);
    expect(stream.stats.pending).toBe(0);
  });

  it('takes no more events once a head pipe is full: no partial is kept for them', () => {
    const stream = new PlanStream(pair(), ordinalOf, [{ from: 'head', count: 1 }], {});
    stream.push({ id: 0, ts: 0, c: 0 });
    expect(stream.push({ id: 1, ts: 1, c: 1 })).toHaveLength(1);
    stream.push({ id: 2, ts: 2, c: 0 });
    expect(stream.stats.pending).toBe(0);
    expect(stream.stats.eventsSeen).toBe(3);
  });

  it('leaves events without a timestamp out of sequences but not out of event queries', () => {
    const events: EqlEvent[] = [
      { id: 0, c: 0 },
      { id: 1, ts: 2, c: 1 },
    ];
    expect(streamed(pair(), events, [])).toEqual([]);
    expect(searchPlan(pair(), ordinalOf, events, [])).toEqual([]);
    const untimed: EqlEvent[] = [{ id: 0, c: 1 }];
    expect(ids(streamed(isOne, untimed, []))).toEqual([[0]]);
    expect(ids(searchPlan(isOne, ordinalOf, untimed, []))).toEqual([[0]]);
  });

  it('keeps samples in input order, not time order', () => {
    const keys = compileKeyExtractor([{ get: (e) => e.k, optional: false }]);
    const sample = samplePlan([
      { test: (e) => e.c === 0, keys },
      { test: (e) => e.c === 1, keys },
    ]) as QueryPlan<unknown>;
    const events: EqlEvent[] = [
      { id: 0, ts: 9, c: 0, k: 'a' },
      { id: 1, ts: 1, c: 0, k: 'a' },
      { id: 2, ts: 5, c: 1, k: 'a' },
    ];
    // The first event of each filter in input order (in time order it would be event 1).
    expect(ids(searchPlan(sample, ordinalOf, events, []))).toEqual([[['a'], [0, 2]]]);
    expect(ids(streamed(sample, events, []))).toEqual([[['a'], [0, 2]]]);
  });

  it('ends once: a second flush returns nothing and a push after flush throws', () => {
    const keys = compileKeyExtractor([{ get: (e) => e.k, optional: false }]);
    const sample = samplePlan([{ test: (e) => e.c === 0, keys }]) as QueryPlan<unknown>;
    const stream = new PlanStream(sample, ordinalOf, [], {});
    stream.push({ id: 0, ts: 0, c: 0, k: 'a' });
    expect(stream.flush()).toHaveLength(1);
    expect(stream.flush()).toEqual([]);
    expect(() => stream.push({ id: 1, ts: 1, c: 0, k: 'a' })).toThrow('push() after flush()');
  });
});

describe('PlanStream with a trusted order and a missing term', () => {
  it('decides a trailing missing term when an event no term matches moves time past maxspan', () => {
    const q = compile('sequence with maxspan=5ms [any where a == "x"] ![any where a == "y"]');
    const stream = q.stream({ trustOrder: true });
    expect(stream.push({ '@timestamp': 0, a: 'x' })).toEqual([]);
    const hits = stream.push({ '@timestamp': 10, a: 'z' });
    expect(hits).toHaveLength(1);
    expect(stream.flush()).toEqual([]);
  });
});

describe('missing-term events nothing could look at', () => {
  const ev = (ts: number, a: string, k = 'h') => ({ '@timestamp': ts, a, k });
  for (const trustOrder of [false, true]) {
    it(`are kept only while a partial or a waiting candidate could use them (trustOrder ${trustOrder})`, () => {
      // Trailing: a "y" before any "x" can reject nothing (a candidate looks only later).
      const trailing = compile('sequence by k with maxspan=5ms [any where a == "x"] ![any where a == "y"]').stream({ trustOrder });
      trailing.push(ev(0, 'y'));
      trailing.push(ev(1, 'y'));
      expect(trailing.stats.pending).toBe(0);
      trailing.push(ev(2, 'x'));
      trailing.push(ev(3, 'y'));
      expect(trailing.flush()).toEqual([]);

      // Middle: kept once a partial holds its first stage, and then it rejects the candidate.
      const middle = compile('sequence by k with maxspan=10ms [any where a == "x"] ![any where a == "y"] [any where a == "z"]').stream({ trustOrder });
      middle.push(ev(0, 'y'));
      expect(middle.stats.pending).toBe(0);
      middle.push(ev(1, 'x'));
      expect(middle.stats.pending).toBe(1);
      middle.push(ev(2, 'y'));
      expect(middle.stats.pending).toBe(2);
      expect(middle.push(ev(3, 'z'))).toEqual([]);
      // Without a "y" between, the next pair is a hit.
      middle.push(ev(4, 'x'));
      expect(middle.push(ev(5, 'z'))).toHaveLength(1);

      // Leading: always kept, since a later first stage looks back at it.
      const leading = compile('sequence by k with maxspan=10ms ![any where a == "y"] [any where a == "x"] [any where a == "z"]').stream({ trustOrder });
      leading.push(ev(0, 'y'));
      expect(leading.stats.pending).toBe(1);
      leading.push(ev(1, 'x'));
      expect(leading.push(ev(2, 'z'))).toEqual([]);
    });
  }
});
