import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import type { EqlEvent } from './event.js';
import { compileToucher } from './fast-path.js';
import type { Hit } from './query.js';
import type { StreamOptions } from './stream.js';

/** Field values, some of layouts the plain readers leave to the general one. */
const valueArb = fc.oneof(
  { arbitrary: fc.constantFrom('x', 'y', 'z'), weight: 6 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constant(['x', 'y']), weight: 1 },
  { arbitrary: fc.constant(7), weight: 1 },
);
const keyArb = fc.oneof({ arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 6 }, fc.constant(null), fc.constant(['a', 'b']));

/** Events in time order (some without a timestamp, some not objects at all), nested or dotted. */
const eventsArb = fc
  .array(
    fc.record({
      dt: fc.integer({ min: 0, max: 3 }),
      action: valueArb,
      key: keyArb,
      dotted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      odd: fc.integer({ min: 0, max: 40 }),
    }),
    { minLength: 1, maxLength: 700, size: 'max' },
  )
  .map((rows) => {
    let t = 0;
    return rows.map((r, id): EqlEvent => {
      t += r.dt * 1000;
      if (r.odd === 0) return (id % 2 === 0 ? null : ['not', 'an', 'event']) as unknown as EqlEvent;
      const ts = r.odd === 1 ? {} : { '@timestamp': new Date(Date.UTC(2026, 2, 2) + t).toISOString() };
      return r.dotted ? { ...ts, id, 'event.action': r.action, 'user.name': r.key } : { ...ts, id, event: { action: r.action }, user: { name: r.key } };
    });
  });

const queries = [
  'sequence by user.name with maxspan=5s [any where event.action == "x"] [any where event.action == "y"] [any where event.action == "z"]',
  'sequence by user.name [any where event.action == "x"] with runs=2 [any where event.action == "y"] until [any where event.action == "z"]',
  'sequence by user.name with maxspan=4s [any where event.action == "x"] ![any where event.action == "y"] [any where event.action == "z"]',
  'sequence with maxspan=3s [any where event.action == "y"] [any where event.action : "z"]',
  'any where event.action in ("x", "z") | tail 3',
  'any where event.action == "y" | head 5',
  'sample by user.name [any where event.action == "x"] [any where event.action == "y"]',
];

const ids = (hits: Hit[]) =>
  hits.map((h) => (h.kind === 'event' ? h.event.id : [h.kind, h.joinKeys, h.events.map((e) => ('missing' in e ? 'missing' : e.id))]));

describe('QueryStream.pushBatch', () => {
  it('gives what push of each event gives, in order, with the same counters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...queries),
        eventsArb,
        fc.constantFrom<StreamOptions>({}, { trustOrder: true }, { allowedLatenessMs: 2000 }, { maxPendingTotal: 2 }),
        (query, events, options) => {
          const compiled = compile(query);
          const one = compiled.stream(options);
          const each: Hit[] = [];
          for (const e of events) each.push(...one.push(e));
          each.push(...one.flush());
          const all = compiled.stream(options);
          const batch = [...all.pushBatch(events), ...all.flush()];
          expect(ids(batch)).toEqual(ids(each));
          expect(all.stats).toEqual(one.stats);
        },
      ),
      // Runs of 256 events are read ahead: inputs go past two. Shrinking 700 events takes minutes.
      { numRuns: 150, endOnFailure: true },
    );
  });

  it('pushes an event whose fields cannot be read ahead as push would (the read-ahead only skips it)', () => {
    const compiled = compile('any where event.action == "x"');
    const hostile = Object.defineProperty({ '@timestamp': '2026-03-02T00:00:00Z' }, 'event', {
      enumerable: true,
      get() {
        throw new Error('no reading');
      },
    });
    const plain = { '@timestamp': '2026-03-02T00:00:01Z', event: { action: 'x' } };
    expect(() => compiled.stream().pushBatch([hostile])).toThrow('no reading');
    expect(() => compiled.stream().push(hostile)).toThrow('no reading');
    // The read-ahead of a run failing does not keep the other events from being evaluated.
    const stream = compiled.stream();
    expect(stream.pushBatch([plain, plain]).length).toBe(2);
  });

  it('takes no events after flush, as push', () => {
    const stream = compile('any where true').stream();
    stream.flush();
    expect(() => stream.pushBatch([{}])).toThrow('push() after flush()');
    expect(compile('any where true').stream().pushBatch([])).toEqual([]);
  });
});

describe('compileToucher', () => {
  it('reads the fields of a run of events without changing them, skipping what is not an object', () => {
    const touch = compileToucher([['event', 'action'], ['user', 'name'], ['@timestamp']]);
    expect(touch).toBeDefined();
    const events = [
      { '@timestamp': 'abcd', event: { action: 'xy' }, user: { name: 5 } },
      null,
      'text',
      { event: 'flat', user: null },
      { event: { action: ['x'] } },
    ] as unknown as EqlEvent[];
    const before = JSON.stringify(events);
    // 4 + 2 for the strings' lengths, 1 for the number, 1 for the array: over events 0 to 4.
    expect(touch!(events, 0, events.length)).toBe(8);
    expect(touch!(events, 1, 4)).toBe(0);
    expect(JSON.stringify(events)).toBe(before);
  });

  it('leaves out paths through Object.prototype names, and is undefined when none is left', () => {
    expect(compileToucher([['constructor'], ['a', '__proto__']])).toBeUndefined();
    expect(compileToucher([])).toBeUndefined();
    const touch = compileToucher([['constructor'], ['a']]);
    expect(touch!([{ a: 'xyz' }], 0, 1)).toBe(3);
  });
});
