import { describe, expect, it } from 'vitest';
import type { MissingAwareResult, MissingPlacement } from './missing-events.js';
import { MissingEventsFilter } from './missing-events.js';
import type { SequenceCandidate } from './sequence.js';

const K = ['k'] as const;
const cand = (...times: number[]): SequenceCandidate => ({ key: K, events: times.map((t) => ({ t })), times });
const ids = (out: MissingAwareResult[]) => out.map((r) => r.events.map((e) => ('missing' in e ? -1 : (e as { t: number }).t)));

function filter(placements: MissingPlacement[], layout: boolean[], maxspan = 10): MissingEventsFilter {
  return new MissingEventsFilter(placements, layout, maxspan);
}

describe('missing-event terms', () => {
  it('rejects a candidate when a middle missing event falls strictly between its neighbours', () => {
    const f = filter([{ kind: 'middle', before: 0 }], [false, true, false]);
    const out: MissingAwareResult[] = [];
    f.record(0, [K], 5, out);
    f.candidate(cand(1, 9), out);
    f.candidate(cand(5, 9), out);
    f.candidate(cand(1, 5), out);
    expect(ids(out)).toEqual([
      [5, -1, 9],
      [1, -1, 5],
    ]);
  });
  it('ignores missing events of another key', () => {
    const f = filter([{ kind: 'middle', before: 0 }], [false, true, false]);
    const out: MissingAwareResult[] = [];
    f.record(0, [['other']], 5, out);
    f.candidate(cand(1, 9), out);
    expect(ids(out)).toEqual([[1, -1, 9]]);
  });
  it('accepts a leading missing event too old to complete the pattern within maxspan', () => {
    const f = filter([{ kind: 'leading' }], [true, false], 10);
    const out: MissingAwareResult[] = [];
    f.record(0, [K], 0, out);
    f.candidate(cand(10), out);
    f.candidate(cand(11), out);
    expect(ids(out)).toEqual([[-1, 11]]);
  });
  it('holds a trailing candidate until a later event or maxspan decides, keeping completion order', () => {
    const f = filter([{ kind: 'trailing' }], [false, true], 10);
    const out: MissingAwareResult[] = [];
    f.candidate(cand(0), out);
    f.candidate(cand(8), out);
    expect(out).toEqual([]);
    // Rejects the first (a trailing event 5 ms after it, within maxspan); the second ended at 8,
    // so this event is not after it, and it still waits.
    f.record(0, [K], 5, out);
    expect(out).toEqual([]);
    // Past 8 + maxspan no trailing event can reject the second any more.
    f.advance(19, out);
    expect(ids(out)).toEqual([[8, -1]]);
    expect(f.waiting).toBe(0);
  });
  it('accepts waiting candidates at the end of input', () => {
    const f = filter([{ kind: 'trailing' }], [false, true], 10);
    const out: MissingAwareResult[] = [];
    f.candidate(cand(0), out);
    f.finish(out);
    expect(ids(out)).toEqual([[0, -1]]);
  });
});
