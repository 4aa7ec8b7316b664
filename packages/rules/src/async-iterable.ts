import type { Alert } from './alert.js';
import { pushEvent, type AlertStreamOptions } from './alert-stream-options.js';
import type { Runner } from './runner.js';

/**
 * The alerts of `runner` over `events`, as an async iterable: pull-based, so a slow consumer
 * slows the reading of events and nothing is buffered beyond one event's alerts. At the end of
 * `events` the runner is flushed (pending sequences, samples and tail pipes). An event that is
 * not a JSON object goes to `options.onError` and is skipped; without `onError` the iteration
 * rejects with the `EventError`.
 *
 * ```ts
 * for await (const alert of alerts(runner, events)) console.log(alert.rule.name, alert.join_keys);
 * ```
 */
export async function* alerts(
  runner: Runner,
  events: AsyncIterable<unknown> | Iterable<unknown>,
  options: AlertStreamOptions = {},
): AsyncGenerator<Alert, void, undefined> {
  let index = 0;
  for await (const event of events) {
    const result = pushEvent(runner, event, index++, options.input);
    if (!(result instanceof Error)) yield* result;
    else if (options.onError) options.onError(result);
    else throw result;
  }
  yield* runner.flush();
}
