import { SharedCache } from './shared-cache.js';
import { asciiLower } from './case-fold.js';

/**
 * Whole-string wildcard matching (`*` any run, `?` one character) in linear-ish time: the pattern
 * is split at `*` into fixed-length segments, the first and last anchored, the middle ones found
 * leftmost in order. No backtracking, so `*a*a*a*a*a*b` over a long input is O(n · pattern).
 */
export interface WildcardOptions {
  /** Fold ASCII letters only (Lucene case-insensitive wildcard, Java CASE_INSENSITIVE). */
  readonly caseInsensitive?: boolean;
  /**
   * `\` escapes the next character (Lucene WildcardQuery: the query path of `endsWith`/
   * `stringContains` on a field). EQL's `:` and `like` have no escape: `\` is literal there.
   */
  readonly backslashEscapes?: boolean;
  /**
   * With `caseInsensitive`: the caller hands values already ASCII-lowercased (`asciiLower`), as
   * one value tested against many patterns is folded once rather than once per pattern.
   */
  readonly folded?: boolean;
}

/** One `?`. */
const ANY = -1;

/** A run of the pattern between two `*`: code points or ANY. */
interface Segment {
  readonly tokens: readonly number[];
  /** The segment as a string when it has no `?` (so `indexOf`/`startsWith` can be used). */
  readonly literal: string | undefined;
}

export type StringMatcher = (value: string) => boolean;

/** True when the pattern has a `*` or `?` (a `:` without one is an equality). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** True when the pattern matches every string (only `*`s, at least one). */
export function matchesEverything(pattern: string): boolean {
  return pattern.length > 0 && /^\*+$/.test(pattern);
}

function parse(pattern: string, escapes: boolean): { segments: Segment[]; leadingStar: boolean; trailingStar: boolean } {
  const segments: Segment[] = [];
  let tokens: number[] = [];
  let hasAny = false;
  let leadingStar = false;
  let trailingStar = false;
  const close = () => {
    segments.push({ tokens, literal: hasAny ? undefined : String.fromCodePoint(...tokens) });
    tokens = [];
    hasAny = false;
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern.codePointAt(i) ?? 0;
    i += c > 0xffff ? 2 : 1;
    if (c === 42 /* * */) {
      if (i === 1) leadingStar = true;
      if (i === pattern.length) trailingStar = true;
      if (tokens.length > 0 || segments.length === 0) close();
      continue;
    }
    if (c === 63 /* ? */) {
      tokens.push(ANY);
      hasAny = true;
    } else if (c === 92 /* \ */ && escapes && i < pattern.length) {
      const next = pattern.codePointAt(i) ?? 0;
      i += next > 0xffff ? 2 : 1;
      tokens.push(next);
    } else {
      tokens.push(c);
    }
  }
  if (tokens.length > 0 || !trailingStar) close();
  return { segments: leadingStar ? segments.slice(1) : segments, leadingStar, trailingStar };
}

/** Match the segment at `pos`; the end offset, or -1. `?` consumes one code point. */
function matchAt(s: string, pos: number, seg: Segment): number {
  if (seg.literal !== undefined) return s.startsWith(seg.literal, pos) ? pos + seg.literal.length : -1;
  let p = pos;
  for (const t of seg.tokens) {
    if (p >= s.length) return -1;
    const c = s.codePointAt(p) ?? 0;
    if (t !== ANY && t !== c) return -1;
    p += c > 0xffff ? 2 : 1;
  }
  return p;
}

/** Leftmost match of the segment in s[from, limit); its [start, end), or undefined. */
function find(s: string, from: number, limit: number, seg: Segment): number {
  if (seg.literal !== undefined) {
    const at = s.indexOf(seg.literal, from);
    return at >= 0 && at + seg.literal.length <= limit ? at + seg.literal.length : -1;
  }
  for (let p = from; p < limit; p++) {
    const end = matchAt(s, p, seg);
    if (end >= 0 && end <= limit) return end;
  }
  return -1;
}

