import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertId, canonicalJson, eventIdentity } from './alert-id.js';

/** The ids' definition: both FNV-1a hashes over the text `ruleId + ("\u0000" + identity)*`. */
function writtenId(ruleId: string, events: readonly unknown[]): string {
  const text = ruleId + events.map((e) => `\u0000${eventIdentity(e)}`).join('');
  let a = 0x811c9dc5;
  let b = (0x01000193 ^ 0x5bd1e995) >>> 0;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

describe('alertId', () => {
  it('does not depend on the key order of the events', () => {
    expect(alertId('r', [{ a: 1, b: { c: 2, d: 3 } }])).toBe(alertId('r', [{ b: { d: 3, c: 2 }, a: 1 }]));
  });

  it('gives the same ids as every earlier version (ids are compared across runs and machines)', () => {
    expect(alertId('97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7', [{ user: { email: 'a@example.com' }, n: 1 }, { _id: 'doc-7' }, { missing: true }])).toBe('9ca933e63b132531');
    expect(alertId('', [])).toBe('811c9dc55ad1e806');
    expect(alertId('é😀', ['x', null, 3])).toBe('a36b9aeb90170934');
  });

  it('hashes the canonical JSON as it walks the events: the id of the written text (property)', () => {
    // Strings with quotes, backslashes, control characters and lone or paired surrogates, keys
    // out of order (and more than the insertion sort takes), non-JSON values kept as null.
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '"', '\\', '\n', '\u0001', '\ud83d', '\ude00', '😀', 'é', '\u007f') });
    const values = fc.anything({
      key: text,
      values: [text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)],
      withNullPrototype: true,
      withSparseArray: true,
      withDate: true,
      withBoxedValues: false,
      withMap: false,
      withSet: false,
      withTypedArray: false,
      withBigInt: false,
    });
    const wide = fc.dictionary(text, fc.integer(), { minKeys: 65, maxKeys: 90 });
    fc.assert(
      fc.property(fc.string(), fc.array(fc.oneof(values, wide), { maxLength: 4 }), (rule, events) => {
        expect(alertId(rule, events)).toBe(writtenId(rule, events));
      }),
      { numRuns: 400 },
    );
  });

  it('hashes events nested deeper than the call stack as their written text', () => {
    let deep: unknown = { b: 1, a: 2 };
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(alertId('r', [deep, { z: 1, y: 2 }])).toBe(writtenId('r', [deep, { z: 1, y: 2 }]));
  });

  it('uses _id when an event has one', () => {
    expect(alertId('r', [{ _id: 'x', a: 1 }])).toBe(alertId('r', [{ _id: 'x', a: 2 }]));
  });

  it('changes with the rule and with the events (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.jsonValue(), fc.jsonValue(), (r1, r2, e1, e2) => {
        if (r1 !== r2) expect(alertId(r1, [e1])).not.toBe(alertId(r2, [e1]));
        if (canonicalJson(e1) !== canonicalJson(e2)) expect(alertId(r1, [e1])).not.toBe(alertId(r1, [e2]));
      }),
    );
  });
});
