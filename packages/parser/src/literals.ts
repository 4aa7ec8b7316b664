import type { Range } from './ast.js';
import { DiagnosticCode } from './codes.js';

/** A problem found while decoding a literal, with its range in the query. */
export interface LiteralProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly range: Range;
  readonly hint?: string;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/**
 * Decodes the body of a `"..."` (or legacy `'...'`) string. `body` excludes the quotes and starts
 * at offset `start` of the query. Problems are pushed to `problems`; the value is still returned
 * (with the bad escape kept verbatim) so the parse can go on.
 */
export function decodeEscapes(body: string, start: number, problems: LiteralProblem[]): string {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += ch;
      i++;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (next === 'u') {
      const consumed = decodeUnicodeEscape(body, i, start, problems);
      out += consumed.text;
      i += consumed.length;
      continue;
    }
    problems.push({
      code: DiagnosticCode.InvalidEscape,
      message: `invalid escape sequence [\\${next}]`,
      range: [start + i, start + i + 2],
      hint: 'valid escapes are \\n \\r \\t \\b \\f \\\\ \\" \\\' and \\u{XX}; for regular expressions and Windows paths use a raw string """..."""',
    });
    out += `\\${next}`;
    i += 2;
  }
  return out;
}

/** `\u{XX}` at `body[i]`: 2-8 hex digits, at most 10FFFF, not a surrogate. */
function decodeUnicodeEscape(
  body: string,
  i: number,
  start: number,
  problems: LiteralProblem[],
): { text: string; length: number } {
  const match = /^\\u\{([0-9A-Fa-f]*)\}/.exec(body.slice(i, i + 16));
  if (!match) {
    problems.push({
      code: DiagnosticCode.InvalidUnicodeEscape,
      message: 'Unicode escape must be written \\u{XX} with 2-8 hex digits',
      range: [start + i, start + i + 2],
    });
    return { text: '\\u', length: 2 };
  }
  const digits = match[1] ?? '';
  const range: Range = [start + i, start + i + match[0].length];
  if (digits.length < 2 || digits.length > 8) {
    problems.push({
      code: DiagnosticCode.InvalidUnicodeEscape,
      message: `Unicode sequence should use [2-8] hex digits, [${match[0]}] has ${digits.length}`,
      range,
    });
    return { text: match[0], length: match[0].length };
  }
  const code = parseInt(digits, 16);
  if (code > 0x10ffff) {
    problems.push({ code: DiagnosticCode.InvalidUnicodeEscape, message: `Invalid unicode character code [${digits}]`, range });
    return { text: match[0], length: match[0].length };
  }
  if (code >= 0xd800 && code <= 0xdfff) {
    problems.push({
      code: DiagnosticCode.InvalidUnicodeEscape,
      message: `Invalid unicode character code, [${digits}] is a surrogate code`,
      range,
    });
    return { text: match[0], length: match[0].length };
  }
  return { text: String.fromCodePoint(code), length: match[0].length };
}

/** Value of a `"""raw"""` token image: everything between the opening and the last three quotes. */
export function rawStringValue(image: string): string {
  return image.slice(3, image.length - 3);
}

/** The largest integer literal kept integral: JS numbers represent longs exactly only below 2^63. */
const LONG_LIMIT = 2 ** 63;

/**
 * An integer literal: integral when its value is below 2^63 (a long), else re-read as a double as
 * Elasticsearch does. (A literal within 2^63-1024..2^63-1 rounds to 2^63 in JS and is therefore a
 * double here, where Elasticsearch keeps a long: JS cannot hold that value exactly anyway.)
 */
export function integerValue(image: string): { value: number; integer: boolean } {
  const value = Number(image);
  return { value, integer: value < LONG_LIMIT };
}
