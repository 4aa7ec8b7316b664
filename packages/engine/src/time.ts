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
 * one 400-year cycle later (the calendar repeats exactly) and moved back; negative years are read as written.
 */
export function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100 || year < 0) return Date.UTC(year, month, day, hour, minute, second, ms);
  return Date.UTC(year + 400, month, day, hour, minute, second, ms) - CYCLE_MS;
}

export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const fast = fastIsoMillis(value);
  if (fast !== undefined) return fast;
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

/** The last day the fast path saw (`YYYYMMDD` as a number) and its midnight (NaN: not a real day): a stream's events share a few days. */
let lastDayKey = -1;
let lastDayMs = Number.NaN;

/** The digit at `i` of `text`; any other character gives a large negative number (so sums stay negative). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1e6;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;

/**
 * `parseTimestamp` for the layouts nearly every event uses, `YYYY-MM-DDTHH:MM:SS.sssZ` and
 * `YYYY-MM-DDTHH:MM:SSZ`, read code unit by code unit: no regular expression, no substring and
 * no `Date` per value (the midnight of the last day seen is kept). Undefined for anything else
 * (or a leap second, or a day that does not exist), which the general path then reads.
 */
function fastIsoMillis(value: string): number | undefined {
  const n = value.length;
  if ((n !== 24 && n !== 20) || value.charCodeAt(n - 1) !== Z || value.charCodeAt(10) !== T) return undefined;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH || value.charCodeAt(13) !== COLON || value.charCodeAt(16) !== COLON) return undefined;
  const year = digitAt(value, 0) * 1000 + digitAt(value, 1) * 100 + digitAt(value, 2) * 10 + digitAt(value, 3);
  const month = digitAt(value, 5) * 10 + digitAt(value, 6);
  const day = digitAt(value, 8) * 10 + digitAt(value, 9);
  const hour = digitAt(value, 11) * 10 + digitAt(value, 12);
  const minute = digitAt(value, 14) * 10 + digitAt(value, 15);
  const second = digitAt(value, 17) * 10 + digitAt(value, 18);
  let millis = 0;
  if (n === 24) {
    if (value.charCodeAt(19) !== DOT) return undefined;
    millis = digitAt(value, 20) * 100 + digitAt(value, 21) * 10 + digitAt(value, 22);
  }
  if (year < 0 || month < 0 || day < 0 || millis < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const key = (year * 100 + month) * 100 + day;
  if (key !== lastDayKey) {
    const ms = month >= 1 && month <= 12 && day >= 1 && day <= 31 ? utcMillis(year, month - 1, day) : Number.NaN;
    // Date.UTC rolls over invalid days (Feb 30 -> Mar 2); a date field rejects them.
    lastDayMs = Number.isNaN(ms) || new Date(ms).getUTCDate() !== day ? Number.NaN : ms;
    lastDayKey = key;
  }
  if (Number.isNaN(lastDayMs)) return undefined;
  return lastDayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}
