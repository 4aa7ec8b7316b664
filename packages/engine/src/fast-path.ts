/**
 * A shortcut for the commonest term conditions: `field == "text"`, `field != "text"`,
 * `field in ("a", "b")` joined by `and`/`or`/`not`, on events whose layout is plain (nested
 * objects, one scalar value, no dotted-key twin). There the answer is exact string equality
 * (EQL-SEMANTICS 3.2/3.4), decided without the general field reader; any other layout (arrays,
 * dotted keys, numbers, inherited properties) defers to the compiled predicate. So the shortcut
 * only decides where the full predicate cannot disagree (checked by fast-path.test.ts), and the
 * common case of detection rules — most events fail a string test — costs a few property reads.
 */
import type { Expression, FieldRef } from '@eqlkit/parser';
import type { EventPredicate } from './compile-expression.js';
import type { EqlEvent } from './event.js';
import type { Schema } from './schema.js';
import { resolveMapping } from './schema.js';
import { SharedCache } from './shared-cache.js';

const FALSE = 0;
const TRUE = 1;
const DEFER = 2;
type Verdict = typeof FALSE | typeof TRUE | typeof DEFER;

/** Returned by a plain read when the layout is not plain: the general reader must decide. */
const UNKNOWN: unique symbol = Symbol('unknown layout');
type Scalar = string | number | boolean;
/** What a plain read gives: the field's value as the general reader would (a scalar, or an array of values as is). */
type Plain = Scalar | object;

/**
 * A field read for the shortcut: the value (a scalar, or what the last level holds as is: an
 * array of values, as the general reader returns it), `null` when surely absent, or UNKNOWN.
 */
type PlainRead = (event: EqlEvent) => Plain | null | typeof UNKNOWN;

/**
 * Names an `Object.prototype` lookup could answer (`constructor`, `__proto__`...): paths with
 * them are left to the general reader, which reads own properties only. For any other name a
 * property found on a JSON object is its own, so the shortcut needs no `hasOwnProperty` call.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The value at the end of a plain path: what the general reader returns there, as is. */
function leafValue(v: unknown): Plain | null {
  return v === undefined || v === null ? null : (v as Plain);
}

type Node = Record<string, unknown>;

/** The next level of a path: the object, `null` when the path ends here, or UNKNOWN (array). */
function child(node: Node, key: string): Node | null | typeof UNKNOWN {
  const v = node[key];
  if (v === undefined || v === null || typeof v !== 'object') return null;
  return Array.isArray(v) ? UNKNOWN : (v as Node);
}

/**
 * Readers shared by every shortcut of one compiled statement: the terms of a sequence test the
 * same fields one after the other on the same event, so each reader remembers its last event
 * and value.
 */
export class PlainReaders {
  private readonly readers = new Map<string, PlainRead>();
  /** Memoized values are valid for one generation: one event's evaluation. */
  private readonly clock: Clock = { generation: 0 };

  get(path: readonly string[]): PlainRead {
    const name = path.join('\u0000');
    let reader = this.readers.get(name);
    if (!reader) {
      reader = generatedReader(path, this.clock) ?? memoized(plainReader(path), this.clock);
      this.readers.set(name, reader);
    }
    return reader;
  }

  /**
   * Starts the evaluation of an event: values remembered so far are forgotten, so an event
   * object that is changed and pushed again is read afresh.
   */
  next(): void {
    this.clock.generation++;
  }
}

interface Clock {
  generation: number;
}

function memoized(read: PlainRead, clock: Clock): PlainRead {
  let lastEvent: EqlEvent | undefined;
  let lastGeneration = -1;
  let lastValue: Plain | null | typeof UNKNOWN = null;
  return (event) => {
    if (event !== lastEvent || lastGeneration !== clock.generation) {
      lastValue = read(event);
      lastEvent = event;
      lastGeneration = clock.generation;
    }
    return lastValue;
  };
}

/** Whether this runtime may compile code (a Content-Security-Policy can forbid it). */
const CAN_GENERATE = (() => {
  try {
    return (new Function('return 1') as () => number)() === 1;
  } catch {
    return false;
  }
})();

