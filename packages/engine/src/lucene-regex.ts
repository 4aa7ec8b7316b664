import { RE2JS } from 're2js';
import { LuceneCursor, type Ranges } from './lucene-cursor.js';

/**
 * Lucene `RegExp` syntax (what Elasticsearch's `regexp` query runs for `regex` on a field) turned
 * into an RE2 pattern, so matching is linear time (re2js never backtracks). Supported: literals,
 * `\` escapes, `.`, `[...]`/`[^...]` with ranges, `\d \s \w \D \S \W`, `( )`, `|`, `* + ?`,
 * `{n}`/`{n,}`/`{n,m}`, `"quoted"` strings, `@` (any string), `#` (empty language), `()` (empty
 * string). Intersection `&`, complement `~` and `<...>` intervals have no RE2 form: they raise
 * `UnsupportedLuceneRegex`. `^` and `$` are ordinary characters; the whole value must match.
 * Case-insensitive mode folds ASCII letters only, like Lucene's `ASCII_CASE_INSENSITIVE`, and
 * (as Lucene) not inside character ranges.
 */
export class LuceneRegexError extends Error {
  constructor(
    message: string,
    /** True for valid Lucene syntax that cannot be translated (`&`, `~`, `<...>`). */
    readonly unsupported: boolean,
  ) {
    super(message);
    this.name = 'LuceneRegexError';
  }
}

const MAX_REPEAT = 1000;

function hex(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

function isAsciiAlnum(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

/**
 * Add the other ASCII case of every single letter of a class. Lucene folds single characters
 * (`REGEXP_CHAR`) but builds ranges (`REGEXP_CHAR_RANGE`) as written, so `[a-c]` stays
 * lowercase even under `regex~`.
 */
function foldRanges(ranges: Ranges): Ranges {
  const out: Ranges = [...ranges];
  for (const [lo, hi] of ranges) {
    if (lo !== hi) continue;
    const addShift = (a: number, b: number, shift: number) => {
      const from = Math.max(lo, a);
      const to = Math.min(hi, b);
      if (from <= to) out.push([from + shift, to + shift]);
    };
    addShift(65, 90, 32);
    addShift(97, 122, -32);
  }
  return out;
}

class Translator extends LuceneCursor {
  constructor(
    pattern: string,
    private readonly ci: boolean,
  ) {
    super(pattern);
  }

  translate(): string {
    const e = this.union();
    if (this.pos < this.cps.length) this.fail(`end-of-string expected at position ${this.pos}`);
    return e;
  }

  protected fail(message: string, unsupported = false): never {
    throw new LuceneRegexError(message, unsupported);
  }

  private union(): string {
    const parts = [this.inter()];
    while (this.match('|')) parts.push(this.inter());
    return parts.length === 1 ? (parts[0] ?? '') : `(?:${parts.join('|')})`;
  }

  private inter(): string {
    const e = this.concat();
    if (this.peek('&')) this.fail('intersection (&) is not supported', true);
    return e;
  }

  private concat(): string {
    let out = '';
    do {
      out += this.repeat();
    } while (this.more() && !this.peek(')|&'));
    return out;
  }

  private repeat(): string {
    let e = this.complement();
    while (this.peek('?*+{')) {
      if (this.match('?')) e = `(?:${e})?`;
      else if (this.match('*')) e = `(?:${e})*`;
      else if (this.match('+')) e = `(?:${e})+`;
      else if (this.match('{')) {
        const min = this.integer();
        let max: number | undefined = min;
        if (this.match(',')) max = this.peek('0123456789') ? this.integer() : undefined;
        if (!this.match('}')) this.fail(`expected '}' at position ${this.pos}`);
        if (max !== undefined && max < min) this.fail(`invalid repetition {${min},${max}}`);
        if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) this.fail(`repetition count above ${MAX_REPEAT}`, true);
        e = `(?:${e}){${min}${max === min ? '' : `,${max ?? ''}`}}`;
      }
    }
    return e;
  }

  private complement(): string {
    if (this.match('~')) this.fail('complement (~) is not supported', true);
    if (this.match('[')) {
      const negate = this.match('^');
      const ranges: Ranges = [];
      do this.classItem(ranges);
      while (this.more() && !this.peek(']'));
      if (!this.match(']')) this.fail(`expected ']' at position ${this.pos}`);
      return this.charClass(ranges, negate);
    }
    return this.simple();
  }

  private classItem(ranges: Ranges): void {
    const shorthand = this.shorthand();
    if (shorthand) {
      const [set, negate] = shorthand;
      ranges.push(...(negate ? invert(set) : set));
      return;
    }
    const from = this.charExp();
    if (this.match('-')) {
      const to = this.charExp();
      if (to < from) this.fail(`invalid range ${from}-${to}`);
      ranges.push([from, to]);
    } else {
      ranges.push([from, from]);
    }
  }

  private simple(): string {
    if (this.match('.')) return '(?s:.)';
    if (this.match('#')) return '[^\\x{0}-\\x{10ffff}]';
    if (this.match('@')) return '(?s:.*)';
    if (this.match('"')) {
      let out = '';
      while (this.more() && !this.peek('"')) out += this.literal(this.next());
      if (!this.match('"')) this.fail(`expected '"' at position ${this.pos}`);
      return `(?:${out})`;
    }
    if (this.match('(')) {
      if (this.match(')')) return '(?:)';
      const e = this.union();
      if (!this.match(')')) this.fail(`expected ')' at position ${this.pos}`);
      return `(?:${e})`;
    }
    if (this.peek('<')) this.fail('intervals and named automata (<...>) are not supported', true);
    const shorthand = this.shorthand();
    if (shorthand) return this.charClass(shorthand[0], shorthand[1]);
    return this.literal(this.charExp());
  }

  private literal(cp: number): string {
    const isLetter = (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
    if (this.ci && isLetter) return `[${String.fromCharCode(cp | 32)}${String.fromCharCode(cp & ~32)}]`;
    return isAsciiAlnum(cp) ? String.fromCodePoint(cp) : hex(cp);
  }

  private charClass(ranges: Ranges, negate: boolean): string {
    const items = this.ci ? foldRanges(ranges) : ranges;
    const body = items.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
    return `[${negate ? '^' : ''}${body}]`;
  }
}

function invert(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

/** Translate a Lucene RegExp into an equivalent RE2 pattern (to be matched against the whole value). */
export function luceneToRe2(pattern: string, caseInsensitive = false): string {
  return new Translator(pattern, caseInsensitive).translate();
}

/** Compile a Lucene RegExp into a linear-time whole-string matcher. Throws `LuceneRegexError`. */
export function compileLuceneRegex(pattern: string, caseInsensitive = false): (value: string) => boolean {
  const re = RE2JS.compile(luceneToRe2(pattern, caseInsensitive));
  return (value) => re.testExact(value);
}
