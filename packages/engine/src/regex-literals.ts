import { LuceneCursor, type Ranges } from './lucene-cursor.js';

/**
 * The literal strings a Lucene regular expression (`regex`, `regex~` on a field) requires of the
 * values it matches, for the raw-line prefilter: a set of strings of which every matching value
 * contains one. Read with the grammar `lucene-regex.ts` translates; anything this reading does
 * not know (`&`, `~`, `<...>`, `#`, a malformed pattern) requires nothing, which is always sound.
 */

/** Strings a part of a pattern requires: `exact` when they are every string it matches. */
interface Required {
  /** Every string the part matches (a small finite language), when known. */
  readonly exact?: readonly string[];
  /** Strings of which every match contains one, when known. */
  readonly some?: readonly string[];
}

/** Longest string a run of parts is extended to (longer ones are selective enough). */
const MAX_LENGTH = 64;
/** Longest whole value kept as one (a longer pattern's value is required through its runs). */
const MAX_WHOLE = 1024;
/** Largest finite language kept (a cross product beyond it is given up). */
const MAX_STRINGS = 64;
/**
 * Shortest strings worth searching for (whole values are looked up, at any length): one or two
 * characters (`.` or a letter from `\.[a-z]`) are in most values, so they cost the line search
 * more than they rule out.
 */
const MIN_SEARCHED = 3;
/** Largest character class read as a finite set of one-character strings. */
const MAX_CLASS = 64;

const NOTHING: Required = {};

class GiveUp extends Error {}


/** How selective a set of required strings is: its shortest string, then fewer strings. */
function strength(strings: readonly string[]): number {
  return Math.min(...strings.map((s) => s.length)) - strings.length / 1000;
}

/** The stronger of two requirements (an empty string in a set requires nothing). */
function better(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] | undefined {
  const usable = (s: readonly string[] | undefined) => (s && s.length > 0 && s.every((x) => x.length > 0) ? s : undefined);
  const x = usable(a);
  const y = usable(b);
  if (!x) return y;
  if (!y) return x;
  return strength(y) > strength(x) ? y : x;
}

function product(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length === 1 && b.length === 1) return [(a[0] as string) + (b[0] as string)];
  if (a.length * b.length > MAX_STRINGS) return undefined;
  return [...new Set(a.flatMap((x) => b.map((y) => x + y)))];
}

class Reader extends LuceneCursor {
  read(): Required {
    const r = this.union();
    if (this.more()) throw new GiveUp();
    return r;
  }

  protected fail(): never {
    throw new GiveUp();
  }

  /** `a|b`: a match is a match of one side. */
  private union(): Required {
    const parts = [this.concat()];
    while (this.match('|')) parts.push(this.concat());
    if (this.peek('&')) throw new GiveUp();
    if (parts.length === 1) return parts[0] as Required;
    const exact = parts.every((p) => p.exact) ? [...new Set(parts.flatMap((p) => p.exact ?? []))] : undefined;
    const sides = parts.map((p) => better(p.some, p.exact));
    const some = sides.every((s) => s !== undefined) ? [...new Set(sides.flatMap((s) => s ?? []))] : undefined;
    return { ...(exact && exact.length <= MAX_STRINGS ? { exact } : {}), ...(some ? { some } : {}) };
  }

  /**
   * `ab`: the parts' own requirements, and the products of runs of consecutive parts whose
   * languages are known (`\.(top|xyz)` requires `.top` or `.xyz`).
   */
  private concat(): Required {
    const parts: Required[] = [];
    do parts.push(this.repeat());
    while (this.more() && !this.peek(')|&'));
    let some: readonly string[] | undefined;
    for (const p of parts) some = better(some, better(p.some, p.exact));
    for (let i = 0; i < parts.length; i++) {
      let run: readonly string[] | undefined = parts[i]?.exact;
      // Runs stop at MAX_LENGTH characters, and the next run starts where a capped one ended: a
      // long literal would otherwise cost its length squared or worse.
      let j = i + 1;
      for (; run && j < parts.length && run.every((x) => x.length < MAX_LENGTH); j++) {
        const next = parts[j]?.exact;
        run = next ? product(run, next) : undefined;
        some = better(some, run);
      }
      if (run) i = j - 1;
    }
    // The whole language, while its strings are short enough to be whole values worth looking up.
    let exact: readonly string[] | undefined = [''];
    for (const p of parts) exact = exact && p.exact && exact.every((x) => x.length <= MAX_WHOLE) ? product(exact, p.exact) : undefined;
    return { ...(exact ? { exact } : {}), ...(some ? { some } : {}) };
  }

