/**
 * Query plans: what a compiled statement evaluates, split in two phases so that batch and
 * streaming share one implementation.
 * 1. `classify` runs the term predicates on an event. It depends on the event alone, so it runs
 *    on arrival, in any order; an event that matches no term (the vast majority) stops here and
 *    never needs its timestamp parsed.
 * 2. A `Processor` (one per search or stream) receives the classified events in evaluation order
 *    (time order for events and sequences, input order for samples) and produces hits.
 */
import type { EqlEvent } from './event.js';
import type { Prefilter } from './fast-path.js';
import type { KeyExtractor, KeyTuple } from './join-keys.js';
import type { MissingPlacement } from './missing-events.js';
import { MissingEventsFilter } from './missing-events.js';
import type { Ordinal } from './order.js';
import { SampleCollector } from './sample.js';
import type { LineText, SequenceCandidate, StageMatch } from './sequence.js';
import { SequenceMatcher } from './sequence.js';

/** A result: a matching event, or a sequence/sample with its join key values. */
export type Hit =
  | { readonly kind: 'event'; readonly event: EqlEvent }
  | {
      readonly kind: 'sequence' | 'sample';
      readonly joinKeys: unknown[];
      readonly events: (EqlEvent | { missing: true })[];
    };

/** A classified event with its place in the evaluation order. */
export interface EventRecord<M> {
  readonly event: EqlEvent;
  readonly match: M;
  readonly ordinal: Ordinal;
}

/** Evaluation state of one search or stream. */
export interface Processor<M> {
  /** Takes the next record in evaluation order. */
  process(record: EventRecord<M>, out: Hit[]): void;
  /** True while results wait for time to pass (then every event's timestamp is passed to `tick`). */
  readonly wantsClock: boolean;
  /** Time has reached `ts` through an event that matched nothing. */
  tick(ts: number, out: Hit[]): void;
  /**
   * False when a record with this match, taken now, would change no state and produce nothing
   * (a stream without reorder window then skips it). Absent: every match matters.
   */
  matters?(match: M): boolean;
  /**
   * Sequences: whether an event of this positive stage would find something to start or extend
   * (its keys, from `keys`, are read only if some partial waits at that stage).
   */
  waitsFor?(stage: number, keys: KeyExtractor, event: EqlEvent): boolean;
  /**
   * Sequences: whether an event of missing term `term` (numbered among missing terms), taken now,
   * could change a result (see `MissingEventsFilter.needs`).
   */
  missingMatters?(term: number): boolean;
  /**
   * Sequences: `missingMatters` for an event read from the JSON `text` (see
   * `MissingEventsFilter.needsText`).
   */
  missingInText?(term: number, text: LineText): boolean;
  /**
   * While `wantsClock`: whether an event at `ts`, whatever it matches, would release results by
   * moving time forward (false: it would only move it).
   */
  clockDecides?(ts: number): boolean;
  /**
   * Sequences: whether an event that can match only positive `stage`, read from the JSON `text`,
   * could find a partial to extend now (see `SequenceMatcher.waitsInText`).
   */
  waitsInText?(stage: number, text: LineText, ts?: number): boolean;
  /** End of input. */
  finish(out: Hit[]): void;
  /** Partial sequences, buffered events and waiting results held now. */
  readonly pending: number;
  /** Partials or events given up because of maxspan or a cap. */
  readonly dropped: number;
  /** The part of `dropped` given up because `maxPendingPerKey` or `maxPendingTotal` was reached. */
  readonly capped: number;
}

export interface ProcessorOptions {
  readonly maxPendingPerKey?: number;
  readonly maxPendingTotal?: number;
  readonly maxSamplesPerKey?: number;
}

