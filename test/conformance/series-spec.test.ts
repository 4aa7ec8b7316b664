import { compile } from '@eqlkit/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../support/shared.js';
import { readSeriesSpec } from './series-spec.js';

const specs = readSeriesSpec(sharedPath('conformance', 'elasticsearch', 'sequences.series-spec'));

/** `sequence [any where stage == 0] [any where stage == 1] ...`, keyed when the spec is. */
function queryFor(stages: number, keyed: boolean): string {
  const terms = Array.from({ length: stages }, (_, i) => `[any where stage == ${i}]`).join(' ');
  return `sequence ${keyed ? 'by key ' : ''}${terms}`;
}

describe('sequences.series-spec', () => {
  let passed = 0;
  let failed = 0;
  afterAll(() => {
    console.log(`sequences.series-spec: ${passed} passed, ${failed} failed`);
  });
  it('has the 25 cases of the upstream spec', () => {
    expect(specs).toHaveLength(25);
  });
  for (const spec of specs) {
    it(spec.name, () => {
      try {
        const query = compile(queryFor(spec.stages, spec.keyed));
        const hits = query.search(spec.events);
        const actual = hits.map((h) => {
          if (h.kind === 'event') throw new Error('sequence expected');
          const ids = h.events.map((e) => ('missing' in e ? -1 : (e as { id: number }).id));
          return spec.keyed ? { key: h.joinKeys[0] as string, ids } : { ids };
        });
        expect(actual).toEqual(spec.expected);
        passed++;
      } catch (error) {
        failed++;
        throw error;
      }
    });
  }
});
