import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyField } from './join-keys.js';
import { compareKeyTuples, compileKeyExtractor, encodeKey, NO_KEY, SEVERAL_KEYS } from './join-keys.js';

const field = (name: string, optional = false, normalize?: KeyField['normalize']): KeyField =>
  normalize ? { get: (e) => e[name], optional, normalize } : { get: (e) => e[name], optional };

describe('join keys', () => {
  it('single() of one key field is encodeKey of the only tuple, NO_KEY for none, SEVERAL_KEYS for more', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constant({ nested: 1 }));
    const asNumber: KeyField['normalize'] = (v) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
    fc.assert(
      fc.property(value, fc.boolean(), fc.boolean(), (k, optional, normalized) => {
        const keys = compileKeyExtractor([field('k', optional, normalized ? asNumber : undefined)]);
        const tuples = keys({ k });
        const expected = tuples.length === 0 ? NO_KEY : tuples.length === 1 ? encodeKey(tuples[0]!) : SEVERAL_KEYS;
        expect(keys.single?.({ k })).toEqual(expected);
      }),
      { numRuns: 500 },
    );
    // Several key fields: no shortcut (tuples are encoded as text).
    expect(compileKeyExtractor([field('a'), field('b')]).single).toBeUndefined();
  });
  it('a null or absent key cannot join unless optional', () => {
    const strict = compileKeyExtractor([field('k')]);
    const optional = compileKeyExtractor([field('k', true)]);
    expect(strict({ k: null })).toEqual([]);
    expect(strict({})).toEqual([]);
    expect(optional({})).toEqual([[null]]);
    expect(optional({ k: [null] })).toEqual([[null]]);
  });
  it('a multi-valued key yields each distinct non-null value, ascending', () => {
    const keys = compileKeyExtractor([field('k')]);
    expect(keys({ k: ['b', null, 'a', 'b'] })).toEqual([['a'], ['b']]);
    expect(keys({ k: [] })).toEqual([]);
  });
  it('several keys yield the cartesian product in key order', () => {
    const keys = compileKeyExtractor([field('a'), field('b')]);
    expect(keys({ a: [2, 1], b: ['y', 'x'] })).toEqual([
      [1, 'x'],
      [1, 'y'],
      [2, 'x'],
      [2, 'y'],
    ]);
    expect(keys({ a: 1 })).toEqual([]);
  });
  it('normalizes typed values so equal instants meet', () => {
    const keys = compileKeyExtractor([field('d', false, (v) => (typeof v === 'string' ? Date.parse(v) : null))]);
    const [a] = keys({ d: '2022-01-01T00:00:00Z' });
    const [b] = keys({ d: '2022-01-01T01:00:00+01:00' });
    expect(encodeKey(a!)).toBe(encodeKey(b!));
  });
  it('encodes equal tuples equally and different ones differently', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), fc.array(value, { minLength: 1, maxLength: 3 }), (a, b) => {
        const same = a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || (v === 0 && b[i] === 0));
        expect(encodeKey(a) === encodeKey(b)).toBe(same);
        expect(compareKeyTuples(a, b) === 0).toBe(same);
      }),
    );
  });
  it('orders strings by UTF-8 bytes, as Elasticsearch terms', () => {
    expect([['doom'], ['GTA'], ['\u{1F600}'], ['\uFF61']].sort(compareKeyTuples)).toEqual([['GTA'], ['doom'], ['\uFF61'], ['\u{1F600}']]);
  });
  it('orders null before booleans, numbers, then strings', () => {
    const sorted = [['b'], [2], [true], [null], ['a'], [false]].sort(compareKeyTuples);
    expect(sorted).toEqual([[null], [false], [true], [2], ['a'], ['b']]);
  });
  it('orders numbers numerically (not as text) and a shorter tuple before its extensions', () => {
    expect([[10], [2], [-1], [2.5]].sort(compareKeyTuples)).toEqual([[-1], [2], [2.5], [10]]);
    expect(compareKeyTuples([1], [1, 2])).toBeLessThan(0);
    expect(compareKeyTuples([1, 2], [1])).toBeGreaterThan(0);
    expect(compareKeyTuples(['a', 2], ['a', 10])).toBeLessThan(0);
    expect(compareKeyTuples([null, 'b'], [null, 'a'])).toBeGreaterThan(0);
  });
  it('reads booleans and numbers as keys, and drops objects', () => {
    const keys = compileKeyExtractor([field('k')]);
    expect(keys({ k: true })).toEqual([[true]]);
    expect(keys({ k: 0 })).toEqual([[0]]);
    expect(keys({ k: { nested: 1 } })).toEqual([]);
    expect(keys({ k: [3, 1, 3] })).toEqual([[1], [3]]);
    expect(compileKeyExtractor([])({ k: 1 })).toEqual([[]]);
  });
  it('orders every number before every string, even strings that sort before digits as text', () => {
    // Untyped JSON can hold 7 in one event and "-1" in another: numbers come first, whatever the text.
    const sorted = [['-1'], [10], [' x'], [7], ['+'], ['10']].sort(compareKeyTuples);
    expect(sorted).toEqual([[7], [10], [' x'], ['+'], ['-1'], ['10']]);
    expect(compareKeyTuples([10], ['!'])).toBeLessThan(0);
    expect(compareKeyTuples(['!'], [10])).toBeGreaterThan(0);
    expect(compareKeyTuples([false], [-5])).toBeLessThan(0);
  });
  it('leaves values its type cannot read out of a multi-valued key (as null items)', () => {
    const asNumber = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
    const strict = compileKeyExtractor([field('n', false, asNumber)]);
    const optional = compileKeyExtractor([field('n', true, asNumber)]);
    expect(strict({ n: ['7', 'n/a', 3] })).toEqual([[3], [7]]);
    expect(strict({ n: ['n/a', ''] })).toEqual([]);
    expect(optional({ n: ['n/a', ''] })).toEqual([[null]]);
    expect(optional({ n: ['n/a', '5'] })).toEqual([[5]]);
    expect(strict({ n: 'n/a' })).toEqual([]);
  });
});