  /** `x?`, `x*`, `x+`, `x{n,m}`: at least one `x` keeps its requirement. */
  private repeat(): Required {
    let r = this.atom();
    while (this.peek('?*+{')) {
      if (this.match('?')) r = r.exact ? { exact: [...new Set(['', ...r.exact])] } : NOTHING;
      else if (this.match('*')) r = NOTHING;
      else if (this.match('+')) r = { ...(better(r.some, r.exact) ? { some: better(r.some, r.exact) } : {}) };
      else {
        this.next();
        const min = this.integer();
        let max: number | undefined = min;
        if (this.match(',')) max = this.peek('0123456789') ? this.integer() : undefined;
        if (!this.match('}') || (max !== undefined && max < min)) throw new GiveUp();
        const kept = better(r.some, r.exact);
        r = min === 1 && max === 1 ? r : min >= 1 && kept ? { some: kept } : NOTHING;
      }
    }
    return r;
  }

  private atom(): Required {
    if (this.peek('~<#')) throw new GiveUp();
    if (this.match('[')) {
      const negate = this.match('^');
      const chars = new Set<string>();
      let finite = !negate;
      do finite = this.classItem(chars) && finite;
      while (this.more() && !this.peek(']'));
      if (!this.match(']')) throw new GiveUp();
      return finite && chars.size <= MAX_CLASS ? { exact: [...chars] } : NOTHING;
    }
    if (this.match('.') || this.match('@')) return NOTHING;
    if (this.match('"')) {
      let text = '';
      while (this.more() && !this.peek('"')) text += String.fromCodePoint(this.next());
      if (!this.match('"')) throw new GiveUp();
      return { exact: [text] };
    }
    if (this.match('(')) {
      if (this.match(')')) return { exact: [''] };
      const r = this.union();
      if (!this.match(')')) throw new GiveUp();
      return r;
    }
    const shorthand = this.shorthand();
    if (shorthand) return shorthand[1] ? NOTHING : { exact: expand(shorthand[0]) };
    return { exact: [String.fromCodePoint(this.charExp())] };
  }

  /** Adds a class item's characters; false when it has too many to list (or a negated shorthand). */
  private classItem(chars: Set<string>): boolean {
    const shorthand = this.shorthand();
    if (shorthand) {
      if (shorthand[1]) return false;
      for (const c of expand(shorthand[0])) chars.add(c);
      return true;
    }
    const from = this.charExp();
    const to = this.match('-') ? this.charExp() : from;
    if (to < from) throw new GiveUp();
    if (to - from >= MAX_CLASS) return false;
    for (let c = from; c <= to; c++) chars.add(String.fromCodePoint(c));
    return true;
  }
}

function expand(ranges: Readonly<Ranges>): string[] {
  return ranges.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, k) => String.fromCodePoint(lo + k)));
}

/**
 * What a value matching the Lucene `pattern` (the whole value) must hold: `exact`, every string
 * it can be, or `some`, strings of which it contains one; undefined when nothing is known.
 * Strings are as the value holds them (not JSON-escaped, not case-folded).
 */
export function regexLiterals(pattern: string): { readonly strings: readonly string[]; readonly exact: boolean } | undefined {
  let r: Required;
  try {
    r = new Reader(pattern).read();
  } catch (error) {
    // A pattern nested deeper than the stack requires nothing either (the engine's own
    // translator, deeper per level, would have refused it first).
    if (error instanceof GiveUp || error instanceof RangeError) return undefined;
    throw error;
  }
  if (r.exact && r.exact.length > 0 && r.exact.every((s) => s.length > 0)) return { strings: r.exact, exact: true };
  const some = better(r.some, undefined);
  return some && strength(some) > MIN_SEARCHED - 1 ? { strings: some, exact: false } : undefined;
}
