import { compileRawPrefilter, parseTimestamp, type LineText, type RawLineFilter, type RawPrefilterSpec } from '@eqlkit/engine';
import { CliError, ExitCode } from '../cli-error.js';
import type { ByteCounter } from './byte-counter.js';
import { applyFieldConstants, type FieldConstant } from './field-constants.js';
import { DeferredLine, formatProblem, type InputItem, type InputProblem } from './input-item.js';
import { parseRecord, readEventBatches } from './read-events.js';
import { lineTimestamp } from './raw-timestamp.js';
import { utf8Text } from './byte-lines.js';
import { readField } from './read-field.js';
import { ReorderWindow, type ReorderOptions } from './reorder-window.js';
import { LineStore } from './line-store.js';
import type { LineRoute } from './line-routes.js';
import type { ThreadsMode } from './threaded-lines.js';

/** How events are read and ordered before evaluation. */
export interface PipelineOptions {
  readonly paths: readonly string[];
  readonly constants: readonly FieldConstant[];
  readonly timestampField: string;
  readonly tiebreakerField?: string;
  /**
   * Put events back in timestamp order before handing them on: a window, or `Infinity` for both
   * sizes to sort the whole input (`--sort`). Undefined passes events on as read (the consumer
   * reorders, as the engine's stream does).
   */
  readonly reorder?: ReorderOptions;
  /** `--strict`: the first bad record ends the run with exit 1. */
  readonly strict: boolean;
  /** Where problems are reported (stderr). */
  readonly report: (line: string) => void;
  /**
   * Raw-line prefilter of the query or rules: lines it rejects are counted as events but never
   * parsed (no term could match them). Not used with `--strict`, which validates every line.
   */
  readonly prefilter?: RawPrefilterSpec;
  /**
   * Called with each parsed event and its line's text (the raw-line router of `eql run`), and
   * the line's route when a worker thread routed it (`routing`).
   */
  readonly annotate?: (event: Record<string, unknown>, text: string, route?: LineRoute) => void;
  /**
   * `eql run`'s router at a held line's turn, before it is parsed (`route`: the line worker's):
   * the route `annotate` then gets, or undefined when no rule takes the line now (it counts as
   * read, unparsed, like a line the prefilter skips). Given the line as a function, so that a
   * line held as bytes is decoded only when some probe looks at its text. See `LineRouter.atTurn`.
   */
  readonly atTurn?: (text: LineText, route: LineRoute | undefined, ts: number) => LineRoute | undefined;
  /**
   * `eql run`'s router, for lines read on this thread (a line worker routes its own): a line
   * routed to no rule is counted as read and never parsed.
   */
  readonly route?: (text: string) => LineRoute;
  /** `eql run`'s routing specs: a line worker, when one reads, routes each line with them. */
  readonly routing?: readonly (RawPrefilterSpec | undefined)[];
  /**
   * Lines of a sequence's later stages (those `eager` rejects) are parsed at their turn only if
   * `matters` then says so (see DeferredLine).
   */
  readonly deferral?: LineDeferralHooks;
  /** `two` reads, cuts and prefilters plain NDJSON files on a worker thread (default `one`). */
  readonly threads?: ThreadsMode;
}

/** What the input looked like, for the closing summary. */
export interface PipelineStats {
  events: number;
  skippedRecords: number;
  fileProblems: number;
  late: number;
}

/** The single sequence rule's deferral, bound to its running stream (`lineDeferralFor`). */
export interface LineDeferralHooks {
  /** True when the line must be parsed now (it may match the first stage or `until`). */
  eager(text: string): boolean;
  /** At the line's turn: true when a partial sequence waits for it. */
  matters(text: string): boolean;
}

/** What the reorder window holds: parsed events and lines deferred until their turn. */
type Held = Record<string, unknown> | DeferredLine;

/** Consumes one ordered event; returns true to stop reading (`--size` reached). */
export type EventSink = (event: Record<string, unknown>) => boolean | Promise<boolean>;

/**
 * Called once the events of each chunk of input are handed on, and at the end: a sink that
 * gathers events into batches evaluates what it holds (so results never wait for more input
 * than the chunk already read). Returns true to stop reading, as the sink does.
 */
export type BatchEnd = () => boolean | Promise<boolean>;

/**
 * Reads every file, reports and skips bad records, sets `--field` constants, restores timestamp
 * order through the reorder window (or a full sort), and hands each event to `sink`.
 */
