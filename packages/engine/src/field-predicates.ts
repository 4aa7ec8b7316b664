import type { Range } from '@eqlkit/parser';
import { asciiEqualsIgnoreCase, asciiLower } from './case-fold.js';
import { EngineCodes, fail } from './errors.js';
import { compareIp, ipKey, parseIp } from './ip.js';
import { compileLuceneRegex, LuceneRegexError } from './lucene-regex.js';
import { FLOATING_TYPES, INTEGRAL_TYPES, STRING_TYPES, type FieldMapping } from './schema.js';
import { parseTimestamp } from './time.js';
import { compareUtf8, comparisonResultTest, javaNumberToString, toBoolean, toNumber } from './values.js';
import { compareVersions } from './version.js';
import { compileWildcard, matchesEverything } from './wildcard.js';

/**
 * The query path (EQL-SEMANTICS 3.6): a plain field against constants, as Elasticsearch runs it
 * as a term/range/terms/wildcard/prefix/regexp query. Each builder returns a test of ONE value;
 * the caller applies it to every value of a multi-valued field ("any value matches").
 */
export type ValueTest = (value: unknown) => boolean;

/** A constant and whether it is of an integral type (`5` vs `5.0`, which a keyword reads as "5.0"). */
export interface Constant {
  readonly value: unknown;
  readonly integral: boolean;
}

export type RangeOp = '==' | '<' | '<=' | '>' | '>=';

/** How a mapped type reads and orders values: `key` parses a source value or a constant. */
interface TypeOps {
  key(v: unknown, integral: boolean): string | number | boolean | Uint8Array | undefined;
  compare(a: never, b: never): number;
  /** A primitive for Set membership. */
  hash(k: never): string | number | boolean;
}

const identity = <T>(k: T): T => k;
const numeric = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

function stringKey(v: unknown, integral: boolean): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return javaNumberToString(v, integral);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/** The operations of a mapped type, or undefined for untyped JSON (decided per value). */
function typeOps(mapping: FieldMapping | undefined): TypeOps | undefined {
  if (!mapping) return undefined;
  const t = mapping.type;
  if (STRING_TYPES.has(t)) return { key: (v, i) => stringKey(v, i), compare: compareUtf8, hash: identity };
  if (INTEGRAL_TYPES.has(t) || FLOATING_TYPES.has(t)) return { key: (v) => toNumber(v), compare: numeric, hash: identity };
  if (t === 'boolean') return { key: (v) => toBoolean(v), compare: (a: boolean, b: boolean) => Number(a) - Number(b), hash: identity };
  if (t === 'date' || t === 'date_nanos') return { key: (v) => parseTimestamp(v), compare: numeric, hash: identity };
  if (t === 'ip') return { key: (v) => parseIp(v), compare: compareIp, hash: ipKey };
  if (t === 'version') return { key: (v) => (typeof v === 'string' ? v : undefined), compare: compareVersions, hash: identity };
  return undefined;
}

/** Strings that dynamic mapping detects as dates (`strict_date_optional_time`): ISO dates and date-times. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|T)/;

/** The instant of a constant that can meet a detected date field: an ISO string or epoch millis. */
function dateConstant(c: unknown): number | undefined {
  if (typeof c === 'number') return Number.isFinite(c) ? c : undefined;
  return typeof c === 'string' && ISO_DATE.test(c) ? parseTimestamp(c) : undefined;
}

/**
 * `field op constant` (`!=` is compiled as `not ==` by the caller). With a mapping the constant is
 * parsed as the field type (dates as instants, versions semantically, ips by bytes). Without one
 * the value's JSON type decides, as on a dynamically mapped field: a number field reads the
 * constant as a number (`pid == "5"` matches 5), a string field reads it as text (`k == 5`
 * matches "5"), a boolean field reads `true`/`"true"`; an ISO date string value is a date (dynamic
 * mapping's date detection) compared as an instant with an ISO or epoch-millis constant. A constant
 * the type cannot read never matches (Elasticsearch would reject the query).
 */
