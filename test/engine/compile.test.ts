import type { EqlEvent, Hit } from '@eqlkit/engine';
import { compile, EqlError } from '@eqlkit/engine';
import { describe, expect, it } from 'vitest';

const ids = (hits: Hit[]) => hits.map((h) => (h.kind === 'event' ? h.event.id : h.events.map((e) => ('missing' in e ? -1 : e.id))));

const events: EqlEvent[] = [
  { id: 1, '@timestamp': '2024-01-01T00:00:01Z', event: { category: 'process' }, user: 'a' },
  { id: 2, '@timestamp': '2024-01-01T00:00:02Z', event: { category: ['network', 'process'] }, user: 'a' },
  { id: 3, '@timestamp': '2024-01-01T00:00:03Z', event: { category: 'Process' }, user: 'b' },
  { id: 4, '@timestamp': 1704067204000, 'event.category': 'file', user: 'b' },
];

describe('compile()', () => {
  it('throws EqlError with located diagnostics for an invalid query', () => {
    let error: unknown;
    try {
      compile('process where\n  foo ==');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EqlError);
    const d = (error as EqlError).diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.line).toBeGreaterThanOrEqual(1);
  });
  it('reports engine errors (unknown function) with line and column from the text', () => {
    try {
      compile('process where\n  nosuch(user)');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EqlError);
      const d = (e as EqlError).diagnostics[0]!;
      expect(d.line).toBe(2);
      expect(d.column).toBe(3);
    }
  });
  it('matches the category case-sensitively, any value of an array, nested or dotted', () => {
    expect(ids(compile('process where true').search(events))).toEqual([1, 2]);
    expect(ids(compile('file where true').search(events))).toEqual([4]);
    expect(ids(compile('any where true').search(events))).toEqual([1, 2, 3, 4]);
  });
  it('reads the category from eventCategoryField', () => {
    const q = compile('a where true', { eventCategoryField: 'user' });
    expect(ids(q.search(events))).toEqual([1, 2]);
    expect(q.kind).toBe('event');
  });
  it('returns event hits in time order whatever the input order', () => {
    expect(ids(compile('any where true').search([...events].reverse()))).toEqual([1, 2, 3, 4]);
  });
  it('orders equal timestamps by the tiebreaker field', () => {
    const same = [
      { id: 'x', '@timestamp': 5, seq: 2 },
      { id: 'y', '@timestamp': 5, seq: 1 },
      { id: 'z', '@timestamp': 5 },
    ];
    expect(ids(compile('any where true', { tiebreakerField: 'seq' }).search(same))).toEqual(['y', 'x', 'z']);
    expect(ids(compile('any where true').search(same))).toEqual(['x', 'y', 'z']);
  });
  it('reads the timestamp from timestampField', () => {
    const evs = [
      { id: 1, t: 20 },
      { id: 2, t: 10 },
    ];
    expect(ids(compile('any where true', { timestampField: 't' }).search(evs))).toEqual([2, 1]);
  });
  it('applies size and result position, then pipes', () => {
    const q = compile('any where true');
    expect(ids(q.search(events, { size: 2 }))).toEqual([1, 2]);
    expect(ids(q.search(events, { size: 2, resultPosition: 'tail' }))).toEqual([3, 4]);
    expect(ids(compile('any where true | tail 3 | head 2').search(events))).toEqual([2, 3]);
    expect(ids(compile('any where true | head 3').search(events, { size: 2, resultPosition: 'tail' }))).toEqual([1, 2]);
  });
  it('runs sequences with by, maxspan and until', () => {
    const evs = [
      { id: 1, '@timestamp': 1000, k: 'a', step: 1 },
      { id: 2, '@timestamp': 2000, k: 'b', step: 1 },
      { id: 3, '@timestamp': 3000, k: 'a', step: 2 },
      { id: 4, '@timestamp': 3500, k: 'b', stop: true },
      { id: 5, '@timestamp': 4000, k: 'b', step: 2 },
    ];
    const q = compile('sequence by k with maxspan=5s [any where step == 1] [any where step == 2] until [any where stop == true]');
    const hits = q.search(evs);
    expect(q.kind).toBe('sequence');
    expect(ids(hits)).toEqual([[1, 3]]);
    expect(hits[0]!.kind === 'sequence' && hits[0]!.joinKeys).toEqual(['a']);
    expect(ids(compile('sequence by k with maxspan=1s [any where step == 1] [any where step == 2]').search(evs))).toEqual([]);
  });
  it('expands runs and places missing events', () => {
    const evs = [1, 2, 3, 4].map((i) => ({ id: i, '@timestamp': i * 1000, c: i === 3 ? 'm' : 'n' }));
    // Event 2 ends one sequence and starts the next.
    expect(ids(compile('sequence [any where c == "n"] with runs=2').search(evs))).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect(ids(compile('sequence with maxspan=10s [any where c == "n"] ![any where c == "m"] [any where c == "n"]').search(evs))).toEqual([
      [1, -1, 2],
    ]);
  });
  it('samples by key with max_samples_per_key', () => {
    const evs = [
      { id: 1, h: 'x', t: 'a' },
      { id: 2, h: 'x', t: 'a' },
      { id: 3, h: 'x', t: 'b' },
      { id: 4, h: 'w', t: 'b' },
    ];
    const q = compile('sample by h [any where t == "a"] [any where t == "b"]');
    expect(q.kind).toBe('sample');
    expect(ids(q.search(evs))).toEqual([[1, 3]]);
    expect(ids(q.search(evs, { maxSamplesPerKey: 2 }))).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });
  it('accepts a parsed statement', () => {
    const q = compile('any where true');
    expect(compile(q.statement).search(events)).toHaveLength(4);
  });
});

