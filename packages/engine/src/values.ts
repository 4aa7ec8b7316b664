/**
 * Value helpers shared by the compiled expressions: null tests, multi-value iteration, string
 * orders, Java-style number printing and comparisons.
 */

/** A missing value: absent field (`undefined`) or JSON `null`. */
export function isNullish(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/**
 * Presence as Elasticsearch's `exists` sees it: a non-null scalar or object, or an array with at
 * least one such element. `x != null` tests this; `x == null` is its complement.
 */
export function isPresent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (!Array.isArray(v)) return true;
  for (const x of v) if (isPresent(x)) return true;
  return false;
}

/** The values of a (possibly multi-valued, possibly nested-array) field, nulls dropped. */
export function fieldValues(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) return [v];
  const out: unknown[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x !== null && x !== undefined) out.push(x);
  };
  walk(v);
  return out;
}

/** Wrap a per-value test into "some value of the field passes" (query-path semantics, 3.5). */
export function anyValue(test: (v: unknown) => boolean): (v: unknown) => boolean {
  const loop = (v: unknown): boolean => {
    if (v === null || v === undefined) return false;
    if (!Array.isArray(v)) return test(v);
    for (const x of v) if (loop(x)) return true;
    return false;
  };
  return loop;
}

/** Strings by UTF-16 code units (Java `String.compareTo`, the script path). */
export function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/**
 * Strings by UTF-8 bytes, i.e. by code points (Lucene term order, the query path). Differs from
 * UTF-16 order only when a supplementary character meets a BMP character above U+D7FF.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const sx = isSurrogate(x);
    if (sx !== isSurrogate(y)) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function rank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'string':
      return 3;
    default:
      return 4;
  }
}

/**
 * A total order over JSON values, for sorting keys (join keys, sample keys): null first, then
 * booleans (`false < true`), numbers, strings (UTF-8 byte order, as Elasticsearch sorts keywords),
 * then arrays/objects by their JSON text.
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return Number(a) - Number(b);
    case 2: {
      const x = a as number;
      const y = b as number;
      return x < y ? -1 : x > y ? 1 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : Number.isNaN(y) ? -1 : 0;
    }
    case 3:
      return compareUtf8(a as string, b as string);
    default:
      return compareUtf8(JSON.stringify(a) ?? '', JSON.stringify(b) ?? '');
  }
}

/**
 * Java's `Double.toString`: shortest round-trip digits, always with a fraction (`42.0`),
 * scientific notation outside [1e-3, 1e7) as `1.0E10`.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa = '', exponent = '0'] = d.toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${exponent.replace('+', '')}`;
}

/** The string form Elasticsearch gives a number: integral types without decimals, doubles as Java. */
export function javaNumberToString(n: number, integral: boolean): string {
  if (integral && Number.isFinite(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(Math.trunc(n)).toString();
  return javaDoubleToString(n);
}

/**
 * Java `String.valueOf` of a scalar, `null` for null. `integral` says whether a number is of an
 * integral type; when unknown, whole numbers print as integers (a dynamically mapped JSON
 * integer is a `long`).
 */
export function javaString(v: unknown, integral?: boolean): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return javaNumberToString(v, integral ?? Number.isInteger(v));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v) ?? null;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

/** A constant read as a number the way a numeric field parses it (`"5"` → 5); undefined if not numeric. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** A constant read as a boolean field parses it (`true`/`"true"`, `false`/`"false"`). */
export function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/**
 * Java-style comparison as a script does it (QL `Comparisons.compare`): numbers numerically,
 * strings by UTF-16 units, booleans `false < true`; different types (or a null) are
 * incomparable: `undefined`, which a predicate reads as "no match".
 */
export function scriptCompare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : undefined;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareUtf16(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** The test a comparison operator makes of a three-way comparison result (negative, 0, positive). */
export function comparisonResultTest(op: '==' | '!=' | '<' | '<=' | '>' | '>='): (c: number) => boolean {
  switch (op) {
    case '==':
      return (c) => c === 0;
    case '!=':
      return (c) => c !== 0;
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    case '>=':
      return (c) => c >= 0;
  }
}
