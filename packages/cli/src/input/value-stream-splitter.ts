import type { SplitError, Splitter, TextRecord } from './text-record.js';
import { OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE, QUOTE, BACKSLASH, NEWLINE, isSpace } from './json-chars.js';

/**
 * JSON values one after another, each spread over any number of lines: what `jq .` prints, or a
 * file holding one pretty-printed event. A record ends where its outermost `{...}` (or `[...]`)
 * closes; anything else at the top level runs to the next blank. Like the array splitter it finds
 * boundaries only and leaves validation to JSON.parse, so a bad value costs one record.
 */
export class ValueStreamSplitter implements Splitter {
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private started = false;
  /** The current record is a bare scalar (no brackets): it ends at the next blank. */
  private bare = false;
  private startLine = 0;

  push(chunk: string): TextRecord[] {
    const records: TextRecord[] = [];
    let from = this.started ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        else if (c === NEWLINE) this.line++;
        continue;
      }
      if (!this.started) {
        if (c === NEWLINE) this.line++;
        if (isSpace(c)) continue;
        this.started = true;
        this.startLine = this.line;
        this.bare = c !== OPEN_BRACE && c !== OPEN_BRACKET;
        from = i;
      }
      if (this.bare) {
        if (!isSpace(c)) continue;
        this.finish(chunk.slice(from, i), records);
        from = -1;
        if (c === NEWLINE) this.line++;
        continue;
      }
      if (c === NEWLINE) this.line++;
      else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 0) {
          this.finish(chunk.slice(from, i + 1), records);
          from = -1;
        }
      }
    }
    if (this.started) this.parts.push(chunk.slice(from));
    return records;
  }

  end(): { records: TextRecord[]; error?: SplitError } {
    if (!this.started) return { records: [] };
    const records: TextRecord[] = [];
    const open = !this.bare;
    const line = this.startLine;
    this.finish('', records);
    // An unclosed value is cut input: its record is reported as malformed, and the run fails.
    return open ? { records, error: { line, message: 'the JSON value that starts here is not closed (input ended inside it)' } } : { records };
  }

  private finish(tail: string, into: TextRecord[]): void {
    this.parts.push(tail);
    into.push({ text: this.parts.join('').trim(), line: this.startLine });
    this.parts = [];
    this.started = false;
    this.depth = 0;
  }
}

/**
 * Whether text that starts with `{` holds pretty-printed values rather than NDJSON: its first
 * line leaves the first object open. `head` starts at the first non-blank character; undefined
 * when the first line has not ended within it (no decision yet).
 */
export function firstLineLeavesObjectOpen(head: string): boolean | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === NEWLINE) return depth > 0;
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return undefined;
}
