/**
 * Join keys (EQL-SEMANTICS 5.4): the key values of an event for one term. A null or absent
 * value cannot join unless the key is optional (`?k`); a multi-valued key yields each distinct
 * non-null value (in ascending order, as doc values list them); several keys yield the cartesian
 * product. Values are compared by value: the caller normalizes typed fields (dates to epoch
 * millis, numbers from numeric strings) so that equal values meet under one map key.
 */
import type { EqlEvent } from './event.js';
import type { ValueGetter } from './order.js';
import { compareUtf8 } from './values.js';

/** One scalar key value; `null` only through an optional key. */
export type KeyValue = string | number | boolean | null;
export type KeyTuple = readonly KeyValue[];

/** One key position of a term. */
export interface KeyField {
  readonly get: ValueGetter;
  /** `?field`: a null value is a legitimate key. */
  readonly optional: boolean;
  /** Maps a stored value to its comparable form (e.g. a date string to epoch millis); undefined = null. */
  readonly normalize?: (value: unknown) => KeyValue | undefined;
}

/** The key tuples of an event for a term, in key order; empty when the event cannot join. */
export interface KeyExtractor {
  (event: EqlEvent): KeyTuple[];
  /**
   * Terms joined on one field: the event's key as `encodeKey` gives it when it has exactly one,
   * {@link NO_KEY} when none, {@link SEVERAL_KEYS} when several (a multi-valued field). A lookup
   * by key needs no tuple arrays then, which a stream asks of every later-stage event.
   */
  readonly single?: (event: EqlEvent) => unknown;
}

/** `KeyExtractor.single` of an event that cannot join. */
export const NO_KEY: unique symbol = Symbol('no key');
/** `KeyExtractor.single` of an event with several keys. */
export const SEVERAL_KEYS: unique symbol = Symbol('several keys');

const NO_KEYS: KeyTuple[] = [];
const EMPTY_TUPLE: KeyTuple[] = [[]];

function scalar(value: unknown, normalize: KeyField['normalize']): KeyValue | undefined {
  if (normalize) return normalize(value);
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    default:
      return undefined;
  }
}

/**
 * Orders key values: null, booleans (false first), numbers, then strings by UTF-8 bytes (the
 * order of Elasticsearch's terms, so `"GTA" < "doom"`).
 */
export function compareKeyValues(a: KeyValue, b: KeyValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareUtf8(String(a), String(b));
}

function rank(v: KeyValue): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 2;
  return 3;
}

/** Lexicographic order of key tuples (the order samples are visited in). */
export function compareKeyTuples(a: KeyTuple, b: KeyTuple): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareKeyValues(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The distinct values of one key position, sorted; empty when the event cannot join on it. */
function valuesOf(field: KeyField, event: EqlEvent): KeyValue[] {
  const raw = field.get(event);
  if (Array.isArray(raw)) {
    const seen = new Set<KeyValue>();
    for (const item of raw) {
      const v = scalar(item, field.normalize);
      if (v !== undefined && v !== null) seen.add(v);
    }
    if (seen.size === 0) return field.optional ? [null] : [];
    return [...seen].sort(compareKeyValues);
  }
  const v = scalar(raw, field.normalize);
  if (v === undefined || v === null) return field.optional ? [null] : [];
  return [v];
}

/** Compiles the key positions of a term into an extractor. */
export function compileKeyExtractor(fields: readonly KeyField[]): KeyExtractor {
  if (fields.length === 0) return () => EMPTY_TUPLE;
  if (fields.length === 1) {
    const field = fields[0]!;
    const extract = (event: EqlEvent): KeyTuple[] => {
      const values = valuesOf(field, event);
      if (values.length === 0) return NO_KEYS;
      return values.length === 1 ? [values] : values.map((v) => [v]);
    };
    const single = (event: EqlEvent): unknown => {
      const raw = field.get(event);
      if (Array.isArray(raw)) {
        const values = valuesOf(field, event);
        return values.length === 0 ? NO_KEY : values.length === 1 ? values[0] : SEVERAL_KEYS;
      }
      const v = scalar(raw, field.normalize);
      return v === undefined || v === null ? (field.optional ? null : NO_KEY) : v;
    };
    return Object.assign(extract, { single });
  }
  return (event) => {
    let tuples: KeyValue[][] = [[]];
    for (const field of fields) {
      const values = valuesOf(field, event);
      if (values.length === 0) return NO_KEYS;
      const next: KeyValue[][] = [];
      for (const t of tuples) for (const v of values) next.push([...t, v]);
      tuples = next;
    }
    return tuples;
  };
}

/** A Map key that is equal for equal tuples (the value itself for a single key). */
export function encodeKey(tuple: KeyTuple): unknown {
  if (tuple.length === 1) return tuple[0];
  return JSON.stringify(tuple);
}
