import type { EqlEvent, Hit } from '@eqlkit/engine';
import { compile } from '@eqlkit/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Random event streams in time order: `c` picks the terms an event matches, `k` is the key. */
const eventsArb = fc
  .array(
    fc.record({
      dt: fc.integer({ min: 0, max: 3 }),
      c: fc.integer({ min: 0, max: 3 }),
      k: fc.oneof({ arbitrary: fc.constantFrom('a', 'b'), weight: 4 }, fc.constant(null), fc.constant(['a', 'b'])),
    }),
    { minLength: 5, maxLength: 50, size: 'max' },
  )
  .map((rows) => {
    let ts = 0;
    return rows.map((r, id): EqlEvent => {
      ts += r.dt;
      return { id, '@timestamp': ts, c: r.c, k: r.k };
    });
  });

/** Random sequence queries: keys, maxspan, until, runs and missing terms. */
const queryArb = fc
  .record({
    terms: fc.array(
      fc.record({ c: fc.integer({ min: 0, max: 2 }), missing: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), runs: fc.integer({ min: 1, max: 2 }) }),
      { minLength: 2, maxLength: 4 },
    ),
    by: fc.constantFrom('', 'by k ', 'by ?k '),
    maxspan: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    until: fc.boolean(),
  })
  .filter((q) => q.terms.some((t) => !t.missing))
  .map((q) => ({ ...q, quote: false }))
  .chain((q) => fc.boolean().map((quote) => ({ ...q, quote })))
  .map((q) => {
    // Quoted values take the prefilter and skip paths (string tests), numbers the general one.
    const v = (n: number) => (q.quote ? `"${n}"` : String(n));
    const maxspan = q.maxspan ?? (q.terms.some((t) => t.missing) ? 6 : undefined);
    const terms = q.terms.map((t) => `${t.missing ? '!' : ''}[any where c == ${v(t.c)}]${t.runs > 1 ? ` with runs=${t.runs}` : ''}`);
    const text = `sequence ${q.by}${maxspan === undefined ? '' : `with maxspan=${maxspan}ms `}${terms.join(' ')}${q.until ? ` until [any where c == ${v(3)}]` : ''}`;
    return { text, quote: q.quote };
  });

/** The events of a query: `c` as a string when the query compares it with strings. */
const withC = (events: EqlEvent[], quote: boolean) => (quote ? events.map((e) => ({ ...e, c: String(e.c) })) : events);

const ids = (hits: Hit[]) => hits.map((h) => (h.kind === 'event' ? h.event.id : [h.joinKeys, h.events.map((e) => ('missing' in e ? -1 : e.id))]));

describe('compiled sequences: stream() = search()', () => {
  it('for random queries over random event streams in time order', () => {
    fc.assert(
      fc.property(queryArb, eventsArb, fc.constantFrom<'head' | 'tail'>('head', 'tail'), fc.option(fc.nat(4), { nil: undefined }), fc.boolean(), ({ text, quote }, raw, resultPosition, size, trustOrder) => {
        const events = withC(raw, quote);
        // With a tiebreaker the order is total, so search() may take the input in any order.
        const query = compile(text, { tiebreakerField: 'id' });
        const stream = query.stream({ size, resultPosition, trustOrder });
        const streamed: Hit[] = [];
        for (const e of events) streamed.push(...stream.push(e));
        streamed.push(...stream.flush());
        expect(ids(streamed), text).toEqual(ids(query.search([...events].reverse(), { size, resultPosition })));
        expect(stream.stats.lateEvents).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
  it('counts a matching event older than an earlier match as late, unless the caller trusts the order', () => {
    const q = compile('sequence by u [any where a == "deny"] [any where a == "sso"]');
    const events = [
      { '@timestamp': 2, a: 'sso', u: 'x' },
      { '@timestamp': 1, a: 'deny', u: 'x' },
    ];
    const checked = q.stream();
    for (const e of events) checked.push(e);
    expect(checked.stats.lateEvents).toBe(1);
    const trusted = q.stream({ trustOrder: true });
    for (const e of events) trusted.push(e);
    expect(trusted.stats.lateEvents).toBe(0);
  });
  it('never holds more pending partials than the caps', () => {
    fc.assert(
      fc.property(queryArb, eventsArb, fc.integer({ min: 1, max: 3 }), ({ text, quote }, raw, cap) => {
        const events = withC(raw, quote);
        if (text.includes('![')) return; // missing terms hold candidates, not partials
        const stream = compile(text).stream({ maxPendingPerKey: cap, maxPendingTotal: cap + 1 });
        for (const e of events) {
          stream.push(e);
          expect(stream.stats.pending).toBeLessThanOrEqual(cap + 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
