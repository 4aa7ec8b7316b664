/**
 * Compiled pieces that hold no state and that many queries repeat (a field's reader, a wildcard
 * matcher, a reader's generated code), one per key for every query compiled in the process. At
 * most `max` are kept: past that (an embedder compiling ever new queries) each is built anew, so
 * memory stays bounded and nothing is ever wrong, only unshared.
 */
export class SharedCache<V> {
  private readonly kept = new Map<string, V>();

  constructor(private readonly max: number) {}

  /** The value kept for `key`, else `build()` (kept while there is room). */
  get(key: string, build: () => V): V {
    let value = this.kept.get(key);
    if (value === undefined) {
      value = build();
      if (this.kept.size < this.max) this.kept.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.kept.size;
  }
}
