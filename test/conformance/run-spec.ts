/**
 * Runs a conformance spec file the way the upstream harness does (README section 4): one test per
 * query, `size` = the spec's or 50, both result positions, ids of events (-1 for a missing-event
 * placeholder) flattened in response order, join keys flattened as strings. Prints
 * `file: N passed, M failed` when the file is done.
 */
import type { CompiledQuery, EqlEvent, Hit } from '@eqlkit/engine';
import { compile } from '@eqlkit/engine';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from './datasets.js';
import { datasetFor } from './datasets.js';
import { knownDivergences } from './known-divergences.js';
import type { SpecQuery } from './spec-file.js';
import { readSpecFile } from './spec-file.js';

/** The ids of hits, flattened (missing-event placeholders as -1). */
export function idsOf(hits: readonly Hit[], idField: string): number[] {
  const id = (e: EqlEvent | { missing: true }) => ('missing' in e && e.missing === true ? -1 : Number((e as EqlEvent)[idField]));
  return hits.flatMap((h) => (h.kind === 'event' ? [id(h.event)] : h.events.map(id)));
}

/** Join keys of sequence/sample hits, flattened and stringified. */
export function keysOf(hits: readonly Hit[]): string[] {
  return hits.flatMap((h) => (h.kind === 'event' ? [] : h.joinKeys.map((k) => String(k))));
}

export function compileFor(spec: SpecQuery, data: Dataset): CompiledQuery {
  return compile(spec.query, {
    timestampField: '@timestamp',
    eventCategoryField: 'event.category',
    ...(data.tiebreakerField ? { tiebreakerField: data.tiebreakerField } : {}),
    schema: data.schema,
  });
}

/** Registers the tests of one spec file. */
export function describeSpecFile(file: string): void {
  describe(file, () => {
    const specs = readSpecFile(file);
    const data = datasetFor(file);
    let passed = 0;
    let failed = 0;
    afterAll(() => {
      console.log(`${file}: ${passed} passed, ${failed} failed`);
    });
    for (const spec of specs) {
      it(spec.name, () => {
        try {
          check(spec, data);
          passed++;
        } catch (error) {
          failed++;
          throw error;
        }
      });
    }
  });
}

function check(spec: SpecQuery, data: Dataset): void {
  const query = compileFor(spec, data);
  const divergence = knownDivergences.get(spec.name);
  for (const resultPosition of ['tail', 'head'] as const) {
    const hits = query.search(data.events, {
      size: spec.size ?? 50,
      resultPosition,
      ...(spec.maxSamplesPerKey !== undefined ? { maxSamplesPerKey: spec.maxSamplesPerKey } : {}),
    });
    const ids = idsOf(hits, data.idField);
    if (divergence) {
      // We knowingly give another answer (KNOWN-DIVERGENCES.md); fail if that answer changes.
      expect(ids, `${spec.name} (${resultPosition}), known divergence`).toEqual(divergence.ids);
      continue;
    }
    expect(spec.expected, `${spec.name} (${resultPosition}): got [${ids.join(', ')}]`).toContainEqual(ids);
    if (spec.joinKeys) expect(keysOf(hits), `${spec.name} join keys`).toEqual(spec.joinKeys);
  }
}
