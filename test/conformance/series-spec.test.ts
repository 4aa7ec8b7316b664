import { describe, expect, it } from 'vitest';
import { compareOrdinals } from '../../packages/engine/src/order.js';
import { compileKeyExtractor } from '../../packages/engine/src/join-keys.js';
import type { EventRecord, Hit, SequenceMatch } from '../../packages/engine/src/query.js';
import { sequencePlan } from '../../packages/engine/src/query.js';
import { sharedPath } from '../support/shared.js';
import { readSeriesSpec } from './series-spec.js';

const specs = readSeriesSpec(sharedPath('conformance', 'elasticsearch', 'sequences.series-spec'));

describe('sequences.series-spec', () => {
  it('has the 25 cases of the upstream spec', () => {
    expect(specs).toHaveLength(25);
  });
  for (const spec of specs) {
    it(spec.name, () => {
      const plan = sequencePlan({
        terms: Array.from({ length: spec.stages }, (_, stage) => ({
          test: (e) => e.stage === stage,
          keys: compileKeyExtractor(spec.keyed ? [{ get: (e) => e.key, optional: false }] : []),
          missing: false,
          runs: 1,
        })),
        maxspanMs: Number.POSITIVE_INFINITY,
      });
      const processor = plan.createProcessor({});
      const records: EventRecord<SequenceMatch>[] = [];
      spec.events.forEach((event, seq) => {
        const match = plan.classify(event);
        if (match) records.push({ event, match, ordinal: { ts: event['@timestamp'], tb: undefined, seq } });
      });
      records.sort((a, b) => compareOrdinals(a.ordinal, b.ordinal));
      const hits: Hit[] = [];
      for (const r of records) processor.process(r, hits);
      processor.finish(hits);
      const actual = hits.map((h) => {
        if (h.kind === 'event') throw new Error('sequence expected');
        const ids = h.events.map((e) => ('missing' in e ? -1 : (e as { id: number }).id));
        return spec.keyed ? { key: h.joinKeys[0] as string, ids } : { ids };
      });
      expect(actual).toEqual(spec.expected);
    });
  }
});