export async function runPipeline(options: PipelineOptions, counter: ByteCounter, sink: EventSink, batchEnd?: BatchEnd): Promise<PipelineStats> {
  const stats: PipelineStats = { events: 0, skippedRecords: 0, fileProblems: 0, late: 0 };
  const tsPath = options.timestampField.split('.');
  const tbPath = options.tiebreakerField?.split('.');
  const window = options.reorder ? new ReorderWindow<Held>(options.reorder) : undefined;

  const onProblem = (problem: InputProblem) => {
    options.report(formatProblem(problem));
    if (problem.scope === 'record') stats.skippedRecords++;
    else stats.fileProblems++;
    if (options.strict) throw new CliError(`stopped at the first bad input (--strict)`, ExitCode.Failed);
  };

  const deferral = options.deferral;
  const atTurn = options.atTurn;
  /** A deferred line at its turn: its event, or undefined when it cannot matter (or is bad). */
  // The line at its turn, decoded once and only if needed: most held lines are dropped by the
  // state alone (no partial waits for any rule they were routed to). One function for every
  // line (resolve runs one line at a time, and probes call it only during atTurn).
  let current: DeferredLine | undefined;
  let decoded: string | undefined;
  const textOf = () => (decoded ??= (current as DeferredLine).text);
  const resolve = (held: DeferredLine): Record<string, unknown> | undefined => {
    current = held;
    decoded = undefined;
    try {
      if (held.later && !deferral?.matters(textOf())) return undefined;
      let route = held.route;
      if (atTurn) {
        route = atTurn(textOf, route, held.ts);
        if (route === undefined) return undefined;
      }
      return parseHeld(held, textOf(), route);
    } finally {
      held.release();
      current = decoded = undefined;
    }
  };
  const parseHeld = (held: DeferredLine, text: string, route: LineRoute | undefined): Record<string, unknown> | undefined => {
    const item = parseRecord(text, held.line, held.file);
    if (item.kind === 'problem') {
      stats.events--;
      onProblem(item);
      return undefined;
    }
    options.annotate?.(item.event, text, route);
    return item.event;
  };

  let stopped = false;
  // What the window releases for each event, reused (deliver is done with it before the next).
  const ready: Held[] = [];
  const deliver = async (held: readonly Held[]) => {
    // Indexed: in an async function a for-of made an iterator result per event.
    for (let i = 0; i < held.length; i++) {
      const next = held[i] as Held;
      if (stopped) return;
      let event: Record<string, unknown>;
      if (next instanceof DeferredLine) {
        const parsed = resolve(next);
        if (parsed === undefined) continue;
        event = parsed;
      } else event = next;
      // Await only a sink that returned a promise (waiting for stdout): a microtask per event
      // is a noticeable share of the time on large inputs.
      const stop = sink(event);
      if (stop === true || (stop !== false && (await stop))) stopped = true;
    }
  };

  const spec = options.strict ? undefined : options.prefilter;
  // Lines wait in the reorder window as text, parsed at their turn, when their timestamp can be
  // read from the text: a top-level field (no dots), no tiebreaker, no `--field` constants, and
  // not with `--strict`, which stops at a bad line when it is read.
  const tsKey = tsPath.length === 1 ? tsPath[0] : undefined;
  const store = new LineStore();
  const defer =
    !options.strict && (window || deferral) && tsKey !== undefined && !tbPath && options.constants.length === 0
      ? (text: string, line: number, file: string, route?: LineRoute) => {
          const later = deferral !== undefined && !deferral.eager(text);
          if (!later && !window) return undefined;
          const ts = lineTimestamp(text, tsKey);
          // A later-stage line without a readable timestamp is parsed now (its turn is unknown).
          if (ts === undefined) return undefined;
          const handle = store.put(text);
          return new DeferredLine(handle < 0 ? text : handle, ts, later, file, line, route, store);
        }
      : undefined;
  // A line the worker routed and read the timestamp of (the same reading as `defer`'s) waits as
  // its bytes, never decoded before its turn: not for the one-rule deferral, which looks at the
  // text when the line is read.
  const holdBytes =
    defer && window && !deferral
      ? (bytes: Buffer, start: number, end: number, ts: number, line: number, file: string, route: LineRoute) => {
          const handle = store.putBytes(bytes, start, end);
          return new DeferredLine(handle < 0 ? utf8Text(bytes, start, end) : handle, ts, false, file, line, route, store);
        }
      : undefined;
  // Compiled on first use: plain NDJSON files are screened as bytes (or on the worker) instead.
  let textFilter: RawLineFilter | undefined;
  const filter =
    spec || options.annotate || options.route
      ? {
          test: spec ? (line: string) => (textFilter ??= compileRawPrefilter(spec))(line) : () => true,
          ...(spec ? { spec } : {}),
          ...(options.annotate ? { annotate: options.annotate } : {}),
          ...(options.route ? { route: options.route } : {}),
          ...(options.routing ? { routing: options.routing } : {}),
          ...(defer ? { defer } : {}),
          ...(holdBytes && tsKey !== undefined ? { holdBytes, timestampKey: tsKey } : {}),
          skipped: 0,
        }
      : undefined;
  for await (const batch of readEventBatches(options.paths, counter, filter, options.threads ?? 'one')) {
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i] as InputItem;
      if (item.kind === 'problem') {
        onProblem(item);
        continue;
      }
      stats.events++;
      // A deferred line (never with a tiebreaker) brings the timestamp read from its text.
      const held: Held = item.kind === 'deferred' ? item : item.event;
      if (item.kind === 'event' && options.constants.length > 0) applyFieldConstants(item.event, options.constants);
      if (window) {
        ready.length = 0;
        if (item.kind === 'deferred') window.add(held, item.ts, undefined, ready);
        else window.add(held, parseTimestamp(readField(item.event, tsPath)), tbPath ? readField(item.event, tbPath) : undefined, ready);
        if (ready.length > 0) await deliver(ready);
      } else await deliver([held]);
      if (stopped) break;
    }
    if (!stopped && batchEnd && (await batchEnd())) stopped = true;
    if (stopped) break;
  }
  if (window && !stopped) await deliver(window.flush());
  if (!stopped) await batchEnd?.();
  stats.late = window?.late ?? 0;
  stats.events += filter?.skipped ?? 0;
  return stats;
}
