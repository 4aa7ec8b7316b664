import { canonicalText } from './canonical-text.js';
import { jsonText } from './json-text.js';

/**
 * Deterministic alert ids without `node:crypto` (this package runs in browsers): two 32-bit
 * FNV-1a hashes with different offsets over the rule id and each event's identity, as 16 hex
 * digits. Same rule and same events (in the same order) → same id, across runs and machines.
 */
export function alertId(ruleId: string, events: readonly unknown[]): string {
  let text = ruleId;
  for (const e of events) text += `\u0000${eventIdentity(e)}`;
  return hex(fnv1a(text, 0x811c9dc5)) + hex(fnv1a(text, 0x01000193 ^ 0x5bd1e995));
}

/** An event's `_id` when it has one (Elasticsearch documents), else its canonical JSON. */
export function eventIdentity(event: unknown): string {
  if (event && typeof event === 'object' && !Array.isArray(event)) {
    const id = (event as Record<string, unknown>)._id;
    if (typeof id === 'string' || typeof id === 'number') return `_id:${id}`;
  }
  return canonicalJson(event);
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

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
