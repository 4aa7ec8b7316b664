import type { EqlEvent } from '@eqlkit/engine';
import type { Alert } from './alert.js';
import type { Runner, RunnerInput } from './runner.js';

/** An event the runner could not take: not a JSON object, or the runner failed on it. */
export class EventError extends Error {
  override readonly name = 'EventError';
  constructor(
    message: string,
    /** Position of the event in the input, from 0. */
    readonly index: number,
    /** The event as received. */
    readonly event: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Options of the stream adapters (`alerts`, and `createAlertTransform` in `@eqlkit/rules/node`). */
export interface AlertStreamOptions {
  /** Where the events come from (index, constant fields), passed to every `runner.push`. */
  readonly input?: RunnerInput;
  /**
   * Called with each event that cannot be evaluated; the event is skipped and the stream goes
   * on. Without it, such an event ends the stream with the error (the async iterable rejects,
   * the Transform emits `'error'`).
   */
  readonly onError?: (error: EventError) => void;
}

/**
 * Pushes one event into the runner; returns its alerts, or the error for an event that is not a
 * JSON object or makes the runner fail. Never throws: callers decide how to report.
 */
export function pushEvent(runner: Runner, event: unknown, index: number, input: RunnerInput | undefined): Alert[] | EventError {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    const got = event === null ? 'null' : Array.isArray(event) ? 'an array' : `a ${typeof event}`;
    return new EventError(`event ${index}: expected a JSON object, got ${got}`, index, event);
  }
  try {
    return runner.push(event as EqlEvent, input);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return new EventError(`event ${index}: ${message}`, index, event, { cause });
  }
}
