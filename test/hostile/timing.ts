import { expect } from 'vitest';

/** Best of `rounds` wall times of `run(n)`, in milliseconds (the best is the least disturbed). */
function bestTime(run: (n: number) => unknown, n: number, rounds: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    run(n);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Asserts that `run` takes time roughly linear in n: quadrupling n from `n` must cost well under
 * the 16x a quadratic algorithm would (and nowhere near exponential). A floor of 2 ms keeps
 * timer noise on tiny figures from failing it. Returns the two times, for the record.
 */
export function linearGrowth(run: (n: number) => unknown, n: number): { small: number; large: number } {
  run(n); // warm-up: compile the closures and regexes first
  const small = Math.max(2, bestTime(run, n, 5));
  const large = bestTime(run, 4 * n, 5);
  expect(large / small, `time for ${n} was ${small.toFixed(1)} ms, for ${4 * n} ${large.toFixed(1)} ms`).toBeLessThan(12);
  return { small, large };
}
