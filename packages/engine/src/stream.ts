/**
 * Streaming evaluation: events are pushed one at a time and hits come out as soon as they are
 * decided.
 *
 * What streaming assumes about order: events arrive in time order (timestamp, then tiebreaker),
 * or at most `allowedLatenessMs` behind the newest timestamp seen; such events are buffered and
 * put back in place before evaluation. An event further behind is still evaluated, at once, and
 * counted in `stats.lateEvents`: results involving it may differ from `search()` over the same
 * events. With a window of 0 nothing is buffered and events at equal timestamps are taken in
 * arrival order. Only events that match some term are ordered and counted (others cannot change
 * a result), which is also why their timestamps are the only ones parsed. With `trustOrder` (the
 * caller guarantees order, so lateness is not measured) a match that cannot change the state
 * either (a later-stage event while no partial waits for its key) is dropped as early. Events must not be changed after `push` while a window holds them.
 *
 * Memory: partial sequences whose first event is older than maxspan are dropped as time
 * advances (`stats.expiredPartials`); `maxPendingPerKey` and `maxPendingTotal` bound partial
 * sequences (and events held for samples), and what they give up is counted apart
 * (`stats.cappedPartials`), since it can cost results. `maxPendingTotal` defaults to
 * {@link DEFAULT_MAX_PENDING_TOTAL}, so memory is bounded by default; a sequence key holds at
 * most one partial per stage, so `maxPendingPerKey` has no default.
 *
 * `flush()` ends the input: it releases the reorder buffer and emits what only the end can
 * decide (tail pipes, samples, sequences waiting on a trailing missing term).
 */
import type { EqlEvent } from './event.js';
import type { Ordinal } from './order.js';
import { compareOrdinals } from './order.js';
import type { Limit } from './pipes.js';
import { applyLimits, StreamLimiter } from './pipes.js';
import type { EventRecord, Hit, Processor, ProcessorOptions, QueryPlan } from './query.js';
import { ReorderBuffer } from './reorder.js';
import type { LineText } from './sequence.js';
import type { Toucher } from './fast-path.js';

/** Partial sequences (or sample events) a stream holds at most unless told otherwise. */
export const DEFAULT_MAX_PENDING_TOTAL = 1_000_000;

/** Counters of a stream. */
export interface StreamStats {
  /** Events pushed. */
  readonly eventsSeen: number;
  /** Matching events that arrived later than the reorder window allowed (evaluated anyway). */
  readonly lateEvents: number;
  /** Partial sequences (or sample events) given up, for any reason: `expiredPartials + cappedPartials`. */
  readonly droppedPartials: number;
  /** Partial sequences given up because they outlived maxspan (they could not complete: no loss). */
  readonly expiredPartials: number;
  /**
   * Partial sequences (or sample events) given up because `maxPendingPerKey` or
   * `maxPendingTotal` was reached: results they would have completed are lost.
   */
  readonly cappedPartials: number;
  /** Partial sequences, buffered events and held results now. */
  readonly pending: number;
}

export interface StreamOptions {
  /** Reorder window in milliseconds; 0 (default) = events must arrive in order. */
  readonly allowedLatenessMs?: number;
  /** Cap on partial sequences per join key (samples: events per filter and key). */
  readonly maxPendingPerKey?: number;
  /**
   * Cap on partial sequences in total (samples: events held); default
   * {@link DEFAULT_MAX_PENDING_TOTAL}. `Infinity` lifts it.
   */
  readonly maxPendingTotal?: number;
  /** Result limit, applied like the request `size` in the direction of the first pipe. */
  readonly size?: number;
  /** Direction of `size` when the query has no pipe (default `head`). */
  readonly resultPosition?: 'head' | 'tail';
  /** Samples per join key (default 1). */
  readonly maxSamplesPerKey?: number;
  /**
   * The caller guarantees time order (no reorder window needed, nothing is ever late). The stream
   * then drops a match that cannot change the state before its timestamp is read, which is
   * faster, but an out-of-order event is no longer noticed in `stats.lateEvents`. Default false.
   */
  readonly trustOrder?: boolean;
}