describe('stream()', () => {
  it('emits event hits from push at once and counts what it sees', () => {
    const s = compile('process where true').stream();
    expect(ids(s.push(events[0]!))).toEqual([1]);
    expect(s.push(events[2]!)).toEqual([]);
    expect(s.stats.eventsSeen).toBe(2);
    expect(s.flush()).toEqual([]);
  });
  it('holds tail pipes until flush', () => {
    const s = compile('any where true | tail 1').stream();
    for (const e of events) expect(s.push(e)).toEqual([]);
    expect(ids(s.flush())).toEqual([4]);
  });
  it('reads an event object afresh when it is changed and pushed again', () => {
    const s = compile('sequence by u [any where a == "x"] [any where a == "y"]').stream();
    const e: Record<string, unknown> = { a: 'x', u: 'k', '@timestamp': 1 };
    expect(s.push(e)).toEqual([]);
    e.a = 'y';
    e['@timestamp'] = 2;
    expect(s.push(e)).toHaveLength(1);
  });
  it('refuses events after flush', () => {
    const s = compile('any where true').stream();
    s.flush();
    expect(() => s.push(events[0]!)).toThrow();
  });
  it('puts slightly late events back in order and counts events later than the window', () => {
    const q = compile('sequence [any where c == 1] [any where c == 2]');
    const s = q.stream({ allowedLatenessMs: 1000 });
    const out: Hit[] = [];
    out.push(...s.push({ id: 'b', '@timestamp': 2000, c: 2 }));
    out.push(...s.push({ id: 'a', '@timestamp': 1500, c: 1 }));
    out.push(...s.push({ id: 'c', '@timestamp': 9000, c: 2 }));
    out.push(...s.push({ id: 'late', '@timestamp': 100, c: 1 }));
    out.push(...s.flush());
    // The late event is still evaluated, at once: it starts a sequence that `c` (held) completes.
    expect(ids(out)).toEqual([
      ['a', 'b'],
      ['late', 'c'],
    ]);
    expect(s.stats.lateEvents).toBe(1);
  });
  it('drops partial sequences older than maxspan as time advances', () => {
    const s = compile('sequence by k with maxspan=1s [any where c == 1] [any where c == 2]').stream();
    for (let i = 0; i < 1000; i++) {
      s.push({ '@timestamp': i * 100, k: `k${i}`, c: 1 });
      // Swept once per maxspan of event time: at most two maxspans' worth are held.
      expect(s.stats.pending).toBeLessThanOrEqual(21);
    }
    expect(s.stats.droppedPartials).toBeGreaterThan(900);
  });
  it('emits a sequence with a trailing missing term once maxspan has passed', () => {
    const s = compile('sequence with maxspan=1s [any where c == 1] ![any where c == 2]').stream();
    expect(s.push({ id: 1, '@timestamp': 0, c: 1 })).toEqual([]);
    expect(ids(s.push({ id: 9, '@timestamp': 5000, c: 0 }))).toEqual([[1, -1]]);
  });
});