export function comparisonTest(op: RangeOp, constant: Constant, mapping?: FieldMapping): ValueTest {
  const ops = typeOps(mapping);
  const pass = comparisonResultTest(op);
  if (ops) {
    const k = ops.key(constant.value, constant.integral);
    if (k === undefined) return () => false;
    const compare = ops.compare as (a: unknown, b: unknown) => number;
    if (op === '==' && typeof k !== 'object') {
      return (v) => ops.key(v, Number.isInteger(v)) === k;
    }
    return (v) => {
      const kv = ops.key(v, Number.isInteger(v));
      return kv !== undefined && pass(compare(kv, k));
    };
  }
  const s = stringKey(constant.value, constant.integral);
  const n = toNumber(constant.value);
  const b = toBoolean(constant.value);
  // `pid == 5` keeps its tight closure; epoch millis against a date string matter for ranges.
  const instant = op === '==' && typeof constant.value === 'number' ? undefined : dateConstant(constant.value);
  if (instant !== undefined) {
    // Dynamic mapping's date detection: an ISO date string is a `date`, compared as an instant.
    return (v) => {
      if (typeof v === 'string' && ISO_DATE.test(v)) {
        const t = parseTimestamp(v);
        if (t !== undefined) return pass(numeric(t, instant));
      }
      if (typeof v === 'string') return s !== undefined && pass(compareUtf8(v, s));
      if (typeof v === 'number') return n !== undefined && pass(numeric(v, n));
      return false;
    };
  }
  if (op === '==') {
    return (v) => (typeof v === 'string' ? v === s : typeof v === 'number' ? v === n : typeof v === 'boolean' ? v === b : false);
  }
  return (v) => {
    if (typeof v === 'string') return s !== undefined && pass(compareUtf8(v, s));
    if (typeof v === 'number') return n !== undefined && pass(numeric(v, n));
    if (typeof v === 'boolean') return b !== undefined && pass(Number(v) - Number(b));
    return false;
  };
}

/** `field in (c1, c2, ...)` as a terms query: hashed sets; `null` members never match. */
export function inTest(constants: readonly Constant[], mapping?: FieldMapping): ValueTest {
  const present = constants.filter((c) => c.value !== null && c.value !== undefined);
  const ops = typeOps(mapping);
  if (ops) {
    const hash = ops.hash as (k: unknown) => string | number | boolean;
    const set = new Set<string | number | boolean>();
    for (const c of present) {
      const k = ops.key(c.value, c.integral);
      if (k !== undefined) set.add(hash(k));
    }
    return (v) => {
      const k = ops.key(v, Number.isInteger(v));
      return k !== undefined && set.has(hash(k));
    };
  }
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const booleans = new Set<boolean>();
  const instants = new Set<number>();
  for (const c of present) {
    const s = stringKey(c.value, c.integral);
    const n = toNumber(c.value);
    const b = toBoolean(c.value);
    const t = typeof c.value === 'string' ? dateConstant(c.value) : undefined;
    if (s !== undefined) strings.add(s);
    if (n !== undefined) numbers.add(n);
    if (b !== undefined) booleans.add(b);
    if (t !== undefined) instants.add(t);
  }
  const byType: ValueTest =
    numbers.size === 0 && booleans.size === 0
      ? (v) => typeof v === 'string' && strings.has(v)
      : (v) => (typeof v === 'string' ? strings.has(v) : typeof v === 'number' ? numbers.has(v) : typeof v === 'boolean' ? booleans.has(v) : false);
  if (instants.size === 0) return byType;
  // As `==`: an ISO date string value is a detected date, compared as an instant.
  return (v) => {
    if (typeof v === 'string' && ISO_DATE.test(v)) {
      const t = parseTimestamp(v);
      if (t !== undefined) return instants.has(t);
    }
    return byType(v);
  };
}

/** Values a string query sees: strings, and on a keyword mapping the text of numbers/booleans. */
function asText(mapping: FieldMapping | undefined): (v: unknown) => string | undefined {
  if (mapping && STRING_TYPES.has(mapping.type)) return (v) => stringKey(v, Number.isInteger(v));
  return (v) => (typeof v === 'string' ? v : undefined);
}

/** `field in~ (...)` and `field : "no-wildcards"`: case-insensitive terms, ASCII folding only. */
export function insensitiveInTest(strings: readonly string[], mapping?: FieldMapping): ValueTest {
  const text = asText(mapping);
  if (strings.length === 1) {
    const only = strings[0] ?? '';
    return (v) => {
      const s = text(v);
      return s !== undefined && asciiEqualsIgnoreCase(s, only);
    };
  }
  const set = new Set(strings.map(asciiLower));
  return (v) => {
    const s = text(v);
    return s !== undefined && set.has(asciiLower(s));
  };
}

export type MatchOp = ':' | 'like' | 'like~' | 'regex' | 'regex~';

