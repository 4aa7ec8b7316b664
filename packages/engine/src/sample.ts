/**
 * Samples (EQL-SEMANTICS 6): events grouped by join key regardless of time. A key forms samples
 * only when every filter has an event for it; keys are visited in ascending key order, and for
 * each key a depth-first search over each filter's events in storage (input) order picks one
 * event per filter, all distinct, up to `maxSamplesPerKey` samples. Nothing is decided before the
 * end of input, so everything is emitted by `finish`.
 */
import type { EqlEvent } from './event.js';
import type { KeyTuple } from './join-keys.js';
import { compareKeyTuples, encodeKey } from './join-keys.js';

/** One sample: the key and one event per filter, in filter order. */
export interface SampleResult {
  readonly key: KeyTuple;
  readonly events: readonly EqlEvent[];
}

interface KeyGroup {
  readonly key: KeyTuple;
  readonly lists: EqlEvent[][];
}

export interface SampleCollectorOptions {
  readonly filters: number;
  /** Samples per key (Elasticsearch default 1). */
  readonly maxSamplesPerKey?: number;
  /** Events kept per filter and key; later ones are dropped (and counted). */
  readonly maxPendingPerKey?: number;
  /** Events kept in total; later ones are dropped (and counted). */
  readonly maxPendingTotal?: number;
}

/** Collects candidate events per key and filter, then picks samples. */
export class SampleCollector {
  private readonly groups = new Map<unknown, KeyGroup>();
  private readonly filters: number;
  private readonly perKey: number;
  private readonly perKeyCap: number;
  private readonly totalCap: number;
  private total = 0;
  /** Events not kept because of a cap. */
  dropped = 0;

  constructor(options: SampleCollectorOptions) {
    this.filters = options.filters;
    this.perKey = options.maxSamplesPerKey ?? 1;
    this.perKeyCap = options.maxPendingPerKey ?? Number.POSITIVE_INFINITY;
    this.totalCap = options.maxPendingTotal ?? Number.POSITIVE_INFINITY;
  }

  /** Events held now. */
  get pending(): number {
    return this.total;
  }

  /** An event matched filter `filter` with these key tuples (called in storage order). */
  add(filter: number, keys: readonly KeyTuple[], event: EqlEvent): void {
    for (const key of keys) {
      const encoded = encodeKey(key);
      let group = this.groups.get(encoded);
      if (!group) {
        group = { key, lists: Array.from({ length: this.filters }, () => []) };
        this.groups.set(encoded, group);
      }
      const list = group.lists[filter]!;
      if (list.length >= this.perKeyCap || this.total >= this.totalCap) {
        this.dropped++;
        continue;
      }
      list.push(event);
      this.total++;
    }
  }

  /** Picks the samples, in key order, at most `limit` in all. */
  finish(limit: number, out: SampleResult[]): void {
    const complete = [...this.groups.values()].filter((g) => g.lists.every((l) => l.length > 0));
    complete.sort((a, b) => compareKeyTuples(a.key, b.key));
    let emitted = 0;
    for (const group of complete) {
      if (emitted >= limit) break;
      const want = Math.min(this.perKey, limit - emitted);
      for (const events of pick(group.lists, want)) {
        out.push({ key: group.key, events });
        emitted++;
      }
    }
  }
}

/** Depth-first: the first `want` choices of one distinct event per list, lists in order. */
function pick(lists: readonly EqlEvent[][], want: number): EqlEvent[][] {
  const found: EqlEvent[][] = [];
  const chosen: EqlEvent[] = [];
  const visit = (depth: number): void => {
    if (found.length >= want) return;
    if (depth === lists.length) {
      found.push([...chosen]);
      return;
    }
    for (const event of lists[depth]!) {
      if (chosen.includes(event)) continue;
      chosen.push(event);
      visit(depth + 1);
      chosen.pop();
      if (found.length >= want) return;
    }
  };
  visit(0);
  return found;
}
