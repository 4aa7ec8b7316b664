/**
 * Missing-event terms `![...]` (EQL-SEMANTICS 5.3). The state machine runs on the positive terms;
 * each candidate it completes is then tested against the events that matched the missing terms
 * (same join key):
 * - a missing term between positive terms p and q rejects the candidate when one of its events
 *   has a timestamp strictly between p's and q's;
 * - leading and trailing missing terms look at the latest event before the first positive event
 *   (L) and the earliest after the last one (T), and reject only when those events could have
 *   completed the whole pattern within maxspan.
 *
 * Middle and leading tests are decided when the candidate completes (their events are earlier).
 * A trailing test needs a later event, or time to pass beyond the point where any later event is
 * too late to matter; until then the candidate waits, and candidates behind it wait too so that
 * results keep completion order.
 */
import type { EqlEvent } from './event.js';
import type { KeyTuple } from './join-keys.js';
import { encodeKey } from './join-keys.js';
import { keyTexts, TEXT_SCAN_WAITING, textsIn, type LineText, type SequenceCandidate } from './sequence.js';

/** Where a missing term sits among the positive terms. */
export type MissingPlacement =
  | { readonly kind: 'leading' }
  | { readonly kind: 'trailing' }
  /** Between positive terms `before` and `before + 1` (indexes among positive terms). */
  | { readonly kind: 'middle'; readonly before: number };

/** A sequence result: positive events with placeholders where missing terms stand. */
export interface MissingAwareResult {
  readonly key: KeyTuple;
  readonly events: (EqlEvent | { missing: true })[];
}

interface Waiting {
  readonly candidate: SequenceCandidate;
  /** Latest leading event before the first positive event, if any. */
  readonly lead: number | undefined;
  /** Set when decided. */
  verdict?: boolean;
  /** Its key's strings as JSON writes them, made on the first `needsText` (see `keyTexts`). */
  texts?: (string | undefined)[];
}

const MISSING: { missing: true } = Object.freeze({ missing: true }) as { missing: true };

/** Sorted insert (events normally arrive in order, so this appends). */
function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i--;
  list.splice(i, 0, value);
}

/** Index of the first element > value. */
function upperBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element >= value. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Applies the missing-term tests to candidates and releases results in completion order. */
export class MissingEventsFilter {
  /** Per missing term: key -> ascending timestamps of its events. */
  private readonly history: Map<unknown, number[]>[];
  private readonly queue: Waiting[] = [];
  private readonly leading: number[] = [];
  private readonly trailing: number[] = [];
  private watermark = Number.NEGATIVE_INFINITY;
  private lastPrune = Number.NEGATIVE_INFINITY;

  /**
   * @param placements one per missing term, in the order terms are numbered by `record`
   * @param layout the full term list: `true` for a missing term, `false` for a positive one
   */
  constructor(
    private readonly placements: readonly MissingPlacement[],
    private readonly layout: readonly boolean[],
    private readonly maxspan: number,
  ) {
    this.history = placements.map(() => new Map());
    placements.forEach((p, i) => {
      if (p.kind === 'leading') this.leading.push(i);
      if (p.kind === 'trailing') this.trailing.push(i);
    });
  }

  /** Candidates waiting for a verdict (or for an earlier one's). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Events kept for the tests, and candidates waiting for a verdict. */
  get pending(): number {
    let n = this.queue.length;
    for (const h of this.history) for (const list of h.values()) n += list.length;
    return n;
  }

  /**
   * Whether an event of missing term `term`, taken now in time order, could change a verdict:
   * a leading term's always (a later candidate looks back at it); a middle term's only while
   * `partialsHeld` (a candidate's gap opens at a positive event already taken, so a partial holds
   * it now); a trailing term's only while a candidate waits (a later candidate looks only at
   * events after its own last one, which is no earlier than this).
   */
  needs(term: number, partialsHeld: boolean): boolean {
    const placement = this.placements[term]!;
    if (placement.kind === 'leading') return true;
    if (placement.kind === 'middle') return partialsHeld;
    return this.queue.length > 0;
  }

  /**
   * `needs`, for an event whose JSON line is `text` (without `\u` or `\/` escapes): a trailing
   * term's event decides only the waiting candidates of its own key (and no later candidate looks
   * at it: events in time order), so it matters only if some undecided candidate's key strings
   * (at the `textual` positions) are all in the line; past 32 such candidates it answers true
   * without looking. A candidate completed by a late event could have looked at it, as
   * `trustOrder` warns of late events.
   */
  needsText(term: number, partialsHeld: boolean, text: LineText, textual: readonly boolean[]): boolean {
    if (this.placements[term]!.kind !== 'trailing') return this.needs(term, partialsHeld);
    let undecided = 0;
    for (const w of this.queue) {
      if (w.verdict !== undefined) continue;
      if (++undecided > TEXT_SCAN_WAITING) return true;
      if (typeof text !== 'string') text = text();
      if (textsIn((w.texts ??= keyTexts(w.candidate.key, textual)), text)) return true;
    }
    return false;
  }

  /** Whether time reaching `ts` would decide a waiting candidate's trailing test (see `advance`). */
  decidesBy(ts: number): boolean {
    if (ts <= this.watermark) return false;
    for (const w of this.queue) if (w.verdict === undefined && ts - this.deadlineBase(w) > this.maxspan) return true;
    return false;
  }