/**
 * A memoizing plain reader compiled to its own function, with the property names written into
 * the code. Closures share their code across paths, so their property loads see every field
 * name the statement reads and turn megamorphic (several times slower on a real event stream);
 * generated code keeps one name per load site. Undefined where code generation is not allowed
 * (then the closures of `plainReader` are used); both read the same values (fast-path.test.ts).
 */
function generatedReader(path: readonly string[], clock: Clock): PlainRead | undefined {
  if (!CAN_GENERATE || !generable(path)) return undefined;
  const source = `"use strict";
let last, generation = -1, value;
function read(n0) {
${readerBody(path)}
}
return function (e) {
  if (e === last && generation === C.generation) return value;
  last = e;
  generation = C.generation;
  return (value = read(e));
};`;
  return readerFactories.get(source, () => new Function('U', 'C', source) as ReaderFactory)(UNKNOWN, clock);
}

type ReaderFactory = (u: typeof UNKNOWN, c: Clock) => PlainRead;
/**
 * One compiled function per path, whichever statement reads it: each statement gets its own
 * closure (its own memo), made from shared code. A function per statement and path kept its own
 * source text and code: for the 1,081 corpus rules, 3,000 readers, 15 MB of source strings alone,
 * and code spread over that much more memory.
 */
const readerFactories = new SharedCache<ReaderFactory>(4096);

function generable(path: readonly string[]): boolean {
  return path.length > 0 && !path.some((k) => PROTOTYPE_NAMES.has(k));
}

/** Statements of a plain read of `path` from `n0`, returning the value, null or `U`. */
function readerBody(path: readonly string[]): string {
  const n = path.length;
  const lit = (key: string) => JSON.stringify(key);
  // Untyped callers may push a non-object (or an array): the general reader decides there.
  const lines: string[] = ['if (typeof n0 !== "object" || n0 === null || Array.isArray(n0)) return U;'];
  for (let i = 0; i < n - 1; i++) {
    // A dotted twin at this level (`{"event.action": ...}` beside `{"event": {...}}`).
    const twins: string[] = [];
    for (let j = i + 2; j <= n; j++) twins.push(`n${i}[${lit(path.slice(i, j).join('.'))}] !== undefined`);
    lines.push(`if (${twins.join(' || ')}) return U;`);
    lines.push(`const n${i + 1} = n${i}[${lit(path[i]!)}];`);
    lines.push(`if (n${i + 1} === undefined || n${i + 1} === null || typeof n${i + 1} !== "object") return null;`);
    lines.push(`if (Array.isArray(n${i + 1})) return U;`);
  }
  lines.push(`const v = n${n - 1}[${lit(path[n - 1]!)}];`);
  lines.push('return v === undefined || v === null ? null : v;');
  return lines.join('\n');
}

/**
 * The prefilter's candidate mask compiled to one function: the reads and the comparisons with
 * the literals written into the code (no closures between them, which is most of the cost on a
 * stream where nearly every event is ruled out here).
 */
function generatedCandidates(groups: readonly { path: readonly string[]; byValue: ReadonlyMap<string, number>; all: number }[]): ((event: EqlEvent) => number) | undefined {
  if (!CAN_GENERATE || !groups.every((g) => generable(g.path))) return undefined;
  const maps: ReadonlyMap<string, number>[] = [];
  const readers = groups.map((g, k) => `function r${k}(n0) {\n${readerBody(g.path)}\n}`);
  const checks = groups.map((g, k) => {
    let match: string;
    if (g.byValue.size > 8) {
      match = `mask |= M[${maps.length}].get(v) ?? 0;`;
      maps.push(g.byValue);
    } else {
      match = [...g.byValue].map(([value, bits], i) => `${i > 0 ? 'else ' : ''}if (v === ${JSON.stringify(value)}) mask |= ${bits};`).join(' ');
    }
    return `v = r${k}(e);\nif (typeof v === "string") { ${match} } else if (v !== null) mask |= ${g.all};`;
  });
  const source = `"use strict";
${readers.join('\n')}
return function (e) {
  let mask = 0, v;
${checks.join('\n')}
  return mask;
};`;
  return (new Function('U', 'M', source) as (u: typeof UNKNOWN, m: ReadonlyMap<string, number>[]) => (event: EqlEvent) => number)(UNKNOWN, maps);
}

