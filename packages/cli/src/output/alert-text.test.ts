import type { Alert } from '@eqlkit/rules';
import { describe, expect, it } from 'vitest';
import { alertText } from './alert-text.js';
import { createRecordWriter } from './record-writer.js';

/** An alert over `events`, its keys in `createAlert`'s order. */
function alertOf(events: Alert['events']): Alert {
  const rule = { id: 'r-1', name: 'Rule "one"', severity: 'high', risk_score: 73, tags: ['a'], threat: [], version: 2 } as const;
  return { '@timestamp': '2026-03-02T08:00:00.000Z', rule, join_keys: ['k1', 2], events, id: '00ff00ff00ff00ff' } as Alert;
}

describe('alertText', () => {
  // Events printed as their own JSON text here, so the pieces must spell JSON.stringify(alert).
  const textOf = (event: object) => JSON.stringify(event);

  it('gives the pieces of the alert line: JSON.stringify of the alert, events as their lines', () => {
    const events = [{ a: 1, s: 'x\u2028"y"' }, { missing: true as const }, { b: [1, { c: null }] }];
    for (const list of [events, [events[0] as object], []]) {
      const alert = alertOf(list as Alert['events']);
      const pieces = alertText(alert, textOf, new Map());
      expect(pieces?.join('')).toBe(JSON.stringify(alert));
    }
  });

  it('prints each event as its line read, and nothing when an event has no line', () => {
    const event = { n: 1 };
    const pieces = alertText(alertOf([event]), () => '{"n":1e0}', new Map());
    expect(JSON.parse(pieces?.join('') ?? '')).toMatchObject({ events: [{ n: 1 }] });
    expect(pieces?.join('')).toContain('"events":[{"n":1e0}]');
    expect(alertText(alertOf([event]), () => undefined, new Map())).toBeUndefined();
  });

  it('is written by the NDJSON and JSON writers as the line the pieces spell', () => {
    const pieces = alertText(alertOf([{ a: 1 }, { a: 2 }]), textOf, new Map()) as string[];
    for (const format of ['ndjson', 'json'] as const) {
      let whole = '';
      let parts = '';
      const one = createRecordWriter(format, { write: (t) => ((whole += t), true) }, { columns: [], widths: [], rows: () => [] });
      const many = createRecordWriter(format, { write: (t) => ((parts += t), true) }, { columns: [], widths: [], rows: () => [] });
      for (let i = 0; i < 2; i++) {
        one.writeText?.(pieces.join(''));
        many.writeText?.(pieces);
      }
      one.end();
      many.end();
      expect(parts).toBe(whole);
    }
  });
});
