import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import type { EqlEvent } from './event.js';
import type { Prefilter } from './fast-path.js';
import { compileKeyExtractor } from './join-keys.js';
import { ordinalReader } from './order.js';
import type { EventTest, Hit, QueryPlan, TermPlan } from './query.js';
import { eventPlan, samplePlan, sequencePlan } from './query.js';
import { PlanStream, searchPlan } from './stream.js';

// Plans over events `{id, ts, c, k}`: term predicates test `c`, the join key is `k`. The
// prefilter and the predicates count their calls, so that tests can see what the prefilter and
// the skip spare, and check that sparing work never changes a result.

const ordinalOf = ordinalReader((e) => e.ts, (e) => e.id);
const byK = compileKeyExtractor([{ get: (e) => e.k, optional: false }]);
const unkeyed = compileKeyExtractor([]);

/**
 * Predicates `c == n`, one function per value (terms written alike share it, as compiled ones
 * do); the until term gets its own, counted under `UNTIL + n`.
 */
const UNTIL = 10;
class Predicates {
  /** Event ids each predicate ran on, by counter (value of `c`, or `UNTIL + c`). */
  readonly ranOn = new Map<number, unknown[]>();
  private readonly made = new Map<number, EventTest>();

  of(c: number, counter = c): EventTest {
    let test = this.made.get(counter);
    if (!test) {
      test = (e) => {
        (this.ranOn.get(counter) ?? this.ranOn.set(counter, []).get(counter)!).push(e.id);
        return e.c === c;
      };
      this.made.set(counter, test);
    }
    return test;
  }

  until(c: number): EventTest {
    return this.of(c, UNTIL + c);
  }

  count(counter: number): number {
    return this.ranOn.get(counter)?.length ?? 0;
  }
}

/**
 * An exact prefilter over the terms' values of `c` (the until term last): bit i when the event
 * has term i's value. `slack` (by event id) adds bits of terms the event does not match, or -1,
 * as a real prefilter may: it must stay a sound over-approximation.
 */
function prefilterOf(values: readonly number[], slack: (id: number) => number = () => 0) {
  const consulted: unknown[] = [];
  const mask = (e: EqlEvent): number => {
    let m = 0;
    values.forEach((v, i) => {
      if (e.c === v) m |= 1 << i;
    });
    const extra = slack(e.id as number);
    if (extra === -1) return -1;
    return m === 0 ? 0 : m | extra;
  };
  const prefilter: Prefilter = {
    test: (e) => {
      consulted.push(e.id);
      return mask(e) !== 0;
    },
    candidates: (e) => {
      consulted.push(e.id);
      return mask(e);
    },
  };
  return { prefilter, consulted };
}

const ids = (hits: Hit[]) => hits.map((h) => (h.kind === 'event' ? [h.event.id] : [h.joinKeys, h.events.map((e) => ('missing' in e ? -1 : e.id))]));

function run<M>(plan: QueryPlan<M>, events: EqlEvent[], trustOrder = true, allowedLatenessMs = 0): { hits: Hit[]; stream: PlanStream<M> } {
  const stream = new PlanStream(plan, ordinalOf, [], { trustOrder, allowedLatenessMs });
  const hits: Hit[] = [];
  for (const e of events) hits.push(...stream.push(e));
  hits.push(...stream.flush());
  return { hits, stream };
}

const ev = (id: number, ts: number, c: number, k: unknown = 'a'): EqlEvent => ({ id, ts, c, k });

interface Shape {
  terms: { c: number; missing: boolean; runs: number }[];
  keyed: boolean;
  until?: number;
  maxspan?: number;
}

function sequenceOf(shape: Shape, predicates: Predicates, prefilter?: Prefilter, nextEvent?: () => void): QueryPlan<unknown> {
  const keys = shape.keyed ? byK : unkeyed;
  const terms: TermPlan[] = shape.terms.map((t) => ({ test: predicates.of(t.c), keys, missing: t.missing, runs: t.runs }));
  const until = shape.until;
  return sequencePlan({
    terms,
    ...(until === undefined ? {} : { until: { test: predicates.until(until), keys } }),
    maxspanMs: shape.maxspan ?? Number.POSITIVE_INFINITY,
    ...(prefilter ? { prefilter } : {}),
    ...(nextEvent ? { nextEvent } : {}),
  }) as QueryPlan<unknown>;
}

const valuesOf = (shape: Shape) => [...shape.terms.map((t) => t.c), ...(shape.until === undefined ? [] : [shape.until])];

