/**
 * Timestamps: epoch milliseconds (number, or an all-digit string as Elasticsearch's `date` type
 * reads it) or an ISO-8601 string. Returns epoch millis, or undefined when the value is not a
 * timestamp. Sub-millisecond digits are truncated, as a `date` (millis) field does.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DIGITS = /^-?\d+$/;

/** Milliseconds of one 400-year Gregorian cycle (146,097 days). */
const CYCLE_MS = 146_097 * 86_400_000;

/**
 * `Date.UTC` for every year: `Date.UTC` reads years 0-99 as 1900-1999, so those are computed
 * one 400-year cycle later (the calendar repeats exactly) and moved back.
 */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, month, day, hour, minute, second, ms);
  return Date.UTC(year + 400, month, day, hour, minute, second, ms) - CYCLE_MS;
}

export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  if (DIGITS.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = utcMillis(Number(y), month - 1, day, hour, minute, second, Number((frac + '000').slice(0, 3)));
  // Date.UTC rolls over invalid days (Feb 30 -> Mar 2); a date field rejects them.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    ms -= sign * offset * 60_000;
  }
  return ms;
}
