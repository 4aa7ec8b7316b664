import { RE2JS } from 're2js';

/**
 * Java regexes (the script path: `regex` on a computed value) run with re2js, which accepts the
 * common Java syntax (anchors, lazy quantifiers, classes, `\d`, `\p{..}`, `\Q..\E`) and rejects
 * what has no linear-time form (backreferences, lookaround) with an error.
 */

/**
 * Reject valid Java syntax that RE2 would read differently. The message says "unsupported", which
 * the engine reports as an unsupported regex (EQL4002) rather than an invalid one.
 */
function unsupported(construct: string, at: number): never {
  throw new Error(`unsupported Java regex syntax: ${construct} at position ${at}`);
}

function isAsciiLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function otherCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

function quoteLiteral(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isAsciiLetter(ch)) out += `[${ch}${otherCase(ch)}]`;
    else out += /[0-9]/.test(ch) ? ch : `\\x{${(ch.codePointAt(0) ?? 0).toString(16)}}`;
  }
  return out;
}

/** The ASCII-letter counterparts of a class range `lo-hi`, as extra class items. */
function rangeCounterparts(lo: number, hi: number): string {
  let out = '';
  const add = (a: number, b: number, shift: number) => {
    const from = Math.max(lo, a);
    const to = Math.min(hi, b);
    if (from <= to) out += from === to ? re2Escape(from + shift) : `${re2Escape(from + shift)}-${re2Escape(to + shift)}`;
  };
  add(65, 90, 32);
  add(97, 122, -32);
  return out;
}

/** Length of the escape starting at `i` (a backslash): `\p{..}`, `\x{..}`, `\xhh`, `\uhhhh`, `\c`. */
function escapeLength(p: string, i: number): number {
  const c = p[i + 1];
  if ((c === 'p' || c === 'P' || c === 'x' || c === 'N') && p[i + 2] === '{') {
    const close = p.indexOf('}', i + 3);
    return close < 0 ? p.length - i : close - i + 1;
  }
  if (c === 'x') return 4;
  if (c === 'u') return 6;
  if (c === 'p' || c === 'P') return 3;
  return c === undefined ? 1 : 2;
}

/** Java's one-letter escapes for control characters (RE2 lacks `\e`). */
const CONTROL_ESCAPES: ReadonlyMap<string, number> = new Map([['t', 9], ['n', 10], ['f', 12], ['r', 13], ['a', 7], ['e', 27]]);

/**
 * The code point of an escape at `i` that names one character, and its length: `\xhh`, `\x{h..}`,
 * `\uhhhh`, octal `\0n`/`\0nn`/`\0mnn`, `\t \n \f \r \a \e`, `\cX`, and a backslash before a
 * character other than an ASCII letter or digit (`\-`, `\]`, `\.`), which Java reads as that
 * character. Undefined for other escapes (`\d`, `\p{L}`, `\b`, ...).
 */
function codeEscape(p: string, i: number): { cp: number; length: number } | undefined {
  const c = p[i + 1];
  const hex = (text: string) => (/^[0-9a-fA-F]+$/.test(text) ? Number.parseInt(text, 16) : undefined);
  let cp: number | undefined;
  let length = 0;
  if (c === 'x' && p[i + 2] === '{') {
    const close = p.indexOf('}', i + 3);
    if (close < 0) return undefined;
    cp = hex(p.slice(i + 3, close));
    length = close - i + 1;
  } else if (c === 'x') {
    const digits = p.slice(i + 2, i + 4);
    cp = digits.length === 2 ? hex(digits) : undefined;
    length = 4;
  } else if (c === 'u') {
    const digits = p.slice(i + 2, i + 6);
    cp = digits.length === 4 ? hex(digits) : undefined;
    length = 6;
    // A surrogate pair written as two escapes is one code point, as Java's Pattern reads it.
    const low = cp !== undefined && cp >= 0xd800 && cp <= 0xdbff && p.startsWith('\\u', i + 6) ? hex(p.slice(i + 8, i + 12)) : undefined;
    if (cp !== undefined && low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      length = 12;
    }
  } else if (c === '0') {
    // Java reads up to three octal digits after the 0 (three only if the first is 0-3); RE2
    // counts the 0 itself among its three, so `\0101` (A in Java) must not reach it as written.
    let digits = /^[0-7]{1,3}/.exec(p.slice(i + 2, i + 5))?.[0] ?? '';
    if (digits.length === 3 && digits[0] !== undefined && digits[0] > '3') digits = digits.slice(0, 2);
    if (digits === '') throw new Error(`illegal octal escape sequence at position ${i}`);
    cp = Number.parseInt(digits, 8);
    length = 2 + digits.length;
  } else if (c === 'c' && i + 2 < p.length) {
    const x = p.codePointAt(i + 2) ?? 0;
    cp = x ^ 64;
    length = 2 + String.fromCodePoint(x).length;
  } else if (c !== undefined && CONTROL_ESCAPES.has(c)) {
    cp = CONTROL_ESCAPES.get(c);
    length = 2;
  } else if (c !== undefined && !/[0-9A-Za-z]/.test(c)) {
    cp = p.codePointAt(i + 1) ?? 0;
    length = 1 + String.fromCodePoint(cp).length;
  }
  return cp === undefined || cp > 0x10ffff ? undefined : { cp, length };
}