describe('sequence plans with a prefilter', () => {
  const shapeArb: fc.Arbitrary<Shape> = fc
    .record({
      terms: fc.array(
        fc.record({
          c: fc.integer({ min: 0, max: 3 }),
          missing: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
          runs: fc.integer({ min: 1, max: 2 }),
        }),
        { minLength: 2, maxLength: 4 },
      ),
      keyed: fc.boolean(),
      until: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      maxspan: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    })
    .filter((s) => s.terms.some((t) => !t.missing))
    .map((s) => (s.terms.some((t) => t.missing) && s.maxspan === undefined ? { ...s, maxspan: 8 } : s));
  const eventsArb = fc
    .array(
      fc.record({ dt: fc.integer({ min: 0, max: 3 }), c: fc.integer({ min: 0, max: 5 }), k: fc.constantFrom<unknown>('a', 'b', null, ['a', 'b']) }),
      { minLength: 1, maxLength: 50 },
    )
    .map((rows) => {
      let ts = 0;
      return rows.map((r, id) => ev(id, (ts += r.dt), r.c, r.k));
    });
  // Extra candidate bits (a prefilter may let through terms an event does not match), or -1.
  const slackArb = fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, fc.nat(31), fc.constant(-1)), { minLength: 1, maxLength: 7 });

  it('returns the same sequences with and without the prefilter, in search and in every kind of stream', () => {
    fc.assert(
      fc.property(shapeArb, eventsArb, slackArb, (shape, events, slack) => {
        const expected = ids(searchPlan(sequenceOf(shape, new Predicates()), ordinalOf, events, []));
        const filtered = () => sequenceOf(shape, new Predicates(), prefilterOf(valuesOf(shape), (id) => slack[id % slack.length]!).prefilter);
        expect(ids(searchPlan(filtered(), ordinalOf, events, []))).toEqual(expected);
        expect(ids(run(filtered(), events, true).hits)).toEqual(expected);
        expect(ids(run(filtered(), events, false).hits)).toEqual(expected);
        expect(ids(run(filtered(), events, false, 3).hits)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('runs each predicate at most once per event, and with an exact prefilter only on events it may match', () => {
    fc.assert(
      fc.property(shapeArb, eventsArb, fc.boolean(), (shape, events, streamed) => {
        const predicates = new Predicates();
        const { prefilter, consulted } = prefilterOf(valuesOf(shape));
        const admitted: unknown[] = [];
        const plan = sequenceOf(shape, predicates, prefilter, () => void admitted.push(events[consulted.length - 1]?.id));
        if (streamed) run(plan, events, true);
        else searchPlan(plan, ordinalOf, events, []);
        const values = new Set(valuesOf(shape));
        for (const [counter, ran] of predicates.ranOn) {
          const c = counter >= UNTIL ? counter - UNTIL : counter;
          expect(new Set(ran).size).toBe(ran.length);
          for (const id of ran) {
            const e = events[id as number]!;
            // Search runs every term on an event the prefilter lets in; a trusted stream only the
            // terms it names (while no missing term waits for time: then it evaluates events whole).
            if (streamed && !shape.terms.some((t) => t.missing)) expect(e.c).toBe(c);
            else expect(values.has(e.c as number)).toBe(true);
          }
        }
        // One look at the prefilter per event, and the read memos restarted once per admitted event.
        expect(consulted).toEqual(events.map((e) => e.id));
        expect(new Set(admitted).size).toBe(admitted.length);
        for (const id of admitted) expect(values.has(events[id as number]!.c as number)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a trusted stream evaluates a later-stage event only when a partial waits for its key', () => {
    const predicates = new Predicates();
    const { prefilter, consulted } = prefilterOf([0, 1]);
    const plan = sequenceOf({ terms: [{ c: 0, missing: false, runs: 1 }, { c: 1, missing: false, runs: 1 }], keyed: true }, predicates, prefilter);
    const stream = new PlanStream(plan, ordinalOf, [], { trustOrder: true });
    // Nothing waits: the second stage's predicate does not run.
    expect(stream.push(ev(0, 1, 1, 'a'))).toEqual([]);
    expect(predicates.count(1)).toBe(0);
    // A first-stage event runs the first predicate only.
    expect(stream.push(ev(1, 2, 0, 'a'))).toEqual([]);
    expect([predicates.count(0), predicates.count(1)]).toEqual([1, 0]);
    expect(stream.stats.pending).toBe(1);
    // A partial waits, but for another key.
    expect(stream.push(ev(2, 3, 1, 'b'))).toEqual([]);
    expect(predicates.count(1)).toBe(0);
    expect(ids(stream.push(ev(3, 4, 1, 'a')))).toEqual([[['a'], [1, 3]]]);
    expect([predicates.count(0), predicates.count(1)]).toEqual([1, 1]);
    expect(consulted).toEqual([0, 1, 2, 3]);
    expect(stream.flush()).toEqual([]);
  });

  it('a trusted stream tests until only while partials wait, and then it cuts them', () => {
    const shape: Shape = { terms: [{ c: 0, missing: false, runs: 1 }, { c: 1, missing: false, runs: 1 }], keyed: true, until: 2 };
    const events = [ev(0, 1, 2, 'a'), ev(1, 2, 0, 'a'), ev(2, 3, 2, 'a'), ev(3, 4, 1, 'a'), ev(4, 5, 0, 'b'), ev(5, 6, 1, 'b')];
    const predicates = new Predicates();
    const plan = sequenceOf(shape, predicates, prefilterOf(valuesOf(shape)).prefilter);
    const stream = new PlanStream(plan, ordinalOf, [], { trustOrder: true });
    const hits: Hit[] = [];
    hits.push(...stream.push(events[0]!));
    // Nothing pending: the until event is not even tested.
    expect(predicates.count(UNTIL + 2)).toBe(0);
    hits.push(...stream.push(events[1]!));
    // A first-stage event is not tested against until.
    expect(predicates.count(UNTIL + 2)).toBe(0);
    hits.push(...stream.push(events[2]!));
    expect(predicates.count(UNTIL + 2)).toBe(1);
    for (const e of events.slice(3)) hits.push(...stream.push(e));
    hits.push(...stream.flush());
    // Key a was cut by until; key b completes.
    expect(ids(hits)).toEqual([[['b'], [4, 5]]]);
    expect(ids(searchPlan(sequenceOf(shape, new Predicates()), ordinalOf, events, []))).toEqual([[['b'], [4, 5]]]);
  });

  it('a trusted stream records missing-term events even when no partial waits, so they still reject sequences', () => {
    // sequence by k with maxspan=10 ![c==3] ![c==4] [c==0] [c==1]
    const shape: Shape = {
      terms: [
        { c: 3, missing: true, runs: 1 },
        { c: 4, missing: true, runs: 1 },
        { c: 0, missing: false, runs: 1 },
        { c: 1, missing: false, runs: 1 },
      ],
      keyed: true,
      maxspan: 10,
    };
    const events = [ev(0, 0, 1, 'a'), ev(1, 1, 4, 'a'), ev(2, 2, 0, 'a'), ev(3, 3, 1, 'a'), ev(4, 20, 0, 'b'), ev(5, 21, 1, 'b')];
    const predicates = new Predicates();
    const { hits } = run(sequenceOf(shape, predicates, prefilterOf(valuesOf(shape)).prefilter), events);
    // Key a had a leading c==4 within maxspan: rejected. Key b had none.
    expect(ids(hits)).toEqual([[['b'], [-1, -1, 4, 5]]]);
    expect(hits.map((h) => h.kind)).toEqual(['sequence']);
    expect(ids(searchPlan(sequenceOf(shape, new Predicates()), ordinalOf, events, []))).toEqual([[['b'], [-1, -1, 4, 5]]]);
    // The first event (second stage, nothing waiting) was skipped unevaluated, although the plan has missing terms.
    expect(predicates.ranOn.get(1)).toEqual([3, 5]);
  });

  it('applies until in sequences of more terms than a prefilter mask has bits', () => {
    // 30 written terms: the until term has no bit of its own in a 30-bit candidate mask.
    const shape = (until?: number): Shape => ({ terms: Array.from({ length: 30 }, () => ({ c: 0, missing: false, runs: 1 })), keyed: false, ...(until === undefined ? {} : { until }) });
    const events = [...Array.from({ length: 29 }, (_, i) => ev(i, i, 0)), ev(29, 29, 1), ev(30, 30, 0)];
    const complete = [[[], [...Array.from({ length: 29 }, (_, i) => i), 30]]];
    expect(ids(searchPlan(sequenceOf(shape(), new Predicates()), ordinalOf, events, []))).toEqual(complete);
    // The until event between the 29th and the 30th cuts the partial.
    expect(ids(searchPlan(sequenceOf(shape(1), new Predicates()), ordinalOf, events, []))).toEqual([]);
    expect(ids(run(sequenceOf(shape(1), new Predicates()), events, false).hits)).toEqual([]);
  });

  it('evaluates a predicate shared by several terms once per event', () => {
    const predicates = new Predicates();
    const shape: Shape = { terms: [{ c: 0, missing: false, runs: 1 }, { c: 0, missing: false, runs: 1 }, { c: 1, missing: false, runs: 1 }], keyed: false };
    const events = [ev(0, 1, 0), ev(1, 2, 0), ev(2, 3, 1), ev(3, 4, 0)];
    const hits = searchPlan(sequenceOf(shape, predicates), ordinalOf, events, []);
    expect(ids(hits)).toEqual([[[], [0, 1, 2]]]);
    expect(predicates.count(0)).toBe(4);
    expect(predicates.count(1)).toBe(4);
  });

  it('holds in the reorder window only events that can take part', () => {
    const shape: Shape = { terms: [{ c: 0, missing: false, runs: 1 }, { c: 1, missing: false, runs: 1 }], keyed: true, until: 2 };
    const stream = new PlanStream(sequenceOf(shape, new Predicates()), ordinalOf, [], { allowedLatenessMs: 10 });
    stream.push(ev(0, 100, 0, 'a'));
    expect(stream.stats.pending).toBe(1);
    // No term matches, or until matches without a key to cut: nothing to hold, nothing late.
    stream.push(ev(1, 101, 7, 'a'));
    stream.push(ev(2, 102, 2, null));
    stream.push(ev(3, 50, 7, 'a'));
    expect(stream.stats.pending).toBe(1);
    expect(stream.stats.lateEvents).toBe(0);
    expect(ids(stream.push(ev(4, 103, 1, 'a')))).toEqual([]);
    expect(ids(stream.flush())).toEqual([[['a'], [0, 4]]]);
  });
});

describe('event and sample plans with a prefilter', () => {
  it('event queries run the condition only on events the prefilter lets in', () => {
    const predicates = new Predicates();
    const { prefilter } = prefilterOf([1]);
    const admitted: unknown[] = [];
    const events = [ev(0, 1, 0), ev(1, 2, 1), ev(2, 3, 2), ev(3, 4, 1)];
    const plan = eventPlan(predicates.of(1), prefilter, () => void admitted.push('x')) as QueryPlan<unknown>;
    expect(ids(searchPlan(plan, ordinalOf, events, []))).toEqual([[1], [3]]);
    expect(predicates.ranOn.get(1)).toEqual([1, 3]);
    expect(admitted).toHaveLength(2);
    expect(ids(run(plan, events).hits)).toEqual([[1], [3]]);
  });

  it('samples run the filters only on events the prefilter lets in, and report their kind and held events', () => {
    const predicates = new Predicates();
    const { prefilter } = prefilterOf([0, 1]);
    const events = [ev(0, 9, 1, 'b'), ev(1, 8, 5, 'b'), ev(2, 7, 0, 'b'), ev(3, 6, 0, 'a'), ev(4, 5, 1, 'a'), ev(5, 4, 0, null)];
    const plan = samplePlan(
      [
        { test: predicates.of(0), keys: byK },
        { test: predicates.of(1), keys: byK },
      ],
      prefilter,
    ) as QueryPlan<unknown>;
    const stream = new PlanStream(plan, ordinalOf, [], {});
    for (const e of events) stream.push(e);
    // The event with a null key cannot join: not held.
    expect(stream.stats.pending).toBe(4);
    const hits = stream.flush();
    expect(ids(hits)).toEqual([
      [['a'], [3, 4]],
      [['b'], [2, 0]],
    ]);
    expect(hits.map((h) => h.kind)).toEqual(['sample', 'sample']);
    expect(predicates.ranOn.get(0)).toEqual([0, 2, 3, 4, 5]);
  });
});

describe('compiled queries report what they return', () => {
  it('gives every hit its kind, for sequences with and without missing terms and for samples', () => {
    const events: EqlEvent[] = [
      { '@timestamp': 1, a: 'x', k: 1 },
      { '@timestamp': 2, a: 'y', k: 1 },
      { '@timestamp': 3, a: 'z', k: 2 },
    ];
    const kinds = (q: string) => compile(q).search(events).map((h) => h.kind);
    expect(kinds('sequence by k [any where a == "x"] [any where a == "y"]')).toEqual(['sequence']);
    expect(kinds('sequence by k with maxspan=1h [any where a == "x"] ![any where a == "w"] [any where a == "y"]')).toEqual(['sequence']);
    expect(kinds('sequence by k with maxspan=1h [any where a == "x"] [any where a == "y"] ![any where a == "w"]')).toEqual(['sequence']);
    expect(kinds('sample by k [any where a == "x"] [any where a == "y"]')).toEqual(['sample']);
    expect(kinds('any where a != "y"')).toEqual(['event', 'event']);
  });
});
