import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './time.js';

describe('parseTimestamp', () => {
  it('reads epoch millis as numbers and all-digit strings', () => {
    expect(parseTimestamp(1516116808349)).toBe(1516116808349);
    expect(parseTimestamp('1')).toBe(1);
  });
  it('reads ISO-8601 with Z, offsets and fractions', () => {
    expect(parseTimestamp('2022-01-27T10:00:00Z')).toBe(Date.UTC(2022, 0, 27, 10));
    expect(parseTimestamp('2022-01-27T10:00:00.123456Z')).toBe(Date.UTC(2022, 0, 27, 10, 0, 0, 123));
    expect(parseTimestamp('2022-01-27T12:00:00+02:00')).toBe(Date.UTC(2022, 0, 27, 10));
    expect(parseTimestamp('2022-01-27')).toBe(Date.UTC(2022, 0, 27));
  });
  it('reads years 0-99 as themselves, not as 1900-1999', () => {
    expect(parseTimestamp('0000-02-29T00:00:00Z')).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(parseTimestamp('0099-12-31T23:59:59Z')).toBe(Date.parse('0099-12-31T23:59:59Z'));
    expect(parseTimestamp('1900-02-29T00:00:00Z')).toBeUndefined();
  });
  it('rejects what is not a date', () => {
    expect(parseTimestamp('2020-02-41')).toBeUndefined();
    expect(parseTimestamp('2021-02-30T00:00:00Z')).toBeUndefined();
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp(null)).toBeUndefined();
    expect(parseTimestamp(Number.NaN)).toBeUndefined();
  });
});