/**
 * Reads fields of `events[from..to)` and returns a number made of them (the caller keeps it, so
 * the reads are not optimized away): see {@link compileToucher}.
 */
export type Toucher = (events: readonly EqlEvent[], from: number, to: number) => number;

/**
 * A loop that reads `paths` (and, for strings, their length) of a run of events, compiled to
 * code with the names written in; undefined where code may not be generated or no path is
 * usable. Why: over events far apart in memory (an array parsed long ago) evaluation waits on
 * main memory for each event in turn, one chain of reads after another; a short loop over many
 * events issues those reads together, so they overlap, and the evaluation that follows finds
 * them in cache. It reads own data properties of plain objects only, changing nothing.
 */
export function compileToucher(paths: readonly (readonly string[])[]): Toucher | undefined {
  const usable = new Map<string, readonly string[]>();
  for (const path of paths) if (generable(path)) usable.set(path.join('\u0000'), path);
  if (!CAN_GENERATE || usable.size === 0) return undefined;
  const lit = (key: string) => JSON.stringify(key);
  // Its own walk, not `readerBody`'s: the reads only need to happen, not to be right for every
  // layout, and the plain reader's dotted-twin and array checks made the loop 20% slower over
  // the bench's 200,000 objects (33-37 against 40-42 ms), fewer misses overlapping.
  const reads = [...usable.values()].map((path) => {
    const lines: string[] = [];
    let node = 'n0';
    for (let i = 0; i < path.length - 1; i++) {
      // Each path is its own block, so the names may repeat between paths.
      lines.push(`const n${i + 1} = ${node}[${lit(path[i]!)}];`);
      node = `n${i + 1}`;
      lines.push(`if (typeof ${node} === "object" && ${node} !== null) {`);
    }
    lines.push(`v = ${node}[${lit(path[path.length - 1]!)}]; if (typeof v === "string") s += v.length; else if (v !== undefined) s++;`);
    for (let i = 0; i < path.length - 1; i++) lines.push('}');
    return `{\n${lines.join('\n')}\n}`;
  });
  const source = `"use strict";
return function (E, from, to) {
  let s = 0, v;
  for (let i = from; i < to; i++) {
    const n0 = E[i];
    if (typeof n0 !== "object" || n0 === null) continue;
${reads.join('\n')}
  }
  return s;
};`;
  return (new Function(source) as () => Toucher)();
}

/**
 * The engine's copy of a property name. Names sliced from the query text are not V8's
 * internalized strings, and a property load with such a key pays a string-table lookup on every
 * event; a key that went through an object literal is internalized.
 */
function intern(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}

/** The closure form of a plain reader (used where code generation is not allowed). */
export function plainReader(segments: readonly string[]): PlainRead {
  if (segments.some((k) => PROTOTYPE_NAMES.has(k))) return () => UNKNOWN;
  const read = objectReader(segments);
  // Untyped callers may push a non-object (or an array): the general reader decides there.
  return (e) => (typeof e !== 'object' || e === null || Array.isArray(e) ? UNKNOWN : read(e));
}

function objectReader(segments: readonly string[]): PlainRead {
  const path = segments.map(intern);
  const [a = '', b = '', c = ''] = path;
  // A dotted twin (`{"event.action": ...}` beside `{"event": {...}}`) means another layout.
  switch (path.length) {
    case 1:
      return (e) => leafValue(e[a]);
    case 2: {
      const ab = intern(`${a}.${b}`);
      return (e) => {
        if (e[ab] !== undefined) return UNKNOWN;
        const o = e[a];
        if (o === undefined || o === null || typeof o !== 'object') return null;
        if (Array.isArray(o)) return UNKNOWN;
        return leafValue((o as Node)[b]);
      };
    }
    case 3: {
      const ab = intern(`${a}.${b}`);
      const abc = intern(`${ab}.${c}`);
      const bc = intern(`${b}.${c}`);
      return (e) => {
        if (e[abc] !== undefined || e[ab] !== undefined) return UNKNOWN;
        const o = child(e as Node, a);
        if (o === null || o === UNKNOWN) return o;
        if (o[bc] !== undefined) return UNKNOWN;
        const p = child(o, b);
        return p === null || p === UNKNOWN ? p : leafValue(p[c]);
      };
    }
    default: {
      const n = path.length;
      const dotted: string[][] = path.map((_, i) => {
        const keys: string[] = [];
        for (let j = i + 2; j <= n; j++) keys.push(intern(path.slice(i, j).join('.')));
        return keys;
      });
      return (e) => {
        let node = e as Node;
        for (let i = 0; i < n - 1; i++) {
          for (const key of dotted[i]!) if (node[key] !== undefined) return UNKNOWN;
          const next = child(node, path[i]!);
          if (next === null || next === UNKNOWN) return next;
          node = next;
        }
        return leafValue(node[path[n - 1]!]);
      };
    }
  }
}

