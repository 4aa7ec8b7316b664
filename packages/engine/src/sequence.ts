/**
 * The sequence state machine (EQL-SEMANTICS 5.2) over the positive terms of a sequence, fed one
 * event at a time in ascending order.
 *
 * Per join key and per positive stage i (except the last) Elasticsearch keeps a list of partial
 * sequences whose last event matched stage i. An event matching stage i+1 takes the latest of them
 * and discards it *with every older one*, whatever happens next (maxspan or until may still reject
 * it). Since only the latest partial of a list can ever be taken, and taking it empties the list,
 * keeping just that latest partial per (key, stage) gives the same answers: state per key is at
 * most one partial per non-final stage.
 */
import type { EqlEvent } from './event.js';
import type { KeyExtractor, KeyTuple } from './join-keys.js';
import { encodeKey, NO_KEY, SEVERAL_KEYS } from './join-keys.js';

/** An event that matched positive stage `stage` with these key tuples (possibly read lazily). */
export interface StageMatch {
  readonly stage: number;
  readonly keys: readonly KeyTuple[];
}

/** A completed run of the positive stages, before missing terms are checked. */
export interface SequenceCandidate {
  readonly key: KeyTuple;
  readonly events: readonly EqlEvent[];
  /** Timestamps of `events`, same order. */
  readonly times: readonly number[];
}

interface PartialSequence {
  readonly events: EqlEvent[];
  readonly times: number[];
  /** Processing position of the last event, for the inclusive `until` test. */
  lastSeq: number;
}

interface KeyState {
  readonly key: KeyTuple;
  readonly slots: (PartialSequence | undefined)[];
  count: number;
  /** Processing position of the latest `until` event for this key (-1: none). */
  untilSeq: number;
  /** The key's values as JSON text (strings only), made on the first `waitsInText`. */
  texts?: (string | undefined)[];
}

/**
 * Bounds of `waitsInText`'s scan: past them it answers true (parse the line) rather than spend
 * more on the question than parsing costs.
 */
const TEXT_SCAN_KEYS = 256;
export const TEXT_SCAN_WAITING = 32;

/**
 * The key's string values (at textual positions) as JSON writes them, without the quotes (a
 * weaker test, still sound: a pattern ending in `"` skips poorly in JSON); undefined elsewhere.
 */
export function keyTexts(key: KeyTuple, textual: readonly boolean[]): (string | undefined)[] {
  return key.map((v, i) => (textual[i] === true && typeof v === 'string' && v.length > 0 ? JSON.stringify(v).slice(1, -1) : undefined));
}

/**
 * A line's JSON text, or a function giving it (called at most once, and only when the answer
 * depends on the text): a caller holding the line as bytes need not decode it when the state
 * alone decides (no partial waits).
 */
export type LineText = string | (() => string);

/** True when every text of `keyTexts` is in `text`. */
export function textsIn(texts: readonly (string | undefined)[], text: string): boolean {
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    if (t !== undefined && !text.includes(t)) return false;
  }
  return true;
}

/** True when every string value of `state`'s key (at a textual position) is in `text`. */
function keyInText(state: KeyState, text: string, textual: readonly boolean[]): boolean {
  return textsIn((state.texts ??= keyTexts(state.key, textual)), text);
}

export interface SequenceMatcherOptions {
  /** Number of positive stages (after `runs` expansion), at least 1. */
  readonly stages: number;
  /** Inclusive span from the first event, in milliseconds; Infinity when unbounded. */
  readonly maxspanMs: number;
  /** Partials kept per key; the oldest is dropped beyond it. */
  readonly maxPendingPerKey?: number;
  /** Partials kept in total; partials of the least recently opened keys are dropped beyond it. */
  readonly maxPendingTotal?: number;
}

