import { SharedCache } from './shared-cache.js';
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

/** A reader of the rest of a path from one object level. */
type LevelReader = (node: unknown) => unknown;

interface Candidate {
  readonly key: string;
  /** The key is also an Object.prototype member (`constructor`, `__proto__`...): check own-ness. */
  readonly guard: boolean;
  readonly next: LevelReader;
}

const identity: LevelReader = (node) => node;

/**
 * Build the reader for a path of segments. At each level every dotted join of the next segments
 * is a candidate key (`{"a.b": {"c": 1}}` and `{"a": {"b.c": 1}}` both give `a.b.c`), arrays of
 * objects are flattened, and only own properties are read (`__proto__`, `constructor` are data).
 * Candidate keys and readers are built once here; per event only property reads remain (the
 * own-property check is only needed for keys that Object.prototype also has).
 */
function pathReader(segments: readonly string[]): FieldGetter {
  const n = segments.length;
  const levels: LevelReader[] = new Array<LevelReader>(n + 1);
  levels[n] = identity;
  for (let i = n - 1; i >= 0; i--) {
    const candidates: Candidate[] = [];
    // Keys grow one segment at a time (not sliced and joined per candidate), so a path of n
    // segments costs O(n^2) here rather than O(n^3). Object.prototype's names hold no dot: only
    // a one-segment key can be inherited, dotted ones are checked as own just in case.
    let key = '';
    for (let j = i + 1; j <= n; j++) {
      key = j === i + 1 ? segments[i]! : `${key}.${segments[j - 1]!}`;
      candidates.push({ key, guard: j === i + 1 ? key in Object.prototype : true, next: levels[j] ?? identity });
    }
    levels[i] = levelReader(candidates);
  }
  const root = levels[0] ?? identity;
  return (event) => root(event);
}

function levelReader(candidates: readonly Candidate[]): LevelReader {
  const only = candidates.length === 1 ? candidates[0] : undefined;
  const self: LevelReader = only
    ? (node) => {
        if (typeof node !== 'object' || node === null) return undefined;
        if (Array.isArray(node)) return readArray(node, self);
        const v = (node as Record<string, unknown>)[only.key];
        if (v === undefined || (only.guard && !hasOwn.call(node, only.key))) return undefined;
        return only.next(v);
      }
    : (node) => {
        if (typeof node !== 'object' || node === null) return undefined;
        if (Array.isArray(node)) return readArray(node, self);
        let result: unknown;
        for (let k = 0; k < candidates.length; k++) {
          const c = candidates[k] as Candidate;
          const v = (node as Record<string, unknown>)[c.key];
          if (v === undefined || (c.guard && !hasOwn.call(node, c.key))) continue;
          const r = c.next(v);
          if (r !== undefined) result = result === undefined ? r : merge(result, r);
        }
        return result;
      };
  return self;
}

/** An array of objects on the way to a field: the field of each element, flattened. */
function readArray(items: readonly unknown[], reader: LevelReader): unknown {
  let out: unknown;
  for (const item of items) {
    if (typeof item === 'object' && item !== null) out = merge(out, reader(item));
  }
  return out;
}

/**
 * Readers by path, one per distinct path for every query compiled: readers hold no state, and
 * the detection-rules corpus's 1,024 rules built about 15,000 of them (40,000 closures and their
 * candidate lists, about 10 MB) for some hundreds of distinct paths.
 */
const sharedReaders = new SharedCache<FieldGetter>(4096);

/**
 * Compile the reader of a field path (`["process", "name"]`), once per path. With a schema,
 * aliases are followed and explicit `null`s become the mapping's `null_value`.
 */
export function compileFieldGetter(path: readonly string[], schema?: Schema): FieldGetter {
  const resolved = resolveMapping(schema, path.join('.'));
  const segments = resolved && resolved.path !== path.join('.') ? resolved.path.split('.') : path;
  const read = sharedReaders.get(JSON.stringify(segments), () => pathReader(segments));
  const nullValue = resolved?.mapping.nullValue;
  if (nullValue === undefined) return read;
  return (event) => {
    const v = read(event);
    if (v === null) return nullValue;
    if (Array.isArray(v) && v.includes(null)) return v.map((x) => (x === null ? nullValue : x));
    return v;
  };
}
