import type { Needle, RawPrefilterSpec } from './raw-prefilter.js';

/** True when an NDJSON line may hold an event some term matches (false: skip it unparsed). */
export type RawLineFilter = (line: string) => boolean;

/**
 * True when the line has a JSON escape other than the canonical ones `JSON.stringify` writes
 * (`\uXXXX`, `\/`): those can spell any character, so the line may hide a needle.
 */
export function hasHidingEscape(line: string): boolean {
  for (let i = line.indexOf('\\'); i !== -1; i = line.indexOf('\\', i + 2)) {
    const c = line.charCodeAt(i + 1);
    if (c === 117 /* u */ || c === 47 /* / */) return true;
  }
  return false;
}

/** Above this many distinct needles one Aho-Corasick pass replaces an `indexOf` per needle. */
const INDEXOF_LIMIT = 12;
/** Shortest needle the many-needle path keeps. */
const MIN_SHARED_NEEDLE = 4;

interface Plan {
  readonly needles: readonly Needle[];
  /** Per term, per group, the needle ids of its alternatives. */
  readonly terms: ReadonlyArray<ReadonlyArray<readonly number[]>>;
}

/** How lines reach the filter. */
export interface RawPrefilterOptions {
  /**
   * Lines are UTF-8 bytes read one byte per character (a `latin1` decoding of the raw bytes),
   * so that they are tested before any UTF-8 decoding. Needles are encoded alike; a byte
   * sequence is found exactly where the decoded text has the needle (UTF-8 is self-synchronising,
   * and ASCII bytes never occur inside a multi-byte character).
   */
  readonly utf8Bytes?: boolean;
}

