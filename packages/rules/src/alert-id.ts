import { canonicalText } from './canonical-text.js';
import { hashCanonical, hashText, type HashPair } from './canonical-hash.js';
import { jsonText } from './json-text.js';

/**
 * Deterministic alert ids without `node:crypto` (this package runs in browsers): two 32-bit
 * FNV-1a hashes with different offsets over the rule id and each event's identity, as 16 hex
 * digits. Same rule and same events (in the same order) → same id, across runs and machines.
 */
export function alertId(ruleId: string, events: readonly unknown[]): string {
  // The hashes of `ruleId + ("\u0000" + identity)*`, fed part by part: no joined copy, and an
  // event's canonical JSON is hashed as it is walked, never written (see canonical-hash.ts).
  const h: HashPair = { a: 0x811c9dc5, b: (0x01000193 ^ 0x5bd1e995) >>> 0 };
  hashText(h, ruleId);
  for (const e of events) {
    hashText(h, '\u0000');
    const id = idOf(e);
    if (id !== undefined) hashText(h, id);
    else hashCanonical(h, e, deepCanonical);
  }
  return hex(h.a) + hex(h.b);
}

/** `_id:<id>` for an event with a string or number `_id` (Elasticsearch documents). */
function idOf(event: unknown): string | undefined {
  if (event && typeof event === 'object' && !Array.isArray(event)) {
    const id = (event as Record<string, unknown>)._id;
    if (typeof id === 'string' || typeof id === 'number') return `_id:${id}`;
  }
  return undefined;
}

const deepCanonical = (value: unknown) => jsonText(value, { canonical: true });

/** An event's `_id` when it has one (Elasticsearch documents), else its canonical JSON. */
export function eventIdentity(event: unknown): string {
  return idOf(event) ?? canonicalJson(event);
}

/** JSON with object keys sorted, so key order in the input does not change the id; any depth. */
export function canonicalJson(value: unknown): string {
  try {
    return canonicalText(value);
  } catch (error) {
    // Deeper than the call stack: the iterative writer has no depth limit.
    if (error instanceof RangeError) return jsonText(value, { canonical: true });
    throw error;
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