  /** Records that an event at `ts` matched missing term `term` with these keys. */
  record(term: number, keys: readonly KeyTuple[], ts: number, out: MissingAwareResult[]): void {
    const h = this.history[term]!;
    for (const key of keys) {
      const encoded = encodeKey(key);
      let list = h.get(encoded);
      if (!list) h.set(encoded, (list = []));
      insertSorted(list, ts);
    }
    if (this.placements[term]!.kind === 'trailing') {
      for (const w of this.queue) {
        if (w.verdict !== undefined) continue;
        const c = w.candidate;
        if (ts > c.times[c.times.length - 1]! && keys.some((k) => encodeKey(k) === encodeKey(c.key))) {
          w.verdict = this.accept(c, w.lead, ts);
        }
      }
    }
    this.release(out);
  }

  /** Time has reached `ts`: decides the trailing tests no later event can change. */
  advance(ts: number, out: MissingAwareResult[]): void {
    if (ts <= this.watermark) return;
    this.watermark = ts;
    for (const w of this.queue) {
      if (w.verdict === undefined && ts - this.deadlineBase(w) > this.maxspan) w.verdict = this.accept(w.candidate, w.lead, undefined);
    }
    this.release(out);
    if (this.maxspan !== Number.POSITIVE_INFINITY && ts - this.lastPrune > this.maxspan) this.prune();
  }

  /** A candidate completed by the positive terms. */
  candidate(c: SequenceCandidate, out: MissingAwareResult[]): void {
    const encoded = encodeKey(c.key);
    const first = c.times[0]!;
    for (let i = 0; i < this.placements.length; i++) {
      const p = this.placements[i]!;
      if (p.kind !== 'middle') continue;
      const list = this.history[i]!.get(encoded);
      if (!list) continue;
      const from = c.times[p.before]!;
      const to = c.times[p.before + 1]!;
      const at = upperBound(list, from);
      if (at < list.length && list[at]! < to) return;
    }
    let lead: number | undefined;
    for (const i of this.leading) {
      const list = this.history[i]!.get(encoded);
      if (!list) continue;
      const at = lowerBound(list, first) - 1;
      if (at >= 0 && (lead === undefined || list[at]! > lead)) lead = list[at];
    }
    const w: Waiting = { candidate: c, lead };
    if (this.trailing.length === 0 || (this.leading.length > 0 && lead === undefined)) {
      w.verdict = this.accept(c, lead, undefined);
    }
    else {
      const last = c.times[c.times.length - 1]!;
      let trail: number | undefined;
      for (const i of this.trailing) {
        const list = this.history[i]!.get(encoded);
        if (!list) continue;
        const at = upperBound(list, last);
        if (at < list.length && (trail === undefined || list[at]! < trail)) trail = list[at];
      }
      if (trail !== undefined) w.verdict = this.accept(c, lead, trail);
      else if (this.watermark - this.deadlineBase(w) > this.maxspan) w.verdict = this.accept(c, lead, undefined);
    }
    this.queue.push(w);
    this.release(out);
  }

  /** End of input: no trailing event will come. */
  finish(out: MissingAwareResult[]): void {
    for (const w of this.queue) if (w.verdict === undefined) w.verdict = this.accept(w.candidate, w.lead, undefined);
    this.release(out);
  }

  /** Past `base + maxspan`, any later trailing event is too late to reject the candidate. */
  private deadlineBase(w: Waiting): number {
    return this.leading.length > 0 && w.lead !== undefined ? w.lead : w.candidate.times[0]!;
  }

  private accept(c: SequenceCandidate, lead: number | undefined, trail: number | undefined): boolean {
    const starts = this.leading.length > 0;
    const ends = this.trailing.length > 0;
    if (lead === undefined && trail === undefined) return true;
    if (starts && lead === undefined) return true;
    if (ends && trail === undefined) return true;
    const first = c.times[0]!;
    const last = c.times[c.times.length - 1]!;
    if (starts && ends) return trail! - lead! > this.maxspan;
    if (starts) return last - lead! > this.maxspan;
    return trail! - first > this.maxspan;
  }

  private release(out: MissingAwareResult[]): void {
    let n = 0;
    while (n < this.queue.length && this.queue[n]!.verdict !== undefined) {
      const w = this.queue[n]!;
      if (w.verdict) out.push({ key: w.candidate.key, events: this.withPlaceholders(w.candidate) });
      n++;
    }
    if (n > 0) this.queue.splice(0, n);
  }

  private withPlaceholders(c: SequenceCandidate): (EqlEvent | { missing: true })[] {
    const events: (EqlEvent | { missing: true })[] = [];
    let p = 0;
    for (const missing of this.layout) events.push(missing ? MISSING : c.events[p++]!);
    return events;
  }

  /** Forgets missing-term events older than any future candidate can look at. */
  private prune(): void {
    this.lastPrune = this.watermark;
    const horizon = this.watermark - this.maxspan;
    for (const h of this.history) {
      for (const [key, list] of h) {
        const keep = lowerBound(list, horizon);
        if (keep === list.length) h.delete(key);
        else if (keep > 0) list.splice(0, keep);
      }
    }
  }
}
