import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { LineText, RawPrefilterSpec } from '@eqlkit/engine';
import type { ByteCounter } from '../input/byte-counter.js';
import { runPipeline, type LineDeferralHooks, type PipelineStats } from '../input/event-pipeline.js';
import { Progress } from '../output/progress.js';
import { STDIN } from '../input/read-text.js';
import type { LineRoute } from '../input/line-routes.js';
import type { ReorderOptions } from '../input/reorder-window.js';
import type { ThreadsMode } from '../input/threaded-lines.js';
import { totalBytes, type EventOptions } from './event-options.js';

/** Called per ordered event; returns true to stop (enough results). */
export type EventHandler = (event: Record<string, unknown>) => boolean;

/** Called after each chunk of input and at the end (see `BatchEnd`); returns true to stop. */
export type BatchHandler = () => boolean;

/** How the input is screened and annotated before events reach the handler (all optional). */
export interface InputHooks {
  /** Lines it rejects are never parsed. */
  readonly prefilter?: RawPrefilterSpec | undefined;
  /** Sees each parsed event with its line, and its route when a worker routed it. */
  readonly annotate?: ((event: Record<string, unknown>, text: string, route?: LineRoute) => void) | undefined;
  /** `eql run`'s routing specs (see `lineRouterFor`): routed on the line worker when it reads. */
  readonly routing?: readonly (RawPrefilterSpec | undefined)[] | undefined;
  readonly deferral?: LineDeferralHooks | undefined;
  /** `eql run`'s router, for lines read on this thread (see `LineRouter.route`). */
  readonly route?: ((text: string) => LineRoute) | undefined;
  /** `eql run`'s router at a held line's turn (see `LineRouter.atTurn`). */
  readonly atTurn?: ((text: LineText, route: LineRoute | undefined, ts: number) => LineRoute | undefined) | undefined;
}

/**
 * Whether a worker thread reads plain NDJSON files: `EQLKIT_THREADS=one` or `two` decides;
 * otherwise two when the lines are `routed` (`eql run` with many rules, where the worker routes
 * them: over the detection-rules corpus about 70% of the time for about 25 MB more peak RSS)
 * and the machine has a second core. Without routing it does not pay (docs/performance.md,
 * lever 2).
 */
export function threadsFor(routed: boolean, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): ThreadsMode {
  if (env.EQLKIT_THREADS === 'one' || env.EQLKIT_THREADS === 'two') return env.EQLKIT_THREADS;
  return routed && cores >= 2 ? 'two' : 'one';
}

/**
 * Runs the input pipeline for `query` and `run`: progress on a terminal, and backpressure so a
 * slow reader of stdout slows the run instead of filling memory.
 */
export async function evaluateEvents(
  options: EventOptions,
  reorder: ReorderOptions | undefined,
  handle: EventHandler,
  input: InputHooks = {},
  batchEnd?: BatchHandler,
): Promise<PipelineStats> {
  const { prefilter, annotate, routing, deferral, atTurn, route } = input;
  const threads = threadsFor(routing !== undefined);
  const counter: ByteCounter = { bytesRead: 0, totalBytes: totalBytes(options.paths) };
  let events = 0;
  const progress = new Progress(counter, () => events, process.stderr);
  if (options.paths.includes(STDIN) && process.stdin.isTTY === true) {
    process.stderr.write('eql: reading events from the terminal (end with Ctrl-D); give a FILE to read a file\n');
  }
  if (options.progress) progress.start();
  try {
    return await runPipeline(
      {
        paths: options.paths,
        constants: options.constants,
        timestampField: options.timestampField,
        ...(options.tiebreakerField === undefined ? {} : { tiebreakerField: options.tiebreakerField }),
        ...(reorder ? { reorder } : {}),
        strict: options.strict,
        ...(prefilter ? { prefilter } : {}),
        ...(annotate ? { annotate } : {}),
        ...(deferral ? { deferral } : {}),
        ...(atTurn ? { atTurn } : {}),
        ...(route ? { route } : {}),
        ...(routing && threads === 'two' ? { routing } : {}),
        threads,
        report: (line) => {
          progress.stop();
          process.stderr.write(`${line}\n`);
          if (options.progress) progress.start();
        },
      },
      counter,
      (event) => {
        events++;
        return drained(handle(event));
      },
      batchEnd && (() => drained(batchEnd())),
    );
  } finally {
    progress.stop();
  }
}

/** `stop`, once stdout has drained if it must (a slow reader slows the run). */
function drained(stop: boolean): boolean | Promise<boolean> {
  if (process.stdout.writableNeedDrain) return once(process.stdout, 'drain').then(() => stop);
  return stop;
}