/** What a compiled statement evaluates. */
export interface QueryPlan<M> {
  readonly kind: 'event' | 'sequence' | 'sample';
  /**
   * Runs the predicates; undefined when the event cannot affect any result. `candidates`, when
   * given, is what `canSkip` returned for this event just before: its prefilter mask (so neither
   * the prefilter nor the terms it rules out run again).
   */
  classify(event: EqlEvent, candidates?: number): M | undefined;
  /** Evaluate in time order (false: in input order, for samples). */
  readonly ordered: boolean;
  /** Events without a readable timestamp take no part. */
  readonly needsTimestamp: boolean;
  createProcessor(options: ProcessorOptions): Processor<M>;
  /**
   * 0 when the event cannot change this processor's state, decided before `classify` from the
   * prefilter's candidate terms (a stream without reorder window asks); otherwise the candidate
   * mask to hand to `classify` (bit i: term i may match; -1: any may).
   */
  canSkip?(event: EqlEvent, processor: Processor<M>): number;
  /**
   * Sequences, for a caller that holds a line unparsed until its turn: false when an event that
   * can match only written term `term` (`until` numbered after the terms), read from the JSON
   * `text` (without `\u` or `\/` escapes), would change nothing if taken now; `canSkip`'s test
   * over the line instead of the event (see `QueryStream.awaitsTerm`).
   */
  awaitsText?(term: number, text: LineText, processor: Processor<M>, ts?: number): boolean;
}

function noop(): void {}

/** A predicate over one event (category test included). */
export type EventTest = (event: EqlEvent) => boolean;

// ---------------------------------------------------------------------------------------------
// Event queries

/**
 * A cheap test that is false only for events no term can match, and the terms an event may match
 * (see fast-path.ts); plans run it before the terms.
 */
export type { Prefilter } from './fast-path.js';