/** The state machine; `advance` must be called in ascending event order. */
export class SequenceMatcher {
  private readonly keys = new Map<unknown, KeyState>();
  private readonly last: number;
  private readonly maxspan: number;
  private readonly perKeyCap: number;
  private readonly totalCap: number;
  private total = 0;
  /** Partials held per stage slot, over all keys. */
  private readonly perSlot: number[];
  private watermark = Number.NEGATIVE_INFINITY;
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** Partials dropped because they outlived maxspan or exceeded a cap. */
  dropped = 0;
  /** The part of `dropped` due to a cap (the rest outlived maxspan). */
  capped = 0;

  constructor(options: SequenceMatcherOptions) {
    this.last = options.stages - 1;
    this.maxspan = options.maxspanMs;
    this.perKeyCap = options.maxPendingPerKey ?? Number.POSITIVE_INFINITY;
    this.totalCap = options.maxPendingTotal ?? Number.POSITIVE_INFINITY;
    this.perSlot = new Array<number>(Math.max(0, this.last)).fill(0);
  }

  /** Partial sequences held now. */
  get pending(): number {
    return this.total;
  }

  /** Whether an event of this stage with these keys would start or extend a partial. */
  waitsFor(stage: number, keys: KeyExtractor, event: EqlEvent): boolean {
    if (stage === 0) return true;
    if (this.perSlot[stage - 1] === 0) return false;
    const single = keys.single;
    if (single !== undefined) {
      const key = single(event);
      if (key === NO_KEY) return false;
      if (key !== SEVERAL_KEYS) return this.keys.get(key)?.slots[stage - 1] !== undefined;
    }
    const tuples = keys(event);
    for (let i = 0; i < tuples.length; i++) if (this.keys.get(encodeKey(tuples[i]!))?.slots[stage - 1]) return true;
    return false;
  }

  /**
   * Whether an event that can match only positive `stage` (> 0), read from the JSON text `text`,
   * could find a partial to extend: some partial waits at that stage under a key whose string
   * values all appear in `text` as JSON writes them (`JSON.stringify`, without the quotes). Key positions
   * where `textual` is false (values normalised from other text, such as dates) impose nothing.
   * Sound for text without `\u` or `\/` escapes (which could write a value otherwise): the key
   * of an event is its own field's value, so an equal string is written that way in its line.
   * Given the event's timestamp `ts`, a partial it is past maxspan from does not count. Answers
   * true, without scanning, when many keys are held.
   */
  waitsInText(stage: number, text: LineText, textual: readonly boolean[], ts?: number): boolean {
    if (stage === 0) return true;
    const waiting = this.perSlot[stage - 1] ?? 0;
    if (waiting === 0) return false;
    if (waiting > TEXT_SCAN_WAITING || this.keys.size > TEXT_SCAN_KEYS) return true;
    // With the event's time: a partial it would find past maxspan cannot complete (it would
    // only be discarded now rather than swept later), so it does not count.
    const oldest = ts === undefined ? Number.NEGATIVE_INFINITY : ts - this.maxspan;
    for (const state of this.keys.values()) {
      const partial = state.slots[stage - 1];
      if (partial === undefined || partial.times[0]! < oldest) continue;
      if (typeof text !== 'string') text = text();
      if (keyInText(state, text, textual)) return true;
    }
    return false;
  }

  /**
   * False when an event matching only these stages would change nothing: every match is past the
   * first stage and finds no partial to extend, and no until key has partials. Such an event
   * needs no timestamp and no evaluation.
   */
  matters(matches: readonly StageMatch[], untilKeys: readonly KeyTuple[] | undefined): boolean {
    for (const match of matches) {
      if (match.stage === 0) return true;
      // Checked before the keys, which may not have been read yet.
      if (this.perSlot[match.stage - 1] === 0) continue;
      for (const key of match.keys) if (this.keys.get(encodeKey(key))?.slots[match.stage - 1]) return true;
    }
    if (untilKeys && this.total > 0) for (const key of untilKeys) if (this.keys.has(encodeKey(key))) return true;
    return false;
  }

