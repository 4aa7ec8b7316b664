import { describe, expect, it } from 'vitest';
import { SharedCache } from './shared-cache.js';

describe('SharedCache', () => {
  it('builds once per key and gives the kept value after', () => {
    const cache = new SharedCache<object>(10);
    let builds = 0;
    const build = () => ({ n: ++builds });
    const a = cache.get('a', build);
    expect(cache.get('a', build)).toBe(a);
    expect(cache.get('b', build)).not.toBe(a);
    expect(builds).toBe(2);
  });

  it('keeps at most max values; past that each call builds anew', () => {
    const cache = new SharedCache<object>(2);
    cache.get('a', () => ({}));
    cache.get('b', () => ({}));
    const c1 = cache.get('c', () => ({}));
    expect(cache.get('c', () => ({}))).not.toBe(c1);
    expect(cache.size).toBe(2);
  });
});