type Leaf = (event: EqlEvent) => Verdict;

/** Fields the shortcut may read: no mapping, or a plain keyword without null_value or alias. */
function plainField(ref: FieldRef, schema: Schema | undefined): boolean {
  if (!schema) return true;
  const resolved = resolveMapping(schema, ref.name);
  if (resolved === undefined) return !schema.fields.has(ref.name);
  const { path, mapping } = resolved;
  return path === ref.name && (mapping.type === 'keyword' || mapping.type === 'wildcard') && mapping.nullValue === undefined;
}

/**
 * `and`/`or` of two shortcuts. Both sides are pure and the combination is symmetric, so the side
 * that decides more often (false for `and`, true for `or`) is moved first, learnt as events pass.
 */
function combine(op: 'and' | 'or', left: Leaf, right: Leaf): Leaf {
  const decisive: Verdict = op === 'and' ? FALSE : TRUE;
  const other: Verdict = op === 'and' ? TRUE : FALSE;
  let first = left;
  let second = right;
  let firstWins = 0;
  let secondWins = 0;
  let calls = 0;
  return (e) => {
    if (++calls === 256) {
      calls = 0;
      if (secondWins > firstWins) [first, second] = [second, first];
      firstWins = secondWins = 0;
    }
    const l = first(e);
    if (l === decisive) {
      firstWins++;
      return decisive;
    }
    const r = second(e);
    if (r === decisive) {
      secondWins++;
      return decisive;
    }
    return l === other && r === other ? other : DEFER;
  };
}

function compileLeaf(expr: Expression, schema: Schema | undefined, readers: PlainReaders): Leaf | undefined {
  switch (expr.type) {
    case 'Logical': {
      const left = compileLeaf(expr.left, schema, readers);
      const right = compileLeaf(expr.right, schema, readers);
      return left && right ? combine(expr.op, left, right) : undefined;
    }
    case 'Not': {
      const operand = compileLeaf(expr.operand, schema, readers);
      if (!operand) return undefined;
      return (e) => {
        const v = operand(e);
        return v === DEFER ? DEFER : v === TRUE ? FALSE : TRUE;
      };
    }
    case 'Comparison': {
      if (expr.op !== '==' && expr.op !== '!=') return undefined;
      const [field, literal] =
        expr.left.type === 'Field' ? [expr.left, expr.right] : expr.right.type === 'Field' ? [expr.right, expr.left] : [];
      if (!field || literal?.type !== 'String' || field.type !== 'Field' || !plainField(field, schema)) return undefined;
      const read = readers.get(field.path);
      const text = literal.value;
      const hit: Verdict = expr.op === '==' ? TRUE : FALSE;
      const miss: Verdict = expr.op === '==' ? FALSE : TRUE;
      return (e) => {
        const v = read(e);
        return typeof v === 'string' ? (v === text ? hit : miss) : v === null ? miss : DEFER;
      };
    }
    case 'In': {
      if (expr.caseInsensitive || expr.value.type !== 'Field' || !plainField(expr.value, schema)) return undefined;
      if (!expr.list.every((item) => item.type === 'String')) return undefined;
      const set = new Set(expr.list.map((item) => (item as { value: string }).value));
      const read = readers.get(expr.value.path);
      const hit: Verdict = expr.negated ? FALSE : TRUE;
      const miss: Verdict = expr.negated ? TRUE : FALSE;
      return (e) => {
        const v = read(e);
        return typeof v === 'string' ? (set.has(v) ? hit : miss) : v === null ? miss : DEFER;
      };
    }
    default:
      return undefined;
  }
}

