/**
 * JSON text without recursion, for values nested deeper than the call stack allows
 * (`JSON.stringify` throws a RangeError on an event nested a few thousand levels deep, and
 * `JSON.parse` accepts far deeper ones).
 */

/** Text emitted as is between values. */
class Raw {
  constructor(readonly text: string) {}
}

/** How `jsonText` writes a value. */
export interface JsonTextOptions {
  /**
   * Canonical form (alert ids): object keys sorted, a key whose value is not JSON (undefined, a
   * function) kept with `null`, `toJSON` not called. Default false: what `JSON.stringify` writes.
   */
  readonly canonical?: boolean;
}

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** A scalar's text; `undefined` for objects and arrays. */
function scalarText(value: unknown): string | undefined {
  if (value === null || isSkipped(value)) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  return undefined;
}

/**
 * The JSON text of `value`, iteratively: any nesting depth, same output as `JSON.stringify`
 * (or, with `canonical`, as the alert-id canonical form). A top-level `undefined` gives `null`.
 */
export function jsonText(value: unknown, options: JsonTextOptions = {}): string {
  const canonical = options.canonical === true;
  const out: string[] = [];
  const work: unknown[] = [value];
  while (work.length > 0) {
    let item = work.pop();
    if (item instanceof Raw) {
      out.push(item.text);
      continue;
    }
    if (!canonical && item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON === 'function') {
      item = (item as { toJSON(): unknown }).toJSON();
    }
    const scalar = scalarText(item);
    if (scalar !== undefined) {
      out.push(scalar);
      continue;
    }
    // Pushed in reverse: the work list is a stack.
    if (Array.isArray(item)) {
      work.push(new Raw(']'));
      for (let i = item.length - 1; i >= 0; i--) {
        work.push(item[i]);
        if (i > 0) work.push(new Raw(','));
      }
      out.push('[');
      continue;
    }
    const record = item as Record<string, unknown>;
    let keys = Object.keys(record);
    if (canonical) keys = keys.sort();
    else keys = keys.filter((k) => !isSkipped(record[k]));
    work.push(new Raw('}'));
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      work.push(record[key]);
      work.push(new Raw(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`));
    }
    out.push('{');
  }
  return out.join('');
}
