import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertId, canonicalJson } from './alert-id.js';

describe('alertId', () => {
  it('does not depend on the key order of the events', () => {
    expect(alertId('r', [{ a: 1, b: { c: 2, d: 3 } }])).toBe(alertId('r', [{ b: { d: 3, c: 2 }, a: 1 }]));
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
