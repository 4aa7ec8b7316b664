import type { EqlEvent, Hit } from '@eqlkit/engine';
import { compileFieldGetter, parseTimestamp } from '@eqlkit/engine';
import { describe, expect, it } from 'vitest';
import { datasetFor } from './datasets.js';
import { compileFor, idsOf, keysOf } from './run-spec.js';
import { readSpecFile } from './spec-file.js';

/** The dataset in evaluation order: timestamp, then tiebreaker (present first), then position. */
function inTimeOrder(events: readonly EqlEvent[], tiebreakerField?: string): EqlEvent[] {
  const ts = compileFieldGetter(['@timestamp']);
  const tb = tiebreakerField ? compileFieldGetter(tiebreakerField.split('.')) : () => undefined;
  return events
    .map((e, i) => ({ e, i, t: parseTimestamp(ts(e)) ?? Number.NEGATIVE_INFINITY, b: tb(e) as number | undefined }))
    .sort((x, y) => x.t - y.t || (x.b === undefined ? 1 : 0) - (y.b === undefined ? 1 : 0) || (x.b ?? 0) - (y.b ?? 0) || x.i - y.i)
    .map((x) => x.e);
}

// Every event and sequence query of the suite through stream(): events pushed in time order,
// then flush(); the hits must be those of search().
for (const file of ['test_queries.toml', 'additional_test_queries.toml', 'test_queries_date.toml', 'test_extra.toml', 'test_missing_events.toml']) {
  describe(`stream() = search(): ${file}`, () => {
    const data = datasetFor(file);
    const ordered = inTimeOrder(data.events, data.tiebreakerField);
    for (const spec of readSpecFile(file)) {
      it(spec.name, () => {
        const query = compileFor(spec, data);
        const size = spec.size ?? 50;
        for (const resultPosition of ['tail', 'head'] as const) {
          const stream = query.stream({ size, resultPosition });
          const streamed: Hit[] = [];
          for (const event of ordered) streamed.push(...stream.push(event));
          streamed.push(...stream.flush());
          const searched = query.search(data.events, { size, resultPosition });
          expect(idsOf(streamed, data.idField)).toEqual(idsOf(searched, data.idField));
          expect(keysOf(streamed)).toEqual(keysOf(searched));
          expect(stream.stats.lateEvents).toBe(0);
          expect(stream.stats.eventsSeen).toBe(ordered.length);
        }
      });
    }
  });
}
