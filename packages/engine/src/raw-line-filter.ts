import { compileLuceneRegex } from './lucene-regex.js';
import { needleKey, regexGroup, textual, type Needle, type RawPrefilterSpec } from './raw-prefilter.js';

/** True when an NDJSON line may hold an event some term matches (false: skip it unparsed). */
export type RawLineFilter = ((line: string) => boolean) & {
  /**
   * True when the filter rejects no line (a term needs nothing it can search for): a reader may
   * skip it, and the work of giving it each line's text.
   */
  readonly passesEverything?: boolean;
};

/** The filter that rejects no line. */
const passEverything: RawLineFilter = Object.assign(() => true, { passesEverything: true });

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
    const key = needleKey(n);
    let i = ids.get(key);
    if (i === undefined) {
      i = needles.length;
      ids.set(key, i);
      needles.push(utf8Bytes ? { ...n, text: asUtf8Bytes(n.text), ...(n.field === undefined ? {} : { field: asUtf8Bytes(n.field) }) } : n);
    }
    return i;
  };
  // Most selective group first (longest shortest needle): a term fails fast, and in the
  // Aho-Corasick path only terms whose first group was seen are checked at all.
  const strength = (g: readonly Needle[]) => Math.min(...g.map((n) => n.text.length)) - g.length / 100;
  // Regex groups last: tested only when the rest of the term holds, and never a trigger.
  const last = (g: readonly Needle[]) => (regexGroup(g) ? 1 : 0);
  const terms = spec.terms.map((t) => [...t.groups].sort((a, b) => last(a) - last(b) || strength(b) - strength(a)).map((g) => g.map(id)));
  return { needles, terms };
}

/**
 * Compiles a prefilter to one test of a raw NDJSON line. A line passes when some term has a
 * needle of each of its groups in it (case-insensitive needles in the ASCII-folded line), when it
 * has an escape that could hide a needle, or when it does not look like one JSON object
 * (`{...}`: so malformed lines still reach the parser and get reported).
 */
