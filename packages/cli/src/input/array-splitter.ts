import type { SplitError, Splitter, TextRecord } from './text-record.js';
import { OPEN_BRACKET, CLOSE_BRACKET, OPEN_BRACE, CLOSE_BRACE, COMMA, QUOTE, BACKSLASH, NEWLINE, isSpace } from './json-chars.js';

type State = 'before' | 'inside' | 'after';

/**
 * A JSON array (or several in a row, as concatenated exports are) cut into its elements
 * without ever holding the whole array: only the current element is buffered. It finds element
 * boundaries (commas and brackets outside strings) and leaves validating each element to
 * JSON.parse, so one bad element costs one record, not the file.
 */
export class ArraySplitter implements Splitter {
  private state: State = 'before';
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private elementLine = 0;
  private elementStarted = false;
  /** A comma was read since the last element, so an element must follow (`[1,]` is an error). */
  private expectElement = false;
  private error: SplitError | undefined;

  push(chunk: string): TextRecord[] {
    const records: TextRecord[] = [];
    if (this.error) return records;
    // Start of the current element's text within this chunk, -1 when not inside an element.
    let from = this.elementStarted ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.state === 'inside') {
        if (this.inString) {
          if (this.escaped) {
            this.escaped = false;
            continue;
          }
          const end = this.stringEnd(chunk, i);
          if (end === -1) {
            i = chunk.length - 1;
            continue;
          }
          i = end;
          if (chunk.charCodeAt(end) === BACKSLASH) this.escaped = true;
          else this.inString = false;
          continue;
        }
        if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
          if (this.elementStarted) {
            this.parts.push(chunk.slice(from, i));
            records.push({ text: this.parts.join('').trimEnd(), line: this.elementLine });
            this.parts = [];
            this.elementStarted = false;
            from = -1;
          } else if (c === COMMA || this.expectElement) {
            // `[,` `[1,,2]` `[1,]`: an element is missing; report it like any bad element.
            records.push({ text: '', line: this.line });
          }
          this.expectElement = c === COMMA;
          if (c === CLOSE_BRACKET) this.state = 'after';
          continue;
        }
        if (c === NEWLINE) this.line++;
        if (isSpace(c)) continue;
        if (!this.elementStarted) {
          this.elementStarted = true;
          this.elementLine = this.line;
          from = i;
        }
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && this.depth > 0) this.depth--;
        continue;
      }
      if (c === NEWLINE) this.line++;
      if (isSpace(c)) continue;
      if (c === OPEN_BRACKET) {
        this.state = 'inside';
        this.expectElement = false;
        continue;
      }
      this.error = {
        line: this.line,
        message:
          this.state === 'before'
            ? `expected '[' to start a JSON array, found '${chunk[i]}'`
            : `unexpected '${chunk[i]}' after the end of the JSON array`,
      };
      return records;
    }
    if (this.elementStarted) this.parts.push(chunk.slice(from));
    return records;
  }

  /**
   * Index of the next `"` or backslash in `chunk` from `from`, or -1. A tight loop: most of an
   * event is string content. Counts raw newlines (invalid in a JSON string, but the line numbers
   * of later reports must stay right).
   */
  private stringEnd(chunk: string, from: number): number {
    for (let j = from; j < chunk.length; j++) {
      const c = chunk.charCodeAt(j);
      if (c === QUOTE || c === BACKSLASH) return j;
      if (c === NEWLINE) this.line++;
    }
    return -1;
  }

  end(): { records: TextRecord[]; error?: SplitError } {
    if (this.error) return { records: [], error: this.error };
    if (this.state !== 'inside') return { records: [] };
    const records: TextRecord[] = [];
    if (this.elementStarted) {
      records.push({ text: this.parts.join('').trimEnd(), line: this.elementLine });
      this.parts = [];
      this.elementStarted = false;
    }
    return { records, error: { line: this.line, message: 'the JSON array is not closed (input ended before its "]")' } };
  }
}
