import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import type { EqlEvent } from './event.js';
import { DEFAULT_MAX_PENDING_TOTAL } from './stream.js';

// A million partials take seconds: a `.slow.test.ts` runs in `pnpm test` but not per mutant
// under Stryker (stryker.config.vitest.ts).
describe('the default cap on pending partials', () => {
  it('bounds partials in total by default', () => {
    expect(DEFAULT_MAX_PENDING_TOTAL).toBe(1_000_000);
    const stream = compile('sequence by k [any where a == 1] [any where a == 2]').stream();
    for (let i = 0; i < DEFAULT_MAX_PENDING_TOTAL + 5; i++) stream.push({ '@timestamp': i, k: i, a: 1 } as EqlEvent);
    expect(stream.stats).toMatchObject({ pending: DEFAULT_MAX_PENDING_TOTAL, cappedPartials: 5 });
  }, 60_000);
});