/** The needle as UTF-8 bytes, one character per byte (a lone surrogate as U+FFFD, as encoders do). */
export function asUtf8Bytes(text: string): string {
  let out = '';
  for (const ch of text) {
    let cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out += ch;
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

function plan(spec: RawPrefilterSpec, utf8Bytes: boolean): Plan {
  const ids = new Map<string, number>();
  const needles: Needle[] = [];
  const id = (n: Needle) => {
    const key = `${n.caseInsensitive ? 'i' : 's'}${n.text}`;
    let i = ids.get(key);
    if (i === undefined) {
      i = needles.length;
      ids.set(key, i);
      needles.push(utf8Bytes ? { text: asUtf8Bytes(n.text), caseInsensitive: n.caseInsensitive } : n);
    }
    return i;
  };
  // Most selective group first (longest shortest needle): a term fails fast, and in the
  // Aho-Corasick path only terms whose first group was seen are checked at all.
  const strength = (g: readonly Needle[]) => Math.min(...g.map((n) => n.text.length)) - g.length / 100;
  const terms = spec.terms.map((t) => [...t.groups].sort((a, b) => strength(b) - strength(a)).map((g) => g.map(id)));
  return { needles, terms };
}

/**
 * Compiles a prefilter to one test of a raw NDJSON line. A line passes when some term has a
 * needle of each of its groups in it (case-insensitive needles in the ASCII-folded line), when it
 * has an escape that could hide a needle, or when it does not look like one JSON object
 * (`{...}`: so malformed lines still reach the parser and get reported).
 */
export function compileRawPrefilter(spec: RawPrefilterSpec, options: RawPrefilterOptions = {}): RawLineFilter {
  const p = plan(spec, options.utf8Bytes === true);
  if (p.needles.length > INDEXOF_LIMIT) {
    // With many needles the short ones (found almost everywhere) cost more than they reject:
    // their groups are dropped (a weaker requirement, still sound).
    const strong = plan({ terms: spec.terms.map((t) => ({ groups: t.groups.filter((g) => g.every((n) => n.text.length >= MIN_SHARED_NEEDLE)) })) }, options.utf8Bytes === true);
    if (strong.terms.some((t) => t.length === 0)) return () => true;
    return ahoCorasickFilter(strong);
  }
  const present = indexOfSearch(p.needles);
  const terms = p.terms;
  return (line) => {
    const n = line.length;
    if (n < 2 || line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125) return true;
    const has = present(line);
    for (const groups of terms) {
      let all = true;
      for (const g of groups) {
        let any = false;
        for (const id of g) {
          if (has(id)) {
            any = true;
            break;
          }
        }
        if (!any) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return hasHidingEscape(line);
  };
}

/** A term whose groups each have a needle for which `has` holds. */
function holds(groups: ReadonlyArray<readonly number[]>, has: (id: number) => boolean): boolean {
  for (const g of groups) {
    let any = false;
    for (const id of g) {
      if (has(id)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/** Many needles: one automaton pass, then only the terms whose first group was seen. */
function ahoCorasickFilter(p: Plan): RawLineFilter {
  const search = ahoCorasickSearch(p.needles);
  const triggers: number[][] = p.needles.map(() => []);
  p.terms.forEach((groups, t) => {
    for (const id of groups[0] ?? []) triggers[id]?.push(t);
  });
  return (line) => {
    const n = line.length;
    if (n < 2 || line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125) return true;
    const { has, found } = search(line);
    for (const id of found) {
      if (!has(id)) continue;
      for (const t of triggers[id] as number[]) if (holds(p.terms[t] as ReadonlyArray<readonly number[]>, has)) return true;
    }
    return hasHidingEscape(line);
  };
}

/** Per line, a memoised "is needle `id` in the line". */
type Search = (line: string) => (id: number) => boolean;

const asciiFold = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

function indexOfSearch(needles: readonly Needle[]): Search {
  // 0 unknown, 1 absent, 2 present: reset per line.
  const memo = new Uint8Array(needles.length);
  let line = '';
  let folded: string | undefined;
  const has = (id: number): boolean => {
    const m = memo[id];
    if (m !== 0) return m === 2;
    const needle = needles[id] as Needle;
    let found: boolean;
    if (needle.caseInsensitive) {
      folded ??= asciiFold(line);
      found = folded.includes(needle.text);
    } else found = line.includes(needle.text);
    memo[id] = found ? 2 : 1;
    return found;
  };
  return (l) => {
    memo.fill(0);
    line = l;
    folded = undefined;
    return has;
  };
}

/**
 * One pass over the line with an Aho-Corasick automaton of every needle, ASCII-folded (a dense
 * transition table over the characters the needles use). Case-sensitive needles found folded are
 * confirmed with `includes` on the line itself.
 */
function ahoCorasickSearch(needles: readonly Needle[]): (line: string) => { has: (id: number) => boolean; found: readonly number[] } {
  const fold = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  // Character classes: 0 for characters no needle has.
  const classOf = new Uint16Array(65536);
  let classes = 1;
  for (const n of needles) {
    for (let i = 0; i < n.text.length; i++) {
      const c = fold(n.text.charCodeAt(i));
      if (classOf[c] === 0) {
        classOf[c] = classes++;
        if (c >= 97 && c <= 122) classOf[c - 32] = classOf[c] as number;
      }
    }
  }
  // Trie.
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  needles.forEach((n, id) => {
    let s = 0;
    for (let i = 0; i < n.text.length; i++) {
      const k = classOf[fold(n.text.charCodeAt(i))] as number;
      let next = children[s]?.get(k);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push([]);
        children[s]?.set(k, next);
      }
      s = next;
    }
    ends[s]?.push(id);
  });
  const states = children.length;
  const delta = new Int32Array(states * classes);
  const fail = new Int32Array(states);
  // Nearest state on the failure chain that ends a needle (-1 none).
  const output = new Int32Array(states).fill(-1);
  const queue: number[] = [];
  for (const [k, t] of children[0] as Map<number, number>) {
    delta[k] = t;
    queue.push(t);
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as number;
    const f = fail[s] as number;
    output[s] = (ends[f]?.length ?? 0) > 0 ? f : (output[f] as number);
    for (let k = 0; k < classes; k++) {
      const t = children[s]?.get(k);
      if (t === undefined) delta[s * classes + k] = delta[f * classes + k] as number;
      else {
        delta[s * classes + k] = t;
        fail[t] = s === 0 ? 0 : (delta[f * classes + k] as number);
        queue.push(t);
      }
    }
  }
  const endList = ends.map((e) => Int32Array.from(e));
  const hasEnd = Uint8Array.from(ends, (e) => (e.length > 0 ? 1 : 0));
  // Per line: 0 absent, 1 found folded (to confirm when case-sensitive), 2 present, 3 absent after confirming.
  const seen = new Uint8Array(needles.length);
  const touched: number[] = [];
  let line = '';
  const has = (id: number): boolean => {
    const m = seen[id];
    if (m === 2) return true;
    if (m !== 1) return false;
    const found = line.includes((needles[id] as Needle).text);
    seen[id] = found ? 2 : 3;
    return found;
  };
  const mark = (state: number) => {
    for (let s = hasEnd[state] ? state : (output[state] as number); s > 0; s = output[s] as number) {
      for (const id of endList[s] as Int32Array) {
        if (seen[id] === 0) {
          seen[id] = (needles[id] as Needle).caseInsensitive ? 2 : 1;
          touched.push(id);
        }
      }
    }
  };
  // States where some needle ends, on their own or down the failure chain.
  const reports = Uint8Array.from(hasEnd, (h, s) => (h || output[s] !== -1 ? 1 : 0));
  const result = { has, found: touched as readonly number[] };
  return (l) => {
    for (const id of touched) seen[id] = 0;
    touched.length = 0;
    line = l;
    let s = 0;
    for (let i = 0; i < l.length; i++) {
      s = delta[s * classes + (classOf[l.charCodeAt(i)] as number)] as number;
      if (reports[s] === 1) mark(s);
    }
    return result;
  };
}

/**
 * Per line, the statements (by index in the list) that may match it through their prefilter, a
 * fresh array; undefined when every statement may. Statements without a prefilter are never
 * listed: they may match every line.
 */
export type RawLineRouter = (line: string) => number[] | undefined;

/**
 * Many statements' prefilters in one pass: for a line, which statements have a term whose
 * groups are all present. Used to hand an event only to the rules that can match it. Lines that
 * are not one JSON object, or that hold an escape that could hide a needle, may match every
 * statement.
 */
export function compileRawRouter(specs: readonly (RawPrefilterSpec | undefined)[], options: RawPrefilterOptions = {}): RawLineRouter {
  const owners: number[] = [];
  const terms: RawPrefilterSpec['terms'][number][] = [];
  specs.forEach((spec, source) => {
    for (const term of spec?.terms ?? []) {
      owners.push(source);
      terms.push(term);
    }
  });
  if (terms.length === 0) return () => [];
  const p = plan({ terms }, options.utf8Bytes === true);
  const search = ahoCorasickSearch(p.needles);
  const triggers: number[][] = p.needles.map(() => []);
  p.terms.forEach((groups, t) => {
    for (const id of groups[0] ?? []) triggers[id]?.push(t);
  });
  const passed = new Uint8Array(specs.length);
  return (line) => {
    const n = line.length;
    if (n < 2 || line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125 || hasHidingEscape(line)) return undefined;
    const { has, found } = search(line);
    const out: number[] = [];
    for (const id of found) {
      if (!has(id)) continue;
      for (const t of triggers[id] as number[]) {
        const owner = owners[t] as number;
        if (passed[owner] === 1) continue;
        if (holds(p.terms[t] as ReadonlyArray<readonly number[]>, has)) {
          passed[owner] = 1;
          out.push(owner);
        }
      }
    }
    for (const o of out) passed[o] = 0;
    return out;
  };
}
