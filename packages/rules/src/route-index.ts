import type { RouteKey } from './route-keys.js';
import { foldForRouting } from './route-keys.js';

/**
 * Routes events to the rules that can match them. Rules with keys are indexed by field and value;
 * the rest are on the always-try list. Each field named by some key is read once per event.
 */
export class RouteIndex {
  private readonly always: number[] = [];
  /** Scratch marks, one per rule, reused by every `candidates` call. */
  private hit = new Uint8Array(0);
  /** field → (exact value → rules), (folded value → rules). */
  private readonly byField = new Map<string, { exact: Map<string, number[]>; folded: Map<string, number[]>; path: string[] }>();

  /** Adds rule number `rule` with its keys (undefined: always try it). */
  add(rule: number, keys: readonly RouteKey[] | undefined): void {
    if (rule >= this.hit.length) {
      const grown = new Uint8Array(Math.max(rule + 1, this.hit.length * 2));
      grown.set(this.hit);
      this.hit = grown;
    }
    if (!keys) {
      this.always.push(rule);
      return;
    }
    for (const key of keys) {
      let entry = this.byField.get(key.field);
      if (!entry) {
        entry = { exact: new Map(), folded: new Map(), path: key.field.split('.') };
        this.byField.set(key.field, entry);
      }
      const table = key.folded ? entry.folded : entry.exact;
      const list = table.get(key.value);
      if (list) list.push(rule);
      else table.set(key.value, [rule]);
    }
  }

  /** Number of rules that see every event. */
  get alwaysTried(): number {
    return this.always.length;
  }

  /** Rule numbers that may match `event`, ascending and without repeats. */
  candidates(event: object): number[] {
    const hit = this.hit;
    hit.fill(0);
    for (const r of this.always) hit[r] = 1;
    for (const { exact, folded, path } of this.byField.values()) {
      for (const value of fieldValues(event, path)) {
        const text = typeof value === 'string' ? value : String(value);
        const rules = exact.get(text);
        if (rules) for (const r of rules) hit[r] = 1;
        if (folded.size > 0) {
          const ci = folded.get(foldForRouting(text));
          if (ci) for (const r of ci) hit[r] = 1;
        }
      }
    }
    const out: number[] = [];
    for (let r = 0; r < hit.length; r++) if (hit[r]) out.push(r);
    return out;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Every scalar value an event holds at a dotted path, reading nested and dotted layouts and their
 * mixtures (`{"a.b": {"c": 1}}`), flattening arrays, own properties only: at least every value the
 * engine's field reader can see.
 */
export function fieldValues(node: unknown, path: readonly string[], from = 0): unknown[] {
  if (from === path.length) {
    if (Array.isArray(node)) return node.flatMap((item) => fieldValues(item, path, from));
    return node === null || node === undefined || typeof node === 'object' ? [] : [node];
  }
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((item) => fieldValues(item, path, from));
  const out: unknown[] = [];
  let key = '';
  for (let i = from; i < path.length; i++) {
    key = i === from ? (path[i] as string) : `${key}.${path[i] as string}`;
    if (hasOwn.call(node, key)) out.push(...fieldValues((node as Record<string, unknown>)[key], path, i + 1));
  }
  return out;
}
