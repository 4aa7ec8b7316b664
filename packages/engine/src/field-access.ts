import type { EqlEvent } from './event.js';
import { resolveMapping, type Schema } from './schema.js';

/** Reads one field of an event: `undefined` when absent; arrays (multi-values) returned as is. */
export type FieldGetter = (event: EqlEvent) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** Combine two reads of the same field (dotted and nested layouts both present) into one multi-value. */
function merge(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [...(Array.isArray(a) ? a : [a]), ...(Array.isArray(b) ? b : [b])];
}

/**
 * Build the reader for a path of segments. At each level every dotted join of the next segments
 * is a candidate key (`{"a.b": {"c": 1}}` and `{"a": {"b.c": 1}}` both give `a.b.c`), arrays of
 * objects are flattened, and only own properties are read (`__proto__`, `constructor` are data).
 * Candidate keys are joined once here, not per event.
 */
function pathReader(segments: readonly string[]): FieldGetter {
  const n = segments.length;
  // keys[i] lists [key, nextIndex] for every dotted join of segments[i..j).
  const keys: Array<Array<readonly [string, number]>> = [];
  for (let i = 0; i < n; i++) {
    const row: Array<readonly [string, number]> = [];
    for (let j = i + 1; j <= n; j++) row.push([segments.slice(i, j).join('.'), j] as const);
    keys.push(row);
  }
  const read = (node: unknown, i: number): unknown => {
    if (i === n) return node;
    if (typeof node !== 'object' || node === null) return undefined;
    if (Array.isArray(node)) {
      let out: unknown;
      for (const item of node) {
        if (typeof item === 'object' && item !== null) out = merge(out, read(item, i));
      }
      return out;
    }
    const record = node as Record<string, unknown>;
    let result: unknown;
    for (const [key, next] of keys[i] ?? []) {
      const v = record[key];
      if (v === undefined || !hasOwn.call(record, key)) continue;
      result = merge(result, read(v, next));
    }
    return result;
  };
  if (n === 1) {
    const key = segments[0] ?? '';
    return (event) => {
      const v = event[key];
      return v === undefined || !hasOwn.call(event, key) ? undefined : v;
    };
  }
  return (event) => read(event, 0);
}

/**
 * Compile the reader of a field path (`["process", "name"]`), once per path. With a schema,
 * aliases are followed and explicit `null`s become the mapping's `null_value`.
 */
export function compileFieldGetter(path: readonly string[], schema?: Schema): FieldGetter {
  const resolved = resolveMapping(schema, path.join('.'));
  const segments = resolved && resolved.path !== path.join('.') ? resolved.path.split('.') : path;
  const read = pathReader(segments);
  const nullValue = resolved?.mapping.nullValue;
  if (nullValue === undefined) return read;
  return (event) => {
    const v = read(event);
    if (v === null) return nullValue;
    if (Array.isArray(v) && v.includes(null)) return v.map((x) => (x === null ? nullValue : x));
    return v;
  };
}
