/**
 * Event order (EQL-SEMANTICS 5.1): timestamp, then the tiebreaker — an event with a tiebreaker
 * sorts before one without at the same timestamp — then input position. Only events that can
 * change a result (they match some term) get an ordinal, so timestamps are parsed for them only.
 */
import type { EqlEvent } from './event.js';
import { parseTimestamp } from './time.js';

/** Where an event sits in the total order the engine evaluates in. */
export interface Ordinal {
  /** Epoch millis; NaN when the event has no readable timestamp. */
  readonly ts: number;
  /** The tiebreaker value, undefined when absent. */
  readonly tb: unknown;
  /** Input position (arrival order). */
  readonly seq: number;
}

/** Reads a field of an event: undefined when absent. Structurally the same as `FieldGetter`. */
export type ValueGetter = (event: EqlEvent) => unknown;

/** Orders scalar tiebreaker values: numbers numerically before strings, strings by code unit. */
export function compareTiebreakers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function presentTiebreaker(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? value[0] : undefined;
  return value === null ? undefined : value;
}

/**
 * Total order of ordinals. Events without a timestamp sort first, as Elasticsearch's ascending
 * "nulls first" sort would put them (they only take part in event queries).
 */
export function compareOrdinals(a: Ordinal, b: Ordinal): number {
  const an = Number.isNaN(a.ts);
  const bn = Number.isNaN(b.ts);
  if (an !== bn) return an ? -1 : 1;
  if (!an && a.ts !== b.ts) return a.ts - b.ts;
  const at = a.tb !== undefined;
  const bt = b.tb !== undefined;
  if (at !== bt) return at ? -1 : 1;
  if (at) {
    const c = compareTiebreakers(a.tb, b.tb);
    if (c !== 0) return c;
  }
  return a.seq - b.seq;
}

/** Builds ordinals from the timestamp and optional tiebreaker getters. */
export function ordinalReader(timestamp: ValueGetter, tiebreaker?: ValueGetter): (event: EqlEvent, seq: number) => Ordinal {
  return (event, seq) => {
    let raw = timestamp(event);
    if (Array.isArray(raw)) raw = raw[0];
    const ts = parseTimestamp(raw) ?? Number.NaN;
    const tb = tiebreaker ? presentTiebreaker(tiebreaker(event)) : undefined;
    return { ts, tb, seq };
  };
}
