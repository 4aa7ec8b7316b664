/**
 * Alert ids hash the canonical JSON of each event (`canonicalText`). Building that text took a
 * string per value and a sorted copy of every object's keys: a fifth of what `eql run` allocated
 * per line over the corpus rules, and 4% of its time. This feeds the same characters, in the same
 * order, straight into the two FNV-1a hashes of `alertId`, so the ids are those of hashing the
 * text (tested against it); only strings JSON must escape (rare in events) are written out first.
 */

const FNV_PRIME = 0x01000193;

// The running hashes, module state so the per-character loop touches no object.
let ha = 0;
let hb = 0;

/** Two 32-bit FNV-1a hashes (different offsets) continued over `text`. */
function feedText(text: string): void {
  let a = ha;
  let b = hb;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, FNV_PRIME);
  }
  ha = a;
  hb = b;
}

function feedCode(c: number): void {
  ha = Math.imul(ha ^ c, FNV_PRIME);
  hb = Math.imul(hb ^ c, FNV_PRIME);
}

/** `JSON.stringify(text)`'s characters: as they are between quotes unless one must be escaped. */
function feedString(text: string): void {
  const a0 = ha;
  const b0 = hb;
  let a = Math.imul(a0 ^ 0x22, FNV_PRIME);
  let b = Math.imul(b0 ^ 0x22, FNV_PRIME);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Control characters, `"` and `\` are escaped, and so are lone surrogates (pairs are not, but
    // telling them apart is left to JSON.stringify on this rare path).
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      ha = a0;
      hb = b0;
      feedText(JSON.stringify(text));
      return;
    }
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, FNV_PRIME);
  }
  ha = Math.imul(a ^ 0x22, FNV_PRIME);
  hb = Math.imul(b ^ 0x22, FNV_PRIME);
}

/** Sorts a short key list in place (no scratch array, unlike Array#sort); code-unit order, as sort's. */
function sortKeys(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

/** The characters of `canonicalText(value)`, recursively (a RangeError past the call stack). */
function feedValue(value: unknown): void {
  if (typeof value === 'string') return feedString(value);
  if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') return feedText('null');
  if (typeof value === 'boolean') return feedText(value ? 'true' : 'false');
  if (typeof value === 'number') return feedText(Number.isFinite(value) ? String(value) : 'null');
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (Array.isArray(value)) {
    feedCode(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) feedCode(0x2c);
      feedValue(value[i]);
    }
    return feedCode(0x5d);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      // Insertion sort is quadratic: a very wide object takes the library sort.
      if (keys.length > 64) keys.sort();
      else sortKeys(keys);
      break;
    }
  }
  feedCode(0x7b);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0) feedCode(0x2c);
    feedString(key);
    feedCode(0x3a);
    feedValue(record[key]);
  }
  feedCode(0x7d);
}

/** A pair of FNV-1a hash states. */
export interface HashPair {
  a: number;
  b: number;
}

/** Continues `h` over `text`. */
export function hashText(h: HashPair, text: string): void {
  ha = h.a;
  hb = h.b;
  feedText(text);
  h.a = ha >>> 0;
  h.b = hb >>> 0;
}

/**
 * Continues `h` over the canonical JSON of `value` (`canonicalText`), without writing it;
 * `deepText` gives the text of values nested deeper than the call stack.
 */
export function hashCanonical(h: HashPair, value: unknown, deepText: (value: unknown) => string): void {
  ha = h.a;
  hb = h.b;
  try {
    feedValue(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    ha = h.a;
    hb = h.b;
    feedText(deepText(value));
  }
  h.a = ha >>> 0;
  h.b = hb >>> 0;
}
