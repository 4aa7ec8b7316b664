import { describe, expect, it } from 'vitest';
import type { EqlEvent } from './event.js';
import type { KeyTuple } from './join-keys.js';
import type { SequenceCandidate, SequenceMatcherOptions } from './sequence.js';
import { SequenceMatcher } from './sequence.js';

/** Feeds [ts, stage, key?, until?] rows and returns the completed sequences as ts lists. */
function run(options: SequenceMatcherOptions, rows: [number, number | undefined, string?, boolean?][]): number[][] {
  const matcher = new SequenceMatcher(options);
  const out: SequenceCandidate[] = [];
  rows.forEach(([ts, stage, key = 'k', until], seq) => {
    const keys: KeyTuple[] = [[key]];
    const event: EqlEvent = { ts };
    matcher.advance(event, ts, seq, stage === undefined ? [] : [{ stage, keys }], until ? keys : undefined, out);
  });
  return out.map((c) => [...c.times]);
}

describe('sequence state machine', () => {
  it('maxspan is inclusive and measured from the first event', () => {
    expect(run({ stages: 2, maxspanMs: 10 }, [[0, 0], [10, 1]])).toEqual([[0, 10]]);
    expect(run({ stages: 2, maxspanMs: 10 }, [[0, 0], [11, 1]])).toEqual([]);
  });
  it('a partial rejected by maxspan is gone, with the older ones', () => {
    expect(run({ stages: 2, maxspanMs: 10 }, [[0, 0], [11, 1], [12, 1]])).toEqual([]);
  });
  it('the most recent partial wins and older ones are discarded', () => {
    expect(run({ stages: 2, maxspanMs: Infinity }, [[1, 0], [2, 0], [3, 1], [4, 1]])).toEqual([[2, 3]]);
  });
  it('until between the last event and the next stage rejects, inclusive of the last event', () => {
    expect(run({ stages: 2, maxspanMs: Infinity }, [[1, 0], [2, undefined, 'k', true], [3, 1]])).toEqual([]);
    expect(run({ stages: 2, maxspanMs: Infinity }, [[1, 0, 'k', true], [3, 1]])).toEqual([]);
    expect(run({ stages: 2, maxspanMs: Infinity }, [[0, undefined, 'k', true], [1, 0], [3, 1]])).toEqual([[1, 3]]);
  });
  it('until of another key does not interfere', () => {
    expect(run({ stages: 2, maxspanMs: Infinity }, [[1, 0], [2, undefined, 'x', true], [3, 1]])).toEqual([[1, 3]]);
  });
  it('keys join separately', () => {
    expect(run({ stages: 2, maxspanMs: Infinity }, [[1, 0, 'a'], [2, 0, 'b'], [3, 1, 'a'], [4, 1, 'b']])).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
  it('a single positive stage completes at once', () => {
    expect(run({ stages: 1, maxspanMs: Infinity }, [[1, 0]])).toEqual([[1]]);
  });
  it('drops partials older than maxspan as time advances', () => {
    const matcher = new SequenceMatcher({ stages: 3, maxspanMs: 10 });
    const out: SequenceCandidate[] = [];
    for (let i = 0; i < 100; i++) matcher.advance({}, i * 5, i, [{ stage: 0, keys: [[`k${i}`]] }], undefined, out);
    expect(matcher.pending).toBeLessThanOrEqual(6);
    expect(matcher.dropped).toBeGreaterThan(90);
  });
  it('keeps the caps on pending partials, per key and in total', () => {
    const matcher = new SequenceMatcher({ stages: 4, maxspanMs: Infinity, maxPendingPerKey: 2, maxPendingTotal: 5 });
    const out: SequenceCandidate[] = [];
    for (let i = 0; i < 60; i++) {
      matcher.advance({}, i, i, [{ stage: i % 3, keys: [[`k${i % 7}`]] }], undefined, out);
      expect(matcher.pending).toBeLessThanOrEqual(5);
    }
    expect(matcher.dropped).toBeGreaterThan(0);
  });
});

/** A matcher fed by hand: `feed(ts, [[stage, key...], ...], untilKeys?)`. */
function machine(options: SequenceMatcherOptions) {
  const matcher = new SequenceMatcher(options);
  const out: SequenceCandidate[] = [];
  let seq = 0;
  const feed = (ts: number, matches: [number, ...string[]][], until?: string[]) => {
    matcher.advance({ ts }, ts, seq++, matches.map(([stage, ...keys]) => ({ stage, keys: keys.map((k) => [k]) })), until?.map((k) => [k]), out);
  };
  const done = () => out.map((c) => [c.key[0], ...c.times]);
  return { matcher, feed, done };
}

describe('sequence state machine: what an event could change', () => {
  const keysOf = (key: string) => () => [[key]];

  it('waitsFor: the first stage always, a later one only with a partial of that key at the stage before', () => {
    const { matcher, feed } = machine({ stages: 4, maxspanMs: Infinity });
    expect(matcher.waitsFor(0, keysOf('a'), {})).toBe(true);
    expect(matcher.waitsFor(1, keysOf('a'), {})).toBe(false);
    feed(1, [[0, 'a']]);
    expect(matcher.waitsFor(1, keysOf('a'), {})).toBe(true);
    expect(matcher.waitsFor(1, keysOf('b'), {})).toBe(false);
    expect(matcher.waitsFor(1, () => [['b'], ['a']], {})).toBe(true);
    expect(matcher.waitsFor(2, keysOf('a'), {})).toBe(false);
    feed(2, [[1, 'a']]);
    expect(matcher.waitsFor(2, keysOf('a'), {})).toBe(true);
    expect(matcher.waitsFor(1, keysOf('a'), {})).toBe(false);
  });

  it('matters: a first-stage match, a partial to extend, or an until event of a key with partials', () => {
    const { matcher, feed } = machine({ stages: 3, maxspanMs: Infinity });
    expect(matcher.matters([{ stage: 1, keys: [['a']] }], [['a']])).toBe(false);
    feed(1, [[0, 'a']]);
    expect(matcher.matters([{ stage: 0, keys: [['z']] }], undefined)).toBe(true);
    expect(matcher.matters([{ stage: 1, keys: [['a']] }], undefined)).toBe(true);
    expect(matcher.matters([{ stage: 1, keys: [['b']] }], [['b']])).toBe(false);
    expect(matcher.matters([{ stage: 2, keys: [['a']] }], undefined)).toBe(false);
    expect(matcher.matters([], [['a']])).toBe(true);
    expect(matcher.matters([], [['b'], ['a']])).toBe(true);
    expect(matcher.matters([], [['b']])).toBe(false);
  });

  it('forgets a key once its partials are gone: completed, dropped by a cap, or outlived maxspan', () => {
    const completed = machine({ stages: 2, maxspanMs: Infinity });
    completed.feed(1, [[0, 'a']]);
    completed.feed(2, [[0, 'b']]);
    completed.feed(3, [[1, 'b']]);
    expect(completed.done()).toEqual([['b', 2, 3]]);
    expect(completed.matcher.matters([], [['b']])).toBe(false);
    expect(completed.matcher.matters([], [['a']])).toBe(true);

    const swept = machine({ stages: 2, maxspanMs: 10 });
    swept.feed(0, [[0, 'a']]);
    swept.feed(20, [[0, 'b']]);
    expect(swept.matcher.pending).toBe(1);
    expect(swept.matcher.dropped).toBe(1);
    expect(swept.matcher.capped).toBe(0);
    expect(swept.matcher.matters([], [['a']])).toBe(false);
    expect(swept.matcher.waitsFor(1, keysOf('a'), {})).toBe(false);
  });
});

describe('sequence state machine: caps on pending partials', () => {
  it('replacing the partial of a stage does not count twice', () => {
    const { matcher, feed } = machine({ stages: 2, maxspanMs: Infinity });
    feed(1, [[0, 'a']]);
    feed(2, [[0, 'a']]);
    expect(matcher.pending).toBe(1);
  });

  it('per key, drops the partial with the oldest first event', () => {
    const { matcher, feed, done } = machine({ stages: 4, maxspanMs: Infinity, maxPendingPerKey: 1 });
    feed(1, [[0, 'k']]);
    feed(2, [[1, 'k']]);
    expect(matcher.pending).toBe(1);
    // [1,2] at stage 1 and [3] at stage 0: [1,2] is dropped.
    feed(3, [[0, 'k']]);
    expect(matcher.pending).toBe(1);
    expect(matcher.capped).toBe(1);
    expect(matcher.dropped).toBe(1);
    feed(4, [[1, 'k']]);
    expect(matcher.pending).toBe(1);
    feed(5, [[2, 'k']]);
    feed(6, [[3, 'k']]);
    expect(done()).toEqual([['k', 3, 4, 5, 6]]);
    expect(matcher.pending).toBe(0);
  });

  it('in total, drops partials of the least recently opened keys, only as many as needed', () => {
    const many = machine({ stages: 2, maxspanMs: Infinity, maxPendingTotal: 1 });
    many.feed(1, [[0, 'a']]);
    many.feed(2, [[0, 'b', 'c']]);
    expect(many.matcher.pending).toBe(1);
    expect(many.matcher.capped).toBe(2);
    expect(many.matcher.matters([], [['a']])).toBe(false);
    expect(many.matcher.matters([], [['b']])).toBe(false);
    many.feed(3, [[1, 'a', 'b', 'c']]);
    expect(many.done()).toEqual([['c', 2, 3]]);

    const one = machine({ stages: 3, maxspanMs: Infinity, maxPendingTotal: 1 });
    one.feed(1, [[0, 'k']]);
    one.feed(2, [[1, 'k']]);
    one.feed(3, [[0, 'k']]);
    expect(one.matcher.pending).toBe(1);
    expect(one.matcher.capped).toBe(1);
    one.feed(4, [[1, 'k']]);
    one.feed(5, [[2, 'k']]);
    expect(one.done()).toEqual([['k', 3, 4, 5]]);
  });
});
