import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText } from './json-text.js';

/** The recursive canonical form alert ids were defined with (ids must not change). */
function recursiveCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursiveCanonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${recursiveCanonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

describe('jsonText', () => {
  it('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
        expect(jsonText(value)).toBe(JSON.stringify(value));
      }));
  });

  it('canonical form equals the recursive definition, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
        expect(jsonText(value, { canonical: true })).toBe(recursiveCanonical(value));
      }));
  });

  it('follows JSON.stringify on undefined, functions, non-finite numbers and toJSON', () => {
    const value = { a: undefined, b: () => 1, c: [undefined, Number.NaN, Infinity], d: new Date(0), e: -0 };
    expect(jsonText(value)).toBe(JSON.stringify(value));
    expect(jsonText(undefined)).toBe('null');
  });

  it('canonical form keeps keys whose value is not JSON, as null', () => {
    expect(jsonText({ b: undefined, a: 1 }, { canonical: true })).toBe('{"a":1,"b":null}');
  });

  it('writes a value nested 100,000 levels deep, which JSON.stringify cannot', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { x: [deep] };
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const text = jsonText(deep);
    expect(text).toBe(`${'{"x":['.repeat(100_000)}1${']}'.repeat(100_000)}`);
  });

  it('throws on a BigInt like JSON.stringify', () => {
    expect(() => jsonText({ n: 1n })).toThrow(TypeError);
  });
});
