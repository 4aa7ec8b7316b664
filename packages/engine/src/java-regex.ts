import { RE2JS } from 're2js';

/**
 * Java regexes (the script path: `regex` on a computed value) run with re2js, which accepts the
 * common Java syntax (anchors, lazy quantifiers, classes, `\d`, `\p{..}`, `\Q..\E`) and rejects
 * what has no linear-time form (backreferences, lookaround) with an error.
 */

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
    if (from <= to) out += `\\x{${(from + shift).toString(16)}}-\\x{${(to + shift).toString(16)}}`;
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

/** The code point of a `\xhh`, `\x{h..}` or `\uhhhh` escape at `i`, and its length; undefined for other escapes. */
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
  }
  return cp === undefined || cp > 0x10ffff ? undefined : { cp, length };
}

/** The RE2 text of a code point escape: `\x{..}` (RE2 has no `\uhhhh`). */
function re2Escape(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

/**
 * A Java pattern in RE2's syntax where they differ: `\uhhhh` becomes `\x{hhhh}`. Text between
 * `\Q` and `\E` is left alone.
 */
function javaToRe2(p: string): string {
  let out = '';
  let i = 0;
  while (i < p.length) {
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
    const code = p[i + 1] === 'u' ? codeEscape(p, i) : undefined;
    const n = code?.length ?? escapeLength(p, i);
    out += code ? re2Escape(code.cp) : p.slice(i, i + n);
    i += n;
  }
  return out;
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
      // A letter written as a code (`\x41`) folds like the letter itself.
      const code = codeEscape(p, i);
      if (code) {
        const ch = String.fromCodePoint(code.cp);
        out += isAsciiLetter(ch) ? `[${ch}${otherCase(ch)}]` : re2Escape(code.cp);
        i += code.length;
        continue;
      }
      const n = escapeLength(p, i);
      out += p.slice(i, i + n);
      i += n;
    } else if (c === '[') {
      const [text, next] = classWithCounterparts(p, i);
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

/** Copy a `[...]` class from `start`, adding the other case of its ASCII letters and ranges. */
function classWithCounterparts(p: string, start: number): [string, number] {
  let i = start + 1;
  let body = '';
  let extra = '';
  if (p[i] === '^') {
    body += '^';
    i++;
  }
  if (p[i] === ']') {
    body += ']';
    i++;
  }
  let depth = 0;
  while (i < p.length) {
    const c = p[i] ?? '';
    if (c === ']' && depth === 0) {
      return [`[${body}${extra}]`, i + 1];
    }
    if (c === '\\') {
      const code = codeEscape(p, i);
      if (code) {
        const ch = String.fromCodePoint(code.cp);
        body += re2Escape(code.cp);
        if (isAsciiLetter(ch)) extra += otherCase(ch);
        i += code.length;
        continue;
      }
      const n = escapeLength(p, i);
      body += p.slice(i, i + n);
      i += n;
      continue;
    }
    if (c === '[') depth++;
    if (c === ']') depth--;
    const lo = c.codePointAt(0) ?? 0;
    if (p[i + 1] === '-' && p[i + 2] !== undefined && p[i + 2] !== ']' && p[i + 2] !== '\\') {
      const hi = p.codePointAt(i + 2) ?? 0;
      const hiText = String.fromCodePoint(hi);
      body += `${c}-${hiText}`;
      extra += rangeCounterparts(lo, hi);
      i += 2 + hiText.length;
      continue;
    }
    // A literal `-` is escaped: the counterparts appended after it must not make it a range.
    body += c === '-' ? '\\-' : c;
    if (isAsciiLetter(c)) extra += otherCase(c);
    i++;
  }
  return [`[${body}${extra}`, i];
}

/**
 * Compile a Java regex into a whole-string matcher. `~` is Java's CASE_INSENSITIVE, which folds
 * ASCII letters only. Throws re2js's syntax error for what it cannot run.
 */
export function compileJavaRegex(pattern: string, caseInsensitive = false): (value: string) => boolean {
  const re = RE2JS.compile(caseInsensitive ? asciiCaseInsensitive(pattern) : javaToRe2(pattern));
  return (value) => re.testExact(value);
}
