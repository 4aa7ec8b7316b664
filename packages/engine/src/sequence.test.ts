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