/** The RE2 text of a code point escape: `\x{..}` (RE2 has no `\uhhhh`). */
function re2Escape(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

/**
 * The RE2 text of the one-character escape `text` (see `codeEscape`): as written where RE2 reads
 * it as Java does (`\x41`, `\t`, `\-`), which keeps re2js's error messages close to the pattern,
 * else `\x{..}` (`\u0041`, `\0101`, `\e`, `\cA`, `\é`).
 */
function codeEscapeToRe2(text: string, cp: number): string {
  return /^\\(?:x|[tnrfa]|[!-/:-@[-`{-~])/.test(text) ? text : re2Escape(cp);
}

/**
 * A Java pattern in RE2's syntax where they differ: escapes RE2 reads otherwise or lacks (`\uhhhh`,
 * `\0101`, `\e`) become `\x{..}`, classes are rewritten by `translateClass`, and a backreference
 * RE2 would read as an octal escape (`\12`) is rejected. Text between `\Q` and `\E` is left alone.
 */
function javaToRe2(p: string): string {
  let out = '';
  let i = 0;
  while (i < p.length) {
    if (p[i] === '[') {
      const [text, next] = translateClass(p, i, false);
      out += text;
      i = next;
      continue;
    }
    if (p[i] !== '\\') {
      out += p[i];
      i++;
      continue;
    }
    if (p[i + 1] === 'Q') {
      const end = p.indexOf('\\E', i + 2);
      const stop = end < 0 ? p.length : end + 2;
      out += p.slice(i, stop);
      i = stop;
      continue;
    }
    rejectBackreference(p, i);
    const space = whitespaceEscape(p, i);
    if (space) {
      out += space;
      i += 2;
      continue;
    }
    const code = codeEscape(p, i);
    const n = code?.length ?? escapeLength(p, i);
    out += code ? codeEscapeToRe2(p.slice(i, i + n), code.cp) : p.slice(i, i + n);
    i += n;
  }
  return out;
}

/** Java's vertical and horizontal whitespace (`\v`, `\h`), as members of an RE2 class. */
const VSPACE = '\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}';
const HSPACE = ' \\t\\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}';

/**
 * `\v` `\V` `\h` `\H` outside a class as an RE2 class: RE2 reads `\v` as the VT character only
 * and has no `\h`, `\H` or `\V`.
 */
function whitespaceEscape(p: string, i: number): string | undefined {
  switch (p[i + 1]) {
    case 'v':
      return `[${VSPACE}]`;
    case 'V':
      return `[^${VSPACE}]`;
    case 'h':
      return `[${HSPACE}]`;
    case 'H':
      return `[^${HSPACE}]`;
    default:
      return undefined;
  }
}

/**
 * Outside a class, Java reads `\1`..`\9` as a backreference. RE2 rejects `\1` itself (reported as
 * unsupported) but reads `\12` as octal, so that one must not reach it.
 */
function rejectBackreference(p: string, i: number): void {
  const c = p[i + 1] ?? '';
  if (c >= '1' && c <= '7' && /[0-7]/.test(p[i + 2] ?? '')) unsupported(`backreference \\${c}`, i);
}

/**
 * Rewrite a Java pattern so that ASCII letters match both cases, as Java's CASE_INSENSITIVE
 * (without UNICODE_CASE) does: `Ä` stays distinct from `ä`, unlike RE2's Unicode `(?i)`.
 * Escapes, `\Q..\E`, group syntax (`(?<name>`, `(?i)`) and quantifiers are kept as written.
 */
export function asciiCaseInsensitive(pattern: string): string {
  let out = '';
  let i = 0;
  const p = pattern;
  while (i < p.length) {
    const c = p[i] ?? '';
    if (c === '\\') {
      if (p[i + 1] === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        out += quoteLiteral(p.slice(i + 2, end < 0 ? p.length : end));
        i = end < 0 ? p.length : end + 2;
        continue;
      }
      rejectBackreference(p, i);
      const space = whitespaceEscape(p, i);
      if (space) {
        out += space;
        i += 2;
        continue;
      }
      // A letter written as a code (`\x41`) folds like the letter itself.
      const code = codeEscape(p, i);
      if (code) {
        const ch = String.fromCodePoint(code.cp);
        out += isAsciiLetter(ch) ? `[${ch}${otherCase(ch)}]` : codeEscapeToRe2(p.slice(i, i + code.length), code.cp);
        i += code.length;
        continue;
      }
      const n = escapeLength(p, i);
      out += p.slice(i, i + n);
      i += n;
    } else if (c === '[') {
      const [text, next] = translateClass(p, i, true);
      out += text;
      i = next;
    } else if (c === '(' && p[i + 1] === '?') {
      let j = i + 2;
      if (p[j] === 'P' && p[j + 1] === '<') j++;
      if (p[j] === '<' && isAsciiLetter(p[j + 1] ?? '')) j = p.indexOf('>', j) + 1 || p.length;
      else while (j < p.length && /[A-Za-z-]/.test(p[j] ?? '')) j++;
      out += p.slice(i, j);
      i = j;
    } else if (isAsciiLetter(c)) {
      out += `[${c}${otherCase(c)}]`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * One member of a class at `i`: a character (written, or as an escape) with its code point and
 * its RE2 text, or another escape (`\d`, `\p{L}`) as written. A literal `-` or `]` is escaped, so
 * that it stays literal next to the members `translateClass` appends. Java reads `\v` as VT when
 * it is a range bound (for compatibility); elsewhere it is vertical whitespace (and `\h`
 * horizontal), written out as members; their complements have no form inside an RE2 class.
 */
function classAtom(p: string, i: number, bound: boolean): { cp?: number; text: string; next: number } {
  if (p[i] === '\\') {
    if (p[i + 1] === 'Q') unsupported('\\Q..\\E inside a character class', i);
    // Java has no backreference in a class and rejects `\1`..`\9`; RE2 would read `[\12]` as octal.
    if (/[1-9]/.test(p[i + 1] ?? '')) throw new Error(`illegal escape sequence in a character class at position ${i}`);
    if (p[i + 1] === 'v' && (bound || p[i + 2] === '-')) return { cp: 11, text: '\\v', next: i + 2 };
    if (p[i + 1] === 'v') return { text: VSPACE, next: i + 2 };
    if (p[i + 1] === 'h') return { text: HSPACE, next: i + 2 };
    if (p[i + 1] === 'V' || p[i + 1] === 'H') unsupported(`\\${p[i + 1]} inside a character class`, i);
    const code = codeEscape(p, i);
    if (code) return { cp: code.cp, text: codeEscapeToRe2(p.slice(i, i + code.length), code.cp), next: i + code.length };
    const n = escapeLength(p, i);
    return { text: p.slice(i, i + n), next: i + n };
  }
  const cp = p.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(cp);
  return { cp, text: ch === '-' || ch === ']' ? `\\${ch}` : ch, next: i + ch.length };
}

/**
 * Translate the Java class `[...]` at `start` to RE2. With `ci` (CASE_INSENSITIVE without
 * UNICODE_CASE), add the other case of its ASCII letters and of the ASCII-letter part of its
 * ranges. Range bounds may be escapes (`[\x41-\x5a]`, `[a-\x{7a}]`, `[\--a]`): each member is read
 * as the character it names (see `classAtom`).
 * Java's nested classes (`[a[b]]`, a union) and intersections (`[a-z&&[^b]]`) are rejected:
 * RE2 reads that `[` and `&&` as literals (and `[[:alpha:]]` as a POSIX class), so they would
 * match silently differently. An unescaped `[` in a Java class always opens a nested class.
 */
function translateClass(p: string, start: number, ci: boolean): [string, number] {
  let i = start + 1;
  let body = '';
  let extra = '';
  if (p[i] === '^') {
    body += '^';
    i++;
  }
  // A `]` first (after any `^`) is a literal in both syntaxes.
  for (let first = true; i < p.length; first = false) {
    if (p[i] === ']' && !first) return [`[${body}${extra}]`, i + 1];
    if (p[i] === '[') unsupported('nested character class (union)', i);
    if (p[i] === '&' && p[i + 1] === '&') unsupported('character class intersection (&&)', i);
    const lo = classAtom(p, i, false);
    i = lo.next;
    // `-` makes a range between two characters; before `]` or `[`, or after `\d`, it is a literal.
    const isRange = lo.cp !== undefined && p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']' && p[i + 1] !== '[';
    if (lo.cp === undefined) {
      body += lo.text;
    } else if (isRange) {
      const hi = classAtom(p, i + 1, true);
      if (hi.cp === undefined) throw new Error(`illegal character range at position ${i}`);
      body += `${lo.text}-${hi.text}`;
      if (ci) extra += rangeCounterparts(lo.cp, hi.cp);
      i = hi.next;
    } else {
      body += lo.text;
      if (ci) extra += rangeCounterparts(lo.cp, lo.cp);
    }
  }
  return [`[${body}${extra}`, i];
}

/**
 * Compile a Java regex into a whole-string matcher. `~` is Java's CASE_INSENSITIVE, which folds
 * ASCII letters only. Throws re2js's syntax error for what it cannot run, and an error saying
 * "unsupported Java regex syntax" for Java syntax RE2 would read differently.
 */
export function compileJavaRegex(pattern: string, caseInsensitive = false): (value: string) => boolean {
  const re = RE2JS.compile(caseInsensitive ? asciiCaseInsensitive(pattern) : javaToRe2(pattern));
  return (value) => re.testExact(value);
}
