import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './alert-id.js';
import { canonicalText } from './canonical-text.js';
import { jsonText } from './json-text.js';

describe('canonicalText', () => {
  it('writes what the iterative canonical writer writes (property)', () => {
    const values = fc.anything({
      withBoxedValues: false,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withDate: true,
      withMap: false,
      withSet: false,
      withTypedArray: false,
      withBigInt: false,
    });
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalText(value)).toBe(jsonText(value, { canonical: true }));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys, integer-like ones as text, and keeps non-JSON values as null', () => {
    expect(canonicalText({ b: 1, 10: 'x', 2: 'y', a: undefined, f: () => 1 })).toBe('{"10":"x","2":"y","a":null,"b":1,"f":null}');
  });

  it('does not call toJSON', () => {
    expect(canonicalText({ d: new Date(0), o: { toJSON: () => 'no' } })).toBe('{"d":{},"o":{"toJSON":null}}');
  });
});

describe('canonicalJson', () => {
  it('falls back to the iterative writer for values deeper than the call stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(() => canonicalText(deep)).toThrow(RangeError);
    const text = canonicalJson(deep);
    expect(text.length).toBe(400_001);
    expect(text.startsWith('[[[')).toBe(true);
  });
});
