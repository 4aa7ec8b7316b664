import { canonicalText } from './canonical-text.js';
import { jsonText } from './json-text.js';

/**
 * Deterministic alert ids without `node:crypto` (this package runs in browsers): two 32-bit
 * FNV-1a hashes with different offsets over the rule id and each event's identity, as 16 hex
 * digits. Same rule and same events (in the same order) → same id, across runs and machines.
 */
export function alertId(ruleId: string, events: readonly unknown[]): string {
  // The hashes of `ruleId + ("\u0000" + identity)*`, fed part by part (no joined copy) and both
  // in one pass.
  const h = { a: 0x811c9dc5, b: (0x01000193 ^ 0x5bd1e995) >>> 0 };
  fnv1aPair(h, ruleId);
  for (const e of events) {
    fnv1aPair(h, '\u0000');
    fnv1aPair(h, eventIdentity(e));
  }
  return hex(h.a) + hex(h.b);
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

/** Two 32-bit FNV-1a hashes (different offsets) continued over `text`. */
function fnv1aPair(h: { a: number; b: number }, text: string): void {
  let a = h.a;
  let b = h.b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  h.a = a >>> 0;
  h.b = b >>> 0;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
