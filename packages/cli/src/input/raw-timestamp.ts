import { hasHidingEscape, parseTimestamp } from '@eqlkit/engine/raw-lines';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, isSpace, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-chars.js';

function skipSpace(line: string, i: number): number {
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  return i;
}

/** Whether the quote at `q` is escaped: an odd number of backslashes right before it. */
function escaped(line: string, q: number): boolean {
  let n = 0;
  while (line.charCodeAt(q - 1 - n) === BACKSLASH) n++;
  return n % 2 === 1;
}

/**
 * True when position `at` of a JSON line (a quote) starts a key of the top-level object: the line
 * opens with `{`, and scanning up to `at` (strings skipped) leaves depth 1 right after `{` or `,`.
 */
function topLevelKeyAt(line: string, at: number): boolean {
  let i = skipSpace(line, 0);
  if (line.charCodeAt(i) !== OPEN_BRACE) return false;
  let depth = 1;
  let last = OPEN_BRACE;
  for (i++; i < at; i++) {
    const c = line.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === QUOTE) {
      // To the closing quote (one no odd run of backslashes escapes), found by the native
      // search: most of a line is strings, and a timestamp written last sits past all of them.
      let end = line.indexOf('"', i + 1);
      while (end !== -1 && end < at && escaped(line, end)) end = line.indexOf('"', end + 1);
      // `at` inside a string is no key.
      if (end === -1 || end >= at) return false;
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth < 1) return false;
    }
    last = c;
  }
  return depth === 1 && (last === OPEN_BRACE || last === COMMA);
}

// The key asked for is the same line after line: its JSON spelling is kept.
let lastKey = '';
let lastQuoted = '""';

/**
 * The string value of top-level `key` in a JSON object line, read without parsing it, as
 * `JSON.parse(line)[key]` would give it when the line is valid JSON. Undefined whenever that is
 * not certain from the text: the key written more than once (`JSON.parse` keeps the last) or not
 * at the top level, a value that is not a string or has an escape, a `\u` or `\/` escape anywhere
 * (which could spell the key another way).
 */
export function topLevelString(line: string, key: string): string | undefined {
  if (key !== lastKey) {
    lastKey = key;
    lastQuoted = JSON.stringify(key);
  }
  const quoted = lastQuoted;
  const at = line.indexOf(quoted);
  if (at === -1 || line.indexOf(quoted, at + quoted.length) !== -1) return undefined;
  if (hasHidingEscape(line) || !topLevelKeyAt(line, at)) return undefined;
  let i = skipSpace(line, at + quoted.length);
  if (line.charCodeAt(i) !== COLON) return undefined;
  i = skipSpace(line, i + 1);
  if (line.charCodeAt(i) !== QUOTE) return undefined;
  const end = line.indexOf('"', i + 1);
  if (end === -1) return undefined;
  const value = line.slice(i + 1, end);
  return value.includes('\\') ? undefined : value;
}

/**
 * The timestamp `eql run` holds a line in the reorder window by: its top-level `key` read from
 * the text (see `topLevelString`) as the engine reads timestamps, or undefined when that is not
 * certain. The same function on the line worker and on this thread, so both agree.
 */
export function lineTimestamp(line: string, key: string): number | undefined {
  return parseTimestamp(topLevelString(line, key));
}
