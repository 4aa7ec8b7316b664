/**
 * The canonical JSON of alert ids (object keys sorted, a key whose value is not JSON kept with
 * `null`, `toJSON` not called), written recursively: the fast path of `canonicalJson`, about
 * twice as fast as the iterative `jsonText`. It throws a RangeError on values nested deeper than
 * the call stack allows; the caller falls back to `jsonText` then.
 */

/** `"key":` texts, memoised: events repeat the same few keys. Bounded so odd input cannot grow it. */
const keyTexts = new Map<string, string>();
const MAX_KEY_TEXTS = 10_000;

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (keyTexts.size < MAX_KEY_TEXTS) keyTexts.set(key, text);
  }
  return text;
}

/** Same output as `jsonText(value, { canonical: true })`, recursively. */
export function canonicalText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canonicalText(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Most events already hold their keys in order; checking is cheaper than sorting.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    text += (i > 0 ? ',' : '') + keyText(key) + canonicalText(record[key]);
  }
  return `${text}}`;
}