export function compileRawPrefilter(spec: RawPrefilterSpec, options: RawPrefilterOptions = {}): RawLineFilter {
  // `includes` searches the whole line, so the fields needles are tied to do not matter there,
  // and it cannot find a number written otherwise: groups with a numeric needle impose nothing.
  const p = plan(
    { terms: spec.terms.map((t) => ({ groups: t.groups.filter(textual).map((g) => g.map((n) => ({ text: n.text, caseInsensitive: n.caseInsensitive }))) })) },
    options.utf8Bytes === true,
  );
  if (p.needles.length > INDEXOF_LIMIT) {
    // With many needles the short ones (found almost everywhere) cost more than they reject:
    // their groups are dropped (a weaker requirement, still sound).
    const strong = plan({ terms: spec.terms.map((t) => ({ groups: t.groups.filter((g) => g.every((n) => n.text.length >= MIN_SHARED_NEEDLE)) })) }, options.utf8Bytes === true);
    if (strong.terms.some((t) => t.length === 0)) return passEverything;
    return ahoCorasickFilter(strong, options.utf8Bytes === true);
  }
  if (p.terms.some((t) => t.length === 0)) return passEverything;
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

/** Whether each group of a term, from group `from` on, has a needle for which `has` holds. */
function holds(groups: ReadonlyArray<readonly number[]>, has: (id: number) => boolean, from = 0): boolean {
  for (let i = from; i < groups.length; i++) {
    const g = groups[i] as readonly number[];
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
function ahoCorasickFilter(p: Plan, utf8Bytes: boolean): RawLineFilter {
  const search = ahoCorasickSearch(p.needles, utf8Bytes);
  const triggers = triggerLists(p.terms, p.needles.length);
  return (line) => {
    const n = line.length;
    if (n < 2 || line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125) return true;
    const { has, found } = search(line);
    for (const id of found) {
      // The trigger is in the term's first group: only the others are left to check.
      for (const t of triggers[id] as number[]) if (holds(p.terms[t] as ReadonlyArray<readonly number[]>, has, 1)) return true;
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

const fold = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * Depth of the automaton: a longer needle is found by its first characters and confirmed in
 * place. Paths and command lines make long needles; cut at 32 characters the corpus's 8,000
 * needles needed 64,500 states instead of 70,000, few enough for 16-bit transitions (a table of
 * 10 MB instead of 20, as fast). Cut much shorter, needles sharing a prefix
 * (`c:\\windows\\system32\\`) cost more confirmations than the smaller table saves. So the
 * depth is the largest up to this one at which the states fit 16 bits (`trieDepth`); when none
 * does, this one, with 32-bit transitions.
 */
const TRIE_DEPTH = 32;
/** The shallowest depth tried before settling for 32-bit transitions. */
const MIN_TRIE_DEPTH = 20;

/**
 * The largest depth, from TRIE_DEPTH down to MIN_TRIE_DEPTH, at which the trie of the needles
 * (ASCII-folded, cut at that depth) has at most 65,535 states, counted without building anything:
 * in sorted order each text adds the characters past its common prefix with the one before, and
 * cutting every text at a depth cuts those counts there.
 */
export function trieDepth(needles: readonly Needle[]): number {
  const texts = [...new Set(needles.map((n) => n.text.replace(/[A-Z]/g, (c) => c.toLowerCase()).slice(0, TRIE_DEPTH)))].sort();
  const common = texts.map((t, i) => {
    const p = i > 0 ? (texts[i - 1] as string) : '';
    let k = 0;
    while (k < t.length && k < p.length && t.charCodeAt(k) === p.charCodeAt(k)) k++;
    return k;
  });
  for (let depth = TRIE_DEPTH; depth >= MIN_TRIE_DEPTH; depth -= 2) {
    let states = 1;
    texts.forEach((t, i) => (states += Math.min(t.length, depth) - Math.min(common[i] as number, depth)));
    if (states <= 0xffff) return depth;
  }
  return TRIE_DEPTH;
}

/** The dense automaton of `ahoCorasickSearch`, built apart so that nothing of its making stays alive. */
interface Automaton {
  /** Character class of each UTF-16 code unit (0: no needle has it; ASCII letters folded). */
  readonly classOf: Uint16Array;
  readonly classes: number;
  /** `delta[state * classes + class]`: the next state (16 bits when there are few enough). */
  readonly delta: Uint16Array | Int32Array;
  /** 1 where some needle ends, at the state or down its failure chain. */
  readonly reports: Uint8Array;
  /** Nearest state on the failure chain (itself included) that ends a needle, -1 none. */
  readonly firstEnd: Int32Array;
  /** Next state down the failure chain that ends a needle, -1 none. */
  readonly nextEnd: Int32Array;
  /** Needles ending at each state: `endIds[endStart[s] .. endStart[s + 1])`. */
  readonly endStart: Int32Array;
  readonly endIds: Int32Array;
  /** Characters of a needle in the trie; a longer one is confirmed where its start was found. */
  readonly depth: number;
}

function buildAutomaton(needles: readonly Needle[]): Automaton {
  const depth = trieDepth(needles);
  const classOf = new Uint16Array(65536);
  let classes = 1;
  let length = 0;
  for (const n of needles) {
    length += Math.min(n.text.length, depth);
    for (let i = 0; i < n.text.length; i++) {
      const c = fold(n.text.charCodeAt(i));
      if (classOf[c] === 0) {
        classOf[c] = classes++;
        if (c >= 97 && c <= 122) classOf[c - 32] = classOf[c] as number;
      }
    }
  }
  // The trie, straight into the table (0: no child; the root is nobody's child). Typed arrays
  // only: a Map per state cost tens of megabytes for the corpus.
  const room = length + 1;
  const trie = new Int32Array(room * classes);
  const endAt = new Int32Array(needles.length);
  let states = 1;
  needles.forEach((n, id) => {
    let s = 0;
    for (let i = 0; i < Math.min(n.text.length, depth); i++) {
      const k = s * classes + (classOf[fold(n.text.charCodeAt(i))] as number);
      if (trie[k] === 0) trie[k] = states++;
      s = trie[k] as number;
    }
    endAt[id] = s;
  });
  const endStart = new Int32Array(states + 1);
  for (const s of endAt) endStart[s + 1]!++;
  for (let s = 0; s < states; s++) endStart[s + 1]! += endStart[s] as number;
  const fill = endStart.slice(0, states);
  const endIds = new Int32Array(needles.length);
  endAt.forEach((s, id) => (endIds[fill[s]!++] = id));
  const ends = (s: number) => (endStart[s + 1] as number) > (endStart[s] as number);

  const delta = states <= 0xffff ? Uint16Array.from(trie.subarray(0, states * classes)) : trie.slice(0, states * classes);
  const fail = new Int32Array(states);
  const firstEnd = new Int32Array(states).fill(-1);
  const nextEnd = new Int32Array(states).fill(-1);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let k = 0; k < classes; k++) if (delta[k] !== 0) queue[tail++] = delta[k] as number;
  for (let head = 0; head < tail; head++) {
    const s = queue[head] as number;
    const f = fail[s] as number;
    nextEnd[s] = ends(f) ? f : (firstEnd[f] as number);
    firstEnd[s] = ends(s) ? s : (nextEnd[s] as number);
    const row = s * classes;
    const failRow = f * classes;
    for (let k = 0; k < classes; k++) {
      const t = delta[row + k] as number;
      // Rows are visited breadth first, so a 0 here is still "no child".
      if (t === 0) delta[row + k] = delta[failRow + k] as number;
      else {
        fail[t] = delta[failRow + k] as number;
        queue[tail++] = t;
      }
    }
  }
  const reports = Uint8Array.from(firstEnd, (e) => (e === -1 ? 0 : 1));
  return { classOf, classes, delta, reports, firstEnd, nextEnd, endStart, endIds, depth };
}

/** Whether `line` holds the ASCII-lowercase `text` at `from`, A-Z folded. */
function foldedAt(line: string, from: number, text: string): boolean {
  if (from + text.length > line.length) return false;
  for (let j = 0; j < text.length; j++) if (fold(line.charCodeAt(from + j)) !== text.charCodeAt(j)) return false;
  return true;
}

/** The first unescaped `"` from `from` (after an even run of backslashes), or the line's length. */
function closingQuote(line: string, from: number): number {
  let close = line.indexOf('"', from);
  while (close !== -1) {
    let b = close - 1;
    while (b >= from && line.charCodeAt(b) === 92) b--;
    if ((close - 1 - b) % 2 === 0) return close;
    close = line.indexOf('"', close + 1);
  }
  return line.length;
}

/** Path nodes of a line's values: no needle's field starts so (`DEAD`), or unknown (`ANY`). */
const DEAD = -1;
const ANY = -2;
/** Containers deeper than this are not followed: their strings are searched for every needle. */
const MAX_DEPTH = 64;

/**
 * The fields needles are tied to, as a trie over the characters of their dotted names: a value's
 * path (its keys joined with `.`, arrays passed through, as the engine's field reader joins
 * nested and dotted layouts) is walked key by key while the line is read.
 */
interface FieldTrie {
  /** Character class of each UTF-16 code unit in the names (0: none has it). */
  readonly classOf: Uint16Array;
  readonly classes: number;
  /** `next[node * classes + class]`: the child node, or DEAD. */
  readonly next: Int32Array;
  /** The field ending at each node, -1 none. */
  readonly fieldAt: Int32Array;
}

function buildFieldTrie(fields: readonly string[]): FieldTrie {
  const classOf = new Uint16Array(65536);
  let classes = 1;
  let length = 1;
  for (const f of fields) {
    length += f.length;
    for (let i = 0; i < f.length; i++) if (classOf[f.charCodeAt(i)] === 0) classOf[f.charCodeAt(i)] = classes++;
  }
  const next = new Int32Array(length * classes).fill(DEAD);
  const fieldAt = new Int32Array(length).fill(-1);
  let nodes = 1;
  fields.forEach((f, id) => {
    let node = 0;
    for (let i = 0; i < f.length; i++) {
      const k = node * classes + (classOf[f.charCodeAt(i)] as number);
      if (next[k] === DEAD) next[k] = nodes++;
      node = next[k] as number;
    }
    fieldAt[node] = id;
  });
  return { classOf, classes, next: next.slice(0, nodes * classes), fieldAt: fieldAt.slice(0, nodes) };
}

/**
 * The whole-value needles of a search: an open-addressed table keyed by a value's slot (its
 * field) and the hash of its text, as written for case-sensitive needles and ASCII-folded for
 * case-insensitive ones. A value is hashed both ways in one loop over its characters, in place:
 * no slice, no lowercased copy (a `Map` lookup per value, with both, cost more than the automaton
 * walk it replaced).
 */
class WholeValues {
  private readonly entries: { slot: number; text: string; folds: boolean; hash: number; ids: number[] }[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly longest: Int32Array;
  private slots = new Int32Array(1).fill(-1);
  private mask = 0;
  private hashOf = new Int32Array(0);
  private slotOf = new Int32Array(0);
  private lengthOf = new Int32Array(0);
  private foldsOf = new Uint8Array(0);

  constructor(slots: number) {
    this.longest = new Int32Array(slots).fill(-1);
  }

  add(slot: number, text: string, folds: boolean, id: number): void {
    const key = `${slot}${folds ? 'i' : 's'}\u0000${text}`;
    let e = this.byKey.get(key);
    if (e === undefined) {
      e = this.entries.length;
      this.byKey.set(key, e);
      this.entries.push({ slot, text, folds, hash: hashText(text), ids: [] });
      this.longest[slot] = Math.max(this.longest[slot] as number, text.length);
    }
    this.entries[e]!.ids.push(id);
  }

  /** Builds the table; returns the longest text per slot (-1: none). */
  seal(): Int32Array {
    let size = 16;
    while (size < this.entries.length * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    this.hashOf = Int32Array.from(this.entries, (e) => e.hash);
    this.slotOf = Int32Array.from(this.entries, (e) => e.slot);
    this.lengthOf = Int32Array.from(this.entries, (e) => e.text.length);
    this.foldsOf = Uint8Array.from(this.entries, (e) => (e.folds ? 1 : 0));
    this.entries.forEach((e, i) => {
      let p = (e.hash ^ salt(e.slot)) & this.mask;
      while (this.slots[p] !== -1) p = (p + 1) & this.mask;
      this.slots[p] = i;
    });
    return this.longest;
  }

  /**
   * Marks the needles `line[start, end)` is the whole of, in slot `slot`: probed by its hash as
   * written and, when that differs, folded; an entry met either way is checked as its own kind.
   */
  find(line: string, start: number, end: number, slot: number, mark: (ids: number[]) => void): void {
    let raw = 0;
    let low = 0;
    for (let k = start; k < end; k++) {
      const c = line.charCodeAt(k);
      raw = (Math.imul(raw, 31) + c) | 0;
      low = (Math.imul(low, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0;
    }
    this.probe(line, start, end, slot, raw, mark);
    if (low !== raw) this.probe(line, start, end, slot, low, mark);
  }

  private probe(line: string, start: number, end: number, slot: number, hash: number, mark: (ids: number[]) => void): void {
    const length = end - start;
    for (let p = (hash ^ salt(slot)) & this.mask; this.slots[p] !== -1; p = (p + 1) & this.mask) {
      const e = this.slots[p] as number;
      if (this.hashOf[e] !== hash || this.slotOf[e] !== slot || this.lengthOf[e] !== length) continue;
      // Checked as its own kind: either probe may meet an entry of the other (same hash).
      const entry = this.entries[e]!;
      if (this.foldsOf[e] === 1 ? foldedAt(line, start, entry.text) : line.startsWith(entry.text, start)) mark(entry.ids);
    }
  }
}

/**
 * The hash `WholeValues` keys a needle's text by: as written, since a case-insensitive needle's
 * text is already A-Z lowercased, as a value's folded hash is.
 */
function hashText(text: string): number {
  let h = 0;
  for (let k = 0; k < text.length; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
  return h;
}

const salt = (slot: number) => Math.imul(slot + 1, 0x9e3779b1);

/**
 * One pass over the line's string values: each value is looked up whole among the whole-value
 * needles of its field (`WholeValues`), and searched, when its field has other needles, with an
 * Aho-Corasick automaton of those, ASCII-folded (a dense transition table over the characters
 * the needles use). Needles are the JSON text of string contents (a `"` in them is escaped), so
 * they can only be found inside a string value, and each value is searched from the automaton's
 * root, its closing quote found by the same loop. Keys are told from values by the structure before them (after `{`, or after
 * `,` inside an object): exact for valid JSON, which is all that can reach a rule (a malformed
 * line fails to parse whatever is found in it).
 *
 * A needle tied to a field counts only in that field's values: the keys on the way to a value
 * are walked through a trie of the needles' fields, so each value knows its path. A value whose
 * path no such field starts with is skipped unless some searched needle has no field; a key holding an
 * escape, or a container deeper than MAX_DEPTH, makes the paths below it unknown, where every
 * needle counts (more, never less). Lines with a hiding escape never get here. A case-sensitive
 * needle found folded is confirmed where it was found.
 */
function ahoCorasickSearch(needles: readonly Needle[], utf8Bytes = false): (line: string) => { has: (id: number) => boolean; found: readonly number[] } {
  // Whole-value needles (an equality's literal at its field) and numeric ones are looked up,
  // the value's text against a table per field, not searched: the automaton holds the others
  // (two thirds of the corpus's needles are whole values, and a smaller table stays in cache),
  // its needle ids mapped back to the list's.
  const whole = (n: Needle) => n.numeric === true || (n.exact === true && n.field !== undefined);
  // Regex needles are neither: their expression runs on the field's values, when asked (`has`).
  const isRegex = (n: Needle) => n.regex !== undefined && n.field !== undefined;
  const searched = needles.flatMap((n, id) => (whole(n) || isRegex(n) ? [] : [id]));
  // Presence needles are marked by any value at their field, not looked up.
  const isPresent = (n: Needle) => n.present === true && n.field !== undefined;
  const { classOf, classes, delta, reports, firstEnd, nextEnd, endStart, endIds, depth: cut } = buildAutomaton(searched.map((id) => needles[id] as Needle));
  for (let j = 0; j < endIds.length; j++) endIds[j] = searched[endIds[j] as number] as number;
  const texts = needles.map((n) => n.text);
  const sensitive = Uint8Array.from(needles, (n) => (n.caseInsensitive ? 0 : 1));
  const fieldNames = [...new Set(needles.flatMap((n) => (n.field === undefined ? [] : [n.field])))];
  const fieldIds = new Map(fieldNames.map((f, i) => [f, i]));
  // Per needle, its field's id (-1: found anywhere).
  const fieldOf = Int32Array.from(needles, (n) => (n.field === undefined ? -1 : (fieldIds.get(n.field) as number)));
  // Per field, 1 when a searched needle is tied to it: only then are its values walked through
  // the automaton (always when some searched needle has no field).
  const searchedIn = new Uint8Array(fieldNames.length);
  for (const id of searched) if ((fieldOf[id] as number) >= 0) searchedIn[fieldOf[id] as number] = 1;
  const searchAnywhere = searched.some((id) => fieldOf[id] === -1);
  // Whole values by field (the last slot: every field, for values whose path is unknown), as
  // written (case-sensitive needles, and numeric ones spelled as a string) or ASCII-folded
  // (case-insensitive ones), with the longest text of each slot: a longer value is not looked up.
  const ALL = fieldNames.length;
  const wholes = new WholeValues(ALL + 1);
  // Numeric needles without a field: their digits as a string in any value.
  let digitsAnywhere: Map<string, number[]> | undefined;
  needles.forEach((n, id) => {
    if (!whole(n) || isPresent(n)) return;
    if (n.field === undefined) {
      digitsAnywhere ??= new Map();
      digitsAnywhere.set(n.text, [...(digitsAnywhere.get(n.text) ?? []), id]);
      return;
    }
    const folds = n.caseInsensitive && n.numeric !== true;
    wholes.add(fieldOf[id] as number, n.text, folds, id);
    wholes.add(ALL, n.text, folds, id);
  });
  const longest = wholes.seal();
  // Numeric needles by field (-1: any field), then by their digits: a number value is looked up
  // by the digits of its value, whatever its writing (`4.697e3`).
  const numbers = new Map<number, Map<string, number[]>>();
  needles.forEach((n, id) => {
    if (n.numeric !== true || isPresent(n)) return;
    const f = n.field === undefined ? -1 : (fieldIds.get(n.field) as number);
    let byText = numbers.get(f);
    if (!byText) numbers.set(f, (byText = new Map()));
    byText.set(n.text, [...(byText.get(n.text) ?? []), id]);
  });
  const anyField = numbers.get(-1);
  // Presence needles by field.
  const presents = new Map<number, number[]>();
  const allPresent: number[] = [];
  needles.forEach((n, id) => {
    if (!isPresent(n)) return;
    const f = fieldIds.get(n.field as string) as number;
    presents.set(f, [...(presents.get(f) ?? []), id]);
    allPresent.push(id);
  });
  const anyPresent = allPresent.length > 0;
  /** A value (string, number, literal, object or array) stands at path `node`: the presence needles of its field. */
  const present = (node: number) => {
    if (node === ANY) mark(allPresent);
    else if (node >= 0 && (fieldAt[node] as number) >= 0) mark(presents.get(fieldAt[node] as number));
  };
  /** Whether a value whose path is `node` may hold a numeric needle. */
  const numericAt = (node: number) => anyField !== undefined || (node === ANY ? numbers.size > 0 : node >= 0 && numbers.has(fieldAt[node] as number));
  const mark = (ids: number[] | undefined) => {
    if (ids) for (const id of ids) if (seen[id] === 0) (seen[id] = 1), touched.push(id);
  };
  /** The numeric needles a number value of these digits (`text`) whose path is `node` holds. */
  const numeric = (text: string, node: number) => {
    mark(anyField?.get(text));
    if (node === ANY) for (const [f, byText] of numbers) f !== -1 && mark(byText.get(text));
    else if (node >= 0 && (fieldAt[node] as number) >= 0) mark(numbers.get(fieldAt[node] as number)?.get(text));
  };
  const trie = buildFieldTrie(fieldNames);
  const kClass = trie.classOf;
  const kClasses = trie.classes;
  const kNext = trie.next;
  const fieldAt = trie.fieldAt;
  const DOT = kClass[46] as number;
  // Per line: 1 present.
  const seen = new Uint8Array(needles.length);
  const touched: number[] = [];
  // Regex needles: per field, whether one is tied to it; the values of such fields are noted
  // during the pass (where each string starts and ends; -1: some other value), and a needle's
  // expression runs on them only when a term asks for it (seen: 2 once it failed on the line).
  const regexIn = new Uint8Array(fieldNames.length);
  // Each regex needle's test, compiled when first asked for (the main thread's router may never be).
  const regexTests: (((value: string) => boolean) | undefined)[] = [];
  const regexTest = (id: number): ((value: string) => boolean) => {
    let test = regexTests[id];
    if (test === undefined) {
      const n = needles[id] as Needle;
      try {
        test = compileLuceneRegex(n.regex as string, n.caseInsensitive);
      } catch {
        test = () => true;
      }
      regexTests[id] = test;
    }
    return test;
  };
  const isRegexId = Uint8Array.from(needles, (n) => (isRegex(n) ? 1 : 0));
  for (const [id, n] of needles.entries()) if (isRegex(n)) regexIn[fieldOf[id] as number] = 1;
  const anyRegex = isRegexId.includes(1);
  const NOTED = 64;
  const notedField = new Int32Array(NOTED);
  const notedStart = new Int32Array(NOTED);
  const notedEnd = new Int32Array(NOTED);
  let noted = 0;
  let current = '';
  /** A value whose path is `node` (-1 start: not a string), when a regex needle may look at it. */
  const note = (node: number, start: number, end: number) => {
    // -1: a value whose path is unknown (any regex needle may look at it).
    let w = -1;
    if (node !== ANY) {
      if (node < 0 || (fieldAt[node] as number) < 0) return;
      w = fieldAt[node] as number;
      if (regexIn[w] !== 1) return;
    }
    // Past NOTED values every regex needle holds (the field in an array of very many).
    if (noted === NOTED) {
      notedField[NOTED - 1] = -1;
      notedStart[NOTED - 1] = -1;
      return;
    }
    notedField[noted] = w;
    notedStart[noted] = start;
    notedEnd[noted++] = end;
  };
  /** The string value between `start` and `end`, as JSON decodes it; undefined when not read here. */
  const valueAt = (start: number, end: number): string | undefined => {
    const raw = current.slice(start, end);
    if (raw.indexOf('\\') === -1) return utf8Bytes && /[^\x00-\x7f]/.test(raw) ? undefined : raw;
    if (utf8Bytes) return undefined;
    try {
      return JSON.parse(current.slice(start - 1, end + 1)) as string;
    } catch {
      return undefined;
    }
  };
  const regexHolds = (id: number): boolean => {
    const test = regexTest(id);
    const f = fieldOf[id] as number;
    for (let k = 0; k < noted; k++) {
      const w = notedField[k] as number;
      if (w !== f && w !== -1) continue;
      const start = notedStart[k] as number;
      if (start < 0) return true;
      const value = valueAt(start, notedEnd[k] as number);
      if (value === undefined || test(value)) return true;
    }
    return false;
  };
  const tested: number[] = [];
  const has = (id: number): boolean => {
    const s = seen[id];
    if (s !== 0 || isRegexId[id] === 0) return s === 1;
    const holds = regexHolds(id);
    seen[id] = holds ? 1 : 2;
    tested.push(id);
    return holds;
  };
  const result = { has, found: touched as readonly number[] };
  // Per open container: 1 for an array, and the path node of its values (an array's elements
  // stand at the array's own path).
  const isArray = new Uint8Array(MAX_DEPTH + 1);
  const pathOf = new Int32Array(MAX_DEPTH + 1);
  /** The searched needles ending at automaton state `s`, found at `i` in a value whose path is `node`. */
  const report = (line: string, i: number, s: number, node: number) => {
    const field = node >= 0 ? (fieldAt[node] as number) : -1;
    for (let e = firstEnd[s] as number; e > 0; e = nextEnd[e] as number) {
      for (let j = endStart[e] as number; j < (endStart[e + 1] as number); j++) {
        const id = endIds[j] as number;
        if (seen[id] === 1) continue;
        const wants = fieldOf[id] as number;
        if (wants !== -1 && node !== ANY && wants !== field) continue;
        const text = texts[id] as string;
        // Where the needle starts: its trie path (at most `cut` characters) ends at i.
        const from = i + 1 - Math.min(text.length, cut);
        if (sensitive[id] === 1 ? !line.startsWith(text, from) : text.length > cut && !foldedAt(line, from, text)) continue;
        seen[id] = 1;
        touched.push(id);
      }
    }
  };
  return (line) => {
    for (const id of touched) seen[id] = 0;
    for (const id of tested) seen[id] = 0;
    tested.length = 0;
    noted = 0;
    current = line;
    touched.length = 0;
    const n = line.length;
    // Between strings only the structure is read: the open containers, the last structural
    // character (a key follows `{`, or `,` in an object) and the path of the next value.
    let depth = 0;
    let prev = 0;
    let value = 0; // path node of the next value in an object (set by its key)
    let i = 0;
    pathOf[0] = 0;
    let backslash = -2;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c !== 34) {
        if (c === 123 || c === 91) {
          // A container opens: its path is the value's (in an array, the array's own).
          const at = depth === 0 ? 0 : depth > MAX_DEPTH ? ANY : isArray[depth] === 1 ? (pathOf[depth] as number) : value;
          // An object or array is a value there too (the engine may match a pattern on it).
          if (anyPresent && depth > 0) present(at);
          // An object there: a value a regex cannot be run on (an array's elements are noted).
          if (anyRegex && c === 123 && depth > 0) note(at, -1, -1);
          depth++;
          if (depth <= MAX_DEPTH) {
            isArray[depth] = c === 91 ? 1 : 0;
            pathOf[depth] = at;
          }
          prev = c;
        } else if (c === 125 || c === 93) {
          depth--;
          prev = c;
        } else if (c === 58 || c === 44) prev = c;
        else if ((numbers.size > 0 || anyPresent || anyRegex) && ((c >= 48 && c <= 57) || c === 45)) {
          // A number value: its token, looked up by value at its path.
          let end = i + 1;
          for (; end < n; end++) {
            const d = line.charCodeAt(end);
            if (!((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45)) break;
          }
          const node = depth > MAX_DEPTH ? ANY : isArray[depth] === 1 ? (pathOf[depth] as number) : value;
          if (numbers.size > 0 && numericAt(node)) numeric(String(Number(line.slice(i, end))), node);
          if (anyPresent) present(node);
          if (anyRegex) note(node, -1, -1);
          i = end;
          continue;
        } else if ((numbers.size > 0 || anyPresent || anyRegex) && (c === 116 || c === 102)) {
          // A `true` or `false` value (outside strings nothing else starts so in valid JSON):
          // looked up as the numeric needles of a boolean are.
          const word = c === 116 ? 'true' : 'false';
          if (line.startsWith(word, i)) {
            const node = depth > MAX_DEPTH ? ANY : isArray[depth] === 1 ? (pathOf[depth] as number) : value;
            if (numbers.size > 0 && numericAt(node)) numeric(word, node);
            if (anyPresent) present(node);
            if (anyRegex) note(node, -1, -1);
            i += word.length;
            continue;
          }
        }
        i++;
        continue;
      }
      const deep = depth > MAX_DEPTH;
      const key = prev === 123 || (prev === 44 && !deep && isArray[depth] === 0);
      prev = 34;
      if (key) {
        // Walk the key from its object's path: `parent.key`, character by character, as long
        // as some field starts so.
        let node = pathOf[depth] as number;
        if (node > 0) node = DOT === 0 ? DEAD : (kNext[node * kClasses + DOT] as number);
        let j = i + 1;
        if (node >= 0) {
          for (; j < n; j++) {
            const ch = line.charCodeAt(j);
            if (ch === 34 || ch === 92) break;
            const k = kClass[ch] as number;
            node = k === 0 ? DEAD : (kNext[node * kClasses + k] as number);
            if (node < 0) break;
          }
        }
        if (j < n && line.charCodeAt(j) !== 34) {
          // The rest of the key, where no field leads: only its end is wanted, and whether it
          // holds an escape (then where it leads is not worked out: every needle counts there).
          const close = closingQuote(line, j);
          // The line's next backslash, found again only once passed: an `indexOf` from each key
          // would read to the end of a line that has none, once per key.
          if (backslash !== -1 && backslash < j) backslash = line.indexOf('\\', j);
          if (backslash !== -1 && backslash < close) node = ANY;
          j = close;
        }
        value = node;
        i = j + 1;
        continue;
      }
      const node = deep ? ANY : isArray[depth] === 1 ? (pathOf[depth] as number) : value;
      if (anyPresent) present(node);
      const start = i + 1;
      // The table slot of the value's whole-value needles: its field's, every field's, or none.
      const w = node === ANY ? ALL : node >= 0 ? (fieldAt[node] as number) : -1;
      let j = start;
      if (searchAnywhere || node === ANY || (w >= 0 && searchedIn[w] === 1)) {
        // Searched: the automaton from its root, the closing quote found by the same loop.
        let s = 0;
        for (; j < n; j++) {
          const ch = line.charCodeAt(j);
          if (ch === 34) break;
          s = delta[s * classes + (classOf[ch] as number)] as number;
          if (reports[s] !== 0) report(line, j, s, node);
          if (ch === 92 && j + 1 < n) {
            j++;
            s = delta[s * classes + (classOf[line.charCodeAt(j)] as number)] as number;
            if (reports[s] !== 0) report(line, j, s, node);
          }
        }
      } else j = closingQuote(line, start);
      if (w >= 0 && j - start <= (longest[w] as number)) wholes.find(line, start, j, w, mark);
      if (anyRegex) note(node, start, j);
      // A string of up to 15 characters may be a field-less numeric needle's digits, as written.
      if (digitsAnywhere !== undefined && j - start <= 15) mark(digitsAnywhere.get(line.slice(start, j)));
      i = j + 1;
    }
    return result;
  };
}

/**
 * Per line, the statements (by index in the list) that may match it through their prefilter, a
 * fresh array; undefined when every statement may. Statements without a prefilter are never
 * listed: they may match every line.
 */
export interface RawLineRouter {
  (line: string): number[] | undefined;
  /**
   * Terms checked so far (each term whose trigger needle a line held): the work the choice of
   * triggers decides, for tests and measurements.
   */
  readonly termChecks: number;
}

/** Lines whose needles are counted to choose the routers' triggers, once every RESAMPLE_EVERY lines. */
const SAMPLE_LINES = 512;
const RESAMPLE_EVERY = 65_536;

/** Per needle, the terms whose first group holds it. */
function triggerLists(terms: ReadonlyArray<ReadonlyArray<readonly number[]>>, needles: number): number[][] {
  const triggers: number[][] = Array.from({ length: needles }, () => []);
  terms.forEach((groups, t) => {
    for (const id of groups[0] ?? []) triggers[id]?.push(t);
  });
  return triggers;
}

/**
 * Each term's groups, the one whose needles were seen in the fewest lines first (a stable sort:
 * ties keep the plan's order); groups with a regex needle (`regex[id]` 1) stay last: they are
 * never seen in the pass, and a trigger must be.
 */
function rarestFirst(terms: ReadonlyArray<ReadonlyArray<readonly number[]>>, seen: Uint32Array, regex: Uint8Array): ReadonlyArray<ReadonlyArray<readonly number[]>> {
  const weight = (g: readonly number[]) => (g.some((id) => regex[id] === 1) ? Number.POSITIVE_INFINITY : g.reduce((sum, id) => sum + (seen[id] ?? 0), 0));
  return terms.map((groups) => [...groups].sort((a, b) => weight(a) - weight(b)));
}

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
  if (terms.length === 0) return Object.assign(() => [], { termChecks: 0 });
  const p = plan({ terms }, options.utf8Bytes === true);
  const search = ahoCorasickSearch(p.needles, options.utf8Bytes === true);
  // A term is checked only when a needle of its first group is seen: the rarer that group in
  // the input, the fewer checks. The plan's guess (longest needles first) is replaced by what
  // the lines say: needles are counted over a sample of lines now and then, and each term's
  // groups reordered rarest first. Any order gives the same answer; only the work changes.
  let order: ReadonlyArray<ReadonlyArray<readonly number[]>> = p.terms;
  let triggers = triggerLists(order, p.needles.length);
  const seenCount = new Uint32Array(p.needles.length);
  const regexIds = Uint8Array.from(p.needles, (n) => (n.regex === undefined ? 0 : 1));
  let lines = 0;
  const passed = new Uint8Array(specs.length);
  let checks = 0;
  const route = (line: string): number[] | undefined => {
    const n = line.length;
    if (n < 2 || line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125 || hasHidingEscape(line)) return undefined;
    const { has, found } = search(line);
    const phase = lines++ % RESAMPLE_EVERY;
    if (phase < SAMPLE_LINES) {
      for (const id of found) seenCount[id]!++;
      if (phase === SAMPLE_LINES - 1) {
        order = rarestFirst(p.terms, seenCount, regexIds);
        triggers = triggerLists(order, p.needles.length);
        seenCount.fill(0);
      }
    }
    const out: number[] = [];
    for (const id of found) {
      for (const t of triggers[id] as number[]) {
        const owner = owners[t] as number;
        if (passed[owner] === 1) continue;
        checks++;
        // The trigger is in the term's first group: only the others are left to check.
        if (holds(order[t] as ReadonlyArray<readonly number[]>, has, 1)) {
          passed[owner] = 1;
          out.push(owner);
        }
      }
    }
    for (const o of out) passed[o] = 0;
    return out;
  };
  return Object.defineProperty(route, 'termChecks', { get: () => checks }) as RawLineRouter;
}
