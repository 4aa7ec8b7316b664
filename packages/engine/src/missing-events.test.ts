import fc from 'fast-check';
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

/** Term layouts as `P` (positive) and `!` (missing); placements follow from where each `!` sits. */
function layoutOf(pattern: string): { placements: MissingPlacement[]; layout: boolean[] } {
  const layout = [...pattern].map((c) => c === '!');
  const first = layout.indexOf(false);
  const last = layout.lastIndexOf(false);
  const placements: MissingPlacement[] = [];
  let positives = 0;
  layout.forEach((missing, i) => {
    if (!missing) positives++;
    else if (i < first) placements.push({ kind: 'leading' });
    else if (i > last) placements.push({ kind: 'trailing' });
    else placements.push({ kind: 'middle', before: positives - 1 });
  });
  return { placements, layout };
}

function filterFor(pattern: string, maxspan = 10): MissingEventsFilter {
  const { placements, layout } = layoutOf(pattern);
  return new MissingEventsFilter(placements, layout, maxspan);
}

describe('missing-event terms, decided as EQL-SEMANTICS 5.3 states', () => {
  it('counts missing events recorded out of order', () => {
    const f = filterFor('P!P');
    const out: MissingAwareResult[] = [];
    f.record(0, [K], 7, out);
    f.record(0, [K], 3, out);
    f.candidate(cand(1, 5), out);
    f.candidate(cand(4, 9), out);
    f.candidate(cand(7, 9), out);
    expect(ids(out)).toEqual([[7, -1, 9]]);
  });

  it('keeps every missing event of a key, not just the latest', () => {
    const f = filterFor('P!P');
    const out: MissingAwareResult[] = [];
    f.record(0, [K], 5, out);
    f.record(0, [K], 20, out);
    f.candidate(cand(1, 9), out);
    f.candidate(cand(0, 2), out);
    expect(ids(out)).toEqual([[0, -1, 2]]);
  });

  it('a middle event before the earlier neighbour does not reject', () => {
    const f = filterFor('P!P');
    const out: MissingAwareResult[] = [];
    f.record(0, [K], 0, out);
    f.candidate(cand(1, 9), out);
    expect(ids(out)).toEqual([[1, -1, 9]]);
  });

  it('takes the latest event of several leading terms', () => {
    // L = 3 (not 1): 12 - 3 <= maxspan, so the pattern could have completed: rejected.
    const f = filterFor('!!PP');
    const out: MissingAwareResult[] = [];
    f.record(0, [K], 3, out);
    f.record(1, [K], 1, out);
    f.record(1, [K], 7, out);
    f.candidate(cand(5, 12), out);
    expect(out).toEqual([]);
    // L = 1 only: 12 - 1 > maxspan, accepted.
    const g = filterFor('!!PP');
    g.record(1, [K], 1, out);
    g.candidate(cand(5, 12), out);
    expect(ids(out)).toEqual([[-1, -1, 5, 12]]);
  });

  it('leading only: rejects when last - L <= maxspan', () => {
    const f = filterFor('!PP');
    const out: MissingAwareResult[] = [];
    f.record(0, [K], 0, out);
    f.candidate(cand(5, 10), out);
    f.candidate(cand(5, 11), out);
    expect(ids(out)).toEqual([[-1, 5, 11]]);
  });

  it('leading and trailing: accepted at once without a leading event, else decided by T - L > maxspan', () => {
    const { placements, layout } = layoutOf('!P!');
    const out: MissingAwareResult[] = [];
    const f = new MissingEventsFilter(placements, layout, 10);
    f.advance(3, out);
    f.candidate(cand(3), out);
    expect(ids(out)).toEqual([[-1, 3, -1]]);
    expect(f.waiting).toBe(0);

    // L = 0, T = 12: 12 - 0 > 10, accepted (though last - L = 3 is within maxspan).
    const g = new MissingEventsFilter(placements, layout, 10);
    const out2: MissingAwareResult[] = [];
    g.advance(0, out2);
    g.record(0, [K], 0, out2);
    g.advance(3, out2);
    g.candidate(cand(3), out2);
    expect(g.waiting).toBe(1);
    g.record(1, [K], 12, out2);
    expect(ids(out2)).toEqual([[-1, 3, -1]]);

    // L = 0, T = 10: rejected.
    const h = new MissingEventsFilter(placements, layout, 10);
    const out3: MissingAwareResult[] = [];
    h.advance(0, out3);
    h.record(0, [K], 0, out3);
    h.advance(3, out3);
    h.candidate(cand(3), out3);
    h.advance(10, out3);
    h.record(1, [K], 10, out3);
    h.finish(out3);
    expect(out3).toEqual([]);
  });

  it('leading and trailing: the wait ends maxspan after L, not after the first positive event', () => {
    const f = filterFor('!P!');
    const out: MissingAwareResult[] = [];
    f.advance(0, out);
    f.record(0, [K], 0, out);
    f.advance(5, out);
    f.candidate(cand(5), out);
    f.advance(10, out);
    expect(out).toEqual([]);
    // Past L + maxspan any trailing event is too late to reject.
    f.advance(11, out);
    expect(ids(out)).toEqual([[-1, 5, -1]]);
    // Decided at once when the candidate completes past L + maxspan.
    const g = filterFor('!P!');
    g.advance(0, out);
    g.record(0, [K], 0, out);
    g.advance(12, out);
    g.candidate(cand(12), out);
    expect(ids(out)).toEqual([
      [-1, 5, -1],
      [-1, 12, -1],
    ]);
  });

  it('trailing: a trailing event exactly maxspan after the first one still rejects; the deadline is exclusive', () => {
    const f = filterFor('P!');
    const out: MissingAwareResult[] = [];
    f.advance(0, out);
    f.candidate(cand(0), out);
    f.advance(10, out);
    expect(f.waiting).toBe(1);
    f.record(0, [K], 10, out);
    f.finish(out);
    expect(out).toEqual([]);
  });

  it('trailing: judged by T - first, not T + first', () => {
    const f = filterFor('PP!');
    const out: MissingAwareResult[] = [];
    f.advance(6, out);
    f.candidate(cand(6, 8), out);
    f.advance(9, out);
    f.record(0, [K], 9, out);
    f.finish(out);
    expect(out).toEqual([]);
  });

  it('trailing: only a later event of the same key counts, one of a multi-valued key included', () => {
    const f = filterFor('PP!');
    const out: MissingAwareResult[] = [];
    f.candidate(cand(0, 5), out);
    // Same time as the last positive event: not after it.
    f.record(0, [K], 5, out);
    f.record(0, [['other']], 6, out);
    expect(f.waiting).toBe(1);
    f.record(0, [['other'], K], 7, out);
    expect(f.waiting).toBe(0);
    f.finish(out);
    expect(out).toEqual([]);
  });

  it('trailing: record alone decides, by the event time', () => {
    const f = filterFor('P!');
    const out: MissingAwareResult[] = [];
    f.candidate(cand(0), out);
    f.record(0, [K], 11, out);
    expect(ids(out)).toEqual([[0, -1]]);
  });

  it('only trailing terms settle waiting candidates: a middle event does not', () => {
    const f = filterFor('P!P!');
    const out: MissingAwareResult[] = [];
    f.candidate(cand(0, 5), out);
    f.record(0, [K], 7, out);
    expect(f.waiting).toBe(1);
    f.finish(out);
    expect(ids(out)).toEqual([[0, -1, 5, -1]]);
  });

  it('a verdict once given stays, even while an earlier candidate still waits', () => {
    const f = filterFor('PP!', 20);
    const out: MissingAwareResult[] = [];
    const a = (...times: number[]): SequenceCandidate => ({ key: ['a'], events: times.map((t) => ({ t })), times });
    const b = (...times: number[]): SequenceCandidate => ({ key: ['b'], events: times.map((t) => ({ t })), times });
    f.advance(20, out);
    f.candidate(a(6, 20), out);
    f.advance(21, out);
    f.candidate(b(3, 21), out);
    f.advance(22, out);
    f.record(0, [['b']], 22, out); // rejects b: 22 - 3 <= 20
    f.advance(26, out);
    f.record(0, [['b']], 26, out); // would accept b, but b is decided
    expect(f.waiting).toBe(2);
    f.finish(out);
    expect(ids(out)).toEqual([[6, 20, -1]]);
  });

  it('takes the earliest event of several trailing terms, whatever the term order', () => {
    for (const [t0, t1] of [
      [8, 20],
      [20, 8],
    ]) {
      const f = filterFor('PP!!');
      const out: MissingAwareResult[] = [];
      f.record(0, [K], t0!, out);
      f.record(1, [K], t1!, out);
      // Candidates handed over late (after the trailing events) are decided at once.
      f.candidate(cand(0, 5), out);
      expect(f.waiting).toBe(0);
      expect(out).toEqual([]);
    }
    const f = filterFor('PP!!');
    const out: MissingAwareResult[] = [];
    f.record(1, [K], 20, out);
    f.candidate(cand(0, 5), out);
    expect(ids(out)).toEqual([[0, 5, -1, -1]]);
  });

  it('a candidate handed over past its deadline is decided at once, at the deadline exclusive', () => {
    const f = filterFor('P!');
    const out: MissingAwareResult[] = [];
    f.advance(20, out);
    f.candidate(cand(5), out);
    expect(ids(out)).toEqual([[5, -1]]);
    const g = filterFor('P!');
    const out2: MissingAwareResult[] = [];
    g.advance(10, out2);
    g.candidate(cand(0), out2);
    expect(g.waiting).toBe(1);
    g.record(0, [K], 10, out2);
    g.finish(out2);
    expect(out2).toEqual([]);
  });

  it('ignores a clock that goes back', () => {
    const f = filterFor('P!');
    const out: MissingAwareResult[] = [];
    f.advance(30, out);
    f.advance(20, out);
    f.candidate(cand(15), out);
    expect(ids(out)).toEqual([[15, -1]]);
  });

  it('counts kept events and waiting candidates, and forgets events maxspan behind the clock', () => {
    const f = filterFor('P!P!');
    const out: MissingAwareResult[] = [];
    expect(f.pending).toBe(0);
    f.advance(0, out);
    f.record(0, [K], 0, out);
    f.record(0, [K, ['x']], 2, out);
    expect(f.pending).toBe(3);
    f.candidate(cand(3, 4), out);
    expect(f.pending).toBe(4);
    f.advance(11, out);
    f.record(1, [K], 11, out);
    // 0 is forgotten; the candidate got its trailing event and left.
    expect(f.pending).toBe(3);
    expect(out).toEqual([]);
    f.advance(100, out);
    expect(f.pending).toBe(0);
  });

  it('keeps events forever without a maxspan', () => {
    const f = filterFor('P!P', Number.POSITIVE_INFINITY);
    const out: MissingAwareResult[] = [];
    f.advance(0, out);
    f.record(0, [K], 0, out);
    f.advance(1e9, out);
    expect(f.pending).toBe(1);
    f.candidate(cand(-1, 1e9), out);
    expect(out).toEqual([]);
  });
});

