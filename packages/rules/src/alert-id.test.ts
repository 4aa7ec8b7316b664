import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertId, canonicalJson } from './alert-id.js';

describe('alertId', () => {
  it('does not depend on the key order of the events', () => {
    expect(alertId('r', [{ a: 1, b: { c: 2, d: 3 } }])).toBe(alertId('r', [{ b: { d: 3, c: 2 }, a: 1 }]));
  });

  it('gives the same ids as every earlier version (ids are compared across runs and machines)', () => {
    expect(alertId('97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7', [{ user: { email: 'a@example.com' }, n: 1 }, { _id: 'doc-7' }, { missing: true }])).toBe('9ca933e63b132531');
    expect(alertId('', [])).toBe('811c9dc55ad1e806');
    expect(alertId('é😀', ['x', null, 3])).toBe('a36b9aeb90170934');
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
