/**
 * Reader of the conformance TOML spec files (README section 3): `[[queries]]` with `name`,
 * `query`, `expected_event_ids` (a list, or a list of alternative lists), optional `join_keys`,
 * `size`, `max_samples_per_key`. Bare `null` inside arrays (test_extra.toml) is not TOML; it is
 * replaced by the string `"null"` first, as keys are compared as strings anyway.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { sharedPath } from '../support/shared.js';

export interface SpecQuery {
  readonly name: string;
  readonly query: string;
  /** Accepted results: one list, or several alternatives. */
  readonly expected: number[][];
  readonly joinKeys?: string[];
  readonly size?: number;
  readonly maxSamplesPerKey?: number;
}

export function readSpecFile(file: string): SpecQuery[] {
  const source = readFileSync(sharedPath('conformance', 'elasticsearch', file), 'utf8').replace(
    /^(join_keys\s*=.*)$/gm,
    (line) => line.replace(/(?<!")\bnull\b(?!")/g, '"null"'),
  );
  const doc = parse(source) as { queries?: Record<string, unknown>[] };
  return (doc.queries ?? []).map((q) => {
    const ids = q.expected_event_ids as (number | number[])[];
    const expected = ids.length > 0 && Array.isArray(ids[0]) ? (ids as number[][]) : [ids as number[]];
    const keys = q.join_keys as unknown[] | undefined;
    return {
      name: q.name as string,
      query: (q.query as string).trim(),
      expected: expected.map((l) => l.map(Number)),
      ...(keys && keys.length > 0 ? { joinKeys: keys.map(String) } : {}),
      ...(typeof q.size === 'number' ? { size: q.size } : {}),
      ...(typeof q.max_samples_per_key === 'number' ? { maxSamplesPerKey: q.max_samples_per_key } : {}),
    };
  });
}