describe('missing-event terms against a plain reading of EQL-SEMANTICS 5.3 (fast-check)', () => {
  interface Step {
    readonly ts: number;
    /** Missing events at this time: term index and key. */
    readonly missing: readonly { term: number; keys: string[] }[];
    /** A candidate completing at this time: its key and its earlier positive times (offsets back). */
    readonly candidate?: { key: string; back: number[] };
  }

  /** Accepted candidates, in completion order, knowing every event (later ones included). */
  function expected(pattern: string, maxspan: number, steps: readonly Step[], candidates: readonly SequenceCandidate[]): SequenceCandidate[] {
    const { placements } = layoutOf(pattern);
    const events = steps.flatMap((s) => s.missing.flatMap((m) => m.keys.map((key) => ({ ts: s.ts, term: m.term, key }))));
    const of = (term: number, key: unknown) => events.filter((e) => e.term === term && e.key === key).map((e) => e.ts);
    const starts = placements.some((p) => p.kind === 'leading');
    const ends = placements.some((p) => p.kind === 'trailing');
    return candidates.filter((c) => {
      const key = c.key[0];
      const first = c.times[0]!;
      const last = c.times[c.times.length - 1]!;
      let lead: number | undefined;
      let trail: number | undefined;
      for (const [i, p] of placements.entries()) {
        if (p.kind === 'middle' && of(i, key).some((ts) => ts > c.times[p.before]! && ts < c.times[p.before + 1]!)) return false;
        if (p.kind === 'leading') for (const ts of of(i, key)) if (ts < first && (lead === undefined || ts > lead)) lead = ts;
        if (p.kind === 'trailing') for (const ts of of(i, key)) if (ts > last && (trail === undefined || ts < trail)) trail = ts;
      }
      if (lead === undefined && trail === undefined) return true;
      if (starts && lead === undefined) return true;
      if (ends && trail === undefined) return true;
      if (starts && ends) return trail! - lead! > maxspan;
      if (starts) return last - lead! > maxspan;
      return trail! - first > maxspan;
    });
  }

  const pattern = fc
    .array(fc.constantFrom('P', '!'), { minLength: 2, maxLength: 5 })
    .map((cs) => cs.join(''))
    .filter((p) => p.includes('P') && p.includes('!'));

  it('releases exactly the accepted candidates, in completion order, and never one too early', () => {
    fc.assert(
      fc.property(
        pattern,
        fc.constantFrom(5, 10, Number.POSITIVE_INFINITY),
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 6 }),
            missing: fc.array(fc.record({ term: fc.nat(), keys: fc.subarray(['a', 'b'], { minLength: 1 }) }), { maxLength: 2 }),
            candidate: fc.option(fc.record({ key: fc.constantFrom('a', 'b'), back: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }) }), { nil: undefined }),
          }),
          { maxLength: 25 },
        ),
        (pattern, maxspan, raw) => {
          const { placements, layout } = layoutOf(pattern);
          const positives = layout.filter((m) => !m).length;
          let ts = 0;
          const steps: Step[] = raw.map((r) => ({ ts: (ts += r.gap), missing: r.missing.map((m) => ({ term: m.term % placements.length, keys: m.keys })), ...(r.candidate ? { candidate: r.candidate } : {}) }));
          const candidates: SequenceCandidate[] = [];
          const f = new MissingEventsFilter(placements, layout, maxspan);
          const out: MissingAwareResult[] = [];
          const released: SequenceCandidate[] = [];
          // Each result back to its candidate (same key, same event objects).
          const collect = () => {
            for (const r of out.splice(0)) {
              const positive = r.events.filter((e) => !('missing' in e));
              released.push(candidates.find((c) => c.key === r.key && c.events.every((e, i) => e === positive[i]))!);
            }
          };
          for (const step of steps) {
            f.advance(step.ts, out);
            for (const m of step.missing) f.record(m.term, m.keys.map((k) => [k]), step.ts, out);
            if (step.candidate) {
              // Positive times ascending, ending now, within maxspan of the first.
              const span = Math.min(maxspan, 20);
              let t = step.ts;
              const times = [t];
              for (const b of step.candidate.back.slice(0, positives - 1)) times.unshift((t = Math.max(step.ts - span, t - b)));
              const c: SequenceCandidate = { key: [step.candidate.key], events: times.map((time) => ({ time })), times };
              candidates.push(c);
              f.candidate(c, out);
            }
            collect();
            const want = expected(pattern, maxspan, steps, candidates);
            expect(want.slice(0, released.length)).toEqual(released);
          }
          f.finish(out);
          collect();
          expect(released).toEqual(expected(pattern, maxspan, steps, candidates));
          expect(f.waiting).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
