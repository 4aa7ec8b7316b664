/**
 * Case folding, in the two flavours Elasticsearch uses (EQL-SEMANTICS 3.2, 3.6, 8):
 * - ASCII only (`A`-`Z`), for queries on fields and for `like~`/`regex~`/wildcard `:` in scripts;
 * - Java's per-character Unicode folding (`compareToIgnoreCase`, `toLowerCase(Locale.ROOT)`), for
 *   `:`/`in~` in scripts and the `~` functions evaluated as scripts.
 */

/** Lowercase ASCII letters only; other code points are left as they are. */
export function asciiLower(s: string): string {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Beyond ASCII, toLowerCase would fold more than A-Z (`Ä`, `İ`): only the runs of A-Z.
    if (c > 127) return upper || /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
    if (c >= 65 && c <= 90) upper = true;
  }
  // All ASCII: the native lowercasing is exactly A-Z folding, and much faster than a replace.
  return upper ? s.toLowerCase() : s;
}

/** Equality ignoring the case of ASCII letters only. */
export function asciiEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** Java `String.toLowerCase(Locale.ROOT)`: full Unicode lowercasing, locale independent. */
export function javaLower(s: string): string {
  return s.toLowerCase();
}

const foldCache = new Map<number, number>();

/** Java `Character.toLowerCase(Character.toUpperCase(c))` on one code point (single-char mappings only). */
function foldCodePoint(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const cached = foldCache.get(c);
  if (cached !== undefined) return cached;
  const single = (s: string, fallback: number): number => {
    const cp = s.codePointAt(0);
    return cp !== undefined && s.length === String.fromCodePoint(cp).length ? cp : fallback;
  };
  const upper = single(String.fromCodePoint(c).toUpperCase(), c);
  const folded = single(String.fromCodePoint(upper).toLowerCase(), upper);
  foldCache.set(c, folded);
  return folded;
}

/**
 * Java `String.compareToIgnoreCase(a, b) == 0`: per-code-point Unicode folding (`ß` stays `ß`,
 * `Ä` equals `ä`), unlike `toLowerCase()` on whole strings.
 */
export function javaEqualsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(j) ?? 0;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
    if (x !== y && foldCodePoint(x) !== foldCodePoint(y)) return false;
  }
  return i === a.length && j === b.length;
}
