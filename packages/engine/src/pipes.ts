/**
 * `head`/`tail` pipes and the request `size` (EQL-SEMANTICS 5.5). They are limits applied one
 * after the other to the ordered results, which is what Elasticsearch's pairwise combination of
 * limits amounts to (`tail 10 | head 7` = the first 7 of the last 10). The request size acts as
 * a limit in the direction of the first pipe (`result_position` when there is no pipe).
 */
import type { Pipe } from '@eqlkit/parser';

/** One limit: keep the first (`head`) or last (`tail`) `count` results. */
export interface Limit {
  readonly from: 'head' | 'tail';
  readonly count: number;
}

/** The limits a statement's pipes and the request's size/result position impose, in order. */
export function limitsOf(pipes: readonly Pipe[], size?: number, resultPosition: 'head' | 'tail' = 'head'): Limit[] {
  const limits: Limit[] = [];
  if (size !== undefined) limits.push({ from: pipes[0]?.name ?? resultPosition, count: size });
  for (const p of pipes) limits.push({ from: p.name, count: p.count });
  return limits;
}

/** Applies limits to a complete, ordered result list. */
export function applyLimits<T>(items: readonly T[], limits: readonly Limit[]): T[] {
  let out = items.slice();
  for (const l of limits) {
    if (out.length <= l.count) continue;
    out = l.from === 'head' ? out.slice(0, l.count) : out.slice(out.length - l.count);
  }
  return out;
}

/**
 * Applies limits to results as they are produced. When every limit is a head, results pass
 * through at once and `done` turns true after the last one (the query can stop). Otherwise the
 * first limit bounds what is kept (the first N, or a ring of the last N) and the rest is decided
 * by `finish`.
 */
export class StreamLimiter<T> {
  private readonly headOnly: boolean;
  private readonly cap: number;
  private readonly ringFirst: boolean;
  private kept: T[] = [];
  private passed = 0;

  constructor(private readonly limits: readonly Limit[]) {
    this.headOnly = limits.every((l) => l.from === 'head');
    const first = limits[0];
    this.cap = this.headOnly ? Math.min(...limits.map((l) => l.count)) : first!.count;
    this.ringFirst = first?.from === 'tail';
    this.done = this.cap === 0;
  }

  private countPassed(): void {
    this.passed++;
    if (this.passed >= this.cap) this.done = true;
  }

  /** True when no further result can be emitted (a field, read on every pushed event). */
  done: boolean;

  /** Results held back for `finish`. */
  get pending(): number {
    return this.kept.length;
  }

  /** Offers one result; appends to `out` what can be emitted now. */
  offer(item: T, out: T[]): void {
    if (this.headOnly) {
      if (this.passed < this.cap) {
        this.countPassed();
        out.push(item);
      }
      return;
    }
    if (this.ringFirst) {
      this.kept.push(item);
      // Trim in batches so a long stream costs amortized O(1) per result.
      if (this.kept.length >= 2 * this.cap + 64) this.kept = this.kept.slice(this.kept.length - this.cap);
      return;
    }
    if (this.passed < this.cap) {
      this.countPassed();
      this.kept.push(item);
    }
  }

  /** End of input: appends the remaining results. */
  finish(out: T[]): void {
    if (this.headOnly) return;
    const kept = this.ringFirst ? this.kept.slice(Math.max(0, this.kept.length - this.cap)) : this.kept;
    this.kept = [];
    for (const item of applyLimits(kept, this.limits.slice(1))) out.push(item);
  }
}