/** A running query. */
export interface QueryStream {
  /** Evaluates one event; returns the hits it decided. */
  push(event: EqlEvent): Hit[];
  /**
   * Evaluates `events` in order, as `push` of each would, and returns the hits they decided, in
   * order. Faster for events already held in memory (an array parsed earlier): the fields the
   * query reads of most events are read for a run of events first, so that their trips to main
   * memory overlap instead of being taken one event at a time.
   */
  pushBatch(events: readonly EqlEvent[]): Hit[];
  /** Ends the input; returns the remaining hits. The stream takes no events afterwards. */
  flush(): Hit[];
  readonly stats: StreamStats;
  /**
   * Sequences, for callers that keep a line unparsed until its turn: whether an event that can
   * match only positive stage `stage` (> 0, counting `runs` repeats), whose JSON line is `line`
   * (without `\u` or `\/` escapes), could change the state if pushed now. False only when no
   * partial waits at that stage under a key whose string values are all in the line, the stream
   * holding nothing back (no reorder window); true whenever it cannot tell (event queries,
   * samples, a reorder window, missing terms waiting on time).
   */
  awaitsLine?(stage: number, line: string): boolean;
  /**
   * For callers that keep a line unparsed until its turn and know which terms it may match (a
   * raw-line prefilter per term): whether an event that can match only written term `term` of a
   * sequence (`until` numbered after the terms), whose JSON line is `line` (without `\u` or `\/`
   * escapes; or a function giving it, called only if the state leaves the answer to the text),
   * could change the state or produce a result if pushed now. False only for a
   * trusted-order stream holding nothing back when the term is a later stage with no partial
   * waiting under a key whose string values are all in the line (and, given `ts`, within maxspan
   * of it), a trailing missing term no waiting candidate of such a key could be decided by
   * (another missing term: no partial or candidate could look at it), or `until` with nothing
   * pending; true whenever it cannot tell (event queries, samples, a first stage, a leading
   * missing term). While a result waits on time, `ts` (the line's timestamp) must be given and
   * not decide it. As with `trustOrder`, an
   * event pushed later than its time order may meet a state without what such a skipped event
   * would have left (a trailing missing term's event of another key).
   */
  awaitsTerm?(term: number, line: LineText, ts?: number): boolean;
}

/** Reads an event's ordinal. */
export type OrdinalReader = (event: EqlEvent, seq: number) => Ordinal;

/**
 * Events `pushBatch` reads ahead: enough for their reads to overlap, few enough that what they
 * bring in (a few cache lines each) is still in cache when they are evaluated.
 */
const TOUCH_RUN = 256;

/** Returned when an event decides nothing (frozen: shared between calls). */
const NONE: Hit[] = Object.freeze([]) as unknown as Hit[];

/** A stream over a plan. */
export class PlanStream<M> implements QueryStream {
  private readonly processor: Processor<M>;
  private readonly reorder: ReorderBuffer<EventRecord<M>> | undefined;
  private readonly limiter: StreamLimiter<Hit>;
  private readonly due: EventRecord<M>[] = [];
  private readonly produced: Hit[] = [];
  private seen = 0;
  private ended = false;
  /** What `touch` returned, kept so that its reads are not optimized away. */
  private touched = 0;
  private readonly passThrough: boolean;
  /** No reorder window: every event is evaluated as it arrives. */
  private readonly windowZero: boolean;
  /** The plan's `canSkip`, when this stream may use it (no reorder window). */
  private readonly skip: ((event: EqlEvent, processor: Processor<M>) => number) | undefined;

  constructor(
    private readonly plan: QueryPlan<M>,
    private readonly ordinalOf: OrdinalReader,
    limits: readonly Limit[],
    options: StreamOptions & ProcessorOptions = {},
    /** Gives the reader of the fields the plan needs of a run of events (see `pushBatch`). */
    private readonly toucher?: () => Toucher | undefined,
  ) {
    this.processor = plan.createProcessor({ ...options, maxPendingTotal: options.maxPendingTotal ?? DEFAULT_MAX_PENDING_TOTAL });
    this.reorder = plan.ordered ? new ReorderBuffer(options.allowedLatenessMs ?? 0) : undefined;
    // Dropping matches unread is only safe when lateness need not be measured.
    this.windowZero = (options.allowedLatenessMs ?? 0) === 0;
    this.passThrough = !plan.ordered || (options.trustOrder === true && this.windowZero);
    this.skip = this.passThrough ? plan.canSkip : undefined;
    this.limiter = new StreamLimiter(limits);
  }

  get stats(): StreamStats {
    return {
      eventsSeen: this.seen,
      lateEvents: this.reorder?.late ?? 0,
      droppedPartials: this.processor.dropped,
      expiredPartials: this.processor.dropped - this.processor.capped,
      cappedPartials: this.processor.capped,
      pending: (this.reorder?.pending ?? 0) + this.processor.pending + this.limiter.pending,
    };
  }

  awaitsLine(stage: number, line: string): boolean {
    const processor = this.processor;
    if (processor.waitsInText === undefined || !this.windowZero || processor.wantsClock || (this.reorder?.pending ?? 0) > 0) return true;
    return processor.waitsInText(stage, line);
  }

  awaitsTerm(term: number, line: LineText, ts?: number): boolean {
    const awaits = this.plan.awaitsText;
    const processor = this.processor;
    // Only a stream that drops moot matches unread may have them skipped: others count lateness.
    if (awaits === undefined || !this.passThrough || (this.reorder?.pending ?? 0) > 0) return true;
    // Waiting on time, any event that moves it past a deadline releases results where it stands.
    if (processor.wantsClock && (ts === undefined || processor.clockDecides?.(ts) !== false)) return true;
    return awaits(term, line, processor, ts);
  }

