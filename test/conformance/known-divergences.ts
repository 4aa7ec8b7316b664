/**
 * Conformance queries where we knowingly return another answer than Elasticsearch, with the
 * answer we give (the test asserts it, so a change in behaviour is noticed). Each one is
 * explained in KNOWN-DIVERGENCES.md.
 */
export interface KnownDivergence {
  /** The ids we return. */
  readonly ids: number[];
  readonly reason: string;
}

export const knownDivergences: ReadonlyMap<string, KnownDivergence> = new Map<string, KnownDivergence>([]);
