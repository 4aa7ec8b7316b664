import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topLevelString } from './raw-timestamp.js';

const TS = '2026-03-02T08:00:03.967Z';

describe('topLevelString', () => {
  it('reads the top-level string wherever the key stands, spaces allowed', () => {
    expect(topLevelString(`{"@timestamp":"${TS}","a":1}`, '@timestamp')).toBe(TS);
    expect(topLevelString(`{"a":{"b":[1,{"c":"}"}]},"@timestamp":"${TS}"}`, '@timestamp')).toBe(TS);
    expect(topLevelString(` { "x" : "\\"" ,  "@timestamp" :  "${TS}" } `, '@timestamp')).toBe(TS);
    // A string ending in a backslash: its closing quote is not escaped (an even run before it).
    expect(topLevelString(`{"a":"x\\\\","b":["\\\\\\""],"@timestamp":"${TS}"}`, '@timestamp')).toBe(TS);
  });

  it('gives up whenever JSON.parse could say otherwise', () => {
    const cases = [
      // Nested, not top level.
      `{"a":{"@timestamp":"${TS}"}}`,
      `{"a":[{"@timestamp":"${TS}"}]}`,
      // A value, not a key.
      `{"a":"@timestamp","b":1}`,
      `{"a":"x\\"@timestamp\\":\\"${TS}"}`,
      // Written twice: JSON.parse keeps the last.
      `{"@timestamp":"${TS}","@timestamp":"2020-01-01T00:00:00Z"}`,
      // The key or value spelt with escapes, or a value that is no string.
      `{"\\u0040timestamp":"x","@timestamp":"${TS}"}`,
      `{"@timestamp":"2026\\u002d03-02"}`,
      `{"@timestamp":"a\\"b"}`,
      `{"@timestamp":1700000000000}`,
      `{"@timestamp":null}`,
      // Not an object, or not one key.
      `["@timestamp","${TS}"]`,
      `{"@timestamp" "${TS}"}`,
      `{"@timestamp":"${TS}`,
    ];
    for (const line of cases) expect(topLevelString(line, '@timestamp'), line).toBeUndefined();
  });

  it('never disagrees with JSON.parse on generated objects (fast-check)', () => {
    const key = fc.constantFrom('@timestamp', 'a', 'b', '@timestamp', 'x@timestamp');
    const scalar = fc.oneof(fc.string(), fc.constantFrom('@timestamp', TS, '"@timestamp":"x"', 'x\\', '\\"'), fc.integer(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
    })).v;
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.option(fc.constantFrom(TS, '', 'x y')), fc.nat(), fc.boolean(), (entries, stamp, at, spaced) => {
        // Most objects get a top-level string at some place, so the reading is exercised.
        if (stamp !== null) entries.splice(at % (entries.length + 1), 0, ['@timestamp', stamp]);
        // Entries written as they come: keys may repeat, as JSON text allows.
        const parts = entries.map(([k, v]) => `${JSON.stringify(k)}${spaced ? ' : ' : ':'}${JSON.stringify(v)}`);
        const line = `{${parts.join(spaced ? ' , ' : ',')}}`;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        const got = topLevelString(line, '@timestamp');
        if (got !== undefined) {
          found++;
          expect(got).toBe(parsed['@timestamp']);
        }
        // The common case must be read: the key once, a plain string value.
        const plain = parsed['@timestamp'];
        if (typeof plain === 'string' && !/["\\\u0000-\u001f\u2028\u2029]/.test(plain) && line.split('"@timestamp"').length === 2) expect(got).toBe(plain);
      }),
      // A failure on a deep value can take minutes to shrink: stopped (as a failure) after 20 s.
      { numRuns: 500, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true },
    );
    expect(found).toBeGreaterThan(50);
  });
});