  push(event: EqlEvent): Hit[] {
    if (this.ended) throw new Error('push() after flush()');
    const seq = this.seen++;
    if (this.limiter.done) return NONE;
    // canSkip reads only what it needs (and resets the read memos itself before using them);
    // classify then runs only the terms its mask leaves.
    const skip = this.skip;
    let candidates: number | undefined;
    if (skip !== undefined && !this.processor.wantsClock) {
      candidates = skip(event, this.processor);
      if (candidates === 0) return NONE;
    }
    const match = this.plan.classify(event, candidates);
    const reorder = this.reorder;
    if (match === undefined) {
      if ((reorder && reorder.pending > 0) || this.processor.wantsClock) return this.tick(event, seq);
      return NONE;
    }
    // Without a reorder window the state is current, so a match that changes nothing (the common
    // case of a later-stage event with no partial) is dropped: before its timestamp is even read
    // when order is trusted, else once its lateness is counted.
    const moot = this.windowZero && !this.processor.wantsClock && this.processor.matters?.(match) === false;
    if (moot && this.passThrough) return NONE;
    const ordinal = this.ordinalOf(event, seq);
    if (this.plan.needsTimestamp && Number.isNaN(ordinal.ts)) return NONE;
    if (moot) {
      reorder?.observe(ordinal.ts);
      return NONE;
    }
    const record: EventRecord<M> = { event, match, ordinal };
    if (!reorder || this.windowZero) {
      // Without a window the buffer holds nothing: it only counts lateness and moves its time.
      reorder?.observe(ordinal.ts);
      this.processor.process(record, this.produced);
      return this.emit();
    }
    reorder.push(record, this.due);
    return this.evaluateDue();
  }

  pushBatch(events: readonly EqlEvent[]): Hit[] {
    const touch = this.toucher?.();
    let out: Hit[] = NONE;
    for (let start = 0; start < events.length; start += TOUCH_RUN) {
      const end = Math.min(events.length, start + TOUCH_RUN);
      if (touch !== undefined) {
        // Only a speed-up: an event whose reading throws (a getter, a proxy) is left to push.
        try {
          this.touched += touch(events, start, end);
        } catch {
          // push reads what it needs and reports what fails there.
        }
      }
      for (let i = start; i < end; i++) {
        const hits = this.push(events[i]!);
        if (hits.length === 0) continue;
        if (out === NONE) out = [];
        for (let h = 0; h < hits.length; h++) out.push(hits[h]!);
      }
    }
    return out;
  }

  flush(): Hit[] {
    if (this.ended) return NONE;
    this.ended = true;
    this.reorder?.flush(this.due);
    const out = [...this.evaluateDue()];
    this.processor.finish(this.produced);
    out.push(...this.emit());
    this.limiter.finish(out);
    return out;
  }

  /** An event that matched nothing still moves time forward. */
  private tick(event: EqlEvent, seq: number): Hit[] {
    const ts = this.ordinalOf(event, seq).ts;
    if (Number.isNaN(ts)) return NONE;
    const reorder = this.reorder;
    reorder?.advance(ts, this.due);
    const out = [...this.evaluateDue()];
    // Held events are still to be evaluated: the processor's clock stops short of them.
    this.processor.tick(reorder ? Math.min(ts, reorder.frontier) : ts, this.produced);
    out.push(...this.emit());
    return out.length > 0 ? out : NONE;
  }

  private evaluateDue(): Hit[] {
    if (this.due.length === 0) return NONE;
    for (const record of this.due) this.processor.process(record, this.produced);
    this.due.length = 0;
    return this.emit();
  }

  private emit(): Hit[] {
    if (this.produced.length === 0) return NONE;
    const out: Hit[] = [];
    for (const hit of this.produced) this.limiter.offer(hit, out);
    this.produced.length = 0;
    return out;
  }
}

/**
 * Batch evaluation: classify every event, sort the matching ones into evaluation order, run them
 * through the same processor a stream uses, then apply the limits.
 */
export function searchPlan<M>(
  plan: QueryPlan<M>,
  ordinalOf: OrdinalReader,
  events: Iterable<EqlEvent>,
  limits: readonly Limit[],
  options: ProcessorOptions = {},
): Hit[] {
  const processor = plan.createProcessor(options);
  const records: EventRecord<M>[] = [];
  let seq = 0;
  for (const event of events) {
    const match = plan.classify(event);
    if (match !== undefined) {
      const ordinal = ordinalOf(event, seq);
      if (!(plan.needsTimestamp && Number.isNaN(ordinal.ts))) records.push({ event, match, ordinal });
    }
    seq++;
  }
  if (plan.ordered) records.sort((a, b) => compareOrdinals(a.ordinal, b.ordinal));
  const hits: Hit[] = [];
  for (const record of records) processor.process(record, hits);
  processor.finish(hits);
  return applyLimits(hits, limits);
}
