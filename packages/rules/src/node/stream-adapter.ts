import { Transform, type TransformCallback } from 'node:stream';
import type { Alert } from '../alert.js';
import { pushEvent, type AlertStreamOptions } from '../alert-stream-options.js';
import type { Runner } from '../runner.js';

/** Options of `createAlertTransform`. */
export interface AlertTransformOptions extends AlertStreamOptions {
  /**
   * Objects buffered on each side (events waiting to be evaluated, alerts waiting to be read);
   * default 16, Node's object-mode default. Past it `write()` returns false and the Transform
   * evaluates no further event until its reader catches up.
   */
  readonly highWaterMark?: number;
}

/**
 * A Node `Transform` in object mode: event objects in, `Alert` objects out, for
 * `pipeline(source, createAlertTransform(runner), sink)`. Backpressure is Node's: while more
 * than `highWaterMark` alerts wait to be read no further event is evaluated, so a slow consumer
 * holds the source back instead of filling memory. At the end of input the runner is flushed
 * and its pending alerts are emitted. A bad event (not a JSON object, or one the runner fails
 * on) is reported to `options.onError` and skipped, or else emitted as the stream's `'error'`;
 * it is never thrown from `write()`.
 */
export function createAlertTransform(runner: Runner, options: AlertTransformOptions = {}): Transform {
  let index = 0;
  const pushAll = (stream: Transform, alerts: readonly Alert[]) => {
    for (const alert of alerts) stream.push(alert);
  };
  return new Transform({
    objectMode: true,
    ...(options.highWaterMark !== undefined ? { highWaterMark: options.highWaterMark } : {}),
    transform(event: unknown, _encoding: BufferEncoding, callback: TransformCallback) {
      const result = pushEvent(runner, event, index++, options.input);
      if (!(result instanceof Error)) pushAll(this, result);
      else if (options.onError) options.onError(result);
      else return callback(result);
      callback();
    },
    flush(callback: TransformCallback) {
      try {
        pushAll(this, runner.flush());
      } catch (error) {
        return callback(error instanceof Error ? error : new Error(String(error)));
      }
      callback();
    },
  });
}