  /**
   * Feeds one event. `matches` lists the positive stages it matched (any order); `untilKeys` the
   * key tuples it has as an `until` event, if it matched the until term. Completed candidates are
   * appended to `out` in completion order (ties in key order).
   */
  advance(
    event: EqlEvent,
    ts: number,
    seq: number,
    matches: readonly StageMatch[],
    untilKeys: readonly KeyTuple[] | undefined,
    out: SequenceCandidate[],
  ): void {
    if (ts > this.watermark) {
      this.watermark = ts;
      if (this.maxspan !== Number.POSITIVE_INFINITY && ts - this.lastSweep > this.maxspan) this.sweep();
    }
    // Highest stage first, so one event never fills two stages of the same partial.
    for (let m = matches.length - 1; m >= 0; m--) {
      const match = matches[m]!;
      for (const key of match.keys) this.step(match.stage, key, event, ts, seq, out);
    }
    if (untilKeys) {
      for (const key of untilKeys) {
        const state = this.keys.get(encodeKey(key));
        if (state) state.untilSeq = seq;
      }
    }
    if (this.total > this.totalCap) this.enforceTotalCap();
  }

  private step(stage: number, key: KeyTuple, event: EqlEvent, ts: number, seq: number, out: SequenceCandidate[]): void {
    if (stage === 0) {
      if (this.last === 0) {
        out.push({ key, events: [event], times: [ts] });
        return;
      }
      const state = this.stateFor(key);
      this.put(state, 0, { events: [event], times: [ts], lastSeq: seq });
      return;
    }
    const encoded = encodeKey(key);
    const state = this.keys.get(encoded);
    const partial = state?.slots[stage - 1];
    if (!state || !partial) return;
    state.slots[stage - 1] = undefined;
    state.count--;
    this.total--;
    this.perSlot[stage - 1]!--;
    const rejected = ts - partial.times[0]! > this.maxspan || state.untilSeq >= partial.lastSeq;
    if (!rejected) {
      partial.events.push(event);
      partial.times.push(ts);
      partial.lastSeq = seq;
      if (stage === this.last) out.push({ key, events: partial.events, times: partial.times });
      else this.put(state, stage, partial);
    }
    if (state.count === 0) this.keys.delete(encoded);
  }

  private stateFor(key: KeyTuple): KeyState {
    const encoded = encodeKey(key);
    let state = this.keys.get(encoded);
    if (!state) {
      state = { key, slots: new Array<PartialSequence | undefined>(this.last).fill(undefined), count: 0, untilSeq: -1 };
      this.keys.set(encoded, state);
    }
    return state;
  }

  private put(state: KeyState, slot: number, partial: PartialSequence): void {
    if (state.slots[slot] === undefined) {
      state.count++;
      this.total++;
      this.perSlot[slot]!++;
    }
    state.slots[slot] = partial;
    if (state.count > this.perKeyCap) this.dropOldest(state);
  }

  private dropOldest(state: KeyState): void {
    let oldest = -1;
    for (let i = 0; i < state.slots.length; i++) {
      const p = state.slots[i];
      if (p && (oldest < 0 || p.times[0]! < state.slots[oldest]!.times[0]!)) oldest = i;
    }
    state.slots[oldest] = undefined;
    state.count--;
    this.total--;
    this.perSlot[oldest]!--;
    this.dropped++;
    this.capped++;
  }

  private enforceTotalCap(): void {
    for (const [encoded, state] of this.keys) {
      if (this.total <= this.totalCap) break;
      while (state.count > 0 && this.total > this.totalCap) this.dropOldest(state);
      if (state.count === 0) this.keys.delete(encoded);
    }
  }

  /** Drops partials that can no longer complete within maxspan (every later event is later). */
  private sweep(): void {
    this.lastSweep = this.watermark;
    for (const [encoded, state] of this.keys) {
      for (let i = 0; i < state.slots.length; i++) {
        const p = state.slots[i];
        if (p && this.watermark - p.times[0]! > this.maxspan) {
          state.slots[i] = undefined;
          state.count--;
          this.total--;
          this.perSlot[i]!--;
          this.dropped++;
        }
      }
      if (state.count === 0) this.keys.delete(encoded);
    }
  }
}
