/**
 * Ordering of Elasticsearch's `version` field type: semantic versions (`1.11.3 > 1.5.0`,
 * pre-releases before their release: `1.2.4-SNAPSHOT < 1.2.4`), build metadata ignored for order,
 * and invalid versions sorted after every valid one (among themselves by code point order).
 */
const VERSION = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

interface Parsed {
  readonly main: readonly string[];
  readonly pre: readonly string[] | undefined;
}

function parse(v: string): Parsed | undefined {
  const m = VERSION.exec(v);
  if (!m) return undefined;
  return { main: (m[1] ?? '').split('.'), pre: m[2] === undefined ? undefined : m[2].split('.') };
}

function compareNumeric(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return compareNumeric(a, b);
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when the string is a valid version for the `version` type. */
export function isValidVersion(v: string): boolean {
  return VERSION.test(v);
}

/** Negative, zero or positive as `a` sorts before, with, or after `b`. */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) {
    if (x) return -1;
    if (y) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const n = Math.max(x.main.length, y.main.length);
  for (let i = 0; i < n; i++) {
    const p = x.main[i];
    const q = y.main[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const d = compareNumeric(p, q);
    if (d !== 0) return d;
  }
  if (!x.pre || !y.pre) return x.pre ? -1 : y.pre ? 1 : 0;
  const m = Math.max(x.pre.length, y.pre.length);
  for (let i = 0; i < m; i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const d = compareIdentifiers(p, q);
    if (d !== 0) return d;
  }
  return 0;
}