/** Plan of `category where condition`: matching events in order. */
export function eventPlan(test: EventTest, prefilter?: Prefilter, nextEvent: () => void = noop): QueryPlan<true> {
  return {
    kind: 'event',
    ordered: true,
    needsTimestamp: false,
    classify: (event) => {
      if (prefilter && !prefilter.test(event)) return undefined;
      nextEvent();
      return test(event) ? true : undefined;
    },
    createProcessor: () => ({
      wantsClock: false,
      pending: 0,
      dropped: 0,
      capped: 0,
      process: (record, out) => {
        out.push({ kind: 'event', event: record.event });
      },
      tick: () => undefined,
      finish: () => undefined,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Sequences

/** One term of a sequence or sample as written (before `runs` expansion). */
export interface TermPlan {
  readonly test: EventTest;
  readonly keys: KeyExtractor;
  readonly missing: boolean;
  /** `with runs=N` (1 when absent). */
  readonly runs: number;
}

export interface SequencePlanInput {
  readonly terms: readonly TermPlan[];
  readonly until?: { readonly test: EventTest; readonly keys: KeyExtractor };
  /** Infinity when the sequence has no maxspan. */
  readonly maxspanMs: number;
  /** How join key values are reported (default: as compared). */
  readonly formatKeys?: (key: KeyTuple) => unknown[];
  /**
   * Per key position: true when every term's key there is its field's own value (not normalised
   * from other text), so a key string is written as such in the JSON of an event that has it.
   */
  readonly textualKeys?: readonly boolean[];
  readonly prefilter?: Prefilter;
  /**
   * Starts an event's evaluation: resets the per-event memos of field reads, so an event object
   * changed and pushed again is read afresh. Called once the prefilter has let the event in.
   */
  readonly nextEvent?: () => void;
}

/** What one event matched in a sequence. */
export interface SequenceMatch {
  readonly stages: readonly StageMatch[];
  readonly missing: readonly { readonly term: number; readonly keys: readonly KeyTuple[] }[];
  readonly until: readonly KeyTuple[] | undefined;
}

/**
 * The key tuples of one event for one term, read on first use: a match the state cannot use
 * (a later stage with no partial anywhere) is dropped without reading its keys.
 */
class LazyKeys {
  private cached: KeyTuple[] | undefined;

  constructor(
    private readonly extract: KeyExtractor,
    private readonly event: EqlEvent,
  ) {}

  get keys(): KeyTuple[] {
    return (this.cached ??= this.extract(this.event));
  }
}

/**
 * A stage (or missing term) match whose keys come from a shared `LazyKeys`; `stage` (and its
 * alias `term`, for missing terms) is the slot's index among positive (or missing) terms.
 */
class SlotMatch {
  constructor(
    readonly stage: number,
    private readonly source: LazyKeys,
  ) {}

  get keys(): KeyTuple[] {
    return this.source.keys;
  }

  get term(): number {
    return this.stage;
  }
}

/** No slot matched (shared, never changed). */
const NO_SLOTS: readonly SlotMatch[] = Object.freeze([]);

/** Where each expanded term goes: a positive stage index or a missing term index. */
interface Slot {
  readonly missing: boolean;
  readonly index: number;
}

/** Plan of a sequence: the 5.2 state machine, then the missing-term tests. */
export function sequencePlan(input: SequencePlanInput): QueryPlan<SequenceMatch> {
  const slots: Slot[][] = [];
  const layout: boolean[] = [];
  let positives = 0;
  let missings = 0;
  for (const term of input.terms) {
    const mine: Slot[] = [];
    for (let r = 0; r < term.runs; r++) {
      layout.push(term.missing);
      mine.push({ missing: term.missing, index: term.missing ? missings++ : positives++ });
    }
    slots.push(mine);
  }
  const placements: MissingPlacement[] = [];
  let seen = 0;
  for (const missing of layout) {
    if (!missing) seen++;
    else if (seen === 0) placements.push({ kind: 'leading' });
    else if (seen === positives) placements.push({ kind: 'trailing' });
    else placements.push({ kind: 'middle', before: seen - 1 });
  }
  const terms = input.terms;
  const until = input.until;

  // Terms sharing one predicate (same text) evaluate it once per event.
  const firstWithTest = terms.map((term) => terms.findIndex((other) => other.test === term.test));
  const verdicts: boolean[] = new Array<boolean>(terms.length).fill(false);
  // Positive and missing slots each term fills when it matches (`runs` repeats a term).
  const positiveSlots = slots.map((mine) => mine.filter((slot) => !slot.missing).length);
  const missingSlots = slots.map((mine) => mine.filter((slot) => slot.missing).length);

  const prefilter = input.prefilter;
  const nextEvent = input.nextEvent ?? noop;
  // Bit of the until term in the prefilter's masks: after the written terms.
  const untilBit = until && terms.length < 30 ? 1 << terms.length : 0;

  const classify = (event: EqlEvent, candidates = -1): SequenceMatch | undefined => {
    // With a mask from canSkip the prefilter has run and the event's generation has started.
    if (candidates === -1) {
      if (prefilter && !prefilter.test(event)) return undefined;
      nextEvent();
    }
    // First the verdicts and how many slots they fill, then lists of that size: an array grown
    // by push from one element reserves 17.
    let positive = 0;
    let negative = 0;
    for (let t = 0; t < terms.length; t++) {
      const first = firstWithTest[t]!;
      // A term the prefilter rules out is false, as is every term sharing its test.
      const matched = candidates !== -1 && (candidates & (1 << t)) === 0 ? false : first === t ? terms[t]!.test(event) : verdicts[first]!;
      verdicts[t] = matched;
      if (matched) {
        positive += positiveSlots[t]!;
        negative += missingSlots[t]!;
      }
    }
    let stages: readonly SlotMatch[] = NO_SLOTS;
    let missing: readonly SlotMatch[] = NO_SLOTS;
    if (positive + negative > 0) {
      const found = positive > 0 ? new Array<SlotMatch>(positive) : undefined;
      const lacking = negative > 0 ? new Array<SlotMatch>(negative) : undefined;
      let p = 0;
      let m = 0;
      let lastExtractor: KeyExtractor | undefined;
      let keys: LazyKeys | undefined;
      for (let t = 0; t < terms.length; t++) {
        if (!verdicts[t]) continue;
        const term = terms[t]!;
        // Terms with the same key fields share their extractor, and so the keys read.
        if (term.keys !== lastExtractor) {
          lastExtractor = term.keys;
          keys = new LazyKeys(term.keys, event);
        }
        const termSlots = slots[t]!;
        for (let i = 0; i < termSlots.length; i++) {
          const slot = termSlots[i]!;
          if (slot.missing) lacking![m++] = new SlotMatch(slot.index, keys!);
          else found![p++] = new SlotMatch(slot.index, keys!);
        }
      }
      if (found) stages = found;
      if (lacking) missing = lacking;
    }
    let untilKeys: KeyTuple[] | undefined;
    if (until && (candidates === -1 || (candidates & untilBit) !== 0) && until.test(event)) {
      const keys = until.keys(event);
      if (keys.length > 0) untilKeys = keys;
    }
    if (positive + negative === 0 && !untilKeys) return undefined;
    return { stages, missing, until: untilKeys };
  };

  const canSkip = prefilter
    ? (event: EqlEvent, processor: Processor<SequenceMatch>): number => {
        const mask = prefilter.candidates(event);
        if (mask === 0) return 0;
        // Key reads below (and classify's) go through memoized readers: start this event's generation.
        nextEvent();
        if (mask < 0 || (mask & untilBit && processor.pending > 0)) return mask;
        for (let t = 0; t < terms.length; t++) {
          if ((mask & (1 << t)) === 0) continue;
          const termSlots = slots[t]!;
          for (let i = 0; i < termSlots.length; i++) {
            const slot = termSlots[i]!;
            if (slot.missing) {
              // A missing-term event matters only while something could look at it.
              if (processor.missingMatters?.(slot.index) !== false) return mask;
              continue;
            }
            // Keys before the condition: a later-stage event whose key has no partial is moot.
            if (!processor.waitsFor || processor.waitsFor(slot.index, terms[t]!.keys, event)) return mask;
          }
        }
        return 0;
      }
    : undefined;

  const awaitsText = (term: number, text: LineText, processor: Processor<SequenceMatch>, ts?: number): boolean => {
    if (term === terms.length && until) return processor.pending > 0;
    const termSlots = slots[term];
    if (termSlots === undefined) return true;
    for (let i = 0; i < termSlots.length; i++) {
      const slot = termSlots[i]!;
      if (slot.missing) {
        if (processor.missingInText?.(slot.index, text) !== false) return true;
      } else if (!processor.waitsInText || processor.waitsInText(slot.index, text, ts)) return true;
    }
    return false;
  };

  return {
    kind: 'sequence',
    ordered: true,
    needsTimestamp: true,
    classify,
    ...(canSkip ? { canSkip } : {}),
    awaitsText,
    createProcessor: (options) =>
      new SequenceProcessor(positives, placements, layout, input.maxspanMs, input.formatKeys ?? ((key) => [...key]), input.textualKeys ?? [], options),
  };
}

class SequenceProcessor implements Processor<SequenceMatch> {
  private readonly matcher: SequenceMatcher;
  private readonly missing: MissingEventsFilter | undefined;
  private readonly candidates: SequenceCandidate[] = [];
  private readonly results: { key: KeyTuple; events: (EqlEvent | { missing: true })[] }[] = [];
  private position = 0;

  constructor(
    positives: number,
    placements: readonly MissingPlacement[],
    layout: readonly boolean[],
    maxspanMs: number,
    private readonly formatKeys: (key: KeyTuple) => unknown[],
    private readonly textualKeys: readonly boolean[],
    options: ProcessorOptions,
  ) {
    this.matcher = new SequenceMatcher({
      stages: positives,
      maxspanMs,
      maxPendingPerKey: options.maxPendingPerKey,
      maxPendingTotal: options.maxPendingTotal,
    });
    this.missing = placements.length > 0 ? new MissingEventsFilter(placements, layout, maxspanMs) : undefined;
  }

  get wantsClock(): boolean {
    return this.missing !== undefined && this.missing.waiting > 0;
  }

  get pending(): number {
    return this.matcher.pending + (this.missing?.pending ?? 0);
  }

  get dropped(): number {
    return this.matcher.dropped;
  }

  get capped(): number {
    return this.matcher.capped;
  }

  waitsFor(stage: number, keys: KeyExtractor, event: EqlEvent): boolean {
    return this.matcher.waitsFor(stage, keys, event);
  }

  waitsInText(stage: number, text: LineText, ts?: number): boolean {
    return this.matcher.waitsInText(stage, text, this.textualKeys, ts);
  }

  missingInText(term: number, text: LineText): boolean {
    return this.missing?.needsText(term, this.matcher.pending > 0, text, this.textualKeys) ?? true;
  }

  clockDecides(ts: number): boolean {
    return this.missing?.decidesBy(ts) ?? false;
  }

  missingMatters(term: number): boolean {
    return this.missing?.needs(term, this.matcher.pending > 0) ?? true;
  }

  matters(match: SequenceMatch): boolean {
    for (const m of match.missing) if (this.missingMatters(m.term)) return true;
    return this.matcher.matters(match.stages, match.until);
  }

  process(record: EventRecord<SequenceMatch>, out: Hit[]): void {
    const { event, match } = record;
    const ts = record.ordinal.ts;
    const missing = this.missing;
    if (missing) {
      missing.advance(ts, this.results);
      for (const m of match.missing) missing.record(m.term, m.keys, ts, this.results);
    }
    if (match.stages.length > 0 || match.until) {
      this.matcher.advance(event, ts, this.position++, match.stages, match.until, this.candidates);
    }
    if (this.candidates.length > 0) {
      for (const c of this.candidates) {
        if (missing) missing.candidate(c, this.results);
        else out.push({ kind: 'sequence', joinKeys: this.formatKeys(c.key), events: [...c.events] });
      }
      this.candidates.length = 0;
    }
    this.drain(out);
  }

  tick(ts: number, out: Hit[]): void {
    this.missing?.advance(ts, this.results);
    this.drain(out);
  }

  finish(out: Hit[]): void {
    this.missing?.finish(this.results);
    this.drain(out);
  }

  private drain(out: Hit[]): void {
    if (this.results.length === 0) return;
    for (const r of this.results) out.push({ kind: 'sequence', joinKeys: this.formatKeys(r.key), events: r.events });
    this.results.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Samples

/** What one event matched in a sample: filter index and key tuples, per filter. */
export type SampleMatch = { readonly filter: number; readonly keys: readonly KeyTuple[] }[];

/** Plan of a sample: events grouped by key, samples picked at the end. */
export function samplePlan(
  filters: readonly { readonly test: EventTest; readonly keys: KeyExtractor }[],
  prefilter?: Prefilter,
  nextEvent: () => void = noop,
): QueryPlan<SampleMatch> {
  return {
    kind: 'sample',
    ordered: false,
    needsTimestamp: false,
    classify: (event) => {
      if (prefilter && !prefilter.test(event)) return undefined;
      nextEvent();
      let match: SampleMatch | undefined;
      for (let f = 0; f < filters.length; f++) {
        const filter = filters[f]!;
        if (!filter.test(event)) continue;
        const keys = filter.keys(event);
        if (keys.length > 0) (match ??= []).push({ filter: f, keys });
      }
      return match;
    },
    createProcessor: (options) => {
      const collector = new SampleCollector({
        filters: filters.length,
        maxSamplesPerKey: options.maxSamplesPerKey,
        maxPendingPerKey: options.maxPendingPerKey,
        maxPendingTotal: options.maxPendingTotal,
      });
      return {
        wantsClock: false,
        get pending() {
          return collector.pending;
        },
        get dropped() {
          return collector.dropped;
        },
        get capped() {
          return collector.dropped;
        },
        process: (record, _out) => {
          for (const m of record.match) collector.add(m.filter, m.keys, record.event);
        },
        tick: () => undefined,
        finish: (out) => {
          const samples: { key: KeyTuple; events: readonly EqlEvent[] }[] = [];
          collector.finish(Number.POSITIVE_INFINITY, samples);
          for (const s of samples) out.push({ kind: 'sample', joinKeys: [...s.key], events: [...s.events] });
        },
      };
    },
  };
}