/**
 * The predicate of `condition` with the shortcut in front of `full` (its compiled form), or
 * `full` itself when the condition is not of the supported shape.
 */
export function withFastPath(condition: Expression, full: EventPredicate, readers: PlainReaders, schema?: Schema): EventPredicate {
  const leaf = compileLeaf(condition, schema, readers);
  if (!leaf) return full;
  return (event) => {
    const v = leaf(event);
    return v === DEFER ? full(event) : v === TRUE;
  };
}

/**
 * The category test of `category where` (value equal to `name`, or an array containing it), with
 * the shortcut on plain layouts and `read` (the general field reader) otherwise.
 */
export function categoryTest(
  path: readonly string[],
  name: string,
  read: (event: EqlEvent) => unknown,
  readers: PlainReaders,
  schema?: Schema,
): EventPredicate {
  const slow: EventPredicate = (event) => {
    const v = read(event);
    return v === name || (Array.isArray(v) && v.includes(name));
  };
  if (!plainField({ type: 'Field', path, name: path.join('.'), optional: false, range: [0, 0] }, schema)) return slow;
  const plain = readers.get(path);
  return (event) => {
    const v = plain(event);
    // ECS writes the category as an array (`["process"]`): a plain read returns it as is.
    return typeof v === 'string' ? v === name : v === null ? false : Array.isArray(v) ? v.includes(name) : slow(event);
  };
}

/**
 * A field reader with the shortcut: values of plain layouts directly, `read` (the general
 * reader) for everything else. Absent and `null` both read as undefined: for join keys, where
 * they mean the same.
 */
export function fastFieldGetter(
  path: readonly string[],
  read: (event: EqlEvent) => unknown,
  readers: PlainReaders,
  schema?: Schema,
): (event: EqlEvent) => unknown {
  if (!plainField({ type: 'Field', path, name: path.join('.'), optional: false, range: [0, 0] }, schema)) return read;
  const plain = readers.get(path);
  return (event) => {
    const v = plain(event);
    return v === UNKNOWN ? read(event) : v === null ? undefined : v;
  };
}

// ---------------------------------------------------------------------------------------------
// Prefilter: one cheap test that rules out events no term can match.

/** String values one field must hold for a condition to match (`f == "a"`, `f in (...)`). */
interface Requirement {
  readonly path: readonly string[];
  readonly values: ReadonlySet<string>;
}

/** Requirements reachable through `and` (all must hold) and `or` (same field on both sides). */
function requirements(expr: Expression, schema: Schema | undefined): Requirement[] {
  switch (expr.type) {
    case 'Logical': {
      const left = requirements(expr.left, schema);
      const right = requirements(expr.right, schema);
      if (expr.op === 'and') return [...left, ...right];
      const out: Requirement[] = [];
      for (const l of left) {
        const r = right.find((x) => x.path.join('.') === l.path.join('.'));
        if (r) out.push({ path: l.path, values: new Set([...l.values, ...r.values]) });
      }
      return out;
    }
    case 'Comparison': {
      if (expr.op !== '==') return [];
      const [field, literal] =
        expr.left.type === 'Field' ? [expr.left, expr.right] : expr.right.type === 'Field' ? [expr.right, expr.left] : [];
      if (field?.type !== 'Field' || literal?.type !== 'String' || !plainField(field, schema)) return [];
      return [{ path: field.path, values: new Set([literal.value]) }];
    }
    case 'In': {
      if (expr.negated || expr.caseInsensitive || expr.value.type !== 'Field' || !plainField(expr.value, schema)) return [];
      if (!expr.list.every((item) => item.type === 'String')) return [];
      return [{ path: expr.value.path, values: new Set(expr.list.map((item) => (item as { value: string }).value)) }];
    }
    default:
      return [];
  }
}

/** A term for the prefilter: its condition and, unless `any`, the category it requires. */
export interface PrefilterTerm {
  readonly condition: Expression;
  readonly category?: { readonly path: readonly string[]; readonly name: string };
}

/**
 * The term mask of a string value. A few values are compared one by one: an event's strings are
 * fresh, and hashing one for a map lookup costs more than a handful of length-first comparisons.
 */