/**
 * `field : pats`, `field like[~] pats`, `field regex[~] pats` against string constants (null
 * patterns never match). `:` without `*`/`?` is a case-insensitive term; with them, and `like`, a
 * whole-value wildcard where `\` is an ordinary character; a pattern of only `*` matches every
 * value (Elasticsearch turns it into `exists`). `regex` joins its patterns with `|` and runs them
 * as one Lucene RegExp.
 */
export function matchTest(op: MatchOp, patterns: ReadonlyArray<string | null>, ranges: readonly Range[], mapping?: FieldMapping): ValueTest {
  const text = asText(mapping);
  const present = patterns.filter((p): p is string => p !== null);
  if (present.length === 0) return () => false;
  if (op === 'regex' || op === 'regex~') {
    const range: Range = [ranges[0]?.[0] ?? 0, ranges[ranges.length - 1]?.[1] ?? 0];
    // `regex ".*"` (or `@`) matches every value: Elasticsearch turns it into `exists`.
    if (present.some((p) => p === '.*' || p === '@')) return () => true;
    // Report a bad pattern at its own range before joining them.
    present.forEach((p, i) => luceneMatcher(p, op === 'regex~', ranges[i] ?? range));
    const re = luceneMatcher(present.join('|'), op === 'regex~', range);
    return (v) => {
      const s = text(v);
      return s !== undefined && re(s);
    };
  }
  if (present.some(matchesEverything)) return () => true;
  // Several case-insensitive patterns (rules list dozens of paths): the value is folded once,
  // not once per pattern; `:` patterns without wildcards become one set lookup.
  if (op !== 'like' && present.length > 1) {
    const terms = new Set<string>();
    const wildcards: ((s: string) => boolean)[] = [];
    for (const p of present) {
      if (op === ':' && !p.includes('*') && !p.includes('?')) terms.add(asciiLower(p));
      else wildcards.push(compileWildcard(p, { caseInsensitive: true, folded: true }));
    }
    return (v) => {
      const s = text(v);
      if (s === undefined) return false;
      const folded = asciiLower(s);
      if (terms.has(folded)) return true;
      for (const t of wildcards) if (t(folded)) return true;
      return false;
    };
  }
  const tests = present.map((p) => {
    if (op === ':' && !p.includes('*') && !p.includes('?')) return (s: string) => asciiEqualsIgnoreCase(s, p);
    return compileWildcard(p, { caseInsensitive: op !== 'like' });
  });
  const only = tests.length === 1 ? tests[0] : undefined;
  if (only) {
    return (v) => {
      const s = text(v);
      return s !== undefined && only(s);
    };
  }
  return (v) => {
    const s = text(v);
    if (s === undefined) return false;
    for (const t of tests) if (t(s)) return true;
    return false;
  };
}

function luceneMatcher(pattern: string, ci: boolean, range: Range): (s: string) => boolean {
  try {
    return compileLuceneRegex(pattern, ci);
  } catch (e) {
    const unsupported = e instanceof LuceneRegexError && e.unsupported;
    const message = e instanceof Error ? e.message : String(e);
    fail(unsupported ? EngineCodes.UnsupportedRegex : EngineCodes.InvalidRegex, `invalid regex [${pattern}]: ${message}`, range);
  }
}

export type StringQuery = 'startsWith' | 'endsWith' | 'stringContains';

/**
 * `startsWith[~](field, c)` as a literal prefix query; `endsWith[~](field, c)` and
 * `stringContains[~](field, c)` as wildcard queries `*c` / `*c*` with `c` inserted unescaped, so
 * `*`/`?` in `c` are wildcards, `\` escapes, and `stringContains(f, "")` matches every value.
 * `~` folds ASCII only.
 */
export function stringQueryTest(kind: StringQuery, sub: string, ci: boolean, mapping?: FieldMapping): ValueTest {
  const text = asText(mapping);
  let test: (s: string) => boolean;
  if (kind === 'startsWith') {
    const prefix = ci ? asciiLower(sub) : sub;
    test = ci ? (s) => asciiLower(s).startsWith(prefix) : (s) => s.startsWith(prefix);
  } else {
    const pattern = kind === 'endsWith' ? `*${sub}` : `*${sub}*`;
    test = compileWildcard(pattern, { caseInsensitive: ci, backslashEscapes: true });
  }
  return (v) => {
    const s = text(v);
    return s !== undefined && test(s);
  };
}