/** Start offset such that the segment ends exactly at s.length, or -1. */
function suffixStart(s: string, seg: Segment, min: number): number {
  let p = s.length;
  for (let k = 0; k < seg.tokens.length; k++) {
    if (p <= min) return -1;
    const low = s.charCodeAt(p - 1);
    p -= low >= 0xdc00 && low <= 0xdfff && p - 2 >= min && isHigh(s.charCodeAt(p - 2)) ? 2 : 1;
  }
  return matchAt(s, p, seg) === s.length ? p : -1;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

const sharedMatchers = new SharedCache<StringMatcher>(16384);

/**
 * Compile a wildcard pattern into a whole-string matcher, one per distinct pattern and options
 * for every query compiled: matchers hold no state, and rule sets repeat patterns (the
 * detection-rules corpus's paths and names).
 */
export function compileWildcard(pattern: string, options: WildcardOptions = {}): StringMatcher {
  const key = `${options.caseInsensitive === true ? 'i' : 's'}${options.backslashEscapes === true ? 'e' : '-'}${options.folded === true ? 'f' : '-'}${pattern}`;
  return sharedMatchers.get(key, () => buildWildcard(pattern, options));
}

function buildWildcard(pattern: string, options: WildcardOptions): StringMatcher {
  const ci = options.caseInsensitive === true;
  const source = ci ? asciiLower(pattern) : pattern;
  const { segments, leadingStar, trailingStar } = parse(source, options.backslashEscapes === true);
  const fold = ci && options.folded !== true ? asciiLower : (s: string) => s;
  const only = segments[0];

  if (!leadingStar && !trailingStar && segments.length === 1 && only) {
    if (only.literal !== undefined) {
      const lit = only.literal;
      return (v) => fold(v) === lit;
    }
    return (v) => matchAt(fold(v), 0, only) === v.length;
  }
  if (segments.length === 0) return () => true;
  if (segments.length === 1 && only?.literal !== undefined) {
    const lit = only.literal;
    if (leadingStar && trailingStar) return (v) => fold(v).includes(lit);
    if (leadingStar) return (v) => fold(v).endsWith(lit);
    if (trailingStar) return (v) => fold(v).startsWith(lit);
  }

  return (value) => {
    const s = fold(value);
    let from = 0;
    let first = 0;
    if (!leadingStar) {
      const seg = segments[0];
      if (!seg) return true;
      from = matchAt(s, 0, seg);
      if (from < 0) return false;
      first = 1;
    }
    let limit = s.length;
    let last = segments.length;
    if (!trailingStar) {
      const seg = segments[segments.length - 1];
      if (!seg || last - 1 < first) return from === s.length;
      limit = suffixStart(s, seg, from);
      if (limit < 0) return false;
      last -= 1;
    }
    for (let k = first; k < last; k++) {
      const seg = segments[k];
      if (!seg) continue;
      const end = find(s, from, limit, seg);
      if (end < 0) return false;
      from = end;
    }
    return true;
  };
}

/** Java's `.`: any code point but a line terminator. */
const JAVA_DOT = '[^\\n\\r\\x{85}\\x{2028}\\x{2029}]';

/**
 * The script-path form of a wildcard (`like`, `:` with `*`/`?` on a computed value):
 * Elasticsearch runs it as the Java regex `^…$` with `*` → `.*` and `?` → `.`, whose `.` does not
 * match line terminators; `~` is Java CASE_INSENSITIVE (ASCII only). Built as an RE2 pattern, so
 * still linear time.
 */
export function wildcardToJavaRegex(pattern: string, caseInsensitive: boolean): string {
  let out = '';
  for (const ch of pattern) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '*') out += `${JAVA_DOT}*`;
    else if (ch === '?') out += JAVA_DOT;
    else if (caseInsensitive && /[A-Za-z]/.test(ch)) out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else out += /[0-9A-Za-z]/.test(ch) ? ch : `\\x{${cp.toString(16)}}`;
  }
  return out;
}