function maskLookup(byValue: ReadonlyMap<string, number>): (value: string) => number {
  if (byValue.size > 8) return (value) => byValue.get(value) ?? 0;
  const values = [...byValue.keys()];
  const masks = values.map((v) => byValue.get(v)!);
  return (value) => {
    for (let i = 0; i < values.length; i++) if (values[i] === value) return masks[i]!;
    return 0;
  };
}

/** The prefilter of a list of terms. */
export interface Prefilter {
  /** False only when no term can match the event. */
  readonly test: (event: EqlEvent) => boolean;
  /**
   * The terms that may match the event, as a bit mask over term indexes (bit i = term i); -1
   * when unknown (more than 30 terms). 0 exactly when `test` is false.
   */
  readonly candidates: (event: EqlEvent) => number;
  /** The fields it reads (dotted paths split), for {@link compileToucher}. */
  readonly paths: readonly (readonly string[])[];
}

/**
 * A test that is false only when no term can match the event: each term needs some field to hold
 * one of a few strings, read on plain layouts (anything else passes). Undefined when some term
 * has no such requirement. Terms are grouped by field, so a sequence whose terms all test
 * `event.action` costs one read and one map lookup per event.
 */
export function compilePrefilter(
  terms: readonly PrefilterTerm[],
  readers: PlainReaders,
  schema?: Schema,
  /** Compile the candidate test to code when the runtime allows (tests turn it off). */
  generate = true,
): Prefilter | undefined {
  const perTerm = terms.map((t) => {
    const reqs = requirements(t.condition, schema);
    if (t.category) {
      const ref: FieldRef = { type: 'Field', path: t.category.path, name: t.category.path.join('.'), optional: false, range: [0, 0] };
      if (plainField(ref, schema)) reqs.push({ path: t.category.path, values: new Set([t.category.name]) });
    }
    return reqs;
  });
  if (perTerm.some((reqs) => reqs.length === 0)) return undefined;
  // Prefer the field most terms test, so that the fewest reads decide; among equals the one
  // written last (rules tend to open with broad tests such as `event.dataset == ...`).
  const counts = new Map<string, number>();
  for (const reqs of perTerm) for (const name of new Set(reqs.map((r) => r.path.join('.')))) counts.set(name, (counts.get(name) ?? 0) + 1);
  const masks = terms.length <= 30;
  const groups = new Map<string, { path: readonly string[]; byValue: Map<string, number>; all: number }>();
  perTerm.forEach((reqs, t) => {
    const best = reqs.reduce((a, b) => ((counts.get(b.path.join('.')) ?? 0) >= (counts.get(a.path.join('.')) ?? 0) ? b : a));
    const name = best.path.join('.');
    const group = groups.get(name) ?? { path: best.path, byValue: new Map<string, number>(), all: 0 };
    const bit = masks ? 1 << t : -1;
    group.all |= bit;
    for (const v of best.values) group.byValue.set(v, (group.byValue.get(v) ?? 0) | bit);
    groups.set(name, group);
  });
  const paths = [...groups.values()].map((g) => g.path);
  const generated = masks && generate ? generatedCandidates([...groups.values()]) : undefined;
  if (generated) return { test: (event) => generated(event) !== 0, candidates: generated, paths };
  const checks = [...groups.values()].map((g) => ({ read: readers.get(g.path), lookup: maskLookup(g.byValue), all: g.all }));
  const candidates = (event: EqlEvent): number => {
    let mask = 0;
    for (const { read, lookup, all } of checks) {
      const v = read(event);
      if (typeof v === 'string') mask |= lookup(v);
      else if (v !== null) mask |= all;
    }
    return mask;
  };
  if (checks.length === 1) {
    const { read, lookup, all } = checks[0]!;
    return {
      test: (event) => {
        const v = read(event);
        return typeof v === 'string' ? lookup(v) !== 0 : v !== null;
      },
      candidates: (event) => {
        const v = read(event);
        return typeof v === 'string' ? lookup(v) : v !== null ? all : 0;
      },
      paths,
    };
  }
  return { test: (event) => candidates(event) !== 0, candidates, paths };
}
